//! The content files as written: faithful to the YAML, nothing resolved yet.

mod points;

use schemars::JsonSchema;
use serde::Deserialize;

pub use super::text::RawText;
pub use points::{RawPoints, RawScoreValue};

mod units;
pub use units::{RawGroup, RawGroupSpec, RawUnit, RawUnits};

use super::shapes::{
    CodeText, DateText, Language, Method, NoteAudience, PointsValue, Stage, TaskStatus, UtcOffset,
    When,
};

/// A scalar that may be written as a number or as text (`1.4`, `"1,4"`,
/// `2023-11-20`, `8.2`); validation decides what it means.
// Read by a visitor of its own, not as an untagged enum: that tried each
// kind in turn and formatted an error for each miss (two for every date,
// a few hundred thousand at national scale), and for a list or a mapping
// its error named neither the field nor its line. The schema is still the
// untagged enum's (a number, a text or a yes/no).
#[derive(Debug, Clone, PartialEq, JsonSchema)]
#[serde(untagged)]
pub enum Scalar {
    Int(i64),
    Float(f64),
    Text(String),
    Bool(bool),
}

/// What a [`Scalar`] that is not one says it expected: the errors of a
/// list or a mapping written in its place end with it.
pub const SCALAR_EXPECTED: &str = "a number, a date or a text";

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Kind;
        impl serde::de::Visitor<'_> for Kind {
            type Value = Scalar;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(SCALAR_EXPECTED)
            }
            fn visit_i64<E>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar::Int(v))
            }
            // Beyond i64, a number is read as a float, as the untagged
            // enum did; beyond u64 it is refused, as it was.
            fn visit_u64<E>(self, v: u64) -> Result<Scalar, E> {
                Ok(i64::try_from(v).map_or(Scalar::Float(v as f64), Scalar::Int))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar::Float(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar::Text(v.to_string()))
            }
            fn visit_string<E>(self, v: String) -> Result<Scalar, E> {
                Ok(Scalar::Text(v))
            }
            fn visit_bool<E>(self, v: bool) -> Result<Scalar, E> {
                Ok(Scalar::Bool(v))
            }
        }
        d.deserialize_any(Kind)
    }
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

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
/// Tệp `site.yaml`: thông tin chung của trang.
///
/// The `site.yaml` file: what the site is and where it lives.
pub struct RawSite {
    /// Tiêu đề trang, hiện trên mọi trang.
    ///
    /// Site title, shown on every page; `{vi: "…", en: "…"}` for both languages.
    pub title: RawText,
    /// Cơ quan công bố trang.
    ///
    /// Who publishes it.
    pub organization: RawText,
    /// Ngôn ngữ của trang: `vi` (mặc định); một trang hai ngôn ngữ ghi `languages`.
    ///
    /// Language of the site: `vi` (default); a site in two languages says `languages`.
    pub language: Option<String>,
    /// Các ngôn ngữ của trang, ngôn ngữ đầu ở gốc, mỗi ngôn ngữ khác trong thư mục riêng (`en/`): `[vi, en]`; mặc định `[vi]`.
    ///
    /// The languages of the site, the first at the root and each other one under its own folder (`en/`): `[vi, en]`; default `[vi]`.
    #[schemars(with = "Option<Vec<Language>>")]
    pub languages: Option<Vec<String>>,
    /// Địa chỉ đặt trang, có thể có đường dẫn (`https://example.gov.vn/cchc/`); mọi liên kết theo địa chỉ này.
    ///
    /// Where the site is hosted; may have a path (`https://example.gov.vn/cchc/`), every link honours it.
    pub base_url: String,
    /// Ngày tính trạng thái nhiệm vụ ("số liệu tính đến ngày"); `tiendo build --as-of` thay được.
    ///
    /// The date task statuses are computed against; `tiendo build --as-of` overrides it.
    #[schemars(with = "DateText")]
    pub as_of: Scalar,
    /// Độ lệch múi giờ so với UTC, mặc định `+07:00`.
    ///
    /// UTC offset of the dates, default `+07:00`.
    #[schemars(with = "Option<UtcOffset>")]
    pub timezone: Option<String>,
    /// Một câu giới thiệu cho trang chủ và máy tìm kiếm.
    ///
    /// One sentence for the home page and search engines.
    pub description: Option<RawText>,
    /// Tên các loại đơn vị mà giao diện chưa biết, hoặc tên thay cho tên có
    /// sẵn: `region: {vi: "Vùng", en: "Regions"}` hoặc một chuỗi dùng cho
    /// mọi ngôn ngữ.
    ///
    /// Names of the kinds of unit the theme does not know, or names that
    /// replace the theme's: `region: {vi: "Vùng", en: "Regions"}` or a plain
    /// string, used in every language.
    #[serde(default)]
    pub unit_kinds: std::collections::BTreeMap<String, RawText>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
/// Tệp `frameworks/<id>.yaml`: một bộ chỉ số; mã là tên tệp nếu không ghi `id`.
///
/// A scorecard; its id is the file name without `.yaml` unless `id` is given.
pub struct RawFramework {
    /// Mã bộ chỉ số; mặc định là tên tệp.
    ///
    /// Id of the scorecard; the file name by default.
    pub id: Option<String>,
    /// Tên bộ chỉ số.
    ///
    /// Title of the scorecard.
    pub title: RawText,
    /// Văn bản ban hành bộ chỉ số.
    ///
    /// The document that sets the scorecard.
    pub scheme: Option<String>,
    /// Năm đánh giá.
    ///
    /// Year of assessment.
    pub year: Option<i32>,
    /// Các mức xếp loại theo phần trăm điểm tối đa, cao nhất trước.
    ///
    /// Bands by percentage of max, highest first.
    #[serde(default)]
    pub bands: Vec<RawBand>,
    /// Các tiêu chí; tiêu chí cấp trên cùng là các lĩnh vực.
    ///
    /// The criteria; the top-level criteria are the fields.
    pub criteria: Vec<RawCriterion>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
/// Một mức xếp loại (Tốt, Khá…).
///
/// One band (good, fair…).
pub struct RawBand {
    /// Tên mức xếp loại.
    ///
    /// Name of the band.
    pub name: RawText,
    /// Phần trăm điểm tối đa thấp nhất của mức này.
    ///
    /// Lowest percentage of max for this band.
    #[schemars(with = "PointsValue")]
    pub min: Scalar,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
/// Một tiêu chí, có thể có tiêu chí con.
///
/// One criterion, possibly with sub-criteria.
pub struct RawCriterion {
    /// Mã tiêu chí, như `"7.2.5"`; nên viết trong ngoặc kép (`"1.10"`), số không có ngoặc được đọc như một số.
    ///
    /// `7.2.5`; write it in quotes (`"1.10"`), an unquoted number is read as a number.
    #[schemars(with = "CodeText")]
    pub code: Scalar,
    /// Tên tiêu chí như trong bộ chỉ số.
    ///
    /// Title as in the scheme; `{vi: "…", en: "…"}` for both languages.
    pub title: RawText,
    /// Điểm tối đa; bắt buộc ở tiêu chí không có tiêu chí con; của tiêu chí cha mặc định là tổng các tiêu chí con.
    ///
    /// Maximum points; required on leaves; a parent's max is the sum of its children unless given.
    #[schemars(with = "Option<PointsValue>")]
    pub max: Option<Scalar>,
    /// Phương pháp chấm: `self` (tự đánh giá, mặc định), `survey` (điều tra xã hội học) hoặc `both`.
    ///
    /// `self` (self-assessed, default), `survey` or `both`.
    #[schemars(with = "Option<Method>")]
    pub method: Option<String>,
    /// Nguồn của tên hoặc điểm tối đa khi văn bản gốc không nêu.
    ///
    /// Where a title or max comes from when the source letter does not say.
    pub note: Option<String>,
    /// Căn cứ pháp lý: các văn bản quy định tiêu chí, như `"Nghị định số 61/2018/NĐ-CP"`; hiện trên trang tiêu chí.
    ///
    /// Legal basis: the documents that set the criterion, shown on its page.
    #[serde(default)]
    pub legal_basis: Vec<String>,
    /// Các tiêu chí con.
    ///
    /// Sub-criteria.
    #[serde(default)]
    pub children: Vec<RawCriterion>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
/// Tệp `assignments/*.yaml`: đơn vị nào phụ trách tiêu chí nào của một đơn vị được chấm điểm.
///
/// Who owns a criterion for a scored unit.
pub struct RawAssignments {
    /// Văn bản phân công.
    ///
    /// The document that makes the assignments.
    pub source: Option<String>,
    /// Mã đơn vị được chấm điểm.
    ///
    /// The unit whose score this is.
    pub unit: String,
    /// Các phân công.
    ///
    /// The assignments.
    pub assignments: Vec<RawAssignment>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
/// Một phân công.
///
/// One assignment.
pub struct RawAssignment {
    /// Tiêu chí, dạng `bộ-chỉ-số/mã` (`district/8.2`).
    ///
    /// The criterion, as `framework/code` (`district/8.2`).
    pub criterion: String,
    /// Mã đơn vị chủ trì.
    ///
    /// The unit that owns it.
    pub owner: String,
    /// Mã các đơn vị phối hợp.
    ///
    /// Units that take part.
    #[serde(default)]
    pub partners: Vec<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
/// Tệp `scores/*.yaml`: một đợt điểm, điểm tại một ngày.
///
/// A snapshot: the scores as they stood on one date.
pub struct RawSnapshot {
    /// Ngày của đợt điểm.
    ///
    /// Date of the snapshot.
    #[schemars(with = "DateText")]
    pub date: Scalar,
    /// Giai đoạn: tự đánh giá, rà soát, thẩm định hoặc công bố (hoặc `self`, `review`, `appraisal`, `published`).
    ///
    /// Stage: self-assessment, review, appraisal or published.
    #[schemars(with = "Stage")]
    pub stage: String,
    /// Tên đợt điểm.
    ///
    /// Title of the snapshot.
    pub title: Option<RawText>,
    /// Văn bản nguồn của điểm.
    ///
    /// The document the scores come from.
    pub source: Option<String>,
    /// Điểm của từng đơn vị.
    ///
    /// The scores of each unit.
    #[serde(default)]
    pub scores: Vec<RawUnitScores>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
/// Điểm của một đơn vị trong đợt điểm.
///
/// The scores of one unit in a snapshot.
pub struct RawUnitScores {
    /// Mã đơn vị.
    ///
    /// The unit.
    pub unit: String,
    /// Bộ chỉ số; mặc định là bộ chỉ số của đơn vị.
    ///
    /// The framework; the unit's own by default.
    pub framework: Option<String>,
    // Criterion code → points, or the long form ([`RawScore`]), in file
    // order. Codes are often written unquoted (`8.2: 0`): numbers are taken
    // as their text.
    /// Mã tiêu chí → điểm (dạng ngắn `"8.2": 0`) hoặc dạng dài (points, self, appraised, survey, evidence, explanation).
    ///
    /// Criterion code → points (short form `"8.2": 0`) or the long form.
    pub points: RawPoints,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
/// Dạng dài của một điểm; bỏ `points` thì tính điểm thẩm định, nếu không có thì điểm tự đánh giá.
///
/// The long form of one score; without `points` the appraised points count, else the self-assessed ones.
pub struct RawScore {
    /// Điểm của đợt này.
    ///
    /// The points of this snapshot.
    #[schemars(with = "Option<PointsValue>")]
    pub points: Option<Scalar>,
    /// Điểm tự đánh giá, nếu biết.
    ///
    /// Self-assessed points, where known.
    #[serde(rename = "self")]
    #[schemars(with = "Option<PointsValue>")]
    pub self_assessed: Option<Scalar>,
    /// Điểm thẩm định, nếu biết.
    ///
    /// Appraised points, where known.
    #[schemars(with = "Option<PointsValue>")]
    pub appraised: Option<Scalar>,
    /// Điểm điều tra xã hội học, nếu biết.
    ///
    /// Survey points, where known.
    #[schemars(with = "Option<PointsValue>")]
    pub survey: Option<Scalar>,
    /// Tài liệu kiểm chứng.
    ///
    /// Evidence.
    #[serde(default)]
    pub evidence: Vec<String>,
    /// Giải thích điểm.
    ///
    /// Why the points are what they are.
    pub explanation: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
/// Tệp `tasks/*.yaml`: một văn bản chỉ đạo (công văn, kế hoạch) và các nhiệm vụ của nó.
///
/// A directive (letter, plan) and the tasks it gives.
pub struct RawDirective {
    /// Mã văn bản; mặc định là tên tệp.
    ///
    /// Id of the directive; the file name by default.
    pub id: Option<String>,
    /// Tên văn bản chỉ đạo.
    ///
    /// The directive as cited.
    pub source: String,
    /// Ngày ban hành.
    ///
    /// Date issued.
    #[schemars(with = "Option<DateText>")]
    pub issued: Option<Scalar>,
    /// Mã đơn vị ban hành.
    ///
    /// The unit that issued it.
    pub issuer: Option<String>,
    /// Căn cứ pháp lý.
    ///
    /// Legal basis.
    #[serde(default)]
    pub legal_basis: Vec<String>,
    /// Các nhiệm vụ.
    ///
    /// The tasks.
    pub tasks: Vec<RawTask>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
/// Một nhiệm vụ; cần `lead` hoặc `units`.
///
/// One task; needs `lead` or `units`.
pub struct RawTask {
    /// Mã nhiệm vụ, duy nhất trong mọi tệp nhiệm vụ; bỏ trống thì tạo từ `title`. Nhiệm vụ giao cho nhiều đơn vị có mã `<id>-<đơn vị>`.
    ///
    /// Slug, unique over all task files; made from `title` when left out. A fanned-out task gets `<id>-<unit>`.
    pub id: Option<String>,
    /// Việc phải làm.
    ///
    /// What is to be done; `{vi: "…", en: "…"}` for both languages.
    pub title: RawText,
    /// Nội dung đầy đủ theo văn bản (Markdown).
    ///
    /// The letter's fuller wording (Markdown).
    pub detail: Option<String>,
    /// Đơn vị chủ trì.
    ///
    /// The unit that leads.
    pub lead: Option<String>,
    /// Giao cùng nhiệm vụ cho từng đơn vị trong danh sách, mỗi đơn vị chủ trì phần của mình.
    ///
    /// Fan-out: the same task for each listed unit, each unit leading its own copy.
    #[serde(default)]
    pub units: Vec<String>,
    /// Các đơn vị phối hợp.
    ///
    /// Units that take part.
    #[serde(default)]
    pub partners: Vec<String>,
    /// Tiêu chí mà nhiệm vụ phục vụ, dạng `bộ-chỉ-số/mã`.
    ///
    /// `framework/code` the task serves.
    pub criterion: Option<String>,
    /// Thời hạn.
    ///
    /// Deadline.
    #[schemars(with = "Option<DateText>")]
    pub due: Option<Scalar>,
    /// Thời hạn ghi nguyên văn ("cuối tháng 11/2023").
    ///
    /// The original wording of the deadline.
    pub due_text: Option<String>,
    /// `open` (mặc định) hoặc `done`; quá hạn, sắp đến hạn được tính tự động.
    ///
    /// `open` (default) or `done`; overdue and due soon are computed.
    #[schemars(with = "Option<TaskStatus>")]
    pub status: Option<String>,
    /// Ngày hoàn thành; bắt buộc khi `status: done`.
    ///
    /// The date it was done; required with `status: done`.
    #[schemars(with = "Option<DateText>")]
    pub done_on: Option<Scalar>,
    /// Việc xử lý khi nhiệm vụ quá hạn.
    ///
    /// What happens when it is overdue.
    pub escalation: Option<RawEscalation>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
/// Việc xử lý khi quá hạn.
///
/// What happens when a task is overdue.
pub struct RawEscalation {
    /// Khi nào: hiện chỉ có `overdue`.
    ///
    /// When: only `overdue` for now.
    #[schemars(with = "Option<When>")]
    pub when: Option<String>,
    /// Việc sẽ làm.
    ///
    /// The action.
    pub action: String,
    /// Mã đơn vị thực hiện.
    ///
    /// The unit that acts.
    pub by: Option<String>,
    /// Mã đơn vị nhận báo cáo.
    ///
    /// The unit it goes to.
    pub to: Option<String>,
    /// Thời hạn xử lý.
    ///
    /// Deadline of the action.
    #[schemars(with = "Option<DateText>")]
    pub due: Option<Scalar>,
    /// Căn cứ.
    ///
    /// The document it rests on.
    pub basis: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
/// Phần đầu (front matter) của ghi chú `notes/**/*.md`.
///
/// The front matter of a note.
pub struct RawNoteMeta {
    /// Tiêu đề ghi chú.
    ///
    /// The note's title.
    pub title: String,
    /// Ngày của ghi chú.
    ///
    /// Its date.
    #[schemars(with = "DateText")]
    pub date: Scalar,
    /// Đơn vị mà ghi chú nói đến; ghi chú hiện ở trang đơn vị đó.
    ///
    /// The unit it is about: the note is listed on that unit's page.
    pub unit: Option<String>,
    /// Tiêu chí, dạng `bộ-chỉ-số/mã`; ghi chú hiện ở trang tiêu chí đó.
    ///
    /// `framework/code`: listed on that criterion's page.
    pub criterion: Option<String>,
    /// Mã nhiệm vụ (nhiệm vụ giao nhiều đơn vị: `<id>-<đơn vị>`).
    ///
    /// A task id (a fanned-out task: `<id>-<unit>`).
    pub task: Option<String>,
    /// `public` (công khai, mặc định) hoặc `committee` (chỉ Ban Chỉ đạo).
    ///
    /// `public` (default) or `committee`.
    #[schemars(with = "Option<NoteAudience>")]
    pub audience: Option<String>,
    /// Một câu hiện trong danh sách và nguồn tin Atom.
    ///
    /// One sentence shown in lists and in the Atom feed.
    pub summary: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `Scalar` was before it had a visitor of its own.
    #[derive(Debug, Deserialize)]
    #[serde(untagged)]
    enum Untagged {
        Int(i64),
        Float(f64),
        Text(String),
        Bool(bool),
    }

