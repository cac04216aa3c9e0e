//! The one escape of the renderer: text into HTML or XML, for text and
//! quoted attribute values alike. Tera's autoescape uses it for every
//! `{{ }}` of a `.html` or `.xml` template; the charts use it for the SVG
//! they draw.

/// The entity that stands for `byte` in HTML, if it needs one.
const fn entity(byte: u8) -> Option<&'static str> {
    match byte {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'"' => Some("&quot;"),
        b'\'' => Some("&#x27;"),
        _ => None,
    }
}

/// Escapes `&`, `<`, `>`, `"` and `'`. Unlike Tera's default it leaves `/`
/// alone: it needs no escaping, and every link would grow by it.
pub fn escape(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + input.len() / 8);
    push_escaped(&mut out, input);
    out
}

/// [`escape`], appended to `out`: for code that writes its markup into one
/// `String` (the charts), with runs of plain text copied at once.
pub fn push_escaped(out: &mut String, input: &str) {
    let bytes = input.as_bytes();
    let mut plain = 0;
    while let Some(found) = bytes[plain..].iter().position(|&b| ESCAPED[usize::from(b)]) {
        let at = plain + found;
        out.push_str(&input[plain..at]);
        out.push_str(entity(bytes[at]).unwrap_or_default());
        plain = at + 1;
    }
    out.push_str(&input[plain..]);
}

/// Escapes, in place, what `out` holds from byte `start` on: for text
/// written into `out` as it is (words filled with numbers and names) and
/// escaped once it is whole. Text with nothing to escape is only scanned.
pub fn escape_from(out: &mut String, start: usize) {
    let Some(at) = out.as_bytes()[start..]
        .iter()
        .position(|&b| ESCAPED[usize::from(b)])
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
    while let Some(found) = bytes[plain..].iter().position(|&b| ESCAPED[usize::from(b)]) {
        let at = plain + found;
        out.write_all(&bytes[plain..at])?;
        out.write_all(entity(bytes[at]).unwrap_or_default().as_bytes())?;
        plain = at + 1;
    }
    out.write_all(&bytes[plain..])
}

/// Whether a byte has an entity, by byte: one lookup per byte of the
/// hottest loop of rendering instead of five comparisons.
const ESCAPED: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = entity(b as u8).is_some();
        b += 1;
    }
    table
};

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
