//! What calamine does not tell of a sheet, read from the file's XML: the
//! hidden rows and columns (.xlsx and .ods) and the merged cells (.ods;
//! .xlsx keeps them in the same part, read in the same pass).

use std::collections::HashMap;
use std::io::{BufReader, Read, Seek};

use anyhow::Context as _;
use quick_xml::events::{BytesStart, Event};

/// A merged range, 0-based and inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Merge {
    pub top: usize,
    pub left: usize,
    pub bottom: usize,
    pub right: usize,
}

impl Merge {
    pub fn contains(&self, row: usize, col: usize) -> bool {
        (self.top..=self.bottom).contains(&row) && (self.left..=self.right).contains(&col)
    }
}

/// The layout of one sheet: hidden rows and columns as 0-based ranges
/// (end excluded), merged cells.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    pub hidden_rows: Vec<(usize, usize)>,
    pub hidden_cols: Vec<(usize, usize)>,
    pub merges: Vec<Merge>,
}

/// The layout of every sheet of an .xlsx or .ods file, by sheet name;
/// empty for other files (.xls: calamine reads its values only).
pub fn read(path: &std::path::Path, ext: &str) -> anyhow::Result<HashMap<String, Layout>> {
    if !matches!(ext, "xlsx" | "xlsm" | "ods") {
        return Ok(HashMap::new());
    }
    let file = std::fs::File::open(path)
        .with_context(|| format!("không đọc được tệp `{}`", path.display()))?;
    let mut zip = zip::ZipArchive::new(BufReader::new(file))
        .with_context(|| format!("không mở được `{}` như một bảng tính", path.display()))?;
    if ext == "ods" {
        let xml = part(&mut zip, "content.xml")?;
        return ods(&xml);
    }
    let mut out = HashMap::new();
    for (name, target) in xlsx_sheets(&mut zip)? {
        if let Ok(xml) = part(&mut zip, &target) {
            out.insert(name, xlsx_sheet(&xml)?);
        }
    }
    Ok(out)
}

fn part<R: Read + Seek>(zip: &mut zip::ZipArchive<R>, name: &str) -> anyhow::Result<String> {
    let mut text = String::new();
    zip.by_name(name)
        .with_context(|| format!("thiếu phần `{name}` của bảng tính"))?
        .read_to_string(&mut text)
        .with_context(|| format!("không đọc được phần `{name}` của bảng tính"))?;
    Ok(text)
}

/// The value of an attribute by its local name (`table:name` → `name`).
fn attr(e: &BytesStart, local: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// A count of an .ods element (repeated rows, spanned columns), at most a
/// spreadsheet's rows: what is beyond is no sheet, and would overflow the
/// places added up from it.
fn number(e: &BytesStart, local: &str) -> Option<usize> {
    attr(e, local)
        .and_then(|v| v.trim().parse::<usize>().ok())
        .map(|n| n.min(LAST_ROW))
}

/// (sheet name, part path) of each sheet of an .xlsx workbook.
fn xlsx_sheets<R: Read + Seek>(
    zip: &mut zip::ZipArchive<R>,
) -> anyhow::Result<Vec<(String, String)>> {
    let workbook = part(zip, "xl/workbook.xml")?;
    let rels = part(zip, "xl/_rels/workbook.xml.rels")?;
    let mut targets = HashMap::new();
    each_element(&rels, |e| {
        if e.local_name().as_ref() == "Relationship"
            && let (Some(id), Some(target)) = (attr(e, "Id"), attr(e, "Target"))
        {
            let path = match target.strip_prefix('/') {
                Some(absolute) => absolute.to_string(),
                None => format!("xl/{target}"),
            };
            targets.insert(id, path);
        }
    })?;
    let mut out = Vec::new();
    each_element(&workbook, |e| {
        if e.local_name().as_ref() == "sheet"
            && let (Some(name), Some(id)) = (attr(e, "name"), attr(e, "id"))
            && let Some(target) = targets.get(&id)
        {
            out.push((name, target.clone()));
        }
    })?;
    Ok(out)
}

/// Calls `f` on every start or empty element of the XML.
fn each_element(xml: &str, mut f: impl FnMut(&BytesStart)) -> anyhow::Result<()> {
    let mut reader = quick_xml::Reader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => f(&e),
            Ok(Event::Eof) => return Ok(()),
            Ok(_) => {}
            Err(e) => anyhow::bail!("phần XML của bảng tính hỏng: {e}"),
        }
    }
}

