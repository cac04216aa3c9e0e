//! Reading a spreadsheet (.xlsx, .ods, .csv) into plain grids of cells, one
//! per sheet, addressed from A1 so that row and column numbers are those
//! the officer sees; with what the values alone do not say: hidden rows
//! and columns, merged cells, formulas saved without their value.

mod layout;

use std::path::Path;

use anyhow::{Context as _, bail};
use calamine::{Data, Reader, SheetVisible};
use chrono::NaiveDate;

pub use layout::Merge;

/// One cell's value, as typed in the sheet.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Number(f64),
    Text(String),
    Date(NaiveDate),
    /// A formula saved without its value (by a program that does not
    /// compute): the formula, which is all the file says.
    Uncached(String),
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The value as the officer would read it, for messages and for text
    /// fields (a number cell in a code column: `7.2`).
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Number(n) => format_number(*n),
            Cell::Text(t) => t.trim().to_string(),
            Cell::Date(d) => d.format("%d/%m/%Y").to_string(),
            Cell::Uncached(f) => format!("={}", f.trim_start_matches('=')),
        }
    }

    /// Whether the cell holds a number: a number cell, or text that reads
    /// as one (`0,75`).
    pub fn is_numeric(&self) -> bool {
        match self {
            Cell::Number(_) => true,
            Cell::Text(t) => crate::model::Points::parse(t).is_some(),
            _ => false,
        }
    }
}

/// `2`, `1.4`: the shortest form of a number, without a trailing `.0`.
fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// A sheet as a grid: `rows[0][0]` is cell A1.
#[derive(Debug, Default)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<Cell>>,
    /// Hidden rows and columns, 0-based ranges with the end excluded.
    pub hidden_rows: Vec<(usize, usize)>,
    pub hidden_cols: Vec<(usize, usize)>,
    pub merges: Vec<Merge>,
}

impl Sheet {
    /// A sheet of these rows, with nothing hidden or merged.
    pub fn new(name: &str, rows: Vec<Vec<Cell>>) -> Sheet {
        Sheet {
            name: name.to_string(),
            rows,
            ..Sheet::default()
        }
    }

    pub fn row_hidden(&self, row: usize) -> bool {
        self.hidden_rows.iter().any(|&(a, b)| (a..b).contains(&row))
    }

    pub fn col_hidden(&self, col: usize) -> bool {
        self.hidden_cols.iter().any(|&(a, b)| (a..b).contains(&col))
    }

    /// The merged range a cell is in, if any.
    pub fn merge_at(&self, row: usize, col: usize) -> Option<&Merge> {
        self.merges.iter().find(|m| m.contains(row, col))
    }

    /// The cell as the officer sees it: a cell covered by a merged range
    /// shows the range's first cell.
    pub fn shown(&self, row: usize, col: usize) -> &Cell {
        match self.merge_at(row, col) {
            Some(m) => self.cell(m.top, m.left),
            None => self.cell(row, col),
        }
    }

    pub fn cell(&self, row: usize, col: usize) -> &Cell {
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .unwrap_or(&Cell::Empty)
    }

    pub fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }

    pub fn is_blank_row(&self, row: usize) -> bool {
        self.rows
            .get(row)
            .is_none_or(|r| r.iter().all(Cell::is_empty))
    }
}

/// A file read: its name for messages, whether it is CSV (no sheet names
/// in messages), its visible sheets in order, and the names of the hidden
/// sheets left unread.
#[derive(Debug)]
pub struct Workbook {
    pub file: String,
    pub csv: bool,
    pub sheets: Vec<Sheet>,
    pub hidden_sheets: Vec<String>,
}

/// Files larger than this are refused: a score sheet is a few hundred KB.
const MAX_SHEET_BYTES: u64 = 64 * 1024 * 1024;

