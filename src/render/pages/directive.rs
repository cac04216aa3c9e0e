//! A directive (a letter, a plan) and its tasks, split over pages of
//! [`LIMITS.tasks_per_page`](crate::limits::Limits::tasks_per_page).

use serde::Serialize;

use super::{Rendered, rendered};
use crate::limits::LIMITS;
use crate::render::views::*;
use crate::routes;
use crate::text::markdown_to_safe_html;

#[derive(Serialize)]
struct DirectivePage {
    directive: Link,
    issued: Option<String>,
    issuer: Option<Link>,
    legal_basis: Vec<String>,
    status_counts: Vec<StatusCount>,
    task_total: usize,
    tasks: Vec<TaskDetail>,
    /// Links to every page of the list, when there is more than one.
    pages: Vec<PageLink>,
}

#[derive(Serialize)]
struct TaskDetail {
    task: TaskView,
    /// The task's Markdown detail, sanitized.
    detail: Option<String>,
}

#[derive(Serialize)]
struct PageLink {
    number: usize,
    href: String,
    current: bool,
}

pub fn page(v: &Views, d: usize, page: usize) -> anyhow::Result<Rendered> {
    let model = v.model;
    let dir = &model.directives[d];
    let all = &v.computed.index.tasks_by_directive[d];
    let per = LIMITS.tasks_per_page;
    let count = all.len().div_ceil(per).max(1);
    let tasks = all
        .iter()
        .skip(page * per)
        .take(per)
        .map(|&t| TaskDetail {
            task: v.task(t),
            detail: model.tasks[t].detail.as_deref().map(markdown_to_safe_html),
        })
        .collect();
    let pages = if count > 1 {
        (0..count)
            .map(|p| PageLink {
                number: p + 1,
                href: v.routes.href(&routes::directive_page_route(&dir.id, p)),
                current: p == page,
            })
            .collect()
    } else {
        Vec::new()
    };
    let view = DirectivePage {
        directive: v.directive(d),
        issued: dir.issued.map(|d| d.to_string()),
        issuer: dir.issuer.map(|u| v.unit(u)),
        legal_basis: dir.legal_basis.clone(),
        status_counts: v.status_counts(all.iter().copied()),
        task_total: all.len(),
        tasks,
        pages,
    };
    let title = if page == 0 {
        dir.source.clone()
    } else {
        v.words.fill(
            "title.directive_page",
            &[("source", &dir.source), ("page", &(page + 1).to_string())],
        )
    };
    rendered("directive.html", title, view)
}
