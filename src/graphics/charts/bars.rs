//! Bars of a value against its maximum, one row each: the fields of a
//! scorecard, or a ranking.

use super::svg::{Figure, Pen, WIDTH, cell, end, num, row, tenths, text_at};
use super::{Bar, Heading};
use crate::text::escape::escape_from;
use crate::text::format::{self, PERCENT_DECIMALS};
use crate::text::words::{Words, fill_into as fill};

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

#[cfg(test)]
mod tests {
    use super::super::testing::{
        drawn, heading, marks, parsed, path_data, sel, table, vertices, words,
    };
    use super::*;

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
}
