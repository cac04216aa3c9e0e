//! Letters on a card: each glyph rasterized once per thread into blend
//! steps, text shaped (one glyph a letter, composed or from its parts),
//! fitted into its room with an ellipsis, wrapped over lines.

use tiny_skia::{FillRule, Mask, PathBuilder, Transform};
use ttf_parser::{Face, GlyphId, OutlineBuilder};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use super::Canvas;
use super::pixels::{blit, step};

/// A glyph's coverage at one size, as blend steps (see [`step`]): `steps`
/// is `width × height`, placed `left` pixels right of the pen and `top`
/// pixels below the baseline (negative: above it).
pub(super) struct Glyph {
    pub(super) left: i32,
    pub(super) top: i32,
    pub(super) width: usize,
    pub(super) steps: Vec<u8>,
}

/// A text's style: weight, size in pixels and the pair it blends in.
#[derive(Clone, Copy)]
pub(super) struct Style {
    pub(super) bold: bool,
    pub(super) size: u32,
    pub(super) pair: usize,
}

impl Canvas<'_> {
    /// `text` on one line from `x` to at most `right`, cut with an
    /// ellipsis when it does not fit.
    pub(super) fn line(&mut self, x: i32, y: i32, right: i32, style: Style, text: &str) {
        let text = self.fit(text, style, (right - x) as f32);
        self.text(x, y, style, &text);
    }

    /// The glyphs of `c` in a face: the letter itself, or its parts when
    /// the font has no precomposed form.
    fn glyph_ids(face: &Face, c: char, out: &mut Vec<GlyphId>) {
        if let Some(id) = face.glyph_index(c) {
            out.push(id);
            return;
        }
        let parts: Vec<char> = c.to_string().nfd().collect();
        if parts.len() > 1 {
            out.extend(parts.iter().filter_map(|&p| face.glyph_index(p)));
        }
    }

    fn shaped(&self, text: &str, style: Style) -> Vec<(GlyphId, f32)> {
        let face = self.painter.face(style.bold);
        let scale = style.size as f32 / f32::from(face.units_per_em());
        let mut ids = Vec::with_capacity(text.len());
        // Most text is already composed: checked without composing it.
        if is_nfc_quick(text.chars()) == IsNormalized::Yes {
            text.chars()
                .for_each(|c| Self::glyph_ids(face, c, &mut ids));
        } else {
            text.nfc().for_each(|c| Self::glyph_ids(face, c, &mut ids));
        }
        ids.into_iter()
            .map(|id| {
                let advance = face.glyph_hor_advance(id).unwrap_or(0);
                (id, f32::from(advance) * scale)
            })
            .collect()
    }

    pub(super) fn width(&self, text: &str, style: Style) -> f32 {
        self.shaped(text, style).iter().map(|(_, a)| a).sum()
    }

    /// `text`, or as much of it as fits in `room` pixels followed by "…".
    pub(super) fn fit(&self, text: &str, style: Style, room: f32) -> String {
        if self.width(text, style) <= room {
            return text.to_string();
        }
        let chars: Vec<char> = text.nfc().collect();
        let mut keep = chars.len();
        while keep > 0 {
            keep -= 1;
            let cut: String = chars[..keep].iter().collect();
            let candidate = format!("{}…", cut.trim_end());
            if self.width(&candidate, style) <= room {
                return candidate;
            }
        }
        "…".to_string()
    }

    /// `text` over at most `lines` lines of `room` pixels, cut at spaces;
    /// the last line cut to fit.
    pub(super) fn wrap(&self, text: &str, style: Style, room: f32, lines: usize) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut current = String::new();
        for word in text.split_whitespace() {
            let candidate = if current.is_empty() {
                word.to_string()
            } else {
                format!("{current} {word}")
            };
            if !current.is_empty() && self.width(&candidate, style) > room && out.len() + 1 < lines
            {
                out.push(std::mem::replace(&mut current, word.to_string()));
            } else {
                current = candidate;
            }
        }
        if !current.is_empty() || out.is_empty() {
            out.push(self.fit(&current, style, room));
        }
        out
    }

    /// Draws `text` with its pen starting at `x` on the baseline `y`.
    pub(super) fn text(&mut self, x: i32, y: i32, style: Style, text: &str) {
        let mut pen = x as f32;
        for (id, advance) in self.shaped(text, style) {
            let painter = self.painter;
            let glyph = self
                .glyphs
                .entry((style.bold, style.size, id.0))
                .or_insert_with(|| rasterize(painter.face(style.bold), id, style.size));
            if let Some(glyph) = glyph {
                blit(
                    self.pixels,
                    painter,
                    glyph,
                    pen.round() as i32,
                    y,
                    style.pair,
                );
            }
            pen += advance;
        }
    }
}

