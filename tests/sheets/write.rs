//! Writing a generated sheet as an office would save it: .xlsx through
//! rust_xlsxwriter (with merged cells, hidden rows and columns, formulas
//! and their cached values), the same .xlsx as a program that does not
//! compute saves it (formulas without values), .ods as LibreOffice keeps
//! it, and .csv as Excel exports it.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::Path;

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Formula, Workbook};

/// A cell's content.
#[derive(Debug, Clone, PartialEq)]
pub enum V {
    Num(f64),
    Text(String),
    /// A formula (without `=`) and the value a spreadsheet computed.
    Formula(String, String),
}

/// One sheet: cells by (row, column), 0-based.
#[derive(Debug, Clone, Default)]
pub struct Grid {
    pub name: String,
    pub cells: BTreeMap<(u32, u16), V>,
    /// (first row, first column, last row, last column), inclusive.
    pub merges: Vec<(u32, u16, u32, u16)>,
    pub hidden_rows: Vec<u32>,
    pub hidden_cols: Vec<u16>,
}

impl Grid {
    pub fn new(name: &str) -> Grid {
        Grid {
            name: name.into(),
            ..Grid::default()
        }
    }

    pub fn text(&mut self, r: u32, c: u16, t: &str) {
        if !t.is_empty() {
            self.cells.insert((r, c), V::Text(t.into()));
        }
    }

    pub fn set(&mut self, r: u32, c: u16, v: V) {
        self.cells.insert((r, c), v);
    }

    /// A merged range whose first cell holds `t`.
    pub fn merged(&mut self, r0: u32, c0: u16, r1: u32, c1: u16, t: &str) {
        self.text(r0, c0, t);
        if (r0, c0) != (r1, c1) {
            self.merges.push((r0, c0, r1, c1));
        }
    }

    pub fn width(&self) -> u16 {
        self.cells.keys().map(|&(_, c)| c + 1).max().unwrap_or(0)
    }

    pub fn height(&self) -> u32 {
        self.cells.keys().map(|&(r, _)| r + 1).max().unwrap_or(0)
    }
}

/// `A`, `B`, … `AA` for a 0-based column.
pub fn col_name(col: u16) -> String {
    let mut n = col as u32 + 1;
    let mut out = Vec::new();
    while n > 0 {
        out.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap()
}

/// `D9` for a 0-based cell.
pub fn cell_name(r: u32, c: u16) -> String {
    format!("{}{}", col_name(c), r + 1)
}

/// The .xlsx bytes of the sheets, the same every time (fixed dates).
pub fn xlsx(sheets: &[Grid]) -> Vec<u8> {
    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new()
            .set_author("Phòng Nội vụ huyện Hớn Quản")
            .set_creation_datetime(&ExcelDateTime::from_ymd(2023, 12, 15).unwrap()),
    );
    let plain = Format::new();
    for g in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(&g.name).unwrap();
        for (&(r, c), v) in &g.cells {
            let covered = g.merges.iter().any(|&(r0, c0, r1, c1)| {
                (r0..=r1).contains(&r) && (c0..=c1).contains(&c) && (r, c) != (r0, c0)
            });
            let first = g.merges.iter().any(|&(r0, c0, _, _)| (r0, c0) == (r, c));
            if covered || first {
                continue;
            }
            match v {
                V::Num(n) => ws.write_number(r, c, *n).map(|_| ()),
                V::Text(t) => ws.write_string(r, c, t).map(|_| ()),
                V::Formula(f, result) => ws
                    .write_formula(r, c, Formula::new(format!("={f}")).set_result(result))
                    .map(|_| ()),
            }
            .unwrap();
        }
        for &(r0, c0, r1, c1) in &g.merges {
            let text = match g.cells.get(&(r0, c0)) {
                Some(V::Text(t)) => t.clone(),
                _ => String::new(),
            };
            ws.merge_range(r0, c0, r1, c1, &text, &plain).unwrap();
        }
        for &r in &g.hidden_rows {
            ws.set_row_hidden(r).unwrap();
        }
        for &c in &g.hidden_cols {
            ws.set_column_hidden(c).unwrap();
        }
    }
    wb.save_to_buffer().unwrap()
}

/// The same workbook as a program that writes formulas but does not
/// compute them saves it: every formula cell without its value.
pub fn without_cached_values(xlsx: &[u8]) -> Vec<u8> {
    rezip(xlsx, |name, text| {
        if !name.starts_with("xl/worksheets/sheet") {
            return text;
        }
        let mut out = String::with_capacity(text.len());
        let mut rest = text.as_str();
        while let Some(at) = rest.find("</f>") {
            let (head, tail) = rest.split_at(at + 4);
            out.push_str(head);
            rest = tail;
            if rest.starts_with("<v>")
                && let Some(end) = rest.find("</v>")
            {
                rest = &rest[end + 4..];
            }
        }
        out.push_str(rest);
        out
    })
}

