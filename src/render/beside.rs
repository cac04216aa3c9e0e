//! The files beside the pages, which need no page rendered first: the
//! theme's own files, the open data and the share pictures.

use rayon::prelude::*;

use super::{Sink, pages, views};
use crate::compute::Computed;
use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
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

/// Every open data file, from every exporter (in parallel), each handed
/// to `sink` as it is made: how many files, how many bytes, and a warning
/// for each file an exporter could not make: the site is still worth
/// publishing without it.
pub(super) fn open_data(
    model: &Model,
    computed: &Computed,
    words: &Words,
    sink: &Sink,
) -> anyhow::Result<((usize, usize), Diagnostics)> {
    let input = export::ExportInput {
        model,
        computed,
        words,
    };
    let exported: Vec<export::Exported> = export::exporters()
        .par_iter()
        .map(|e| e.export_to(&input, sink))
        .collect::<anyhow::Result<_>>()?;
    let mut counts = (0, 0);
    let mut warnings = Diagnostics::default();
    for made in exported {
        counts = (counts.0 + made.files, counts.1 + made.bytes);
        if let Some(failed) = made.failed {
            warnings.push(not_exported(&failed));
        }
    }
    Ok((counts, warnings))
}

/// The warning of an open data file not made.
fn not_exported(e: &export::ExportError) -> Diagnostic {
    Diagnostic::file(
        Severity::Warning,
        &e.file,
        format!(
            "không tạo được tệp dữ liệu mở này; trang web vẫn được tạo, không có tệp này: {:#}",
            e.error
        ),
        Some(
            "nếu lỗi nói một ô dài quá 32.767 ký tự (giới hạn của Excel), hãy rút ngắn văn bản \
             ấy trong nội dung; các tệp CSV và JSON vẫn có đủ dữ liệu"
                .into(),
        ),
    )
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