/// Reads the file; `only` names the one sheet to read (hidden or not),
/// else every visible sheet is read.
pub fn read(path: &Path, only: Option<&str>) -> anyhow::Result<Workbook> {
    let file = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let size = std::fs::metadata(path)
        .with_context(|| format!("không đọc được tệp `{}`", path.display()))?
        .len();
    if size > MAX_SHEET_BYTES {
        bail!(
            "tệp `{file}` quá lớn ({} MB): hãy chỉ giữ lại các trang tính cần nhập",
            size / (1024 * 1024)
        );
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let (sheets, hidden_sheets) = match ext.as_str() {
        "csv" | "txt" => {
            let bytes = std::fs::read(path)
                .with_context(|| format!("không đọc được tệp `{}`", path.display()))?;
            (vec![read_csv(&file, &bytes)?], Vec::new())
        }
        "xlsx" | "xlsm" | "xls" | "ods" => read_workbook(path, &file, &ext, only)?,
        _ => bail!(
            "không đọc được tệp `{file}`: chỉ nhận .xlsx, .ods hoặc .csv (trong Excel: Lưu thành › Sổ làm việc Excel)"
        ),
    };
    Ok(Workbook {
        file,
        csv: ext == "csv" || ext == "txt",
        sheets,
        hidden_sheets,
    })
}

/// The sheets read and the names of the hidden ones left unread.
type Sheets = (Vec<Sheet>, Vec<String>);

fn read_workbook(path: &Path, file: &str, ext: &str, only: Option<&str>) -> anyhow::Result<Sheets> {
    let mut book = calamine::open_workbook_auto(path).map_err(|e| {
        anyhow::anyhow!(
            "không mở được `{file}` như một bảng tính ({e}): hãy mở bằng Excel hoặc LibreOffice và lưu lại dạng .xlsx"
        )
    })?;
    let metadata: Vec<(String, bool)> = book
        .sheets_metadata()
        .iter()
        .map(|s| (s.name.clone(), s.visible == SheetVisible::Visible))
        .collect();
    let names: Vec<String> = match only {
        Some(wanted) => {
            let found = metadata
                .iter()
                .find(|(n, _)| n == wanted)
                .or_else(|| {
                    let key = super::norm(wanted);
                    metadata.iter().find(|(n, _)| super::norm(n) == key)
                })
                .map(|(n, _)| n.clone());
            match found {
                Some(n) => vec![n],
                None => bail!(
                    "`{file}` không có trang tính `{wanted}`; các trang tính: {}",
                    metadata
                        .iter()
                        .map(|(n, _)| n.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            }
        }
        None => metadata
            .iter()
            .filter(|(_, visible)| *visible)
            .map(|(n, _)| n.clone())
            .collect(),
    };
    let hidden = match only {
        Some(_) => Vec::new(),
        None => metadata
            .iter()
            .filter(|(_, visible)| !*visible)
            .map(|(n, _)| n.clone())
            .collect(),
    };
    let mut layouts = layout::read(path, ext)?;
    let mut sheets = Vec::new();
    for name in names {
        let failed = |e: &dyn std::fmt::Display| {
            anyhow::anyhow!("không đọc được trang tính `{name}` của `{file}`: {e}")
        };
        let range = book.worksheet_range(&name).map_err(|e| failed(&e))?;
        let formulas = book.worksheet_formula(&name).map_err(|e| failed(&e))?;
        let mut sheet = grid(&name, &range, &formulas);
        if let Some(l) = layouts.remove(&name) {
            sheet.hidden_rows = l.hidden_rows;
            sheet.hidden_cols = l.hidden_cols;
            sheet.merges = l.merges;
        }
        sheets.push(sheet);
    }
    Ok((sheets, hidden))
}

/// The range as a grid from A1; a formula cell without a value is
/// [`Cell::Uncached`], never empty.
fn grid(name: &str, range: &calamine::Range<Data>, formulas: &calamine::Range<String>) -> Sheet {
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    if let Some((top, left)) = range.start() {
        rows.resize(top as usize, Vec::new());
        for row in range.rows() {
            let mut cells = vec![Cell::Empty; left as usize];
            cells.extend(row.iter().map(cell_of));
            rows.push(cells);
        }
    }
    if let Some((top, left)) = formulas.start() {
        for (r, c, formula) in formulas.used_cells() {
            let (r, c) = (r + top as usize, c + left as usize);
            if formula.trim().is_empty() {
                continue;
            }
            if rows.len() <= r {
                rows.resize(r + 1, Vec::new());
            }
            let row = &mut rows[r];
            if row.len() <= c {
                row.resize(c + 1, Cell::Empty);
            }
            if row[c] == Cell::Empty {
                row[c] = Cell::Uncached(formula.clone());
            }
        }
    }
    for cells in &mut rows {
        while cells.last().is_some_and(Cell::is_empty) {
            cells.pop();
        }
    }
    Sheet::new(name, rows)
}

fn cell_of(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::String(s) => Cell::Text(s.clone()),
        Data::Bool(b) => Cell::Text(if *b { "TRUE" } else { "FALSE" }.into()),
        Data::DateTime(dt) => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            match NaiveDate::from_ymd_opt(y.into(), m.into(), d.into()) {
                Some(date) if dt.is_datetime() => Cell::Date(date),
                _ => Cell::Number(dt.as_f64()),
            }
        }
        Data::DateTimeIso(s) => {
            match NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d") {
                Ok(d) => Cell::Date(d),
                Err(_) => Cell::Text(s.clone()),
            }
        }
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Text(format!("#{e:?}")),
    }
}

