//! Share previews: the picture a chat app shows beside a link to the home
//! page or a unit's page (chat apps show no SVG). A card is a few flat
//! colours and lines of text in the bundled DejaVu Sans subset (every
//! Vietnamese letter and tone mark; no system fonts, so every machine draws
//! the same bytes), written as an 8-bit palette PNG.
//!
//! Cards are drawn straight into palette indexes: each glyph is rasterized
//! once per thread (tiny-skia, anti-aliased) into a coverage mask, and a
//! letter's pixel is the blend of its colour over the colour under it, in
//! `STEPS` steps. Thousands of cards share a few hundred glyphs, so a
//! card costs copying masks and compressing, not filling outlines.
//! The words on a card come filled in; nothing here is a word.

mod pixels;
mod text;

use std::cell::RefCell;
use std::collections::HashMap;

use tiny_skia::{FillRule, Mask, PathBuilder, Rect, Transform};
use ttf_parser::Face;

use pixels::{
    ON_BAND_PAPER, ON_PAPER_BAD, ON_PAPER_GOOD, ON_PAPER_INK, ON_PAPER_MUTED, ON_PAPER_TRACK,
    ON_TRACK_FILL, PAIRS, STEPS, blend, blit, encode, nearest, palette, step,
};
use text::{Glyph, Style};

pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 630;

const FONT_REGULAR: &[u8] = include_bytes!("../../../themes/default/fonts/DejaVuSans-vi.ttf");
const FONT_BOLD: &[u8] = include_bytes!("../../../themes/default/fonts/DejaVuSans-Bold-vi.ttf");

/// The left and right margin of every line.
const MARGIN: i32 = 60;

/// What a card says, each line already in words.
pub struct Card {
    /// The organization, in the band at the top.
    pub top: String,
    /// The page's name, large.
    pub heading: String,
    pub subheading: String,
    /// A score ("72,5/100 điểm") and what goes with it (band, rank).
    pub figure: Option<String>,
    pub figure_note: Option<String>,
    /// The score's share of the maximum, 0 to 1, drawn as a bar.
    pub meter: Option<f64>,
    /// The overdue tasks, and whether there are any.
    pub alert: Option<(String, bool)>,
    /// The site's title and date, at the bottom.
    pub footer: String,
}

/// Draws cards; made once per build and shared by every thread (each
/// thread keeps its own canvas and glyph masks).
pub struct Painter {
    regular: Face<'static>,
    bold: Face<'static>,
    palette: Vec<[u8; 3]>,
    /// The palette index of each pair's blend step.
    index: [[u8; STEPS as usize]; PAIRS.len()],
    /// The step of each palette index within each pair (0 when it is not
    /// a colour of that pair, so that a letter is drawn over it).
    step_of: Vec<[u8; 256]>,
}

impl Painter {
    pub fn new() -> Painter {
        // The bundled fonts are part of the binary and checked by the tests.
        let regular = Face::parse(FONT_REGULAR, 0).expect("the bundled regular font parses");
        let bold = Face::parse(FONT_BOLD, 0).expect("the bundled bold font parses");
        let palette = palette();
        let mut index = [[0u8; STEPS as usize]; PAIRS.len()];
        let mut step_of = vec![[0u8; 256]; PAIRS.len()];
        for (p, (under, over)) in PAIRS.iter().enumerate() {
            for step in 0..STEPS {
                let i = nearest(&palette, blend(*under, *over, step));
                index[p][step as usize] = i;
                step_of[p][usize::from(i)] = step as u8;
            }
        }
        Painter {
            regular,
            bold,
            palette,
            index,
            step_of,
        }
    }

    fn face(&self, bold: bool) -> &Face<'static> {
        if bold { &self.bold } else { &self.regular }
    }

    /// The card as a 1200×630 PNG.
    pub fn png(&self, card: &Card) -> anyhow::Result<Vec<u8>> {
        CANVAS.with(|cell| {
            let mut state = cell.borrow_mut();
            let state = &mut *state;
            state.pixels.clear();
            state
                .pixels
                .resize((WIDTH * HEIGHT) as usize, self.index[ON_PAPER_INK][0]);
            let mut c = Canvas {
                painter: self,
                pixels: &mut state.pixels,
                glyphs: &mut state.glyphs,
                caps: &mut state.caps,
            };
            c.draw(card);
            encode(&state.pixels, &self.palette)
        })
    }
}

impl Default for Painter {
    fn default() -> Painter {
        Painter::new()
    }
}

/// One thread's canvas (palette indexes) and the glyphs it has drawn.
#[derive(Default)]
struct State {
    pixels: Vec<u8>,
    glyphs: HashMap<(bool, u32, u16), Option<Glyph>>,
    /// The circle a bar's round ends are cut from, by height: see
    /// [`Canvas::capsule`].
    caps: HashMap<u32, Vec<u8>>,
}

thread_local! {
    static CANVAS: RefCell<State> = RefCell::new(State::default());
}

