//! Sheets the import must refuse, naming the sheet, row and column, and
//! write nothing: a unit misspelled over its columns, a header with two
//! readings, a formula saved without its value, a criterion no framework
//! has, two units named over a one-unit table.

use tiendo::model::Model;

use super::layouts::{self, pair_columns, save, wide_points_of};
use super::write::{Grid, V, col_name};
use super::{Case, Expect, Known, Rng, Save, known_values, units_on};

fn refused(file: &str, sheets: &[Grid], known: Known, lines: Vec<String>) -> Case {
    Case {
        file: file.into(),
        bytes: save(sheets, Save::Xlsx),
        known,
        expect: Expect::Refuses(lines),
        args: Vec::new(),
        says: Vec::new(),
    }
}

pub fn cases(model: &Model) -> Vec<Case> {
    let mut out = vec![
        misspelled(model),
        formula_without_value(model),
        unknown_code(model),
        two_units_named(),
    ];
    out.extend(two_readings(model));
    out
}

/// The summary sheet with the last commune's name misspelled.
fn misspelled(model: &Model) -> Case {
    let (known, mut sheets) = layouts::wide_pairs_of(model, 0xbad);
    let last = known.len() - 1;
    let (a, b) = pair_columns(last);
    let col = 3 + 2 * last as u16;
    sheets[0].text(5, col, "Xã Tân Hưg");
    refused(
        "tong-hop-sai-ten.xlsx",
        &sheets,
        known,
        vec![
            format!(
                "lỗi: tong-hop-sai-ten.xlsx › Tổng hợp › dòng 6, cột {a}: không có đơn vị `Xã Tân Hưg` (cột {a}–{b} có điểm)"
            ),
            "gợi ý: có phải ý bạn là `tan-hung`?".into(),
        ],
    )
}

/// A points cell holding a formula the file keeps no value of.
fn formula_without_value(model: &Model) -> Case {
    let (known, mut sheets) = wide_points_of(model, 0xf1);
    let (r, c) = (2, 4);
    sheets[0].set(r, c, V::Formula("0.25+0.5".into(), "0.75".into()));
    let mut case = refused(
        "cong-thuc-chua-tinh.xlsx",
        &sheets,
        known,
        vec![format!(
            "lỗi: cong-thuc-chua-tinh.xlsx › Ngang › dòng {}, cột {}: ô có công thức `=0.25+0.5` nhưng tệp không lưu giá trị đã tính",
            r + 1,
            col_name(c)
        )],
    );
    case.bytes = save(&sheets, Save::XlsxUncached);
    case
}

/// A ranking with a column of a criterion no framework has.
fn unknown_code(model: &Model) -> Case {
    let units = &units_on(model, "commune")[..3];
    let mut rng = Rng(0xc0de);
    let known = known_values(
        model,
        units,
        super::Kinds {
            points: true,
            self_assessed: false,
            appraised: false,
            explanation: false,
        },
        &mut rng,
    );
    let mut g = Grid::new("Xếp hạng");
    g.text(0, 0, "STT");
    g.text(0, 1, "Đơn vị");
    g.text(0, 2, "TC 1.4");
    g.text(0, 3, "TC 1.44");
    for (n, &u) in units.iter().enumerate() {
        let r = 1 + n as u32;
        g.text(r, 1, &model.units[u].name);
        let c14 = model.frameworks[model.framework_index["commune"]].code_index["1.4"];
        if let Some(p) = known[&u][&c14].points {
            g.set(r, 2, V::Num(p as f64 / 1000.0));
        }
        g.set(r, 3, V::Num(0.5));
    }
    let only_14: Known = known
        .iter()
        .map(|(&u, s)| {
            (
                u,
                s.iter()
                    .filter(|(c, _)| {
                        model.frameworks[model.framework_index["commune"]].criteria[**c].code
                            == "1.4"
                    })
                    .map(|(c, s)| (*c, s.clone()))
                    .collect(),
            )
        })
        .collect();
    refused(
        "ma-khong-co.xlsx",
        &[g],
        only_14,
        vec![
            "lỗi: ma-khong-co.xlsx › Xếp hạng › dòng 1, cột D: không bộ chỉ số nào có tiêu chí `1.44` (cột D)".into(),
            "gợi ý: có phải ý bạn là `1.4`?".into(),
        ],
    )
}

/// A one-unit table whose sheet names one commune and whose title names
/// another.
fn two_units_named() -> Case {
    let mut g = Grid::new("An Phú");
    g.text(0, 0, "BẢNG TỰ CHẤM ĐIỂM CỦA UBND XÃ TÂN LỢI");
    g.text(2, 0, "Mã tiêu chí");
    g.text(2, 1, "Điểm");
    g.text(3, 0, "1.4");
    g.set(3, 1, V::Num(1.0));
    refused(
        "hai-don-vi.xlsx",
        &[g],
        Known::new(),
        vec!["lỗi: hai-don-vi.xlsx › An Phú › dòng 1, cột A: không biết bảng này là điểm của đơn vị nào: trang tính nêu `an-phu` (theo tên trang tính), `tan-loi` (theo ô A1 `BẢNG TỰ CHẤM ĐIỂM CỦA UBND XÃ TÂN LỢI`)".into()],
    )
}

/// A table with a column per commune and a plain `Điểm` column under a
/// title naming one commune: a wide table, or that commune's table. The
/// import asks; with `--form wide` it reads the communes' columns.
fn two_readings(model: &Model) -> Vec<Case> {
    let units = &units_on(model, "commune")[..3];
    let fw = model.framework_index["commune"];
    let mut rng = Rng(0x2);
    let known = known_values(
        model,
        units,
        super::Kinds {
            points: true,
            self_assessed: false,
            appraised: false,
            explanation: false,
        },
        &mut rng,
    );
    let mut g = Grid::new("Điểm");
    g.text(0, 0, "BẢNG ĐIỂM CỦA UBND XÃ AN KHƯƠNG");
    g.text(2, 0, "Mã tiêu chí");
    for (i, &u) in units.iter().enumerate() {
        g.text(2, 1 + i as u16, &model.units[u].short_name.clone().unwrap());
    }
    let extra = 1 + units.len() as u16;
    g.text(2, extra, "Điểm");
    for (n, c) in super::leaves(model, fw).into_iter().enumerate() {
        let r = 3 + n as u32;
        g.text(r, 0, &model.frameworks[fw].criteria[c].code);
        for (i, &u) in units.iter().enumerate() {
            if let Some(p) = known[&u][&c].points {
                g.set(r, 1 + i as u16, V::Num(p as f64 / 1000.0));
            }
        }
        g.set(r, extra, V::Num(0.0));
    }
    let asks = refused(
        "hai-cach-doc.xlsx",
        std::slice::from_ref(&g),
        known.clone(),
        vec![
            "lỗi: hai-cach-doc.xlsx › Điểm › dòng 3, cột E: bảng này đọc được theo 2 cách: bảng rộng (mỗi đơn vị một nhóm cột), hoặc bảng của một đơn vị".into(),
            "gợi ý: không đoán: chọn một bằng --form wide hoặc --form per-unit".into(),
        ],
    );
    let answered = Case {
        expect: Expect::Imports,
        args: vec!["--form".into(), "wide".into()],
        says: vec![format!(
            "cảnh báo: hai-cach-doc.xlsx › Điểm › dòng 4, cột {}: 13 ô của cột {} không được nhập",
            col_name(extra),
            col_name(extra)
        )],
        ..refused("hai-cach-doc.xlsx", &[g], known, Vec::new())
    };
    vec![asks, answered]
}
