//! A small site for the tests of compute: a province with a department
//! and a district of three communes (one not scored yet), one framework whose criteria go three levels deep, owners
//! at two levels, tasks at three, and two snapshots.

use crate::model::{CriterionRef, Model};

const SITE: &[(&str, &str)] = &[
    (
        "site.yaml",
        "title: Thử\norganization: UBND tỉnh Thử\nbase_url: https://example.gov.vn\nas_of: 2024-03-01\n",
    ),
    (
        "units.yaml",
        "units:
  - { id: tinh, name: Tỉnh Thử, kind: province }
  - { id: so-noi-vu, name: Sở Nội vụ, kind: department, parent: tinh }
  - { id: huyen, name: Huyện Thử, kind: district, parent: tinh }
  - { id: tan-loi, name: Xã Tân Lợi, kind: commune, framework: xa, parent: huyen }
  - { id: dong-no, name: Xã Đồng Nơ, kind: commune, framework: xa, parent: huyen }
  - { id: moi, name: Xã Mới, kind: commune, framework: xa, parent: huyen }
",
    ),
    (
        "frameworks/xa.yaml",
        "title: Bộ chỉ số xã
criteria:
  - code: 1
    title: Lĩnh vực một
    children:
      - code: \"1.1\"
        title: Tiêu chí một
        children:
          - { code: \"1.1.1\", title: Tiêu chí con, max: 2 }
      - { code: \"1.2\", title: Tiêu chí hai, max: 1 }
  - code: 2
    title: Lĩnh vực hai
    children:
      - { code: \"2.1\", title: Tiêu chí ba, max: 3 }
",
    ),
    (
        "assignments/phan-cong.yaml",
        "unit: tan-loi
assignments:
  - { criterion: xa/1, owner: so-noi-vu }
  - { criterion: xa/1.1.1, owner: tan-loi, partners: [dong-no] }
  - { criterion: xa/2.1, owner: so-noi-vu }
",
    ),
    (
        "tasks/ke-hoach.yaml",
        "source: Kế hoạch thử
tasks:
  - { id: a, title: Việc con, lead: tan-loi, criterion: xa/1.1.1, due: 2024-02-01 }
  - { id: b, title: Việc lĩnh vực, lead: dong-no, criterion: xa/1, due: 2024-03-05 }
  - { id: c, title: Việc khác, lead: tan-loi, criterion: xa/2.1, due: 2024-04-01 }
  - { id: d, title: Việc tiêu chí, lead: dong-no, criterion: xa/1.1, due: 2024-01-15 }
  - { id: e, title: Việc không hạn, lead: tan-loi }
  - { id: f, title: Việc sắp tới, lead: dong-no, due: 2024-03-03 }
",
    ),
    (
        "scores/2023-12-01.yaml",
        "date: 2023-12-01
stage: self
scores:
  - unit: tan-loi
    points: { \"1.1.1\": 1, \"1.2\": 1, \"2.1\": 3 }
  - unit: dong-no
    points: { \"1.1.1\": 2, \"1.2\": 0.5 }
",
    ),
    (
        "scores/2024-02-01.yaml",
        "date: 2024-02-01
stage: self
scores:
  - unit: tan-loi
    points: { \"1.1.1\": 2, \"1.2\": 0.5, \"2.1\": 3 }
  - unit: dong-no
    points: { \"1.1.1\": 2, \"1.2\": 1, \"2.1\": 1 }
",
    ),
];

/// The small site, validated.
pub fn model() -> Model {
    let (content, diags) = crate::load::load_from_memory(SITE);
    assert!(!diags.has_errors(), "{diags:?}");
    let options = crate::validate::Options {
        as_of: None,
        committee: false,
    };
    let (model, diags) = crate::validate::validate(&content, &options);
    model.unwrap_or_else(|| panic!("the test site is valid: {diags:?}"))
}

/// The criterion `code` of the site's one framework.
pub fn criterion(model: &Model, code: &str) -> CriterionRef {
    let criterion = model.frameworks[0]
        .criteria
        .iter()
        .position(|c| c.code == code)
        .unwrap_or_else(|| panic!("no criterion {code}"));
    CriterionRef {
        framework: 0,
        criterion,
    }
}

/// The index of unit `id`.
pub fn unit(model: &Model, id: &str) -> usize {
    model
        .units
        .iter()
        .position(|u| u.id == id)
        .unwrap_or_else(|| panic!("no unit {id}"))
}

/// The index of task `id`.
pub fn task(model: &Model, id: &str) -> usize {
    model
        .tasks
        .iter()
        .position(|t| t.id == id)
        .unwrap_or_else(|| panic!("no task {id}"))
}
