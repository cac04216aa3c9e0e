//! tiendo: a static site generator for public progress reports of
//! administrative reform (CCHC / PAR INDEX).
//!
//! Data flows one way, one module per stage:
//! [`load`] → [`validate`] → [`model`] → [`compute`] → [`render`] → [`write`],
//! tied together by [`site`]. The tuning numbers of every stage are in
//! [`limits`]. [`import`] turns spreadsheets into content files; [`schema`] writes the
//! JSON Schema of each kind of content file.

pub mod committee;
pub mod compute;
pub mod diagnostics;
pub mod import;
pub mod limits;
pub mod load;
pub mod model;
pub mod new;
pub mod render;
pub mod schema;
pub mod serve;
pub mod site;
pub mod slug;
pub mod validate;
pub mod write;
