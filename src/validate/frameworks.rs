//! `frameworks/*.yaml`: the criteria, their codes, maxima and bands.

use std::collections::HashMap;

use super::{Defined, Validator, file_stem};
use crate::load::raw;
use crate::load::{FileId, Seg};
use crate::model::*;
use crate::path;
use crate::slug::is_valid_id;

impl Validator<'_> {
    pub(super) fn frameworks(&mut self) -> (Vec<Framework>, HashMap<String, usize>) {
        let mut frameworks = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut defined: Vec<Defined> = Vec::new();
        for (file, raw) in &self.content.frameworks {
            let file = *file;
            let stem = file_stem(&self.content.files[file].rel);
            let id = raw.id.clone().unwrap_or(stem);
            if !is_valid_id(&id) {
                self.error(
                    file,
                    &path!["id"],
                    format!("mã bộ chỉ số `{id}` không hợp lệ"),
                    Some("mã chỉ gồm chữ thường không dấu, số và dấu gạch ngang".into()),
                );
                continue;
            }
            if let Some(&prev) = index.get(&id) {
                let other = self.place(&defined[prev]);
                self.error(
                    file,
                    &path!["id"],
                    format!("bộ chỉ số `{id}` đã được khai báo ở {other}"),
                    Some("đổi tên tệp hoặc trường id để mỗi bộ chỉ số có một mã riêng".into()),
                );
                continue;
            }
            let mut fw = Framework {
                id: id.clone(),
                title: raw.title.vi().to_string(),
                title_en: raw.title.en(),
                scheme: raw.scheme.clone(),
                year: raw.year,
                bands: Vec::new(),
                criteria: Vec::new(),
                code_index: HashMap::new(),
                roots: Vec::new(),
                max: Points(0),
            };
            for (i, band) in raw.bands.iter().enumerate() {
                if let Some(min) = self.points(file, &path!["bands", i, "min"], &band.min) {
                    fw.bands.push(Band {
                        name: band.name.vi().to_string(),
                        name_en: band.name.en(),
                        min_percent: min,
                    });
                }
            }
            fw.bands.sort_by_key(|b| std::cmp::Reverse(b.min_percent));
            let mut seen: HashMap<String, Vec<Seg>> = HashMap::new();
            for (i, c) in raw.criteria.iter().enumerate() {
                let idx =
                    self.criterion(file, path!["criteria", i], c, None, 0, &mut fw, &mut seen);
                if let Some(idx) = idx {
                    fw.roots.push(idx);
                }
            }
            fw.max = fw.roots.iter().map(|&r| fw.criteria[r].max).sum();
            index.insert(id, frameworks.len());
            defined.push(Defined {
                file,
                path: path!["id"],
            });
            frameworks.push(fw);
        }
        (frameworks, index)
    }

    #[allow(clippy::too_many_arguments)]
    fn criterion(
        &mut self,
        file: FileId,
        at: Vec<Seg>,
        raw: &raw::RawCriterion,
        parent: Option<usize>,
        depth: usize,
        fw: &mut Framework,
        seen: &mut HashMap<String, Vec<Seg>>,
    ) -> Option<usize> {
        let code = self.criterion_code(file, &at, raw, seen)?;
        let method = self.method(file, &at, raw);
        let legal_basis = self.legal_basis(file, &at, &code, raw);
        let idx = fw.criteria.len();
        fw.criteria.push(Criterion {
            code: code.clone(),
            title: raw.title.vi().to_string(),
            title_en: raw.title.en(),
            max: Points(0),
            method,
            note: raw.note.clone(),
            legal_basis,
            parent,
            children: Vec::new(),
            depth,
        });
        fw.code_index.insert(code.clone(), idx);
        let mut children = Vec::new();
        for (i, child) in raw.children.iter().enumerate() {
            let child_path = [at.clone(), path!["children", i]].concat();
            if let Some(c) = self.criterion(file, child_path, child, Some(idx), depth + 1, fw, seen)
            {
                children.push(c);
            }
        }
        let sum: Points = children.iter().map(|&c| fw.criteria[c].max).sum();
        let max_path = [at.clone(), path!["max"]].concat();
        let max = match &raw.max {
            Some(m) => self.points(file, &max_path, m).unwrap_or(sum),
            None if children.is_empty() => {
                self.max_missing.push((fw.id.clone(), code.clone()));
                self.error(
                    file,
                    &at,
                    format!("tiêu chí `{code}` thiếu điểm tối đa (max)"),
                    Some("thêm `max: 1` (điểm tối đa của tiêu chí)".into()),
                );
                Points(0)
            }
            None => sum,
        };
        if max.0 < 0 {
            self.error(
                file,
                &max_path,
                format!("điểm tối đa của tiêu chí `{code}` không được âm"),
                None,
            );
        }
        let c = &mut fw.criteria[idx];
        c.max = max;
        c.children = children;
        Some(idx)
    }

    /// The criterion's code, when it is valid and new in its framework.
    fn criterion_code(
        &mut self,
        file: FileId,
        at: &[Seg],
        raw: &raw::RawCriterion,
        seen: &mut HashMap<String, Vec<Seg>>,
    ) -> Option<String> {
        let code = raw.code.as_text().trim().to_string();
        let code_path = [at.to_vec(), path!["code"]].concat();
        if !is_valid_code(&code) {
            self.error(
                file,
                &code_path,
                format!("mã tiêu chí `{code}` không hợp lệ"),
                Some("mã tiêu chí dạng \"7.2.5\": số và chữ, ngăn bằng dấu chấm".into()),
            );
            return None;
        }
        if let Some(prev) = seen.get(&code) {
            let other = self.place(&Defined {
                file,
                path: prev.clone(),
            });
            self.error(
                file,
                &code_path,
                format!("mã tiêu chí `{code}` bị trùng (đã có ở {other})"),
                Some("mỗi tiêu chí trong một bộ chỉ số cần một mã riêng".into()),
            );
            return None;
        }
        seen.insert(code.clone(), code_path);
        Some(code)
    }

    fn method(&mut self, file: FileId, at: &[Seg], raw: &raw::RawCriterion) -> Method {
        match raw.method.as_deref() {
            None | Some("self") => Method::SelfAssessed,
            Some("survey") => Method::Survey,
            Some("both") => Method::Both,
            Some(other) => {
                self.error(
                    file,
                    &[at.to_vec(), path!["method"]].concat(),
                    format!("phương pháp chấm `{other}` không hợp lệ"),
                    Some("dùng self, survey hoặc both".into()),
                );
                Method::SelfAssessed
            }
        }
    }
}

