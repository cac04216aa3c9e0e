//! Problems found in the user's content, with where they are and what to do.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use crate::limits::LIMITS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in the content: the file (relative to the content folder), the
/// 1-based line and column (0 when unknown), what is wrong and a hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub hint: Option<String>,
    /// The source line the problem is on, when known.
    pub source_line: Option<String>,
}

impl Diagnostic {
    /// A problem with a whole file (no position).
    pub fn file(
        severity: Severity,
        file: &str,
        message: String,
        hint: Option<String>,
    ) -> Diagnostic {
        Diagnostic {
            severity,
            file: file.to_string(),
            line: 0,
            column: 0,
            message,
            hint,
            source_line: None,
        }
    }

    /// Attaches the source line `line` (1-based) of `text`.
    pub fn with_source(mut self, text: &str) -> Diagnostic {
        if self.line > 0 {
            self.source_line = text
                .lines()
                .nth(self.line - 1)
                .map(|l| l.trim_end_matches('\r').to_string());
        }
        self
    }
}

impl Diagnostic {
    /// One line of JSON for programs and editors: severity, file, line and
    /// column (null when unknown, as the text form then shows none), message
    /// and hint.
    pub fn to_json(&self) -> serde_json::Result<String> {
        #[derive(serde::Serialize)]
        struct Json<'a> {
            severity: &'a str,
            file: &'a str,
            line: Option<usize>,
            column: Option<usize>,
            message: &'a str,
            hint: Option<&'a str>,
        }
        let known = self.line > 0;
        let json = Json {
            severity: match self.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            },
            file: &self.file,
            line: known.then_some(self.line),
            column: known.then_some(self.column.max(1)),
            message: &self.message,
            hint: self.hint.as_deref(),
        };
        serde_json::to_string(&json)
    }
}

/// What makes problems the same problem: those of one file with the same
/// `cause` fold into one that names each of them (as rustc folds repeated
/// notes), so that thirteen units without scores make one warning, not
/// thirteen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fold {
    /// The cause, the same for every problem that folds with this one.
    pub cause: &'static str,
    /// What this problem is about, as the folded message names it
    /// (`` `an-khuong` ``).
    pub name: String,
    /// The folded message: `{count}` and `{names}` are filled in.
    pub message: &'static str,
}

/// How many characters of `line` from `column` (1-based) make the value
/// there: a quoted string to its closing quote, else up to a separator.
fn token_width(line: &str, column: usize) -> usize {
    let rest: Vec<char> = line.chars().skip(column.saturating_sub(1)).collect();
    match rest.first() {
        None => 1,
        Some(&q @ ('"' | '\'')) => rest[1..]
            .iter()
            .position(|&c| c == q)
            .map(|p| p + 2)
            .unwrap_or(rest.len()),
        Some(_) => {
            let end = rest
                .iter()
                .position(|&c| matches!(c, ',' | ']' | '}' | '#'))
                .unwrap_or(rest.len());
            rest[..end]
                .iter()
                .rposition(|c| !c.is_whitespace())
                .map_or(1, |p| p + 1)
        }
    }
    .clamp(1, 80)
}

