//! Stage 2, validate: turn the raw content into the [`Model`], checking every
//! reference, number and date, and collecting every problem at once.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::load::raw::{self, Scalar};
use crate::load::{Content, FileId, Seg};
use crate::model::*;
use crate::path;
use crate::slug::{is_valid_id, slugify};

/// How the model is made: which audience, and the date statuses count from.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub as_of: Option<NaiveDate>,
    pub committee: bool,
}

/// Checks the content and resolves it. The model is returned only when there
/// is no error; warnings come back either way.
pub fn validate(content: &Content, options: &Options) -> (Option<Model>, Diagnostics) {
    let mut v = Validator {
        content,
        diags: Diagnostics::default(),
        dropped_tasks: Vec::new(),
        unresolved_framework: Vec::new(),
        max_missing: Vec::new(),
        unit_raw_index: Vec::new(),
    };
    let model = v.run(options);
    let diags = v.diags;
    if diags.has_errors() {
        (None, diags)
    } else {
        (model, diags)
    }
}

struct Validator<'a> {
    content: &'a Content,
    diags: Diagnostics,
    /// Ids of tasks left out for an error: notes naming them are not
    /// reported again.
    dropped_tasks: Vec<String>,
    /// Units whose framework was given but could not be resolved.
    unresolved_framework: Vec<usize>,
    /// Criteria whose max is missing (reported once): scores on them are
    /// not checked against it.
    max_missing: Vec<(String, String)>,
    /// For each unit of the model, its index in units.yaml's list.
    unit_raw_index: Vec<usize>,
}

/// Where an id was defined, to name both places of a duplicate.
struct Defined {
    file: FileId,
    path: Vec<Seg>,
}

impl<'a> Validator<'a> {
    fn error(&mut self, file: FileId, path: &[Seg], message: String, hint: Option<String>) {
        let d = self
            .content
            .diagnostic(Severity::Error, file, path, message, hint);
        self.diags.push(d);
    }

    /// A problem with a whole file, such as its name: no line to point at.
    fn file_error(&mut self, file: FileId, message: String, hint: Option<String>) {
        let rel = self.content.files[file].rel.clone();
        self.diags
            .push(Diagnostic::file(Severity::Error, &rel, message, hint));
    }

    /// Whether units.yaml is missing or broken: references to units are
    /// then not reported one by one.
    fn units_unknown(&self) -> bool {
        self.content.units.is_none()
    }

    fn warning(&mut self, file: FileId, path: &[Seg], message: String, hint: Option<String>) {
        let d = self
            .content
            .diagnostic(Severity::Warning, file, path, message, hint);
        self.diags.push(d);
    }

    fn place(&self, def: &Defined) -> String {
        let d = self
            .content
            .diagnostic(Severity::Error, def.file, &def.path, String::new(), None);
        if d.line > 0 {
            format!("{}:{}", d.file, d.line)
        } else {
            d.file
        }
    }

    fn run(&mut self, options: &Options) -> Option<Model> {
        let site = self.site(options);
        let (frameworks, framework_index) = self.frameworks();
        let (units, unit_index) = self.units(&framework_index);
        let mut model = Model {
            site: site?,
            units,
            unit_index,
            frameworks,
            framework_index,
            assignments: Vec::new(),
            snapshots: Vec::new(),
            directives: Vec::new(),
            tasks: Vec::new(),
            task_index: HashMap::new(),
            notes: Vec::new(),
        };
        self.assignments(&mut model);
        self.snapshots(&mut model);
        self.unscored_units(&model);
        self.directives(&mut model);
        self.notes(&mut model, options);
        Some(model)
    }

    // ---------------------------------------------------------------- site

    fn site(&mut self, options: &Options) -> Option<Site> {
        let Some((file, raw)) = &self.content.site else {
            if self.content.failed("site.y") {
                return None;
            }
            self.diags.push(Diagnostic::file(
                Severity::Error,
                "site.yaml",
                "thiếu tệp site.yaml".into(),
                Some("tạo content/site.yaml với title, organization, base_url, as_of".into()),
            ));
            return None;
        };
        let file = *file;
        let base_url = if raw.base_url.ends_with('/') {
            raw.base_url.clone()
        } else {
            format!("{}/", raw.base_url)
        };
        let base_path = match base_path_of(&base_url) {
            Some(p) => p,
            None => {
                self.error(
                    file,
                    &path!["base_url"],
                    format!("base_url `{}` không phải địa chỉ hợp lệ", raw.base_url),
                    Some(
                        "viết dạng https://ten-mien.gov.vn/ hoặc https://ten-mien.gov.vn/cchc/"
                            .into(),
                    ),
                );
                "/".into()
            }
        };
        let as_of = self.date(file, &path!["as_of"], &raw.as_of);
        let timezone = raw.timezone.clone().unwrap_or_else(|| "+07:00".into());
        if !is_utc_offset(&timezone) {
            self.error(
                file,
                &path!["timezone"],
                format!("múi giờ `{timezone}` không hợp lệ"),
                Some("viết độ lệch so với UTC, ví dụ \"+07:00\"".into()),
            );
        }
        let language = raw.language.clone().unwrap_or_else(|| "vi".into());
        Some(Site {
            title: raw.title.clone(),
            organization: raw.organization.clone(),
            language,
            base_url,
            base_path,
            as_of: options
                .as_of
                .or(as_of)
                .unwrap_or(NaiveDate::from_ymd_opt(1970, 1, 1)?),
            timezone,
            description: raw.description.clone(),
            audience: if options.committee {
                Audience::Committee
            } else {
                Audience::Public
            },
            unit_kinds: site_unit_kinds(raw),
        })
    }

