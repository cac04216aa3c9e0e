//! Tasks due and tasks done, cumulated by date: two step lines on one
//! scale, the due line dashed with square marks and the done line solid
//! with round ones, so that they differ without colour.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use super::{Figure, Heading, WIDTH, date_text, figure, fmt, gridline};
use crate::render::escape::escape;
use crate::render::format;
use crate::render::words::Words;

/// One date of a pace chart: tasks due and tasks done by then.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct PacePoint {
    /// ISO date.
    pub date: String,
    pub due: usize,
    pub done: usize,
}

/// The chart of tasks due and done over time, with its table and summary.
pub fn pace(h: &Heading, points: &[PacePoint], words: &Words) -> String {
    let (left, right, top, bottom) = (34.0, 14.0, 34.0, 26.0);
    let plot_h = 110.0;
    let height = top + plot_h + bottom;
    let plot_w = WIDTH - left - right;
    let max = points
        .iter()
        .map(|p| p.due.max(p.done))
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let days: Vec<i64> = points.iter().map(|p| day_number(&p.date)).collect();
    let (first, last) = (
        days.first().copied().unwrap_or(0),
        days.last().copied().unwrap_or(0),
    );
    let x = |i: usize| {
        if last > first {
            left + plot_w * (days[i] - first) as f64 / (last - first) as f64
        } else {
            left + plot_w / 2.0
        }
    };
    let y = |v: usize| top + plot_h * (1.0 - v as f64 / max);
    let mut body = legend(words);
    let half = (max / 2.0).round();
    for value in [0.0, half, max] {
        if value == half && (half == 0.0 || half == max) {
            continue;
        }
        gridline(&mut body, y(value as usize), value, left, right, words);
    }
    for (series, value) in [("due", due as fn(&PacePoint) -> usize), ("done", done)] {
        line(&mut body, points, series, value, &x, &y);
    }
    axis_dates(&mut body, points, &x, height - 8.0, words);
    let summary = summary(points, words);
    let table = table(points, words);
    let f = Figure {
        kind: "pace",
        height,
        summary: &summary,
        body: &body,
        table: &table,
    };
    figure(h, f, words)
}

/// One series: its steps as a path and a mark at each point.
fn line(
    body: &mut String,
    points: &[PacePoint],
    series: &str,
    value: fn(&PacePoint) -> usize,
    x: &dyn Fn(usize) -> f64,
    y: &dyn Fn(usize) -> f64,
) {
    let mut d = String::new();
    for (i, p) in points.iter().enumerate() {
        let (px, py) = (fmt(x(i)), fmt(y(value(p))));
        if i == 0 {
            let _ = write!(d, "M{px} {py}");
        } else {
            let _ = write!(d, " H{px} V{py}");
        }
    }
    if points.len() > 1 {
        let _ = write!(
            body,
            "<path class=\"chart-line chart-line-{series}\" d=\"{d}\" fill=\"none\"></path>"
        );
    }
    for (i, p) in points.iter().enumerate() {
        let _ = write!(
            body,
            "{}",
            mark(series, x(i), y(value(p)), &p.date, value(p))
        );
    }
}

/// The first and the last date under the axis (one date for one point).
fn axis_dates(
    body: &mut String,
    points: &[PacePoint],
    x: &dyn Fn(usize) -> f64,
    ty: f64,
    words: &Words,
) {
    for i in [0, points.len().saturating_sub(1)] {
        let Some(p) = points.get(i) else { break };
        let anchor = if i == 0 && points.len() > 1 {
            "start"
        } else {
            "end"
        };
        let short = chrono::NaiveDate::parse_from_str(&p.date, "%Y-%m-%d")
            .map(|d| format::date_short(words, d))
            .unwrap_or_else(|_| p.date.clone());
        let _ = write!(
            body,
            "<text class=\"chart-axis\" x=\"{tx}\" y=\"{ty}\" text-anchor=\"{anchor}\">{date}</text>",
            tx = fmt(x(i)),
            ty = fmt(ty),
            date = escape(&short),
        );
        if points.len() == 1 {
            break;
        }
    }
}

fn due(p: &PacePoint) -> usize {
    p.due
}

fn done(p: &PacePoint) -> usize {
    p.done
}

fn day_number(iso: &str) -> i64 {
    use chrono::Datelike as _;
    chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d")
        .map(|d| i64::from(d.num_days_from_ce()))
        .unwrap_or(0)
}