struct Canvas<'a> {
    painter: &'a Painter,
    pixels: &'a mut Vec<u8>,
    glyphs: &'a mut HashMap<(bool, u32, u16), Option<Glyph>>,
    caps: &'a mut HashMap<u32, Vec<u8>>,
}

impl Canvas<'_> {
    /// Fixed places; the heading wrapped over two lines.
    fn draw(&mut self, card: &Card) {
        let right = WIDTH as i32 - MARGIN;
        let band = self.painter.index[ON_BAND_PAPER][0];
        self.pixels[..(WIDTH * 96) as usize].fill(band);
        let regular = |size, pair| Style {
            bold: false,
            size,
            pair,
        };
        let bold = |size, pair| Style {
            bold: true,
            size,
            pair,
        };
        self.line(MARGIN, 62, right, regular(32, ON_BAND_PAPER), &card.top);
        let heading = bold(62, ON_PAPER_INK);
        let mut y = 190;
        for line in self.wrap(&card.heading, heading, (right - MARGIN) as f32, 2) {
            self.text(MARGIN, y, heading, &line);
            y += 74;
        }
        let sub = regular(32, ON_PAPER_MUTED);
        self.line(MARGIN, y - 14, right, sub, &card.subheading);
        let mut note_x = MARGIN;
        if let Some(figure) = &card.figure {
            let style = bold(54, ON_PAPER_INK);
            let figure = self.fit(figure, style, (right - MARGIN) as f32 / 2.0);
            note_x += self.width(&figure, style).ceil() as i32 + 28;
            self.text(MARGIN, 440, style, &figure);
        }
        if let Some(note) = &card.figure_note {
            self.line(note_x, 440, right, sub, note);
        }
        if let Some(share) = card.meter {
            let track = (right - MARGIN) as f32;
            self.capsule(MARGIN as f32, 464.0, track, 22.0, ON_PAPER_TRACK);
            let filled = (track * share.clamp(0.0, 1.0) as f32).round();
            self.capsule(MARGIN as f32, 464.0, filled, 22.0, ON_TRACK_FILL);
        }
        if let Some((alert, bad)) = &card.alert {
            let pair = if *bad { ON_PAPER_BAD } else { ON_PAPER_GOOD };
            self.line(MARGIN, 540, right, bold(34, pair), alert);
        }
        self.line(
            MARGIN,
            600,
            right,
            regular(24, ON_PAPER_MUTED),
            &card.footer,
        );
    }

    /// A bar with round ends, `width` long, in `pair`'s colour over what
    /// lies under it.
    ///
    /// A bar of whole pixels is a circle cut in two with full columns
    /// between its halves: the straight sides of the outline fall on pixel
    /// edges, so the coverage is the same as filling the whole outline
    /// (the unit test compares both). The circle is rasterized once per
    /// thread; every card has a bar, and filling its outline cost more
    /// than drawing its text.
    fn capsule(&mut self, x: f32, y: f32, width: f32, height: f32, pair: usize) {
        if width < 1.0 {
            return;
        }
        let whole = width.fract() == 0.0 && height.fract() == 0.0;
        let (w, h) = (width as usize, height as usize);
        let steps = if whole && h % 2 == 0 && w > h {
            let circle = self
                .caps
                .entry(h as u32)
                .or_insert_with(|| outline_steps(h as f32, h as f32));
            split_circle_steps(circle, w, h)
        } else {
            outline_steps(width, height)
        };
        if steps.is_empty() {
            return;
        }
        let glyph = Glyph {
            left: 0,
            top: 0,
            width: width.ceil() as usize,
            steps,
        };
        blit(self.pixels, self.painter, &glyph, x as i32, y as i32, pair);
    }
}

/// A bar `width` long from the steps of a circle `height` across (even),
/// cut in two, with full columns between its halves.
fn split_circle_steps(circle: &[u8], width: usize, height: usize) -> Vec<u8> {
    let r = height / 2;
    let mut steps = Vec::with_capacity(width * height);
    for row in circle.chunks_exact(height) {
        steps.extend_from_slice(&row[..r]);
        steps.resize(steps.len() + (width - height), step(u8::MAX));
        steps.extend_from_slice(&row[r..]);
    }
    steps
}

/// The coverage of a bar with round ends, `width` × `height`, filled as
/// one outline, in blend steps (`ceil(width)` a row); none when it has no
/// pixel.
fn outline_steps(width: f32, height: f32) -> Vec<u8> {
    let r = height / 2.0;
    let mut pb = PathBuilder::new();
    if width > height {
        if let Some(rect) = Rect::from_xywh(r, 0.0, width - height, height) {
            pb.push_rect(rect);
        }
        pb.push_circle(r, r, r);
        pb.push_circle(width - r, r, r);
    } else {
        pb.push_circle(width / 2.0, r, width.min(height) / 2.0);
    }
    let (Some(path), Some(mut mask)) = (pb.finish(), Mask::new(width.ceil() as u32, height as u32))
    else {
        return Vec::new();
    };
    mask.fill_path(&path, FillRule::Winding, true, Transform::identity());
    mask.data().iter().map(|&alpha| step(alpha)).collect()
}

