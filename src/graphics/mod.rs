//! What is drawn rather than written: the charts, as inline SVG
//! ([`charts`]), and the share pictures, as PNG ([`preview`]). Neither
//! has words of its own: every label comes from the theme's words.

pub mod charts;
pub mod preview;