/// Follows a glyph's outline into a tiny-skia path, in pixels with y down,
/// shifted by `(dx, dy)`.
struct Outline {
    path: PathBuilder,
    scale: f32,
    dx: f32,
    dy: f32,
}

impl Outline {
    fn at(&self, x: f32, y: f32) -> (f32, f32) {
        (x * self.scale + self.dx, -y * self.scale + self.dy)
    }
}

impl OutlineBuilder for Outline {
    fn move_to(&mut self, x: f32, y: f32) {
        let (x, y) = self.at(x, y);
        self.path.move_to(x, y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        let (x, y) = self.at(x, y);
        self.path.line_to(x, y);
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let (x1, y1) = self.at(x1, y1);
        let (x, y) = self.at(x, y);
        self.path.quad_to(x1, y1, x, y);
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let (x1, y1) = self.at(x1, y1);
        let (x2, y2) = self.at(x2, y2);
        let (x, y) = self.at(x, y);
        self.path.cubic_to(x1, y1, x2, y2, x, y);
    }
    fn close(&mut self) {
        self.path.close();
    }
}

/// The coverage of glyph `id` at `size` pixels; `None` for a glyph with
/// no outline (a space).
pub(super) fn rasterize(face: &Face, id: GlyphId, size: u32) -> Option<Glyph> {
    let scale = size as f32 / f32::from(face.units_per_em());
    let bbox = face.glyph_bounding_box(id)?;
    let left = (f32::from(bbox.x_min) * scale).floor() as i32 - 1;
    let right = (f32::from(bbox.x_max) * scale).ceil() as i32 + 1;
    let top = (-f32::from(bbox.y_max) * scale).floor() as i32 - 1;
    let bottom = (-f32::from(bbox.y_min) * scale).ceil() as i32 + 1;
    let mut outline = Outline {
        path: PathBuilder::new(),
        scale,
        dx: -left as f32,
        dy: -top as f32,
    };
    face.outline_glyph(id, &mut outline)?;
    let path = outline.path.finish()?;
    let mut mask = Mask::new((right - left) as u32, (bottom - top) as u32)?;
    mask.fill_path(&path, FillRule::Winding, true, Transform::identity());
    Some(Glyph {
        left,
        top,
        width: mask.width() as usize,
        // Turned into blend steps once, not at every pixel it is drawn.
        steps: mask.data().iter().map(|&alpha| step(alpha)).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::super::pixels::ON_PAPER_INK;
    use super::super::{Painter, State};
    use super::*;

    #[test]
    fn long_headings_wrap_over_two_lines_and_are_cut_to_fit() {
        let painter = Painter::new();
        let mut state = State::default();
        let canvas = Canvas {
            painter: &painter,
            pixels: &mut state.pixels,
            glyphs: &mut state.glyphs,
            caps: &mut state.caps,
        };
        let style = Style {
            bold: true,
            size: 62,
            pair: ON_PAPER_INK,
        };
        let lines = canvas.wrap(&"Tân Lợi ".repeat(20), style, 1080.0, 2);
        assert_eq!(lines.len(), 2);
        assert!(
            lines.iter().all(|l| canvas.width(l, style) <= 1080.0),
            "{lines:?}"
        );
        assert!(lines[1].ends_with('…'));
        assert_eq!(canvas.wrap("Xã Tân Lợi", style, 1080.0, 2), ["Xã Tân Lợi"]);
    }
}