    // ---------------------------------------------------------- frameworks

    fn frameworks(&mut self) -> (Vec<Framework>, HashMap<String, usize>) {
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
                title: raw.title.clone(),
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
                        name: band.name.clone(),
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
        let code = raw.code.as_text().trim().to_string();
        let code_path = [at.clone(), path!["code"]].concat();
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
        let method = match raw.method.as_deref() {
            None | Some("self") => Method::SelfAssessed,
            Some("survey") => Method::Survey,
            Some("both") => Method::Both,
            Some(other) => {
                self.error(
                    file,
                    &[at.clone(), path!["method"]].concat(),
                    format!("phương pháp chấm `{other}` không hợp lệ"),
                    Some("dùng self, survey hoặc both".into()),
                );
                Method::SelfAssessed
            }
        };
        let idx = fw.criteria.len();
        fw.criteria.push(Criterion {
            code: code.clone(),
            title: raw.title.clone(),
            max: Points(0),
            method,
            note: raw.note.clone(),
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

    // --------------------------------------------------------------- units

    fn units(
        &mut self,
        framework_index: &HashMap<String, usize>,
    ) -> (Vec<Unit>, HashMap<String, usize>) {
        let mut units = Vec::new();
        let mut index = HashMap::new();
        let Some((file, raw)) = &self.content.units else {
            if self.content.failed("units.y") {
                return (units, index);
            }
            self.diags.push(Diagnostic::file(
                Severity::Error,
                "units.yaml",
                "thiếu tệp units.yaml".into(),
                Some("tạo content/units.yaml với danh sách `units:`".into()),
            ));
            return (units, index);
        };
        let file = *file;
        let mut defined: Vec<Defined> = Vec::new();
        let mut parents: Vec<Option<(usize, &str)>> = Vec::new();
        let mut raw_index: Vec<usize> = Vec::new();
        for (i, u) in raw.units.iter().enumerate() {
            let (id, id_path) = match &u.id {
                Some(id) => (id.trim().to_string(), path!["units", i, "id"]),
                None => (slugify(&u.name), path!["units", i, "name"]),
            };
            if !is_valid_id(&id) {
                self.error(
                    file,
                    &id_path,
                    format!("mã đơn vị `{id}` không hợp lệ"),
                    Some(format!(
                        "mã chỉ gồm chữ thường không dấu, số và dấu gạch ngang, ví dụ `{}`",
                        slugify(&id)
                    )),
                );
                continue;
            }
            if let Some(&prev) = index.get(&id) {
                let other = self.place(&defined[prev]);
                self.error(
                    file,
                    &id_path,
                    format!("mã đơn vị `{id}` bị trùng với đơn vị ở {other}"),
                    Some("ghi trường `id` khác nhau cho hai đơn vị này".into()),
                );
                continue;
            }
            if !is_valid_kind(&u.kind) {
                self.error(
                    file,
                    &path!["units", i, "kind"],
                    format!("loại đơn vị `{}` không hợp lệ", u.kind),
                    Some("ví dụ: district, agency, service_unit, commune, town, external".into()),
                );
            }
            let framework = match &u.framework {
                None => None,
                Some(f) => match framework_index.get(f) {
                    Some(&fi) => Some(fi),
                    None if self.content.failed("frameworks/") => {
                        self.unresolved_framework.push(units.len());
                        None
                    }
                    None => {
                        self.unresolved_framework.push(units.len());
                        let hint = suggest(f, framework_index.keys());
                        self.error(
                            file,
                            &path!["units", i, "framework"],
                            format!("không có bộ chỉ số `{f}`"),
                            hint,
                        );
                        None
                    }
                },
            };
            index.insert(id.clone(), units.len());
            raw_index.push(i);
            defined.push(Defined {
                file,
                path: id_path,
            });
            parents.push(u.parent.as_deref().map(|p| (i, p)));
            units.push(Unit {
                id,
                name: u.name.trim().to_string(),
                short_name: u.short_name.clone(),
                kind: u.kind.clone(),
                framework,
                parent: None,
            });
        }
        for (n, parent) in parents.into_iter().enumerate() {
            let Some((i, p)) = parent else { continue };
            match index.get(p) {
                Some(&pi) => units[n].parent = Some(pi),
                None => {
                    let hint = suggest(p, index.keys()).or_else(|| {
                        Some("parent là mã (id) của một đơn vị khác trong units.yaml".into())
                    });
                    self.error(
                        file,
                        &path!["units", i, "parent"],
                        format!("không có đơn vị cấp trên `{p}`"),
                        hint,
                    );
                }
            }
        }
        // A unit cannot be its own ancestor: report each loop once, at the
        // parent field of its first unit, naming the whole loop.
        let mut in_reported_loop = vec![false; units.len()];
        for n in 0..units.len() {
            let mut chain = vec![n];
            let mut at = units[n].parent;
            while let Some(p) = at {
                if p == n {
                    if !in_reported_loop[n] {
                        for &c in &chain {
                            in_reported_loop[c] = true;
                        }
                        let names: Vec<&str> = chain
                            .iter()
                            .chain(std::iter::once(&n))
                            .map(|&c| units[c].id.as_str())
                            .collect();
                        let i = raw_index[n];
                        self.error(
                            file,
                            &path!["units", i, "parent"],
                            format!(
                                "đơn vị `{}` nằm trong chính nó: {}",
                                units[n].id,
                                names.join(" → ")
                            ),
                            Some("sửa trường parent để các đơn vị tạo thành cây".into()),
                        );
                    }
                    break;
                }
                if chain.len() > units.len() {
                    break; // a loop further up, reported from its own units
                }
                chain.push(p);
                at = units[p].parent;
            }
        }
        for n in 0..units.len() {
            if in_reported_loop[n] {
                units[n].parent = None;
            }
        }
        self.unit_raw_index = raw_index;
        (units, index)
    }

    // ---------------------------------------------------------- references

    fn unit_ref(&mut self, model: &Model, file: FileId, at: &[Seg], id: &str) -> Option<usize> {
        let id = id.trim();
        match model.unit_index.get(id) {
            Some(&u) => Some(u),
            None if self.units_unknown() => None,
            None => {
                let hint = suggest(id, model.unit_index.keys())
                    .or_else(|| Some("khai báo đơn vị này trong units.yaml".into()));
                self.error(file, at, format!("không có đơn vị `{id}`"), hint);
                None
            }
        }
    }

    fn criterion_ref(
        &mut self,
        model: &Model,
        file: FileId,
        at: &[Seg],
        text: &str,
    ) -> Option<CriterionRef> {
        let text = text.trim();
        let Some((fw, code)) = text.split_once('/') else {
            let ids: Vec<&String> = model.framework_index.keys().collect();
            let example = ids.first().map(|s| s.as_str()).unwrap_or("district");
            self.error(
                file,
                at,
                format!("tiêu chí `{text}` thiếu tên bộ chỉ số"),
                Some(format!("viết dạng `{example}/{text}`")),
            );
            return None;
        };
        let Some(&fi) = model.framework_index.get(fw) else {
            if self.content.failed("frameworks/") {
                return None;
            }
            let hint = suggest(fw, model.framework_index.keys());
            self.error(file, at, format!("không có bộ chỉ số `{fw}`"), hint);
            return None;
        };
        self.code_ref_as(model, fi, file, at, code, true)
    }

    fn code_ref(
        &mut self,
        model: &Model,
        fi: usize,
        file: FileId,
        at: &[Seg],
        code: &str,
    ) -> Option<CriterionRef> {
        self.code_ref_as(model, fi, file, at, code, false)
    }

    /// Resolves a code in framework `fi`; `qualified` when the user wrote
    /// `framework/code`, so that the hint is written the same way.
    fn code_ref_as(
        &mut self,
        model: &Model,
        fi: usize,
        file: FileId,
        at: &[Seg],
        code: &str,
        qualified: bool,
    ) -> Option<CriterionRef> {
        let fw = &model.frameworks[fi];
        match fw.code_index.get(code) {
            Some(&ci) => Some(CriterionRef {
                framework: fi,
                criterion: ci,
            }),
            None => {
                let hint = nearest(code, fw.code_index.keys()).map(|k| {
                    if qualified {
                        format!("có phải ý bạn là `{}/{k}`?", fw.id)
                    } else {
                        format!("có phải ý bạn là `{k}`?")
                    }
                });
                self.error(
                    file,
                    at,
                    format!("bộ chỉ số `{}` không có tiêu chí `{code}`", fw.id),
                    hint,
                );
                None
            }
        }
    }

    // --------------------------------------------------------- assignments

    fn assignments(&mut self, model: &mut Model) {
        let content = self.content;
        for (file, raw) in &content.assignments {
            let file = *file;
            let scored = self.unit_ref(model, file, &path!["unit"], &raw.unit);
            for (i, a) in raw.assignments.iter().enumerate() {
                let criterion = self.criterion_ref(
                    model,
                    file,
                    &path!["assignments", i, "criterion"],
                    &a.criterion,
                );
                let owner = self.unit_ref(model, file, &path!["assignments", i, "owner"], &a.owner);
                let partners = self.unit_list(
                    model,
                    file,
                    &path!["assignments", i, "partners"],
                    &a.partners,
                );
                if let (Some(scored_unit), Some(criterion), Some(owner)) =
                    (scored, criterion, owner)
                {
                    model.assignments.push(Assignment {
                        source: raw.source.clone(),
                        scored_unit,
                        criterion,
                        owner,
                        partners,
                    });
                }
            }
        }
    }

    fn unit_list(&mut self, model: &Model, file: FileId, at: &[Seg], ids: &[String]) -> Vec<usize> {
        let mut out = Vec::new();
        for (j, p) in ids.iter().enumerate() {
            let here = [at.to_vec(), path![j]].concat();
            if let Some(u) = self.unit_ref(model, file, &here, p)
                && !out.contains(&u)
            {
                out.push(u);
            }
        }
        out
    }

    /// A unit that has a framework but no score in any snapshot: a warning,
    /// since the site then shows it without points.
    fn unscored_units(&mut self, model: &Model) {
        // With errors, a snapshot may have been left out: fix those first.
        if self.diags.has_errors() || !self.content.unparsed.is_empty() {
            return;
        }
        let Some((file, _)) = &self.content.units else {
            return;
        };
        let file = *file;
        let mut scored = vec![false; model.units.len()];
        for snap in &model.snapshots {
            for us in &snap.units {
                scored[us.unit] = true;
            }
        }
        for (u, unit) in model.units.iter().enumerate() {
            if unit.framework.is_none() || scored[u] {
                continue;
            }
            let i = self.unit_raw_index.get(u).copied().unwrap_or(0);
            self.warning(
                file,
                &path!["units", i],
                format!("đơn vị `{}` chưa có điểm trong đợt đánh giá nào", unit.id),
                Some("thêm điểm của đơn vị vào một tệp trong scores/, hoặc bỏ trường framework nếu đơn vị không được chấm điểm".into()),
            );
        }
    }

    // ----------------------------------------------------------- snapshots

    fn snapshots(&mut self, model: &mut Model) {
        let content = self.content;
        let mut by_date: BTreeMap<NaiveDate, FileId> = BTreeMap::new();
        for (file, raw) in &content.snapshots {
            let file = *file;
            let date = self.date(file, &path!["date"], &raw.date);
            let stage = match raw.stage.trim() {
                "tự đánh giá" | "self" => Some(Stage::SelfAssessment),
                "rà soát" | "review" => Some(Stage::Review),
                "thẩm định" | "appraisal" => Some(Stage::Appraisal),
                "công bố" | "published" => Some(Stage::Published),
                other => {
                    self.error(
                        file,
                        &path!["stage"],
                        format!("giai đoạn `{other}` không hợp lệ"),
                        Some("dùng một trong: tự đánh giá, rà soát, thẩm định, công bố".into()),
                    );
                    None
                }
            };
            let mut units = Vec::new();
            let mut seen_units: HashMap<(usize, usize), usize> = HashMap::new();
            for (i, us) in raw.scores.iter().enumerate() {
                let Some(unit) = self.unit_ref(model, file, &path!["scores", i, "unit"], &us.unit)
                else {
                    continue;
                };
                let framework = match &us.framework {
                    Some(f) => match model.framework_index.get(f.trim()) {
                        Some(&fi) => Some(fi),
                        None if content.failed("frameworks/") => continue,
                        None => {
                            let hint = suggest(f, model.framework_index.keys());
                            self.error(
                                file,
                                &path!["scores", i, "framework"],
                                format!("không có bộ chỉ số `{f}`"),
                                hint,
                            );
                            continue;
                        }
                    },
                    None => model.units[unit].framework,
                };
                let Some(framework) = framework else {
                    if self.unresolved_framework.contains(&unit) {
                        continue;
                    }
                    self.error(
                        file,
                        &path!["scores", i, "unit"],
                        format!(
                            "đơn vị `{}` không được chấm theo bộ chỉ số nào",
                            model.units[unit].id
                        ),
                        Some(
                            "thêm `framework:` cho đơn vị trong units.yaml hoặc cho mục điểm này"
                                .into(),
                        ),
                    );
                    continue;
                };
                if let Some(prev) = seen_units.insert((unit, framework), i) {
                    self.error(
                        file,
                        &path!["scores", i, "unit"],
                        format!(
                            "điểm của đơn vị `{}` đã có ở mục thứ {} của tệp này",
                            model.units[unit].id,
                            prev + 1
                        ),
                        Some("gộp các điểm của một đơn vị vào một mục".into()),
                    );
                    continue;
                }
                let (points, details) = self.unit_scores(model, file, i, framework, &us.points);
                units.push(UnitScores {
                    unit,
                    framework,
                    points,
                    details,
                });
            }
            let (Some(date), Some(stage)) = (date, stage) else {
                continue;
            };
            if let Some(&prev) = by_date.get(&date) {
                let other = content.files[prev].rel.clone();
                self.error(
                    file,
                    &path!["date"],
                    format!("đã có đợt điểm ngày {date} ở {other}"),
                    Some("mỗi ngày chỉ một đợt điểm; gộp hai tệp hoặc sửa ngày".into()),
                );
                continue;
            }
            by_date.insert(date, file);
            model.snapshots.push(Snapshot {
                date,
                stage,
                title: raw.title.clone(),
                source: raw.source.clone(),
                units,
            });
        }
        model.snapshots.sort_by_key(|s| s.date);
    }

    fn unit_scores(
        &mut self,
        model: &Model,
        file: FileId,
        i: usize,
        framework: usize,
        points: &raw::RawPoints,
    ) -> (Vec<Option<Points>>, BTreeMap<usize, ScoreDetail>) {
        let mut scores = vec![None; model.frameworks[framework].criteria.len()];
        let mut details = BTreeMap::new();
        for (code, value) in &points.0 {
            let at = path!["scores", i, "points", code.as_str()];
            let Some(r) = self.code_ref(model, framework, file, &at, code) else {
                continue;
            };
            let criterion = &model.frameworks[framework].criteria[r.criterion];
            if !criterion.children.is_empty() {
                self.error(
                    file,
                    &at,
                    format!("tiêu chí `{code}` có tiêu chí con: chấm điểm ở các tiêu chí con"),
                    Some("điểm của tiêu chí cha là tổng điểm các tiêu chí con".into()),
                );
                continue;
            }
            let Some((points, detail)) = self.score(file, &at, value) else {
                continue;
            };
            let max = criterion.max;
            let fw_id = &model.frameworks[framework].id;
            if self
                .max_missing
                .iter()
                .any(|(f, c)| f == fw_id && c == code)
            {
                scores[r.criterion] = Some(points);
                continue;
            }
            for (what, p) in [
                ("điểm", Some(points)),
                (
                    "điểm tự đánh giá",
                    detail.as_ref().and_then(|d| d.self_assessed),
                ),
                ("điểm thẩm định", detail.as_ref().and_then(|d| d.appraised)),
            ] {
                let Some(p) = p else { continue };
                if p > max {
                    self.error(
                        file,
                        &at,
                        format!("{what} {p} của tiêu chí `{code}` vượt điểm tối đa {max}"),
                        Some(format!("điểm phải từ 0 đến {max}; kiểm tra lại số đã chép")),
                    );
                }
            }
            scores[r.criterion] = Some(points);
            if let Some(detail) = detail {
                details.insert(r.criterion, detail);
            }
        }
        (scores, details)
    }

    /// The points that count, and the long form's details if any.
    fn score(
        &mut self,
        file: FileId,
        at: &[Seg],
        value: &raw::RawScoreValue,
    ) -> Option<(Points, Option<ScoreDetail>)> {
        match value {
            raw::RawScoreValue::Short(scalar) => self.points(file, at, scalar).map(|p| (p, None)),
            raw::RawScoreValue::Long(long) => {
                let mut field = |name: &str, s: &Option<Scalar>| {
                    s.as_ref()
                        .and_then(|s| self.points(file, &[at.to_vec(), path![name]].concat(), s))
                };
                let points = field("points", &long.points);
                let self_assessed = field("self", &long.self_assessed);
                let appraised = field("appraised", &long.appraised);
                let survey = field("survey", &long.survey);
                let Some(points) = points.or(appraised).or(self_assessed) else {
                    self.error(
                        file,
                        at,
                        "điểm thiếu số điểm (points, appraised hoặc self)".into(),
                        Some("thêm `points: 1.4`".into()),
                    );
                    return None;
                };
                Some((
                    points,
                    Some(ScoreDetail {
                        self_assessed,
                        appraised,
                        survey,
                        evidence: long.evidence.clone(),
                        explanation: long.explanation.clone(),
                    }),
                ))
            }
            raw::RawScoreValue::Other => {
                self.error(
                    file,
                    at,
                    "điểm phải là một số (1.4) hoặc dạng dài".into(),
                    Some("ví dụ `\"7.3.5\": 1.4`".into()),
                );
                None
            }
        }
    }

    // -------------------------------------------------------------- tasks

    fn directives(&mut self, model: &mut Model) {
        let content = self.content;
        let mut task_defined: Vec<Defined> = Vec::new();
        for (file, raw) in &content.directives {
            let file = *file;
            let id = raw
                .id
                .clone()
                .unwrap_or_else(|| file_stem(&content.files[file].rel));
            if !is_valid_id(&id) {
                self.error(
                    file,
                    &path!["id"],
                    format!("mã văn bản `{id}` không hợp lệ"),
                    Some(format!("đặt tên tệp theo dạng `{}`", slugify(&id))),
                );
            }
            let issued = raw
                .issued
                .as_ref()
                .and_then(|d| self.date(file, &path!["issued"], d));
            let issuer = raw
                .issuer
                .as_ref()
                .and_then(|u| self.unit_ref(model, file, &path!["issuer"], u));
            let directive = model.directives.len();
            model.directives.push(Directive {
                id,
                source: raw.source.clone(),
                issued,
                issuer,
                legal_basis: raw.legal_basis.clone(),
            });
            for (i, t) in raw.tasks.iter().enumerate() {
                self.task(model, file, directive, i, t, &mut task_defined);
            }
        }
    }

    fn task(
        &mut self,
        model: &mut Model,
        file: FileId,
        directive: usize,
        i: usize,
        t: &raw::RawTask,
        defined: &mut Vec<Defined>,
    ) {
        let at = |k: &str| path!["tasks", i, k];
        let (base_id, id_path) = match &t.id {
            Some(id) => (id.trim().to_string(), at("id")),
            None => (slugify(&t.title), at("title")),
        };
        if !is_valid_id(&base_id) {
            self.error(
                file,
                &id_path,
                format!("mã nhiệm vụ `{base_id}` không hợp lệ"),
                Some(format!("ví dụ `{}`", slugify(&base_id))),
            );
            return;
        }
        let leads: Vec<(usize, String)> = match (&t.lead, t.units.is_empty()) {
            (Some(_), false) => {
                self.error(
                    file,
                    &at("units"),
                    "nhiệm vụ có cả `lead` và `units`".into(),
                    Some("dùng `lead` cho một đơn vị chủ trì, hoặc `units` để giao cùng việc cho nhiều đơn vị".into()),
                );
                self.dropped_tasks.push(base_id);
                return;
            }
            (None, true) => {
                self.error(
                    file,
                    &path!["tasks", i],
                    format!("nhiệm vụ `{base_id}` chưa có đơn vị chủ trì"),
                    Some("thêm `lead: <mã đơn vị>` hoặc `units: [..]`".into()),
                );
                self.dropped_tasks.push(base_id);
                return;
            }
            (Some(lead), true) => match self.unit_ref(model, file, &at("lead"), lead) {
                Some(u) => vec![(u, base_id.clone())],
                None => Vec::new(),
            },
            (None, false) => {
                let mut v = Vec::new();
                for (j, u) in t.units.iter().enumerate() {
                    if let Some(u) = self.unit_ref(model, file, &path!["tasks", i, "units", j], u) {
                        v.push((u, format!("{base_id}-{}", model.units[u].id)));
                    }
                }
                v
            }
        };
        if leads.is_empty() {
            self.dropped_tasks.push(base_id.clone());
        }
        let partners = self.unit_list(model, file, &at("partners"), &t.partners);
        let criterion = t
            .criterion
            .as_ref()
            .and_then(|c| self.criterion_ref(model, file, &at("criterion"), c));
        let due = t.due.as_ref().and_then(|d| self.date(file, &at("due"), d));
        if t.due.is_none() && t.due_text.is_none() {
            self.warning(
                file,
                &path!["tasks", i],
                format!("nhiệm vụ `{base_id}` không có thời hạn"),
                Some("thêm `due: 2023-11-20`, hoặc `due_text` ghi nguyên văn khi văn bản không nêu ngày".into()),
            );
        }
        let done_on = t
            .done_on
            .as_ref()
            .and_then(|d| self.date(file, &at("done_on"), d));
        match t.status.as_deref().map(str::trim) {
            None | Some("open") => {}
            Some("done") => {
                if t.done_on.is_none() {
                    self.error(
                        file,
                        &at("status"),
                        "nhiệm vụ đã xong nhưng thiếu ngày hoàn thành".into(),
                        Some("thêm `done_on: 2023-11-12`".into()),
                    );
                }
            }
            Some(other) => {
                self.error(
                    file,
                    &at("status"),
                    format!("trạng thái `{other}` không hợp lệ"),
                    Some("dùng `open` hoặc `done` (kèm done_on); quá hạn, sắp đến hạn được tính tự động".into()),
                );
            }
        }
        let escalation = t.escalation.as_ref().map(|e| {
            let ep = |k: &str| path!["tasks", i, "escalation", k];
            if let Some(w) = &e.when
                && w.trim() != "overdue"
            {
                self.error(
                    file,
                    &ep("when"),
                    format!("`when: {w}` không hợp lệ"),
                    Some("hiện chỉ có `when: overdue`".into()),
                );
            }
            Escalation {
                action: e.action.clone(),
                by: e
                    .by
                    .as_ref()
                    .and_then(|u| self.unit_ref(model, file, &ep("by"), u)),
                to: e
                    .to
                    .as_ref()
                    .and_then(|u| self.unit_ref(model, file, &ep("to"), u)),
                due: e.due.as_ref().and_then(|d| self.date(file, &ep("due"), d)),
                basis: e.basis.clone(),
            }
        });
        for (lead, id) in leads {
            if let Some(&prev) = model.task_index.get(&id) {
                let other = self.place(&defined[prev]);
                self.error(
                    file,
                    &id_path,
                    format!("mã nhiệm vụ `{id}` bị trùng với nhiệm vụ ở {other}"),
                    Some("ghi `id:` khác cho một trong hai nhiệm vụ".into()),
                );
                continue;
            }
            model.task_index.insert(id.clone(), model.tasks.len());
            defined.push(Defined {
                file,
                path: id_path.clone(),
            });
            model.tasks.push(Task {
                id,
                title: t.title.trim().to_string(),
                detail: t.detail.clone(),
                directive,
                lead,
                partners: partners.clone(),
                criterion,
                due,
                due_text: t.due_text.clone(),
                done_on,
                escalation: escalation.clone(),
            });
        }
    }

    // -------------------------------------------------------------- notes

    fn notes(&mut self, model: &mut Model, options: &Options) {
        let content = self.content;
        for (file, raw) in &content.notes {
            let file = *file;
            let m = &raw.meta;
            let date = self.date(file, &path!["date"], &m.date);
            let unit = m
                .unit
                .as_ref()
                .and_then(|u| self.unit_ref(model, file, &path!["unit"], u));
            let criterion = m
                .criterion
                .as_ref()
                .and_then(|c| self.criterion_ref(model, file, &path!["criterion"], c));
            let task = m
                .task
                .as_ref()
                .and_then(|t| match model.task_index.get(t.trim()) {
                    Some(&ti) => Some(ti),
                    None if content.failed("tasks/")
                        || content.failed("frameworks/")
                        || self.units_unknown()
                        || self.dropped_tasks.iter().any(|base| {
                            t.trim() == base || t.trim().starts_with(&format!("{base}-"))
                        }) =>
                    {
                        None
                    }
                    None => {
                        let hint = suggest(t, model.task_index.keys());
                        self.error(
                            file,
                            &path!["task"],
                            format!("không có nhiệm vụ `{t}`"),
                            hint,
                        );
                        None
                    }
                });
            let audience = match m.audience.as_deref().map(str::trim) {
                None | Some("public") => Audience::Public,
                Some("committee") => Audience::Committee,
                Some(other) => {
                    self.error(
                        file,
                        &path!["audience"],
                        format!("đối tượng `{other}` không hợp lệ"),
                        Some("dùng `public` (công khai) hoặc `committee` (chỉ Ban Chỉ đạo)".into()),
                    );
                    continue;
                }
            };
            if !is_valid_id(&raw.id) {
                self.file_error(
                    file,
                    format!("tên tệp ghi chú `{}` không dùng được làm mã", raw.id),
                    Some(format!("đổi tên tệp thành `{}.md`", slugify(&raw.id))),
                );
                continue;
            }
            if audience == Audience::Committee && !options.committee {
                continue;
            }
            let Some(date) = date else { continue };
            model.notes.push(Note {
                id: raw.id.clone(),
                title: m.title.clone(),
                date,
                summary: m.summary.clone(),
                unit,
                criterion,
                task,
                audience,
                markdown: raw.body.clone(),
            });
        }
        // Note ids must be unique: they name pages.
        let mut seen: HashMap<String, usize> = HashMap::new();
        for n in &model.notes {
            *seen.entry(n.id.clone()).or_default() += 1;
        }
        for (file, raw) in &content.notes {
            if seen.get(&raw.id).copied().unwrap_or(0) > 1 {
                self.file_error(
                    *file,
                    format!("có nhiều ghi chú cùng tên `{}.md`", raw.id),
                    Some("tên tệp ghi chú phải khác nhau, kể cả ở các thư mục con".into()),
                );
            }
        }
        model
            .notes
            .sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id)));
    }

