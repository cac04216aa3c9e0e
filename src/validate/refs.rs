//! References from one file to what another defines: units, frameworks and
//! criteria, each with a suggestion when the name is near a known one.

use std::collections::HashSet;

use super::{Validator, nearest, suggest};
use crate::load::{FileId, Seg};
use crate::model::{CriterionRef, Model};
use crate::path;

impl Validator<'_> {
    pub(super) fn unit_ref(
        &mut self,
        model: &Model,
        file: FileId,
        at: &[Seg],
        id: &str,
    ) -> Option<usize> {
        let id = id.trim();
        match model.unit_index.get(id) {
            Some(&u) => Some(u),
            None if self.units_unknown() => None,
            None => {
                let hint = suggest(id, model.unit_index.keys())
                    .or_else(|| Some("khai báo đơn vị này trong units.yaml".into()));
                self.error(file, at, format!("không có đơn vị `{id}`"), hint);
                None
            }
        }
    }

    pub(super) fn criterion_ref(
        &mut self,
        model: &Model,
        file: FileId,
        at: &[Seg],
        text: &str,
    ) -> Option<CriterionRef> {
        let text = text.trim();
        let Some((fw, code)) = text.split_once('/') else {
            let ids: Vec<&String> = model.framework_index.keys().collect();
            let example = ids.first().map(|s| s.as_str()).unwrap_or("district");
            self.error(
                file,
                at,
                format!("tiêu chí `{text}` thiếu tên bộ chỉ số"),
                Some(format!("viết dạng `{example}/{text}`")),
            );
            return None;
        };
        let Some(&fi) = model.framework_index.get(fw) else {
            if self.content.failed("frameworks/") {
                return None;
            }
            let hint = suggest(fw, model.framework_index.keys());
            self.error(file, at, format!("không có bộ chỉ số `{fw}`"), hint);
            return None;
        };
        self.code_ref_as(model, fi, file, at, code, true)
    }

    pub(super) fn code_ref(
        &mut self,
        model: &Model,
        fi: usize,
        file: FileId,
        at: &[Seg],
        code: &str,
    ) -> Option<CriterionRef> {
        self.code_ref_as(model, fi, file, at, code, false)
    }

    /// Resolves a code in framework `fi`; `qualified` when the user wrote
    /// `framework/code`, so that the hint is written the same way.
    fn code_ref_as(
        &mut self,
        model: &Model,
        fi: usize,
        file: FileId,
        at: &[Seg],
        code: &str,
        qualified: bool,
    ) -> Option<CriterionRef> {
        let fw = &model.frameworks[fi];
        match fw.code_index.get(code) {
            Some(&ci) => Some(CriterionRef {
                framework: fi,
                criterion: ci,
            }),
            None => {
                let hint = nearest(code, fw.code_index.keys()).map(|k| {
                    if qualified {
                        format!("có phải ý bạn là `{}/{k}`?", fw.id)
                    } else {
                        format!("có phải ý bạn là `{k}`?")
                    }
                });
                self.error(
                    file,
                    at,
                    format!("bộ chỉ số `{}` không có tiêu chí `{code}`", fw.id),
                    hint,
                );
                None
            }
        }
    }

    /// The units a list names (`lead`, `units`, `partners`): each unit,
    /// and each member of each group, once, in the order named.
    pub(super) fn unit_list(
        &mut self,
        model: &Model,
        file: FileId,
        at: &[Seg],
        names: &[String],
    ) -> Vec<usize> {
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        for (j, name) in names.iter().enumerate() {
            let name = name.trim();
            let found: &[usize] = match (model.unit_index.get(name), model.group_index.get(name)) {
                (Some(u), _) => std::slice::from_ref(u),
                (None, Some(&g)) => &model.groups[g].members,
                (None, None) => {
                    if !self.units_unknown() {
                        let known = model.unit_index.keys().chain(model.group_index.keys());
                        let hint = suggest(name, known)
                            .or_else(|| Some("khai báo đơn vị này trong units.yaml".into()));
                        let here = [at.to_vec(), path![j]].concat();
                        self.error(file, &here, format!("không có đơn vị `{name}`"), hint);
                    }
                    &[]
                }
            };
            out.extend(found.iter().filter(|&&u| seen.insert(u)));
        }
        out
    }
}
