//! The pieces page data is made of: plain serializable views of the model
//! (links, tasks, results, score rows), with links, statuses and words
//! already worked out. Templates never compute; they format.

mod links;
mod results;
mod shared;
mod tasks;

use std::borrow::Cow;

use crate::compute::Computed;
use crate::model::{Model, Points};
use crate::routes::Routes;
use crate::text::{Words, format};
pub use links::{CriterionLink, Link, NoteLink, SnapshotLink};
pub use results::{GroupCount, HistoryView, ResultView, ScoreRow};
pub use shared::{Links, Shared};
pub use tasks::{StatusCount, TaskView};

/// What every page is made from: the model, what was computed from it, the
/// routes and the theme's words; and the views every page kind shares.
pub struct Views<'m> {
    pub model: &'m Model,
    pub computed: &'m Computed,
    pub routes: &'m Routes,
    pub words: &'m Words,
    /// The texts many pages show, made once.
    pub shared: &'m Shared,
    /// The links of this page's place, made once for every page there.
    pub links: &'m Links,
}

/// A number as a template prints it: a whole number without a decimal
/// point (`48`, not `48.0`), for the widths of bars that go into markup.
pub fn plain<S: serde::Serializer>(value: &f64, s: S) -> Result<S::Ok, S::Error> {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        s.serialize_i64(*value as i64)
    } else {
        s.serialize_f64(*value)
    }
}

/// What a [`Views`] of the site's root borrows besides the model: the
/// site's words, its shared texts, the root's routes and their links.
pub struct RootParts {
    pub words: Words,
    pub shared: Shared,
    pub routes: Routes,
    pub links: std::sync::Arc<Links>,
}

impl RootParts {
    /// The parts of `model`'s root page, with the theme's words
    /// (`theme_words`) and the site's own.
    pub fn new(model: &Model, theme_words: &Words, offline: bool) -> RootParts {
        let words = site_words(theme_words, model);
        let shared = Shared::new(model, &words);
        let routes = Routes::from_page(crate::routes::HOME, offline);
        let links = shared.links(model, &routes);
        RootParts {
            words,
            shared,
            routes,
            links,
        }
    }

    pub fn views<'a>(&'a self, model: &'a Model, computed: &'a Computed) -> Views<'a> {
        Views {
            model,
            computed,
            routes: &self.routes,
            words: &self.words,
            shared: &self.shared,
            links: &self.links,
        }
    }
}

/// The model with its texts in `language`: itself when they already are
/// (the content's texts are Vietnamese).
pub fn in_language<'m>(model: &'m Model, language: &str) -> Cow<'m, Model> {
    if model.site.language == language && language != "en" {
        Cow::Borrowed(model)
    } else {
        Cow::Owned(model.in_language(language))
    }
}

/// The theme's words with what the site names itself: the kinds of unit
/// of `site.yaml` (`unit_kinds`) over the theme's `kind.*`.
fn site_words(theme: &Words, model: &Model) -> Words {
    let site = &model.site;
    if site.unit_kinds.is_empty() {
        return theme.clone();
    }
    theme.with_entries(
        site.unit_kinds
            .iter()
            .map(|(kind, name)| (format!("kind.{kind}"), name.get(&site.language))),
    )
}

pub fn pts(p: Points) -> f64 {
    p.as_f64()
}

/// A percentage with up to two decimals (PAR results are published with
/// two: 85,42%), for bars and text.
pub fn bar(part: Points, whole: Points) -> f64 {
    percent_value(crate::compute::percent(part, whole))
}

/// A percentage in thousandths of a percent as a number with two decimals.
pub fn percent_value(p: Points) -> f64 {
    (p.0 as f64 / 10.0).round() / 100.0
}

impl Views<'_> {
    /// A number in the language of the page: `1,4` or `1.4`.
    pub fn num(&self, value: f64, decimals: usize) -> String {
        format::number(self.words.language(), value, decimals)
    }

    /// A date in the language of the page: `20/11/2023` or `20 Nov 2023`.
    pub fn date(&self, date: chrono::NaiveDate) -> String {
        format::date(self.words, date)
    }
}

/// Order of kinds on listing pages: higher levels first.
pub fn kind_order(k: &str) -> usize {
    match k {
        "ministry" => 0,
        "province" => 1,
        "department" => 2,
        "district" => 3,
        "agency" => 4,
        "service_unit" => 5,
        "commune" => 6,
        "ward" => 7,
        "town" => 8,
        "special_zone" => 9,
        "external" => 11,
        _ => 10,
    }
}

#[cfg(test)]
mod tests {
    use super::kind_order;

    #[test]
    fn special_zones_list_with_the_lower_tier_before_kinds_nothing_names() {
        let mut kinds = ["external", "region", "special_zone", "ward", "province"];
        kinds.sort_by_key(|k| kind_order(k));
        assert_eq!(
            kinds,
            ["province", "ward", "special_zone", "region", "external"]
        );
    }
}
