//! `notes/**/*.md`: the front matter of notes, their links and audience.

use std::collections::HashMap;

use super::{Options, Validator, suggest};
use crate::load::FileId;
use crate::model::{Audience, Model, Note};
use crate::path;
use crate::slug::{is_valid_id, slugify};

impl Validator<'_> {
    pub(super) fn notes(&mut self, model: &mut Model, options: &Options) {
        let content = self.content;
        for (file, raw) in &content.notes {
            let file = *file;
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
                    continue;
                }
            };
            if !is_valid_id(&raw.id) {
                self.file_error(
                    file,
                    format!("tên tệp ghi chú `{}` không dùng được làm mã", raw.id),
                    Some(format!("đổi tên tệp thành `{}.md`", slugify(&raw.id))),
                );
                continue;
            }
            if audience == Audience::Committee && !options.committee {
                continue;
            }
            let Some(date) = date else { continue };
            model.notes.push(Note {
                id: raw.id.clone(),
                title: m.title.clone(),
                date,
                summary: m.summary.clone(),
                unit,
                criterion,
                task,
                audience,
                markdown: raw.body.clone(),
            });
        }
        self.unique_note_names(model);
        model
            .notes
            .sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id)));
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
