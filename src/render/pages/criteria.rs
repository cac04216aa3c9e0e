//! The list of criteria: each scorecard with its tree of criteria.

use serde::Serialize;

use super::{Rendered, rendered};
use crate::render::views::*;

#[derive(Serialize)]
struct CriteriaPage {
    frameworks: Vec<FrameworkView>,
}

#[derive(Serialize)]
struct FrameworkView {
    framework: Link,
    scheme: Option<String>,
    year: Option<i32>,
    max: f64,
    criteria: Vec<CriterionRow>,
}

#[derive(Serialize)]
struct CriterionRow {
    code: String,
    title: String,
    href: String,
    depth: usize,
    max: f64,
    is_leaf: bool,
}

pub fn page(v: &Views) -> anyhow::Result<Rendered> {
    let frameworks = v
        .model
        .frameworks
        .iter()
        .enumerate()
        .map(|(f, fw)| FrameworkView {
            framework: v.framework(f),
            scheme: fw.scheme.clone(),
            year: fw.year,
            max: pts(fw.max),
            criteria: fw
                .criteria
                .iter()
                .map(|c| CriterionRow {
                    code: c.code.clone(),
                    title: c.title.clone(),
                    href: v.routes.criterion(&fw.id, &c.code),
                    depth: c.depth,
                    max: pts(c.max),
                    is_leaf: c.children.is_empty(),
                })
                .collect(),
        })
        .collect();
    let title = v.words.get("title.criteria").to_string();
    rendered("criteria.html", title, CriteriaPage { frameworks })
}
