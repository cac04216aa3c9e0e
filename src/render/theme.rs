//! The theme: Tera templates and a stylesheet. The default theme is built
//! into the binary from `themes/default/`; `--theme DIR` loads another.

use std::path::Path;

use anyhow::Context as _;
use tera::Tera;

use super::charts::{self, Heading};
use super::format;

type Args = std::collections::HashMap<String, tera::Value>;

fn arg<T: serde::de::DeserializeOwned>(args: &Args, name: &str, function: &str) -> tera::Result<T> {
    let value = args
        .get(name)
        .ok_or_else(|| tera::Error::msg(format!("{function}: missing argument `{name}`")))?;
    serde_json::from_value(value.clone())
        .map_err(|e| tera::Error::msg(format!("{function}: argument `{name}`: {e}")))
}

fn heading(args: &Args, function: &str) -> tera::Result<Heading> {
    Ok(Heading {
        id: arg(args, "id", function)?,
        title: arg(args, "title", function)?,
    })
}

fn unit_word(args: &Args) -> String {
    args.get("unit")
        .and_then(|u| u.as_str())
        .unwrap_or("điểm")
        .to_string()
}

/// `chart_bars(id, title, bars=[{label, value, max, prefix}], unit="điểm")`
fn chart_bars(args: &Args) -> tera::Result<tera::Value> {
    let bars: Vec<charts::Bar> = arg(args, "bars", "chart_bars")?;
    Ok(charts::bars(&heading(args, "chart_bars")?, &bars, &unit_word(args)).into())
}

/// `chart_history(id, title, points=[{date, value}], max, unit="điểm")`
fn chart_history(args: &Args) -> tera::Result<tera::Value> {
    let points: Vec<charts::Point> = arg(args, "points", "chart_history")?;
    let max: f64 = arg(args, "max", "chart_history")?;
    Ok(charts::history(
        &heading(args, "chart_history")?,
        &points,
        max,
        &unit_word(args),
    )
    .into())
}

/// `chart_status(id, title, counts=[{status, label, count}])`
fn chart_status(args: &Args) -> tera::Result<tera::Value> {
    #[derive(serde::Deserialize)]
    struct Count {
        status: String,
        label: String,
        count: usize,
    }
    let counts: Vec<Count> = arg(args, "counts", "chart_status")?;
    let segments: Vec<charts::Segment> = counts
        .into_iter()
        .map(|c| charts::Segment {
            key: c.status,
            label: c.label,
            count: c.count,
        })
        .collect();
    Ok(charts::stacked(&heading(args, "chart_status")?, &segments).into())
}

macro_rules! default_templates {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../themes/default/templates/", $name)))),*]
    };
}

const DEFAULT_TEMPLATES: &[(&str, &str)] = default_templates![
    "base.html",
    "macros.html",
    "index.html",
    "units.html",
    "unit.html",
    "criteria.html",
    "criterion.html",
    "timeline.html",
    "directive.html",
    "note.html",
    "snapshot.html",
    "data.html",
    "404.html",
];

const DEFAULT_STYLESHEET: &str = include_str!("../../themes/default/static/style.css");

pub struct Theme {
    tera: Tera,
    stylesheet: String,
}

impl Theme {
    /// The theme that ships with tiendo.
    pub fn default_theme() -> anyhow::Result<Theme> {
        let mut tera = Tera::default();
        tera.add_raw_templates(
            DEFAULT_TEMPLATES
                .iter()
                .map(|(name, text)| (*name, minify_template(text))),
        )
        .context("the default theme's templates do not compile")?;
        Ok(Theme::with(tera, DEFAULT_STYLESHEET.to_string()))
    }

    /// A theme folder with `templates/*.html` and `static/style.css`.
    pub fn from_dir(dir: &Path) -> anyhow::Result<Theme> {
        let mut tera = Tera::default();
        let mut templates = Vec::new();
        for (name, _) in DEFAULT_TEMPLATES {
            let path = dir.join("templates").join(name);
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("reading template {}", path.display()))?;
            templates.push((name.to_string(), minify_template(&text)));
        }
        tera.add_raw_templates(templates)
            .with_context(|| format!("compiling the templates of {}", dir.display()))?;
        let css_path = dir.join("static/style.css");
        let stylesheet = std::fs::read_to_string(&css_path)
            .with_context(|| format!("reading {}", css_path.display()))?;
        Ok(Theme::with(tera, stylesheet))
    }

    fn with(mut tera: Tera, stylesheet: String) -> Theme {
        tera.autoescape_on(vec![".html"]);
        tera.set_escape_fn(escape_html);
        tera.register_filter("date_vi", format::date_vi_filter);
        tera.register_filter("num_vi", format::num_vi_filter);
        tera.register_function("chart_bars", chart_bars);
        tera.register_function("chart_history", chart_history);
        tera.register_function("chart_status", chart_status);
        Theme { tera, stylesheet }
    }

    pub fn render(&self, template: &str, context: &tera::Context) -> tera::Result<String> {
        self.tera.render(template, context)
    }

    pub fn stylesheet(&self) -> &str {
        &self.stylesheet
    }
}

/// Escapes text for HTML text and quoted attribute values. Unlike Tera's
/// default it leaves `/` alone: it needs no escaping there, and every link
/// would grow by it.
fn escape_html(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + input.len() / 8);
    for c in input.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            c => out.push(c),
        }
    }
    out
}

/// Minifies a template once, when the theme is loaded, keeping its Tera
/// tags as they are: the pages rendered from it come out minified, and no
/// page has to be minified on its own.
fn minify_template(text: &str) -> String {
    let mut cfg = minify_html::Cfg::new();
    cfg.keep_closing_tags = true;
    cfg.keep_html_and_head_opening_tags = true;
    cfg.preserve_brace_template_syntax = true;
    String::from_utf8(minify_html::minify(text.as_bytes(), &cfg))
        .unwrap_or_else(|_| text.to_string())
}
