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
    fn export(&self, input: &ExportInput) -> Vec<OutputFile>;

    /// The files, each handed to `sink` as it is made: how many, how many
    /// bytes. An exporter of many files (a calendar a unit) makes them one
    /// at a time here, so that they are never all held at once.
    fn export_to(&self, input: &ExportInput, sink: &Sink) -> anyhow::Result<(usize, usize)> {
        let files = self.export(input);
        let counts = (files.len(), files.iter().map(|f| f.bytes.len()).sum());
        files.into_iter().try_for_each(sink)?;
        Ok(counts)
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
