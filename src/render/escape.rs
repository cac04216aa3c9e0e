//! The one escape of the renderer: text into HTML or XML, for text and
//! quoted attribute values alike. Tera's autoescape uses it for every
//! `{{ }}` of a `.html` or `.xml` template; the charts use it for the SVG
//! they draw.

/// Escapes `&`, `<`, `>`, `"` and `'`. Unlike Tera's default it leaves `/`
/// alone: it needs no escaping, and every link would grow by it.
pub fn escape(input: &str) -> String {
    let mut out = Vec::with_capacity(input.len() + input.len() / 8);
    // Writing into a vector cannot fail.
    let _ = escape_into(input, &mut out);
    // Only ASCII bytes were replaced, by ASCII: still UTF-8.
    String::from_utf8(out).unwrap_or_default()
}

/// [`escape`], appended to `out`: for code that writes its markup into one
/// `String` (the charts), with runs of plain text copied at once.
pub fn push_escaped(out: &mut String, input: &str) {
    let mut plain = 0;
    for (i, b) in input.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#x27;",
            _ => continue,
        };
        out.push_str(&input[plain..i]);
        out.push_str(entity);
        plain = i + 1;
    }
    out.push_str(&input[plain..]);
}

/// Escapes, in place, what `out` holds from byte `start` on: for text
/// written into `out` as it is (words filled with numbers and names) and
/// escaped once it is whole. Text with nothing to escape is only scanned.
pub fn escape_from(out: &mut String, start: usize) {
    let Some(at) = out.as_bytes()[start..]
        .iter()
        .position(|b| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\''))
    else {
        return;
    };
    let tail = out.split_off(start + at);
    push_escaped(out, &tail);
}

/// [`escape`], written into `out`: the escape function Tera calls for
/// every `{{ }}`, with runs of plain text copied at once.
pub fn escape_into(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let bytes = input.as_bytes();
    let mut plain = 0;
    for (i, b) in bytes.iter().enumerate() {
        let entity: &[u8] = match b {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            b'\'' => b"&#x27;",
            _ => continue,
        };
        out.write_all(&bytes[plain..i])?;
        out.write_all(entity)?;
        plain = i + 1;
    }
    out.write_all(&bytes[plain..])
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
        let mut out = String::from("<p>");
        push_escaped(&mut out, r#"<a href="x">Tân Lợi & 'Đồng Nơ'</a>/"#);
        assert_eq!(
            out,
            format!("<p>{}", escape(r#"<a href="x">Tân Lợi & 'Đồng Nơ'</a>/"#))
        );
        let mut out = String::from("<p>Tân Lợi");
        escape_from(&mut out, 3);
        assert_eq!(out, "<p>Tân Lợi");
        out.push_str(" & <b>");
        escape_from(&mut out, 3);
        assert_eq!(out, "<p>Tân Lợi &amp; &lt;b&gt;");
    }
}