/// A zip's entries rewritten by `edit` (text parts only), in their order.
fn rezip(bytes: &[u8], edit: impl Fn(&str, String) -> String) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        let data = match String::from_utf8(data) {
            Ok(text) => edit(&name, text).into_bytes(),
            Err(e) => e.into_bytes(),
        };
        out.start_file(name, options).unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// The .ods bytes of the sheets, as LibreOffice keeps them: typed cells,
/// merged cells spanning, covered cells after them, hidden rows and
/// columns collapsed.
pub fn ods(sheets: &[Grid]) -> Vec<u8> {
    let mut content = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" office:version="1.2"><office:body><office:spreadsheet>"#,
    );
    for g in sheets {
        content.push_str(&format!(
            r#"<table:table table:name="{}">"#,
            escape(&g.name)
        ));
        for c in 0..g.width() {
            let hidden = if g.hidden_cols.contains(&c) {
                r#" table:visibility="collapse""#
            } else {
                ""
            };
            content.push_str(&format!("<table:table-column{hidden}/>"));
        }
        for r in 0..g.height() {
            let hidden = if g.hidden_rows.contains(&r) {
                r#" table:visibility="collapse""#
            } else {
                ""
            };
            content.push_str(&format!("<table:table-row{hidden}>"));
            for c in 0..g.width() {
                content.push_str(&ods_cell(g, r, c));
            }
            content.push_str("</table:table-row>");
        }
        content.push_str("</table:table>");
    }
    content.push_str("</office:spreadsheet></office:body></office:document-content>");
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .last_modified_time(zip::DateTime::default());
    let deflated = stored.compression_method(zip::CompressionMethod::Deflated);
    out.start_file("mimetype", stored).unwrap();
    out.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    out.start_file("META-INF/manifest.xml", deflated).unwrap();
    out.write_all(manifest.as_bytes()).unwrap();
    out.start_file("content.xml", deflated).unwrap();
    out.write_all(content.as_bytes()).unwrap();
    out.finish().unwrap().into_inner()
}

fn ods_cell(g: &Grid, r: u32, c: u16) -> String {
    let covered = g.merges.iter().any(|&(r0, c0, r1, c1)| {
        (r0..=r1).contains(&r) && (c0..=c1).contains(&c) && (r, c) != (r0, c0)
    });
    if covered {
        return "<table:covered-table-cell/>".into();
    }
    let span = g
        .merges
        .iter()
        .find(|&&(r0, c0, _, _)| (r0, c0) == (r, c))
        .map(|&(r0, c0, r1, c1)| {
            format!(
                r#" table:number-rows-spanned="{}" table:number-columns-spanned="{}""#,
                r1 - r0 + 1,
                c1 - c0 + 1
            )
        })
        .unwrap_or_default();
    match g.cells.get(&(r, c)) {
        None => format!("<table:table-cell{span}/>"),
        Some(V::Num(n)) => format!(
            r#"<table:table-cell office:value-type="float" office:value="{n}"{span}><text:p>{n}</text:p></table:table-cell>"#
        ),
        Some(V::Text(t)) => format!(
            r#"<table:table-cell office:value-type="string"{span}><text:p>{}</text:p></table:table-cell>"#,
            escape(t)
        ),
        Some(V::Formula(f, result)) => format!(
            r#"<table:table-cell table:formula="of:={}" office:value-type="float" office:value="{result}"{span}><text:p>{result}</text:p></table:table-cell>"#,
            escape(f)
        ),
    }
}

fn escape(t: &str) -> String {
    t.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The CSV text of a sheet as Excel exports it: the values shown
/// (formulas as their results), merged cells as their first cell, with
/// `sep` between fields and, when `comma`, decimal commas (Vietnamese
/// locale, which then separates fields with `;`).
pub fn csv(g: &Grid, sep: char, comma: bool) -> String {
    let mut out = String::from("\u{feff}");
    for r in 0..g.height() {
        let fields: Vec<String> = (0..g.width())
            .map(|c| {
                let number = |n: String| if comma { n.replace('.', ",") } else { n };
                let text = match g.cells.get(&(r, c)) {
                    None => String::new(),
                    Some(V::Num(n)) => number(n.to_string()),
                    Some(V::Text(t)) => t.clone(),
                    Some(V::Formula(_, result)) => number(result.clone()),
                };
                if text.contains([sep, '"', '\n']) {
                    format!("\"{}\"", text.replace('"', "\"\""))
                } else {
                    text
                }
            })
            .collect();
        out.push_str(&fields.join(&sep.to_string()));
        out.push_str("\r\n");
    }
    out
}

/// Writes bytes, making the folder.
pub fn save(path: &Path, bytes: &[u8]) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}