/// A square for a due count, a circle for a done count.
fn mark(series: &str, cx: f64, cy: f64, date: &str, value: usize) -> String {
    let data = format!(
        "data-series=\"{series}\" data-date=\"{}\" data-value=\"{value}\"",
        escape(date)
    );
    if series == "due" {
        format!(
            "<rect class=\"chart-mark chart-mark-due\" x=\"{}\" y=\"{}\" width=\"6\" height=\"6\" {data}></rect>",
            fmt(cx - 3.0),
            fmt(cy - 3.0)
        )
    } else {
        format!(
            "<circle class=\"chart-mark chart-mark-done\" cx=\"{}\" cy=\"{}\" r=\"3\" {data}></circle>",
            fmt(cx),
            fmt(cy)
        )
    }
}

fn legend(words: &Words) -> String {
    let mut out = String::new();
    for (i, series) in ["due", "done"].into_iter().enumerate() {
        let lx = i as f64 * WIDTH / 2.0;
        let _ = write!(
            out,
            "<path class=\"chart-line chart-line-{series}\" d=\"M{} 8 H{}\" fill=\"none\"></path>{}\
<text class=\"chart-label\" x=\"{}\" y=\"12\">{}</text>",
            fmt(lx),
            fmt(lx + 22.0),
            mark_plain(series, lx + 11.0, 8.0),
            fmt(lx + 28.0),
            escape(words.get(&format!("chart.pace_{series}"))),
        );
    }
    out
}

/// A legend's mark: the same shape, without numbers.
fn mark_plain(series: &str, cx: f64, cy: f64) -> String {
    if series == "due" {
        format!(
            "<rect class=\"chart-mark chart-mark-due\" x=\"{}\" y=\"{}\" width=\"6\" height=\"6\"></rect>",
            fmt(cx - 3.0),
            fmt(cy - 3.0)
        )
    } else {
        format!(
            "<circle class=\"chart-mark chart-mark-done\" cx=\"{}\" cy=\"{}\" r=\"3\"></circle>",
            fmt(cx),
            fmt(cy)
        )
    }
}

fn summary(points: &[PacePoint], words: &Words) -> String {
    let Some(last) = points.last() else {
        return words.get("chart.pace_none").to_string();
    };
    let values = [
        ("date", date_text(words, &last.date)),
        ("due", last.due.to_string()),
        ("done", last.done.to_string()),
        ("gap", last.due.saturating_sub(last.done).to_string()),
    ];
    let slots: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let key = if last.done < last.due {
        "chart.pace_behind"
    } else {
        "chart.pace_on_pace"
    };
    words.fill(key, &slots)
}

fn table(points: &[PacePoint], words: &Words) -> String {
    let mut table = format!(
        "<table><thead><tr><th scope=\"col\">{}</th><th scope=\"col\" class=\"num\">{}</th><th scope=\"col\" class=\"num\">{}</th></tr></thead><tbody>",
        escape(words.get("chart.date")),
        escape(words.get("chart.pace_due")),
        escape(words.get("chart.pace_done")),
    );
    for p in points {
        let _ = write!(
            table,
            "<tr><th scope=\"row\">{}</th><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            escape(&date_text(words, &p.date)),
            p.due,
            p.done
        );
    }
    table.push_str("</tbody></table>");
    table
}

#[cfg(test)]
mod tests {
    use super::super::tests::words;
    use super::*;

    fn point(date: &str, due: usize, done: usize) -> PacePoint {
        PacePoint {
            date: date.into(),
            due,
            done,
        }
    }

    #[test]
    fn both_lines_carry_their_counts() {
        let h = Heading {
            id: "p".into(),
            title: "Tiến độ".into(),
        };
        let points = [
            point("2024-01-25", 0, 1),
            point("2024-01-31", 2, 1),
            point("2024-06-15", 3, 2),
        ];
        let f = pace(&h, &points, &words());
        let doc = super::super::tests::svg_of(&f);
        let read = |series: &str| -> Vec<usize> {
            let marks = scraper::Selector::parse(&format!("svg [data-series={series}]")).unwrap();
            doc.select(&marks)
                .map(|n| n.value().attr("data-value").unwrap().parse().unwrap())
                .collect()
        };
        assert_eq!(read("due"), [0, 2, 3]);
        assert_eq!(read("done"), [1, 1, 2]);
        assert!(f.contains("15/06/2024"), "{f}");
        assert!(f.contains("mới có 2 nhiệm vụ hoàn thành (thiếu 1)"), "{f}");
        let none = pace(&h, &[], &words());
        assert!(none.contains(words().get("chart.pace_none")));
    }
}