/// Whether `c` would act on a terminal instead of showing: a control
/// character (escape sequences, a carriage return that rewrites the line,
/// a bell) or one that turns the direction of the text.
fn acts_on_terminal(c: char) -> bool {
    c.is_control() && c != '\n'
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` as a terminal should print it when it holds what a user wrote
/// (a cell of a sheet, a line of content): each character that would act
/// on the terminal written as its escape (`\r`, `\u{1b}`), so that what
/// is shown is what the file holds. Line ends stay: messages have lines.
pub fn terminal_safe(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(acts_on_terminal) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if acts_on_terminal(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out.into()
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "lỗi",
            Severity::Warning => "cảnh báo",
        };
        write!(f, "{kind}: {}", terminal_safe(&self.file))?;
        if self.line > 0 {
            write!(f, ":{}:{}", self.line, self.column.max(1))?;
        }
        write!(f, ": {}", terminal_safe(&self.message))?;
        if let Some(source) = &self.source_line {
            let number = self.line.to_string();
            let pad = " ".repeat(number.len());
            // One character for one, so that the caret stays under its
            // column: a tab is a space, what would act on the terminal
            // the replacement character.
            let shown: String = source
                .chars()
                .take(160)
                .map(|c| match c {
                    '\t' => ' ',
                    c if acts_on_terminal(c) || c == '\n' => '\u{fffd}',
                    c => c,
                })
                .collect();
            let col = self.column.max(1);
            let width = token_width(source, col);
            let width = width.min(shown.chars().count().saturating_sub(col - 1).max(1));
            write!(
                f,
                "\n{pad} |\n{number} | {shown}\n{pad} | {}{}",
                " ".repeat(col - 1),
                "^".repeat(width)
            )?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  gợi ý: {}", terminal_safe(hint))?;
        }
        Ok(())
    }
}

/// All problems of one run, errors and warnings together.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
    /// For some items (by index), what they fold with.
    folds: HashMap<usize, Fold>,
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    /// A problem that folds with the others of its file that share its
    /// cause.
    pub fn push_folding(&mut self, d: Diagnostic, fold: Fold) {
        self.folds.insert(self.items.len(), fold);
        self.items.push(d);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        let offset = self.items.len();
        self.folds
            .extend(other.folds.into_iter().map(|(i, f)| (i + offset, f)));
        self.items.extend(other.items);
    }

    /// The problems of `other` that these do not already hold (the same
    /// theme loaded for a second language warns of the same things).
    pub fn extend_unseen(&mut self, other: Diagnostics) {
        for d in other.items {
            if !self.items.contains(&d) {
                self.items.push(d);
            }
        }
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// Errors as they will be shown, after folding.
    pub fn error_count(&self) -> usize {
        self.shown_count(Severity::Error)
    }

    /// Warnings as they will be shown, after folding.
    pub fn warning_count(&self) -> usize {
        self.shown_count(Severity::Warning)
    }

    fn shown_count(&self, severity: Severity) -> usize {
        let mut causes = std::collections::HashSet::new();
        self.items
            .iter()
            .enumerate()
            .filter(|(_, d)| d.severity == severity)
            .filter(|(i, d)| match self.folds.get(i) {
                Some(f) => causes.insert((&d.file, f.cause)),
                None => true,
            })
            .count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Folded, then sorted by file and position, so that output is stable.
    pub fn sorted(self) -> Vec<Diagnostic> {
        let mut items = self.folded();
        items.sort_by(|a, b| {
            (&a.file, a.line, a.column, a.severity, &a.message)
                .cmp(&(&b.file, b.line, b.column, b.severity, &b.message))
        });
        items.dedup();
        items
    }

    /// Problems of one file that share a cause become one, at the place of
    /// the first, naming them all; a cause met once keeps its own message.
    fn folded(self) -> Vec<Diagnostic> {
        let position = |d: &Diagnostic| (d.line, d.column);
        let mut groups: BTreeMap<(String, Severity, &'static str), Vec<usize>> = BTreeMap::new();
        for (&i, fold) in &self.folds {
            let d = &self.items[i];
            groups
                .entry((d.file.clone(), d.severity, fold.cause))
                .or_default()
                .push(i);
        }
        let mut dropped = vec![false; self.items.len()];
        let mut items = self.items;
        for mut members in groups.into_values() {
            if members.len() < 2 {
                continue;
            }
            members.sort_by_key(|&i| (position(&items[i]), i));
            let names: Vec<&str> = members
                .iter()
                .map(|i| self.folds[i].name.as_str())
                .collect();
            let message = self.folds[&members[0]]
                .message
                .replace("{count}", &members.len().to_string())
                .replace("{names}", &name_list(&names));
            items[members[0]].message = message;
            for &i in &members[1..] {
                dropped[i] = true;
            }
        }
        items
            .into_iter()
            .zip(dropped)
            .filter(|(_, dropped)| !dropped)
            .map(|(d, _)| d)
            .collect()
    }
}

/// `a, b, c`, or the first [`LIMITS.folded_names`] and how many more.
fn name_list(names: &[&str]) -> String {
    let shown = LIMITS.folded_names;
    if names.len() <= shown {
        return names.join(", ");
    }
    format!(
        "{} và {} mục khác",
        names[..shown].join(", "),
        names.len() - shown
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_would_act_on_a_terminal_is_shown_escaped() {
        assert_eq!(terminal_safe("Tân Lợi"), "Tân Lợi");
        assert_eq!(
            terminal_safe("a\u{1b}[2Jb\rc\u{7}"),
            "a\\u{1b}[2Jb\\rc\\u{7}"
        );
        assert_eq!(terminal_safe("a\u{202e}b\nc"), "a\\u{202e}b\nc");
        let d = Diagnostic {
            severity: Severity::Error,
            file: "units.yaml".into(),
            line: 3,
            column: 10,
            message: "đơn vị `x\u{1b}[31m` không có".into(),
            hint: Some("\r".into()),
            source_line: Some("  - id: a\u{1b}[31m\tb".into()),
        };
        let shown = d.to_string();
        assert!(!shown.contains(['\u{1b}', '\r', '\t']), "{shown:?}");
        // The source line keeps one character for one: the caret is under
        // its column.
        assert!(shown.contains("3 |   - id: a\u{fffd}[31m b"), "{shown}");
        assert!(shown.contains("x\\u{1b}[31m"), "{shown}");
    }

    #[test]
    fn shows_the_line_and_underlines_the_value() {
        let d = Diagnostic {
            severity: Severity::Error,
            file: "tasks/a.yaml".into(),
            line: 2,
            column: 11,
            message: "không có đơn vị `x-y`".into(),
            hint: Some("có phải ý bạn là `x-z`?".into()),
            source_line: None,
        }
        .with_source("tasks:\n    lead: x-y # chủ trì\n");
        assert_eq!(
            d.to_string(),
            "lỗi: tasks/a.yaml:2:11: không có đơn vị `x-y`\n  |\n2 |     lead: x-y # chủ trì\n  |           ^^^\n  gợi ý: có phải ý bạn là `x-z`?"
        );
    }

    fn unscored(line: usize, unit: &str) -> (Diagnostic, Fold) {
        let d = Diagnostic {
            severity: Severity::Warning,
            file: "units.yaml".into(),
            line,
            column: 7,
            message: format!("đơn vị `{unit}` chưa có điểm"),
            hint: Some("thêm điểm".into()),
            source_line: None,
        };
        let fold = Fold {
            cause: "unscored",
            name: format!("`{unit}`"),
            message: "{count} đơn vị chưa có điểm: {names}",
        };
        (d, fold)
    }

    #[test]
    fn warnings_with_one_cause_fold_into_one() {
        let mut diags = Diagnostics::default();
        for (line, unit) in [(9, "c"), (3, "a"), (6, "b")] {
            let (d, f) = unscored(line, unit);
            diags.push_folding(d, f);
        }
        let mut other = Diagnostics::default();
        let (mut alone, f) = unscored(1, "z");
        alone.file = "other.yaml".into();
        other.push_folding(alone, f);
        diags.extend(other);
        assert_eq!(diags.warning_count(), 2);
        let shown = diags.sorted();
        assert_eq!(shown.len(), 2);
        assert_eq!(shown[0].message, "đơn vị `z` chưa có điểm");
        assert_eq!(shown[1].message, "3 đơn vị chưa có điểm: `a`, `b`, `c`");
        assert_eq!((shown[1].line, shown[1].file.as_str()), (3, "units.yaml"));
    }

    #[test]
    fn long_lists_of_names_are_cut() {
        let names: Vec<String> = (0..25).map(|i| i.to_string()).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let list = name_list(&names);
        assert!(list.ends_with("19 và 5 mục khác"), "{list}");
    }

    #[test]
    fn json_has_the_position_or_null() {
        let (d, _) = unscored(4, "a");
        let v: serde_json::Value = serde_json::from_str(&d.to_json().unwrap()).unwrap();
        assert_eq!(v["severity"], "warning");
        assert_eq!(v["line"], 4);
        assert_eq!(v["column"], 7);
        assert_eq!(v["hint"], "thêm điểm");
        let whole = Diagnostic::file(Severity::Error, "site.yaml", "x".into(), None);
        let v: serde_json::Value = serde_json::from_str(&whole.to_json().unwrap()).unwrap();
        assert!(v["line"].is_null() && v["hint"].is_null());
    }

    #[test]
    fn quoted_values_are_underlined_whole() {
        assert_eq!(token_width("  \"7.3.5\": 2.4", 3), 7);
        assert_eq!(token_width("units: [a, b]", 9), 1);
    }
}
