//! Task lists ("bảng theo dõi nhiệm vụ"): one row per task, with its lead
//! and partner units, deadline, criterion and status.

use std::collections::HashSet;

use chrono::NaiveDate;

use super::band::{self, Band as Header, Names};
use super::collect::with_col;
use super::groups::{self, GroupMatch};
use super::headers::{Field, TASK_HEADERS};
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
    /// What was read as a group, for the summary.
    notes: Vec<String>,
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
        notes: Vec::new(),
    };
    let mut problems = Problems::default();
    let mut tasks = Vec::new();
    let mut notes = Vec::new();
    for (si, sheet) in book.sheets.iter().enumerate() {
        r.sheet(book, si, sheet, &mut tasks, &mut problems, &mut notes);
    }
    if notes.is_empty() {
        anyhow::bail!(
            "`{}` không có bảng nhiệm vụ nhận ra được: cần dòng tiêu đề có cột nội dung (nhiệm vụ) và cột đơn vị chủ trì; xem `tiendo help nhap`",
            book.file
        );
    }
    notes.append(&mut r.notes);
    Ok(Imported {
        yaml: yaml::directive(&options.source, options.issued, &tasks),
        taken: tasks.len(),
        values: tasks.len(),
        problems,
        tables: Vec::new(),
        notes,
        preview: Default::default(),
    })
}

fn place_name(book: &Workbook, sheet: &Sheet) -> String {
    if book.csv {
        book.file.clone()
    } else {
        format!("{} › {}", book.file, sheet.name)
    }
}

