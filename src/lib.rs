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
pub mod export;
pub mod graphics;
pub mod import;
pub mod limits;
pub mod load;
pub mod model;
pub mod new;
pub mod render;
pub mod routes;
pub mod schema;
pub mod search;
pub mod serve;
pub mod site;
pub mod site_files;
pub mod slug;
pub mod templates;
pub mod text;
pub mod validate;
pub mod write;
