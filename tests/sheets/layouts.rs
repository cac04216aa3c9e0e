//! The layouts of the corpus, each written from known values, and the
//! cases made of them.

use tiendo::model::Model;

use super::write::{self, Grid, V, cell_name, col_name};
use super::{
    Case, Expect, Kinds, Known, Rng, Save, Score, decimal, known_values, units_on, value_cell,
};

/// A layout: the units it is for (their framework), what it holds, and
/// how it writes known values.
pub struct Layout {
    pub name: &'static str,
    pub framework: &'static str,
    pub kinds: Kinds,
    pub make: fn(&Model, &Known, &mut Rng) -> Vec<Grid>,
}

const PAIRS: Kinds = Kinds {
    points: false,
    self_assessed: true,
    appraised: true,
    explanation: false,
};
const POINTS: Kinds = Kinds {
    points: true,
    self_assessed: false,
    appraised: false,
    explanation: false,
};
const EXPLAINED: Kinds = Kinds {
    points: false,
    self_assessed: true,
    appraised: true,
    explanation: true,
};

/// Every layout, for the property test.
pub const LAYOUTS: &[Layout] = &[
    Layout {
        name: "wide-pairs",
        framework: "commune",
        kinds: PAIRS,
        make: wide_pairs,
    },
    Layout {
        name: "wide-named",
        framework: "commune",
        kinds: PAIRS,
        make: wide_named,
    },
    Layout {
        name: "wide-points",
        framework: "commune",
        kinds: POINTS,
        make: wide_points,
    },
    Layout {
        name: "wide-three-rows",
        framework: "commune",
        kinds: EXPLAINED,
        make: wide_three_rows,
    },
    Layout {
        name: "units-as-rows",
        framework: "commune",
        kinds: POINTS,
        make: units_as_rows,
    },
    Layout {
        name: "units-as-rows-by-field",
        framework: "commune",
        kinds: PAIRS,
        make: units_as_rows_by_field,
    },
    Layout {
        name: "long",
        framework: "commune",
        kinds: EXPLAINED,
        make: long,
    },
    Layout {
        name: "per-unit",
        framework: "commune",
        kinds: PAIRS,
        make: per_unit,
    },
    Layout {
        name: "two-tables",
        framework: "commune",
        kinds: POINTS,
        make: two_tables,
    },
    Layout {
        name: "district",
        framework: "district",
        kinds: POINTS,
        make: district,
    },
];

/// How an office names a unit in a header: `Xã An Khương`, `Thị trấn Tân
/// Khai`, else its full name.
fn office_name(model: &Model, u: usize) -> String {
    let unit = &model.units[u];
    let short = unit.short_name.clone().unwrap_or_else(|| unit.name.clone());
    match unit.kind.as_str() {
        "commune" => format!("Xã {short}"),
        "town" => format!("Thị trấn {short}"),
        _ => unit.name.clone(),
    }
}

