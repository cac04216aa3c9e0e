//! Texts and links that many pages show, made once per build (and per
//! language) as Tera values. A page takes one by counting a reference
//! instead of copying a string twice, into its view and again into Tera's
//! value: a unit page shows every criterion of its scorecard, a unit's
//! name is on every task it leads. Tera's serializer takes a `tera::Value`
//! found inside a view as it is.
//!
//! Links depend on where the page is ([`Routes::page_links_key`]): those
//! are made the first time a page from such a place asks, and kept.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use tera::Value;

use crate::compute::Status;
use crate::model::Model;
use crate::routes::Routes;
use crate::text::{Words, format};

/// A date as the views give it to templates (`2023-11-20`): short enough
/// to be kept inside the value, with no string of its own.
pub fn iso_date(date: chrono::NaiveDate) -> Value {
    use chrono::Datelike;
    use std::io::Write;
    let (y, m, d) = (date.year(), date.month(), date.day());
    let mut b = [0u8; 10];
    if (0..=9999).contains(&y)
        && write!(&mut b[..], "{y:04}-{m:02}-{d:02}").is_ok()
        && let Ok(text) = std::str::from_utf8(&b)
    {
        return Value::from(text);
    }
    Value::from(date.to_string())
}

/// A unit's id and name.
pub struct UnitTexts {
    pub id: Value,
    pub name: Value,
}

/// A criterion's texts: its key (`district/7.2.5`), code, title and
/// maximum, written in the site's language.
pub struct CriterionTexts {
    pub key: Value,
    pub code: Value,
    pub title: Value,
    pub max: Value,
}

/// A framework's id and title, and its criteria's texts.
pub struct FrameworkTexts {
    pub id: Value,
    pub name: Value,
    pub criteria: Vec<CriterionTexts>,
}

/// A directive's id and source.
pub struct DirectiveTexts {
    pub id: Value,
    pub name: Value,
}

/// The links to units, frameworks, criteria and directives from the pages
/// of one place.
pub struct Links {
    pub units: Vec<Value>,
    pub frameworks: Vec<Value>,
    pub criteria: Vec<Vec<Value>>,
    pub directives: Vec<Value>,
}

pub struct Shared {
    pub units: Vec<UnitTexts>,
    pub frameworks: Vec<FrameworkTexts>,
    pub directives: Vec<DirectiveTexts>,
    /// The word of each task status, in the order of `Status::ALL`.
    statuses: Vec<Value>,
    links: RwLock<HashMap<(String, bool), Arc<Links>>>,
}

impl Shared {
    /// The texts of `model`, with `words` (in the site's language).
    pub fn new(model: &Model, words: &Words) -> Shared {
        let language = words.language();
        let text = |s: &str| Value::from(s);
        Shared {
            units: model
                .units
                .iter()
                .map(|u| UnitTexts {
                    id: text(&u.id),
                    name: text(&u.name),
                })
                .collect(),
            frameworks: model
                .frameworks
                .iter()
                .enumerate()
                .map(|(f, fw)| FrameworkTexts {
                    id: text(&fw.id),
                    name: text(&fw.title),
                    criteria: fw
                        .criteria
                        .iter()
                        .enumerate()
                        .map(|(c, cr)| CriterionTexts {
                            key: text(&model.criterion_key(crate::model::CriterionRef {
                                framework: f,
                                criterion: c,
                            })),
                            code: text(&cr.code),
                            title: text(&cr.title),
                            max: Value::from(format::number(language, cr.max.as_f64(), 3)),
                        })
                        .collect(),
                })
                .collect(),
            directives: model
                .directives
                .iter()
                .map(|d| DirectiveTexts {
                    id: text(&d.id),
                    name: text(&d.source),
                })
                .collect(),
            statuses: Status::ALL
                .iter()
                .map(|&st| text(words.status(st)))
                .collect(),
            links: RwLock::new(HashMap::new()),
        }
    }

    /// The word of a task status.
    pub fn status(&self, status: Status) -> Value {
        let i = Status::ALL.iter().position(|&s| s == status).unwrap_or(0);
        self.statuses[i].clone()
    }

    /// The links from the pages whose links are those of `routes`.
    pub fn links(&self, model: &Model, routes: &Routes) -> Arc<Links> {
        let (pages, offline) = routes.page_links_key();
        let key = (pages.to_string(), offline);
        if let Some(links) = self
            .links
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(&key)
        {
            return Arc::clone(links);
        }
        let made = Arc::new(Links {
            units: model
                .units
                .iter()
                .map(|u| Value::from(routes.unit(&u.id)))
                .collect(),
            frameworks: model
                .frameworks
                .iter()
                .map(|fw| Value::from(routes.framework(&fw.id)))
                .collect(),
            criteria: model
                .frameworks
                .iter()
                .map(|fw| {
                    fw.criteria
                        .iter()
                        .map(|c| Value::from(routes.criterion(&fw.id, &c.code)))
                        .collect()
                })
                .collect(),
            directives: model
                .directives
                .iter()
                .map(|d| Value::from(routes.directive(&d.id)))
                .collect(),
        });
        let mut links = self.links.write().unwrap_or_else(|e| e.into_inner());
        Arc::clone(links.entry(key).or_insert(made))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_as_chrono_writes_them() {
        for (y, m, d) in [
            (2023, 11, 7),
            (2024, 2, 29),
            (999, 1, 1),
            (1, 12, 31),
            (9999, 12, 31),
        ] {
            let date = chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(iso_date(date).as_str(), Some(date.to_string().as_str()));
        }
    }
}
