//! Task lists ("bảng theo dõi nhiệm vụ"): one row per task, with its lead
//! and partner units, deadline, criterion and status.

use std::collections::HashSet;

use chrono::NaiveDate;

use super::collect::with_col;
use super::headers::{Field, Header, TASK_HEADERS, find_header};
use super::matching::{UnitMiss, Units, clean_code, is_roman};
use super::problems::{Place, Problems};
use super::sheet::{Cell, Sheet, Workbook};
use super::yaml::{self, TaskOut};
use super::{Imported, TasksOptions, date_in_text, norm};
use crate::model::Model;
use crate::slug::slugify;

type RowErrors = Vec<(Place, String, Option<String>)>;

struct Reader<'a> {
    model: &'a Model,
    units: Units<'a>,
    framework: Option<usize>,
    used_ids: HashSet<String>,
}

pub(super) fn import(
    model: &Model,
    book: &Workbook,
    options: &TasksOptions,
) -> anyhow::Result<Imported> {
    let framework = match &options.framework {
        Some(f) => Some(
            *model
                .framework_index
                .get(f.trim())
                .ok_or_else(|| anyhow::anyhow!("không có bộ chỉ số `{f}` (--framework)"))?,
        ),
        None => None,
    };
    let mut r = Reader {
        model,
        units: Units::new(model),
        framework,
        used_ids: model.task_index.keys().cloned().collect(),
    };
    let mut problems = Problems::default();
    let mut tasks = Vec::new();
    let mut found = false;
    for (si, sheet) in book.sheets.iter().enumerate() {
        let Some(header) = find_header(sheet, TASK_HEADERS, &|_| false, &|h| {
            h.has(Field::Task) && h.has(Field::Lead)
        }) else {
            continue;
        };
        found = true;
        for row in header.last_row + 1..sheet.rows.len() {
            let place = Place {
                file: book.file.clone(),
                sheet_index: si,
                sheet: (!book.csv).then(|| sheet.name.clone()),
                row: row + 1,
                col: None,
            };
            let mut errors = Vec::new();
            if let Some(task) = r.row(sheet, row, &header, &place, &mut errors)
                && errors.is_empty()
            {
                tasks.push(task);
            }
            for (p, m, h) in errors {
                problems.error(p, m, h);
            }
        }
    }
    if !found {
        anyhow::bail!(
            "`{}` không có bảng nhiệm vụ nhận ra được: cần dòng tiêu đề có cột nội dung (nhiệm vụ) và cột đơn vị chủ trì; xem `tiendo help nhap`",
            book.file
        );
    }
    Ok(Imported {
        yaml: yaml::directive(&options.source, options.issued, &tasks),
        taken: tasks.len(),
        problems,
    })
}

