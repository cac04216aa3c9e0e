//! A corpus of score sheets laid out the way district offices lay them out
//! (title rows, merged unit names over `Tự chấm | Thẩm định`, roman-numeral
//! parts, formulas with their values, hidden columns, `0,75` as text, `-`
//! for not scored, a second table lower down), each written from a table
//! of known values with the real units, criteria and maxima of the example
//! content. `corpus()` gives the committed cases of `tests/fixtures/sheets/`
//! with what each must give; `LAYOUTS` write any values, for the property
//! test.
#![allow(dead_code)]

pub mod layouts;
pub mod refusals;
pub mod write;

use std::collections::BTreeMap;

use tiendo::model::Model;

pub use layouts::LAYOUTS;
pub use write::V;

/// What a unit was given for one criterion, in thousandths of a point.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Score {
    pub points: Option<i64>,
    pub self_assessed: Option<i64>,
    pub appraised: Option<i64>,
    pub explanation: Option<String>,
}

impl Score {
    pub fn is_empty(&self) -> bool {
        self.points.is_none()
            && self.self_assessed.is_none()
            && self.appraised.is_none()
            && self.explanation.is_none()
    }

    /// The points that count: points, else appraised, else self-assessed.
    pub fn counting(&self) -> Option<i64> {
        self.points.or(self.appraised).or(self.self_assessed)
    }
}

/// Known values: by unit (index in the model), by criterion (index in the
/// unit's framework), in order.
pub type Known = BTreeMap<usize, BTreeMap<usize, Score>>;

/// Which values a layout holds.
#[derive(Debug, Clone, Copy)]
pub struct Kinds {
    pub points: bool,
    pub self_assessed: bool,
    pub appraised: bool,
    pub explanation: bool,
}

/// How a case is saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Save {
    Xlsx,
    /// The .xlsx with every formula's value taken out.
    XlsxUncached,
    Ods,
    /// Comma-separated, decimal points.
    Csv,
    /// Semicolon-separated, decimal commas, as Vietnamese-locale Excel
    /// saves it.
    CsvVietnamese,
}

/// What importing a case must do.
#[derive(Debug, Clone)]
pub enum Expect {
    /// Import exactly the known values, with no error.
    Imports,
    /// Refuse, write nothing, and say each of these (lines of stderr).
    Refuses(Vec<String>),
}

/// One sheet of the corpus.
pub struct Case {
    /// The file name in tests/fixtures/sheets/.
    pub file: String,
    pub bytes: Vec<u8>,
    pub known: Known,
    pub expect: Expect,
    /// Arguments besides the date, stage and output.
    pub args: Vec<String>,
    /// Lines of stderr besides the expected ones (warnings that must be
    /// given).
    pub says: Vec<String>,
}

/// A tiny deterministic generator (xorshift), so that the corpus is the
/// same every time it is made.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// The units scored on `framework`, in the order of units.yaml.
pub fn units_on(model: &Model, framework: &str) -> Vec<usize> {
    let fw = model.framework_index[framework];
    (0..model.units.len())
        .filter(|&u| model.units[u].framework == Some(fw))
        .collect()
}

/// The leaves of a framework, in document order.
pub fn leaves(model: &Model, framework: usize) -> Vec<usize> {
    let fw = &model.frameworks[framework];
    (0..fw.criteria.len())
        .filter(|&c| fw.criteria[c].children.is_empty())
        .collect()
}

/// Known values for `units` on their frameworks' leaves: each value a
/// multiple of 0.01 up to the criterion's max, some not scored.
pub fn known_values(model: &Model, units: &[usize], kinds: Kinds, rng: &mut Rng) -> Known {
    let mut known = Known::new();
    for &u in units {
        let fw = model.units[u].framework.unwrap();
        let mut scores = BTreeMap::new();
        for c in leaves(model, fw) {
            let max = model.frameworks[fw].criteria[c].max.0;
            let value = |rng: &mut Rng| {
                (rng.below(7) != 0).then(|| rng.below(max as u64 / 10 + 1) as i64 * 10)
            };
            let score = Score {
                points: kinds.points.then(|| value(rng)).flatten(),
                self_assessed: kinds.self_assessed.then(|| value(rng)).flatten(),
                appraised: kinds.appraised.then(|| value(rng)).flatten(),
                explanation: (kinds.explanation && rng.below(5) == 0).then(|| {
                    "Chưa có văn bản kiểm chứng; \"bổ sung\" trước 20/11/2023".to_string()
                }),
            };
            scores.insert(c, score);
        }
        known.insert(u, scores);
    }
    known
}

