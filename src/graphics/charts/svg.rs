//! Writing SVG and the figure around it, small: coordinates in tenths,
//! paths drawn by a pen that takes the shorter of absolute and relative
//! commands, attributes quoted only when HTML needs it; and the parts of
//! every chart's figure (title, summary, caption, the table of numbers).

use std::ops::Range;

use super::Heading;
use crate::text::escape::{escape_from, push_escaped};
use crate::text::format;
use crate::text::words::Words;

pub(super) const WIDTH: f64 = 320.0;

/// A length in tenths of a unit, the precision of every coordinate.
pub(super) fn tenths(x: f64) -> i64 {
    // The charts' coordinates are a few hundred units: the bound only keeps
    // the pen's arithmetic from overflowing; what is no number is drawn at 0.
    let t = (x * 10.0).round().clamp(-1e12, 1e12);
    if t.is_finite() { t as i64 } else { 0 }
}

/// Writes `t` tenths as a number: `12`, `12.5`, `-0.5`.
pub(super) fn push_tenths(out: &mut String, t: i64) {
    if t < 0 {
        out.push('-');
    }
    let t = t.unsigned_abs();
    format::push_integer(out, t / 10);
    if !t.is_multiple_of(10) {
        out.push('.');
        out.push(char::from(b'0' + (t % 10) as u8));
    }
}

/// How many characters [`push_tenths`] writes for `t`.
pub(super) fn tenths_len(t: i64) -> usize {
    let mut n = t.unsigned_abs() / 10;
    let mut len = usize::from(t < 0) + if t % 10 != 0 { 2 } else { 0 };
    loop {
        len += 1;
        n /= 10;
        if n == 0 {
            return len;
        }
    }
}

/// A coordinate, as [`push_tenths`] writes it.
pub(super) fn coord(out: &mut String, x: f64) {
    push_tenths(out, tenths(x));
}

/// An attribute value, `value` escaped between a `prefix` and a `suffix`
/// that need no escaping, in quotes only when HTML needs them.
pub(super) fn attr(out: &mut String, prefix: &str, value: &str, suffix: &str) {
    let quoted = (prefix.is_empty() && value.is_empty() && suffix.is_empty())
        || value.contains(|c: char| {
            c.is_ascii_whitespace() || matches!(c, '"' | '\'' | '=' | '<' | '>' | '`')
        });
    if quoted {
        out.push('"');
    }
    out.push_str(prefix);
    push_escaped(out, value);
    out.push_str(suffix);
    if quoted {
        out.push('"');
    }
}

/// The `d` of a path, in tenths of a unit: each command is written
/// absolute or relative, whichever is shorter, and a line to where the pen
/// already is is left out.
#[derive(Default)]
pub(super) struct Pen {
    x: i64,
    y: i64,
    /// Where the subpath began, where `z` takes the pen back.
    from: (i64, i64),
    started: bool,
}

impl Pen {
    pub(super) fn move_to(&mut self, out: &mut String, x: f64, y: f64) {
        let (x, y) = (tenths(x), tenths(y));
        let (dx, dy) = (x - self.x, y - self.y);
        let pair_len = |a: i64, b: i64| tenths_len(a) + usize::from(b >= 0) + tenths_len(b);
        if !self.started || pair_len(x, y) <= pair_len(dx, dy) {
            out.push('M');
            pair(out, x, y);
        } else {
            out.push('m');
            pair(out, dx, dy);
        }
        (self.x, self.y, self.started) = (x, y, true);
        self.from = (x, y);
    }

    /// Closes the subpath: a line back to where it began.
    pub(super) fn close(&mut self, out: &mut String) {
        out.push('z');
        (self.x, self.y) = self.from;
    }

    pub(super) fn horizontal(&mut self, out: &mut String, x: f64) {
        let x = tenths(x);
        if x != self.x {
            self.command(out, 'H', x, x - self.x);
            self.x = x;
        }
    }

    pub(super) fn vertical(&mut self, out: &mut String, y: f64) {
        let y = tenths(y);
        if y != self.y {
            self.command(out, 'V', y, y - self.y);
            self.y = y;
        }
    }

