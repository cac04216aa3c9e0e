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

/// The theme's own files: they hold no content and stay readable.
const PLAIN_FILES: [&str; 4] = [
    routes::STYLESHEET,
    routes::ROBOTS,
    routes::ICON,
    routes::SEARCH_SCRIPT,
];

/// Where a sealed build is: what a sealed page's script needs to tell a
/// file of the build (sealed) from any other address.
pub struct Place<'a> {
    /// The path of the build's root on its host, `/cchc/<secret>/`: for a
    /// page shown at any address (404).
    pub base_path: &'a str,
    /// Built to be opened from the file system: every link relative.
    pub offline: bool,
}

#[derive(Serialize)]
struct LockedView<'a> {
    lang: &'a str,
    w: &'a serde_json::Value,
    sealed: String,
    salt: String,
    iterations: u32,
    /// From the page to the build's root (`../../`): the script opens the
    /// files under it and leaves any other address to the browser.
    root: String,
    /// The files under the root left in the clear, space-separated.
    plain: String,
    script: &'a str,
}

/// `file` sealed with `sealer`: pages behind the passphrase form, data files
/// encrypted, the stylesheet and robots.txt unchanged.
pub fn seal(
    theme: &Theme,
    lang: &str,
    sealer: &Sealer,
    place: &Place,
    file: OutputFile,
) -> anyhow::Result<OutputFile> {
    if PLAIN_FILES.contains(&file.path.as_str()) {
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
        root: root_from(&file.path, place),
        plain: PLAIN_FILES.join(" "),
        script: UNLOCK_SCRIPT,
    };
    let context = tera::Context::from_serialize(&view)?;
    let html = theme.render("locked.html", &context)?;
    Ok(OutputFile {
        path: file.path,
        bytes: html.into_bytes(),
    })
}

/// From the page written at `path` to the root of the build, as its own
/// links go there: relative (`../../`, `./` at the root), but from the
/// base path on the 404 page, which a server sends for any address (see
/// `render::pages::render`).
fn root_from(path: &str, place: &Place) -> String {
    let routes = if path == routes::NOT_FOUND && !place.offline {
        routes::Routes::absolute(place.base_path, place.offline)
    } else {
        routes::Routes::from_page(path, place.offline)
    };
    routes.root()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_root_is_relative_but_on_the_404_page() {
        let place = Place {
            base_path: "/cchc/bi-mat/",
            offline: false,
        };
        let root = |path| root_from(path, &place);
        assert_eq!(root("index.html"), "./");
        assert_eq!(root("du-lieu/index.html"), "../");
        assert_eq!(root("don-vi/tan-loi/index.html"), "../../");
        assert_eq!(root("en/don-vi/tan-loi/index.html"), "../../../");
        assert_eq!(root("404.html"), "/cchc/bi-mat/");
        let offline = Place {
            offline: true,
            ..place
        };
        assert_eq!(root_from("404.html", &offline), "./");
        assert_eq!(root_from("du-lieu/index.html", &offline), "../");
    }
}
