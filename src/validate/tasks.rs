//! `tasks/*.yaml`: directives and the tasks they give, with leads, dates
//! and escalations.

use super::{Defined, Validator, file_stem};
use crate::diagnostics::Fold;
use crate::load::FileId;
use crate::load::raw;
use crate::model::*;
use crate::path;
use crate::slug::{is_valid_id, slugify};

impl Validator<'_> {
    pub(super) fn directives(&mut self, model: &mut Model) {
        let content = self.content;
        let mut task_defined: Vec<Defined> = Vec::new();
        for (file, raw) in &content.directives {
            let file = *file;
            let id = raw
                .id
                .clone()
                .unwrap_or_else(|| file_stem(&content.files[file].rel));
            if !is_valid_id(&id) {
                self.error(
                    file,
                    &path!["id"],
                    format!("mã văn bản `{id}` không hợp lệ"),
                    Some(format!("đặt tên tệp theo dạng `{}`", slugify(&id))),
                );
            }
            let issued = raw
                .issued
                .as_ref()
                .and_then(|d| self.date(file, &path!["issued"], d));
            let issuer = raw
                .issuer
                .as_ref()
                .and_then(|u| self.unit_ref(model, file, &path!["issuer"], u));
            let directive = model.directives.len();
            model.directives.push(Directive {
                id,
                source: raw.source.clone(),
                issued,
                issuer,
                legal_basis: raw.legal_basis.clone(),
            });
            for (i, t) in raw.tasks.iter().enumerate() {
                self.task(model, file, directive, i, t, &mut task_defined);
            }
        }
    }

    fn task(
        &mut self,
        model: &mut Model,
        file: FileId,
        directive: usize,
        i: usize,
        t: &raw::RawTask,
        defined: &mut Vec<Defined>,
    ) {
        let at = |k: &str| path!["tasks", i, k];
        let (base_id, id_path) = match &t.id {
            Some(id) => (id.trim().to_string(), at("id")),
            None => (slugify(t.title.vi()), at("title")),
        };
        if !is_valid_id(&base_id) {
            self.error(
                file,
                &id_path,
                format!("mã nhiệm vụ `{base_id}` không hợp lệ"),
                Some(format!("ví dụ `{}`", slugify(&base_id))),
            );
            return;
        }
        let Some(leads) = self.task_leads(model, file, i, t, &base_id) else {
            return;
        };
        if leads.is_empty() {
            self.dropped_tasks.push(base_id.clone());
        }
        let partners = self.unit_list(model, file, &at("partners"), &t.partners);
        let criterion = t
            .criterion
            .as_ref()
            .and_then(|c| self.criterion_ref(model, file, &at("criterion"), c));
        let due = self.task_due(file, i, t, &base_id);
        let done_on = t
            .done_on
            .as_ref()
            .and_then(|d| self.date(file, &at("done_on"), d));
        self.task_status(file, i, t);
        let escalation = t
            .escalation
            .as_ref()
            .map(|e| self.escalation(model, file, i, e));
        for (lead, id) in leads {
            if let Some(&prev) = model.task_index.get(&id) {
                let other = self.place(&defined[prev]);
                self.error(
                    file,
                    &id_path,
                    format!("mã nhiệm vụ `{id}` bị trùng với nhiệm vụ ở {other}"),
                    Some("ghi `id:` khác cho một trong hai nhiệm vụ".into()),
                );
                continue;
            }
            model.task_index.insert(id.clone(), model.tasks.len());
            defined.push(Defined {
                file,
                path: id_path.clone(),
            });
            model.tasks.push(Task {
                id,
                title: t.title.vi().trim().to_string(),
                title_en: t.title.en(),
                detail: t.detail.clone(),
                directive,
                lead,
                partners: partners.clone(),
                criterion,
                due,
                due_text: t.due_text.clone(),
                done_on,
                escalation: escalation.clone(),
            });
        }
    }

    /// Each lead unit of a task with the task's id for it: one task per unit
    /// when `units` fans it out. `None` when the task is left out.
    fn task_leads(
        &mut self,
        model: &Model,
        file: FileId,
        i: usize,
        t: &raw::RawTask,
        base_id: &str,
    ) -> Option<Vec<(usize, String)>> {
        let at = |k: &str| path!["tasks", i, k];
        let leads = match (&t.lead, t.units.is_empty()) {
            (Some(_), false) => {
                self.error(
                    file,
                    &at("units"),
                    "nhiệm vụ có cả `lead` và `units`".into(),
                    Some("dùng `lead` cho một đơn vị chủ trì, hoặc `units` để giao cùng việc cho nhiều đơn vị".into()),
                );
                self.dropped_tasks.push(base_id.to_string());
                return None;
            }
            (None, true) => {
                self.error(
                    file,
                    &path!["tasks", i],
                    format!("nhiệm vụ `{base_id}` chưa có đơn vị chủ trì"),
                    Some("thêm `lead: <mã đơn vị>` hoặc `units: [..]`".into()),
                );
                self.dropped_tasks.push(base_id.to_string());
                return None;
            }
            // A group as the lead: the task of each of its units.
            (Some(lead), true) if model.group_index.contains_key(lead.trim()) => {
                let units = self.unit_list(model, file, &at("lead"), std::slice::from_ref(lead));
                fanned_out(model, base_id, units)
            }
            (Some(lead), true) => match self.unit_ref(model, file, &at("lead"), lead) {
                Some(u) => vec![(u, base_id.to_string())],
                None => Vec::new(),
            },
            (None, false) => {
                let units = self.unit_list(model, file, &at("units"), &t.units);
                fanned_out(model, base_id, units)
            }
        };
        Some(leads)
    }

    /// The task's due date; a task with neither `due` nor `due_text` is
    /// worth a warning.
    fn task_due(
        &mut self,
        file: FileId,
        i: usize,
        t: &raw::RawTask,
        base_id: &str,
    ) -> Option<chrono::NaiveDate> {
        let at = |k: &str| path!["tasks", i, k];
        let due = t.due.as_ref().and_then(|d| self.date(file, &at("due"), d));
        if t.due.is_none() && t.due_text.is_none() {
            self.warning_folding(
                file,
                &path!["tasks", i],
                format!("nhiệm vụ `{base_id}` không có thời hạn"),
                Some("thêm `due: 2023-11-20`, hoặc `due_text` ghi nguyên văn khi văn bản không nêu ngày".into()),
                Fold {
                    cause: "task without a deadline",
                    name: format!("`{base_id}`"),
                    message: "{count} nhiệm vụ không có thời hạn: {names}",
                },
            );
        }
        due
    }

    fn task_status(&mut self, file: FileId, i: usize, t: &raw::RawTask) {
        let at = |k: &str| path!["tasks", i, k];
        match t.status.as_deref().map(str::trim) {
            None | Some("open") => {}
            Some("done") => {
                if t.done_on.is_none() {
                    self.error(
                        file,
                        &at("status"),
                        "nhiệm vụ đã xong nhưng thiếu ngày hoàn thành".into(),
                        Some("thêm `done_on: 2023-11-12`".into()),
                    );
                }
            }
            Some(other) => {
                self.error(
                    file,
                    &at("status"),
                    format!("trạng thái `{other}` không hợp lệ"),
                    Some("dùng `open` hoặc `done` (kèm done_on); quá hạn, sắp đến hạn được tính tự động".into()),
                );
            }
        }
    }

    fn escalation(
        &mut self,
        model: &Model,
        file: FileId,
        i: usize,
        e: &raw::RawEscalation,
    ) -> Escalation {
        let ep = |k: &str| path!["tasks", i, "escalation", k];
        if let Some(w) = &e.when
            && w.trim() != "overdue"
        {
            self.error(
                file,
                &ep("when"),
                format!("`when: {w}` không hợp lệ"),
                Some("hiện chỉ có `when: overdue`".into()),
            );
        }
        Escalation {
            action: e.action.clone(),
            by: e
                .by
                .as_ref()
                .and_then(|u| self.unit_ref(model, file, &ep("by"), u)),
            to: e
                .to
                .as_ref()
                .and_then(|u| self.unit_ref(model, file, &ep("to"), u)),
            due: e.due.as_ref().and_then(|d| self.date(file, &ep("due"), d)),
            basis: e.basis.clone(),
        }
    }
}

/// One task per unit, each with the id `<id>-<unit>`.
fn fanned_out(model: &Model, base_id: &str, units: Vec<usize>) -> Vec<(usize, String)> {
    units
        .into_iter()
        .map(|u| (u, format!("{base_id}-{}", model.units[u].id)))
        .collect()
}
