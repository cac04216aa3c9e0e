//! Charts as inline SVG, made at build time: data in, markup out. Colors and
//! fonts come from the theme's CSS classes (`chart-*`), and every word
//! (captions, table headers, summary sentences) from the theme's words
//! (`chart.*`): this module only draws. Nothing here runs in the browser. Every chart is a `<figure>` with a title, a one-sentence
//! summary and its numbers in a table, and every mark carries its number in
//! `data-value` so that tests (and scrapers) can read the plot back.

mod pace;
mod tight;

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use super::escape::escape;
use super::format::{self, PERCENT_DECIMALS};
use super::words::Words;
pub use pace::{PacePoint, pace};

/// A chart's identity on its page: an id prefix (unique on the page) and a
/// title.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Heading {
    pub id: String,
    pub title: String,
}

/// One horizontal bar: `value` out of `max`, with a label.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub max: f64,
    /// Shown before the label, e.g. a rank ("1").
    #[serde(default)]
    pub prefix: Option<String>,
}

/// One point of a history: a date (ISO) and a value.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Point {
    pub date: String,
    pub value: f64,
}

/// One segment of a stacked bar.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Segment {
    /// Used as a CSS class suffix: `chart-seg-<key>`.
    pub key: String,
    pub label: String,
    pub count: usize,
}

const WIDTH: f64 = 320.0;

fn fmt(x: f64) -> String {
    // Coordinates with at most two decimals, the same on every machine.
    let r = (x * 100.0).round() / 100.0;
    if r == r.trunc() {
        format!("{}", r as i64)
    } else {
        format!("{r}")
    }
}

/// What every chart is drawn into: a figure with the SVG, a caption and
/// the numbers in a table.
struct Figure<'a> {
    kind: &'a str,
    height: f64,
    summary: &'a str,
    body: &'a str,
    table: &'a str,
}

fn figure(h: &Heading, f: Figure, words: &Words) -> String {
    let id = escape(&h.id);
    // Inline in HTML, the <svg> is SVG without an xmlns.
    let html = format!(
        "<figure class=\"chart chart-{kind}\" id=\"{id}\">\
<svg class=\"chart-svg\" viewBox=\"0 0 {w} {hh}\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\">\
<title id=\"{id}-t\">{title}</title><desc id=\"{id}-d\">{summary}</desc>{body}</svg>\
<figcaption><strong>{title}.</strong> {summary}</figcaption>\
<details><summary>{caption}</summary>{table}</details></figure>",
        kind = f.kind,
        w = fmt(WIDTH),
        hh = fmt(f.height),
        title = escape(&h.title),
        summary = escape(f.summary),
        body = f.body,
        table = f.table,
        caption = escape(words.get("chart.table")),
    );
    tight::tighten(&html)
}

