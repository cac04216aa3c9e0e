//! Tasks due and tasks done, cumulated by date: two step lines on one
//! scale, the due line dashed with square marks and the done line solid
//! with round ones, so that they differ without colour.

use chrono::{Datelike as _, NaiveDate};
use serde::Serialize;

use super::Heading;
use super::svg::{Figure, Pen, WIDTH, cell, end, gridlines, row, text_at};
use crate::text::escape::{escape_from, push_escaped};
use crate::text::format;
use crate::text::words::{Words, fill_into as fill};

/// One date of a pace chart: tasks due and tasks done by then.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct PacePoint {
    pub date: NaiveDate,
    pub due: usize,
    pub done: usize,
}

/// Which count of a point a series draws.
type Count = fn(&PacePoint) -> usize;

/// The two series: the name of each (its CSS classes `chart-line-<name>`
/// and `chart-mark-<name>`, its word `chart.pace_<name>`) and its counts.
const SERIES: [(&str, Count); 2] = [("due", |p| p.due), ("done", |p| p.done)];

/// The chart of tasks due and done over time, with its table and summary,
/// written into `out`.
pub fn pace(out: &mut String, h: &Heading, points: &[PacePoint], words: &Words) {
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
    let day = |p: &PacePoint| i64::from(p.date.num_days_from_ce());
    let (first, last) = match (points.first(), points.last()) {
        (Some(f), Some(l)) => (day(f), day(l)),
        _ => (0, 0),
    };
    let x = |p: &PacePoint| {
        if last > first {
            left + plot_w * (day(p) - first) as f64 / (last - first) as f64
        } else {
            left + plot_w / 2.0
        }
    };
    let y = |v: usize| top + plot_h * (1.0 - v as f64 / max);
    let dates = format::Dates::new(words);
    let figure = Figure::open(out, h, "pace", height, |out| {
        summary(out, points, words, &dates);
    });
    let half = (max / 2.0).round();
    let lines = [0.0, half, max].map(|v| (y(v as usize), v));
    if half == 0.0 || half == max {
        gridlines(out, [lines[0], lines[2]], left, right, words);
    } else {
        gridlines(out, lines, left, right, words);
    }
    draw_series(out, points, &x, &y, words);
    axis_dates(out, points, &x, height - 8.0, &dates);
    figure.table(
        out,
        words,
        &["chart.date", "chart.pace_due", "chart.pace_done"],
    );
    for p in points {
        row(out, |out| dates.push(out, p.date));
        format::push_integer(cell(out), p.due as u64);
        format::push_integer(cell(out), p.done as u64);
    }
    end(out);
}

/// Each series (its line and marks) and the legend over them.
fn draw_series(
    out: &mut String,
    points: &[PacePoint],
    x: &impl Fn(&PacePoint) -> f64,
    y: &impl Fn(usize) -> f64,
    words: &Words,
) {
    // Each series: its line, after the legend's sample of it, then its
    // marks, after the legend's mark (a dash pattern starts again with
    // each piece of a path, so the sample is dashed like the line).
    for (i, (series, value)) in SERIES.into_iter().enumerate() {
        let lx = i as f64 * WIDTH / 2.0;
        let mut pen = Pen::default();
        out.push_str("<path class=chart-line-");
        out.push_str(series);
        out.push_str(" d=\"");
        pen.move_to(out, lx, 8.0);
        pen.horizontal(out, lx + 22.0);
        if points.len() > 1 {
            pen.steps(out, points.iter().map(|p| (x(p), y(value(p)))));
        }
        out.push_str("\"/><path class=chart-mark-");
        out.push_str(series);
        out.push_str(" d=\"");
        let mut pen = Pen::default();
        pen.mark(out, lx + 11.0, 8.0);
        for p in points {
            pen.mark(out, x(p), y(value(p)));
        }
        out.push_str("\"/>");
    }
    out.push_str("<g class=chart-label>");
    for (i, (series, _)) in SERIES.into_iter().enumerate() {
        text_at(out, i as f64 * WIDTH / 2.0 + 28.0, 12.0, None);
        push_escaped(out, words.get(series_word(series)));
        out.push_str("</text>");
    }
    out.push_str("</g>");
}

