//! One bar split by task status, with the count of each part.

use super::svg::{Figure, Pen, WIDTH, attr, cell, end, row, tenths, text_at};
use super::{Heading, Segment};
use crate::text::escape::escape_from;
use crate::text::format;
use crate::text::words::{Words, fill_into as fill};

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
    use super::super::testing::{drawn, heading, marks, parsed, path_data, table, vertices, words};
    use super::*;

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
}