/// The title rows of an office's sheet, above its table.
fn office_top(g: &mut Grid, width: u16, title: &str) {
    let right = width.saturating_sub(4).max(3);
    g.merged(0, 0, 0, 2, "UBND HUYỆN HỚN QUẢN");
    g.merged(1, 0, 1, 2, "PHÒNG NỘI VỤ");
    g.merged(0, right, 0, width - 1, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    g.merged(1, right, 1, width - 1, "Độc lập - Tự do - Hạnh phúc");
    g.merged(3, 0, 3, width - 1, title);
    g.merged(
        4,
        0,
        4,
        width - 1,
        "(Kèm theo Báo cáo số 1350/BC-PNV ngày 15/12/2023 của Phòng Nội vụ)",
    );
}

/// The signatures under a table.
fn office_bottom(g: &mut Grid, row: u32, width: u16) {
    g.text(row, 1, "NGƯỜI LẬP BIỂU");
    g.text(row, width - 3, "Hớn Quản, ngày 15 tháng 12 năm 2023");
    g.text(row + 1, width - 3, "TRƯỞNG PHÒNG");
    g.text(row + 5, 1, "Nguyễn Thị Lan");
    g.text(row + 5, width - 3, "Trần Văn Bình");
}

fn score(known: &Known, u: usize, c: usize) -> Score {
    known
        .get(&u)
        .and_then(|s| s.get(&c))
        .cloned()
        .unwrap_or_default()
}

type Pick = fn(&Score) -> Option<i64>;

const SELF: Pick = |s| s.self_assessed;
const APPRAISED: Pick = |s| s.appraised;
const POINTS_OF: Pick = |s| s.points;

/// A sum over rows of one column, as a formula with the value a
/// spreadsheet computed: `SUM(D10:D12)` or `D9+D14`.
fn sum(rows: &[u32], col: u16, values: &[i64]) -> V {
    let contiguous = rows.windows(2).all(|w| w[1] == w[0] + 1);
    let formula = match (rows.first(), rows.last()) {
        (Some(a), Some(b)) if contiguous && rows.len() > 1 => {
            format!("SUM({}:{})", cell_name(*a, col), cell_name(*b, col))
        }
        _ => rows
            .iter()
            .map(|&r| cell_name(r, col))
            .collect::<Vec<_>>()
            .join("+"),
    };
    V::Formula(formula, decimal(values.iter().sum()))
}

/// The summary sheet of appraisal most offices keep: title rows, one pair
/// of columns `Tự chấm | Thẩm định` under each unit's merged name, parts
/// in Roman numerals, fields with their sums, a `Tổng cộng` row, formulas.
fn wide_pairs(model: &Model, known: &Known, rng: &mut Rng) -> Vec<Grid> {
    let units: Vec<usize> = known.keys().copied().collect();
    let fw = &model.frameworks[model.units[units[0]].framework.unwrap()];
    let width = 3 + 2 * units.len() as u16;
    let mut g = Grid::new("Tổng hợp");
    office_top(
        &mut g,
        width,
        "BẢNG TỔNG HỢP KẾT QUẢ THẨM ĐỊNH CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2023 CỦA UBND CÁC XÃ, THỊ TRẤN",
    );
    g.merged(5, 0, 6, 0, "STT");
    g.merged(5, 1, 6, 1, "Lĩnh vực/Tiêu chí");
    g.merged(5, 2, 6, 2, "Điểm tối đa");
    for (i, &u) in units.iter().enumerate() {
        let c = 3 + 2 * i as u16;
        g.merged(5, c, 5, c + 1, &office_name(model, u));
        g.text(6, c, "Tự chấm");
        g.text(6, c + 1, "Thẩm định");
    }
    for c in 0..width {
        g.text(7, c, &format!("({})", c + 1));
    }
    let roots = &fw.roots;
    let split = roots.len() - 1;
    let parts = [
        ("I", "CÁC TIÊU CHÍ THÀNH PHẦN", &roots[..split]),
        ("II", "ĐIỂM ĐIỀU TRA XÃ HỘI HỌC", &roots[split..]),
    ];
    let mut r = 8;
    let mut part_rows = Vec::new();
    let mut part_sums: Vec<Vec<i64>> = Vec::new();
    for (roman, title, part_roots) in parts {
        let part_row = r;
        r += 1;
        let mut root_rows = Vec::new();
        let mut root_sums: Vec<Vec<i64>> = Vec::new();
        for &root in part_roots {
            let root_row = r;
            r += 1;
            let first = r;
            let mut sums = vec![0i64; width as usize];
            for &c in &fw.criteria[root].children {
                let criterion = &fw.criteria[c];
                g.text(r, 0, &criterion.code);
                g.text(r, 1, &criterion.title);
                g.set(r, 2, V::Num(criterion.max.as_f64()));
                sums[2] += criterion.max.0;
                for (i, &u) in units.iter().enumerate() {
                    let s = score(known, u, c);
                    for (k, pick) in [SELF, APPRAISED].iter().enumerate() {
                        let col = 3 + 2 * i as u16 + k as u16;
                        if let Some(v) = value_cell(pick(&s), rng) {
                            g.set(r, col, v);
                        }
                        sums[col as usize] += pick(&s).unwrap_or(0);
                    }
                }
                r += 1;
            }
            let rows: Vec<u32> = (first..r).collect();
            g.text(root_row, 0, &fw.criteria[root].code);
            g.text(root_row, 1, &fw.criteria[root].title);
            for col in 2..width {
                g.set(root_row, col, sum(&rows, col, &[sums[col as usize]]));
            }
            root_rows.push(root_row);
            root_sums.push(sums);
        }
        g.text(part_row, 0, roman);
        g.text(part_row, 1, title);
        let sums: Vec<i64> = (0..width as usize)
            .map(|col| root_sums.iter().map(|s| s[col]).sum())
            .collect();
        for col in 2..width {
            g.set(part_row, col, sum(&root_rows, col, &[sums[col as usize]]));
        }
        part_rows.push(part_row);
        part_sums.push(sums);
    }
    g.text(r, 1, "Tổng cộng");
    for col in 2..width {
        let total: i64 = part_sums.iter().map(|s| s[col as usize]).sum();
        g.set(r, col, sum(&part_rows, col, &[total]));
    }
    office_bottom(&mut g, r + 2, width);
    vec![g]
}

/// One header row naming the unit in each column: `An Khương – Tự chấm`.
fn wide_named(model: &Model, known: &Known, rng: &mut Rng) -> Vec<Grid> {
    let units: Vec<usize> = known.keys().copied().collect();
    let fw = &model.frameworks[model.units[units[0]].framework.unwrap()];
    let mut g = Grid::new("Điểm các xã");
    g.text(
        0,
        0,
        "KẾT QUẢ CHẤM ĐIỂM CHỈ SỐ CCHC CÁC XÃ, THỊ TRẤN NĂM 2023",
    );
    g.text(2, 0, "Mã tiêu chí");
    g.text(2, 1, "Nội dung");
    for (i, &u) in units.iter().enumerate() {
        let short = model.units[u].short_name.clone().unwrap();
        g.text(2, 2 + 2 * i as u16, &format!("{short} – Tự chấm"));
        g.text(2, 3 + 2 * i as u16, &format!("{short} – Thẩm định"));
    }
    for (r, c) in super::leaves(model, model.framework_index[&fw.id])
        .into_iter()
        .enumerate()
    {
        let r = 3 + r as u32;
        g.text(r, 0, &format!("TC {}", fw.criteria[c].code));
        g.text(r, 1, &fw.criteria[c].title);
        for (i, &u) in units.iter().enumerate() {
            let s = score(known, u, c);
            for (k, pick) in [SELF, APPRAISED].iter().enumerate() {
                if let Some(v) = value_cell(pick(&s), rng) {
                    g.set(r, 2 + 2 * i as u16 + k as u16, v);
                }
            }
        }
    }
    vec![g]
}

/// One column of points per unit, the form of docs/import.md, with the
/// fields' rows and a total.
fn wide_points(model: &Model, known: &Known, rng: &mut Rng) -> Vec<Grid> {
    let units: Vec<usize> = known.keys().copied().collect();
    let fw = &model.frameworks[model.units[units[0]].framework.unwrap()];
    let mut g = Grid::new("Ngang");
    let width = 3 + units.len() as u16;
    g.text(0, 0, "Mã tiêu chí");
    g.text(0, 1, "Nội dung");
    g.text(0, 2, "Điểm tối đa");
    for (i, &u) in units.iter().enumerate() {
        g.text(0, 3 + i as u16, &model.units[u].short_name.clone().unwrap());
    }
    let mut r = 1;
    let mut totals = vec![0i64; width as usize];
    for &root in &fw.roots {
        g.text(r, 0, &fw.criteria[root].code);
        g.text(r, 1, &fw.criteria[root].title);
        let root_row = r;
        r += 1;
        let mut sums = vec![0i64; width as usize];
        for &c in &fw.criteria[root].children {
            g.text(r, 0, &fw.criteria[c].code);
            g.text(r, 1, &fw.criteria[c].title);
            g.set(r, 2, V::Num(fw.criteria[c].max.as_f64()));
            sums[2] += fw.criteria[c].max.0;
            for (i, &u) in units.iter().enumerate() {
                let p = score(known, u, c).points;
                if let Some(v) = value_cell(p, rng) {
                    g.set(r, 3 + i as u16, v);
                }
                sums[3 + i] += p.unwrap_or(0);
            }
            r += 1;
        }
        for col in 2..width {
            g.set(root_row, col, V::Num(sums[col as usize] as f64 / 1000.0));
            totals[col as usize] += sums[col as usize];
        }
    }
    g.text(r, 1, "Tổng cộng");
    for col in 2..width {
        g.set(r, col, V::Num(totals[col as usize] as f64 / 1000.0));
    }
    vec![g]
}

/// Three header rows: `Điểm` over every unit, each unit's name over
/// `Tự chấm | Thẩm định | Giải trình`; the codes at the head of the
/// titles, a numbering column, a hidden helper column of formulas.
fn wide_three_rows(model: &Model, known: &Known, rng: &mut Rng) -> Vec<Grid> {
    let units: Vec<usize> = known.keys().copied().collect();
    let fw = &model.frameworks[model.units[units[0]].framework.unwrap()];
    let width = 3 + 3 * units.len() as u16 + 1;
    let helper = width - 1;
    let mut g = Grid::new("Bảng điểm");
    g.merged(0, 0, 0, width - 2, "BẢNG ĐIỂM THẨM ĐỊNH CÁC XÃ, THỊ TRẤN");
    g.merged(2, 0, 4, 0, "TT");
    g.merged(2, 1, 4, 1, "Tiêu chí");
    g.merged(2, 2, 4, 2, "Thang điểm");
    g.merged(2, 3, 2, width - 2, "Điểm");
    g.text(2, helper, "Hệ số");
    g.hidden_cols.push(helper);
    for (i, &u) in units.iter().enumerate() {
        let c = 3 + 3 * i as u16;
        g.merged(3, c, 3, c + 2, &office_name(model, u));
        g.text(4, c, "Tự chấm");
        g.text(4, c + 1, "Thẩm định");
        g.text(4, c + 2, "Giải trình");
    }
    for (n, c) in super::leaves(model, model.framework_index[&fw.id])
        .into_iter()
        .enumerate()
    {
        let r = 5 + n as u32;
        g.set(r, 0, V::Num((n + 1) as f64));
        g.text(
            r,
            1,
            &format!("{}. {}", fw.criteria[c].code, fw.criteria[c].title),
        );
        g.set(r, 2, V::Num(fw.criteria[c].max.as_f64()));
        g.set(
            r,
            helper,
            V::Formula(
                format!("{}*2", cell_name(r, 2)),
                decimal(fw.criteria[c].max.0 * 2),
            ),
        );
        for (i, &u) in units.iter().enumerate() {
            let s = score(known, u, c);
            let col = 3 + 3 * i as u16;
            for (k, pick) in [SELF, APPRAISED].iter().enumerate() {
                if let Some(v) = value_cell(pick(&s), rng) {
                    g.set(r, col + k as u16, v);
                }
            }
            if let (Some(e), true) = (
                &s.explanation,
                s.self_assessed.is_some() || s.appraised.is_some(),
            ) {
                g.text(r, col + 2, e);
            }
        }
    }
    vec![g]
}

/// The ranking sheet provinces publish: a row per unit, a column per
/// criterion code, the total and the rank checked.
fn units_as_rows(model: &Model, known: &Known, rng: &mut Rng) -> Vec<Grid> {
    let units: Vec<usize> = known.keys().copied().collect();
    let mut codes: Vec<(usize, usize)> = Vec::new();
    for &u in &units {
        let fw = model.units[u].framework.unwrap();
        for c in super::leaves(model, fw) {
            if !codes.contains(&(fw, c)) {
                codes.push((fw, c));
            }
        }
    }
    let mut g = Grid::new("Xếp hạng");
    let total_col = 2 + codes.len() as u16;
    g.merged(
        0,
        0,
        0,
        total_col + 1,
        "KẾT QUẢ XẾP HẠNG CHỈ SỐ CCHC NĂM 2023",
    );
    g.text(2, 0, "STT");
    g.text(2, 1, "Đơn vị");
    // Codes as provinces write them: `TC 1.4`, `1.4`, `Tiêu chí 1.4`.
    for (i, &(fw, c)) in codes.iter().enumerate() {
        let code = &model.frameworks[fw].criteria[c].code;
        let header = match i % 3 {
            0 => format!("TC {code}"),
            1 => code.clone(),
            _ => format!("Tiêu chí {code}"),
        };
        g.text(2, 2 + i as u16, &header);
    }
    g.text(2, total_col, "Tổng điểm");
    g.text(2, total_col + 1, "Xếp hạng");
    g.text(3, 1, "Điểm tối đa");
    for (i, &(fw, c)) in codes.iter().enumerate() {
        g.set(
            3,
            2 + i as u16,
            V::Num(model.frameworks[fw].criteria[c].max.as_f64()),
        );
    }
    let sums: Vec<i64> = units
        .iter()
        .map(|&u| {
            codes
                .iter()
                .map(|&(_, c)| score(known, u, c).points.unwrap_or(0))
                .sum()
        })
        .collect();
    for (n, &u) in units.iter().enumerate() {
        let r = 4 + n as u32;
        g.set(r, 0, V::Num((n + 1) as f64));
        g.text(r, 1, &model.units[u].name);
        let fw = model.units[u].framework.unwrap();
        for (i, &(cfw, c)) in codes.iter().enumerate() {
            if cfw == fw
                && let Some(v) = value_cell(score(known, u, c).points, rng)
            {
                g.set(r, 2 + i as u16, v);
            }
        }
        let formula = format!("SUM({}:{})", cell_name(r, 2), cell_name(r, total_col - 1));
        g.set(r, total_col, V::Formula(formula, decimal(sums[n])));
        let rank = 1 + sums.iter().filter(|&&s| s > sums[n]).count();
        g.set(r, total_col + 1, V::Num(rank as f64));
    }
    vec![g]
}

/// Two header rows over the units' rows: each field's name merged over
/// its criteria, each criterion's code merged over `Tự chấm | Thẩm định`.
fn units_as_rows_by_field(model: &Model, known: &Known, rng: &mut Rng) -> Vec<Grid> {
    let units: Vec<usize> = known.keys().copied().collect();
    let fw = &model.frameworks[model.units[units[0]].framework.unwrap()];
    let mut g = Grid::new("Theo lĩnh vực");
    g.merged(0, 0, 2, 0, "STT");
    g.merged(0, 1, 2, 1, "Tên đơn vị");
    let mut col = 2u16;
    let mut columns: Vec<(usize, u16)> = Vec::new();
    for &root in &fw.roots {
        let kids = &fw.criteria[root].children;
        let span = 2 * kids.len() as u16;
        g.merged(
            0,
            col,
            0,
            col + span - 1,
            &format!("Lĩnh vực {}", fw.criteria[root].code),
        );
        for &c in kids {
            g.merged(1, col, 1, col + 1, &fw.criteria[c].code);
            g.text(2, col, "Tự chấm");
            g.text(2, col + 1, "Thẩm định");
            columns.push((c, col));
            col += 2;
        }
    }
    let mut totals = vec![0i64; col as usize];
    for (n, &u) in units.iter().enumerate() {
        let r = 3 + n as u32;
        g.set(r, 0, V::Num((n + 1) as f64));
        g.text(r, 1, &office_name(model, u));
        for &(c, at) in &columns {
            let s = score(known, u, c);
            for (k, pick) in [SELF, APPRAISED].iter().enumerate() {
                if let Some(v) = value_cell(pick(&s), rng) {
                    g.set(r, at + k as u16, v);
                }
                totals[(at + k as u16) as usize] += pick(&s).unwrap_or(0);
            }
        }
    }
    let r = 3 + units.len() as u32;
    g.text(r, 1, "Tổng cộng");
    for &(_, at) in &columns {
        for k in 0..2 {
            let rows: Vec<u32> = (3..r).collect();
            g.set(r, at + k, sum(&rows, at + k, &[totals[(at + k) as usize]]));
        }
    }
    vec![g]
}

/// The long form: a unit's name merged over its rows, `Điểm` over `Tự
/// chấm | Thẩm định`, the fields' rows, a subtotal (`Cộng`) per unit, a
/// numbering row, an explanation column.
fn long(model: &Model, known: &Known, rng: &mut Rng) -> Vec<Grid> {
    let mut g = Grid::new("Dọc");
    g.merged(0, 0, 0, 7, "BẢNG TỔNG HỢP ĐIỂM TỰ CHẤM VÀ THẨM ĐỊNH");
    for (c, name) in ["STT", "Đơn vị", "Mã tiêu chí", "Nội dung", "Điểm tối đa"]
        .iter()
        .enumerate()
    {
        g.merged(2, c as u16, 3, c as u16, name);
    }
    g.merged(2, 5, 2, 6, "Điểm");
    g.text(3, 5, "Tự chấm");
    g.text(3, 6, "Thẩm định");
    g.merged(2, 7, 3, 7, "Giải trình");
    for c in 0..8u16 {
        g.text(4, c, &format!("({})", c + 1));
    }
    let mut r = 5;
    let mut n = 1;
    for (&u, scores) in known {
        let fw = &model.frameworks[model.units[u].framework.unwrap()];
        let first = r;
        let mut sums = [0i64; 2];
        for &root in &fw.roots {
            g.text(r, 2, &fw.criteria[root].code);
            g.text(r, 3, &fw.criteria[root].title);
            let root_row = r;
            r += 1;
            let mut root_sums = [0i64; 2];
            for &c in &fw.criteria[root].children {
                let s = scores.get(&c).cloned().unwrap_or_default();
                g.set(r, 0, V::Num(n as f64));
                n += 1;
                g.text(r, 2, &fw.criteria[c].code);
                g.text(r, 3, &fw.criteria[c].title);
                g.set(r, 4, V::Num(fw.criteria[c].max.as_f64()));
                for (k, pick) in [SELF, APPRAISED].iter().enumerate() {
                    if let Some(v) = value_cell(pick(&s), rng) {
                        g.set(r, 5 + k as u16, v);
                    }
                    root_sums[k] += pick(&s).unwrap_or(0);
                }
                if let (Some(e), true) = (
                    &s.explanation,
                    s.self_assessed.is_some() || s.appraised.is_some(),
                ) {
                    g.text(r, 7, e);
                }
                r += 1;
            }
            for k in 0..2 {
                g.set(root_row, 5 + k as u16, V::Num(root_sums[k] as f64 / 1000.0));
                sums[k] += root_sums[k];
            }
        }
        g.merged(first, 1, r - 1, 1, &model.units[u].name);
        g.text(r, 3, "Cộng");
        for (k, total) in sums.iter().enumerate() {
            g.set(r, 5 + k as u16, V::Num(*total as f64 / 1000.0));
        }
        r += 2;
    }
    vec![g]
}

/// One sheet per unit, named by the unit or titled with it.
fn per_unit(model: &Model, known: &Known, rng: &mut Rng) -> Vec<Grid> {
    let mut sheets = Vec::new();
    for (n, (&u, scores)) in known.iter().enumerate() {
        let unit = &model.units[u];
        let fw = &model.frameworks[unit.framework.unwrap()];
        let short = unit.short_name.clone().unwrap();
        let (name, title) = if n % 2 == 0 {
            (short.clone(), String::new())
        } else {
            (
                format!("Trang {}", n + 1),
                format!(
                    "BẢNG TỰ CHẤM ĐIỂM CỦA {} NĂM 2023",
                    unit.name.to_uppercase()
                ),
            )
        };
        let mut g = Grid::new(&name);
        g.text(0, 0, &title);
        for (c, head) in [
            "Mã tiêu chí",
            "Tên tiêu chí",
            "Điểm tối đa",
            "Điểm tự chấm",
            "Điểm thẩm định",
        ]
        .iter()
        .enumerate()
        {
            g.text(2, c as u16, head);
        }
        for (r, &c) in super::leaves(model, model.framework_index[&fw.id])
            .iter()
            .enumerate()
        {
            let r = 3 + r as u32;
            let s = scores.get(&c).cloned().unwrap_or_default();
            g.text(r, 0, &fw.criteria[c].code);
            g.text(r, 1, &fw.criteria[c].title);
            g.set(r, 2, V::Num(fw.criteria[c].max.as_f64()));
            for (k, pick) in [SELF, APPRAISED].iter().enumerate() {
                if let Some(v) = value_cell(pick(&s), rng) {
                    g.set(r, 3 + k as u16, v);
                }
            }
        }
        sheets.push(g);
    }
    sheets
}

/// Two tables on one sheet, each with its title and header: the first
/// units, then the others further down.
fn two_tables(model: &Model, known: &Known, rng: &mut Rng) -> Vec<Grid> {
    let units: Vec<usize> = known.keys().copied().collect();
    let half = units.len().div_ceil(2);
    let fw = &model.frameworks[model.units[units[0]].framework.unwrap()];
    let leaves = super::leaves(model, model.framework_index[&fw.id]);
    let mut g = Grid::new("Hai bảng");
    let mut r = 0;
    for (t, part) in [&units[..half], &units[half..]].iter().enumerate() {
        if part.is_empty() {
            continue;
        }
        g.text(
            r,
            0,
            &format!("Bảng {}: điểm thẩm định (phần {})", t + 1, t + 1),
        );
        r += 2;
        g.text(r, 0, "STT");
        g.text(r, 1, "Nội dung");
        for (i, &u) in part.iter().enumerate() {
            g.text(r, 2 + i as u16, &office_name(model, u));
        }
        r += 1;
        for &c in &leaves {
            g.text(r, 0, &fw.criteria[c].code);
            g.text(r, 1, &fw.criteria[c].title);
            for (i, &u) in part.iter().enumerate() {
                if let Some(v) = value_cell(score(known, u, c).points, rng) {
                    g.set(r, 2 + i as u16, v);
                }
            }
            r += 1;
        }
        r += 3;
    }
    vec![g]
}

/// The district's own table, as the seed letter gives its points
/// ("Tiêu chí 8.2 … (0/1 điểm)"): a sheet for one unit named in its title.
fn district(model: &Model, known: &Known, rng: &mut Rng) -> Vec<Grid> {
    let mut sheets = Vec::new();
    for (&u, scores) in known {
        let fw = &model.frameworks[model.units[u].framework.unwrap()];
        let mut g = Grid::new("Rà soát");
        g.merged(
            0,
            0,
            0,
            4,
            &format!(
                "KẾT QUẢ CHẤM ĐIỂM RÀ SOÁT TIẾN ĐỘ CCHC 10 THÁNG ĐẦU NĂM 2023 CỦA {}",
                model.units[u].name.to_uppercase()
            ),
        );
        for (c, head) in ["STT", "Tiêu chí", "Nội dung", "Điểm đạt", "Điểm tối đa"]
            .iter()
            .enumerate()
        {
            g.text(2, c as u16, head);
        }
        for (r, (&c, s)) in (3..).zip(scores.iter()) {
            g.set(r, 0, V::Num((r - 2) as f64));
            g.text(r, 1, &format!("Tiêu chí {}", fw.criteria[c].code));
            g.text(r, 2, &fw.criteria[c].title);
            if let Some(v) = value_cell(s.points, rng) {
                g.set(r, 3, v);
            }
            g.set(r, 4, V::Num(fw.criteria[c].max.as_f64()));
        }
        sheets.push(g);
    }
    sheets
}

/// The bytes of sheets saved one way.
pub fn save(sheets: &[Grid], how: Save) -> Vec<u8> {
    match how {
        Save::Xlsx => write::xlsx(sheets),
        Save::XlsxUncached => write::without_cached_values(&write::xlsx(sheets)),
        Save::Ods => write::ods(sheets),
        Save::Csv => write::csv(&sheets[0], ',', false).into_bytes(),
        Save::CsvVietnamese => write::csv(&sheets[0], ';', true).into_bytes(),
    }
}

fn layout(name: &str) -> &'static Layout {
    LAYOUTS.iter().find(|l| l.name == name).unwrap()
}