    pub(super) fn command(&self, out: &mut String, absolute: char, to: i64, by: i64) {
        if tenths_len(to) <= tenths_len(by) {
            out.push(absolute);
            push_tenths(out, to);
        } else {
            out.push(absolute.to_ascii_lowercase());
            push_tenths(out, by);
        }
    }

    /// A mark at `(x, y)`: a zero-length segment, which the stylesheet's
    /// round or square caps draw as a dot or a square.
    pub(super) fn mark(&mut self, out: &mut String, x: f64, y: f64) {
        if self.started && (tenths(x), tenths(y)) == (self.x, self.y) {
            return;
        }
        self.move_to(out, x, y);
        out.push_str("h0");
    }

    /// A step line through `points`: across to each point's x, then up or
    /// down to its y. Runs of the same y are one command.
    pub(super) fn steps(&mut self, out: &mut String, points: impl IntoIterator<Item = (f64, f64)>) {
        // The x the line has to reach when the y stays the same.
        let mut across: Option<f64> = None;
        for (i, (x, y)) in points.into_iter().enumerate() {
            if i == 0 {
                self.move_to(out, x, y);
            } else if tenths(y) == self.y {
                across = Some(x);
            } else {
                across = None;
                self.horizontal(out, x);
                self.vertical(out, y);
            }
        }
        if let Some(x) = across {
            self.horizontal(out, x);
        }
    }
}

pub(super) fn pair(out: &mut String, a: i64, b: i64) {
    push_tenths(out, a);
    if b >= 0 {
        out.push(' ');
    }
    push_tenths(out, b);
}

/// `<text x=… y=…>` (x left out at 0, the default), with an anchor when it
/// differs from its group's.
pub(super) fn text_at(out: &mut String, x: f64, y: f64, anchor: Option<&str>) {
    out.push_str("<text");
    if tenths(x) != 0 {
        out.push_str(" x=");
        coord(out, x);
    }
    out.push_str(" y=");
    coord(out, y);
    if let Some(anchor) = anchor {
        out.push_str(" text-anchor=");
        out.push_str(anchor);
    }
    out.push('>');
}

/// The parts of a chart's figure already written that it repeats: its
/// title and summary, escaped.
pub(super) struct Figure {
    title: Range<usize>,
    summary: Range<usize>,
}

impl Figure {
    /// Opens a chart's figure and its SVG, `height` units high, and writes
    /// the title and the summary (`summary` writes it as it is; it is
    /// escaped here). The caller draws the shapes next.
    pub(super) fn open(
        out: &mut String,
        h: &Heading,
        kind: &str,
        height: f64,
        summary: impl FnOnce(&mut String),
    ) -> Figure {
        out.push_str("<figure class=\"chart chart-");
        out.push_str(kind);
        out.push_str("\" id=");
        attr(out, "", h.id, "");
        // Inline in HTML, the <svg> is SVG without an xmlns.
        out.push_str("><svg viewBox=\"0 0 ");
        coord(out, WIDTH);
        out.push(' ');
        coord(out, height);
        out.push_str("\" role=img aria-labelledby=\"");
        push_escaped(out, h.id);
        out.push_str("-t ");
        push_escaped(out, h.id);
        out.push_str("-d\"><title id=");
        attr(out, "", h.id, "-t");
        out.push('>');
        let start = out.len();
        push_escaped(out, h.title);
        let title = start..out.len();
        out.push_str("</title><desc id=");
        attr(out, "", h.id, "-d");
        out.push('>');
        let start = out.len();
        summary(out);
        escape_from(out, start);
        let summary = start..out.len();
        out.push_str("</desc>");
        Figure { title, summary }
    }

