//! Kinds of unit without a name. A heading names a kind by the theme's
//! words (`kind.commune` → "Xã") or by site.yaml's `unit_kinds`; a kind
//! neither names shows as written ("Xếp hạng region"). Which kinds the
//! theme names is known only once the theme is loaded, after validation:
//! so this finds, while the raw content (and so every position) is at
//! hand, each kind site.yaml does not name, with the warning for its first
//! use, and `site` gives the warnings of those the theme does not name
//! either.

use crate::diagnostics::{Diagnostic, Severity};
use crate::load::Content;
use crate::path;

/// A kind of unit that site.yaml's `unit_kinds` does not name.
#[derive(Debug, Clone)]
pub struct UnnamedKind {
    pub kind: String,
    /// The warning at its first use in units.yaml, naming the line to add.
    pub warning: Diagnostic,
}

/// Every kind of unit that site.yaml does not name, once each, in the
/// order of units.yaml.
pub fn unnamed_kinds(content: &Content) -> Vec<UnnamedKind> {
    let Some((file, units)) = &content.units else {
        return Vec::new();
    };
    let site = content.site.as_ref().map(|(_, raw)| raw);
    let named = |kind: &str| site.is_some_and(|s| s.unit_kinds.contains_key(kind));
    let bilingual = site.is_some_and(|s| s.languages.as_ref().is_some_and(|l| l.len() > 1));
    let mut found: Vec<UnnamedKind> = Vec::new();
    for (i, unit) in units.units.iter().enumerate() {
        let kind = unit.kind.trim();
        if kind.is_empty() || named(kind) || found.iter().any(|k| k.kind == kind) {
            continue;
        }
        let name = match bilingual {
            true => r#"{ vi: "…", en: "…" }"#,
            false => r#""…""#,
        };
        let warning = content.diagnostic(
            Severity::Warning,
            *file,
            &path!["units", i, "kind"],
            format!(
                "loại đơn vị `{kind}` chưa có tên: các tiêu đề trên trang sẽ ghi nguyên chữ `{kind}`"
            ),
            Some(format!(
                "đặt tên (số nhiều) cho loại này trong site.yaml: dưới dòng `unit_kinds:` (thêm dòng đó nếu chưa có) thêm dòng `  {kind}: {name}`; hoặc dùng một loại có sẵn tên (province, department, commune, ward, special_zone…)"
            )),
        );
        found.push(UnnamedKind {
            kind: kind.to_string(),
            warning,
        });
    }
    found
}
