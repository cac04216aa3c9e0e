//! What the JSON Schema says of values the raw structs read as a [`Scalar`]
//! or a free string and validation then interprets: dates, points, codes
//! and the fixed words. Each shape describes what validation accepts, so
//! that an editor flags what `tiendo check` would refuse and nothing more.
//!
//! [`Scalar`]: super::raw::Scalar

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

use super::raw::{RawPoints, RawScore};

/// A date: `2023-11-20`, or `20/11/2023` as copied from a letter.
pub struct DateText;

impl JsonSchema for DateText {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": r"^\s*([0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{1,2}/[0-9]{1,2}/[0-9]{4})\s*$",
            "description": "Ngày dạng 2023-11-20 hoặc 20/11/2023.\n\nA date: 2023-11-20, or 20/11/2023.",
            "examples": ["2023-11-20", "20/11/2023"]
        })
    }
}

/// Points: a number, or text with a dot or a comma (`"1,4"`), at most
/// three decimals.
pub struct PointsValue;

impl JsonSchema for PointsValue {
    fn schema_name() -> Cow<'static, str> {
        "Points".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "anyOf": [
                { "type": "number", "minimum": 0 },
                {
                    "type": "string",
                    "pattern": r"^\s*\+?([0-9]{1,12}([.,][0-9]{0,3})?|[.,][0-9]{1,3})\s*$"
                }
            ],
            "description": "Điểm: số thập phân, tối đa ba chữ số sau dấu phẩy: 1.4 hoặc \"1,4\".\n\nPoints: a decimal with at most three decimals, 1.4 or \"1,4\".",
            "examples": [1.4, "1,4"]
        })
    }
}

/// A criterion code, best quoted (`"7.2.5"`); an unquoted number is read as
/// its text.
pub struct CodeText;

impl JsonSchema for CodeText {
    fn schema_name() -> Cow<'static, str> {
        "CriterionCode".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "anyOf": [{ "type": "string" }, { "type": "number" }],
            "examples": ["7.2.5"]
        })
    }
}

/// A UTC offset such as `+07:00`.
pub struct UtcOffset;

impl JsonSchema for UtcOffset {
    fn schema_name() -> Cow<'static, str> {
        "UtcOffset".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": r"^[+-][0-9]{2}:[0-9]{2}$",
            "examples": ["+07:00"]
        })
    }
}

/// One of a fixed set of words, as validation reads them.
macro_rules! words {
    ($name:ident, $schema_name:literal, [$($word:literal),+]) => {
        pub struct $name;

        impl JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                $schema_name.into()
            }

            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!({ "type": "string", "enum": [$($word),+] })
            }
        }
    };
}

words!(Method, "Method", ["self", "survey", "both"]);
words!(
    Stage,
    "Stage",
    [
        "tự đánh giá",
        "rà soát",
        "thẩm định",
        "công bố",
        "self",
        "review",
        "appraisal",
        "published"
    ]
);
words!(TaskStatus, "TaskStatus", ["open", "done"]);
words!(When, "When", ["overdue"]);
words!(NoteAudience, "Audience", ["public", "committee"]);
words!(Language, "Language", ["vi", "en"]);

/// `points`: criterion code → points or the long form. The loader reads it
/// with its own visitor (codes may be unquoted numbers), so its shape is
/// written here by hand.
impl JsonSchema for RawPoints {
    fn schema_name() -> Cow<'static, str> {
        "Points_by_criterion".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let short = generator.subschema_for::<PointsValue>();
        let long = generator.subschema_for::<RawScore>();
        json_schema!({
            "type": "object",
            "additionalProperties": { "anyOf": [short, long] }
        })
    }
}