impl Validator<'_> {
    /// The documents of the criterion's `legal_basis`; a blank one is an
    /// error.
    fn legal_basis(
        &mut self,
        file: FileId,
        at: &[Seg],
        code: &str,
        raw: &raw::RawCriterion,
    ) -> Vec<String> {
        let mut documents = Vec::new();
        for (i, document) in raw.legal_basis.iter().enumerate() {
            let document = document.trim();
            if document.is_empty() {
                self.error(
                    file,
                    &[at.to_vec(), path!["legal_basis", i]].concat(),
                    format!("căn cứ pháp lý của tiêu chí `{code}` để trống"),
                    Some(
                        "ghi tên văn bản, ví dụ \"Nghị định số 61/2018/NĐ-CP\", hoặc xóa dòng này"
                            .into(),
                    ),
                );
            } else {
                documents.push(document.to_string());
            }
        }
        documents
    }
}

/// A criterion code: letters, digits, `.`, `-` and `_`, starting and ending
/// with a letter or digit, no `..` (it names a folder of the site).
fn is_valid_code(code: &str) -> bool {
    !code.is_empty()
        && code.len() <= 32
        && code
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
        && code.as_bytes()[0].is_ascii_alphanumeric()
        && code.as_bytes()[code.len() - 1].is_ascii_alphanumeric()
        && !code.contains("..")
}
