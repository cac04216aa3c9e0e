//! `notes/**/*.md`: the front matter of notes, their links and audience.

use std::collections::HashMap;

use super::{Options, Validator, suggest};
use crate::diagnostics::Diagnostics;
use crate::load::{Content, FileId, RawNote};
use crate::model::{Audience, Model, Note};
use crate::path;
use crate::slug::{is_valid_id, slugify};

impl Validator<'_> {
    pub(super) fn notes(&mut self, model: &mut Model, options: &Options) {
        let content = self.content;
        for (file, raw) in &content.notes {
            if let Some(note) = self.note(model, *file, raw, options) {
                model.notes.push(note);
            }
        }
        self.unique_note_names(model);
        sort_notes(&mut model.notes);
    }

    /// One note checked against the model: `None` when it has an error or
    /// is not for this site's audience.
    fn note(
        &mut self,
        model: &Model,
        file: FileId,
        raw: &RawNote,
        options: &Options,
    ) -> Option<Note> {
        let m = &raw.meta;
        let date = self.date(file, &path!["date"], &m.date);
        let unit = m
            .unit
            .as_ref()
            .and_then(|u| self.unit_ref(model, file, &path!["unit"], u));
        let criterion = m
            .criterion
            .as_ref()
            .and_then(|c| self.criterion_ref(model, file, &path!["criterion"], c));
        let task = m.task.as_ref().and_then(|t| self.note_task(model, file, t));
        let audience = match m.audience.as_deref().map(str::trim) {
            None | Some("public") => Audience::Public,
            Some("committee") => Audience::Committee,
            Some(other) => {
                self.error(
                    file,
                    &path!["audience"],
                    format!("đối tượng `{other}` không hợp lệ"),
                    Some("dùng `public` (công khai) hoặc `committee` (chỉ Ban Chỉ đạo)".into()),
                );
                return None;
            }
        };
        if !is_valid_id(&raw.id) {
            self.file_error(
                file,
                format!("tên tệp ghi chú `{}` không dùng được làm mã", raw.id),
                Some(format!("đổi tên tệp thành `{}.md`", slugify(&raw.id))),
            );
            return None;
        }
        if audience == Audience::Committee && !options.committee {
            return None;
        }
        Some(Note {
            id: raw.id.clone(),
            title: m.title.clone(),
            date: date?,
            summary: m.summary.clone(),
            unit,
            criterion,
            task,
            audience,
            markdown: raw.body.clone(),
        })
    }

    fn note_task(&mut self, model: &Model, file: FileId, t: &str) -> Option<usize> {
        match model.task_index.get(t.trim()) {
            Some(&ti) => Some(ti),
            None if self.content.failed("tasks/")
                || self.content.failed("frameworks/")
                || self.units_unknown()
                || self
                    .dropped_tasks
                    .iter()
                    .any(|base| t.trim() == base || t.trim().starts_with(&format!("{base}-"))) =>
            {
                None
            }
            None => {
                let hint = suggest(t, model.task_index.keys());
                self.error(
                    file,
                    &path!["task"],
                    format!("không có nhiệm vụ `{t}`"),
                    hint,
                );
                None
            }
        }
    }

    /// Note ids must be unique: they name pages.
    fn unique_note_names(&mut self, model: &Model) {
        let mut seen: HashMap<String, usize> = HashMap::new();
        for n in &model.notes {
            *seen.entry(n.id.clone()).or_default() += 1;
        }
        for (file, raw) in &self.content.notes {
            if seen.get(&raw.id).copied().unwrap_or(0) > 1 {
                self.file_error(
                    *file,
                    format!("có nhiều ghi chú cùng tên `{}.md`", raw.id),
                    Some("tên tệp ghi chú phải khác nhau, kể cả ở các thư mục con".into()),
                );
            }
        }
    }
}

/// Notes in the order of the site: newest first, then by id.
pub fn sort_notes(notes: &mut [Note]) {
    notes.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id)));
}

/// Checks the notes of `files` alone against `model`, with the same checks
/// and problems as [`validate`](super::validate): for a preview whose
/// change touched these notes only. `model` must have been made without an
/// error from this content as it was before these notes changed (no score,
/// status or rank depends on a note). The uniqueness of note names is the
/// caller's to check. Gives the notes for the site's audience, newest first.
pub fn notes_alone(
    content: &Content,
    model: &Model,
    options: &Options,
    files: &[FileId],
) -> (Vec<Note>, Diagnostics) {
    let mut v = Validator::new(content);
    let mut notes = Vec::new();
    for &file in files {
        let Ok(at) = content.notes.binary_search_by_key(&file, |(f, _)| *f) else {
            continue;
        };
        if let Some(note) = v.note(model, file, &content.notes[at].1, options) {
            notes.push(note);
        }
    }
    sort_notes(&mut notes);
    (notes, v.diags)
}
