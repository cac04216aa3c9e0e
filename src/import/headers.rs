//! Recognising the header row of a table by the names officers give to
//! columns, with or without accents, in any case; a header may take two
//! rows (a merged "Điểm" over "Tự chấm | Thẩm định").

use std::collections::BTreeMap;

use super::norm;
use super::sheet::Sheet;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    // Score sheets.
    Snapshot,
    Framework,
    Unit,
    Code,
    Title,
    Points,
    SelfAssessed,
    Appraised,
    Survey,
    Max,
    Explanation,
    Evidence,
    // Task lists.
    Number,
    Task,
    Lead,
    Partners,
    Due,
    /// The deadline as the directive words it, beside a date column.
    DueText,
    Criterion,
    Status,
    DoneOn,
}

/// Accepted header names (normalized: no accents, lower case, single
/// spaces), each with a rank: when two columns name the same field, the
/// lower rank wins (`Mã đơn vị` over `Tên đơn vị`).
pub const SCORE_HEADERS: &[(&str, Field, u8)] = &[
    ("dot danh gia", Field::Snapshot, 0),
    ("ngay danh gia", Field::Snapshot, 1),
    ("dot", Field::Snapshot, 2),
    ("snapshot", Field::Snapshot, 3),
    ("bo chi so", Field::Framework, 0),
    ("framework", Field::Framework, 1),
    ("ma don vi", Field::Unit, 0),
    ("don vi", Field::Unit, 1),
    ("unit", Field::Unit, 1),
    ("ten don vi", Field::Unit, 2),
    ("co quan don vi", Field::Unit, 2),
    ("co quan", Field::Unit, 3),
    ("ten co quan", Field::Unit, 3),
    ("xa thi tran", Field::Unit, 4),
    ("xa phuong thi tran", Field::Unit, 4),
    ("ma tieu chi", Field::Code, 0),
    ("ma tc", Field::Code, 0),
    ("ma so", Field::Code, 1),
    ("ma", Field::Code, 1),
    ("criterion", Field::Code, 1),
    ("code", Field::Code, 1),
    ("tieu chi", Field::Code, 2),
    ("stt", Field::Code, 3),
    ("tt", Field::Code, 3),
    ("so tt", Field::Code, 3),
    ("ten tieu chi", Field::Title, 0),
    ("noi dung", Field::Title, 1),
    ("linh vuc tieu chi", Field::Title, 1),
    ("linh vuc tieu chi tieu chi thanh phan", Field::Title, 1),
    ("noi dung tieu chi", Field::Title, 1),
    ("tieu chi tieu chi thanh phan", Field::Title, 1),
    ("diem", Field::Points, 0),
    ("diem dat", Field::Points, 0),
    ("diem dat duoc", Field::Points, 0),
    ("diem so", Field::Points, 1),
    ("diem danh gia", Field::Points, 1),
    ("diem cham", Field::Points, 1),
    ("ket qua", Field::Points, 2),
    ("points", Field::Points, 2),
    ("diem tu cham", Field::SelfAssessed, 0),
    ("tu cham", Field::SelfAssessed, 0),
    ("diem tu danh gia", Field::SelfAssessed, 0),
    ("tu danh gia", Field::SelfAssessed, 0),
    ("self", Field::SelfAssessed, 1),
    ("diem tham dinh", Field::Appraised, 0),
    ("tham dinh", Field::Appraised, 0),
    ("diem hoi dong tham dinh", Field::Appraised, 0),
    ("hoi dong tham dinh", Field::Appraised, 1),
    ("appraised", Field::Appraised, 1),
    ("diem dieu tra xhh", Field::Survey, 0),
    ("dieu tra xhh", Field::Survey, 0),
    ("diem dieu tra xa hoi hoc", Field::Survey, 0),
    ("dieu tra xa hoi hoc", Field::Survey, 0),
    ("diem xhh", Field::Survey, 0),
    ("xhh", Field::Survey, 1),
    ("survey", Field::Survey, 1),
    ("diem toi da", Field::Max, 0),
    ("toi da", Field::Max, 0),
    ("thang diem", Field::Max, 1),
    ("diem chuan", Field::Max, 1),
    ("max", Field::Max, 2),
    ("giai trinh", Field::Explanation, 0),
    ("ly do", Field::Explanation, 1),
    ("ghi chu", Field::Explanation, 2),
    ("giai trinh ly do", Field::Explanation, 0),
    ("explanation", Field::Explanation, 1),
    ("tai lieu kiem chung", Field::Evidence, 0),
    ("tai lieu", Field::Evidence, 1),
    ("tlkc", Field::Evidence, 1),
    ("minh chung", Field::Evidence, 1),
    ("evidence", Field::Evidence, 1),
];