/// Known values with nothing left unscored: every kind of every leaf.
pub fn full_values(model: &Model, units: &[usize], kinds: Kinds, rng: &mut Rng) -> Known {
    let mut known = known_values(model, units, kinds, rng);
    for (&u, scores) in known.iter_mut() {
        let fw = model.units[u].framework.unwrap();
        for (&c, s) in scores.iter_mut() {
            let max = model.frameworks[fw].criteria[c].max.0;
            let mut fill = |v: &mut Option<i64>, on: bool| {
                if on && v.is_none() {
                    *v = Some(rng.below(max as u64 / 10 + 1) as i64 * 10);
                }
            };
            fill(&mut s.points, kinds.points);
            fill(&mut s.self_assessed, kinds.self_assessed);
            fill(&mut s.appraised, kinds.appraised);
        }
    }
    known
}

/// `1.25` for 1250 thousandths.
pub fn decimal(p: i64) -> String {
    let whole = p / 1000;
    let frac = p % 1000;
    if frac == 0 {
        whole.to_string()
    } else {
        format!("{whole}.{}", format!("{frac:03}").trim_end_matches('0'))
    }
}

/// A value as an officer types it: a number, or (now and then) text with
/// a decimal comma; not scored is `-` or an empty cell.
pub fn value_cell(p: Option<i64>, rng: &mut Rng) -> Option<V> {
    match p {
        None => (rng.below(2) == 0).then(|| V::Text("-".into())),
        Some(p) if rng.below(4) == 0 => Some(V::Text(decimal(p).replace('.', ","))),
        Some(p) => Some(V::Num(p as f64 / 1000.0)),
    }
}

/// The known values as the snapshot YAML says them, for comparing:
/// (unit id, code) → score, without the cells left empty.
pub fn by_id(model: &Model, known: &Known) -> BTreeMap<(String, String), Score> {
    let mut out = BTreeMap::new();
    for (&u, scores) in known {
        let fw = &model.frameworks[model.units[u].framework.unwrap()];
        for (&c, score) in scores {
            let mut score = score.clone();
            if score.points.is_none() && score.self_assessed.is_none() && score.appraised.is_none()
            {
                score.explanation = None;
            }
            if !score.is_empty() {
                out.insert(
                    (model.units[u].id.clone(), fw.criteria[c].code.clone()),
                    score,
                );
            }
        }
    }
    out
}

/// The scores of a snapshot file written by `tiendo import scores`, read
/// back: (unit id, code) → score.
pub fn read_snapshot(yaml: &str) -> BTreeMap<(String, String), Score> {
    let doc: serde_yaml::Value = serde_yaml::from_str(yaml).unwrap();
    let thousandths = |v: &serde_yaml::Value| -> Option<i64> {
        let text = match v {
            serde_yaml::Value::Number(n) => n.to_string(),
            serde_yaml::Value::String(s) => s.clone(),
            _ => return None,
        };
        tiendo::model::Points::parse(&text).map(|p| p.0)
    };
    let mut out = BTreeMap::new();
    for unit in doc["scores"].as_sequence().cloned().unwrap_or_default() {
        let id = unit["unit"].as_str().unwrap().to_string();
        for (code, value) in unit["points"].as_mapping().unwrap() {
            let code = match code {
                serde_yaml::Value::String(s) => s.clone(),
                other => serde_yaml::to_string(other).unwrap().trim().to_string(),
            };
            let score = match value {
                serde_yaml::Value::Mapping(_) => Score {
                    points: value.get("points").and_then(thousandths),
                    self_assessed: value.get("self").and_then(thousandths),
                    appraised: value.get("appraised").and_then(thousandths),
                    explanation: value
                        .get("explanation")
                        .and_then(|e| e.as_str())
                        .map(String::from),
                },
                short => Score {
                    points: thousandths(short),
                    ..Score::default()
                },
            };
            out.insert((id.clone(), code), score);
        }
    }
    out
}

/// Every case of the corpus, made from the example content.
pub fn corpus(model: &Model) -> Vec<Case> {
    layouts::cases(model)
}
