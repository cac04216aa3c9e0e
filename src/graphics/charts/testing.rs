//! What the tests of every chart share: the words, a heading, and the
//! figure read back as a browser parses it.

use super::Heading;
use crate::text::words::Words;

/// The built-in Vietnamese words, for the tests of every chart.
pub(super) fn words() -> Words {
    Words::parse(
        include_str!("../../../themes/default/words/vi.yaml"),
        "vi.yaml",
    )
    .unwrap()
}

/// What a chart function writes, on its own.
pub(super) fn drawn(draw: impl FnOnce(&mut String)) -> String {
    let mut out = String::new();
    draw(&mut out);
    out
}

/// The chart's figure as a browser parses it (HTML, not XML), checked
/// for what every chart has: an inert `<svg role=img>` named by its
/// title and described by its summary, which is also the caption.
pub(super) fn parsed(figure: &str) -> scraper::Html {
    let doc = scraper::Html::parse_fragment(figure);
    let one = |s: &str| {
        let found: Vec<_> = doc.select(&sel(s)).collect();
        assert_eq!(found.len(), 1, "one {s} in {figure}");
        found[0]
    };
    let svg = one("figure > svg");
    assert_eq!(svg.value().attr("role"), Some("img"));
    let ids: Vec<&str> = svg
        .value()
        .attr("aria-labelledby")
        .unwrap()
        .split(' ')
        .collect();
    let title = one("svg > title");
    let desc = one("svg > desc");
    assert_eq!(
        ids,
        [title.value().id().unwrap(), desc.value().id().unwrap()]
    );
    let caption: String = one("figure > figcaption").text().collect();
    let title: String = title.text().collect();
    let desc: String = desc.text().collect();
    assert_eq!(caption, format!("{title}. {desc}"));
    one("figure > details > table");
    for n in doc.select(&sel("svg, svg *")) {
        assert_ne!(n.value().name(), "script");
        for (name, _) in n.value().attrs() {
            assert!(!name.starts_with("on"), "event handler {name}");
            assert!(
                !name.starts_with("data-"),
                "{name}: numbers are in the table"
            );
        }
    }
    doc
}

pub(super) fn sel(s: &str) -> scraper::Selector {
    scraper::Selector::parse(s).unwrap()
}

/// The rows of the chart's table: header cell and data cells, as text.
pub(super) fn table(doc: &scraper::Html) -> Vec<Vec<String>> {
    doc.select(&sel("table tbody tr"))
        .map(|tr| {
            tr.select(&sel("th, td"))
                .map(|c| c.text().collect())
                .collect()
        })
        .collect()
}

/// The `d` of the path of class `class`.
pub(super) fn path_data(doc: &scraper::Html, class: &str) -> String {
    let path = doc
        .select(&sel(&format!("path.{class}")))
        .next()
        .unwrap_or_else(|| panic!("no path.{class}"));
    path.value().attr("d").unwrap().to_string()
}

/// The points a path's `d` goes through, absolute, each command's end
/// in turn (only the commands the charts write: M m H h V v z).
pub(super) fn vertices(d: &str) -> Vec<(char, f64, f64)> {
    let mut out = Vec::new();
    let (mut x, mut y, mut from) = (0.0, 0.0, (0.0, 0.0));
    let mut rest = d.trim();
    let number = |rest: &mut &str| -> f64 {
        let s = rest.trim_start_matches([' ', ',']);
        let len = s
            .char_indices()
            .find(|&(i, c)| !(c.is_ascii_digit() || c == '.' || (c == '-' && i == 0)))
            .map_or(s.len(), |(i, _)| i);
        *rest = &s[len..];
        s[..len].parse().unwrap()
    };
    while let Some(command) = rest.chars().next() {
        rest = &rest[1..];
        match command {
            'M' => (x, y) = (number(&mut rest), number(&mut rest)),
            'm' => (x, y) = (x + number(&mut rest), y + number(&mut rest)),
            'H' => x = number(&mut rest),
            'h' => x += number(&mut rest),
            'V' => y = number(&mut rest),
            'v' => y += number(&mut rest),
            'z' => (x, y) = from,
            ' ' => continue,
            other => panic!("unexpected command {other} in {d}"),
        }
        if command.eq_ignore_ascii_case(&'m') {
            from = (x, y);
        }
        out.push((command, x, y));
    }
    out
}

/// Where the marks of a path of marks are (each a move and `h0`).
pub(super) fn marks(d: &str) -> Vec<(f64, f64)> {
    let v = vertices(d);
    v.iter()
        .filter(|(c, _, _)| c.eq_ignore_ascii_case(&'m'))
        .map(|&(_, x, y)| (x, y))
        .collect()
}

pub(super) fn heading() -> Heading<'static> {
    Heading {
        id: "c1",
        title: "Điểm <theo> lĩnh vực",
    }
}