/// A case of a layout with values made from `seed`.
fn case(model: &Model, name: &str, file: &str, how: Save, seed: u64) -> (Case, Vec<Grid>) {
    let l = layout(name);
    let mut rng = Rng(seed);
    let known = known_values(model, &units_on(model, l.framework), l.kinds, &mut rng);
    let sheets = (l.make)(model, &known, &mut rng);
    let case = Case {
        file: file.into(),
        bytes: save(&sheets, how),
        known,
        expect: Expect::Imports,
        args: Vec::new(),
        says: Vec::new(),
    };
    (case, sheets)
}

/// The committed corpus.
pub fn cases(model: &Model) -> Vec<Case> {
    let mut out = Vec::new();
    let plain = [
        ("wide-pairs", "tong-hop-tham-dinh.xlsx", Save::Xlsx),
        ("wide-pairs", "tong-hop-tham-dinh.ods", Save::Ods),
        ("wide-pairs", "tong-hop-tham-dinh.csv", Save::CsvVietnamese),
        ("wide-named", "ten-don-vi-trong-cot.xlsx", Save::Xlsx),
        ("wide-points", "ngang.xlsx", Save::Xlsx),
        ("wide-points", "ngang.csv", Save::Csv),
        ("wide-three-rows", "ba-dong-tieu-de.xlsx", Save::Xlsx),
        ("wide-three-rows", "ba-dong-tieu-de.ods", Save::Ods),
        ("units-as-rows", "xep-hang.xlsx", Save::Xlsx),
        ("units-as-rows", "xep-hang.csv", Save::CsvVietnamese),
        (
            "units-as-rows-by-field",
            "xep-hang-theo-linh-vuc.xlsx",
            Save::Xlsx,
        ),
        ("long", "doc.xlsx", Save::Xlsx),
        ("long", "doc.ods", Save::Ods),
        ("per-unit", "tung-xa.xlsx", Save::Xlsx),
        ("two-tables", "hai-bang.xlsx", Save::Xlsx),
    ];
    for (i, (name, file, how)) in plain.into_iter().enumerate() {
        out.push(case(model, name, file, how, 0x5eed + i as u64).0);
    }
    out.push(formulas_saved_without_values(model));
    out.push(seed_letter(model));
    out.push(communes_and_district(model));
    out.push(hidden_row(model));
    out.extend(super::refusals::cases(model));
    out
}