impl Reader<'_> {
    fn row(
        &mut self,
        sheet: &Sheet,
        row: usize,
        header: &Header,
        place: &Place,
        errors: &mut RowErrors,
    ) -> Option<TaskOut> {
        if sheet.is_blank_row(row) {
            return None;
        }
        let text = |f: Field| {
            header
                .col(f)
                .map(|c| sheet.cell(row, c).text())
                .unwrap_or_default()
        };
        let title = text(Field::Task);
        let (lead, due, status) = (text(Field::Lead), text(Field::Due), text(Field::Status));
        // A heading ("I. Nhiệm vụ chung"): no lead, no deadline, no status.
        if lead.is_empty() && due.is_empty() && status.is_empty() {
            return None;
        }
        let col = |f: Field| header.col(f).unwrap_or(0);
        if title.is_empty() {
            errors.push((
                with_col(place, col(Field::Task)),
                "thiếu nội dung nhiệm vụ".into(),
                Some("ghi nội dung nhiệm vụ vào ô này".into()),
            ));
            return None;
        }
        let leads = self.unit_list(&lead, &with_col(place, col(Field::Lead)), errors);
        if lead.is_empty() {
            errors.push((
                with_col(place, col(Field::Lead)),
                "nhiệm vụ chưa có đơn vị chủ trì".into(),
                Some("ghi tên đơn vị chủ trì vào ô này".into()),
            ));
        }
        let partners = self.unit_list(
            &text(Field::Partners),
            &with_col(place, col(Field::Partners)),
            errors,
        );
        let (due, mut due_text) = match header.col(Field::Due) {
            Some(c) => deadline(sheet.cell(row, c)),
            None => (None, None),
        };
        let worded = text(Field::DueText);
        if due_text.is_none() && !worded.is_empty() {
            due_text = Some(worded);
        }
        let criterion = self.criterion(
            &text(Field::Criterion),
            &with_col(place, col(Field::Criterion)),
            errors,
        );
        let done_on = self.done_on(sheet, row, header, place, errors);
        Some(TaskOut {
            id: self.new_id(&title),
            title,
            leads,
            partners,
            criterion,
            due,
            due_text,
            done_on,
        })
    }

    /// Unit names separated by `,`, `;` or line breaks.
    fn unit_list(&self, text: &str, place: &Place, errors: &mut RowErrors) -> Vec<String> {
        let mut out = Vec::new();
        for name in text
            .split([',', ';', '\n'])
            .map(str::trim)
            .filter(|n| !n.is_empty())
        {
            match self.units.find(name) {
                Ok(u) => {
                    let id = self.model.units[u].id.clone();
                    if !out.contains(&id) {
                        out.push(id);
                    }
                }
                Err(miss) => {
                    let hint = match miss {
                        UnitMiss::Unknown(Some(id)) => format!("có phải ý bạn là `{id}`?"),
                        UnitMiss::Unknown(None) => {
                            "ghi đúng tên, tên ngắn hoặc mã đơn vị như trong units.yaml; nhiều đơn vị cách nhau bằng dấu phẩy".into()
                        }
                        UnitMiss::Ambiguous(ids) => {
                            format!("tên này trùng nhiều đơn vị ({}); ghi mã đơn vị", ids.join(", "))
                        }
                    };
                    errors.push((
                        place.clone(),
                        format!("không có đơn vị `{name}`"),
                        Some(hint),
                    ));
                }
            }
        }
        out
    }

    /// `district/7.2.5`, or a code alone when one framework has it (or
    /// --framework says which).
    fn criterion(&self, text: &str, place: &Place, errors: &mut RowErrors) -> Option<String> {
        if text.is_empty() {
            return None;
        }
        let (fw_text, code) = match text.split_once('/') {
            Some((f, c)) => (Some(f.trim()), clean_code(c)),
            None => (None, clean_code(text)),
        };
        let candidates: Vec<usize> = match (fw_text, self.framework) {
            (Some(f), _) => self
                .model
                .framework_index
                .get(f)
                .copied()
                .into_iter()
                .collect(),
            (None, Some(f)) => vec![f],
            (None, None) => (0..self.model.frameworks.len()).collect(),
        };
        let with_code: Vec<usize> = candidates
            .into_iter()
            .filter(|&f| self.model.frameworks[f].code_index.contains_key(&code))
            .collect();
        match with_code.as_slice() {
            [f] => Some(format!("{}/{code}", self.model.frameworks[*f].id)),
            [] => {
                errors.push((
                    place.clone(),
                    format!("không có tiêu chí `{text}`"),
                    Some("ghi dạng bộ-chỉ-số/mã, ví dụ district/7.2.5".into()),
                ));
                None
            }
            many => {
                let ids: Vec<&str> = many
                    .iter()
                    .map(|&f| self.model.frameworks[f].id.as_str())
                    .collect();
                errors.push((
                    place.clone(),
                    format!(
                        "tiêu chí `{code}` có trong nhiều bộ chỉ số ({})",
                        ids.join(", ")
                    ),
                    Some(format!(
                        "ghi dạng {}/{code}, hoặc chọn bằng --framework",
                        ids[0]
                    )),
                ));
                None
            }
        }
    }

    /// The day a done task was done: its own column, or a date in the
    /// status ("Đã hoàn thành ngày 12/11/2023"). None for a task not done.
    fn done_on(
        &self,
        sheet: &Sheet,
        row: usize,
        header: &Header,
        place: &Place,
        errors: &mut RowErrors,
    ) -> Option<NaiveDate> {
        let col = header.col(Field::Status)?;
        let status = sheet.cell(row, col).text();
        let n = norm(&status);
        let done = [
            "da hoan thanh",
            "hoan thanh",
            "xong",
            "da xong",
            "done",
            "da thuc hien",
        ]
        .iter()
        .any(|w| n == *w || n.starts_with(&format!("{w} ")));
        if !done {
            return None;
        }
        let from_column = header
            .col(Field::DoneOn)
            .and_then(|c| match sheet.cell(row, c) {
                Cell::Date(d) => Some(*d),
                other => date_in_text(&other.text()),
            });
        let found = from_column.or_else(|| date_in_text(&status));
        if found.is_none() {
            errors.push((
                with_col(place, col),
                format!("nhiệm vụ `{status}` nhưng không có ngày hoàn thành"),
                Some(
                    "thêm cột \"Ngày hoàn thành\", hoặc ghi \"Đã hoàn thành ngày 12/11/2023\""
                        .into(),
                ),
            ));
        }
        found
    }

    /// An id from the title, short and not used yet.
    fn new_id(&mut self, title: &str) -> String {
        let slug = slugify(title);
        let mut base = String::new();
        for word in slug.split('-').take(8) {
            if !base.is_empty() && base.len() + word.len() > 60 {
                break;
            }
            if !base.is_empty() {
                base.push('-');
            }
            base.push_str(word);
        }
        if base.is_empty() {
            base.push_str("nhiem-vu");
        }
        let mut id = base.clone();
        let mut n = 2;
        while self.used_ids.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.used_ids.insert(id.clone());
        id
    }
}

/// The deadline of a task: a date cell, `20/11/2023`, or wording such as
/// `trước ngày 20/11/2023` (kept as written, with the date read from it).
fn deadline(cell: &Cell) -> (Option<NaiveDate>, Option<String>) {
    match cell {
        Cell::Date(d) => (Some(*d), None),
        Cell::Empty => (None, None),
        other => {
            let text = other.text();
            if text.is_empty() || is_roman(&text) {
                return (None, None);
            }
            match crate::validate::parse_date(&text) {
                Some(d) => (Some(d), None),
                None => (date_in_text(&text), Some(text)),
            }
        }
    }
}