    impl From<Untagged> for Scalar {
        fn from(u: Untagged) -> Scalar {
            match u {
                Untagged::Int(i) => Scalar::Int(i),
                Untagged::Float(f) => Scalar::Float(f),
                Untagged::Text(t) => Scalar::Text(t),
                Untagged::Bool(b) => Scalar::Bool(b),
            }
        }
    }

    #[test]
    fn a_scalar_reads_as_the_untagged_enum_did() {
        let written = [
            "0",
            "7",
            "-3",
            "1.4",
            "\"1,4\"",
            "1,4",
            "2023-11-20",
            "\"2023-11-20\"",
            "20/11/2023",
            "8.2",
            "8.10",
            "1e3",
            "-0.0",
            ".inf",
            "-.inf",
            "0x1F",
            "0o17",
            "+5",
            "007",
            "9223372036854775807",
            "9223372036854775808",
            "18446744073709551615",
            "-9223372036854775808",
            "true",
            "false",
            "yes",
            "no",
            "~x",
            "'text'",
            "!!str 5",
            "!!float 1",
            "\"\"",
            "tháng 11/2023",
        ];
        for w in written {
            let old: Untagged = serde_yaml::from_str(w).unwrap();
            let new: Scalar = serde_yaml::from_str(w).unwrap();
            assert_eq!(new, Scalar::from(old), "{w}");
        }
        for w in [
            "99999999999999999999",
            "-99999999999999999999",
            "~",
            "[1]",
            "{a: 1}",
        ] {
            assert!(serde_yaml::from_str::<Untagged>(w).is_err(), "{w}");
            assert!(serde_yaml::from_str::<Scalar>(w).is_err(), "{w}");
        }
        // A NaN equals nothing, itself included.
        let nan: Scalar = serde_yaml::from_str(".nan").unwrap();
        assert!(matches!(nan, Scalar::Float(f) if f.is_nan()));
    }

    #[test]
    fn a_list_or_a_mapping_is_refused_where_it_is() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Task {
            due: Option<Scalar>,
        }
        for (w, kind) in [
            ("due: [2023-11-20, 2023-11-21]", "sequence"),
            ("due: {day: 20}", "map"),
        ] {
            let e = serde_yaml::from_str::<Task>(w).unwrap_err();
            let text = e.to_string();
            assert!(text.starts_with("due: invalid type: "), "{text}");
            assert!(text.contains(kind), "{text}");
            assert_eq!(e.location().map(|l| (l.line(), l.column())), Some((1, 6)));
        }
        let none: Task = serde_yaml::from_str("due:").unwrap();
        assert_eq!(none.due, None);
    }
}