#[cfg(test)]
mod tests {
    use unicode_normalization::UnicodeNormalization;

    use super::*;

    fn card() -> Card {
        Card {
            top: "Ủy ban nhân dân tỉnh Thử Nghiệm".into(),
            heading: "Ủy ban nhân dân xã Tân Lợi, huyện Đồng Hỷ, tỉnh Thái Nguyên".into(),
            subheading: "Xã".into(),
            figure: Some("72,5/100 điểm".into()),
            figure_note: Some("xếp loại Khá".into()),
            meter: Some(0.725),
            alert: Some(("3 nhiệm vụ quá hạn".into(), true)),
            footer: "Tiến độ CCHC · ngày 18/12/2025".into(),
        }
    }

    fn pixels(bytes: &[u8]) -> Vec<u8> {
        let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        let mut reader = decoder.read_info().unwrap();
        let mut buffer = vec![0; reader.output_buffer_size().unwrap()];
        reader.next_frame(&mut buffer).unwrap();
        buffer
    }

    #[test]
    fn a_card_is_a_1200_by_630_palette_png() {
        let bytes = Painter::new().png(&card()).unwrap();
        let decoder = png::Decoder::new(std::io::Cursor::new(&bytes));
        let reader = decoder.read_info().unwrap();
        let info = reader.info();
        assert_eq!((info.width, info.height), (WIDTH, HEIGHT));
        assert_eq!(info.color_type, png::ColorType::Indexed);
        assert!(bytes.len() < 80_000, "{} bytes", bytes.len());
    }

    #[test]
    fn the_same_card_gives_the_same_bytes() {
        let painter = Painter::new();
        let first = painter.png(&card()).unwrap();
        // Another card in between: the canvas and glyphs are reused.
        let mut other = card();
        other.heading = "Phường Đồng Xoài".into();
        other.meter = None;
        painter.png(&other).unwrap();
        assert_eq!(painter.png(&card()).unwrap(), first);
    }

    #[test]
    fn the_words_are_drawn_where_the_card_puts_them() {
        let painter = Painter::new();
        let paper = painter.index[ON_PAPER_INK][0];
        let band = painter.index[ON_BAND_PAPER][0];
        let ink = painter.index[ON_PAPER_INK][STEPS as usize - 1];
        let px = pixels(&painter.png(&card()).unwrap());
        let row = |y: usize| &px[y * WIDTH as usize..(y + 1) * WIDTH as usize];
        // The band, with the organization's letters in paper colour.
        assert_eq!(row(5).iter().filter(|&&p| p != band).count(), 0);
        assert!(row(50).iter().any(|&p| p != band));
        // The heading's letters: solid ink inside the margins, none outside.
        let heading = row(175);
        assert!(heading.contains(&ink));
        assert!(heading[..MARGIN as usize - 2].iter().all(|&p| p == paper));
        // The meter: track to the right margin, filled to 72.5 %.
        let meter = row(475);
        let fill = painter.index[ON_TRACK_FILL][STEPS as usize - 1];
        let track = painter.index[ON_PAPER_TRACK][STEPS as usize - 1];
        assert_eq!(meter[MARGIN as usize + 100], fill);
        assert_eq!(meter[MARGIN as usize + 1080 - 100], track);
        let filled = meter.iter().filter(|&&p| p == fill).count();
        assert!((780..=790).contains(&filled), "{filled} filled pixels");
        // Nothing drawn on the empty row between the alert and the footer.
        assert!(row(560).iter().all(|&p| p == paper));
    }

    #[test]
    fn decomposed_letters_draw_as_their_composed_form() {
        let painter = Painter::new();
        let mut nfd = card();
        nfd.heading = card().heading.nfd().collect();
        assert_ne!(nfd.heading, card().heading);
        assert_eq!(painter.png(&nfd).unwrap(), painter.png(&card()).unwrap());
    }

    #[test]
    fn every_vietnamese_letter_has_a_glyph_in_the_bundled_font() {
        let painter = Painter::new();
        let letters =
            "ăâđêôơưĂÂĐÊÔƠƯáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ…·";
        for face in [&painter.regular, &painter.bold] {
            for c in letters.chars().chain(letters.to_uppercase().chars()) {
                assert!(face.glyph_index(c).is_some(), "{c}");
            }
        }
    }

    #[test]
    fn a_bar_from_a_split_circle_is_the_bar_filled_as_one_outline() {
        for height in [2, 10, 22, 40] {
            let circle = outline_steps(height as f32, height as f32);
            assert_eq!(circle.len(), height * height);
            assert!(
                circle.iter().any(|&s| s > 0 && s < STEPS as u8 - 1),
                "no edge"
            );
            for width in [height + 1, height + 2, 3 * height + 1, 100, 1080] {
                assert_eq!(
                    split_circle_steps(&circle, width, height),
                    outline_steps(width as f32, height as f32),
                    "{width} × {height}"
                );
            }
        }
    }
}
