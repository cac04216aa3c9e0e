//! What a shared link shows (Open Graph and Twitter tags): each page's
//! one-sentence description, and for the home page and each unit page a
//! preview card (drawn by [`preview`](crate::graphics::preview)). A unit's
//! sentence says its score, band and overdue tasks.

use crate::compute::Status;
use crate::graphics::preview::Card;
use crate::render::plan::Page;
use crate::render::views::Views;
use crate::routes;

/// The share tags of one page.
pub struct Share {
    pub description: String,
    /// The preview image, absolute on base_url.
    pub image: Option<String>,
}

pub fn share(v: &Views, page: &Page, title: &str) -> Share {
    let site = &v.model.site;
    let description = match *page {
        Page::Home => site.description.clone().unwrap_or_else(|| home_sentence(v)),
        Page::Unit(u) => unit_sentence(v, u),
        Page::Note(n) => note_sentence(v, n),
        _ => v.words.fill(
            "share.page",
            &[
                ("title", title),
                ("site", &site.title),
                ("organization", &site.organization),
            ],
        ),
    };
    let image = image_route(v, page).map(|route| format!("{}{route}", site.base_url));
    Share { description, image }
}

/// Where the preview of `page` is written, for pages that have one.
pub fn image_route(v: &Views, page: &Page) -> Option<String> {
    match *page {
        Page::Home => Some(routes::PREVIEW_HOME.to_string()),
        Page::Unit(u) => Some(routes::unit_preview(&v.model.units[u].id)),
        _ => None,
    }
}

/// The pages that have a preview: the home page and every unit's.
pub fn previewed(v: &Views) -> Vec<Page> {
    std::iter::once(Page::Home)
        .chain((0..v.model.units.len()).map(Page::Unit))
        .collect()
}

/// A note's own summary, or when and by whom it was written: its title
/// is already the link's title.
fn note_sentence(v: &Views, n: usize) -> String {
    let note = &v.model.notes[n];
    if let Some(summary) = &note.summary {
        return summary.clone();
    }
    let date = v.date(note.date);
    match note.unit {
        Some(u) => v.words.fill(
            "share.note",
            &[("date", &date), ("unit", &v.model.units[u].name)],
        ),
        None => v.words.fill("share.note_no_unit", &[("date", &date)]),
    }
}

fn overdue_of(v: &Views, tasks: impl IntoIterator<Item = usize>) -> usize {
    v.computed.status_counts(tasks).get(Status::Overdue)
}

fn overdue_words(v: &Views, count: usize) -> String {
    match count {
        0 => v.words.get("share.no_overdue").to_string(),
        n => v
            .words
            .fill("share.overdue", &[("count", &v.num(n as f64, 0))]),
    }
}

fn home_sentence(v: &Views) -> String {
    let tasks = v.model.tasks.len();
    let overdue = overdue_of(v, 0..tasks);
    v.words.fill(
        "share.home",
        &[
            ("organization", &v.model.site.organization),
            ("total", &v.num(tasks as f64, 0)),
            ("overdue", &overdue_words(v, overdue)),
        ],
    )
}

/// The unit's score words: total, max, percent and band, when it has a
/// result.
struct Score {
    total: String,
    max: String,
    percent: String,
    band: Option<String>,
    rank: Option<(usize, usize)>,
    share: f64,
}

fn score(v: &Views, u: usize) -> Option<Score> {
    let r = v.latest_result(u)?;
    Some(Score {
        total: v.num(r.total, 2),
        max: v.num(r.max, 2),
        percent: v.num(r.percent, 1),
        band: r.band,
        rank: r.rank.zip(r.rank_of).filter(|(_, of)| *of > 1),
        share: r.percent / 100.0,
    })
}

fn unit_sentence(v: &Views, u: usize) -> String {
    let unit = &v.model.units[u];
    let overdue = overdue_words(
        v,
        overdue_of(v, v.computed.index.tasks_by_lead[u].iter().copied()),
    );
    let Some(s) = score(v, u) else {
        return v.words.fill(
            "share.unit_no_score",
            &[("unit", &unit.name), ("overdue", &overdue)],
        );
    };
    let mut values = vec![
        ("unit", unit.name.as_str()),
        ("total", s.total.as_str()),
        ("max", s.max.as_str()),
        ("percent", s.percent.as_str()),
        ("overdue", overdue.as_str()),
    ];
    let key = match &s.band {
        Some(band) => {
            values.push(("band", band.as_str()));
            "share.unit"
        }
        None => "share.unit_no_band",
    };
    v.words.fill(key, &values)
}

/// The preview card of `page` and the file it goes to.
pub fn card(v: &Views, page: &Page) -> Option<(String, Card)> {
    let site = &v.model.site;
    let route = image_route(v, page)?;
    let footer = v.words.fill(
        "share.card_footer",
        &[("site", &site.title), ("date", &v.date(site.as_of))],
    );
    let card = match *page {
        Page::Unit(u) => unit_card(v, u, footer),
        _ => {
            let tasks = v.model.tasks.len();
            let overdue = overdue_of(v, 0..tasks);
            Card {
                top: site.organization.clone(),
                heading: site.title.clone(),
                subheading: v.words.fill(
                    "share.card_home",
                    &[
                        ("units", &v.num(v.model.units.len() as f64, 0)),
                        ("tasks", &v.num(tasks as f64, 0)),
                    ],
                ),
                figure: None,
                figure_note: None,
                meter: None,
                alert: Some((capitalized(&overdue_words(v, overdue)), overdue > 0)),
                footer,
            }
        }
    };
    Some((route, card))
}

fn unit_card(v: &Views, u: usize, footer: String) -> Card {
    let unit = &v.model.units[u];
    let overdue = overdue_of(v, v.computed.index.tasks_by_lead[u].iter().copied());
    let mut subheading = v.words.kind(&unit.kind).to_string();
    if let Some(p) = unit.parent {
        subheading = format!("{subheading} · {}", v.model.units[p].name);
    }
    let s = score(v, u);
    let figure = Some(match &s {
        Some(s) => v
            .words
            .fill("share.card_score", &[("total", &s.total), ("max", &s.max)]),
        None => v.words.get("share.card_no_score").to_string(),
    });
    let figure_note = s.as_ref().and_then(|s| {
        let band = s
            .band
            .as_ref()
            .map(|b| v.words.fill("share.card_band", &[("band", b)]));
        let rank = s.rank.map(|(place, of)| {
            v.words.fill(
                "share.card_rank",
                &[("rank", &place.to_string()), ("of", &of.to_string())],
            )
        });
        match (band, rank) {
            (Some(b), Some(r)) => Some(format!("{b} · {r}")),
            (b, r) => b.or(r),
        }
    });
    Card {
        top: v.model.site.organization.clone(),
        heading: unit.name.clone(),
        subheading,
        figure,
        figure_note,
        meter: s.as_ref().map(|s| s.share),
        alert: Some((capitalized(&overdue_words(v, overdue)), overdue > 0)),
        footer,
    }
}

/// "không có…" → "Không có…", for a line on its own.
fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
