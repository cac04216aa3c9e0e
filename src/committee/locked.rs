//! The committee's build: where its files go (under the secret folder),
//! and, with a passphrase, each file sealed. A sealed page is the
//! passphrase form with the page inside it, encrypted; a sealed data file is
//! its encrypted bytes under the same name; a sealed file of the search
//! index is a script that hands its encrypted bytes to the page's
//! `tiendoSealed` (the theme's `unlock.js`), which opens and runs it: the
//! search script loads its index as scripts, sealed or not. The stylesheet,
//! the icon, the search script and robots.txt hold no committee text and
//! stay as they are.

use serde::Serialize;

use super::Sealer;
use crate::routes::{self, OutputFile};
use crate::templates::Theme;

/// Opens sealed pages in the browser (Web Crypto), inlined in each one.
const UNLOCK_SCRIPT: &str = include_str!("../../themes/default/static/unlock.js");

#[derive(Serialize)]
struct LockedView<'a> {
    lang: &'a str,
    w: &'a serde_json::Value,
    sealed: String,
    salt: String,
    iterations: u32,
    script: &'a str,
}

/// `file` sealed with `sealer`: pages behind the passphrase form, data files
/// encrypted, the stylesheet and robots.txt unchanged.
pub fn seal(
    theme: &Theme,
    lang: &str,
    sealer: &Sealer,
    file: OutputFile,
) -> anyhow::Result<OutputFile> {
    // The theme's own files hold no content: they stay readable.
    let theme_file = [
        routes::STYLESHEET,
        routes::ROBOTS,
        routes::ICON,
        routes::SEARCH_SCRIPT,
    ];
    if theme_file.contains(&file.path.as_str()) {
        return Ok(file);
    }
    if is_search_index(&file.path) {
        let script = format!("tiendoSealed(\"{}\");\n", sealer.seal_base64(&file.bytes));
        return Ok(OutputFile {
            path: file.path,
            bytes: script.into_bytes(),
        });
    }
    if !file.path.ends_with(".html") {
        let bytes = sealer.seal(&file.bytes);
        return Ok(OutputFile {
            path: file.path,
            bytes,
        });
    }
    let view = LockedView {
        lang,
        w: theme.words().tree(),
        sealed: sealer.seal_base64(&file.bytes),
        salt: sealer.salt_base64(),
        iterations: sealer.iterations(),
        script: UNLOCK_SCRIPT,
    };
    let context = tera::Context::from_serialize(&view)?;
    let html = theme.render("locked.html", &context)?;
    Ok(OutputFile {
        path: file.path,
        bytes: html.into_bytes(),
    })
}

/// A file of the search index, of any language (`tim-kiem/chi-muc/t0.js`,
/// `en/tim-kiem/chi-muc/d0.js`): a script the search page loads.
fn is_search_index(path: &str) -> bool {
    let in_language = path.split_once('/').map_or("", |(_, rest)| rest);
    path.ends_with(".js")
        && (path.starts_with(routes::SEARCH_INDEX) || in_language.starts_with(routes::SEARCH_INDEX))
}

/// Where a file of the committee's build goes: under the secret folder,
/// except robots.txt, which crawlers read at the root.
pub fn place(secret: &str, path: String) -> String {
    if path == routes::ROBOTS {
        path
    } else {
        format!("{secret}/{path}")
    }
}

/// The page at the root of the committee's build, beside the secret
/// folder: it says nothing, so that a server listing folders does not show
/// the secret one.
pub fn root_page(theme: &Theme, lang: &str) -> anyhow::Result<OutputFile> {
    let mut context = tera::Context::new();
    context.insert("lang", lang);
    context.insert("w", theme.words().tree());
    Ok(OutputFile {
        path: routes::Routes::file(routes::HOME),
        bytes: theme.render("hidden.html", &context)?.into_bytes(),
    })
}
