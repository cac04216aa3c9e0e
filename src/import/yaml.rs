//! Writing the imported content as YAML that reads like a hand-written
//! content file: short form for plain points, the long form where a row
//! had more, every text in double quotes.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::NaiveDate;
use unicode_normalization::UnicodeNormalization;

use super::ScoresOptions;
use super::collect::Values;
use super::problems::Place;
use crate::model::Model;

/// A YAML double-quoted string, in NFC.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.nfc() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// An id as a plain scalar, quoted when YAML would read it as something
/// else (`null`, `true`, `12`).
pub fn id(text: &str) -> String {
    let special = matches!(
        text,
        "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "~"
    ) || text.parse::<f64>().is_ok();
    if special || text.is_empty() {
        quote(text)
    } else {
        text.to_string()
    }
}

fn ids(items: &[String]) -> String {
    let ids: Vec<String> = items.iter().map(|i| id(i)).collect();
    format!("[{}]", ids.join(", "))
}

fn list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| quote(i)).collect();
    format!("[{}]", quoted.join(", "))
}

/// The snapshot file of the scores taken, units in the order of
/// units.yaml and criteria in the order of their framework.
pub fn snapshot(
    model: &Model,
    options: &ScoresOptions,
    leaves: &BTreeMap<(usize, usize, usize), (Values, Place)>,
) -> String {
    let mut out = String::from("# Nhập từ bảng tính bằng `tiendo import scores`.\n");
    let _ = writeln!(out, "date: {}", options.date);
    let _ = writeln!(out, "stage: {}", options.stage);
    if let Some(title) = &options.title {
        let _ = writeln!(out, "title: {}", quote(title));
    }
    if let Some(source) = &options.source {
        let _ = writeln!(out, "source: {}", quote(source));
    }
    if leaves.is_empty() {
        out.push_str("scores: []\n");
        return out;
    }
    out.push_str("scores:\n");
    let mut current: Option<(usize, usize)> = None;
    for (&(unit, fw, criterion), (values, _)) in leaves {
        if current != Some((unit, fw)) {
            current = Some((unit, fw));
            let _ = writeln!(out, "  - unit: {}", id(&model.units[unit].id));
            let _ = writeln!(out, "    framework: {}", id(&model.frameworks[fw].id));
            out.push_str("    points:\n");
        }
        let code = quote(&model.frameworks[fw].criteria[criterion].code);
        write_score(&mut out, &code, values);
    }
    out
}

fn write_score(out: &mut String, code: &str, v: &Values) {
    let plain = v.self_assessed.is_none()
        && v.appraised.is_none()
        && v.survey.is_none()
        && v.explanation.is_none()
        && v.evidence.is_empty();
    if plain && let Some(p) = v.points {
        let _ = writeln!(out, "      {code}: {}", p.points);
        return;
    }
    let _ = writeln!(out, "      {code}:");
    for (name, at) in [
        ("points", v.points),
        ("self", v.self_assessed),
        ("appraised", v.appraised),
        ("survey", v.survey),
    ] {
        if let Some(at) = at {
            let _ = writeln!(out, "        {name}: {}", at.points);
        }
    }
    if !v.evidence.is_empty() {
        let _ = writeln!(out, "        evidence: {}", list(&v.evidence));
    }
    if let Some(e) = &v.explanation {
        let _ = writeln!(out, "        explanation: {}", quote(e));
    }
}

/// One task of a directive file.
#[derive(Debug, Clone, Default)]
pub struct TaskOut {
    pub id: String,
    pub title: String,
    /// One lead, or several (then written as `units`, one task each).
    pub leads: Vec<String>,
    /// Whether a lead is a group (then written as `units` too).
    pub lead_is_group: bool,
    pub partners: Vec<String>,
    pub criterion: Option<String>,
    pub due: Option<NaiveDate>,
    pub due_text: Option<String>,
    pub done_on: Option<NaiveDate>,
}

/// The directive file of the tasks taken.
pub fn directive(source: &str, issued: Option<NaiveDate>, tasks: &[TaskOut]) -> String {
    let mut out = String::from("# Nhập từ bảng tính bằng `tiendo import tasks`.\n");
    let _ = writeln!(out, "source: {}", quote(source));
    if let Some(d) = issued {
        let _ = writeln!(out, "issued: {d}");
    }
    if tasks.is_empty() {
        out.push_str("tasks: []\n");
        return out;
    }
    out.push_str("tasks:\n");
    for t in tasks {
        let _ = writeln!(out, "  - id: {}", id(&t.id));
        let _ = writeln!(out, "    title: {}", quote(&t.title));
        match t.leads.as_slice() {
            [one] if !t.lead_is_group => {
                let _ = writeln!(out, "    lead: {}", id(one));
            }
            many => {
                let _ = writeln!(out, "    units: {}", ids(many));
            }
        }
        if !t.partners.is_empty() {
            let _ = writeln!(out, "    partners: {}", ids(&t.partners));
        }
        if let Some(c) = &t.criterion {
            let _ = writeln!(out, "    criterion: {}", quote(c));
        }
        if let Some(d) = t.due {
            let _ = writeln!(out, "    due: {d}");
        }
        if let Some(text) = &t.due_text {
            let _ = writeln!(out, "    due_text: {}", quote(text));
        }
        if let Some(d) = t.done_on {
            let _ = writeln!(out, "    status: done\n    done_on: {d}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        assert_eq!(quote("Tân Lợi"), "\"Tân Lợi\"");
        assert_eq!(quote("a \"b\"\nc\\"), "\"a \\\"b\\\"\\nc\\\\\"");
        assert_eq!(quote("x\u{1}"), "\"x\\u0001\"");
    }
}
