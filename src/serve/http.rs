//! Answers one request from what the preview holds: a page rendered on
//! the spot, a file beside the pages, the error page while the content is
//! broken, or the long poll the reload script waits on.

use std::io::Cursor;
use std::time::Duration;

use tiny_http::{Header, Request, Response, StatusCode};

use super::Shared;
use super::live::{Ready, Site};
use crate::render::Page;
use crate::render::single;
use crate::text::escape;

/// Where the reload script waits for the next change.
pub const RELOAD_PATH: &str = "/__tiendo/reload";
/// How long one wait lasts before the script asks again.
const RELOAD_WAIT: Duration = Duration::from_secs(25);

const RELOAD_SCRIPT: &str = include_str!("reload.js");
const ERROR_PAGE: &str = include_str!("error.html");

type Reply = Response<Cursor<Vec<u8>>>;

pub fn respond(request: Request, shared: &Shared) {
    let reply = match request.method() {
        tiny_http::Method::Get | tiny_http::Method::Head => answer(request.url(), shared),
        _ => text(405, "method not allowed"),
    };
    // The browser may have gone away: nothing to do then.
    let _ = request.respond(reply);
}

fn answer(url: &str, shared: &Shared) -> Reply {
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    if path == RELOAD_PATH {
        let seen = query
            .split('&')
            .find_map(|kv| kv.strip_prefix("v="))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let now = shared.wait_for_change(seen, RELOAD_WAIT);
        return with_type(text(200, &now.to_string()), "text/plain; charset=utf-8");
    }
    let state = shared.current();
    let route = decode(path.trim_start_matches('/'));
    match &state.site {
        Site::Broken {
            problems, summary, ..
        } => {
            if looks_like_page(&route) {
                html(500, error_page(summary, problems), state.version)
            } else {
                text(503, "the content has errors: see the page or the terminal")
            }
        }
        Site::Ready(site) => serve_site(site, &route, state.version),
    }
}

/// Finds what `route` names in the site and makes it.
fn serve_site(site: &Ready, route: &str, version: u64) -> Reply {
    let page_route = route.strip_suffix("index.html").unwrap_or(route);
    if let Some((page, language)) = site.pages.find(page_route) {
        return page_reply(site, &page, language, 200, version);
    }
    if !route.is_empty() && !route.ends_with('/') && site.pages.find(&format!("{route}/")).is_some()
    {
        let to = format!("/{route}/");
        return text(301, &to).with_header(header("Location", &to));
    }
    if single::is_data_file(route) {
        let data = site
            .data
            .get_or_init(|| data_files(site).into_iter().collect());
        if let Some(bytes) = data.get(route) {
            return with_type(Response::from_data(bytes.clone()), content_type(route));
        }
    } else {
        match single::site_file(&site.model, &site.computed, &site.theme, &site.pages, route) {
            Ok(Some(file)) => {
                return with_type(Response::from_data(file.bytes), content_type(route));
            }
            Ok(None) => {}
            Err(e) => return html(500, error_page("", &[format!("{e:#}")]), version),
        }
    }
    page_reply(site, &Page::NotFound, None, 404, version)
}

fn data_files(site: &Ready) -> Vec<(String, Vec<u8>)> {
    match single::data_files(&site.model, &site.computed, &site.theme) {
        Ok((files, warnings)) => {
            for d in warnings.sorted() {
                eprintln!("{d}");
            }
            files.into_iter().map(|f| (f.path, f.bytes)).collect()
        }
        Err(e) => {
            eprintln!("lỗi: {e:#}");
            Vec::new()
        }
    }
}

/// `page` in `language` (the site's first when `None`).
fn page_reply(
    site: &Ready,
    page: &Page,
    language: Option<&str>,
    status: u16,
    version: u64,
) -> Reply {
    match single::render_page_in(&site.model, &site.computed, &site.theme, page, language) {
        Ok(bytes) => html(
            status,
            String::from_utf8_lossy(&bytes).into_owned(),
            version,
        ),
        // A template that fails at run time: show it like a content error.
        Err(e) => html(500, error_page("", &[format!("{e:#}")]), version),
    }
}

/// Whether a path is probably a page (the error page goes there) rather
/// than a stylesheet or a data file.
fn looks_like_page(route: &str) -> bool {
    let last = route.rsplit('/').next().unwrap_or("");
    last.is_empty() || last.ends_with(".html") || !last.contains('.')
}

fn error_page(summary: &str, problems: &[String]) -> String {
    let blocks: String = problems
        .iter()
        .map(|p| format!("<pre>{}</pre>\n", escape(p)))
        .collect();
    ERROR_PAGE
        .replace("__SUMMARY__", &escape(summary))
        .replace("__PROBLEMS__", &blocks)
}

/// An HTML reply with the reload script added at the end of the page.
fn html(status: u16, mut page: String, version: u64) -> Reply {
    let script = format!(
        "<script>{}</script>",
        RELOAD_SCRIPT.replace("__TIENDO_VERSION__", &version.to_string())
    );
    match page.rfind("</body>") {
        Some(at) => page.insert_str(at, &script),
        None => page.push_str(&script),
    }
    with_type(
        Response::from_data(page.into_bytes()).with_status_code(StatusCode(status)),
        "text/html; charset=utf-8",
    )
    .with_header(header("Cache-Control", "no-store"))
}

fn text(status: u16, body: &str) -> Reply {
    with_type(
        Response::from_data(body.as_bytes().to_vec()).with_status_code(StatusCode(status)),
        "text/plain; charset=utf-8",
    )
}

fn with_type(reply: Reply, content_type: &str) -> Reply {
    reply.with_header(header("Content-Type", content_type))
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("a valid header")
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "css" => "text/css; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "json" => "application/json",
        "xml" if path.ends_with("feed.xml") => "application/atom+xml; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "ics" => "text/calendar; charset=utf-8",
        "html" => "text/html; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// `%20`-style escapes of a path, decoded; invalid ones are kept as written.
fn decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_decoded_and_pages_told_from_files() {
        assert_eq!(decode("ghi-chu/a%20b/"), "ghi-chu/a b/");
        assert_eq!(decode("bad%2"), "bad%2");
        assert!(looks_like_page(""));
        assert!(looks_like_page("don-vi/tan-loi/"));
        assert!(looks_like_page("404.html"));
        assert!(!looks_like_page("assets/style.css"));
    }

    #[test]
    fn the_reload_script_goes_at_the_end_of_the_body() {
        let reply = html(200, "<html><body><p>x</p></body></html>".into(), 7);
        let mut body = String::new();
        std::io::Read::read_to_string(&mut reply.into_reader(), &mut body).unwrap();
        assert!(body.starts_with("<html><body><p>x</p><script>"));
        assert!(body.contains("var version = \"7\""));
        assert!(body.ends_with("</script></body></html>"));
    }

    #[test]
    fn the_error_page_escapes_the_problems() {
        let page = error_page("1 lỗi, 0 cảnh báo.", &["lỗi: site.yaml:3:1: <b>".into()]);
        assert!(page.contains("<pre>lỗi: site.yaml:3:1: &lt;b&gt;</pre>"));
        assert!(page.contains("1 lỗi, 0 cảnh báo."));
    }
}
