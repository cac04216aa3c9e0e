//! The one escape of the renderer: text into HTML or XML, for text and
//! quoted attribute values alike. Tera's autoescape uses it for every
//! `{{ }}` of a `.html` or `.xml` template; the charts use it for the SVG
//! they draw.

/// Escapes `&`, `<`, `>`, `"` and `'`. Unlike Tera's default it leaves `/`
/// alone: it needs no escaping, and every link would grow by it.
pub fn escape(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + input.len() / 8);
    for c in input.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_quotes_are_escaped_slashes_kept() {
        assert_eq!(
            escape(r#"<a href="x">Tân Lợi & 'Đồng Nơ'</a>/"#),
            "&lt;a href=&quot;x&quot;&gt;Tân Lợi &amp; &#x27;Đồng Nơ&#x27;&lt;/a&gt;/"
        );
    }
}
