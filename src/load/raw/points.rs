//! The `points` of a unit in a score file, read straight into codes and
//! values: a national snapshot has half a million of them, and a generic
//! YAML tree of each would cost more than the rest of the file.

use compact_str::{CompactString, format_compact};
use serde::Deserialize;

use super::{RawScore, Scalar};

/// The `points` mapping of a unit in a snapshot, read without building a
/// generic YAML tree: a national snapshot has half a million of them.
#[derive(Debug, Default)]
pub struct RawPoints(pub Vec<(CompactString, RawScoreValue)>);

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

/// A mapping key read as text, whether written `"7.2.5"`, `8.2` or `1`;
/// held inline (a code is a few bytes), not in an allocation of its own.
struct Code(CompactString);

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Key;
        impl serde::de::Visitor<'_> for Key {
            type Value = Code;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a criterion code such as \"7.2.5\"")
            }
            fn visit_str<E>(self, v: &str) -> Result<Code, E> {
                Ok(Code(CompactString::new(v)))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Code, E> {
                Ok(Code(format_compact!("{v}")))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Code, E> {
                Ok(Code(format_compact!("{v}")))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Code, E> {
                Ok(Code(format_compact!("{v}")))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_read_as_their_text_however_written() {
        let points: RawPoints =
            serde_yaml::from_str(r#"{ 1.1: 1, "1.2": "0,5", 3: 0, "7.2.5": 1.5, 8.10: 2 }"#)
                .unwrap();
        let codes: Vec<&str> = points.0.iter().map(|(c, _)| c.as_str()).collect();
        assert_eq!(codes, ["1.1", "1.2", "3", "7.2.5", "8.1"]);
    }
}
