//! The theme: Tera templates and a stylesheet. The default theme is built
//! into the binary from `themes/default/`; `--theme DIR` loads another.

use std::path::Path;

use anyhow::Context as _;
use tera::Tera;

use super::format;

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
        tera.add_raw_templates(DEFAULT_TEMPLATES.iter().copied())
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
            templates.push((name.to_string(), text));
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
        tera.register_filter("date_vi", format::date_vi_filter);
        tera.register_filter("num_vi", format::num_vi_filter);
        Theme { tera, stylesheet }
    }

    pub fn render(&self, template: &str, context: &tera::Context) -> tera::Result<String> {
        self.tera.render(template, context)
    }

    pub fn stylesheet(&self) -> &str {
        &self.stylesheet
    }
}

/// Minifies a page; the result is the same for the same input.
pub fn minify(html: &str) -> Vec<u8> {
    let mut cfg = minify_html::Cfg::new();
    cfg.keep_closing_tags = true;
    cfg.keep_html_and_head_opening_tags = true;
    minify_html::minify(html.as_bytes(), &cfg)
}
