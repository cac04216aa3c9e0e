//! Markdown written by users, to HTML that is safe to put in a page.

use pulldown_cmark::{Alignment, CowStr, Event, Options, Parser, Tag, TagEnd, html};

/// Renders Markdown and removes anything that could run or load: scripts,
/// event handlers, `javascript:` and `data:` links, frames, styles, forms,
/// images.
///
/// Markdown without raw HTML is safe by construction (the renderer escapes
/// all text), so only its links and images need care; with raw HTML the
/// result goes through a full HTML sanitizer.
pub fn markdown_to_safe_html(markdown: &str) -> String {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let events: Vec<Event> = Parser::new_ext(markdown, options).collect();
    let has_raw_html = events
        .iter()
        .any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_)));
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    if has_raw_html {
        html::push_html(&mut out, events.into_iter());
        return sanitize(&out);
    }
    html::push_html(&mut out, aligned_by_class(safe_events(events)));
    out
}

/// Table cells with their column's alignment as a class (`<td class=r>`)
/// instead of the style pulldown-cmark writes (`<td style="text-align:
/// right">`): a note's table of figures has it on every cell.
fn aligned_by_class<'a>(
    events: impl Iterator<Item = Event<'a>>,
) -> impl Iterator<Item = Event<'a>> {
    let mut alignments: Vec<Alignment> = Vec::new();
    let mut in_head = false;
    let mut column = 0;
    events.map(move |e| match e {
        Event::Start(Tag::Table(ref a)) => {
            alignments = a.clone();
            e
        }
        Event::Start(Tag::TableHead) => {
            in_head = true;
            column = 0;
            e
        }
        Event::End(TagEnd::TableHead) => {
            in_head = false;
            e
        }
        Event::Start(Tag::TableRow) => {
            column = 0;
            e
        }
        Event::Start(Tag::TableCell) => {
            let class = match alignments.get(column) {
                Some(Alignment::Left) => " class=l",
                Some(Alignment::Center) => " class=c",
                Some(Alignment::Right) => " class=r",
                _ => "",
            };
            column += 1;
            let cell = if in_head { "th" } else { "td" };
            Event::Html(format!("<{cell}{class}>").into())
        }
        Event::End(TagEnd::TableCell) => {
            Event::Html(if in_head { "</th>" } else { "</td>" }.into())
        }
        other => other,
    })
}

/// Drops images (keeping their text) and the link of any unsafe URL
/// (keeping its text).
fn safe_events(events: Vec<Event<'_>>) -> impl Iterator<Item = Event<'_>> {
    let mut dropped_links = 0usize;
    events.into_iter().filter_map(move |e| match e {
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
        Event::Start(Tag::Link { ref dest_url, .. }) if !is_safe_url(dest_url) => {
            dropped_links += 1;
            None
        }
        Event::End(TagEnd::Link) if dropped_links > 0 => {
            dropped_links -= 1;
            None
        }
        // Everything else, an image's alt text included, stays.
        other => Some(other),
    })
}

/// A relative URL, or one of the schemes a reader may follow.
fn is_safe_url(url: &CowStr) -> bool {
    let compact: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    let end = compact.find(['/', '?', '#']).unwrap_or(compact.len());
    match compact[..end].find(':') {
        None => true,
        Some(colon) => matches!(&compact[..colon], "http" | "https" | "mailto" | "tel"),
    }
}

fn sanitize(html: &str) -> String {
    // No images: a note must not make readers' browsers fetch from other
    // servers (tracking), and pasted images rarely carry a text alternative.
    ammonia::Builder::default()
        .rm_tags(["img"])
        .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
        .link_rel(Some("noopener noreferrer"))
        .clean(html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_alignment_is_a_class() {
        let html = markdown_to_safe_html(
            "| Chỉ tiêu | Kế hoạch | Ghi chú |\n|:--|--:|:-:|\n| Hồ sơ | 261 | \"x\" style=\"text-align: right\" |\n",
        );
        assert!(html.contains("<th class=l>Chỉ tiêu</th>"), "{html}");
        assert!(html.contains("<td class=r>261</td>"), "{html}");
        assert!(html.contains("<td class=c>"), "{html}");
        // Text that looks like the attribute stays text.
        assert!(
            html.contains("<td class=c>\"x\" style=\"text-align: right\"</td>"),
            "{html}"
        );
        assert_eq!(html.matches("style=").count(), 1, "{html}");
    }

    #[test]
    fn renders_markdown() {
        let html = markdown_to_safe_html("**đậm** và [liên kết](https://example.gov.vn)");
        assert!(html.contains("<strong>đậm</strong>"));
        assert!(html.contains("href=\"https://example.gov.vn\""));
    }

    #[test]
    fn removes_what_could_run() {
        let html = markdown_to_safe_html(
            "<script>alert(1)</script><img src=x onerror=alert(1)><a href=\"javascript:alert(1)\">x</a><iframe src=\"https://a\"></iframe><style>*{}</style>[y](data:text/html,hi) <a href=\"data:text/html,hi\">z</a> <img src=\"data:image/png;base64,AA\">",
        );
        for bad in [
            "<script",
            "onerror",
            "javascript:",
            "<iframe",
            "<style",
            "href=\"data:",
            "src=\"data:",
        ] {
            assert!(!html.contains(bad), "{bad} left in {html}");
        }
    }

    #[test]
    fn markdown_links_and_images_without_raw_html() {
        let html = markdown_to_safe_html(
            "[a](javascript:alert(1)) [b](JaVa%0aScRiPt:x) [c](&#106;avascript:x) [d](data:text/html,x) [e](/tieu-chi/) [f](mailto:a@b.vn) ![ảnh](https://tracker.example/p.gif)",
        );
        assert!(!html.to_lowercase().contains("javascript"), "{html}");
        assert!(!html.contains("data:"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("href=\"/tieu-chi/\""));
        assert!(html.contains("href=\"mailto:a@b.vn\""));
        assert!(html.contains("ảnh"), "the alt text stays: {html}");
        assert!(
            html.contains(">a<") || html.contains("a "),
            "link text stays: {html}"
        );
    }
}