    // ------------------------------------------------------------ scalars

    fn date(&mut self, file: FileId, at: &[Seg], value: &Scalar) -> Option<NaiveDate> {
        let text = value.as_text();
        match parse_date(&text) {
            Some(d) => Some(d),
            None => {
                self.error(
                    file,
                    at,
                    format!("ngày `{text}` không hợp lệ"),
                    Some(
                        "viết ngày dạng năm-tháng-ngày, ví dụ 2023-11-20 (hoặc 20/11/2023)".into(),
                    ),
                );
                None
            }
        }
    }

    fn points(&mut self, file: FileId, at: &[Seg], value: &Scalar) -> Option<Points> {
        let parsed = match value {
            Scalar::Int(i) => i.checked_mul(Points::SCALE).map(Points),
            Scalar::Float(f) => Points::from_f64(*f),
            Scalar::Text(t) => Points::parse(t),
            Scalar::Bool(_) => None,
        };
        match parsed {
            Some(p) if p.0 >= 0 => Some(p),
            Some(p) => {
                self.error(
                    file,
                    at,
                    format!("điểm `{p}` không được âm"),
                    Some(
                        "điểm từ 0 đến điểm tối đa của tiêu chí; điểm trừ ghi vào explanation"
                            .into(),
                    ),
                );
                None
            }
            None if too_many_decimals(value) => {
                self.error(
                    file,
                    at,
                    format!("điểm `{}` có quá ba chữ số sau dấu phẩy", value.as_text()),
                    Some("làm tròn đến ba chữ số thập phân, ví dụ 1.235".into()),
                );
                None
            }
            None => {
                let mut text = value.as_text();
                if text.chars().count() > 24 {
                    text = text.chars().take(24).collect::<String>() + "…";
                }
                self.error(
                    file,
                    at,
                    format!("`{text}` không phải một số điểm"),
                    Some(
                        "viết số thập phân, tối đa ba chữ số sau dấu phẩy: 1.4 hoặc \"1,4\"".into(),
                    ),
                );
                None
            }
        }
    }
}

