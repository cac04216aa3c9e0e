//! Share previews: the picture a chat app shows beside a link to the home
//! page or a unit's page (chat apps show no SVG). A card is drawn as SVG,
//! rasterized by resvg with the bundled DejaVu Sans subset only (every
//! Vietnamese letter and tone mark; no system fonts, so every machine draws
//! the same bytes), then written as an 8-bit palette PNG: the card has a
//! few flat colours, and a palette makes the file small and quick to
//! compress. The words on a card come filled in; nothing here is a word.

use std::sync::Arc;

use super::escape::escape;

pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 630;

const FONT_REGULAR: &[u8] = include_bytes!("../../themes/default/fonts/DejaVuSans-vi.ttf");
const FONT_BOLD: &[u8] = include_bytes!("../../themes/default/fonts/DejaVuSans-Bold-vi.ttf");

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
const PAIRS: [([u8; 3], [u8; 3]); 8] = [
    (PAPER, INK),
    (PAPER, MUTED),
    (PAPER, BAD),
    (PAPER, GOOD),
    (BAND, PAPER),
    (PAPER, TRACK),
    (TRACK, FILL),
    (PAPER, FILL),
];
/// Steps of each blend in the palette (8 pairs × 31 = 248 colours ≤ 256).
const STEPS: u32 = 31;

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

/// Draws cards; made once per build (the fonts are parsed once) and shared
/// by every thread.
pub struct Painter {
    options: resvg::usvg::Options<'static>,
    palette: Vec<[u8; 3]>,
}

impl Painter {
    pub fn new() -> Painter {
        let mut db = resvg::usvg::fontdb::Database::new();
        db.load_font_data(FONT_REGULAR.to_vec());
        db.load_font_data(FONT_BOLD.to_vec());
        db.set_sans_serif_family("DejaVu Sans");
        let options = resvg::usvg::Options {
            font_family: "DejaVu Sans".into(),
            languages: vec!["vi".into()],
            fontdb: Arc::new(db),
            ..Default::default()
        };
        Painter {
            options,
            palette: palette(),
        }
    }

    /// The card as a 1200×630 PNG.
    pub fn png(&self, card: &Card) -> anyhow::Result<Vec<u8>> {
        let tree = resvg::usvg::Tree::from_str(&svg(card), &self.options)?;
        // One canvas per thread, cleared for each card: a fresh 3 MB
        // canvas per card cost more than drawing on it.
        CANVAS.with(|cell| {
            let mut slot = cell.borrow_mut();
            if slot.is_none() {
                *slot = resvg::tiny_skia::Pixmap::new(WIDTH, HEIGHT);
            }
            let pixmap = slot
                .as_mut()
                .ok_or_else(|| anyhow::anyhow!("no room for a {WIDTH}×{HEIGHT} picture"))?;
            pixmap.fill(resvg::tiny_skia::Color::WHITE);
            resvg::render(
                &tree,
                resvg::tiny_skia::Transform::default(),
                &mut pixmap.as_mut(),
            );
            encode(pixmap.data(), &self.palette)
        })
    }
}

thread_local! {
    static CANVAS: std::cell::RefCell<Option<resvg::tiny_skia::Pixmap>> =
        const { std::cell::RefCell::new(None) };
}

impl Default for Painter {
    fn default() -> Painter {
        Painter::new()
    }
}

/// The card as SVG: fixed places, the heading wrapped over two lines.
fn svg(card: &Card) -> String {
    let mut s = String::with_capacity(2048);
    s.push_str(&format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" font-family="DejaVu Sans">"##
    ));
    s.push_str(&format!(
        r##"<rect width="{WIDTH}" height="96" fill="{}"/>"##,
        hex(BAND)
    ));
    text(&mut s, 60, 62, 32, false, PAPER, &clip(&card.top, 60));
    let lines = wrap(&card.heading, 30, 2);
    let mut y = 190;
    for line in &lines {
        text(&mut s, 60, y, 62, true, INK, line);
        y += 74;
    }
    text(
        &mut s,
        60,
        y - 14,
        32,
        false,
        MUTED,
        &clip(&card.subheading, 60),
    );
    let mut note_x = 60;
    if let Some(figure) = &card.figure {
        let figure = clip(figure, 24);
        // DejaVu Sans Bold's figures are about 0.63 em wide.
        note_x += figure.chars().count() as u32 * 34 + 40;
        text(&mut s, 60, 440, 54, true, INK, &figure);
    }
    if let Some(note) = &card.figure_note {
        let room = (1140u32.saturating_sub(note_x) / 18) as usize;
        text(&mut s, note_x, 440, 32, false, MUTED, &clip(note, room));
    }
    if let Some(share) = card.meter {
        let width = (1080.0 * share.clamp(0.0, 1.0)).round();
        s.push_str(&format!(
            r##"<rect x="60" y="464" width="1080" height="22" rx="11" fill="{}"/><rect x="60" y="464" width="{width}" height="22" rx="11" fill="{}"/>"##,
            hex(TRACK),
            hex(FILL)
        ));
    }
    if let Some((alert, bad)) = &card.alert {
        let colour = if *bad { BAD } else { GOOD };
        text(&mut s, 60, 540, 34, true, colour, &clip(alert, 56));
    }
    text(&mut s, 60, 600, 26, false, MUTED, &clip(&card.footer, 72));
    s.push_str("</svg>");
    s
}

