//! `units.yaml`: the units, their frameworks and the tree of parents.

use std::collections::HashMap;

use super::{Defined, Validator, suggest};
use crate::diagnostics::{Diagnostic, Severity};
use crate::load::raw::{RawGroup, RawText, RawUnit};
use crate::load::{FileId, Seg};
use crate::model::{Group, Unit};
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

impl Validator<'_> {
    /// The groups of units.yaml, each resolved to its members.
    pub(super) fn groups(
        &mut self,
        units: &[Unit],
        index: &HashMap<String, usize>,
    ) -> (Vec<Group>, HashMap<String, usize>) {
        let mut groups = Vec::new();
        let mut group_index = HashMap::new();
        let Some((file, raw)) = &self.content.units else {
            return (groups, group_index);
        };
        let file = *file;
        for (id, group) in &raw.groups {
            if !is_valid_id(id) {
                self.error(
                    file,
                    &path!["groups", id.as_str()],
                    format!("mã nhóm `{id}` không hợp lệ"),
                    Some(format!(
                        "mã chỉ gồm chữ thường không dấu, số và dấu gạch ngang, ví dụ `{}`",
                        slugify(id)
                    )),
                );
                continue;
            }
            if index.contains_key(id) {
                self.error(
                    file,
                    &path!["groups", id.as_str()],
                    format!("mã nhóm `{id}` trùng với mã một đơn vị"),
                    Some(
                        "nhiệm vụ ghi mã nhóm ở chỗ ghi mã đơn vị: đặt cho nhóm một mã khác".into(),
                    ),
                );
                continue;
            }
            let members = self.group_members(file, id, group, units, index);
            if members.is_empty() {
                self.error(
                    file,
                    &path!["groups", id.as_str()],
                    format!("nhóm `{id}` không có đơn vị nào"),
                    Some(
                        "ghi `kinds` và `parent` khớp với các đơn vị, hoặc `units: [mã, …]`".into(),
                    ),
                );
                continue;
            }
            let spec = group.spec();
            group_index.insert(id.clone(), groups.len());
            groups.push(Group {
                id: id.clone(),
                name: spec.name.as_ref().map(|n| n.vi().trim().to_string()),
                members,
            });
        }
        (groups, group_index)
    }

    /// The units of a group, in the order of units.yaml.
    fn group_members(
        &mut self,
        file: FileId,
        id: &str,
        group: &RawGroup,
        units: &[Unit],
        index: &HashMap<String, usize>,
    ) -> Vec<usize> {
        let spec = group.spec();
        let at = |key: &str, j: usize| match group {
            RawGroup::Ids(_) => path!["groups", id, j],
            RawGroup::Spec(_) => path!["groups", id, key, j],
        };
        let mut chosen = vec![false; units.len()];
        let parent = spec.parent.as_deref().map(str::trim);
        let parent_index = match parent {
            Some(p) => match index.get(p) {
                Some(&pi) => Some(pi),
                None => {
                    let hint = suggest(p, index.keys());
                    self.error(
                        file,
                        &path!["groups", id, "parent"],
                        format!("không có đơn vị cấp trên `{p}`"),
                        hint,
                    );
                    return Vec::new();
                }
            },
            None => None,
        };
        let kinds: Vec<&str> = spec.kinds.iter().map(|k| k.trim()).collect();
        for (j, kind) in kinds.iter().enumerate() {
            self.group_kind(file, &at("kinds", j), kind, units);
        }
        if parent_index.is_some() || !kinds.is_empty() {
            for (n, u) in units.iter().enumerate() {
                let kind_ok = kinds.is_empty() || kinds.contains(&u.kind.as_str());
                let parent_ok = parent_index.is_none() || u.parent == parent_index;
                chosen[n] = kind_ok && parent_ok;
            }
        }
        for (j, unit) in spec.units.iter().enumerate() {
            let unit = unit.trim();
            match index.get(unit) {
                Some(&n) => chosen[n] = true,
                None => {
                    let hint = suggest(unit, index.keys())
                        .or_else(|| Some("khai báo đơn vị này trong units.yaml".into()));
                    self.error(
                        file,
                        &at("units", j),
                        format!("không có đơn vị `{unit}`"),
                        hint,
                    );
                }
            }
        }
        (0..units.len()).filter(|&n| chosen[n]).collect()
    }
}

impl Validator<'_> {
    /// A kind a group names: an error when no unit is of it.
    fn group_kind(&mut self, file: FileId, at: &[crate::load::Seg], kind: &str, units: &[Unit]) {
        if units.iter().any(|u| u.kind == kind) {
            return;
        }
        let known: Vec<String> = units.iter().map(|u| u.kind.clone()).collect();
        let hint = suggest(kind, known.iter())
            .or_else(|| Some(format!("các loại đơn vị có: {}", kinds_of(units))));
        self.error(file, at, format!("không có đơn vị nào loại `{kind}`"), hint);
    }
}

/// The kinds of unit there are, each once, for a hint.
fn kinds_of(units: &[Unit]) -> String {
    let mut kinds: Vec<&str> = units.iter().map(|u| u.kind.as_str()).collect();
    kinds.sort_unstable();
    kinds.dedup();
    kinds.join(", ")
}

/// A kind of unit: lower-case ASCII letters, digits, `_` and `-`.
fn is_valid_kind(kind: &str) -> bool {
    !kind.is_empty()
        && kind
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}
