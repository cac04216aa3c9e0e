//! The frameable summaries a district portal shows in an `<iframe>`
//! (`nhung/` for the site, `nhung/don-vi/<id>/` for a unit): one screen of
//! the essentials (score and band, rank, tasks by status, the next three
//! deadlines), with no navigation and no script, links opening the full
//! page in the top window. And the code to paste, shown on the home and
//! unit pages ([`EmbedCode`]). A public site online has them; an offline
//! copy and the committee's build do not.

use serde::Serialize;

use super::{Rendered, rendered};
use crate::model::Audience;
use crate::render::lines::TaskLine;
use crate::render::views::*;
use crate::routes;
use crate::text::escape;

/// Deadlines a summary shows: what fits one screen of a portal's column.
const NEXT_DEADLINES: usize = 3;

#[derive(Serialize)]
struct EmbedPage {
    /// The unit's page (a unit's summary), or none (the site's).
    unit: Option<Link>,
    /// The site's home page, from the summary.
    home: String,
    /// The full page: the unit's, or the home page.
    full: String,
    /// The unit's latest result, or the site's headline units'.
    results: Vec<ResultView>,
    /// Whether a unit's summary has no score to show.
    unscored: bool,
    task_total: usize,
    counts: Vec<StatusCount>,
    next: Vec<TaskLine>,
}

pub fn page(v: &Views, unit: Option<usize>) -> anyhow::Result<Rendered> {
    let model = v.model;
    let c = v.computed;
    let tasks: Vec<usize> = match unit {
        Some(u) => c.index.tasks_by_lead[u].clone(),
        None => (0..model.tasks.len()).collect(),
    };
    let results: Vec<ResultView> = match unit {
        Some(u) => v.latest_result(u).into_iter().collect(),
        None => c
            .headline_units(model)
            .into_iter()
            .filter_map(|u| v.latest_result(u))
            .collect(),
    };
    let next = c.due_next_of(model, tasks.iter().copied());
    let view = EmbedPage {
        unit: unit.map(|u| v.unit(u)),
        home: v.routes.home(),
        full: match unit {
            Some(u) => v.routes.unit(&model.units[u].id),
            None => v.routes.home(),
        },
        unscored: unit.is_some() && results.is_empty(),
        results,
        task_total: tasks.len(),
        counts: v.counts(&c.status_counts(tasks.iter().copied()), true),
        next: v.task_lines(&next, NEXT_DEADLINES, 0),
    };
    let title = match unit {
        Some(u) => model.units[u].name.clone(),
        None => model.site.title.clone(),
    };
    rendered("embed.html", title, view)
}

/// The `<iframe>` code for a portal, shown on a page for its editor to
/// copy: the summary's absolute address and a title, both ready to stand
/// in an attribute (the template escapes them once more, to show them).
#[derive(Serialize)]
pub struct EmbedCode {
    src: String,
    title: String,
    /// The summary, from the page: to see it before pasting it.
    href: String,
    /// The site's summary (not a unit's).
    site: bool,
}

/// The code to frame the summary of `unit` (or the site's), when the site
/// has summaries: none offline or in the committee's build.
pub fn code(v: &Views, unit: Option<usize>) -> Option<EmbedCode> {
    let site = &v.model.site;
    if v.routes.offline() || site.audience != Audience::Public {
        return None;
    }
    let (route, name) = match unit {
        Some(u) => (
            routes::unit_embed_route(&v.model.units[u].id),
            &v.model.units[u].name,
        ),
        None => (routes::EMBED.to_string(), &site.title),
    };
    let folder = routes::language_folder(&site.languages, &site.language);
    Some(EmbedCode {
        src: escape(&format!("{}{folder}{route}", site.base_url)),
        title: escape(&frame_title(v, name)),
        href: v.routes.href(&route),
        site: unit.is_none(),
    })
}

fn frame_title(v: &Views, name: &str) -> String {
    v.words.fill("embed.frame_title", &[("name", name)])
}