impl Reader<'_> {
    /// Reads the task tables of a sheet.
    fn sheet(
        &mut self,
        book: &Workbook,
        si: usize,
        sheet: &Sheet,
        tasks: &mut Vec<TaskOut>,
        problems: &mut Problems,
        notes: &mut Vec<String>,
    ) {
        let no_codes = |_: &str| false;
        let names = Names {
            table: TASK_HEADERS,
            units: None,
            is_code: &no_codes,
        };
        let accept = |h: &Header| h.has(Field::Task) && h.has(Field::Lead);
        let mut from = 0;
        while let Some(header) = band::find(sheet, from, &names, &accept) {
            let end = band::find(sheet, header.last + 1, &names, &accept)
                .map_or(sheet.rows.len(), |next| next.top);
            for row in header.last + 1..end {
                let place = Place {
                    file: book.file.clone(),
                    sheet_index: si,
                    sheet: (!book.csv).then(|| sheet.name.clone()),
                    row: row + 1,
                    col: None,
                };
                let mut errors = Vec::new();
                if let Some(task) = self.row(sheet, row, &header, &place, &mut errors)
                    && errors.is_empty()
                {
                    tasks.push(task);
                }
                for (p, m, h) in errors {
                    problems.error(p, m, h);
                }
            }
            notes.push(format!(
                "{}: bảng nhiệm vụ ở {}",
                place_name(book, sheet),
                super::forms::rows_text(header.top + 1, end)
            ));
            from = end;
        }
    }

    fn row(
        &mut self,
        sheet: &Sheet,
        row: usize,
        header: &Header,
        place: &Place,
        errors: &mut RowErrors,
    ) -> Option<TaskOut> {
        if sheet.is_blank_row(row) || self.uncached(sheet, row, header, place, errors) {
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
        let (leads, lead_is_group) =
            self.unit_list(&lead, &with_col(place, col(Field::Lead)), errors);
        if lead.is_empty() {
            errors.push((
                with_col(place, col(Field::Lead)),
                "nhiệm vụ chưa có đơn vị chủ trì".into(),
                Some("ghi tên đơn vị chủ trì vào ô này".into()),
            ));
        }
        let (partners, _) = self.unit_list(
            &text(Field::Partners),
            &with_col(place, col(Field::Partners)),
            errors,
        );
        let (due, due_text) = due_of(sheet, row, header);
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
            lead_is_group,
            partners,
            criterion,
            due,
            due_text,
            done_on,
        })
    }

    /// Names the cells of the row that hold a formula saved without its
    /// value; whether there are any (then the row is not taken).
    fn uncached(
        &self,
        sheet: &Sheet,
        row: usize,
        header: &Header,
        place: &Place,
        errors: &mut RowErrors,
    ) -> bool {
        let mut any = false;
        for &col in header.fields.values() {
            if let cell @ Cell::Uncached(_) = sheet.cell(row, col) {
                let e = super::collect::uncached(&cell.text());
                errors.push((with_col(place, col), e.message, Some(e.hint)));
                any = true;
            }
        }
        any
    }

    /// Unit names separated by `,`, `;` or line breaks, and groups of
    /// units named as directives name them (`UBND các xã, thị trấn`, whose
    /// comma separates nothing): each id once, and whether one is a group.
    /// `UBND các xã: An Phú, Tân Lợi` lists the units after the colon.
    fn unit_list(
        &mut self,
        text: &str,
        place: &Place,
        errors: &mut RowErrors,
    ) -> (Vec<String>, bool) {
        let mut out = Vec::new();
        let mut any_group = false;
        for segment in text
            .split([';', '\n'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            let segment = match segment.split_once(':') {
                Some((_, list)) if !list.trim().is_empty() => list,
                _ => segment,
            };
            let pieces: Vec<&str> = segment
                .split(',')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .collect();
            let mut i = 0;
            while i < pieces.len() {
                let (taken, id, group) = self.longest_name(&pieces[i..], place, errors);
                if let Some(id) = id
                    && !out.contains(&id)
                {
                    out.push(id);
                }
                any_group |= group;
                i += taken;
            }
        }
        (out, any_group)
    }

    /// The name at the head of `pieces` (a group's name may take several,
    /// joined by commas): how many pieces it took, the id (none when it
    /// names nothing, which is an error) and whether it is a group.
    fn longest_name(
        &mut self,
        pieces: &[&str],
        place: &Place,
        errors: &mut RowErrors,
    ) -> (usize, Option<String>, bool) {
        for n in (1..=pieces.len()).rev() {
            let phrase = pieces[..n].join(", ");
            match groups::find(self.model, &phrase) {
                GroupMatch::Found(g, count) => {
                    let group = &self.model.groups[g];
                    if let Some(count) = count.filter(|&c| c != group.members.len()) {
                        errors.push((
                            place.clone(),
                            format!(
                                "`{phrase}` ghi {count} đơn vị nhưng nhóm `{}` có {}",
                                group.id,
                                group.members.len()
                            ),
                            Some("sửa số đơn vị, hoặc sửa nhóm trong units.yaml".into()),
                        ));
                    }
                    self.notes.push(format!(
                        "{place}: `{phrase}` là nhóm `{}` ({} đơn vị)",
                        group.id,
                        group.members.len()
                    ));
                    return (n, Some(group.id.clone()), true);
                }
                GroupMatch::Ambiguous(found) => {
                    let ids: Vec<&str> = found
                        .iter()
                        .map(|&g| self.model.groups[g].id.as_str())
                        .collect();
                    errors.push((
                        place.clone(),
                        format!("`{phrase}` có thể là nhiều nhóm: {}", ids.join(", ")),
                        Some("ghi mã nhóm, hoặc đặt `name` của nhóm trong units.yaml đúng như bảng ghi".into()),
                    ));
                    return (n, None, true);
                }
                GroupMatch::Unknown if n == 1 => {
                    errors.push((
                        place.clone(),
                        format!("không có nhóm đơn vị `{phrase}`"),
                        Some(format!("{}; thêm nhóm vào units.yaml, ví dụ groups: {{cac-xa-thi-tran: {{name: \"UBND các xã, thị trấn\", kinds: [commune, town], parent: …}}}}", groups::known(self.model))),
                    ));
                    return (1, None, true);
                }
                _ => {}
            }
        }
        let name = pieces[0];
        match self.units.find(name) {
            Ok(u) => (1, Some(self.model.units[u].id.clone()), false),
            Err(miss) => {
                errors.push((
                    place.clone(),
                    format!("không có đơn vị `{name}`"),
                    Some(miss_hint(miss)),
                ));
                (1, None, false)
            }
        }
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

/// What to do about a name that is no unit.
fn miss_hint(miss: UnitMiss) -> String {
    match miss {
        UnitMiss::Unknown(Some(id)) => format!("có phải ý bạn là `{id}`?"),
        UnitMiss::Unknown(None) => {
            "ghi đúng tên, tên ngắn hoặc mã đơn vị như trong units.yaml; nhiều đơn vị cách nhau bằng dấu phẩy".into()
        }
        UnitMiss::Ambiguous(ids) => {
            format!("tên này trùng nhiều đơn vị ({}); ghi mã đơn vị", ids.join(", "))
        }
    }
}

/// The deadline of a row and its wording: from the deadline column, else
/// the wording from its own column.
fn due_of(sheet: &Sheet, row: usize, header: &Header) -> (Option<NaiveDate>, Option<String>) {
    let (due, due_text) = match header.col(Field::Due) {
        Some(c) => deadline(sheet.cell(row, c)),
        None => (None, None),
    };
    let worded = header
        .col(Field::DueText)
        .map(|c| sheet.cell(row, c).text())
        .filter(|w| !w.is_empty());
    (due, due_text.or(worded))
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
