//! What a reader reads, in the reader's language: the theme's words
//! ([`Words`]), numbers and dates written the way of a language
//! ([`format`](mod@format)), the one HTML/XML escape ([`escape`](mod@escape)) and Markdown made
//! safe ([`markdown`]). Nothing here knows a page or a template.

pub mod escape;
pub mod format;
pub mod markdown;
pub mod words;

pub use escape::escape;
pub use format::{date_vi, num_vi};
pub use markdown::markdown_to_safe_html;
pub use words::Words;
