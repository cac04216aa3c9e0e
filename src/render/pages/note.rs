//! One note: its Markdown, made safe, and what it is about.

use serde::Serialize;

use super::{Rendered, rendered};
use crate::model::Audience;
use crate::render::views::*;
use crate::text::markdown_to_safe_html;

#[derive(Serialize)]
struct NotePage {
    title: String,
    date: String,
    unit: Option<Link>,
    criterion: Option<CriterionLink>,
    task: Option<TaskView>,
    committee: bool,
    /// Sanitized HTML.
    body: String,
}

pub fn page(v: &Views, n: usize) -> anyhow::Result<Rendered> {
    let note = &v.model.notes[n];
    let view = NotePage {
        title: note.title.clone(),
        date: note.date.to_string(),
        unit: note.unit.map(|u| v.unit(u)),
        criterion: note.criterion.map(|c| v.criterion(c)),
        task: note.task.map(|t| v.task(t)),
        committee: note.audience == Audience::Committee,
        body: markdown_to_safe_html(&note.markdown),
    };
    rendered("note.html", note.title.clone(), view)
}
