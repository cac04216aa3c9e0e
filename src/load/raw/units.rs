//! `units.yaml` as written: the units and the groups of units that tasks
//! may name where they name units.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;

use super::RawText;

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
/// Tệp `units.yaml`: mọi đơn vị.
///
/// The `units.yaml` file: every unit.
pub struct RawUnits {
    /// Danh sách đơn vị.
    ///
    /// The units.
    pub units: Vec<RawUnit>,
    /// Các nhóm đơn vị mà văn bản gọi chung ("UBND các xã, thị trấn"), theo mã nhóm: mỗi nhóm là một danh sách mã đơn vị, hoặc `{name, kinds, parent, units}`. Nhiệm vụ ghi được mã nhóm ở `lead`, `units` và `partners`.
    ///
    /// Groups of units that documents name together ("UBND các xã, thị trấn"), by group id: each a list of unit ids, or `{name, kinds, parent, units}`. Tasks may name a group in `lead`, `units` and `partners`.
    #[serde(default)]
    pub groups: BTreeMap<String, RawGroup>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
/// Một đơn vị (huyện, phòng, xã…).
///
/// One unit (district, agency, commune…).
pub struct RawUnit {
    /// Mã đơn vị (chữ thường không dấu, số, dấu gạch ngang); bỏ trống thì tạo từ `name`.
    ///
    /// Slug; made from `name` when left out.
    pub id: Option<String>,
    /// Tên đầy đủ như trong văn bản.
    ///
    /// Full name as written in documents; `{vi: "…", en: "…"}` for both languages.
    pub name: RawText,
    /// Tên ngắn cho bảng và biểu đồ (`Tân Lợi`).
    ///
    /// Shorter name for tables and charts (`Tân Lợi`).
    pub short_name: Option<RawText>,
    /// Loại đơn vị: `province`, `ministry`, `department`, `commune`, `ward`, `special_zone` (đặc khu), `district`, `agency` (cơ quan chuyên môn), `service_unit` (đơn vị sự nghiệp), `town` (thị trấn), `external` (cơ quan ngoài đơn vị); loại khác cần tên trong `unit_kinds` của site.yaml.
    ///
    /// A slug; known kinds are shown in Vietnamese: `province`, `ministry`, `department`, `commune`, `ward`, `special_zone`, `district`, `agency`, `service_unit`, `town`, `external`; another kind needs a name in site.yaml's `unit_kinds`.
    pub kind: String,
    /// Mã bộ chỉ số dùng để chấm điểm đơn vị.
    ///
    /// Id of the scorecard the unit is scored on.
    pub framework: Option<String>,
    /// Mã đơn vị cấp trên.
    ///
    /// Id of the unit above it.
    pub parent: Option<String>,
}

/// Một nhóm đơn vị: danh sách mã đơn vị, hoặc cách chọn đơn vị.
///
/// A group of units: a list of unit ids, or how its units are chosen.
#[derive(Debug, Clone, JsonSchema)]
#[serde(untagged)]
pub enum RawGroup {
    /// Các mã đơn vị của nhóm.
    ///
    /// The ids of the group's units.
    Ids(Vec<String>),
    /// Tên nhóm và cách chọn đơn vị.
    ///
    /// The group's name and how its units are chosen.
    Spec(RawGroupSpec),
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
/// Một nhóm đơn vị: các đơn vị thuộc `kinds` có cấp trên trực tiếp là `parent`, cộng các đơn vị ghi trong `units`.
///
/// A group: the units of `kinds` whose direct parent is `parent`, and the units listed in `units`.
pub struct RawGroupSpec {
    /// Tên nhóm như văn bản viết (`UBND các xã, thị trấn`); `tiendo import tasks` nhận ra tên này.
    ///
    /// The group's name as documents write it; `tiendo import tasks` recognises it.
    pub name: Option<RawText>,
    /// Các loại đơn vị của nhóm (`[commune, town]`).
    ///
    /// The kinds of unit in the group.
    #[serde(default)]
    pub kinds: Vec<String>,
    /// Mã đơn vị cấp trên trực tiếp của các đơn vị trong nhóm.
    ///
    /// Id of the direct parent of the group's units.
    pub parent: Option<String>,
    /// Các mã đơn vị thêm vào nhóm.
    ///
    /// Ids of units in the group besides those chosen by kind and parent.
    #[serde(default)]
    pub units: Vec<String>,
}

impl RawGroup {
    /// The group as a definition: a plain list is a definition by `units`.
    pub fn spec(&self) -> RawGroupSpec {
        match self {
            RawGroup::Ids(ids) => RawGroupSpec {
                units: ids.clone(),
                ..RawGroupSpec::default()
            },
            RawGroup::Spec(spec) => spec.clone(),
        }
    }
}

/// Read by hand rather than untagged, so that a wrong field (`kind:`) is
/// named in the error rather than "no variant matched".
impl<'de> Deserialize<'de> for RawGroup {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<RawGroup, D::Error> {
        struct Group;
        impl<'de> serde::de::Visitor<'de> for Group {
            type Value = RawGroup;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("một danh sách mã đơn vị, hoặc {name, kinds, parent, units}")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<RawGroup, A::Error> {
                let ids = Vec::deserialize(serde::de::value::SeqAccessDeserializer::new(seq))?;
                Ok(RawGroup::Ids(ids))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<RawGroup, A::Error> {
                let spec =
                    RawGroupSpec::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(RawGroup::Spec(spec))
            }
        }
        d.deserialize_any(Group)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_group_is_a_list_or_a_definition() {
        let raw: RawUnits = serde_yaml::from_str(
            "units: []\ngroups:\n  a: [x, y]\n  b: {name: \"UBND các xã\", kinds: [commune], parent: h}\n",
        )
        .unwrap();
        assert_eq!(raw.groups["a"].spec().units, ["x", "y"]);
        let b = raw.groups["b"].spec();
        assert_eq!(b.kinds, ["commune"]);
        assert_eq!(b.parent.as_deref(), Some("h"));
        let err = serde_yaml::from_str::<RawUnits>("units: []\ngroups:\n  a: {kind: [x]}\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("unknown field `kind`"), "{err}");
    }
}
