//! The theme: its Tera templates, stylesheet, script and words, loaded
//! over the built-in theme file by file ([`Theme`]), and what its
//! templates can call besides their data (`functions`: the formatting
//! filters and the charts of [`graphics`](crate::graphics)).

mod functions;
pub mod theme;

pub use theme::{ICON, Theme};
