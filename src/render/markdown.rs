//! Markdown written by users, to HTML that is safe to put in a page.

use pulldown_cmark::{Options, Parser, html};

/// Renders Markdown and removes anything that could run or load: scripts,
/// event handlers, `javascript:` and `data:` links, frames, styles, forms.
pub fn markdown_to_safe_html(markdown: &str) -> String {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let parser = Parser::new_ext(markdown, options);
    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut unsafe_html, parser);
    // No images: a note must not make readers' browsers fetch from other
    // servers (tracking), and pasted images rarely carry a text alternative.
    ammonia::Builder::default()
        .rm_tags(["img"])
        .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
        .link_rel(Some("noopener noreferrer"))
        .clean(&unsafe_html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