/// The summary sheet saved by a program that does not compute: the sums
/// are named (not checked), the values imported.
fn formulas_saved_without_values(model: &Model) -> Case {
    let (mut c, _) = case(
        model,
        "wide-pairs",
        "tong-hop-chua-tinh.xlsx",
        Save::XlsxUncached,
        0xf0,
    );
    c.says
        .push("nhưng tệp không lưu giá trị đã tính (dòng tổng, không đối chiếu được)".into());
    c
}

/// The district's points of the seed letter (the example's snapshot of
/// 01/11/2023), as a sheet of one unit.
fn seed_letter(model: &Model) -> Case {
    let snapshot = &model.snapshots[0];
    let mut known = Known::new();
    for us in snapshot.units.iter() {
        let scores = us
            .scored()
            .map(|(c, p)| {
                (
                    c,
                    Score {
                        points: Some(p.0),
                        ..Score::default()
                    },
                )
            })
            .collect();
        known.insert(us.unit, scores);
    }
    let sheets = district(model, &known, &mut Rng(7));
    Case {
        file: "huyen-ra-soat.xlsx".into(),
        bytes: save(&sheets, Save::Xlsx),
        known,
        expect: Expect::Imports,
        args: Vec::new(),
        says: Vec::new(),
    }
}

/// A ranking of communes and the district together: each checked against
/// its own framework.
fn communes_and_district(model: &Model) -> Case {
    let mut units = units_on(model, "commune");
    units.truncate(4);
    units.extend(units_on(model, "district"));
    let mut rng = Rng(0xd15);
    let known = known_values(model, &units, POINTS, &mut rng);
    let sheets = units_as_rows(model, &known, &mut rng);
    Case {
        file: "xa-va-huyen.xlsx".into(),
        bytes: save(&sheets, Save::Xlsx),
        known,
        expect: Expect::Imports,
        args: Vec::new(),
        says: Vec::new(),
    }
}

/// A criterion's row hidden: imported, and said.
fn hidden_row(model: &Model) -> Case {
    let (mut c, mut sheets) = case(
        model,
        "wide-points",
        "ngang-dong-an.xlsx",
        Save::Xlsx,
        0x41d,
    );
    sheets[0].hidden_rows.push(2);
    c.bytes = save(&sheets, Save::Xlsx);
    c.says.push("dòng 3 bị ẩn nhưng có điểm".into());
    c
}

pub fn wide_pairs_of(model: &Model, seed: u64) -> (Known, Vec<Grid>) {
    let (c, sheets) = case(model, "wide-pairs", "x.xlsx", Save::Xlsx, seed);
    (c.known, sheets)
}

pub fn wide_points_of(model: &Model, seed: u64) -> (Known, Vec<Grid>) {
    let (c, sheets) = case(model, "wide-points", "x.xlsx", Save::Xlsx, seed);
    (c.known, sheets)
}

/// The column letters of a unit's pair in the summary sheet.
pub fn pair_columns(i: usize) -> (String, String) {
    let c = 3 + 2 * i as u16;
    (col_name(c), col_name(c + 1))
}
