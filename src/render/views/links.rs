//! Links to what pages name: units, frameworks, criteria, directives,
//! notes and snapshots, their texts shared by every page that shows them.

use chrono::NaiveDate;
use serde::Serialize;
use tera::Value;

use super::Views;
use crate::model::{Audience, CriterionRef};
use crate::text::format::serialize_iso;

/// A link to a unit, a framework or a directive: its texts are shared by
/// every page that shows it (see [`Shared`]).
#[derive(Serialize, Clone)]
pub struct Link {
    pub id: Value,
    pub name: Value,
    pub href: Value,
}

#[derive(Serialize, Clone)]
pub struct CriterionLink {
    pub key: Value,
    pub code: Value,
    pub title: Value,
    pub href: Value,
}

/// Text that goes straight into Tera's value (one copy, not two).
pub(super) fn text(s: &str) -> Value {
    Value::from(s)
}

/// A link to a note, with its date and summary.
#[derive(Serialize)]
pub struct NoteLink {
    pub title: Value,
    #[serde(serialize_with = "serialize_iso")]
    pub date: NaiveDate,
    pub href: String,
    pub summary: Option<Value>,
    pub committee: bool,
}

/// A link to a snapshot's frozen page.
#[derive(Serialize)]
pub struct SnapshotLink {
    #[serde(serialize_with = "serialize_iso")]
    pub date: NaiveDate,
    pub href: String,
    pub stage: String,
    pub title: Option<String>,
    pub source: Option<String>,
}

impl Views<'_> {
    pub fn unit(&self, u: usize) -> Link {
        let texts = &self.shared.units[u];
        Link {
            id: texts.id.clone(),
            name: texts.name.clone(),
            href: self.links.units[u].clone(),
        }
    }

    pub fn units(&self, us: &[usize]) -> Vec<Link> {
        us.iter().map(|&u| self.unit(u)).collect()
    }

    pub fn criterion(&self, r: CriterionRef) -> CriterionLink {
        let texts = &self.shared.frameworks[r.framework].criteria[r.criterion];
        CriterionLink {
            key: texts.key.clone(),
            code: texts.code.clone(),
            title: texts.title.clone(),
            href: self.links.criteria[r.framework][r.criterion].clone(),
        }
    }

    pub fn framework(&self, f: usize) -> Link {
        let texts = &self.shared.frameworks[f];
        Link {
            id: texts.id.clone(),
            name: texts.name.clone(),
            href: self.links.frameworks[f].clone(),
        }
    }

    pub fn directive(&self, d: usize) -> Link {
        let texts = &self.shared.directives[d];
        Link {
            id: texts.id.clone(),
            name: texts.name.clone(),
            href: self.links.directives[d].clone(),
        }
    }

    pub fn note_links<'a>(&self, notes: impl IntoIterator<Item = &'a usize>) -> Vec<NoteLink> {
        notes
            .into_iter()
            .map(|&i| &self.model.notes[i])
            .map(|n| NoteLink {
                title: text(&n.title),
                date: n.date,
                href: self.routes.note(&n.id),
                summary: n.summary.as_deref().map(text),
                committee: n.audience == Audience::Committee,
            })
            .collect()
    }

    /// Every snapshot, newest first.
    pub fn snapshot_links(&self) -> Vec<SnapshotLink> {
        self.model
            .snapshots
            .iter()
            .rev()
            .map(|s| SnapshotLink {
                date: s.date,
                href: self.routes.snapshot(s.date),
                stage: self.words.stage(s.stage).to_string(),
                title: s.title.clone(),
                source: s.source.clone(),
            })
            .collect()
    }
}