pub const TASK_HEADERS: &[(&str, Field, u8)] = &[
    ("stt", Field::Number, 0),
    ("tt", Field::Number, 0),
    ("so tt", Field::Number, 0),
    ("ma", Field::Number, 1),
    ("ma nhiem vu", Field::Number, 0),
    ("noi dung", Field::Task, 0),
    ("nhiem vu", Field::Task, 0),
    ("noi dung nhiem vu", Field::Task, 0),
    ("ten nhiem vu", Field::Task, 0),
    ("cong viec", Field::Task, 1),
    ("noi dung cong viec", Field::Task, 1),
    ("don vi chu tri", Field::Lead, 0),
    ("chu tri", Field::Lead, 0),
    ("co quan chu tri", Field::Lead, 0),
    ("don vi thuc hien", Field::Lead, 1),
    ("co quan thuc hien", Field::Lead, 1),
    ("phoi hop", Field::Partners, 0),
    ("don vi phoi hop", Field::Partners, 0),
    ("co quan phoi hop", Field::Partners, 0),
    ("thoi han", Field::Due, 0),
    ("thoi han hoan thanh", Field::Due, 0),
    ("han", Field::Due, 0),
    ("han hoan thanh", Field::Due, 0),
    ("thoi gian hoan thanh", Field::Due, 1),
    ("thoi han nguyen van", Field::DueText, 0),
    ("han nguyen van", Field::DueText, 0),
    ("tieu chi", Field::Criterion, 0),
    ("ma tieu chi", Field::Criterion, 0),
    ("tieu chi lien quan", Field::Criterion, 1),
    ("tinh trang", Field::Status, 0),
    ("trang thai", Field::Status, 0),
    ("ket qua", Field::Status, 1),
    ("ket qua thuc hien", Field::Status, 1),
    ("tien do", Field::Status, 1),
    ("tinh hinh thuc hien", Field::Status, 1),
    ("ngay hoan thanh", Field::DoneOn, 0),
];

/// The field a header names, by its normalized text.
pub fn recognise(text: &str, table: &[(&str, Field, u8)]) -> Option<(Field, u8)> {
    let key = norm(text);
    table
        .iter()
        .find(|(name, _, _)| *name == key)
        .map(|&(_, f, rank)| (f, rank))
}

/// A table's header: the rows it takes and which column holds what.
#[derive(Debug, Clone)]
pub struct Header {
    /// 0-based index of the header's last row; data starts below it.
    pub last_row: usize,
    pub columns: BTreeMap<Field, usize>,
    /// Every column's header text (both rows joined), for columns that
    /// name no field (the units of a wide sheet).
    pub texts: Vec<String>,
    /// The sub-header of each column (the lower row), or the whole text.
    pub parts: Vec<Vec<String>>,
}

impl Header {
    pub fn col(&self, field: Field) -> Option<usize> {
        self.columns.get(&field).copied()
    }

    pub fn has(&self, field: Field) -> bool {
        self.columns.contains_key(&field)
    }
}

/// How many rows from the top are searched for a header.
const HEADER_SEARCH_ROWS: usize = 30;

/// Finds the header row (one row, or two when a merged cell spans the
/// first): the candidate naming the most fields, plus `extra(text)`
/// columns (units across a wide sheet). `accept` decides whether a
/// candidate has what the table needs.
pub fn find_header(
    sheet: &Sheet,
    table: &[(&str, Field, u8)],
    extra: &dyn Fn(&str) -> bool,
    accept: &dyn Fn(&Header) -> bool,
) -> Option<Header> {
    let mut best: Option<(usize, Header)> = None;
    let last = sheet.rows.len().min(HEADER_SEARCH_ROWS);
    for top in 0..last {
        if sheet.is_blank_row(top) {
            continue;
        }
        for depth in [1, 2] {
            if top + depth > sheet.rows.len() {
                continue;
            }
            let header = candidate(sheet, top, depth, table);
            let extras = (0..header.texts.len())
                .filter(|&c| !header.columns.values().any(|&v| v == c))
                .filter(|&c| header_matches(&header, c, extra))
                .count();
            let score = header.columns.len() + extras;
            if accept(&header) && best.as_ref().is_none_or(|(s, _)| score > *s) {
                best = Some((score, header));
            }
        }
    }
    best.map(|(_, h)| h)
}

