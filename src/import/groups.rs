//! Groups of units as directives name them: by the group's name in
//! units.yaml (`UBND các xã, thị trấn`), its id, or the usual phrase for
//! the kinds of its units (`các xã, phường, thị trấn`, `các cơ quan chuyên
//! môn`), without accents or case.

use crate::model::Model;

use super::norm;

/// The usual phrases of directives and the kinds of unit each names.
const PHRASES: &[(&str, &[&str])] = &[
    ("cac xa thi tran", &["commune", "town"]),
    ("cac xa phuong thi tran", &["commune", "ward", "town"]),
    ("cac phuong xa thi tran", &["commune", "ward", "town"]),
    ("cac xa phuong", &["commune", "ward"]),
    ("cac phuong xa", &["commune", "ward"]),
    ("cac xa", &["commune"]),
    ("cac phuong", &["ward"]),
    ("cac thi tran", &["town"]),
    ("cac co quan chuyen mon", &["agency"]),
    ("cac phong ban chuyen mon", &["agency"]),
    ("cac phong chuyen mon", &["agency"]),
    ("cac phong ban", &["agency"]),
    ("cac don vi su nghiep", &["service_unit"]),
    ("cac so ban nganh", &["department"]),
    ("cac so nganh", &["department"]),
];

/// Words before a group's name that say who in it acts, not which units.
const LEADING: &[&str] = &[
    "chu tich uy ban nhan dan ",
    "chu tich ubnd ",
    "uy ban nhan dan ",
    "ubnd ",
    "thu truong ",
    "lanh dao ",
];

/// What a phrase names.
#[derive(Debug, PartialEq, Eq)]
pub enum GroupMatch {
    /// A group, and the count of units the phrase writes (`13 UBND xã`).
    Found(usize, Option<usize>),
    /// Several groups answer to the usual phrase: their indexes.
    Ambiguous(Vec<usize>),
    /// A phrase that reads as a group (`các …`) but names none.
    Unknown,
    /// Not a group's phrase: a unit's name, perhaps.
    NotAGroup,
}

/// The phrase reduced to what names the group: `UBND các xã, thị trấn
/// thuộc huyện` → `cac xa thi tran`; and the count written before it.
fn key(text: &str) -> (String, Option<usize>) {
    let mut k = norm(text);
    let mut count = None;
    loop {
        let before = k.clone();
        for lead in LEADING {
            if let Some(rest) = k.strip_prefix(lead) {
                k = rest.to_string();
            }
        }
        if let Some((n, rest)) = k.split_once(' ')
            && let Ok(n) = n.parse::<usize>()
        {
            count = Some(n);
            k = rest.to_string();
        }
        if k == before {
            break;
        }
    }
    for tail in [" thuoc ", " tren dia ban "] {
        if let Some(at) = k.find(tail) {
            k.truncate(at);
        }
    }
    if !k.starts_with("cac ") && PHRASES.iter().any(|(p, _)| p[4..] == k) {
        k = format!("cac {k}");
    }
    (k, count)
}

/// Finds the group a phrase names.
pub fn find(model: &Model, text: &str) -> GroupMatch {
    let (k, count) = key(text);
    if k.is_empty() {
        return GroupMatch::NotAGroup;
    }
    for (g, group) in model.groups.iter().enumerate() {
        let by_name = group.name.as_deref().is_some_and(|n| key(n).0 == k);
        if by_name || group.id.replace('-', " ") == k {
            return GroupMatch::Found(g, count);
        }
    }
    let Some((_, kinds)) = PHRASES.iter().find(|(p, _)| *p == k) else {
        return if k.starts_with("cac ") {
            GroupMatch::Unknown
        } else {
            GroupMatch::NotAGroup
        };
    };
    let covered = |g: usize| {
        let mut own: Vec<&str> = model.groups[g]
            .members
            .iter()
            .map(|&u| model.units[u].kind.as_str())
            .collect();
        own.sort_unstable();
        own.dedup();
        own.iter().all(|k| kinds.contains(k)).then_some(own.len())
    };
    let scored: Vec<(usize, usize)> = (0..model.groups.len())
        .filter_map(|g| covered(g).map(|n| (g, n)))
        .collect();
    let best = scored.iter().map(|&(_, n)| n).max();
    let top: Vec<usize> = scored
        .iter()
        .filter(|&&(_, n)| Some(n) == best)
        .map(|&(g, _)| g)
        .collect();
    match top.as_slice() {
        [] => GroupMatch::Unknown,
        [one] => GroupMatch::Found(*one, count),
        many => GroupMatch::Ambiguous(many.to_vec()),
    }
}

/// The groups there are, for a message: `` `cac-xa-thi-tran` (UBND các xã, thị trấn) ``.
pub fn known(model: &Model) -> String {
    if model.groups.is_empty() {
        return "units.yaml chưa có nhóm nào".into();
    }
    let names: Vec<String> = model
        .groups
        .iter()
        .map(|g| match &g.name {
            Some(n) => format!("`{}` ({n})", g.id),
            None => format!("`{}`", g.id),
        })
        .collect();
    format!("các nhóm có: {}", names.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_as_directives_write_them() {
        assert_eq!(key("UBND các xã, thị trấn").0, "cac xa thi tran");
        assert_eq!(key("ubnd cac xa thi tran").0, "cac xa thi tran");
        assert_eq!(
            key("Các cơ quan chuyên môn thuộc UBND huyện").0,
            "cac co quan chuyen mon"
        );
        assert_eq!(
            key("13 UBND xã, thị trấn"),
            ("cac xa thi tran".into(), Some(13))
        );
        assert_eq!(
            key("Chủ tịch UBND các xã, phường, thị trấn").0,
            "cac xa phuong thi tran"
        );
        assert_eq!(key("Phòng Nội vụ").0, "phong noi vu");
    }
}
