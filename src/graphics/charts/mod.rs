//! Charts as inline SVG, made at build time: data in, markup out. Colours,
//! line widths and the shapes of marks come from the theme's CSS classes
//! (`chart-*`), and every word (captions, table headers, summary sentences)
//! from the theme's words (`chart.*`): this module only draws. Nothing here
//! runs in the browser.
//!
//! Every chart is a `<figure>`: an `<svg role="img">` named by its
//! `<title>` and described by its `<desc>` (the one-sentence summary), the
//! summary again as the caption, and every number in a table under it. The
//! table is the chart's text alternative, and what tests read the plot back
//! from: the shapes carry no numbers of their own.
//!
//! A unit page has four charts and a national site 4,000 unit pages, so the
//! markup is kept small: the marks of a series are one `<path>` (bars and
//! marks are strokes, a mark a zero-length segment with round or square
//! caps), a class is given once to a group rather than to each element,
//! a path never repeats where its pen already is, coordinates have one
//! decimal (a tenth of a unit is under a pixel at the widest the stylesheet
//! shows a chart), attribute values go unquoted where HTML allows, and the
//! tables leave out the end tags HTML lets a table leave out. The markup is
//! written once, straight into one `String`, escaped as it is written.

mod pace;

use std::borrow::Cow;
use std::ops::Range;

use chrono::NaiveDate;
use serde::Serialize;

use crate::text::escape::{escape_from, push_escaped};
use crate::text::format::{self, PERCENT_DECIMALS};
use crate::text::words::{Words, fill_into as fill};
pub use pace::{PacePoint, pace};

/// A chart's identity on its page: an id prefix (unique on the page) and a
/// title.
#[derive(Debug, Clone, Copy)]
pub struct Heading<'a> {
    pub id: &'a str,
    pub title: &'a str,
}

/// One horizontal bar: `value` out of `max`, with a label.
#[derive(Debug, Clone, Serialize)]
pub struct Bar<'a> {
    pub label: Cow<'a, str>,
    pub value: f64,
    pub max: f64,
    /// Shown before the label, e.g. a rank ("1").
    pub prefix: Option<Cow<'a, str>>,
}

/// One point of a history: a date and a value.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Point {
    pub date: NaiveDate,
    pub value: f64,
}

/// One segment of a stacked bar.
#[derive(Debug, Clone, Copy)]
pub struct Segment<'a> {
    /// Used as a CSS class suffix: `chart-seg-<key>`.
    pub key: &'a str,
    pub label: &'a str,
    pub count: usize,
}

const WIDTH: f64 = 320.0;

/// A length in tenths of a unit, the precision of every coordinate.
fn tenths(x: f64) -> i64 {
    // The charts' coordinates are a few hundred units: the bound only keeps
    // the pen's arithmetic from overflowing; what is no number is drawn at 0.
    let t = (x * 10.0).round().clamp(-1e12, 1e12);
    if t.is_finite() { t as i64 } else { 0 }
}

