//! The card's colours and pixels: every pixel a palette index, the
//! blend of one colour over another in [`STEPS`] steps; a coverage drawn
//! over what lies under it; the palette and its PNG.

use super::text::Glyph;
use super::{HEIGHT, Painter, WIDTH};

// The card's colours, as the theme's stylesheet has them.
const PAPER: [u8; 3] = [0xff, 0xff, 0xff];
const BAND: [u8; 3] = [0x0b, 0x3d, 0x6e];
const INK: [u8; 3] = [0x1a, 0x1a, 0x1a];
const MUTED: [u8; 3] = [0x4a, 0x4a, 0x4a];
const TRACK: [u8; 3] = [0xdd, 0xe3, 0xea];
const FILL: [u8; 3] = [0x0b, 0x5c, 0xad];
const BAD: [u8; 3] = [0xa4, 0x00, 0x1a];
const GOOD: [u8; 3] = [0x1f, 0x6e, 0x2e];

/// Which colour lies on which: every pixel of a card is one of these pairs
/// blended (the edges of letters and shapes).
pub(super) const PAIRS: [([u8; 3], [u8; 3]); 8] = [
    (PAPER, INK),
    (PAPER, MUTED),
    (PAPER, BAD),
    (PAPER, GOOD),
    (BAND, PAPER),
    (PAPER, TRACK),
    (TRACK, FILL),
    (PAPER, FILL),
];
// Indexes into PAIRS.
pub(super) const ON_PAPER_INK: usize = 0;
pub(super) const ON_PAPER_MUTED: usize = 1;
pub(super) const ON_PAPER_BAD: usize = 2;
pub(super) const ON_PAPER_GOOD: usize = 3;
pub(super) const ON_BAND_PAPER: usize = 4;
pub(super) const ON_PAPER_TRACK: usize = 5;
pub(super) const ON_TRACK_FILL: usize = 6;

/// Steps of each blend in the palette (8 pairs × 31 = 248 colours ≤ 256).
pub(super) const STEPS: u32 = 31;

/// The blend step of a coverage (0–255).
pub(super) fn step(alpha: u8) -> u8 {
    ((u32::from(alpha) * (STEPS - 1) + 127) / 255) as u8
}

/// Draws `glyph`'s coverage at pen `(x, y)` in `pair`: a pixel takes the
/// pair's blend when it is stronger than what the pixel has of that pair
/// (two letters' edges that touch keep the darker).
pub(super) fn blit(
    pixels: &mut [u8],
    painter: &Painter,
    glyph: &Glyph,
    x: i32,
    y: i32,
    pair: usize,
) {
    let index = &painter.index[pair];
    let step_of = &painter.step_of[pair];
    // The columns of the glyph that fall on the canvas.
    let left = x + glyph.left;
    let skip = (-left).max(0) as usize;
    let take = (WIDTH as i32 - left).clamp(0, glyph.width as i32) as usize;
    if skip >= take {
        return;
    }
    for (row, steps) in glyph.steps.chunks_exact(glyph.width).enumerate() {
        let py = y + glyph.top + row as i32;
        if !(0..HEIGHT as i32).contains(&py) {
            continue;
        }
        let start = py as usize * WIDTH as usize + (left + skip as i32) as usize;
        let line = &mut pixels[start..][..take - skip];
        for (pixel, &s) in line.iter_mut().zip(&steps[skip..take]) {
            // A step of 0 is never stronger than what a pixel has.
            if s > step_of[usize::from(*pixel)] {
                *pixel = index[usize::from(s)];
            }
        }
    }
}

pub(super) fn blend(under: [u8; 3], over: [u8; 3], step: u32) -> [u8; 3] {
    std::array::from_fn(|i| {
        let (a, b) = (u32::from(under[i]), u32::from(over[i]));
        ((a * (STEPS - 1 - step) + b * step + (STEPS - 1) / 2) / (STEPS - 1)) as u8
    })
}

/// Each pair of [`PAIRS`] blended in [`STEPS`] steps, both ends included.
pub(super) fn palette() -> Vec<[u8; 3]> {
    let mut out: Vec<[u8; 3]> = Vec::with_capacity(256);
    for (under, over) in PAIRS {
        for step in 0..STEPS {
            let c = blend(under, over, step);
            if !out.contains(&c) {
                out.push(c);
            }
        }
    }
    out
}

/// The nearest colour of `palette` (squared distance in RGB).
pub(super) fn nearest(palette: &[[u8; 3]], c: [u8; 3]) -> u8 {
    let distance = |p: &[u8; 3]| -> u32 {
        (0..3)
            .map(|i| (i32::from(p[i]) - i32::from(c[i])).pow(2) as u32)
            .sum()
    };
    (0..palette.len())
        .min_by_key(|&i| distance(&palette[i]))
        .unwrap_or(0) as u8
}

/// Palette indexes as a PNG.
pub(super) fn encode(indexes: &[u8], palette: &[[u8; 3]]) -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(64 * 1024);
    {
        let mut encoder = png::Encoder::new(&mut out, WIDTH, HEIGHT);
        encoder.set_color(png::ColorType::Indexed);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_palette(palette.iter().flatten().copied().collect::<Vec<u8>>());
        encoder.set_compression(png::Compression::Fast);
        // png's default, adaptive filtering: on the M corpus it cost no
        // more time than "Up" and made files a quarter smaller; unfiltered,
        // they were 8 times larger.
        let mut writer = encoder.write_header()?;
        writer.write_image_data(indexes)?;
        writer.finish()?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_palette_holds_every_colour_of_the_card() {
        let p = palette();
        assert!(p.len() <= 256);
        for c in [PAPER, BAND, INK, MUTED, TRACK, FILL, BAD, GOOD] {
            assert_eq!(p[nearest(&p, c) as usize], c);
        }
    }
}
