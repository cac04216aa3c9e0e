//! Stage 2, validate: turn the raw content into the [`Model`], checking every
//! reference, number and date, and collecting every problem at once.
//!
//! One file per kind of content file, each with that kind's checks:
//! `site.rs`, `units.rs`, `frameworks.rs`, `assignments.rs`, `scores.rs`,
//! `tasks.rs`, `notes.rs`; `refs.rs` resolves references between files,
//! `scalars.rs` reads dates and points, and `kinds.rs` finds the kinds of
//! unit that may have no name.

mod assignments;
mod frameworks;
mod kinds;
mod notes;
mod refs;
mod scalars;
mod scores;
mod site;
mod tasks;
mod units;

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::diagnostics::{Diagnostic, Diagnostics, Fold, Severity};
use crate::load::{Content, FileId, Seg};
use crate::model::*;
use crate::slug::slugify;

pub use kinds::{UnnamedKind, unnamed_kinds};
pub use notes::{notes_alone, sort_notes};
pub use scalars::parse_date;

/// How the model is made: which audience, and the date statuses count from.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub as_of: Option<NaiveDate>,
    pub committee: bool,
}

/// Checks the content and resolves it. The model is returned only when there
/// is no error; warnings come back either way.
pub fn validate(content: &Content, options: &Options) -> (Option<Model>, Diagnostics) {
    let mut v = Validator::new(content);
    let model = v.run(options);
    let diags = v.diags;
    if diags.has_errors() {
        (None, diags)
    } else {
        (model, diags)
    }
}

struct Validator<'a> {
    content: &'a Content,
    diags: Diagnostics,
    /// Ids of tasks left out for an error: notes naming them are not
    /// reported again.
    dropped_tasks: Vec<String>,
    /// Units whose framework was given but could not be resolved.
    unresolved_framework: Vec<usize>,
    /// Criteria whose max is missing (reported once): scores on them are
    /// not checked against it.
    max_missing: Vec<(String, String)>,
    /// For each unit of the model, its index in units.yaml's list.
    unit_raw_index: Vec<usize>,
}

/// Where an id was defined, to name both places of a duplicate.
struct Defined {
    file: FileId,
    path: Vec<Seg>,
}

impl<'a> Validator<'a> {
    fn new(content: &'a Content) -> Validator<'a> {
        Validator {
            content,
            diags: Diagnostics::default(),
            dropped_tasks: Vec::new(),
            unresolved_framework: Vec::new(),
            max_missing: Vec::new(),
            unit_raw_index: Vec::new(),
        }
    }

    /// A validator for one file checked apart from the others: what the
    /// checks before it found, and no problems of its own yet.
    fn for_one_file(&self) -> Validator<'a> {
        Validator {
            content: self.content,
            diags: Diagnostics::default(),
            dropped_tasks: self.dropped_tasks.clone(),
            unresolved_framework: self.unresolved_framework.clone(),
            max_missing: self.max_missing.clone(),
            unit_raw_index: self.unit_raw_index.clone(),
        }
    }

    fn error(&mut self, file: FileId, path: &[Seg], message: String, hint: Option<String>) {
        let d = self
            .content
            .diagnostic(Severity::Error, file, path, message, hint);
        self.diags.push(d);
    }

    /// A problem with a whole file, such as its name: no line to point at.
    fn file_error(&mut self, file: FileId, message: String, hint: Option<String>) {
        let rel = self.content.files[file].rel.clone();
        self.diags
            .push(Diagnostic::file(Severity::Error, &rel, message, hint));
    }

    /// Whether units.yaml is missing or broken: references to units are
    /// then not reported one by one.
    fn units_unknown(&self) -> bool {
        self.content.units.is_none()
    }

    /// A warning that folds with the others of its file that have the same
    /// cause (see [`Fold`]).
    fn warning_folding(
        &mut self,
        file: FileId,
        path: &[Seg],
        message: String,
        hint: Option<String>,
        fold: Fold,
    ) {
        let d = self
            .content
            .diagnostic(Severity::Warning, file, path, message, hint);
        self.diags.push_folding(d, fold);
    }

    fn place(&self, def: &Defined) -> String {
        let d = self
            .content
            .diagnostic(Severity::Error, def.file, &def.path, String::new(), None);
        if d.line > 0 {
            format!("{}:{}", d.file, d.line)
        } else {
            d.file
        }
    }

    fn run(&mut self, options: &Options) -> Option<Model> {
        let site = self.site(options);
        let (frameworks, framework_index) = self.frameworks();
        let (units, unit_index) = self.units(&framework_index);
        let (groups, group_index) = self.groups(&units, &unit_index);
        let mut model = Model {
            site: site?,
            units,
            unit_index,
            groups,
            group_index,
            frameworks,
            framework_index,
            assignments: Vec::new(),
            snapshots: Vec::new(),
            directives: Vec::new(),
            tasks: Vec::new(),
            task_index: HashMap::new(),
            notes: Vec::new(),
        };
        self.assignments(&mut model);
        // Tasks and notes do not read the scores: they are checked beside
        // them (a fifth of a second on one core at national scale), into a
        // model and a validator of their own, their problems after the
        // scores' as one pass would find them.
        let mut tasks = model.clone();
        let mut beside = self.for_one_file();
        rayon::join(
            || {
                self.snapshots(&mut model);
                self.unscored_units(&model);
            },
            || {
                beside.directives(&mut tasks);
                beside.notes(&mut tasks, options);
            },
        );
        self.diags.extend(beside.diags);
        self.dropped_tasks = beside.dropped_tasks;
        model.directives = tasks.directives;
        model.tasks = tasks.tasks;
        model.task_index = tasks.task_index;
        model.notes = tasks.notes;
        Some(model)
    }
}

fn file_stem(rel: &str) -> String {
    std::path::Path::new(rel)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_string()
}

/// "có phải `tan-loi`?" for the nearest known id.
fn suggest<'k>(wrong: &str, known: impl Iterator<Item = &'k String>) -> Option<String> {
    nearest(wrong, known).map(|k| format!("có phải ý bạn là `{k}`?"))
}

/// The known id or code nearest to `wrong`, when near enough.
fn nearest<'k>(wrong: &str, known: impl Iterator<Item = &'k String>) -> Option<&'k String> {
    let wrong_slug = slugify(wrong);
    let mut best: Option<(f64, &String)> = None;
    for k in known {
        let score = strsim::jaro_winkler(&wrong_slug, k).max(strsim::jaro_winkler(wrong, k));
        if score > 0.8 && best.is_none_or(|(s, b)| score > s || (score == s && k < b)) {
            best = Some((score, k));
        }
    }
    best.map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        let known = ["tan-loi".to_string(), "an-phu".to_string()];
        assert_eq!(
            suggest("tan-lio", known.iter()).as_deref(),
            Some("có phải ý bạn là `tan-loi`?")
        );
        assert_eq!(
            suggest("Tân Lợi", known.iter()).as_deref(),
            Some("có phải ý bạn là `tan-loi`?")
        );
        assert_eq!(suggest("zzz", known.iter()), None);
    }
}
