//! Charts as inline SVG, made at build time: data in, markup out. Colours,
//! line widths and the shapes of marks come from the theme's CSS classes
//! (`chart-*`), and every word (captions, table headers, summary sentences)
//! from the theme's words (`chart.*`): this module only draws. Nothing here
//! runs in the browser.
//!
//! Every chart is a `<figure>`: an `<svg role="img">` named by its
//! `<title>` and described by its `<desc>` (the one-sentence summary), the
//! summary again as the caption, and every number in a table under it. The
//! table is the chart's text alternative, and what tests read the plot back
//! from: the shapes carry no numbers of their own.
//!
//! A unit page has four charts and a national site 4,000 unit pages, so the
//! markup is kept small: the marks of a series are one `<path>` (bars and
//! marks are strokes, a mark a zero-length segment with round or square
//! caps), a class is given once to a group rather than to each element,
//! a path never repeats where its pen already is, coordinates have one
//! decimal (a tenth of a unit is under a pixel at the widest the stylesheet
//! shows a chart), attribute values go unquoted where HTML allows, and the
//! tables leave out the end tags HTML lets a table leave out. The markup is
//! written once, straight into one `String`, escaped as it is written.

mod bars;
mod functions;
mod history;
mod pace;
mod stacked;
mod svg;

use std::borrow::Cow;

use chrono::NaiveDate;
use serde::Serialize;

pub use bars::bars;
pub use functions::{chart_bars, chart_history, chart_pace, chart_status};
pub use history::history;
pub use pace::{PacePoint, pace};
pub use stacked::stacked;

/// A chart's identity on its page: an id prefix (unique on the page) and a
/// title.
#[derive(Debug, Clone, Copy)]
pub struct Heading<'a> {
    pub id: &'a str,
    pub title: &'a str,
}

/// One horizontal bar: `value` out of `max`, with a label.
#[derive(Debug, Clone, Serialize)]
pub struct Bar<'a> {
    pub label: Cow<'a, str>,
    pub value: f64,
    pub max: f64,
    /// Shown before the label, e.g. a rank ("1").
    pub prefix: Option<Cow<'a, str>>,
}

/// One point of a history: a date and a value.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Point {
    pub date: NaiveDate,
    pub value: f64,
}

/// One segment of a stacked bar.
#[derive(Debug, Clone, Copy)]
pub struct Segment<'a> {
    /// Used as a CSS class suffix: `chart-seg-<key>`.
    pub key: &'a str,
    pub label: &'a str,
    pub count: usize,
}

#[cfg(test)]
mod testing;