/// Bars of value against max, one row each (fields of a scorecard, or a
/// ranking when `prefix` holds the rank).
pub fn bars(h: &Heading, bars: &[Bar], unit_word: &str, words: &Words) -> String {
    // Each row: the label on its own line across the whole width, then the
    // bar with the value at its right end.
    let row = 38.0;
    let value_w = 112.0;
    let bar_w = WIDTH - value_w;
    let height = (bars.len() as f64 * row).max(row) + 2.0;
    let mut body = String::new();
    for (i, b) in bars.iter().enumerate() {
        let y = i as f64 * row;
        let share = if b.max > 0.0 {
            (b.value / b.max).clamp(0.0, 1.0)
        } else {
            0.0
        };
        let label = match &b.prefix {
            Some(p) => format!("{p}. {}", b.label),
            None => b.label.clone(),
        };
        let value_text = amount(b.value, b.max, unit_word, words);
        let _ = write!(
            body,
            "<g class=\"chart-row\"><text class=\"chart-label\" x=\"0\" y=\"{ty}\">{label}</text>\
<rect class=\"chart-track\" x=\"0\" y=\"{by}\" width=\"{bw}\" height=\"12\"></rect>\
<rect class=\"chart-fill\" x=\"0\" y=\"{by}\" width=\"{fw}\" height=\"12\" data-label=\"{dl}\" data-value=\"{v}\" data-max=\"{m}\"></rect>\
<text class=\"chart-value\" x=\"{w}\" y=\"{vy}\" text-anchor=\"end\">{value}</text></g>",
            ty = fmt(y + 13.0),
            by = fmt(y + 19.0),
            vy = fmt(y + 30.0),
            w = fmt(WIDTH),
            bw = fmt(bar_w - 6.0),
            fw = fmt((bar_w - 6.0) * share),
            label = escape(&truncate(&label, 44)),
            value = escape(&value_text),
            dl = escape(&b.label),
            v = b.value,
            m = b.max,
        );
    }
    let summary = bars_summary(bars, unit_word, words);
    let mut table = format!(
        "<table><thead><tr><th scope=\"col\">{}</th><th scope=\"col\" class=\"num\">{}</th><th scope=\"col\" class=\"num\">{}</th><th scope=\"col\" class=\"num\">{}</th></tr></thead><tbody>",
        escape(words.get("chart.item")),
        escape(words.get("chart.value")),
        escape(words.get("chart.max")),
        escape(words.get("chart.share")),
    );
    for b in bars {
        let label = match &b.prefix {
            Some(p) => format!("{p}. {}", b.label),
            None => b.label.clone(),
        };
        let _ = write!(
            table,
            "<tr><th scope=\"row\">{}</th><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}%</td></tr>",
            escape(&label),
            num(words, b.value, 3),
            num(words, b.max, 3),
            num(words, percent(b.value, b.max), PERCENT_DECIMALS)
        );
    }
    table.push_str("</tbody></table>");
    let f = Figure {
        kind: "bars",
        height,
        summary: &summary,
        body: &body,
        table: &table,
    };
    figure(h, f, words)
}

/// `3,5/6,5 điểm`, or `90%` when the values are percentages.
fn amount(value: f64, max: f64, unit_word: &str, words: &Words) -> String {
    if unit_word == "%" {
        format::percent(words.language(), value)
    } else {
        words.fill(
            "chart.amount",
            &[
                ("value", &num(words, value, 2)),
                ("max", &num(words, max, 2)),
                ("unit", unit_word),
            ],
        )
    }
}

fn percent(v: f64, max: f64) -> f64 {
    if max > 0.0 { v / max * 100.0 } else { 0.0 }
}