/// Hidden rows and columns and merged cells of one .xlsx worksheet.
fn xlsx_sheet(xml: &str) -> anyhow::Result<Layout> {
    let mut layout = Layout::default();
    each_element(xml, |e| {
        let hidden = || attr(e, "hidden").is_some_and(|v| v == "1" || v == "true");
        match e.local_name().as_ref() {
            "col" if hidden() => {
                if let (Some(min), Some(max)) = (number(e, "min"), number(e, "max"))
                    && min >= 1
                    && max >= min
                {
                    layout.hidden_cols.push((min - 1, max));
                }
            }
            "row" if hidden() => {
                if let Some(r) = number(e, "r").filter(|&r| r >= 1) {
                    layout.hidden_rows.push((r - 1, r));
                }
            }
            "mergeCell" => {
                if let Some(m) = attr(e, "ref").and_then(|r| merge_of(&r)) {
                    layout.merges.push(m);
                }
            }
            _ => {}
        }
    })?;
    Ok(layout)
}

/// `B3:D4` as a merge.
fn merge_of(reference: &str) -> Option<Merge> {
    let (a, b) = reference.split_once(':')?;
    let (top, left) = cell_ref(a)?;
    let (bottom, right) = cell_ref(b)?;
    Some(Merge {
        top,
        left,
        bottom,
        right,
    })
}

/// The rows and columns of a spreadsheet (`XFD1048576`).
const LAST_ROW: usize = 1 << 20;
const LAST_COL: usize = 1 << 14;

/// `B3` → (2, 1); none for what is not a cell of a sheet (beyond `XFD`,
/// the last column, or row 1 048 576, the last row, of a spreadsheet).
fn cell_ref(text: &str) -> Option<(usize, usize)> {
    let letters = text.bytes().take_while(u8::is_ascii_alphabetic).count();
    let row: usize = text[letters..].parse().ok()?;
    if !(1..=3).contains(&letters) || !(1..=LAST_ROW).contains(&row) {
        return None;
    }
    let col = text.bytes().take(letters).fold(0, |col, c| {
        col * 26 + usize::from(c.to_ascii_uppercase() - b'A' + 1)
    });
    (col <= LAST_COL).then(|| (row - 1, col - 1))
}

/// Where the reader of an .ods table is.
#[derive(Default)]
struct OdsTable {
    name: String,
    layout: Layout,
    /// The next column of `table:table-column` elements.
    next_col: usize,
    /// The row being read (0-based) and the next cell's column.
    row: usize,
    col: usize,
    row_repeat: usize,
}

/// Hidden rows and columns and merged cells of every table of an .ods
/// file's content.xml. Long runs of repeated rows and columns (a sheet's
/// empty tail) are kept as ranges, never expanded.
fn ods(xml: &str) -> anyhow::Result<HashMap<String, Layout>> {
    let mut out = HashMap::new();
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut table: Option<OdsTable> = None;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| anyhow::anyhow!("phần content.xml của tệp .ods hỏng: {e}"))?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                match e.local_name().as_ref() {
                    "table" if !empty => {
                        table = Some(OdsTable {
                            name: attr(e, "name").unwrap_or_default(),
                            ..OdsTable::default()
                        });
                    }
                    _ => {
                        if let Some(t) = table.as_mut() {
                            ods_element(t, e, empty);
                        }
                    }
                }
            }
            Event::End(ref e) => match e.local_name().as_ref() {
                "table" => {
                    if let Some(t) = table.take() {
                        out.insert(t.name, t.layout);
                    }
                }
                "table-row" => {
                    if let Some(t) = table.as_mut() {
                        t.row += t.row_repeat;
                    }
                }
                _ => {}
            },
            Event::Eof => return Ok(out),
            _ => {}
        }
    }
}