/// The unit kinds `site.yaml` names.
fn site_unit_kinds(raw: &raw::RawSite) -> BTreeMap<String, Text> {
    let text = |t: &raw::RawText| {
        let (vi, en) = t.parts();
        Text::new(vi, en)
    };
    raw.unit_kinds
        .iter()
        .map(|(kind, t)| (kind.clone(), text(t)))
        .collect()
}

/// A kind of unit: lower-case ASCII letters, digits, `_` and `-`.
fn is_valid_kind(kind: &str) -> bool {
    !kind.is_empty()
        && kind
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
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

/// `2023-11-20`, or `20/11/2023` as officers write it.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .ok()
        .filter(|_| t.len() == 10)
        .or_else(|| {
            let parts: Vec<&str> = t.split('/').collect();
            if parts.len() != 3 || parts[2].len() != 4 {
                return None;
            }
            let d = parts[0].parse().ok()?;
            let m = parts[1].parse().ok()?;
            let y = parts[2].parse().ok()?;
            NaiveDate::from_ymd_opt(y, m, d)
        })
}

/// A decimal that would parse but for its fourth or later decimal.
fn too_many_decimals(value: &Scalar) -> bool {
    let text = match value {
        Scalar::Float(f) => format!("{f}"),
        Scalar::Text(t) => t.trim().replace(',', "."),
        _ => return false,
    };
    match text.split_once('.') {
        Some((w, f)) => {
            f.len() > 3
                && w.trim_start_matches('-')
                    .bytes()
                    .all(|b| b.is_ascii_digit())
                && f.bytes().all(|b| b.is_ascii_digit())
        }
        None => false,
    }
}

