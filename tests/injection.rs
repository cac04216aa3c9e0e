//! Injection corpus (tests/fixtures/injection): HTML, script, template, XML
//! and Unicode payloads in every kind of text field. The built site must not
//! run or load anything, and every payload written in a plain text field must
//! be shown literally, as text, where it is used.

mod common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::*;
use scraper::{ElementRef, Html, Selector};

fn fixture() -> PathBuf {
    repo().join("tests/fixtures/injection")
}

/// The fixture built once for all tests of this file.
fn site() -> &'static Path {
    static SITE: OnceLock<tempfile::TempDir> = OnceLock::new();
    SITE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        build(&fixture(), &dir.path().join("public"), &[]);
        dir
    })
    .path()
}

fn public() -> PathBuf {
    site().join("public")
}

fn files_with(ext: &str) -> Vec<PathBuf> {
    walkdir::WalkDir::new(public())
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect()
}

fn rel(path: &Path) -> String {
    path.strip_prefix(public()).unwrap().display().to_string()
}

fn page(route: &str) -> Html {
    Html::parse_document(&read(&public().join(route).join("index.html")))
}

/// Every text node of a document (title included), joined, untouched.
fn all_text(doc: &Html) -> String {
    doc.root_element().text().collect()
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

// ------------------------------------------------------------ inertness

/// Elements that run, load, submit or restyle, wherever they are.
const FORBIDDEN: &[&str] = &[
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "base",
    "noscript", "portal",
];

/// Attributes that hold a URL.
const URL_ATTRS: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "poster",
    "background",
    "cite",
    "srcset",
    "xlink:href",
    "ping",
];

/// A URL as a browser reads its scheme: without spaces and control
/// characters anywhere (`java\tscript:` is `javascript:`), in lower case.
fn scheme_text(url: &str) -> String {
    url.chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_lowercase()
}

/// The theme's own search: the header's form and the search page's form,
/// script and noscript, exactly as the theme writes them (a GET form to the
/// search page; the script from assets/). Nothing a user writes takes this
/// shape: the sanitizer keeps no form, script, class or id.
fn is_theme_search(el: &ElementRef) -> bool {
    let e = el.value();
    let in_search_page = el
        .ancestors()
        .filter_map(ElementRef::wrap)
        .any(|a| a.value().id() == Some("tim-kiem") && a.value().name() == "div");
    match e.name() {
        "form" => {
            let action = e.attr("action").unwrap_or("");
            let to_search =
                action.ends_with("tim-kiem/") || action.ends_with("tim-kiem/index.html");
            let class = e.attr("class");
            let in_header = el
                .ancestors()
                .filter_map(ElementRef::wrap)
                .any(|a| a.value().name() == "header");
            let (ours, attributes) = match class {
                None => (in_header, 2),
                Some(class) => (class == "search-form" && in_search_page, 3),
            };
            to_search && ours && e.attr("method").is_none() && e.attrs().count() == attributes
        }
        "script" => {
            in_search_page
                && e.attr("src")
                    .is_some_and(|s| s.ends_with("assets/search.js"))
                && el.text().next().is_none()
        }
        "noscript" => in_search_page,
        _ => false,
    }
}

/// What in `doc` could run or load something; empty when it is inert.
fn active_content(doc: &Html) -> Vec<String> {
    let mut found = Vec::new();
    let body = doc.select(&sel("body")).next();
    let in_body = |el: &ElementRef| body.is_some_and(|b| el.ancestors().any(|a| a.id() == b.id()));
    for node in doc.tree.nodes() {
        let Some(el) = ElementRef::wrap(node) else {
            continue;
        };
        let e = el.value();
        let name = e.name();
        if FORBIDDEN.contains(&name) && !is_theme_search(&el) {
            found.push(format!("<{name}> element: {}", el.html()));
        }
        if name == "meta" && e.attr("http-equiv").is_some() {
            found.push(format!("<meta http-equiv>: {}", el.html()));
        }
        if (name == "style" || name == "link") && in_body(&el) {
            found.push(format!("<{name}> in body: {}", el.html()));
        }
        for (attr, value) in e.attrs() {
            let attr_l = attr.to_ascii_lowercase();
            if attr_l.starts_with("on") {
                found.push(format!("event attribute `{attr}` on <{name}>"));
            }
            if URL_ATTRS.contains(&attr_l.as_str()) {
                let v = scheme_text(value);
                for bad in ["javascript:", "data:", "vbscript:"] {
                    if v.starts_with(bad) || (attr_l == "srcset" && v.contains(bad)) {
                        found.push(format!("{attr}=\"{value}\" on <{name}>"));
                    }
                }
            }
            if attr_l == "style" && scheme_text(value).contains("expression(") {
                found.push(format!("CSS expression in style on <{name}>"));
            }
        }
    }
    // The raw attributes, with namespaces: xlink:href on SVG and MathML.
    for node in doc.tree.nodes() {
        if let Some(el) = ElementRef::wrap(node) {
            for (qname, value) in el.value().attrs.iter() {
                let local: &str = &qname.local;
                let value: &str = value;
                if local == "href"
                    && ["javascript:", "data:", "vbscript:"]
                        .iter()
                        .any(|b| scheme_text(value).starts_with(b))
                {
                    found.push(format!("{qname:?}=\"{value}\""));
                }
            }
        }
    }
    found.sort();
    found.dedup();
    found
}

