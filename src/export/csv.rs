//! Open data as CSV: units, criteria, tasks, and one wide table of scores
//! per snapshot and framework, as score sheets are kept.

use super::{ExportInput, Exporter};
use crate::model::{Model, Points};
use crate::routes::{self, OutputFile};

/// Whether a field needs quotes (RFC 4180), or a guard against being read
/// as a formula.
fn needs_quotes(s: &str) -> bool {
    s.contains([',', '"', '\n', '\r']) || s.starts_with([' ', '=', '+', '-', '@'])
}

/// Quotes a CSV field when needed (RFC 4180).
fn csv_field(s: &str) -> String {
    if needs_quotes(s) {
        // A leading = + - @ would be taken as a formula by spreadsheets:
        // quote and prefix with an apostrophe-free space-less guard.
        let guarded = if s.starts_with(['=', '+', '-', '@']) && s.parse::<f64>().is_err() {
            format!("'{s}")
        } else {
            s.to_string()
        };
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn csv(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    out.push_str(&header.join(","));
    out.push_str("\r\n");
    for row in rows {
        let fields: Vec<String> = row.iter().map(|f| csv_field(f)).collect();
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    }
    out.into_bytes()
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

fn unit_ids(model: &Model, us: &[usize]) -> String {
    us.iter()
        .map(|&u| model.units[u].id.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

pub struct CsvExporter;

impl Exporter for CsvExporter {
    fn export(&self, input: &ExportInput) -> Vec<OutputFile> {
        let mut files = vec![units(input), criteria(input), tasks(input)];
        files.extend(scores(input));
        files
    }
}

fn units(input: &ExportInput) -> OutputFile {
    let m = input.model;
    let rows = m.units.iter().enumerate().map(|(i, u)| {
        let r = input.latest(i);
        vec![
            u.id.clone(),
            u.name.clone(),
            opt(u.short_name.as_ref()),
            u.kind.clone(),
            opt(u.parent.map(|p| &m.units[p].id)),
            opt(u.framework.map(|f| &m.frameworks[f].id)),
            opt(r.map(|(_, r)| r.total)),
            opt(r.map(|(_, r)| r.max)),
            opt(r.map(|(_, r)| r.percent)),
            opt(r.and_then(|(_, r)| {
                r.band
                    .map(|b| m.frameworks[r.framework].bands[b].name.clone())
            })),
            opt(r.map(|(si, _)| m.snapshots[*si].date)),
        ]
    });
    let header = [
        "id",
        "ten",
        "ten_ngan",
        "loai",
        "cap_tren",
        "bo_chi_so",
        "diem",
        "diem_toi_da",
        "ty_le_phan_tram",
        "xep_loai",
        "ngay_danh_gia",
    ];
    OutputFile {
        path: routes::DATA_UNITS_CSV.into(),
        bytes: csv(&header, rows),
    }
}

fn criteria(input: &ExportInput) -> OutputFile {
    let rows = input.model.frameworks.iter().flat_map(|fw| {
        fw.criteria.iter().map(move |c| {
            vec![
                fw.id.clone(),
                c.code.clone(),
                c.title.clone(),
                c.max.to_string(),
                input.words.method(c.method).to_string(),
                opt(c.parent.map(|p| &fw.criteria[p].code)),
                opt(c.note.as_ref()),
            ]
        })
    });
    let header = [
        "bo_chi_so",
        "ma",
        "ten",
        "diem_toi_da",
        "phuong_phap",
        "ma_cap_tren",
        "ghi_chu",
    ];
    OutputFile {
        path: routes::DATA_CRITERIA_CSV.into(),
        bytes: csv(&header, rows),
    }
}

fn tasks(input: &ExportInput) -> OutputFile {
    let m = input.model;
    let rows = m.tasks.iter().enumerate().map(|(i, t)| {
        vec![
            t.id.clone(),
            t.title.clone(),
            m.units[t.lead].id.clone(),
            unit_ids(m, &t.partners),
            opt(t.criterion.map(|c| m.criterion_key(c))),
            opt(t.due),
            opt(t.due_text.as_ref()),
            opt(t.done_on.filter(|d| *d <= m.site.as_of)),
            input.computed.statuses[i].slug().to_string(),
            m.directives[t.directive].source.clone(),
        ]
    });
    let header = [
        "id",
        "ten",
        "chu_tri",
        "phoi_hop",
        "tieu_chi",
        "han",
        "han_nguyen_van",
        "ngay_hoan_thanh",
        "trang_thai",
        "van_ban",
    ];
    OutputFile {
        path: routes::DATA_TASKS_CSV.into(),
        bytes: csv(&header, rows),
    }
}

/// Scores: one wide table per snapshot and framework, a row per unit and a
/// column per scored criterion, as score sheets are kept.
fn scores(input: &ExportInput) -> Vec<OutputFile> {
    let m = input.model;
    let mut files = Vec::new();
    for snap in &m.snapshots {
        for (fi, fw) in m.frameworks.iter().enumerate() {
            let rows: Vec<_> = snap.units.iter().filter(|us| us.framework == fi).collect();
            if rows.is_empty() {
                continue;
            }
            let leaves: Vec<usize> = (0..fw.criteria.len())
                .filter(|&c| fw.criteria[c].children.is_empty())
                .collect();
            let mut header = vec!["don_vi".to_string(), "tong".to_string()];
            header.extend(leaves.iter().map(|&c| fw.criteria[c].code.clone()));
            let header_refs: Vec<&str> = header.iter().map(String::as_str).collect();
            // Written straight into the file: a national snapshot has half
            // a million points (ids and points hardly ever need quotes).
            let mut out = csv(&header_refs, std::iter::empty());
            let mut text = String::with_capacity(rows.len() * (leaves.len() + 2) * 5);
            let mut field = String::new();
            let push = |text: &mut String, field: &str| {
                if needs_quotes(field) {
                    text.push_str(&csv_field(field));
                } else {
                    text.push_str(field);
                }
            };
            for us in &rows {
                push(&mut text, &m.units[us.unit].id);
                field.clear();
                us.scored()
                    .map(|(_, p)| p)
                    .sum::<Points>()
                    .push_plain(&mut field);
                text.push(',');
                push(&mut text, &field);
                for &c in &leaves {
                    text.push(',');
                    if let Some(p) = us.get(c) {
                        field.clear();
                        p.push_plain(&mut field);
                        push(&mut text, &field);
                    }
                }
                text.push_str("\r\n");
            }
            out.extend_from_slice(text.as_bytes());
            files.push(OutputFile {
                path: routes::data_scores_csv(snap.date, &fw.id),
                bytes: out,
            });
        }
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_and_guards_formulas() {
        assert_eq!(csv_field("Tân Lợi"), "Tân Lợi");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("-1.5"), "\"-1.5\"");
    }

    #[test]
    fn csv_starts_with_a_bom() {
        let bytes = csv(
            &["a", "b"],
            std::iter::once(vec!["1".into(), "Đồng Nơ".into()]),
        );
        assert!(bytes.starts_with("\u{feff}".as_bytes()));
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            "\u{feff}a,b\r\n1,Đồng Nơ\r\n"
        );
    }
}