    /// Closes the SVG, writes the caption and opens the table of numbers
    /// with the words of `columns` as its head; the caller writes its rows
    /// ([`row`], [`cell`]), then [`end`].
    pub(super) fn table(self, out: &mut String, words: &Words, columns: &[&str]) {
        out.push_str("</svg><figcaption><strong>");
        out.extend_from_within(self.title);
        out.push_str(".</strong> ");
        out.extend_from_within(self.summary);
        out.push_str("</figcaption><details><summary>");
        push_escaped(out, words.get("chart.table"));
        out.push_str("</summary><table><thead><tr>");
        for column in columns {
            out.push_str("<th scope=col>");
            push_escaped(out, words.get(column));
        }
        // The end tags of the head, rows and cells are implied.
        out.push_str("<tbody>");
    }
}

/// Starts a row of a chart's table, headed by what `head` writes (as it
/// is; escaped here). A `<th>` that starts a row of `<td>` cells is the
/// row's header to browsers without `scope=row`.
pub(super) fn row(out: &mut String, head: impl FnOnce(&mut String)) {
    out.push_str("<tr><th>");
    let start = out.len();
    head(out);
    escape_from(out, start);
}

/// Starts a cell of a row of numbers.
pub(super) fn cell(out: &mut String) -> &mut String {
    out.push_str("<td>");
    out
}

/// Ends a chart's figure after its table's rows.
pub(super) fn end(out: &mut String) {
    out.push_str("</table></details></figure>");
}

/// A number as the words' language writes it.
pub(super) fn num(out: &mut String, words: &Words, value: f64, decimals: usize) {
    format::push_number(out, words.language(), value, decimals);
}

/// Horizontal gridlines at each `(y, value)`, labelled with the value at
/// the left.
pub(super) fn gridlines<const N: usize>(
    out: &mut String,
    lines: [(f64, f64); N],
    left: f64,
    right: f64,
    words: &Words,
) {
    out.push_str("<path class=chart-grid d=\"");
    let mut pen = Pen::default();
    for (y, _) in lines {
        pen.move_to(out, left, y);
        pen.horizontal(out, WIDTH - right);
    }
    out.push_str("\"/><g class=chart-axis text-anchor=end>");
    for (y, value) in lines {
        text_at(out, left - 4.0, y + 4.0, None);
        num(out, words, value, 2);
        out.push_str("</text>");
    }
    out.push_str("</g>");
}

#[cfg(test)]
mod tests {
    use super::super::Heading;
    use super::super::stacked;
    use super::super::testing::{drawn, sel, vertices, words};
    use super::*;

    #[test]
    fn paths_take_the_shorter_of_absolute_and_relative() {
        let mut d = String::new();
        let mut pen = Pen::default();
        pen.move_to(&mut d, 34.0, 144.0);
        pen.horizontal(&mut d, 38.06);
        pen.vertical(&mut d, 124.0);
        pen.horizontal(&mut d, 38.06);
        pen.mark(&mut d, 300.0, 124.0);
        pen.mark(&mut d, 300.0, 124.0);
        pen.mark(&mut d, 301.5, 120.0);
        assert_eq!(d, "M34 144h4.1V124M300 124h0m1.5-4h0");
        assert_eq!(
            vertices(&d).iter().map(|v| (v.1, v.2)).collect::<Vec<_>>(),
            [
                (34.0, 144.0),
                (38.1, 144.0),
                (38.1, 124.0),
                (300.0, 124.0),
                (300.0, 124.0),
                (301.5, 120.0),
                (301.5, 120.0)
            ]
        );
        let mut n = String::new();
        for t in [0, 5, -5, 10, -125, 3200, 1234567] {
            n.clear();
            push_tenths(&mut n, t);
            assert_eq!(n.len(), tenths_len(t), "{n}");
        }
    }

    #[test]
    fn ids_that_need_quotes_get_them() {
        let h = Heading {
            id: "a b\"",
            title: "T",
        };
        let f = drawn(|out| stacked(out, &h, &[], &words()));
        let doc = scraper::Html::parse_fragment(&f);
        let id = |s: &str| doc.select(&sel(s)).next().unwrap().value().id();
        assert_eq!(id("figure"), Some("a b\""));
        assert_eq!(id("title"), Some("a b\"-t"));
        assert_eq!(id("desc"), Some("a b\"-d"));
    }
}
