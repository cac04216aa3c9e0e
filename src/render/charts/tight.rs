//! The charts' markup written short, as HTML allows it inline: an attribute
//! value without spaces, quotes, `=`, `<`, `>` or backquotes needs no quotes,
//! and an empty SVG shape is closed by `/>`. Every chart appears on many
//! pages (a unit page has four), so each byte saved here is saved thousands
//! of times at scale. The input is the charts' own markup: attribute values
//! come quoted with `"` and escaped (no `"`, `<` or `>` inside them), text is
//! escaped, so a `<` always starts a tag and a `>` always ends one.

/// SVG shapes the charts draw with no content, closed by `/>`.
const EMPTY: [&str; 5] = ["rect", "circle", "line", "path", "polyline"];

/// `html` with the quotes that HTML does not need dropped and empty shapes
/// self-closed.
pub(super) fn tighten(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        rest = &rest[lt..];
        let Some(gt) = rest.find('>') else { break };
        let tag = &rest[..=gt];
        rest = &rest[gt + 1..];
        if tag.starts_with("</") || tag.starts_with("<!") {
            out.push_str(tag);
            continue;
        }
        let ends_unquoted = open_tag(tag, &mut out);
        let name = tag[1..].split([' ', '>']).next().unwrap_or("");
        let close = format!("</{name}>");
        if EMPTY.contains(&name) && rest.starts_with(&close) {
            rest = &rest[close.len()..];
            // `<rect x=1/>` would read the value as `1/`.
            out.push_str(if ends_unquoted { " />" } else { "/>" });
        } else {
            out.push('>');
        }
    }
    out.push_str(rest);
    out
}

/// Writes the opening tag `tag` (from `<` to `>`) into `out` without its
/// closing `>` and with its values unquoted where HTML allows; says whether
/// the tag ends with an unquoted value.
fn open_tag(tag: &str, out: &mut String) -> bool {
    let inner = &tag[..tag.len() - 1];
    let mut rest = inner;
    let mut ends_unquoted = false;
    while let Some(at) = rest.find("=\"") {
        out.push_str(&rest[..at]);
        let value_start = at + 2;
        let Some(len) = rest[value_start..].find('"') else {
            break;
        };
        let value = &rest[value_start..value_start + len];
        rest = &rest[value_start + len + 1..];
        if needs_quotes(value) {
            out.push_str("=\"");
            out.push_str(value);
            out.push('"');
            ends_unquoted = false;
        } else {
            out.push('=');
            out.push_str(value);
            ends_unquoted = true;
        }
    }
    if !rest.is_empty() {
        ends_unquoted = false;
    }
    out.push_str(rest);
    ends_unquoted
}

fn needs_quotes(value: &str) -> bool {
    value.is_empty()
        || value.contains(|c: char| {
            c.is_ascii_whitespace() || matches!(c, '"' | '\'' | '=' | '<' | '>' | '`')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_quotes_html_does_not_need() {
        let html = "<g class=\"chart-row\"><text class=\"chart-label\" x=\"0\" y=\"13\">A &lt;b&gt; = \"c\"</text></g>";
        assert_eq!(
            tighten(html),
            "<g class=chart-row><text class=chart-label x=0 y=13>A &lt;b&gt; = \"c\"</text></g>"
        );
    }

    #[test]
    fn keeps_quotes_around_spaces_and_empty_values() {
        let html = "<svg viewBox=\"0 0 320 88\" data-label=\"\" role=\"img\"></svg>";
        assert_eq!(
            tighten(html),
            "<svg viewBox=\"0 0 320 88\" data-label=\"\" role=img></svg>"
        );
        let html = "<rect class=\"chart-seg chart-seg-done\" data-label=\"Quá hạn\"></rect>";
        assert_eq!(
            tighten(html),
            "<rect class=\"chart-seg chart-seg-done\" data-label=\"Quá hạn\"/>"
        );
    }

    #[test]
    fn closes_empty_shapes_apart_from_their_last_value() {
        let html =
            "<rect x=\"0\" width=\"12\"></rect><circle r=\"3\"></circle><text x=\"1\"></text>";
        assert_eq!(
            tighten(html),
            "<rect x=0 width=12 /><circle r=3 /><text x=1></text>"
        );
        // The browser reads the same shapes back.
        let doc = scraper::Html::parse_fragment(&format!("<svg>{}</svg>", tighten(html)));
        let rect = doc
            .select(&scraper::Selector::parse("rect").unwrap())
            .next()
            .unwrap();
        assert_eq!(rect.value().attr("width"), Some("12"));
        assert_eq!(rect.children().count(), 0);
        let circle = doc
            .select(&scraper::Selector::parse("svg > circle").unwrap())
            .next()
            .unwrap();
        assert_eq!(circle.value().attr("r"), Some("3"));
    }
}