/// Whether the column's whole text or any part of it satisfies `test`.
pub fn header_matches(header: &Header, col: usize, test: &dyn Fn(&str) -> bool) -> bool {
    let whole = &header.texts[col];
    (!whole.is_empty() && test(whole)) || header.parts[col].iter().any(|p| test(p))
}

fn candidate(sheet: &Sheet, top: usize, depth: usize, table: &[(&str, Field, u8)]) -> Header {
    let width = sheet.width();
    let mut parts: Vec<Vec<String>> = vec![Vec::new(); width];
    for (col, col_parts) in parts.iter_mut().enumerate() {
        for row in top..top + depth {
            let text = sheet.cell(row, col).text();
            if !text.is_empty() {
                col_parts.push(text);
            }
        }
    }
    if depth == 2 {
        // A merged cell over several sub-headers keeps its text in its
        // first column only: carry it right while sub-headers go on.
        let mut carried: Option<String> = None;
        for (col, col_parts) in parts.iter_mut().enumerate() {
            let upper = sheet.cell(top, col).text();
            let lower = sheet.cell(top + 1, col).text();
            if !upper.is_empty() {
                carried = (!lower.is_empty()).then_some(upper);
            } else if lower.is_empty() {
                carried = None;
            } else if let Some(c) = &carried {
                col_parts.insert(0, c.clone());
            }
        }
    }
    let texts: Vec<String> = parts.iter().map(|p| p.join(" ")).collect();
    let mut columns: BTreeMap<Field, (u8, usize)> = BTreeMap::new();
    for (col, text) in texts.iter().enumerate() {
        // The whole text, else the lower row alone ("Tự chấm" under a
        // merged "Điểm"); never the upper row alone, which would read the
        // first data row as part of the header.
        let found =
            recognise(text, table).or_else(|| parts[col].last().and_then(|p| recognise(p, table)));
        if let Some((field, rank)) = found
            && columns.get(&field).is_none_or(|&(r, _)| rank < r)
        {
            columns.insert(field, (rank, col));
        }
    }
    Header {
        last_row: top + depth - 1,
        columns: columns.into_iter().map(|(f, (_, c))| (f, c)).collect(),
        texts,
        parts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::sheet::Cell;

    fn sheet(rows: &[&[&str]]) -> Sheet {
        Sheet {
            name: "s".into(),
            rows: rows
                .iter()
                .map(|r| {
                    r.iter()
                        .map(|t| {
                            if t.is_empty() {
                                Cell::Empty
                            } else {
                                Cell::Text(t.to_string())
                            }
                        })
                        .collect()
                })
                .collect(),
        }
    }

    #[test]
    fn names_with_and_without_accents() {
        assert_eq!(
            recognise("Điểm tự chấm", SCORE_HEADERS),
            Some((Field::SelfAssessed, 0))
        );
        assert_eq!(
            recognise("DIEM THAM DINH", SCORE_HEADERS),
            Some((Field::Appraised, 0))
        );
        assert_eq!(
            recognise(" Mã  tiêu chí ", SCORE_HEADERS),
            Some((Field::Code, 0))
        );
        assert_eq!(recognise("Điểm 2022", SCORE_HEADERS), None);
    }

    #[test]
    fn two_row_header_with_a_merged_cell() {
        let s = sheet(&[
            &["BẢNG ĐIỂM"],
            &["Mã tiêu chí", "Nội dung", "Điểm", "", "", "Ghi chú"],
            &["", "", "Tối đa", "Tự chấm", "Thẩm định", ""],
            &["1.4", "Tuyên truyền", "1", "1", "0.5", ""],
        ]);
        let h = find_header(&s, SCORE_HEADERS, &|_| false, &|h| h.has(Field::Code)).unwrap();
        assert_eq!(h.last_row, 2);
        assert_eq!(h.col(Field::Code), Some(0));
        assert_eq!(h.col(Field::Max), Some(2));
        assert_eq!(h.col(Field::SelfAssessed), Some(3));
        assert_eq!(h.col(Field::Appraised), Some(4));
        assert_eq!(h.col(Field::Explanation), Some(5));
        assert_eq!(h.col(Field::Points), None);
    }
}
