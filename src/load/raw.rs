//! The content files as written: faithful to the YAML, nothing resolved yet.

use serde::Deserialize;
use serde_yaml::Value;

/// A scalar that may be written as a number or as text (`1.4`, `"1,4"`,
/// `2023-11-20`, `8.2`); validation decides what it means.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum Scalar {
    Int(i64),
    Float(f64),
    Text(String),
    Bool(bool),
}

impl Scalar {
    /// The scalar as the user wrote it, as near as YAML lets us know.
    pub fn as_text(&self) -> String {
        match self {
            Scalar::Int(i) => i.to_string(),
            Scalar::Float(f) => f.to_string(),
            Scalar::Text(s) => s.clone(),
            Scalar::Bool(b) => b.to_string(),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSite {
    pub title: String,
    pub organization: String,
    pub language: Option<String>,
    pub base_url: String,
    pub as_of: Scalar,
    pub timezone: Option<String>,
    pub description: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawUnits {
    pub units: Vec<RawUnit>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawUnit {
    pub id: Option<String>,
    pub name: String,
    pub short_name: Option<String>,
    pub kind: String,
    pub framework: Option<String>,
    pub parent: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFramework {
    pub id: Option<String>,
    pub title: String,
    pub scheme: Option<String>,
    pub year: Option<i32>,
    #[serde(default)]
    pub bands: Vec<RawBand>,
    pub criteria: Vec<RawCriterion>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBand {
    pub name: String,
    pub min: Scalar,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCriterion {
    pub code: Scalar,
    pub title: String,
    pub max: Option<Scalar>,
    pub method: Option<String>,
    pub note: Option<String>,
    #[serde(default)]
    pub children: Vec<RawCriterion>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAssignments {
    pub source: Option<String>,
    pub unit: String,
    pub assignments: Vec<RawAssignment>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAssignment {
    pub criterion: String,
    pub owner: String,
    #[serde(default)]
    pub partners: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSnapshot {
    pub date: Scalar,
    pub stage: String,
    pub title: Option<String>,
    pub source: Option<String>,
    #[serde(default)]
    pub scores: Vec<RawUnitScores>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawUnitScores {
    pub unit: String,
    pub framework: Option<String>,
    /// Criterion code → points, or the long form ([`RawScore`]). Kept as a
    /// YAML mapping because codes are often written unquoted (`8.2: 0`).
    pub points: serde_yaml::Mapping,
}

/// The long form of one score.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScore {
    pub points: Option<Scalar>,
    #[serde(rename = "self")]
    pub self_assessed: Option<Scalar>,
    pub appraised: Option<Scalar>,
    pub survey: Option<Scalar>,
    #[serde(default)]
    pub evidence: Vec<String>,
    pub explanation: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDirective {
    pub id: Option<String>,
    pub source: String,
    pub issued: Option<Scalar>,
    pub issuer: Option<String>,
    #[serde(default)]
    pub legal_basis: Vec<String>,
    pub tasks: Vec<RawTask>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTask {
    pub id: Option<String>,
    pub title: String,
    pub detail: Option<String>,
    pub lead: Option<String>,
    #[serde(default)]
    pub units: Vec<String>,
    #[serde(default)]
    pub partners: Vec<String>,
    pub criterion: Option<String>,
    pub due: Option<Scalar>,
    pub due_text: Option<String>,
    pub status: Option<String>,
    pub done_on: Option<Scalar>,
    pub escalation: Option<RawEscalation>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEscalation {
    pub when: Option<String>,
    pub action: String,
    pub by: Option<String>,
    pub to: Option<String>,
    pub due: Option<Scalar>,
    pub basis: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawNoteMeta {
    pub title: String,
    pub date: Scalar,
    pub unit: Option<String>,
    pub criterion: Option<String>,
    pub task: Option<String>,
    pub audience: Option<String>,
    pub summary: Option<String>,
}

/// Converts a YAML mapping key (`8.2`, `"8.2"`, `1`) to the text of a code.
pub fn key_text(key: &Value) -> Option<String> {
    match key {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}
