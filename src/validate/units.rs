//! `units.yaml`: the units, their frameworks and the tree of parents.

use std::collections::HashMap;

use super::{Defined, Validator, suggest};
use crate::diagnostics::{Diagnostic, Severity};
use crate::load::raw::{RawText, RawUnit};
use crate::load::{FileId, Seg};
use crate::model::Unit;
use crate::path;
use crate::slug::{is_valid_id, slugify};

impl Validator<'_> {
    pub(super) fn units(
        &mut self,
        framework_index: &HashMap<String, usize>,
    ) -> (Vec<Unit>, HashMap<String, usize>) {
        let mut units = Vec::new();
        let mut index = HashMap::new();
        let Some((file, raw)) = &self.content.units else {
            if self.content.failed("units.y") {
                return (units, index);
            }
            self.diags.push(Diagnostic::file(
                Severity::Error,
                "units.yaml",
                "thiếu tệp units.yaml".into(),
                Some("tạo content/units.yaml với danh sách `units:`".into()),
            ));
            return (units, index);
        };
        let file = *file;
        let mut defined: Vec<Defined> = Vec::new();
        let mut parents: Vec<Option<(usize, &str)>> = Vec::new();
        let mut raw_index: Vec<usize> = Vec::new();
        for (i, u) in raw.units.iter().enumerate() {
            let Some((id, id_path)) = self.unit_id(file, i, u, &index, &defined) else {
                continue;
            };
            if !is_valid_kind(&u.kind) {
                self.error(
                    file,
                    &path!["units", i, "kind"],
                    format!("loại đơn vị `{}` không hợp lệ", u.kind),
                    Some("ví dụ: district, agency, service_unit, commune, town, external".into()),
                );
            }
            let framework = self.unit_framework(file, i, u, framework_index, units.len());
            index.insert(id.clone(), units.len());
            raw_index.push(i);
            defined.push(Defined {
                file,
                path: id_path,
            });
            parents.push(u.parent.as_deref().map(|p| (i, p)));
            units.push(Unit {
                id,
                name: u.name.vi().trim().to_string(),
                short_name: u.short_name.as_ref().map(|s| s.vi().to_string()),
                name_en: u.name.en(),
                short_name_en: u.short_name.as_ref().and_then(RawText::en),
                kind: u.kind.clone(),
                framework,
                parent: None,
            });
        }
        self.link_parents(file, parents, &index, &mut units);
        self.break_parent_loops(file, &raw_index, &mut units);
        self.unit_raw_index = raw_index;
        (units, index)
    }

    /// The id of unit `i` (its `id`, or made from its name) and where it is
    /// written; none, with an error, when it is not a valid id or another
    /// unit has it.
    fn unit_id(
        &mut self,
        file: FileId,
        i: usize,
        u: &RawUnit,
        index: &HashMap<String, usize>,
        defined: &[Defined],
    ) -> Option<(String, Vec<Seg>)> {
        let (id, id_path) = match &u.id {
            Some(id) => (id.trim().to_string(), path!["units", i, "id"]),
            None => (slugify(u.name.vi()), path!["units", i, "name"]),
        };
        if !is_valid_id(&id) {
            self.error(
                file,
                &id_path,
                format!("mã đơn vị `{id}` không hợp lệ"),
                Some(format!(
                    "mã chỉ gồm chữ thường không dấu, số và dấu gạch ngang, ví dụ `{}`",
                    slugify(&id)
                )),
            );
            return None;
        }
        if let Some(&prev) = index.get(&id) {
            let other = self.place(&defined[prev]);
            self.error(
                file,
                &id_path,
                format!("mã đơn vị `{id}` bị trùng với đơn vị ở {other}"),
                Some("ghi trường `id` khác nhau cho hai đơn vị này".into()),
            );
            return None;
        }
        Some((id, id_path))
    }

    /// The framework a unit is scored by; `n` is its index in the model.
    fn unit_framework(
        &mut self,
        file: FileId,
        i: usize,
        u: &RawUnit,
        framework_index: &HashMap<String, usize>,
        n: usize,
    ) -> Option<usize> {
        match &u.framework {
            None => None,
            Some(f) => match framework_index.get(f) {
                Some(&fi) => Some(fi),
                None if self.content.failed("frameworks/") => {
                    self.unresolved_framework.push(n);
                    None
                }
                None => {
                    self.unresolved_framework.push(n);
                    let hint = suggest(f, framework_index.keys());
                    self.error(
                        file,
                        &path!["units", i, "framework"],
                        format!("không có bộ chỉ số `{f}`"),
                        hint,
                    );
                    None
                }
            },
        }
    }

    /// Resolves each unit's `parent` (its index in units.yaml, the id).
    fn link_parents(
        &mut self,
        file: FileId,
        parents: Vec<Option<(usize, &str)>>,
        index: &HashMap<String, usize>,
        units: &mut [Unit],
    ) {
        for (n, parent) in parents.into_iter().enumerate() {
            let Some((i, p)) = parent else { continue };
            match index.get(p) {
                Some(&pi) => units[n].parent = Some(pi),
                None => {
                    let hint = suggest(p, index.keys()).or_else(|| {
                        Some("parent là mã (id) của một đơn vị khác trong units.yaml".into())
                    });
                    self.error(
                        file,
                        &path!["units", i, "parent"],
                        format!("không có đơn vị cấp trên `{p}`"),
                        hint,
                    );
                }
            }
        }
    }

    fn break_parent_loops(&mut self, file: FileId, raw_index: &[usize], units: &mut [Unit]) {
        // A unit cannot be its own ancestor: report each loop once, at the
        // parent field of its first unit, naming the whole loop.
        let mut in_reported_loop = vec![false; units.len()];
        for n in 0..units.len() {
            let mut chain = vec![n];
            let mut at = units[n].parent;
            while let Some(p) = at {
                if p == n {
                    if !in_reported_loop[n] {
                        for &c in &chain {
                            in_reported_loop[c] = true;
                        }
                        let names: Vec<&str> = chain
                            .iter()
                            .chain(std::iter::once(&n))
                            .map(|&c| units[c].id.as_str())
                            .collect();
                        let i = raw_index[n];
                        self.error(
                            file,
                            &path!["units", i, "parent"],
                            format!(
                                "đơn vị `{}` nằm trong chính nó: {}",
                                units[n].id,
                                names.join(" → ")
                            ),
                            Some("sửa trường parent để các đơn vị tạo thành cây".into()),
                        );
                    }
                    break;
                }
                if chain.len() > units.len() {
                    break; // a loop further up, reported from its own units
                }
                chain.push(p);
                at = units[p].parent;
            }
        }
        for n in 0..units.len() {
            if in_reported_loop[n] {
                units[n].parent = None;
            }
        }
    }
}

/// A kind of unit: lower-case ASCII letters, digits, `_` and `-`.
fn is_valid_kind(kind: &str) -> bool {
    !kind.is_empty()
        && kind
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}
