//! The files beside the pages, which need no page rendered first: the
//! theme's own files, the open data and the share pictures.

use rayon::prelude::*;

use super::{Sink, pages, views};
use crate::compute::Computed;
use crate::export;
use crate::graphics::preview;
use crate::model::Model;
use crate::routes::{self, OutputFile};
use crate::templates::{self, Theme};
use crate::text::Words;

/// The theme's own files the pages name: the stylesheet, the icon and the
/// search script.
pub(super) fn theme_files(theme: &Theme) -> Vec<OutputFile> {
    [
        (routes::STYLESHEET, theme.stylesheet()),
        (routes::ICON, templates::ICON),
        (routes::SEARCH_SCRIPT, theme.script()),
    ]
    .into_iter()
    .map(|(path, text)| OutputFile {
        path: path.into(),
        bytes: text.as_bytes().to_vec(),
    })
    .collect()
}

/// Every open data file, from every exporter (in parallel).
pub(super) fn open_data(model: &Model, computed: &Computed, words: &Words) -> Vec<OutputFile> {
    let input = export::ExportInput {
        model,
        computed,
        words,
    };
    let exported: Vec<Vec<OutputFile>> = export::exporters()
        .par_iter()
        .map(|e| e.export(&input))
        .collect();
    exported.into_iter().flatten().collect()
}

/// The preview pictures of the home and unit pages, drawn in parallel and
/// written as each is made: how many files, how many bytes.
pub(super) fn previews(v: &views::Views, sink: &Sink) -> anyhow::Result<(usize, usize)> {
    let painter = preview::Painter::new();
    let sizes: Vec<usize> = pages::previewed(v)
        .par_iter()
        .with_max_len(1)
        .filter_map(|page| pages::card(v, page))
        .map(|(path, card)| {
            let bytes = painter.png(&card)?;
            let size = bytes.len();
            sink(OutputFile { path, bytes })?;
            Ok(size)
        })
        .collect::<anyhow::Result<_>>()?;
    Ok((sizes.len(), sizes.iter().sum()))
}