fn is_utc_offset(tz: &str) -> bool {
    let b = tz.as_bytes();
    b.len() == 6
        && (b[0] == b'+' || b[0] == b'-')
        && b[1].is_ascii_digit()
        && b[2].is_ascii_digit()
        && b[3] == b':'
        && b[4].is_ascii_digit()
        && b[5].is_ascii_digit()
}

/// `/cchc/` from `https://example.gov.vn/cchc/`; `/` for a bare host.
fn base_path_of(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let (host, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    if host.is_empty() || path.contains(['?', '#', '"', '<', '>', ' ', '\'']) {
        return None;
    }
    Some(path.to_string())
}

fn file_stem(rel: &str) -> String {
    std::path::Path::new(rel)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_string()
}

/// "có phải `tan-loi`?" for the nearest known id.
fn suggest<'k>(wrong: &str, known: impl Iterator<Item = &'k String>) -> Option<String> {
    nearest(wrong, known).map(|k| format!("có phải ý bạn là `{k}`?"))
}

/// The known id or code nearest to `wrong`, when near enough.
fn nearest<'k>(wrong: &str, known: impl Iterator<Item = &'k String>) -> Option<&'k String> {
    let wrong_slug = slugify(wrong);
    let mut best: Option<(f64, &String)> = None;
    for k in known {
        let score = strsim::jaro_winkler(&wrong_slug, k).max(strsim::jaro_winkler(wrong, k));
        if score > 0.8 && best.is_none_or(|(s, b)| score > s || (score == s && k < b)) {
            best = Some((score, k));
        }
    }
    best.map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_both_forms() {
        let d = NaiveDate::from_ymd_opt(2023, 11, 20).unwrap();
        assert_eq!(parse_date("2023-11-20"), Some(d));
        assert_eq!(parse_date("20/11/2023"), Some(d));
        assert_eq!(parse_date("2023-13-01"), None);
        assert_eq!(parse_date("31/02/2023"), None);
        assert_eq!(parse_date("2023-1-2"), None);
    }

    #[test]
    fn base_paths() {
        assert_eq!(
            base_path_of("https://example.gov.vn/cchc/").as_deref(),
            Some("/cchc/")
        );
        assert_eq!(
            base_path_of("https://example.gov.vn/").as_deref(),
            Some("/")
        );
        assert_eq!(base_path_of("example.gov.vn"), None);
    }

    #[test]
    fn suggestions() {
        let known = ["tan-loi".to_string(), "an-phu".to_string()];
        assert_eq!(
            suggest("tan-lio", known.iter()).as_deref(),
            Some("có phải ý bạn là `tan-loi`?")
        );
        assert_eq!(
            suggest("Tân Lợi", known.iter()).as_deref(),
            Some("có phải ý bạn là `tan-loi`?")
        );
        assert_eq!(suggest("zzz", known.iter()), None);
    }
}
