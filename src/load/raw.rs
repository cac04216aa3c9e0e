//! The content files as written: faithful to the YAML, nothing resolved yet.

use serde::Deserialize;

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
    /// Names of the kinds of unit the theme does not know, or names that
    /// replace the theme's: `region: {vi: "Vùng", en: "Regions"}` or a plain
    /// string, used in every language.
    #[serde(default)]
    pub unit_kinds: std::collections::BTreeMap<String, RawText>,
}

/// Text a reader sees, in one language for all (`"Vùng"`) or per language
/// (`{vi: "Vùng", en: "Regions"}`).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum RawText {
    Plain(String),
    ByLanguage {
        vi: String,
        #[serde(default)]
        en: Option<String>,
    },
}

impl RawText {
    /// The Vietnamese text and, when given, the English one.
    pub fn parts(&self) -> (&str, Option<&str>) {
        match self {
            RawText::Plain(s) => (s, None),
            RawText::ByLanguage { vi, en } => (vi, en.as_deref()),
        }
    }
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
    /// Criterion code → points, or the long form ([`RawScore`]), in file
    /// order. Codes are often written unquoted (`8.2: 0`): numbers are
    /// taken as their text.
    pub points: RawPoints,
}

/// The `points` mapping of a unit in a snapshot, read without building a
/// generic YAML tree: a national snapshot has half a million of them.
#[derive(Debug, Default)]
pub struct RawPoints(pub Vec<(String, RawScoreValue)>);

/// One value of `points`: a number (or text such as `"1,4"`), or the long form.
#[derive(Debug)]
pub enum RawScoreValue {
    Short(Scalar),
    Long(Box<RawScore>),
    /// Anything else (a list, null): refused by validation.
    Other,
}

impl<'de> Deserialize<'de> for RawPoints {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Points;
        impl<'de> serde::de::Visitor<'de> for Points {
            type Value = RawPoints;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a mapping of criterion codes to points")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<RawPoints, A::Error> {
                let mut out = Vec::with_capacity(map.size_hint().unwrap_or(0));
                while let Some(Code(code)) = map.next_key()? {
                    out.push((code, map.next_value()?));
                }
                Ok(RawPoints(out))
            }
        }
        d.deserialize_map(Points)
    }
}

/// A mapping key read as text, whether written `"7.2.5"`, `8.2` or `1`.
struct Code(String);

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Key;
        impl serde::de::Visitor<'_> for Key {
            type Value = Code;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a criterion code such as \"7.2.5\"")
            }
            fn visit_str<E>(self, v: &str) -> Result<Code, E> {
                Ok(Code(v.to_string()))
            }
            fn visit_string<E>(self, v: String) -> Result<Code, E> {
                Ok(Code(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Code, E> {
                Ok(Code(v.to_string()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Code, E> {
                Ok(Code(v.to_string()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Code, E> {
                Ok(Code(v.to_string()))
            }
        }
        d.deserialize_any(Key)
    }
}

impl<'de> Deserialize<'de> for RawScoreValue {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Value;
        impl<'de> serde::de::Visitor<'de> for Value {
            type Value = RawScoreValue;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("points (1.4) or the long form")
            }
            fn visit_i64<E>(self, v: i64) -> Result<RawScoreValue, E> {
                Ok(RawScoreValue::Short(Scalar::Int(v)))
            }
            fn visit_u64<E>(self, v: u64) -> Result<RawScoreValue, E> {
                Ok(RawScoreValue::Short(match i64::try_from(v) {
                    Ok(i) => Scalar::Int(i),
                    Err(_) => Scalar::Text(v.to_string()),
                }))
            }
            fn visit_f64<E>(self, v: f64) -> Result<RawScoreValue, E> {
                Ok(RawScoreValue::Short(Scalar::Float(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<RawScoreValue, E> {
                Ok(RawScoreValue::Short(Scalar::Text(v.to_string())))
            }
            fn visit_bool<E>(self, v: bool) -> Result<RawScoreValue, E> {
                Ok(RawScoreValue::Short(Scalar::Bool(v)))
            }
            fn visit_unit<E>(self) -> Result<RawScoreValue, E> {
                Ok(RawScoreValue::Other)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<RawScoreValue, A::Error> {
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(RawScoreValue::Other)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<RawScoreValue, A::Error> {
                let long =
                    RawScore::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(RawScoreValue::Long(Box::new(long)))
            }
        }
        d.deserialize_any(Value)
    }
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