fn series_word(series: &str) -> &'static str {
    if series == "due" {
        "chart.pace_due"
    } else {
        "chart.pace_done"
    }
}

/// The first and the last date under the axis (one date for one point).
fn axis_dates(
    out: &mut String,
    points: &[PacePoint],
    x: &dyn Fn(&PacePoint) -> f64,
    y: f64,
    dates: &format::Dates,
) {
    let date = |out: &mut String, p: &PacePoint, anchor: &str| {
        text_at(out, x(p), y, Some(anchor));
        let start = out.len();
        dates.push_short(out, p.date);
        escape_from(out, start);
        out.push_str("</text>");
    };
    match points {
        [] => return,
        [only] => {
            out.push_str("<g class=chart-axis>");
            date(out, only, "end");
        }
        [first, .., last] => {
            out.push_str("<g class=chart-axis>");
            date(out, first, "start");
            date(out, last, "end");
        }
    }
    out.push_str("</g>");
}

fn summary(out: &mut String, points: &[PacePoint], words: &Words, dates: &format::Dates) {
    let Some(last) = points.last() else {
        out.push_str(words.get("chart.pace_none"));
        return;
    };
    let key = if last.done < last.due {
        "chart.pace_behind"
    } else {
        "chart.pace_on_pace"
    };
    fill(out, words.get(key), |out, slot| {
        match slot {
            "date" => dates.push(out, last.date),
            "due" => format::push_integer(out, last.due as u64),
            "done" => format::push_integer(out, last.done as u64),
            "gap" => format::push_integer(out, last.due.saturating_sub(last.done) as u64),
            _ => return false,
        }
        true
    });
}

#[cfg(test)]
mod tests {
    use super::super::testing::{drawn, marks, parsed, path_data, table, vertices, words};
    use super::*;

    fn point(date: &str, due: usize, done: usize) -> PacePoint {
        PacePoint {
            date: format::parse_iso_date(date).unwrap(),
            due,
            done,
        }
    }

    #[test]
    fn both_lines_carry_their_counts() {
        let h = Heading {
            id: "p",
            title: "Tiến độ",
        };
        let points = [
            point("2024-01-25", 0, 1),
            point("2024-01-31", 2, 1),
            point("2024-06-15", 3, 2),
        ];
        let f = drawn(|out| pace(out, &h, &points, &words()));
        let doc = parsed(&f);
        assert_eq!(
            table(&doc),
            [
                ["25/01/2024", "0", "1"],
                ["31/01/2024", "2", "1"],
                ["15/06/2024", "3", "2"],
            ]
        );
        assert!(f.contains("mới có 2 nhiệm vụ hoàn thành (thiếu 1)"), "{f}");
        // The marks, after the legend's, read back as the counts on the
        // scale 0..3 from y = 144 up to y = 34, at the dates' places.
        let read = |series: &str| -> Vec<(f64, f64)> {
            marks(&path_data(&doc, &format!("chart-mark-{series}")))
                .into_iter()
                .skip(1)
                .map(|(x, y)| (x, (3.0 * (144.0 - y) / 110.0 * 10.0).round() / 10.0))
                .collect()
        };
        let xs = [34.0, 34.0 + 272.0 * 6.0 / 142.0, 306.0].map(|x: f64| (x * 10.0).round() / 10.0);
        assert_eq!(read("due"), [(xs[0], 0.0), (xs[1], 2.0), (xs[2], 3.0)]);
        assert_eq!(read("done"), [(xs[0], 1.0), (xs[1], 1.0), (xs[2], 2.0)]);
        // The legend's sample, then the steps; the done line stays at 1
        // from the first date to the second, in one stroke.
        let done = vertices(&path_data(&doc, "chart-line-done"));
        assert_eq!(done.len(), 2 + 3, "{done:?}");
        let none = drawn(|out| pace(out, &h, &[], &words()));
        parsed(&none);
        assert!(none.contains(words().get("chart.pace_none")));
    }
}