fn ods_element(t: &mut OdsTable, e: &BytesStart, empty: bool) {
    let collapsed = || attr(e, "visibility").is_some_and(|v| v == "collapse" || v == "filter");
    match e.local_name().as_ref() {
        "table-column" => {
            let n = number(e, "number-columns-repeated").unwrap_or(1).max(1);
            if collapsed() {
                t.layout.hidden_cols.push((t.next_col, t.next_col + n));
            }
            t.next_col += n;
        }
        "table-row" => {
            let n = number(e, "number-rows-repeated").unwrap_or(1).max(1);
            if collapsed() {
                t.layout.hidden_rows.push((t.row, t.row + n));
            }
            t.col = 0;
            t.row_repeat = n;
            if empty {
                t.row += n;
            }
        }
        "table-cell" | "covered-table-cell" => {
            let n = number(e, "number-columns-repeated").unwrap_or(1).max(1);
            let rows = number(e, "number-rows-spanned").unwrap_or(1).max(1);
            let cols = number(e, "number-columns-spanned").unwrap_or(1).max(1);
            if (rows > 1 || cols > 1) && e.local_name().as_ref() == "table-cell" {
                t.layout.merges.push(Merge {
                    top: t.row,
                    left: t.col,
                    bottom: t.row + rows - 1,
                    right: t.col + cols - 1,
                });
            }
            t.col += n;
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_references() {
        assert_eq!(cell_ref("A1"), Some((0, 0)));
        assert_eq!(cell_ref("AB12"), Some((11, 27)));
        assert_eq!(cell_ref("xfd1048576"), Some(((1 << 20) - 1, (1 << 14) - 1)));
        for beyond in [
            "XFE1",
            "AAAA1",
            "ZZZZZZZZZZZZZZZZ1",
            "A1048577",
            "A0",
            "A",
            "1",
            "A99999999999999999999",
        ] {
            assert_eq!(cell_ref(beyond), None, "{beyond}");
        }
        assert_eq!(
            merge_of("B3:D4"),
            Some(Merge {
                top: 2,
                left: 1,
                bottom: 3,
                right: 3
            })
        );
        assert_eq!(cell_ref("A0"), None);
    }

    #[test]
    fn xlsx_hidden_and_merged() {
        let xml = r#"<worksheet><cols><col min="8" max="9" hidden="1"/><col min="1" max="1" width="5"/></cols>
            <sheetData><row r="3" hidden="1"><c r="A3"><v>1</v></c></row><row r="4"/></sheetData>
            <mergeCells><mergeCell ref="D6:E6"/></mergeCells></worksheet>"#;
        let l = xlsx_sheet(xml).unwrap();
        assert_eq!(l.hidden_cols, [(7, 9)]);
        assert_eq!(l.hidden_rows, [(2, 3)]);
        assert_eq!(l.merges.len(), 1);
        assert!(l.merges[0].contains(5, 4));
    }

    #[test]
    fn ods_hidden_and_merged_with_repeats() {
        let xml = r#"<office:document-content xmlns:office="o" xmlns:table="t" xmlns:text="x"><office:body><office:spreadsheet>
            <table:table table:name="Tổng hợp">
              <table:table-column table:number-columns-repeated="7"/>
              <table:table-column table:visibility="collapse"/>
              <table:table-row><table:table-cell table:number-columns-spanned="2"/><table:covered-table-cell/><table:table-cell/></table:table-row>
              <table:table-row table:number-rows-repeated="2"><table:table-cell/></table:table-row>
              <table:table-row table:visibility="collapse"><table:table-cell table:number-columns-repeated="3"/><table:table-cell table:number-rows-spanned="2"/></table:table-row>
              <table:table-row table:number-rows-repeated="1048570"/>
            </table:table></office:spreadsheet></office:body></office:document-content>"#;
        let layouts = ods(xml).unwrap();
        let l = &layouts["Tổng hợp"];
        assert_eq!(l.hidden_cols, [(7, 8)]);
        assert_eq!(l.hidden_rows, [(3, 4)]);
        assert_eq!(
            l.merges,
            [
                Merge {
                    top: 0,
                    left: 0,
                    bottom: 0,
                    right: 1
                },
                Merge {
                    top: 3,
                    left: 3,
                    bottom: 4,
                    right: 3
                }
            ]
        );
    }

    #[test]
    fn ods_counts_beyond_a_spreadsheet_are_its_size() {
        let huge = usize::MAX;
        let xml = format!(
            r#"<office:document-content xmlns:office="o" xmlns:table="t"><office:body><office:spreadsheet>
            <table:table table:name="T">
              <table:table-column table:number-columns-repeated="{huge}" table:visibility="collapse"/>
              <table:table-column table:number-columns-repeated="{huge}"/>
              <table:table-row table:number-rows-repeated="{huge}"/>
              <table:table-row table:number-rows-repeated="{huge}"><table:table-cell table:number-columns-repeated="{huge}" table:number-rows-spanned="{huge}" table:number-columns-spanned="{huge}"/><table:table-cell table:number-columns-spanned="2"/></table:table-row>
            </table:table></office:spreadsheet></office:body></office:document-content>"#
        );
        let l = &ods(&xml).unwrap()["T"];
        assert_eq!(l.hidden_cols, [(0, LAST_ROW)]);
        assert_eq!(l.merges[0].bottom, 2 * LAST_ROW - 1);
        assert_eq!(l.merges[1].left, LAST_ROW);
    }
}