/// Reads CSV text: UTF-8 with or without a byte-order mark, fields
/// separated by commas or semicolons (whichever the first line has more
/// of, outside quotes).
pub fn read_csv(file: &str, bytes: &[u8]) -> anyhow::Result<Sheet> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if let Err(e) = std::str::from_utf8(bytes) {
        let line = bytes[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        bail!(
            "`{file}` dòng {line}: tệp CSV không phải văn bản UTF-8; trong Excel hãy lưu lại bằng \"CSV UTF-8 (Comma delimited)\""
        );
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator(bytes))
        .from_reader(bytes);
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map(|p| p.line()).unwrap_or(0);
            anyhow::anyhow!(
                "`{file}` dòng {line}: không đọc được dòng CSV ({e}); kiểm tra dấu ngoặc kép"
            )
        })?;
        let mut cells: Vec<Cell> = record
            .iter()
            .map(|f| {
                if f.trim().is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(f.to_string())
                }
            })
            .collect();
        while cells.last().is_some_and(Cell::is_empty) {
            cells.pop();
        }
        rows.push(cells);
    }
    let name = Path::new(file)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(Sheet::new(&name, rows))
}

/// `;` when the first non-empty line has more semicolons than commas
/// outside quotes (a Vietnamese-locale Excel export), else `,`.
fn separator(bytes: &[u8]) -> u8 {
    let line = bytes
        .split(|&b| b == b'\n')
        .find(|l| l.iter().any(|b| !b.is_ascii_whitespace()))
        .unwrap_or_default();
    let (mut commas, mut semicolons, mut quoted) = (0, 0, false);
    for &b in line {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => commas += 1,
            b';' if !quoted => semicolons += 1,
            _ => {}
        }
    }
    if semicolons > commas { b';' } else { b',' }
}

/// `A`, `B`, … `Z`, `AA` for a 0-based column.
pub fn column_letter(col: usize) -> String {
    let mut n = col + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(3), "D");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
    }

    #[test]
    fn csv_separators_and_bom() {
        let a = read_csv("a.csv", "\u{feff}Mã;Điểm\n1.4;\"1,5\"\n".as_bytes()).unwrap();
        assert_eq!(
            a.rows[0],
            vec![Cell::Text("Mã".into()), Cell::Text("Điểm".into())]
        );
        assert_eq!(a.rows[1][1], Cell::Text("1,5".into()));
        let b = read_csv("b.csv", b"Ma,Diem\n1.4,\"1,5\"\n").unwrap();
        assert_eq!(b.rows[1][1], Cell::Text("1,5".into()));
        assert!(read_csv("c.csv", b"Ma\n\xe0\n").is_err());
    }

    #[test]
    fn numbers_read_as_officers_write_them() {
        assert_eq!(Cell::Number(2.0).text(), "2");
        assert_eq!(Cell::Number(7.2).text(), "7.2");
    }
}
