//! Problems found in the user's content, with where they are and what to do.

use std::fmt;

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

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "lỗi",
            Severity::Warning => "cảnh báo",
        };
        write!(f, "{kind}: {}", self.file)?;
        if self.line > 0 {
            write!(f, ":{}:{}", self.line, self.column.max(1))?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(source) = &self.source_line {
            let number = self.line.to_string();
            let pad = " ".repeat(number.len());
            let shown: String = source
                .chars()
                .take(160)
                .collect::<String>()
                .replace('\t', " ");
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
            write!(f, "\n  gợi ý: {hint}")?;
        }
        Ok(())
    }
}

/// All problems of one run, errors and warnings together.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn error_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Sorted by file, then position, so that output is stable.
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| {
            (&a.file, a.line, a.column, a.severity, &a.message)
                .cmp(&(&b.file, b.line, b.column, b.severity, &b.message))
        });
        self.items.dedup();
        self.items
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn quoted_values_are_underlined_whole() {
        assert_eq!(token_width("  \"7.3.5\": 2.4", 3), 7);
        assert_eq!(token_width("units: [a, b]", 9), 1);
    }
}