fn bars_summary(bars: &[Bar], unit_word: &str, words: &Words) -> String {
    if bars.is_empty() {
        return words.get("chart.no_data").to_string();
    }
    let by_share = |b: &&Bar| percent(b.value, b.max);
    let best = bars
        .iter()
        .max_by(|a, b| by_share(a).total_cmp(&by_share(b)))
        .unwrap_or(&bars[0]);
    let worst = bars
        .iter()
        .min_by(|a, b| by_share(a).total_cmp(&by_share(b)))
        .unwrap_or(&bars[0]);
    let share = |b: &Bar| {
        if unit_word == "%" {
            String::new()
        } else {
            words.fill(
                "chart.share_of",
                &[(
                    "share",
                    &num(words, percent(b.value, b.max), PERCENT_DECIMALS),
                )],
            )
        }
    };
    let amount = |b: &Bar| amount(b.value, b.max, unit_word, words);
    if bars.len() == 1 {
        return words.fill(
            "chart.bars_one",
            &[
                ("label", &best.label),
                ("amount", &amount(best)),
                ("share", &share(best)),
            ],
        );
    }
    words.fill(
        "chart.bars_many",
        &[
            ("count", &bars.len().to_string()),
            ("best", &best.label),
            ("best_amount", &amount(best)),
            ("best_share", &share(best)),
            ("worst", &worst.label),
            ("worst_amount", &amount(worst)),
            ("worst_share", &share(worst)),
        ],
    )
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let cut: String = s.chars().take(n - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

/// A step line of a value over snapshots, on a scale from 0 to `max`.
pub fn history(h: &Heading, points: &[Point], max: f64, unit_word: &str, words: &Words) -> String {
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
    let mut body = String::new();
    // Axis and gridlines at 0, half and max.
    for frac in [0.0, 0.5, 1.0] {
        gridline(&mut body, y(max * frac), max * frac, left, right, words);
    }
    if points.len() > 1 {
        let mut d = String::new();
        for (i, p) in points.iter().enumerate() {
            if i == 0 {
                let _ = write!(d, "M{} {}", fmt(x(i)), fmt(y(p.value)));
            } else {
                let _ = write!(d, " H{} V{}", fmt(x(i)), fmt(y(p.value)));
            }
        }
        let _ = write!(
            body,
            "<path class=\"chart-line\" d=\"{d}\" fill=\"none\"></path>"
        );
    }
    let step = (points.len() / 6).max(1);
    for (i, p) in points.iter().enumerate() {
        let date = chrono::NaiveDate::parse_from_str(&p.date, "%Y-%m-%d")
            .map(|d| format::date_short(words, d))
            .unwrap_or_else(|_| p.date.clone());
        let _ = write!(
            body,
            "<circle class=\"chart-point\" cx=\"{cx}\" cy=\"{cy}\" r=\"3.5\" data-date=\"{date_iso}\" data-value=\"{v}\"></circle>",
            cx = fmt(x(i)),
            cy = fmt(y(p.value)),
            date_iso = escape(&p.date),
            v = p.value,
        );
        if i % step == 0 || i + 1 == points.len() {
            let anchor = match i {
                0 if points.len() > 1 => "start",
                i if i + 1 == points.len() && i > 0 => "end",
                _ => "middle",
            };
            let _ = write!(
                body,
                "<text class=\"chart-axis\" x=\"{tx}\" y=\"{ty}\" text-anchor=\"{anchor}\">{date}</text>\
<text class=\"chart-value\" x=\"{tx}\" y=\"{vy}\" text-anchor=\"{anchor}\">{value}</text>",
                tx = fmt(x(i)),
                ty = fmt(height - 8.0),
                vy = fmt((y(p.value) - 7.0).max(10.0)),
                date = escape(&date),
                value = escape(&num(words, p.value, 2)),
            );
        }
    }
    let summary = history_summary(points, max, unit_word, words);
    let table = history_table(points, max, words);
    let f = Figure {
        kind: "history",
        height,
        summary: &summary,
        body: &body,
        table: &table,
    };
    figure(h, f, words)
}

fn history_table(points: &[Point], max: f64, words: &Words) -> String {
    let mut table = format!(
        "<table><thead><tr><th scope=\"col\">{}</th><th scope=\"col\" class=\"num\">{}</th></tr></thead><tbody>",
        escape(words.get("chart.date")),
        escape(words.get("chart.value")),
    );
    for p in points {
        let _ = write!(
            table,
            "<tr><th scope=\"row\">{}</th><td class=\"num\">{}/{}</td></tr>",
            escape(&date_text(words, &p.date)),
            num(words, p.value, 3),
            num(words, max, 3)
        );
    }
    table.push_str("</tbody></table>");
    table
}

/// A horizontal gridline at `gy` labelled with `value`.
fn gridline(body: &mut String, gy: f64, value: f64, left: f64, right: f64, words: &Words) {
    let _ = write!(
        body,
        "<line class=\"chart-grid\" x1=\"{l}\" x2=\"{r}\" y1=\"{gy}\" y2=\"{gy}\"></line>\
<text class=\"chart-axis\" x=\"{tx}\" y=\"{ty}\" text-anchor=\"end\">{label}</text>",
        l = fmt(left),
        r = fmt(WIDTH - right),
        gy = fmt(gy),
        tx = fmt(left - 4.0),
        ty = fmt(gy + 4.0),
        label = escape(&num(words, value, 2)),
    );
}

fn history_summary(points: &[Point], max: f64, unit_word: &str, words: &Words) -> String {
    let max_text = num(words, max, 2);
    match (points.first(), points.last()) {
        (Some(first), Some(last)) if points.len() > 1 => {
            let change = last.value - first.value;
            let trend = if change == 0.0 {
                words.get("chart.same").to_string()
            } else {
                let key = if change > 0.0 {
                    "chart.up"
                } else {
                    "chart.down"
                };
                words.fill(
                    key,
                    &[("delta", &num(words, change.abs(), 2)), ("unit", unit_word)],
                )
            };
            words.fill(
                "chart.history_many",
                &[
                    ("count", &points.len().to_string()),
                    ("first", &num(words, first.value, 2)),
                    ("max", &max_text),
                    ("unit", unit_word),
                    ("first_date", &date_text(words, &first.date)),
                    ("last", &num(words, last.value, 2)),
                    ("last_date", &date_text(words, &last.date)),
                    ("trend", &trend),
                ],
            )
        }
        (Some(only), _) => words.fill(
            "chart.history_one",
            &[
                ("date", &date_text(words, &only.date)),
                ("value", &num(words, only.value, 2)),
                ("max", &max_text),
                ("unit", unit_word),
            ],
        ),
        _ => words.get("chart.history_none").to_string(),
    }
}

/// An ISO date as the words' language writes it.
fn date_text(words: &Words, iso: &str) -> String {
    chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d")
        .map(|d| format::date(words, d))
        .unwrap_or_else(|_| iso.to_string())
}

/// A number as the words' language writes it.
fn num(words: &Words, value: f64, decimals: usize) -> String {
    format::number(words.language(), value, decimals)
}

/// One bar split by task status, with the count of each part.
pub fn stacked(h: &Heading, segments: &[Segment], words: &Words) -> String {
    let total: usize = segments.iter().map(|s| s.count).sum();
    let bar_h = 22.0;
    let legend_row = 18.0;
    let height = bar_h + 8.0 + legend_row * segments.len().div_ceil(2) as f64 + 4.0;
    let mut body = String::new();
    let mut x = 0.0;
    for s in segments {
        let w = if total > 0 {
            WIDTH * s.count as f64 / total as f64
        } else {
            0.0
        };
        let _ = write!(
            body,
            "<rect class=\"chart-seg chart-seg-{key}\" x=\"{x}\" y=\"0\" width=\"{w}\" height=\"{bh}\" data-label=\"{label}\" data-value=\"{count}\"></rect>",
            key = escape(&s.key),
            x = fmt(x),
            w = fmt(w),
            bh = fmt(bar_h),
            label = escape(&s.label),
            count = s.count,
        );
        x += w;
    }
    if total == 0 {
        let _ = write!(
            body,
            "<rect class=\"chart-track\" x=\"0\" y=\"0\" width=\"{}\" height=\"{}\"></rect>",
            fmt(WIDTH),
            fmt(bar_h)
        );
    }
    for (i, s) in segments.iter().enumerate() {
        let lx = if i % 2 == 0 { 0.0 } else { WIDTH / 2.0 };
        let ly = bar_h + 8.0 + legend_row * (i / 2) as f64;
        let _ = write!(
            body,
            "<rect class=\"chart-seg chart-seg-{key}\" x=\"{lx}\" y=\"{ly}\" width=\"12\" height=\"12\"></rect>\
<text class=\"chart-label\" x=\"{tx}\" y=\"{ty}\">{label}: {count}</text>",
            key = escape(&s.key),
            lx = fmt(lx),
            ly = fmt(ly),
            tx = fmt(lx + 16.0),
            ty = fmt(ly + 10.5),
            label = escape(&s.label),
            count = s.count,
        );
    }
    let parts: Vec<String> = segments
        .iter()
        .filter(|s| s.count > 0)
        .map(|s| {
            words.fill(
                "chart.tasks_part",
                &[
                    ("count", &s.count.to_string()),
                    ("label", &s.label.to_lowercase()),
                ],
            )
        })
        .collect();
    let summary = if total == 0 {
        words.get("chart.no_tasks").to_string()
    } else {
        words.fill(
            "chart.tasks_summary",
            &[("total", &total.to_string()), ("parts", &parts.join(", "))],
        )
    };
    let table = stacked_table(segments, total, words);
    let f = Figure {
        kind: "stacked",
        height,
        summary: &summary,
        body: &body,
        table: &table,
    };
    figure(h, f, words)
}

fn stacked_table(segments: &[Segment], total: usize, words: &Words) -> String {
    let mut table = format!(
        "<table><thead><tr><th scope=\"col\">{}</th><th scope=\"col\" class=\"num\">{}</th></tr></thead><tbody>",
        escape(words.get("chart.status")),
        escape(words.get("chart.tasks")),
    );
    for s in segments {
        let _ = write!(
            table,
            "<tr><th scope=\"row\">{}</th><td class=\"num\">{}</td></tr>",
            escape(&s.label),
            s.count
        );
    }
    let _ = write!(
        table,
        "<tr><th scope=\"row\">{}</th><td class=\"num\">{total}</td></tr></tbody></table>",
        escape(words.get("chart.total")),
    );
    table
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

    fn heading() -> Heading {
        Heading {
            id: "c1".into(),
            title: "Điểm <theo> lĩnh vực".into(),
        }
    }

    /// The chart's `<svg>` as a browser parses it (HTML, not XML).
    pub(super) fn svg_of(figure: &str) -> scraper::Html {
        let doc = scraper::Html::parse_fragment(figure);
        let svg = scraper::Selector::parse("figure > svg").unwrap();
        assert_eq!(doc.select(&svg).count(), 1, "one <svg> in {figure}");
        doc
    }

    fn values(figure: &str) -> Vec<f64> {
        let doc = svg_of(figure);
        let marks = scraper::Selector::parse("svg [data-value]").unwrap();
        doc.select(&marks)
            .map(|n| n.value().attr("data-value").unwrap().parse().unwrap())
            .collect()
    }

    fn assert_inert(figure: &str) {
        let doc = svg_of(figure);
        let all = scraper::Selector::parse("svg, svg *").unwrap();
        for n in doc.select(&all) {
            assert_ne!(n.value().name(), "script");
            for (name, _) in n.value().attrs() {
                assert!(!name.starts_with("on"), "event handler {name}");
            }
        }
        let svg = doc
            .select(&scraper::Selector::parse("svg").unwrap())
            .next()
            .unwrap();
        assert_eq!(svg.value().attr("role"), Some("img"));
        assert!(
            svg.children()
                .any(|c| c.value().as_element().is_some_and(|e| e.name() == "title"))
        );
    }

    #[test]
    fn bars_plot_their_numbers() {
        let f = bars(
            &heading(),
            &[
                Bar {
                    label: "Lĩnh vực 1".into(),
                    value: 0.0,
                    max: 3.0,
                    prefix: None,
                },
                Bar {
                    label: "Lĩnh vực 7 <b>".into(),
                    value: 3.5,
                    max: 6.5,
                    prefix: None,
                },
            ],
            "điểm",
            &words(),
        );
        assert_inert(&f);
        assert_eq!(values(&f), vec![0.0, 3.5]);
        assert!(f.contains("&lt;b&gt;"));
        assert!(f.contains("cao nhất Lĩnh vực 7 &lt;b&gt; với 3,5/6,5 điểm (53,85%)"));
        assert!(f.contains("<table>"));
    }

    #[test]
    fn history_plots_each_snapshot() {
        let points = vec![
            Point {
                date: "2024-01-15".into(),
                value: 10.0,
            },
            Point {
                date: "2024-03-15".into(),
                value: 12.5,
            },
            Point {
                date: "2024-05-15".into(),
                value: 11.0,
            },
        ];
        let f = history(&heading(), &points, 20.0, "điểm", &words());
        assert_inert(&f);
        assert_eq!(values(&f), vec![10.0, 12.5, 11.0]);
        assert!(f.contains("tăng 1 điểm"));
        let one = history(&heading(), &points[..1], 20.0, "điểm", &words());
        assert_inert(&one);
        assert!(one.contains("Mới có một đợt"));
    }

    #[test]
    fn stacked_counts_add_up() {
        let segs = vec![
            Segment {
                key: "done".into(),
                label: "Đã hoàn thành".into(),
                count: 3,
            },
            Segment {
                key: "overdue".into(),
                label: "Quá hạn".into(),
                count: 2,
            },
        ];
        let f = stacked(&heading(), &segs, &words());
        assert_inert(&f);
        assert_eq!(values(&f), vec![3.0, 2.0]);
        assert!(f.contains("5 nhiệm vụ: 3 đã hoàn thành, 2 quá hạn."));
        let empty = stacked(&heading(), &[], &words());
        assert_inert(&empty);
    }
}