/// Writes `t` tenths as a number: `12`, `12.5`, `-0.5`.
fn push_tenths(out: &mut String, t: i64) {
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
fn tenths_len(t: i64) -> usize {
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
fn coord(out: &mut String, x: f64) {
    push_tenths(out, tenths(x));
}

/// An attribute value, `value` escaped between a `prefix` and a `suffix`
/// that need no escaping, in quotes only when HTML needs them.
fn attr(out: &mut String, prefix: &str, value: &str, suffix: &str) {
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
struct Pen {
    x: i64,
    y: i64,
    /// Where the subpath began, where `z` takes the pen back.
    from: (i64, i64),
    started: bool,
}

impl Pen {
    fn move_to(&mut self, out: &mut String, x: f64, y: f64) {
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
    fn close(&mut self, out: &mut String) {
        out.push('z');
        (self.x, self.y) = self.from;
    }

    fn horizontal(&mut self, out: &mut String, x: f64) {
        let x = tenths(x);
        if x != self.x {
            self.command(out, 'H', x, x - self.x);
            self.x = x;
        }
    }

    fn vertical(&mut self, out: &mut String, y: f64) {
        let y = tenths(y);
        if y != self.y {
            self.command(out, 'V', y, y - self.y);
            self.y = y;
        }
    }

    fn command(&self, out: &mut String, absolute: char, to: i64, by: i64) {
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
    fn mark(&mut self, out: &mut String, x: f64, y: f64) {
        if self.started && (tenths(x), tenths(y)) == (self.x, self.y) {
            return;
        }
        self.move_to(out, x, y);
        out.push_str("h0");
    }

    /// A step line through `points`: across to each point's x, then up or
    /// down to its y. Runs of the same y are one command.
    fn steps(&mut self, out: &mut String, points: impl IntoIterator<Item = (f64, f64)>) {
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

fn pair(out: &mut String, a: i64, b: i64) {
    push_tenths(out, a);
    if b >= 0 {
        out.push(' ');
    }
    push_tenths(out, b);
}

/// `<text x=… y=…>` (x left out at 0, the default), with an anchor when it
/// differs from its group's.
fn text_at(out: &mut String, x: f64, y: f64, anchor: Option<&str>) {
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
struct Figure {
    title: Range<usize>,
    summary: Range<usize>,
}

impl Figure {
    /// Opens a chart's figure and its SVG, `height` units high, and writes
    /// the title and the summary (`summary` writes it as it is; it is
    /// escaped here). The caller draws the shapes next.
    fn open(
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
    fn table(self, out: &mut String, words: &Words, columns: &[&str]) {
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
fn row(out: &mut String, head: impl FnOnce(&mut String)) {
    out.push_str("<tr><th>");
    let start = out.len();
    head(out);
    escape_from(out, start);
}

/// Starts a cell of a row of numbers.
fn cell(out: &mut String) -> &mut String {
    out.push_str("<td>");
    out
}

/// Ends a chart's figure after its table's rows.
fn end(out: &mut String) {
    out.push_str("</table></details></figure>");
}

/// A number as the words' language writes it.
fn num(out: &mut String, words: &Words, value: f64, decimals: usize) {
    format::push_number(out, words.language(), value, decimals);
}

/// Bars of value against max, one row each (fields of a scorecard, or a
/// ranking when `prefix` holds the rank), written into `out`.
pub fn bars(out: &mut String, h: &Heading, bars: &[Bar], unit_word: &str, words: &Words) {
    // Each row: the label on its own line across the whole width, then the
    // bar with the value at its right end.
    let row_h = 38.0;
    let track = WIDTH - 112.0 - 6.0;
    let height = (bars.len() as f64 * row_h).max(row_h) + 2.0;
    let figure = Figure::open(out, h, "bars", height, |out| {
        bars_summary(out, bars, unit_word, words);
    });
    let top = |i: usize| i as f64 * row_h;
    if !bars.is_empty() {
        // Track and fill are 12 units wide strokes through the bar's middle.
        out.push_str("<path class=chart-track d=\"");
        let mut pen = Pen::default();
        for i in 0..bars.len() {
            pen.move_to(out, 0.0, top(i) + 25.0);
            pen.horizontal(out, track);
        }
        out.push_str("\"/>");
        let filled = |b: &Bar| tenths(track * share(b)) > 0;
        if bars.iter().any(filled) {
            out.push_str("<path class=chart-fill d=\"");
            let mut pen = Pen::default();
            for (i, b) in bars.iter().enumerate().filter(|(_, b)| filled(b)) {
                pen.move_to(out, 0.0, top(i) + 25.0);
                pen.horizontal(out, track * share(b));
            }
            out.push_str("\"/>");
        }
        out.push_str("<g class=chart-label>");
        for (i, b) in bars.iter().enumerate() {
            text_at(out, 0.0, top(i) + 13.0, None);
            let start = out.len();
            label(out, b);
            truncate(out, start, 44);
            escape_from(out, start);
            out.push_str("</text>");
        }
        out.push_str("</g><g class=chart-value text-anchor=end>");
        for (i, b) in bars.iter().enumerate() {
            text_at(out, WIDTH, top(i) + 30.0, None);
            let start = out.len();
            amount(out, b.value, b.max, unit_word, words);
            escape_from(out, start);
            out.push_str("</text>");
        }
        out.push_str("</g>");
    }
    figure.table(
        out,
        words,
        &["chart.item", "chart.value", "chart.max", "chart.share"],
    );
    for b in bars {
        row(out, |out| label(out, b));
        num(cell(out), words, b.value, 3);
        num(cell(out), words, b.max, 3);
        num(cell(out), words, percent(b.value, b.max), PERCENT_DECIMALS);
        out.push('%');
    }
    end(out);
}

/// A bar's label, after its prefix: `1. Tân Lợi`.
fn label(out: &mut String, b: &Bar) {
    if let Some(p) = &b.prefix {
        out.push_str(p);
        out.push_str(". ");
    }
    out.push_str(&b.label);
}

/// The bar's share of its max, from 0 to 1.
fn share(b: &Bar) -> f64 {
    if b.max > 0.0 {
        (b.value / b.max).clamp(0.0, 1.0)
    } else {
        0.0
    }
}

/// `3,5/6,5 điểm`, or `90%` when the values are percentages.
fn amount(out: &mut String, value: f64, max: f64, unit_word: &str, words: &Words) {
    if unit_word == "%" {
        num(out, words, value, PERCENT_DECIMALS);
        out.push('%');
    } else {
        fill(out, words.get("chart.amount"), |out, slot| {
            match slot {
                "value" => num(out, words, value, 2),
                "max" => num(out, words, max, 2),
                "unit" => out.push_str(unit_word),
                _ => return false,
            }
            true
        });
    }
}

fn percent(v: f64, max: f64) -> f64 {
    if max > 0.0 { v / max * 100.0 } else { 0.0 }
}

fn bars_summary(out: &mut String, bars: &[Bar], unit_word: &str, words: &Words) {
    let Some(first) = bars.first() else {
        out.push_str(words.get("chart.no_data"));
        return;
    };
    let by_share = |b: &&Bar| percent(b.value, b.max);
    let best = bars
        .iter()
        .max_by(|a, b| by_share(a).total_cmp(&by_share(b)))
        .unwrap_or(first);
    let worst = bars
        .iter()
        .min_by(|a, b| by_share(a).total_cmp(&by_share(b)))
        .unwrap_or(first);
    let share = |out: &mut String, b: &Bar| {
        if unit_word != "%" {
            fill(out, words.get("chart.share_of"), |out, slot| {
                let known = slot == "share";
                if known {
                    num(out, words, percent(b.value, b.max), PERCENT_DECIMALS);
                }
                known
            });
        }
    };
    if bars.len() == 1 {
        fill(out, words.form("chart.bars_one", None), |out, slot| {
            match slot {
                "label" => out.push_str(&best.label),
                "amount" => amount(out, best.value, best.max, unit_word, words),
                "share" => share(out, best),
                _ => return false,
            }
            true
        });
        return;
    }
    let count = bars.len() as u64;
    fill(
        out,
        words.form("chart.bars_many", Some(count)),
        |out, slot| {
            match slot {
                "count" => format::push_integer(out, count),
                "best" => out.push_str(&best.label),
                "best_amount" => amount(out, best.value, best.max, unit_word, words),
                "best_share" => share(out, best),
                "worst" => out.push_str(&worst.label),
                "worst_amount" => amount(out, worst.value, worst.max, unit_word, words),
                "worst_share" => share(out, worst),
                _ => return false,
            }
            true
        },
    );
}

/// Cuts what `out` holds from `start` on to `n` characters, the last of
/// them `…`, when it is longer.
fn truncate(out: &mut String, start: usize, n: usize) {
    let mut ends = out[start..].char_indices().map(|(i, _)| start + i);
    let Some(cut) = ends.nth(n - 1) else { return };
    if ends.next().is_none() {
        // Exactly n characters: they fit.
        return;
    }
    out.truncate(cut);
    let kept = out[start..].trim_end().len();
    out.truncate(start + kept);
    out.push('…');
}

/// A step line of a value over snapshots, on a scale from 0 to `max`,
/// written into `out`.
pub fn history(
    out: &mut String,
    h: &Heading,
    points: &[Point],
    max: f64,
    unit_word: &str,
    words: &Words,
) {
    let (left, right, top, bottom) = (34.0, 14.0, 22.0, 26.0);
    let plot_h = 110.0;
    let height = top + plot_h + bottom;
    let plot_w = WIDTH - left - right;
    let max = if max > 0.0 { max } else { 1.0 };
    let x = |i: usize| {
        if points.len() <= 1 {
            left + plot_w / 2.0
        } else {
            left + plot_w * i as f64 / (points.len() - 1) as f64
        }
    };
    let y = |v: f64| top + plot_h * (1.0 - (v / max).clamp(0.0, 1.0));
    let dates = format::Dates::new(words);
    let figure = Figure::open(out, h, "history", height, |out| {
        history_summary(out, points, max, unit_word, words, &dates);
    });
    // Axis and gridlines at 0, half and max.
    gridlines(
        out,
        [0.0, max / 2.0, max].map(|v| (y(v), v)),
        left,
        right,
        words,
    );
    if points.len() > 1 {
        out.push_str("<path class=chart-line d=\"");
        let steps = points.iter().enumerate().map(|(i, p)| (x(i), y(p.value)));
        Pen::default().steps(out, steps);
        out.push_str("\"/>");
    }
    if !points.is_empty() {
        // A ring at each point: a dot of the line's colour under a smaller
        // one of the background's, on the same marks.
        out.push_str("<path class=chart-point d=\"");
        let start = out.len();
        let mut pen = Pen::default();
        for (i, p) in points.iter().enumerate() {
            pen.mark(out, x(i), y(p.value));
        }
        let marks = start..out.len();
        out.push_str("\"/><path class=chart-hole d=\"");
        out.extend_from_within(marks);
        out.push_str("\"/>");
    }
    // Dates under the axis and values over their points: about six, the
    // first and the last always.
    let step = (points.len() / 6).max(1);
    let labelled = || {
        points
            .iter()
            .enumerate()
            .filter(move |(i, _)| i % step == 0 || i + 1 == points.len())
    };
    let anchor = |i: usize| match i {
        0 if points.len() > 1 => Some("start"),
        i if i + 1 == points.len() && i > 0 => Some("end"),
        _ => None,
    };
    out.push_str("<g class=chart-axis text-anchor=middle>");
    for (i, p) in labelled() {
        text_at(out, x(i), height - 8.0, anchor(i));
        let start = out.len();
        dates.push_short(out, p.date);
        escape_from(out, start);
        out.push_str("</text>");
    }
    out.push_str("</g><g class=chart-value text-anchor=middle>");
    for (i, p) in labelled() {
        text_at(out, x(i), (y(p.value) - 7.0).max(10.0), anchor(i));
        num(out, words, p.value, 2);
        out.push_str("</text>");
    }
    out.push_str("</g>");
    figure.table(out, words, &["chart.date", "chart.value"]);
    for p in points {
        row(out, |out| dates.push(out, p.date));
        num(cell(out), words, p.value, 3);
        out.push('/');
        num(out, words, max, 3);
    }
    end(out);
}

/// Horizontal gridlines at each `(y, value)`, labelled with the value at
/// the left.
fn gridlines<const N: usize>(
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

fn history_summary(
    out: &mut String,
    points: &[Point],
    max: f64,
    unit_word: &str,
    words: &Words,
    dates: &format::Dates,
) {
    match (points.first(), points.last()) {
        (Some(first), Some(last)) if points.len() > 1 => {
            let change = last.value - first.value;
            let count = points.len() as u64;
            fill(
                out,
                words.form("chart.history_many", Some(count)),
                |out, slot| {
                    match slot {
                        "count" => format::push_integer(out, count),
                        "first" => num(out, words, first.value, 2),
                        "max" => num(out, words, max, 2),
                        "unit" => out.push_str(unit_word),
                        "first_date" => dates.push(out, first.date),
                        "last" => num(out, words, last.value, 2),
                        "last_date" => dates.push(out, last.date),
                        "trend" if change == 0.0 => out.push_str(words.get("chart.same")),
                        "trend" => {
                            let key = if change > 0.0 {
                                "chart.up"
                            } else {
                                "chart.down"
                            };
                            fill(out, words.get(key), |out, slot| {
                                match slot {
                                    "delta" => num(out, words, change.abs(), 2),
                                    "unit" => out.push_str(unit_word),
                                    _ => return false,
                                }
                                true
                            });
                        }
                        _ => return false,
                    }
                    true
                },
            );
        }
        (Some(only), _) => fill(out, words.get("chart.history_one"), |out, slot| {
            match slot {
                "date" => dates.push(out, only.date),
                "value" => num(out, words, only.value, 2),
                "max" => num(out, words, max, 2),
                "unit" => out.push_str(unit_word),
                _ => return false,
            }
            true
        }),
        _ => out.push_str(words.get("chart.history_none")),
    }
}

/// One bar split by task status, with the count of each part, written into
/// `out`.
pub fn stacked(out: &mut String, h: &Heading, segments: &[Segment], words: &Words) {
    let total: usize = segments.iter().map(|s| s.count).sum();
    let bar_h = 22.0;
    let legend_row = 18.0;
    let height = bar_h + 8.0 + legend_row * segments.len().div_ceil(2) as f64 + 4.0;
    let figure = Figure::open(out, h, "stacked", height, |out| {
        stacked_summary(out, segments, total, words);
    });
    if total == 0 {
        out.push_str("<path class=chart-empty d=\"M0 0h320v22H0z\"/>");
    }
    // Each status is one path: its part of the bar, then its legend's
    // square.
    let legend = |i: usize| {
        let x = if i.is_multiple_of(2) {
            0.0
        } else {
            WIDTH / 2.0
        };
        (x, bar_h + 8.0 + legend_row * (i / 2) as f64)
    };
    let mut done = 0;
    for (i, s) in segments.iter().enumerate() {
        let edge = |count: usize| {
            if total > 0 {
                WIDTH * count as f64 / total as f64
            } else {
                0.0
            }
        };
        let (from, to) = (edge(done), edge(done + s.count));
        done += s.count;
        out.push_str("<path class=");
        attr(out, "chart-seg-", s.key, "");
        out.push_str(" d=\"");
        let mut pen = Pen::default();
        if tenths(to) > tenths(from) {
            pen.move_to(out, from, 0.0);
            pen.horizontal(out, to);
            pen.vertical(out, bar_h);
            pen.horizontal(out, from);
            pen.close(out);
        }
        let (lx, ly) = legend(i);
        pen.move_to(out, lx, ly);
        pen.horizontal(out, lx + 12.0);
        pen.vertical(out, ly + 12.0);
        pen.horizontal(out, lx);
        pen.close(out);
        out.push_str("\"/>");
    }
    out.push_str("<g class=chart-label>");
    for (i, s) in segments.iter().enumerate() {
        let (lx, ly) = legend(i);
        text_at(out, lx + 16.0, ly + 10.5, None);
        let start = out.len();
        out.push_str(s.label);
        out.push_str(": ");
        format::push_integer(out, s.count as u64);
        escape_from(out, start);
        out.push_str("</text>");
    }
    out.push_str("</g>");
    figure.table(out, words, &["chart.status", "chart.tasks"]);
    for s in segments {
        row(out, |out| out.push_str(s.label));
        format::push_integer(cell(out), s.count as u64);
    }
    row(out, |out| out.push_str(words.get("chart.total")));
    format::push_integer(cell(out), total as u64);
    end(out);
}

fn stacked_summary(out: &mut String, segments: &[Segment], total: usize, words: &Words) {
    if total == 0 {
        out.push_str(words.get("chart.no_tasks"));
        return;
    }
    fill(out, words.get("chart.tasks_summary"), |out, slot| {
        match slot {
            "total" => format::push_integer(out, total as u64),
            "parts" => {
                let parts = segments.iter().filter(|s| s.count > 0);
                for (i, s) in parts.enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    let count = s.count as u64;
                    fill(
                        out,
                        words.form("chart.tasks_part", Some(count)),
                        |out, slot| {
                            match slot {
                                "count" => format::push_integer(out, count),
                                "label" => out.extend(s.label.chars().flat_map(char::to_lowercase)),
                                _ => return false,
                            }
                            true
                        },
                    );
                }
            }
            _ => return false,
        }
        true
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The built-in Vietnamese words, for the tests of every chart.
    pub(super) fn words() -> Words {
        Words::parse(
            include_str!("../../../themes/default/words/vi.yaml"),
            "vi.yaml",
        )
        .unwrap()
    }

    fn heading() -> Heading<'static> {
        Heading {
            id: "c1",
            title: "Điểm <theo> lĩnh vực",
        }
    }

    /// What a chart function writes, on its own.
    pub(super) fn drawn(draw: impl FnOnce(&mut String)) -> String {
        let mut out = String::new();
        draw(&mut out);
        out
    }

    /// The chart's figure as a browser parses it (HTML, not XML), checked
    /// for what every chart has: an inert `<svg role=img>` named by its
    /// title and described by its summary, which is also the caption.
    pub(super) fn parsed(figure: &str) -> scraper::Html {
        let doc = scraper::Html::parse_fragment(figure);
        let one = |s: &str| {
            let found: Vec<_> = doc.select(&sel(s)).collect();
            assert_eq!(found.len(), 1, "one {s} in {figure}");
            found[0]
        };
        let svg = one("figure > svg");
        assert_eq!(svg.value().attr("role"), Some("img"));
        let ids: Vec<&str> = svg
            .value()
            .attr("aria-labelledby")
            .unwrap()
            .split(' ')
            .collect();
        let title = one("svg > title");
        let desc = one("svg > desc");
        assert_eq!(
            ids,
            [title.value().id().unwrap(), desc.value().id().unwrap()]
        );
        let caption: String = one("figure > figcaption").text().collect();
        let title: String = title.text().collect();
        let desc: String = desc.text().collect();
        assert_eq!(caption, format!("{title}. {desc}"));
        one("figure > details > table");
        for n in doc.select(&sel("svg, svg *")) {
            assert_ne!(n.value().name(), "script");
            for (name, _) in n.value().attrs() {
                assert!(!name.starts_with("on"), "event handler {name}");
                assert!(
                    !name.starts_with("data-"),
                    "{name}: numbers are in the table"
                );
            }
        }
        doc
    }

    pub(super) fn sel(s: &str) -> scraper::Selector {
        scraper::Selector::parse(s).unwrap()
    }

    /// The rows of the chart's table: header cell and data cells, as text.
    pub(super) fn table(doc: &scraper::Html) -> Vec<Vec<String>> {
        doc.select(&sel("table tbody tr"))
            .map(|tr| {
                tr.select(&sel("th, td"))
                    .map(|c| c.text().collect())
                    .collect()
            })
            .collect()
    }

    /// The `d` of the path of class `class`.
    pub(super) fn path_data(doc: &scraper::Html, class: &str) -> String {
        let path = doc
            .select(&sel(&format!("path.{class}")))
            .next()
            .unwrap_or_else(|| panic!("no path.{class}"));
        path.value().attr("d").unwrap().to_string()
    }

    /// The points a path's `d` goes through, absolute, each command's end
    /// in turn (only the commands the charts write: M m H h V v z).
    pub(super) fn vertices(d: &str) -> Vec<(char, f64, f64)> {
        let mut out = Vec::new();
        let (mut x, mut y, mut from) = (0.0, 0.0, (0.0, 0.0));
        let mut rest = d.trim();
        let number = |rest: &mut &str| -> f64 {
            let s = rest.trim_start_matches([' ', ',']);
            let len = s
                .char_indices()
                .find(|&(i, c)| !(c.is_ascii_digit() || c == '.' || (c == '-' && i == 0)))
                .map_or(s.len(), |(i, _)| i);
            *rest = &s[len..];
            s[..len].parse().unwrap()
        };
        while let Some(command) = rest.chars().next() {
            rest = &rest[1..];
            match command {
                'M' => (x, y) = (number(&mut rest), number(&mut rest)),
                'm' => (x, y) = (x + number(&mut rest), y + number(&mut rest)),
                'H' => x = number(&mut rest),
                'h' => x += number(&mut rest),
                'V' => y = number(&mut rest),
                'v' => y += number(&mut rest),
                'z' => (x, y) = from,
                ' ' => continue,
                other => panic!("unexpected command {other} in {d}"),
            }
            if command.eq_ignore_ascii_case(&'m') {
                from = (x, y);
            }
            out.push((command, x, y));
        }
        out
    }

    /// Where the marks of a path of marks are (each a move and `h0`).
    pub(super) fn marks(d: &str) -> Vec<(f64, f64)> {
        let v = vertices(d);
        v.iter()
            .filter(|(c, _, _)| c.eq_ignore_ascii_case(&'m'))
            .map(|&(_, x, y)| (x, y))
            .collect()
    }

    fn bar(label: &str, value: f64, max: f64) -> Bar<'static> {
        Bar {
            label: label.to_string().into(),
            value,
            max,
            prefix: None,
        }
    }

    #[test]
    fn bars_plot_their_numbers() {
        let bars_in = [
            bar("Lĩnh vực 1", 0.0, 3.0),
            bar("Lĩnh vực 7 <b>", 3.5, 6.5),
            bar("Lĩnh vực 8", 6.5, 6.5),
        ];
        let f = drawn(|out| bars(out, &heading(), &bars_in, "điểm", &words()));
        let doc = parsed(&f);
        assert_eq!(
            table(&doc),
            [
                ["Lĩnh vực 1", "0", "3", "0%"],
                ["Lĩnh vực 7 <b>", "3,5", "6,5", "53,85%"],
                ["Lĩnh vực 8", "6,5", "6,5", "100%"],
            ]
        );
        assert!(f.contains("&lt;b&gt;"));
        assert!(f.contains("cao nhất Lĩnh vực 8 với 6,5/6,5 điểm (100%)"));
        assert!(f.contains("thấp nhất Lĩnh vực 1 với 0/3 điểm (0%)"));
        // One track a row; a fill for each bar above zero, as long as its
        // share of the track.
        let track = marks(&path_data(&doc, "chart-track"));
        assert_eq!(track.len(), 3);
        let fills = vertices(&path_data(&doc, "chart-fill"));
        let lengths: Vec<(f64, f64)> = fills
            .chunks(2)
            .map(|seg| (seg[0].2, seg[1].1 - seg[0].1))
            .collect();
        assert_eq!(lengths, [(track[1].1, 108.8), (track[2].1, 202.0)]);
        assert!(f.contains("<title id=c1-t>Điểm &lt;theo&gt; lĩnh vực</title>"));
    }

    #[test]
    fn long_labels_are_cut_in_the_drawing_not_in_the_table() {
        let long = "Công tác chỉ đạo, điều hành cải cách hành chính của huyện";
        let ranked = Bar {
            prefix: Some("1".into()),
            ..bar(long, 1.0, 2.0)
        };
        let f = drawn(|out| {
            bars(
                out,
                &heading(),
                &[ranked, bar("Ngắn", 1.0, 2.0)],
                "điểm",
                &words(),
            )
        });
        let doc = parsed(&f);
        let labels: Vec<String> = doc
            .select(&sel(".chart-label text"))
            .map(|t| t.text().collect())
            .collect();
        assert_eq!(labels[0].chars().count(), 44);
        let kept = labels[0].strip_suffix('…').unwrap();
        assert!(format!("1. {long}").starts_with(kept), "{kept}");
        assert_eq!(labels[1], "Ngắn");
        assert_eq!(table(&doc)[0][0], format!("1. {long}"));
    }

    #[test]
    fn history_plots_each_snapshot() {
        let date = |m| NaiveDate::from_ymd_opt(2024, m, 15).unwrap();
        let points = vec![
            Point {
                date: date(1),
                value: 10.0,
            },
            Point {
                date: date(3),
                value: 12.5,
            },
            Point {
                date: date(5),
                value: 12.5,
            },
            Point {
                date: date(7),
                value: 11.0,
            },
        ];
        let f = drawn(|out| history(out, &heading(), &points, 20.0, "điểm", &words()));
        let doc = parsed(&f);
        assert_eq!(
            table(&doc),
            [
                ["15/01/2024", "10/20"],
                ["15/03/2024", "12,5/20"],
                ["15/05/2024", "12,5/20"],
                ["15/07/2024", "11/20"]
            ]
        );
        assert!(f.contains("tăng 1 điểm"));
        // The marks read back as the values, on the scale 0..20 from
        // y = 132 down to y = 22; the ring's two paths share them.
        let plotted: Vec<f64> = marks(&path_data(&doc, "chart-point"))
            .iter()
            .map(|&(_, y)| (20.0 * (132.0 - y) / 110.0 * 10.0).round() / 10.0)
            .collect();
        assert_eq!(plotted, [10.0, 12.5, 12.5, 11.0]);
        assert_eq!(
            path_data(&doc, "chart-point"),
            path_data(&doc, "chart-hole")
        );
        // The step line: no command repeats where the pen is, and the run
        // at 12,5 is one line across.
        let line = path_data(&doc, "chart-line");
        let steps = vertices(&line);
        assert_eq!(steps.len(), 5, "{line}");
        assert!(
            steps
                .windows(2)
                .all(|w| (w[0].1, w[0].2) != (w[1].1, w[1].2))
        );
        assert_eq!(
            steps.last().map(|s| (s.1, s.2)),
            marks(&path_data(&doc, "chart-point")).last().copied()
        );
        let one = drawn(|out| history(out, &heading(), &points[..1], 20.0, "điểm", &words()));
        parsed(&one);
        assert!(one.contains("Mới có một đợt"));
    }

    #[test]
    fn stacked_counts_add_up() {
        let segs = [
            Segment {
                key: "done",
                label: "Đã hoàn thành",
                count: 3,
            },
            Segment {
                key: "due-soon",
                label: "Sắp đến hạn",
                count: 0,
            },
            Segment {
                key: "overdue",
                label: "Quá hạn",
                count: 2,
            },
        ];
        let f = drawn(|out| stacked(out, &heading(), &segs, &words()));
        let doc = parsed(&f);
        assert_eq!(
            table(&doc),
            [
                ["Đã hoàn thành", "3"],
                ["Sắp đến hạn", "0"],
                ["Quá hạn", "2"],
                ["Tổng", "5"]
            ]
        );
        assert!(f.contains("5 nhiệm vụ: 3 đã hoàn thành, 2 quá hạn."));
        // Each part of the bar as wide as its share of 320, the parts side
        // by side; then the legend's square.
        let done = vertices(&path_data(&doc, "chart-seg-done"));
        let overdue = vertices(&path_data(&doc, "chart-seg-overdue"));
        assert_eq!((done[0].1, done[1].1), (0.0, 192.0));
        assert_eq!((overdue[0].1, overdue[1].1), (192.0, 320.0));
        assert_eq!(marks(&path_data(&doc, "chart-seg-due-soon")).len(), 1);
        let empty = drawn(|out| stacked(out, &heading(), &[], &words()));
        parsed(&empty);
        assert!(empty.contains("chart-empty"));
    }

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