fn text(s: &mut String, x: u32, y: u32, size: u32, bold: bool, colour: [u8; 3], words: &str) {
    let weight = if bold { "bold" } else { "normal" };
    s.push_str(&format!(
        r##"<text x="{x}" y="{y}" font-size="{size}" font-weight="{weight}" fill="{}">{}</text>"##,
        hex(colour),
        escape(words)
    ));
}

fn hex([r, g, b]: [u8; 3]) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// At most `max` characters, with an ellipsis when cut.
fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

/// `text` over at most `lines` lines of about `width` characters, cut at
/// spaces; the last line clipped.
fn wrap(text: &str, width: usize, lines: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let len = current.chars().count();
        if len > 0 && len + 1 + word.chars().count() > width && out.len() + 1 < lines {
            out.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() || out.is_empty() {
        out.push(clip(&current, width));
    }
    out
}

/// Each pair of [`PAIRS`] blended in [`STEPS`] steps, both ends included.
fn palette() -> Vec<[u8; 3]> {
    let mut out: Vec<[u8; 3]> = Vec::with_capacity(256);
    for (under, over) in PAIRS {
        for step in 0..STEPS {
            let c = std::array::from_fn(|i| {
                let (a, b) = (u32::from(under[i]), u32::from(over[i]));
                ((a * (STEPS - 1 - step) + b * step + (STEPS - 1) / 2) / (STEPS - 1)) as u8
            });
            if !out.contains(&c) {
                out.push(c);
            }
        }
    }
    out
}

/// The nearest colour of `palette` (squared distance in RGB).
fn nearest(palette: &[[u8; 3]], c: [u8; 3]) -> u8 {
    let distance = |p: &[u8; 3]| -> u32 {
        (0..3)
            .map(|i| (i32::from(p[i]) - i32::from(c[i])).pow(2) as u32)
            .sum()
    };
    (0..palette.len())
        .min_by_key(|&i| distance(&palette[i]))
        .unwrap_or(0) as u8
}

/// RGBA pixels (opaque: the card is drawn on white) as a palette PNG.
/// Runs of one colour are the rule; the edges of letters hit a small cache
/// of the colours already matched.
fn encode(rgba: &[u8], palette: &[[u8; 3]]) -> anyhow::Result<Vec<u8>> {
    const CACHE: usize = 4096;
    let mut cache: Vec<(u32, u8)> = vec![(u32::MAX, 0); CACHE];
    let mut indexes = Vec::with_capacity(rgba.len() / 4);
    let mut last = (u32::MAX, 0u8);
    for px in rgba.chunks_exact(4) {
        let key = u32::from_le_bytes([px[0], px[1], px[2], 0]);
        if key != last.0 {
            let slot = (key.wrapping_mul(0x9e37_79b1) >> 20) as usize % CACHE;
            if cache[slot].0 != key {
                cache[slot] = (key, nearest(palette, [px[0], px[1], px[2]]));
            }
            last = cache[slot];
        }
        indexes.push(last.1);
    }
    let mut out = Vec::with_capacity(64 * 1024);
    {
        let mut encoder = png::Encoder::new(&mut out, WIDTH, HEIGHT);
        encoder.set_color(png::ColorType::Indexed);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_palette(palette.iter().flatten().copied().collect::<Vec<u8>>());
        encoder.set_compression(png::Compression::Fast);
        // png's default, adaptive filtering: on the M corpus it cost no
        // more time than "Up" and made files a quarter smaller (34 KB a
        // card); unfiltered, they were 8 times larger.
        let mut writer = encoder.write_header()?;
        writer.write_image_data(&indexes)?;
        writer.finish()?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
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
        assert_eq!(painter.png(&card()).unwrap(), painter.png(&card()).unwrap());
    }

    #[test]
    fn every_vietnamese_letter_has_a_glyph_in_the_bundled_font() {
        let painter = Painter::new();
        let letters = "ăâđêôơưĂÂĐÊÔƠƯáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ";
        let mut found = 0;
        painter.options.fontdb.faces().for_each(|face| {
            painter
                .options
                .fontdb
                .with_face_data(face.id, |data, index| {
                    let font = ttf_parser::Face::parse(data, index).unwrap();
                    for c in letters.chars().chain(letters.to_uppercase().chars()) {
                        assert!(font.glyph_index(c).is_some(), "{c} in {:?}", face.families);
                    }
                    found += 1;
                });
        });
        assert_eq!(found, 2);
    }

    #[test]
    fn long_headings_wrap_over_two_lines_and_are_clipped() {
        let lines = wrap(&"Tân Lợi ".repeat(20), 30, 2);
        assert_eq!(lines.len(), 2);
        assert!(lines.iter().all(|l| l.chars().count() <= 30), "{lines:?}");
        assert!(lines[1].ends_with('…'));
        assert_eq!(wrap("Xã Tân Lợi", 30, 2), ["Xã Tân Lợi"]);
    }

    #[test]
    fn the_palette_holds_every_colour_of_the_card() {
        let p = palette();
        assert!(p.len() <= 256);
        for c in [PAPER, BAND, INK, MUTED, TRACK, FILL, BAD, GOOD] {
            assert_eq!(p[nearest(&p, c) as usize], c);
        }
    }
}
