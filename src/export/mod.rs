//! Open data: files beside the pages, each made by an exporter with one
//! verb. CSV files start with a UTF-8 byte-order mark so that Excel shows
//! Vietnamese correctly; JSON is for programs; the Excel workbook has
//! typed numbers and dates, for every locale; the deadlines are also
//! calendars (iCalendar) to subscribe to. (The Atom feed is a template of
//! the theme: see `site_files`.)

mod calendar;
mod csv;
mod json;
mod xlsx;

pub use xlsx::{ScoresSheet, scores_sheet};

use crate::compute::{Computed, UnitResult};
use crate::model::Model;
use crate::routes::OutputFile;
use crate::text::Words;

/// What exporters read: the model, what was computed from it, and the
/// theme's words for the labels that data files carry (a stage, a method).
pub struct ExportInput<'a> {
    pub model: &'a Model,
    pub computed: &'a Computed,
    pub words: &'a Words,
}

impl ExportInput<'_> {
    fn latest(&self, unit: usize) -> Option<&(usize, UnitResult)> {
        self.computed.latest(unit)
    }
}

/// Where files go as each is made: called from several threads at once.
pub type Sink<'a> = dyn Fn(OutputFile) -> anyhow::Result<()> + Sync + 'a;

/// Makes some files of the site from the whole model.
pub trait Exporter: Sync {
    /// The files of this format; or, when one of them cannot be made,
    /// which one and why.
    fn export(&self, input: &ExportInput) -> Result<Vec<OutputFile>, ExportError>;

    /// The files, each handed to `sink` as it is made. An exporter of many
    /// files (a calendar a unit) makes them one at a time here, so that
    /// they are never all held at once. The error is the sink's (the
    /// disk's): the build cannot go on; a file that could not be made is
    /// in [`Exported::failed`], and the site is built without it.
    fn export_to(&self, input: &ExportInput, sink: &Sink) -> anyhow::Result<Exported> {
        let files = match self.export(input) {
            Ok(files) => files,
            Err(failed) => {
                return Ok(Exported {
                    failed: Some(failed),
                    ..Exported::default()
                });
            }
        };
        let exported = Exported {
            files: files.len(),
            bytes: files.iter().map(|f| f.bytes.len()).sum(),
            failed: None,
        };
        files.into_iter().try_for_each(sink)?;
        Ok(exported)
    }
}

/// What an exporter wrote: how many files, how many bytes, and the file
/// it could not make.
#[derive(Debug, Default)]
pub struct Exported {
    pub files: usize,
    pub bytes: usize,
    pub failed: Option<ExportError>,
}

/// An open data file that could not be made: its path under the output
/// folder and what failed.
#[derive(Debug)]
pub struct ExportError {
    pub file: String,
    pub error: anyhow::Error,
}

impl ExportError {
    pub fn new(file: &str, error: impl Into<anyhow::Error>) -> ExportError {
        ExportError {
            file: file.to_string(),
            error: error.into(),
        }
    }
}

/// The exporters of a build, in order.
pub fn exporters() -> Vec<Box<dyn Exporter>> {
    vec![
        Box::new(csv::CsvExporter),
        Box::new(json::JsonExporter),
        Box::new(xlsx::XlsxExporter),
        Box::new(calendar::CalendarExporter),
    ]
}
