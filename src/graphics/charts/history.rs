//! A value over snapshots: a step line on a scale from 0 to its maximum.

use super::svg::{Figure, Pen, WIDTH, cell, end, gridlines, num, row, text_at};
use super::{Heading, Point};
use crate::text::escape::escape_from;
use crate::text::format;
use crate::text::words::{Words, fill_into as fill};

/// Where a history's points go: the plot's frame and its scale.
struct Plot {
    left: f64,
    right: f64,
    top: f64,
    width: f64,
    height: f64,
    /// The value at the top of the scale.
    max: f64,
    /// How many points.
    count: usize,
}

impl Plot {
    fn new(points: &[Point], max: f64) -> Plot {
        let (left, right, top) = (34.0, 14.0, 22.0);
        Plot {
            left,
            right,
            top,
            width: WIDTH - left - right,
            height: 110.0,
            max: if max > 0.0 { max } else { 1.0 },
            count: points.len(),
        }
    }

    /// The x of the `i`th point: one point in the middle.
    fn x(&self, i: usize) -> f64 {
        if self.count <= 1 {
            self.left + self.width / 2.0
        } else {
            self.left + self.width * i as f64 / (self.count - 1) as f64
        }
    }

    /// The y of `value`, within the plot.
    fn y(&self, value: f64) -> f64 {
        self.top + self.height * (1.0 - (value / self.max).clamp(0.0, 1.0))
    }
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
    let plot = Plot::new(points, max);
    let max = plot.max;
    let height = plot.top + plot.height + 26.0;
    let dates = format::Dates::new(words);
    let figure = Figure::open(out, h, "history", height, |out| {
        history_summary(out, points, max, unit_word, words, &dates);
    });
    // Axis and gridlines at 0, half and max.
    gridlines(
        out,
        [0.0, max / 2.0, max].map(|v| (plot.y(v), v)),
        plot.left,
        plot.right,
        words,
    );
    line_and_rings(out, &plot, points);
    labels(out, &plot, points, height, words, &dates);
    figure.table(out, words, &["chart.date", "chart.value"]);
    for p in points {
        row(out, |out| dates.push(out, p.date));
        num(cell(out), words, p.value, 3);
        out.push('/');
        num(out, words, max, 3);
    }
    end(out);
}

/// The step line through the points (when there are two or more), and a
/// ring at each point.
fn line_and_rings(out: &mut String, plot: &Plot, points: &[Point]) {
    if points.len() > 1 {
        out.push_str("<path class=chart-line d=\"");
        let steps = points
            .iter()
            .enumerate()
            .map(|(i, p)| (plot.x(i), plot.y(p.value)));
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
            pen.mark(out, plot.x(i), plot.y(p.value));
        }
        let marks = start..out.len();
        out.push_str("\"/><path class=chart-hole d=\"");
        out.extend_from_within(marks);
        out.push_str("\"/>");
    }
}

/// Dates under the axis (at `height`'s foot) and values over their points:
/// about six, the first and the last always.
fn labels(
    out: &mut String,
    plot: &Plot,
    points: &[Point],
    height: f64,
    words: &Words,
    dates: &format::Dates,
) {
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
        text_at(out, plot.x(i), height - 8.0, anchor(i));
        let start = out.len();
        dates.push_short(out, p.date);
        escape_from(out, start);
        out.push_str("</text>");
    }
    out.push_str("</g><g class=chart-value text-anchor=middle>");
    for (i, p) in labelled() {
        text_at(out, plot.x(i), (plot.y(p.value) - 7.0).max(10.0), anchor(i));
        num(out, words, p.value, 2);
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

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::super::testing::{drawn, heading, marks, parsed, path_data, table, vertices, words};
    use super::*;

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
}