#[test]
fn the_fixture_is_valid_content_without_warnings() {
    let out = tiendo(&["check", "--content", fixture().to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("cảnh báo"), "{stderr}");
}

#[test]
fn no_page_has_anything_that_runs_or_loads() {
    let pages = files_with("html");
    assert!(pages.len() >= 20, "only {} pages", pages.len());
    let mut problems = Vec::new();
    for p in &pages {
        let doc = Html::parse_document(&read(p));
        for f in active_content(&doc) {
            problems.push(format!("{}: {f}", rel(p)));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The checker itself finds what it should (a page made by hand).
#[test]
fn the_checker_catches_each_kind_of_problem() {
    let cases = [
        "<p><script>alert(1)</script></p>",
        "<iframe src=x></iframe>",
        "<object data=x></object>",
        "<embed src=x>",
        "<form><input></form>",
        "<base href=//evil>",
        "<meta http-equiv=refresh content=0>",
        "<style>*{}</style>",
        "<img src=x onerror=alert(1)>",
        "<a href=' JaVa\tScRipt:alert(1)'>x</a>",
        "<a href='data:text/html,x'>x</a>",
        "<a href='vbscript:x'>x</a>",
        "<math><mi xlink:href='javascript:alert(1)'>x</mi></math>",
        "<svg><a xlink:href='javascript:alert(1)'><text>x</text></a></svg>",
        "<div style='width:expression(alert(1))'>x</div>",
    ];
    for body in cases {
        let doc = Html::parse_document(&format!(
            "<!DOCTYPE html><html><head><title>t</title></head><body>{body}</body></html>"
        ));
        assert!(!active_content(&doc).is_empty(), "not caught: {body}");
    }
    let fine = Html::parse_document(
        "<!DOCTYPE html><html><head><title>&lt;script&gt;</title><link rel=stylesheet href=/a.css></head><body><p>&lt;script&gt;alert(1)&lt;/script&gt; onerror=x javascript:alert(1)</p><a href=https://example.gov.vn/>x</a></body></html>",
    );
    assert_eq!(active_content(&fine), Vec::<String>::new());
}

// ------------------------------------------------------ shown as text

/// Where each payload written in a plain text field must be shown, as text.
const SHOWN: &[(&str, &str)] = &[
    // site.yaml
    ("", "Kiểm tra an toàn </title><script>alert(1)</script>"),
    ("", "UBND tỉnh Thử <base href=//evil>"),
    (
        "",
        "Trang thử <meta http-equiv=refresh content=0;url=//evil> nội dung",
    ),
    // units.yaml: names on their pages, short names in the home rankings
    ("don-vi/tinh/", "Tỉnh <script>alert(1)</script>"),
    ("don-vi/xa-mot/", "Xã \"><img src=x onerror=alert(1)>"),
    ("don-vi/xa-hai/", "Xã {{ 7*7 }} Hai"),
    ("don-vi/xa-ba/", "Xã <svg onload=alert(1)> Ba"),
    (
        "don-vi/phong/",
        "=HYPERLINK(\"https://evil.example\",\"bấm\")",
    ),
    ("don-vi/", "Xã \"><img src=x onerror=alert(1)>"),
    ("don-vi/", "=HYPERLINK(\"https://evil.example\",\"bấm\")"),
    ("", "Một ' onmouseover='alert(1)"),
    ("", "Hai \u{202E}gnp.exe\u{202C}"),
    // frameworks/xa.yaml
    (
        "tieu-chi/",
        "Bộ chỉ số <object data=\"javascript:alert(1)\"></object> xã",
    ),
    (
        "tieu-chi/",
        "Quyết định <embed src=\"javascript:alert(1)\"> số 9",
    ),
    (
        "tieu-chi/xa/1/",
        "Lĩnh vực <iframe src=javascript:alert(1)></iframe> một",
    ),
    (
        "tieu-chi/xa/1.1/",
        "Tiêu chí x{width:expression(alert(1))} một",
    ),
    (
        "tieu-chi/xa/1.1/",
        "Nguồn <style>body{display:none}</style> ghi chú",
    ),
    (
        "tieu-chi/xa/1.2/",
        "Tiêu chí <math><mi xlink:href=\"javascript:alert(1)\">toán</mi></math> hai",
    ),
    (
        "tieu-chi/xa/1.2/",
        "Chú thích --><script>alert(1)</script> hết",
    ),
    ("tieu-chi/xa/2/", "Lĩnh vực {% raw %} hai {% endraw %}"),
    (
        "tieu-chi/xa/2.1/",
        "Tiêu chí <![CDATA[ ]]><script>alert(1)</script> ba",
    ),
    ("don-vi/xa-hai/", "Tốt <b onclick=alert(1)>đậm</b>"),
    // assignments/phan-cong.yaml
    (
        "tieu-chi/xa/1.1/",
        "Quyết định <noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"> phân công",
    ),
    // scores/*.yaml
    ("dot-danh-gia/2024-03-01/", "Đợt <title>một</title> tự chấm"),
    (
        "dot-danh-gia/2024-03-01/",
        "Báo cáo <textarea>nguồn</textarea> số 3",
    ),
    (
        "tieu-chi/xa/1.1/",
        "Rất dài Rất dài <script>alert('dài')</script>",
    ),
    ("tieu-chi/xa/1.1/", "javascript:alert('tài liệu')"),
    (
        "tieu-chi/xa/1.1/",
        "<a href=\"javascript:alert(1)\">tài liệu</a>",
    ),
    // tasks/cv-kiem-tra.yaml
    (
        "van-ban/cv-kiem-tra/",
        "Công văn <form action=//evil><input name=q></form> số 1",
    ),
    ("van-ban/cv-kiem-tra/", "Quyết định {% raw %} số 2"),
    ("van-ban/cv-kiem-tra/", "Nghị định &lt;script&gt; số 3"),
    ("van-ban/cv-kiem-tra/", "Việc ' onmouseover='alert(1) một"),
    (
        "van-ban/cv-kiem-tra/",
        "Việc <a href=\"javascript:alert(1)\">bấm</a> hai",
    ),
    (
        "van-ban/cv-kiem-tra/",
        "Dòng\u{2028}tách\u{2029}đoạn {{ 7*7 }} ba",
    ),
    ("don-vi/xa-mot/", "Việc ' onmouseover='alert(1) một"),
    ("don-vi/xa-mot/", "\"><svg/onload=alert(1)> hạn"),
    (
        "thoi-han/",
        "Báo cáo <script>alert('leo thang')</script> ngay",
    ),
    // notes
    (
        "ghi-chu/ghi-chu-mot/",
        "Ghi chú ]]><script>alert(1)</script> một",
    ),
    ("ghi-chu/ghi-chu-hai/", "Ghi chú {{ 7*7 }} hai"),
    ("ghi-chu/ghi-chu-ba/", "Ghi chú <plaintext> ba"),
    (
        "ghi-chu/ghi-chu-anh/",
        "Ghi chú có ảnh <img src=x onerror=alert(1)>",
    ),
    (
        "don-vi/tinh/",
        "Ghi chú có ảnh <img src=x onerror=alert(1)>",
    ),
    ("don-vi/xa-mot/", "Ghi chú ]]><script>alert(1)</script> một"),
    ("", "Ghi chú {{ 7*7 }} hai"),
    // Markdown bodies: text around removed markup, and template syntax
    (
        "van-ban/cv-kiem-tra/",
        "Mẫu {{ 7*7 }} và {% raw %} trong chi tiết.",
    ),
    ("ghi-chu/ghi-chu-hai/", "Mẫu {{ 7*7 }} ở thân."),
    (
        "ghi-chu/ghi-chu-hai/",
        "Cú pháp khác: {% raw %}, ${7+7}, <%= 7+7 %>, #{7+7}.",
    ),
    (
        "ghi-chu/ghi-chu-ba/",
        "a\u{2028}b; ký tự đảo chiều: \u{202E}gnp.exe\u{202C}.",
    ),
];

#[test]
fn every_plain_text_payload_is_shown_literally_where_it_is_used() {
    let mut missing = Vec::new();
    for (route, payload) in SHOWN {
        let text = all_text(&page(route));
        // The meta description is an attribute, not text.
        let attrs: String = page(route)
            .select(&sel("meta[name=description]"))
            .filter_map(|m| m.value().attr("content"))
            .collect();
        if !text.contains(payload) && !attrs.contains(payload) {
            missing.push(format!("/{route}: {payload:?}"));
        }
    }
    assert!(
        missing.is_empty(),
        "not shown as text:\n{}",
        missing.join("\n")
    );
}

#[test]
fn page_titles_hold_the_names_as_text() {
    let site_title = "Kiểm tra an toàn </title><script>alert(1)</script>";
    for p in files_with("html") {
        let doc = Html::parse_document(&read(&p));
        let titles: Vec<String> = doc
            .select(&sel("head > title"))
            .map(|t| t.text().collect())
            .collect();
        assert_eq!(titles.len(), 1, "{}: {titles:?}", rel(&p));
        assert!(
            titles[0].ends_with(site_title),
            "{}: title {:?}",
            rel(&p),
            titles[0]
        );
    }
    for (route, name) in [
        ("don-vi/tinh/", "Tỉnh <script>alert(1)</script>"),
        ("don-vi/xa-mot/", "Xã \"><img src=x onerror=alert(1)>"),
        ("don-vi/xa-ba/", "Xã <svg onload=alert(1)> Ba"),
        (
            "ghi-chu/ghi-chu-mot/",
            "Ghi chú ]]><script>alert(1)</script> một",
        ),
        (
            "van-ban/cv-kiem-tra/",
            "Công văn <form action=//evil><input name=q></form> số 1",
        ),
    ] {
        let doc = page(route);
        let title: String = doc
            .select(&sel("head > title"))
            .next()
            .unwrap()
            .text()
            .collect();
        assert!(title.starts_with(name), "/{route}: title {title:?}");
        let h1: String = doc.select(&sel("h1")).next().unwrap().text().collect();
        assert!(h1.contains(name), "/{route}: h1 {h1:?}");
    }
    // The description is the attribute's whole value.
    let home = page("");
    let description = home
        .select(&sel("meta[name=description]"))
        .next()
        .and_then(|m| m.value().attr("content"));
    assert_eq!(
        description,
        Some("Trang thử <meta http-equiv=refresh content=0;url=//evil> nội dung")
    );
}

#[test]
fn template_syntax_is_shown_literally_never_evaluated() {
    let mut shown = 0;
    for p in files_with("html") {
        let text = all_text(&Html::parse_document(&read(&p)));
        shown += text.matches("{{ 7*7 }}").count();
        for evaluated in ["Xã 49", "Ghi chú 49", "Mẫu 49", "đoạn 49", "và 49"] {
            assert!(!text.contains(evaluated), "{}: `{evaluated}`", rel(&p));
        }
        assert!(
            !text.contains("{% endraw %}") || text.contains("{% raw %}"),
            "{}",
            rel(&p)
        );
    }
    assert!(shown >= 5, "{{{{ 7*7 }}}} shown {shown} times");
    for p in files_with("xml")
        .into_iter()
        .chain(files_with("json"))
        .chain(files_with("csv"))
    {
        let text = read(&p);
        for evaluated in ["Xã 49", "Ghi chú 49", "đoạn 49"] {
            assert!(!text.contains(evaluated), "{}: `{evaluated}`", rel(&p));
        }
    }
}

#[test]
fn markdown_keeps_safe_links_and_drops_dangerous_ones() {
    let doc = page("ghi-chu/ghi-chu-hai/");
    let hrefs: Vec<&str> = doc
        .select(&sel("main a[href]"))
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(
        hrefs.contains(&"https://example.gov.vn/cchc/"),
        "the safe link is gone: {hrefs:?}"
    );
    let text = all_text(&doc);
    for label in [
        "javascript",
        "hoa thường",
        "có dấu cách",
        "dữ liệu",
        "vbscript",
        "tham chiếu",
    ] {
        assert!(text.contains(label), "link text `{label}` is gone");
    }
    // The link with a title keeps its href and gets no extra attribute.
    let titled = doc
        .select(&sel("a[href='https://example.gov.vn/']"))
        .next()
        .expect("the titled link");
    assert!(titled.value().attrs().all(|(n, _)| !n.starts_with("on")));
    let mot = page("ghi-chu/ghi-chu-mot/");
    let table_cells: Vec<String> = mot
        .select(&sel("main td"))
        .map(|c| c.text().collect())
        .collect();
    assert!(!table_cells.is_empty(), "the note's table is gone");
}

// ------------------------------------------------------ feeds and data

#[test]
fn feed_and_sitemap_are_well_formed_xml_with_text_kept() {
    let feed = read(&public().join("feed.xml"));
    let doc = roxmltree::Document::parse(&feed).expect("feed.xml is XML");
    let titles: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("title"))
        .map(|n| n.text().unwrap_or("").to_string())
        .collect();
    for t in [
        "Kiểm tra an toàn </title><script>alert(1)</script>",
        "Ghi chú ]]><script>alert(1)</script> một",
        "Ghi chú {{ 7*7 }} hai",
        "Ghi chú <plaintext> ba",
    ] {
        assert!(
            titles.iter().any(|x| x == t),
            "feed title {t:?} not in {titles:?}"
        );
    }
    for n in doc.descendants().filter(|n| n.is_element()) {
        let name = n.tag_name().name();
        assert!(!FORBIDDEN.contains(&name), "feed has a <{name}> element");
        // HTML carried in the feed is checked as HTML.
        if n.attribute("type") == Some("html") {
            let html = Html::parse_fragment(n.text().unwrap_or(""));
            assert_eq!(active_content(&html), Vec::<String>::new());
        }
    }
    let sitemap = read(&public().join("sitemap.xml"));
    let doc = roxmltree::Document::parse(&sitemap).expect("sitemap.xml is XML");
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    assert!(locs.len() >= 15, "{locs:?}");
    for l in locs {
        assert!(l.starts_with("https://example.gov.vn/kiem-tra/"), "{l}");
    }
}

#[test]
fn json_holds_the_text_as_written() {
    let json: serde_json::Value =
        serde_json::from_str(&read(&public().join("du-lieu/tiendo.json"))).expect("JSON");
    let text = json.to_string();
    for s in [
        "Tỉnh <script>alert(1)</script>",
        "Xã {{ 7*7 }} Hai",
        "Dòng\u{2028}tách\u{2029}đoạn {{ 7*7 }} ba",
    ] {
        let encoded = serde_json::to_string(s).unwrap();
        assert!(
            text.contains(&encoded[1..encoded.len() - 1]),
            "{s:?} not in the JSON"
        );
    }
}

#[test]
fn csv_cells_never_start_a_formula() {
    for p in files_with("csv") {
        let text = read(&p);
        for line in text.trim_start_matches('\u{feff}').lines() {
            for cell in split_csv_line(line) {
                assert!(
                    !starts_formula(&cell),
                    "{}: cell {cell:?} starts a formula",
                    rel(&p)
                );
            }
        }
    }
    let units = read(&public().join("du-lieu/don-vi.csv"));
    assert!(
        units.contains("HYPERLINK"),
        "the unit is missing from don-vi.csv"
    );
}

/// Whether a spreadsheet would read the cell as a formula (a negative number
/// is fine).
fn starts_formula(cell: &str) -> bool {
    cell.starts_with(['=', '+', '@']) || (cell.starts_with('-') && cell.parse::<f64>().is_err())
}

/// The cells of one CSV line (RFC 4180 quoting; no line breaks in cells here).
fn split_csv_line(line: &str) -> Vec<String> {
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            ('"', true) => quoted = false,
            ('"', false) if cell.is_empty() => quoted = true,
            (',', false) => cells.push(std::mem::take(&mut cell)),
            (c, _) => cell.push(c),
        }
    }
    cells.push(cell);
    cells
}
