//! A deterministic synthetic content folder for benchmarks and scale tests.
//!
//! ```sh
//! cargo run --release --example corpus -- S /dev/shm/corpus-s   # or bench/corpus S DIR
//! ```
//!
//! Sizes (see docs/performance.md):
//!
//! - `S`, a district: 20 units, 60 leaf criteria per scorecard, 3 snapshots,
//!   200 tasks, 50 notes;
//! - `M`, a province: 150 units, 120 leaf criteria per scorecard, 12
//!   snapshots, 3,000 tasks, 1,500 notes;
//! - `L`, the country: 4,000 units (34 provinces, 5 ministries, 640
//!   departments, 3,321 communes), 4 scorecards of 120 leaves, 12 monthly
//!   snapshots (5,760,000 score values), 80,000 tasks, 40,000 notes.
//!
//! Everything comes from one seeded PRNG (splitmix64) and is written in a
//! fixed order: the same size gives the same bytes on every run and machine.
//! No network, no clock. The folder passes `tiendo check`: every id is given
//! explicitly and unique, every reference resolves, points lie within the
//! criterion's max with at most two decimals, and every task status (done,
//! done late, overdue, due soon, upcoming) occurs relative to `as_of`.
//!
//! DIR is created; an existing DIR is replaced only when it was made by this
//! program (it holds a `.tiendo-corpus` marker, which tiendo ignores).

use std::collections::HashSet;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use unicode_normalization::UnicodeNormalization;

const MARKER: &str = ".tiendo-corpus";
const YEAR: i32 = 2025;
/// The site's `as_of`: 18/12/2025.
const AS_OF: (i32, u32, u32) = (2025, 12, 18);

// ------------------------------------------------------------------ PRNG

/// splitmix64: tiny, fast, good enough for test data, and the same everywhere.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: u64) -> u64 {
        (((self.next_u64() >> 11) as u128 * n as u128) >> 53) as u64
    }
    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }
    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    /// True with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
    /// A child generator, so that one part of the corpus does not shift
    /// another when it draws more or fewer numbers.
    fn fork(&mut self, salt: u64) -> Rng {
        Rng::new(self.next_u64() ^ salt.wrapping_mul(0xD6E8_FEB8_6659_FD93))
    }
}

// ----------------------------------------------------------------- dates

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y } as i64;
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    ((if m <= 2 { y + 1 } else { y }) as i32, m, d)
}

fn iso(day: i64) -> String {
    let (y, m, d) = civil_from_days(day);
    format!("{y:04}-{m:02}-{d:02}")
}

fn dmy(day: i64) -> String {
    let (y, m, d) = civil_from_days(day);
    format!("{d:02}/{m:02}/{y:04}")
}

/// A date as written in a content file: mostly ISO, sometimes `20/11/2025`
/// as copied from a letter.
fn date_value(rng: &mut Rng, day: i64) -> String {
    if rng.chance(0.05) {
        format!("\"{}\"", dmy(day))
    } else {
        iso(day)
    }
}

// ------------------------------------------------------------------ text

// Ids are made from names with tiendo's own rule.
use tiendo::slug::slugify;

fn nfd(s: &str) -> String {
    s.nfd().collect()
}

/// A YAML double-quoted string.
fn q(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Points in hundredths as written: `1.25`, `0.5`, `2`.
fn points(h: u32) -> String {
    let (i, f) = (h / 100, h % 100);
    match f {
        0 => i.to_string(),
        f if f % 10 == 0 => format!("{i}.{}", f / 10),
        f => format!("{i}.{f:02}"),
    }
}

/// Points as an Excel copy writes them: `"1,25"`.
fn points_comma(h: u32) -> String {
    format!("\"{}\"", points(h).replace('.', ","))
}

const SYL1: &[&str] = &[
    "An", "Bình", "Tân", "Phước", "Đồng", "Hưng", "Thạnh", "Long", "Mỹ", "Hòa", "Phú", "Vĩnh",
    "Thuận", "Đức", "Minh", "Thanh", "Quang", "Xuân", "Trung", "Nghĩa", "Hiệp", "Lộc", "Thới",
    "Khánh", "Cát", "Hải", "Sơn", "Lâm", "Tiến", "Thắng", "Hồng", "Kim", "Ngọc", "Châu", "Định",
    "Gia", "Lạc", "Phong", "Quảng", "Thái", "Thiện", "Tường", "Vạn", "Yên", "Đại", "Đông", "Tây",
    "Nam", "Bắc", "Hậu", "Ea", "Nậm", "Mường", "Tà", "Chư",
];
const SYL2: &[&str] = &[
    "An", "Bình", "Hưng", "Lợi", "Phú", "Thạnh", "Long", "Hòa", "Thuận", "Lộc", "Tiến", "Phát",
    "Hiệp", "Nghĩa", "Khương", "Quan", "Tâm", "Đức", "Nơ", "Khai", "Mỹ", "Hội", "Điền", "Trạch",
    "Xuân", "Thọ", "Sơn", "Hải", "Giang", "Lâm", "Phong", "Thịnh", "Vượng", "Thành", "Tân",
    "Trung", "Hạnh", "Phúc", "Định", "Ninh", "Yên", "Lạng", "Kiều", "Ngãi", "Dương",
];

/// The 34 provinces and cities (2025); `true` for a centrally-run city.
const PROVINCES: &[(&str, bool)] = &[
    ("Hà Nội", true),
    ("Huế", true),
    ("Lai Châu", false),
    ("Điện Biên", false),
    ("Sơn La", false),
    ("Lạng Sơn", false),
    ("Quảng Ninh", false),
    ("Thanh Hóa", false),
    ("Nghệ An", false),
    ("Hà Tĩnh", false),
    ("Cao Bằng", false),
    ("Tuyên Quang", false),
    ("Lào Cai", false),
    ("Thái Nguyên", false),
    ("Phú Thọ", false),
    ("Bắc Ninh", false),
    ("Hưng Yên", false),
    ("Hải Phòng", true),
    ("Ninh Bình", false),
    ("Quảng Trị", false),
    ("Đà Nẵng", true),
    ("Quảng Ngãi", false),
    ("Gia Lai", false),
    ("Khánh Hòa", false),
    ("Lâm Đồng", false),
    ("Đắk Lắk", false),
    ("Hồ Chí Minh", true),
    ("Đồng Nai", false),
    ("Tây Ninh", false),
    ("Cần Thơ", true),
    ("Vĩnh Long", false),
    ("Đồng Tháp", false),
    ("Cà Mau", false),
    ("An Giang", false),
];

/// Departments of a province (sở, ban ngành): (id part, name, short name).
const DEPARTMENTS: &[(&str, &str)] = &[
    ("so-noi-vu", "Sở Nội vụ"),
    ("so-tu-phap", "Sở Tư pháp"),
    ("so-tai-chinh", "Sở Tài chính"),
    ("so-cong-thuong", "Sở Công Thương"),
    ("so-nong-nghiep-moi-truong", "Sở Nông nghiệp và Môi trường"),
    ("so-xay-dung", "Sở Xây dựng"),
    ("so-khoa-hoc-cong-nghe", "Sở Khoa học và Công nghệ"),
    ("so-giao-duc-dao-tao", "Sở Giáo dục và Đào tạo"),
    ("so-y-te", "Sở Y tế"),
    (
        "so-van-hoa-the-thao-du-lich",
        "Sở Văn hóa, Thể thao và Du lịch",
    ),
    ("so-dan-toc-ton-giao", "Sở Dân tộc và Tôn giáo"),
    ("van-phong-ubnd", "Văn phòng UBND"),
    ("thanh-tra", "Thanh tra"),
    ("so-ngoai-vu", "Sở Ngoại vụ"),
    ("ban-quan-ly-kcn", "Ban Quản lý các khu công nghiệp"),
    ("so-lao-dong", "Sở Lao động – Thương binh và Xã hội"),
    ("so-thong-tin", "Sở Thông tin và Truyền thông"),
    ("ban-dan-toc", "Ban Dân tộc"),
    ("so-du-lich", "Sở Du lịch"),
];

const MINISTRIES: &[(&str, &str)] = &[
    ("bo-noi-vu", "Bộ Nội vụ"),
    ("bo-tu-phap", "Bộ Tư pháp"),
    ("bo-tai-chinh", "Bộ Tài chính"),
    ("bo-khoa-hoc-cong-nghe", "Bộ Khoa học và Công nghệ"),
    ("bo-y-te", "Bộ Y tế"),
];

/// District offices (S): (id, name, short name).
const AGENCIES: &[(&str, &str, &str)] = &[
    ("phong-noi-vu", "Phòng Nội vụ", "Nội vụ"),
    ("phong-tu-phap", "Phòng Tư pháp", "Tư pháp"),
    (
        "phong-tai-chinh-ke-hoach",
        "Phòng Tài chính – Kế hoạch",
        "Tài chính – Kế hoạch",
    ),
    (
        "phong-van-hoa-thong-tin",
        "Phòng Văn hóa – Thông tin",
        "Văn hóa – Thông tin",
    ),
    (
        "phong-kinh-te-ha-tang",
        "Phòng Kinh tế – Hạ tầng",
        "Kinh tế – Hạ tầng",
    ),
    (
        "van-phong-hdnd-ubnd",
        "Văn phòng HĐND và UBND huyện",
        "Văn phòng HĐND và UBND",
    ),
];

/// The eight fields (lĩnh vực) of the PAR INDEX.
const FIELDS: &[&str] = &[
    "Công tác chỉ đạo, điều hành cải cách hành chính",
    "Xây dựng và tổ chức thực hiện văn bản quy phạm pháp luật",
    "Cải cách thủ tục hành chính",
    "Cải cách tổ chức bộ máy hành chính nhà nước",
    "Cải cách chế độ công vụ",
    "Cải cách tài chính công",
    "Xây dựng và phát triển Chính quyền điện tử, Chính quyền số",
    "Tác động của cải cách hành chính đến người dân, tổ chức và phát triển kinh tế – xã hội",
];

const GROUP_TITLES: &[&str] = &[
    "Kế hoạch và tổ chức thực hiện",
    "Kiểm tra, giám sát, đánh giá",
    "Thông tin, tuyên truyền",
    "Công khai, minh bạch",
    "Giải quyết hồ sơ",
    "Ứng dụng công nghệ thông tin",
    "Chất lượng phục vụ",
    "Sáng kiến, mô hình mới",
];

const LEAF_PATTERNS: &[&str] = &[
    "Mức độ hoàn thành {}",
    "Tỷ lệ {} đúng hạn",
    "Thực hiện {} theo quy định",
    "Kết quả {} trong năm",
    "Chất lượng {}",
    "Mức độ sử dụng {}",
];

const OBJECTS: &[&str] = &[
    "kế hoạch cải cách hành chính",
    "báo cáo định kỳ về CCHC",
    "hồ sơ thủ tục hành chính",
    "thư điện tử công vụ",
    "chữ ký số",
    "dịch vụ công trực tuyến toàn trình",
    "thanh toán trực tuyến",
    "số hóa hồ sơ, kết quả giải quyết TTHC",
    "văn bản xin lỗi người dân khi hồ sơ quá hạn",
    "tuyên truyền về CCHC",
    "kiểm tra công tác CCHC",
    "rà soát, đơn giản hóa TTHC",
    "niêm yết công khai TTHC",
    "tiếp nhận, xử lý phản ánh, kiến nghị",
    "tuyển dụng, sử dụng công chức",
    "giải ngân vốn đầu tư công",
    "thu ngân sách nhà nước",
    "khảo sát sự hài lòng",
];

const TASK_VERBS: &[&str] = &[
    "Hoàn thành",
    "Rà soát",
    "Báo cáo kết quả",
    "Khắc phục tồn tại về",
    "Đẩy nhanh tiến độ",
    "Cập nhật số liệu về",
    "Tổ chức thực hiện",
    "Kiểm tra, đôn đốc",
];

// ----------------------------------------------------------------- sizes

#[derive(Clone, Copy, PartialEq, Eq)]
enum Size {
    S,
    M,
    L,
}

struct Spec {
    size: Size,
    seed: u64,
    fields: usize,
    groups_per_field: usize,
    leaves_per_group: usize,
    snapshots: usize,
    tasks: usize,
    notes: usize,
}

impl Spec {
    fn of(size: Size) -> Spec {
        match size {
            Size::S => Spec {
                size,
                seed: 0x5EED_0001,
                fields: 6,
                groups_per_field: 2,
                leaves_per_group: 5,
                snapshots: 3,
                tasks: 200,
                notes: 50,
            },
            Size::M => Spec {
                size,
                seed: 0x5EED_0002,
                fields: 8,
                groups_per_field: 3,
                leaves_per_group: 5,
                snapshots: 12,
                tasks: 3_000,
                notes: 1_500,
            },
            Size::L => Spec {
                size,
                seed: 0x5EED_0003,
                fields: 8,
                groups_per_field: 3,
                leaves_per_group: 5,
                snapshots: 12,
                tasks: 80_000,
                notes: 40_000,
            },
        }
    }
    fn leaves(&self) -> usize {
        self.fields * self.groups_per_field * self.leaves_per_group
    }
}

// ----------------------------------------------------------------- model

struct Unit {
    id: String,
    name: String,
    short_name: Option<String>,
    kind: &'static str,
    /// Index into the frameworks.
    framework: Option<usize>,
    parent: Option<usize>,
    /// The region (province, district, or the ministries) it belongs to.
    region: usize,
    /// Written decomposed (NFD) in units.yaml.
    nfd: bool,
    /// How good it is at CCHC, in [0.35, 0.97]: drives its points.
    quality: f64,
}

struct Leaf {
    code: String,
    title: String,
    /// Max in hundredths.
    max: u32,
}

struct Framework {
    id: &'static str,
    title: String,
    leaves: Vec<Leaf>,
}

/// A province (or the district of S, or the ministries of L): one task file
/// and one notes folder.
struct Region {
    id: String,
    name: String,
    /// The unit at its head (province, district), if any.
    head: Option<usize>,
    /// Its home-affairs office (escalations go through it).
    home_affairs: Option<usize>,
    /// Units that lead tasks and get notes.
    members: Vec<usize>,
}

struct Corpus {
    spec: Spec,
    units: Vec<Unit>,
    frameworks: Vec<Framework>,
    regions: Vec<Region>,
}

fn build_frameworks(spec: &Spec, rng: &mut Rng, ids: &[&'static str]) -> Vec<Framework> {
    let titles = |id: &str| match id {
        "province" => "Bộ Chỉ số CCHC của UBND các tỉnh, thành phố trực thuộc trung ương",
        "ministry" => "Bộ Chỉ số CCHC của các bộ, cơ quan ngang bộ",
        "department" => "Bộ Chỉ số CCHC của các sở, ban, ngành thuộc UBND tỉnh",
        "district" => "Bộ Chỉ số CCHC của UBND các huyện, thị xã, thành phố",
        _ => "Bộ Chỉ số CCHC của UBND các xã, phường, thị trấn",
    };
    // S leaves out two fields; which ones stays fixed.
    let fields: Vec<usize> = if spec.fields == 8 {
        (0..8).collect()
    } else {
        vec![0, 2, 3, 4, 6, 7]
    };
    let maxes = [50u32, 75, 100, 100, 100, 125, 150, 200];
    ids.iter()
        .map(|&id| {
            let mut leaves = Vec::with_capacity(spec.leaves());
            for &f in &fields {
                for g in 0..spec.groups_per_field {
                    for l in 0..spec.leaves_per_group {
                        let pattern = *rng.pick(LEAF_PATTERNS);
                        let object = *rng.pick(OBJECTS);
                        let title = pattern.replace("{}", object);
                        leaves.push(Leaf {
                            code: format!("{}.{}.{}", f + 1, g + 1, l + 1),
                            title,
                            max: *rng.pick(&maxes),
                        });
                    }
                }
            }
            Framework {
                id,
                title: titles(id).to_string(),
                leaves,
            }
        })
        .collect()
}

/// Makes unit names from syllables, unique within a region, and ids unique
/// over the whole corpus.
struct Namer {
    ids: HashSet<String>,
}

impl Namer {
    fn place_name(&mut self, rng: &mut Rng, taken: &mut HashSet<String>) -> String {
        for attempt in 0.. {
            let name = if attempt < 40 {
                format!("{} {}", rng.pick(SYL1), rng.pick(SYL2))
            } else {
                format!("{} {} {}", rng.pick(SYL1), rng.pick(SYL2), rng.pick(SYL2))
            };
            if taken.insert(slugify(&name)) {
                return name;
            }
        }
        unreachable!()
    }

    /// `wanted`, or `wanted-<suffix>` when taken, or numbered.
    fn id(&mut self, wanted: &str, suffix: &str) -> String {
        let base = if suffix.is_empty() || !self.ids.contains(wanted) {
            wanted.to_string()
        } else {
            format!("{wanted}-{suffix}")
        };
        let mut id = base.clone();
        let mut n = 2;
        while self.ids.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.ids.insert(id.clone());
        id
    }
}

impl Corpus {
    fn new(spec: Spec) -> Corpus {
        let mut rng = Rng::new(spec.seed);
        let mut namer = Namer {
            ids: HashSet::new(),
        };
        let mut units: Vec<Unit> = Vec::new();
        let mut regions: Vec<Region> = Vec::new();
        let frameworks;
        let quality = |rng: &mut Rng| 0.35 + 0.62 * rng.unit().powf(0.7);

        match spec.size {
            Size::S => {
                frameworks = build_frameworks(&spec, &mut rng.fork(1), &["district", "commune"]);
                let mut taken = HashSet::new();
                let pid = namer.id("dong-nai", "");
                units.push(Unit {
                    id: pid,
                    name: "UBND tỉnh Đồng Nai".into(),
                    short_name: Some("Đồng Nai".into()),
                    kind: "province",
                    framework: None,
                    parent: None,
                    region: 0,
                    nfd: false,
                    quality: 0.8,
                });
                let dname = namer.place_name(&mut rng, &mut taken);
                let did = namer.id(&slugify(&dname), "huyen");
                let district = units.len();
                units.push(Unit {
                    id: did.clone(),
                    name: format!("Huyện {dname}"),
                    short_name: Some(dname.clone()),
                    kind: "district",
                    framework: Some(0),
                    parent: Some(0),
                    region: 0,
                    nfd: false,
                    quality: quality(&mut rng),
                });
                let mut members = vec![district];
                let mut home_affairs = None;
                for (id, name, short) in AGENCIES {
                    if *id == "phong-noi-vu" {
                        home_affairs = Some(units.len());
                    }
                    members.push(units.len());
                    units.push(Unit {
                        id: namer.id(id, &did),
                        name: (*name).into(),
                        short_name: Some((*short).into()),
                        kind: "agency",
                        framework: None,
                        parent: Some(district),
                        region: 0,
                        nfd: false,
                        quality: quality(&mut rng),
                    });
                }
                for i in 0..12 {
                    let name = namer.place_name(&mut rng, &mut taken);
                    let (kind, prefix) = if i == 11 {
                        ("town", "thị trấn")
                    } else {
                        ("commune", "xã")
                    };
                    members.push(units.len());
                    let nfd = rng.chance(0.15);
                    units.push(Unit {
                        id: namer.id(&slugify(&name), &did),
                        name: format!("UBND {prefix} {name}"),
                        short_name: Some(name),
                        kind,
                        framework: Some(1),
                        parent: Some(district),
                        region: 0,
                        nfd,
                        quality: quality(&mut rng),
                    });
                }
                regions.push(Region {
                    id: did,
                    name: format!("huyện {dname}"),
                    head: Some(district),
                    home_affairs,
                    members,
                });
            }
            Size::M | Size::L => {
                frameworks = build_frameworks(
                    &spec,
                    &mut rng.fork(1),
                    if spec.size == Size::L {
                        &["province", "ministry", "department", "commune"]
                    } else {
                        &["province", "department", "commune"]
                    },
                );
                let fw = |id: &str| frameworks.iter().position(|f| f.id == id);
                let provinces: Vec<(&str, bool)> = if spec.size == Size::L {
                    PROVINCES.to_vec()
                } else {
                    vec![("Đồng Nai", false)]
                };
                let np = provinces.len();
                // L: 640 departments and 3,321 communes over 34 provinces;
                // M: 19 departments, 110 communes and 20 wards.
                let (dept_total, commune_total) = if spec.size == Size::L {
                    (640, 3_321)
                } else {
                    (19, 130)
                };
                // Province ids first, so that no commune takes one.
                let pids: Vec<String> = provinces
                    .iter()
                    .map(|(pname, _)| namer.id(&slugify(pname), "tinh"))
                    .collect();
                for (p, (pname, city)) in provinces.iter().enumerate() {
                    let region = regions.len();
                    let pid = pids[p].clone();
                    let head = units.len();
                    let title = if *city { "thành phố" } else { "tỉnh" };
                    units.push(Unit {
                        id: pid.clone(),
                        name: format!("UBND {title} {pname}"),
                        short_name: Some((*pname).into()),
                        kind: "province",
                        framework: fw("province"),
                        parent: None,
                        region,
                        nfd: false,
                        quality: quality(&mut rng),
                    });
                    let mut members = vec![head];
                    let mut home_affairs = None;
                    let nd = dept_total / np + usize::from(p < dept_total % np);
                    for (did, dname) in DEPARTMENTS.iter().take(nd) {
                        if *did == "so-noi-vu" {
                            home_affairs = Some(units.len());
                        }
                        members.push(units.len());
                        let short = if dname.starts_with("Sở") || dname.starts_with("Ban") {
                            (*dname).to_string()
                        } else {
                            format!("{dname} {title}")
                        };
                        units.push(Unit {
                            id: namer.id(&format!("{pid}-{did}"), ""),
                            name: format!("{dname} {title} {pname}"),
                            short_name: Some(short),
                            kind: "department",
                            framework: fw("department"),
                            parent: Some(head),
                            region,
                            nfd: false,
                            quality: quality(&mut rng),
                        });
                    }
                    let nc = commune_total / np + usize::from(p < commune_total % np);
                    let mut taken = HashSet::new();
                    for c in 0..nc {
                        let name = namer.place_name(&mut rng, &mut taken);
                        // M has wards (phường) too; L keeps four kinds.
                        let ward = spec.size == Size::M && c >= 110;
                        let (kind, prefix) = if ward {
                            ("ward", "phường")
                        } else {
                            ("commune", "xã")
                        };
                        let nfd = rng.chance(0.1);
                        members.push(units.len());
                        units.push(Unit {
                            id: namer.id(&slugify(&name), &pid),
                            name: format!("UBND {prefix} {name}"),
                            short_name: Some(name),
                            kind,
                            framework: fw("commune"),
                            parent: Some(head),
                            region,
                            nfd,
                            quality: quality(&mut rng),
                        });
                    }
                    regions.push(Region {
                        id: pid,
                        name: format!("{title} {pname}"),
                        head: Some(head),
                        home_affairs,
                        members,
                    });
                }
                if spec.size == Size::L {
                    let region = regions.len();
                    let mut members = Vec::new();
                    for (id, name) in MINISTRIES {
                        members.push(units.len());
                        units.push(Unit {
                            id: namer.id(id, ""),
                            name: (*name).into(),
                            short_name: None,
                            kind: "ministry",
                            framework: fw("ministry"),
                            parent: None,
                            region,
                            nfd: false,
                            quality: quality(&mut rng),
                        });
                    }
                    regions.push(Region {
                        id: "trung-uong".into(),
                        name: "các bộ, cơ quan ngang bộ".into(),
                        head: None,
                        home_affairs: Some(members[0]),
                        members,
                    });
                }
            }
        }
        Corpus {
            spec,
            units,
            frameworks,
            regions,
        }
    }

    fn scored(&self) -> impl Iterator<Item = (usize, &Unit)> {
        self.units
            .iter()
            .enumerate()
            .filter(|(_, u)| u.framework.is_some())
    }

    /// The framework a unit's tasks and notes refer to: its own, else its
    /// region head's.
    fn framework_of(&self, u: usize) -> Option<usize> {
        self.units[u].framework.or_else(|| {
            self.regions[self.units[u].region]
                .head
                .and_then(|h| self.units[h].framework)
        })
    }
}

// ---------------------------------------------------------------- writer

struct Out {
    root: PathBuf,
    bytes: u64,
    files: u64,
}

impl Out {
    fn write(&mut self, rel: &str, text: &str) -> std::io::Result<()> {
        let path = self.root.join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let mut f = std::io::BufWriter::with_capacity(1 << 16, std::fs::File::create(&path)?);
        f.write_all(text.as_bytes())?;
        f.flush()?;
        self.bytes += text.len() as u64;
        self.files += 1;
        Ok(())
    }
}

fn size_name(size: Size) -> &'static str {
    match size {
        Size::S => "S",
        Size::M => "M",
        Size::L => "L",
    }
}

fn write_site(c: &Corpus, out: &mut Out) -> std::io::Result<()> {
    let (title, org) = match c.spec.size {
        Size::S => (
            format!(
                "Tiến độ cải cách hành chính {} năm {YEAR}",
                c.regions[0].name
            ),
            format!("Ủy ban nhân dân {}", c.regions[0].name),
        ),
        Size::M => (
            format!(
                "Tiến độ cải cách hành chính {} năm {YEAR}",
                c.regions[0].name
            ),
            format!("Ủy ban nhân dân {}", c.regions[0].name),
        ),
        Size::L => (
            format!("Chỉ số cải cách hành chính toàn quốc năm {YEAR}"),
            "Bộ Nội vụ".to_string(),
        ),
    };
    let (y, m, d) = AS_OF;
    let text = format!(
        "# Dữ liệu tổng hợp (sinh tự động bởi examples/corpus.rs, kích thước {size}) để đo hiệu năng.\n\
         title: {title}\n\
         organization: {org}\n\
         language: vi\n\
         base_url: \"https://example.gov.vn/cchc/\"\n\
         as_of: {y:04}-{m:02}-{d:02}\n\
         timezone: \"+07:00\"\n\
         description: {desc}\n",
        size = size_name(c.spec.size),
        title = q(&title),
        org = q(&org),
        desc = q(&format!(
            "Bộ dữ liệu mẫu kích thước {}: {} đơn vị, {} nhiệm vụ, {} ghi chú. Số liệu không có thật.",
            size_name(c.spec.size),
            c.units.len(),
            c.spec.tasks,
            c.spec.notes
        )),
    );
    out.write("site.yaml", &text)
}

fn write_units(c: &Corpus, out: &mut Out) -> std::io::Result<()> {
    let mut s = String::with_capacity(c.units.len() * 160);
    s.push_str(
        "# Đơn vị (dữ liệu tổng hợp). Một số tên viết ở dạng NFD (tổ hợp dấu rời).\nunits:\n",
    );
    for u in &c.units {
        let name = if u.nfd { nfd(&u.name) } else { u.name.clone() };
        let _ = writeln!(s, "  - id: {}\n    name: {}", u.id, q(&name));
        if let Some(short) = &u.short_name {
            let short = if u.nfd { nfd(short) } else { short.clone() };
            let _ = writeln!(s, "    short_name: {}", q(&short));
        }
        let _ = writeln!(s, "    kind: {}", u.kind);
        if let Some(f) = u.framework {
            let _ = writeln!(s, "    framework: {}", c.frameworks[f].id);
        }
        if let Some(p) = u.parent {
            let _ = writeln!(s, "    parent: {}", c.units[p].id);
        }
    }
    out.write("units.yaml", &s)
}

fn write_frameworks(c: &Corpus, rng: &mut Rng, out: &mut Out) -> std::io::Result<()> {
    let spec = &c.spec;
    for fw in &c.frameworks {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "id: {}\ntitle: {}\nscheme: {}\nyear: {YEAR}\nbands:\n  - {{ name: \"Tốt\", min: 90 }}\n  - {{ name: \"Khá\", min: 80 }}\n  - {{ name: \"Trung bình\", min: 65 }}\n  - {{ name: \"Yếu\", min: 0 }}\ncriteria:",
            fw.id,
            q(&fw.title),
            q("Quyết định số 1234/QĐ-BNV ngày 15/01/2025 (giả định, dữ liệu tổng hợp)")
        );
        let per_field = spec.groups_per_field * spec.leaves_per_group;
        for chunk in fw.leaves.chunks(per_field) {
            let field_code = chunk[0].code.split('.').next().unwrap_or("1");
            let fi: usize = field_code.parse().unwrap_or(1);
            let _ = writeln!(
                s,
                "  - code: \"{field_code}\"\n    title: {}\n    children:",
                q(FIELDS[fi - 1])
            );
            for (g, group) in chunk.chunks(spec.leaves_per_group).enumerate() {
                let _ = writeln!(
                    s,
                    "      - code: \"{field_code}.{}\"\n        title: {}\n        children:",
                    g + 1,
                    q(GROUP_TITLES[(fi + g) % GROUP_TITLES.len()])
                );
                for leaf in group {
                    let _ = writeln!(
                        s,
                        "          - code: \"{}\"\n            title: {}\n            max: {}",
                        leaf.code,
                        q(&leaf.title),
                        points(leaf.max)
                    );
                    let r = rng.unit();
                    if r < 0.1 {
                        s.push_str("            method: survey\n");
                    } else if r < 0.15 {
                        s.push_str("            method: both\n");
                    } else if r < 0.18 {
                        s.push_str(
                            "            note: \"Điểm tối đa là giá trị giả định của dữ liệu tổng hợp.\"\n",
                        );
                    }
                }
            }
        }
        out.write(&format!("frameworks/{}.yaml", fw.id), &s)?;
    }
    Ok(())
}

fn write_assignments(c: &Corpus, rng: &mut Rng, out: &mut Out) -> std::io::Result<()> {
    for region in &c.regions {
        let Some(head) = region.head else { continue };
        let Some(f) = c.units[head].framework else {
            continue;
        };
        // Owners: the offices of the region (not the communes).
        let owners: Vec<usize> = region
            .members
            .iter()
            .copied()
            .filter(|&u| matches!(c.units[u].kind, "department" | "agency"))
            .collect();
        if owners.is_empty() {
            continue;
        }
        let mut s = format!(
            "source: {}\nunit: {}\nassignments:\n",
            q(&format!(
                "Quyết định phân công thực hiện các tiêu chí CCHC năm {YEAR} của UBND {}",
                region.name
            )),
            c.units[head].id
        );
        for leaf in &c.frameworks[f].leaves {
            let owner = *rng.pick(&owners);
            let _ = writeln!(
                s,
                "  - criterion: {}/{}\n    owner: {}",
                c.frameworks[f].id, leaf.code, c.units[owner].id
            );
            if rng.chance(0.3) {
                let mut partners: Vec<&str> = Vec::new();
                for _ in 0..rng.range(1, 3) {
                    let p = *rng.pick(&owners);
                    if p != owner && !partners.contains(&c.units[p].id.as_str()) {
                        partners.push(&c.units[p].id);
                    }
                }
                if !partners.is_empty() {
                    let _ = writeln!(s, "    partners: [{}]", partners.join(", "));
                }
            }
        }
        out.write(&format!("assignments/{}.yaml", region.id), &s)?;
    }
    Ok(())
}

/// The snapshot dates: the 15th of each month, ending in December.
fn snapshot_days(n: usize) -> Vec<i64> {
    (0..n)
        .map(|i| days_from_civil(YEAR, (12 - n + 1 + i) as u32, 15))
        .collect()
}

fn stage_of(i: usize, n: usize) -> &'static str {
    let left = n - 1 - i;
    match left {
        0 => "công bố",
        1 => "thẩm định",
        2..=4 => {
            if i.is_multiple_of(2) {
                "rà soát"
            } else {
                "review"
            }
        }
        _ => "tự đánh giá",
    }
}

/// Writes the snapshots; returns the number of score values.
fn write_scores(c: &Corpus, rng: &mut Rng, out: &mut Out) -> std::io::Result<u64> {
    let n = c.spec.snapshots;
    let days = snapshot_days(n);
    // Per unit and leaf, a fixed difficulty so that a unit's curve is smooth.
    let mut values = 0u64;
    let scored: Vec<(usize, &Unit)> = c.scored().collect();
    for (si, &day) in days.iter().enumerate() {
        let progress = (si + 1) as f64 / n as f64;
        let mut srng = rng.fork(si as u64);
        let mut s = String::with_capacity(scored.len() * 1900);
        let (_, m, _) = civil_from_days(day);
        let _ = writeln!(
            s,
            "date: {}\nstage: {}\ntitle: {}\nsource: {}\nscores:",
            iso(day),
            stage_of(si, n),
            q(&format!("Chấm điểm CCHC tháng {m:02}/{YEAR}")),
            q(&format!(
                "Báo cáo số {}/BC-SNV ngày {} của cơ quan nội vụ",
                100 + si * 17,
                dmy(day)
            )),
        );
        for &(ui, u) in &scored {
            let f = u.framework.expect("scored");
            let fw = &c.frameworks[f];
            let _ = write!(s, "  - unit: {}\n    points: {{", u.id);
            // The same per-unit stream of difficulties in every snapshot.
            let mut drng = Rng::new(c.spec.seed ^ (ui as u64).wrapping_mul(0x2545_F491_4F6C_DD1D));
            let long_at = if si + 1 == n && srng.chance(0.3) {
                Some(srng.below(fw.leaves.len() as u64) as usize)
            } else {
                None
            };
            for (li, leaf) in fw.leaves.iter().enumerate() {
                let difficulty = drng.unit() * 0.3 - 0.15;
                let noise = srng.unit() * 0.1 - 0.05;
                let frac =
                    (u.quality * (0.55 + 0.45 * progress) + difficulty + noise).clamp(0.0, 1.0);
                let h = ((leaf.max as f64 * frac).round() as u32).min(leaf.max);
                if li > 0 {
                    s.push_str(", ");
                }
                let _ = write!(s, "\"{}\": ", leaf.code);
                if long_at == Some(li) {
                    let self_h = (h + (leaf.max - h) / 2).min(leaf.max);
                    let _ = write!(
                        s,
                        "{{points: {}, self: {}, appraised: {}, explanation: {}}}",
                        points(h),
                        points(self_h),
                        points(h),
                        q("Hồ sơ minh chứng chưa đầy đủ; đã yêu cầu bổ sung")
                    );
                } else if srng.chance(0.005) {
                    s.push_str(&points_comma(h));
                } else {
                    s.push_str(&points(h));
                }
                values += 1;
            }
            s.push_str("}\n");
        }
        out.write(&format!("scores/{}.yaml", iso(day)), &s)?;
    }
    Ok(values)
}

#[derive(Clone, Copy)]
enum Planned {
    Done,
    DoneLate,
    Overdue,
    DueSoon,
    Upcoming,
    NoDate,
}

/// A task written, for notes to refer to: (task id, lead unit).
type TaskRef = (String, usize);

/// Writes one task file per region; returns the tasks (after fan-out).
fn write_tasks(c: &Corpus, rng: &mut Rng, out: &mut Out) -> std::io::Result<Vec<TaskRef>> {
    let total = c.spec.tasks;
    let as_of = days_from_civil(AS_OF.0, AS_OF.1, AS_OF.2);
    let mut refs: Vec<TaskRef> = Vec::with_capacity(total);
    // Tasks per region in proportion to its members.
    let members: usize = c.regions.iter().map(|r| r.members.len()).sum();
    let mut left = total;
    for (ri, region) in c.regions.iter().enumerate() {
        let want = if ri + 1 == c.regions.len() {
            left
        } else {
            (total * region.members.len() / members).min(left)
        };
        left -= want;
        let mut trng = rng.fork(ri as u64);
        let prefix = &region.id;
        let issuer = region.head.or(region.home_affairs);
        let mut s = String::with_capacity(want * 420);
        let _ = writeln!(
            s,
            "source: {}\nissued: {}\n{}legal_basis:\n  - {}\n  - {}\ntasks:",
            q(&format!(
                "Kế hoạch số {}/KH-UBND về thực hiện nhiệm vụ cải cách hành chính năm {YEAR} của {}",
                20 + ri,
                region.name
            )),
            iso(days_from_civil(YEAR, 1, 10 + (ri % 15) as u32)),
            issuer
                .map(|u| format!("issuer: {}\n", c.units[u].id))
                .unwrap_or_default(),
            q(
                "Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 – 2030"
            ),
            q(&format!(
                "Quyết định số 1234/QĐ-BNV ngày 15/01/{YEAR} (giả định)"
            )),
        );
        let communes: Vec<usize> = region
            .members
            .iter()
            .copied()
            .filter(|&u| matches!(c.units[u].kind, "commune" | "ward" | "town"))
            .collect();
        let mut made = 0;
        let mut n = 0;
        while made < want {
            n += 1;
            let id = format!("{prefix}-{n:05}");
            // Fan-out: the same task for a few communes of the region.
            let fan: Vec<usize> = if communes.len() >= 3 && want - made >= 3 && trng.chance(0.02) {
                let k = (trng.range(2, 5) as usize).min(want - made);
                let start = trng.below(communes.len() as u64) as usize;
                (0..k)
                    .map(|j| communes[(start + j * 7) % communes.len()])
                    .collect::<std::collections::BTreeSet<_>>()
                    .into_iter()
                    .collect()
            } else {
                Vec::new()
            };
            let lead = if fan.is_empty() {
                *trng.pick(&region.members)
            } else {
                fan[0]
            };
            let fwi = c.framework_of(lead);
            let leaf = fwi.map(|f| {
                let fw = &c.frameworks[f];
                (
                    fw.id,
                    &fw.leaves[trng.below(fw.leaves.len() as u64) as usize],
                )
            });
            let title = match leaf {
                Some((_, l)) => format!(
                    "{} tiêu chí {}: {}",
                    trng.pick(TASK_VERBS),
                    l.code,
                    lower_first(&l.title)
                ),
                None => format!("{} {}", trng.pick(TASK_VERBS), trng.pick(OBJECTS)),
            };
            let title = if trng.chance(0.05) {
                nfd(&title)
            } else {
                title
            };
            let _ = writeln!(s, "  - id: {id}\n    title: {}", q(&title));
            if fan.is_empty() {
                let _ = writeln!(s, "    lead: {}", c.units[lead].id);
            } else {
                let ids: Vec<&str> = fan.iter().map(|&u| c.units[u].id.as_str()).collect();
                let _ = writeln!(s, "    units: [{}]", ids.join(", "));
            }
            if trng.chance(0.25) {
                let p = *trng.pick(&region.members);
                if p != lead && !fan.contains(&p) {
                    let _ = writeln!(s, "    partners: [{}]", c.units[p].id);
                }
            }
            if let Some((fid, l)) = leaf {
                let _ = writeln!(s, "    criterion: {fid}/{}", l.code);
            }
            if trng.chance(0.15) {
                let _ = writeln!(
                    s,
                    "    detail: |\n      Thực hiện theo kế hoạch của {}:\n\n      - rà soát hồ sơ, số liệu;\n      - báo cáo kết quả về cơ quan nội vụ **đúng hạn**.",
                    region.name
                );
            }
            let r = trng.unit();
            let planned = if r < 0.30 {
                Planned::Done
            } else if r < 0.40 {
                Planned::DoneLate
            } else if r < 0.55 {
                Planned::Overdue
            } else if r < 0.65 {
                Planned::DueSoon
            } else if r < 0.97 {
                Planned::Upcoming
            } else {
                Planned::NoDate
            };
            let (due, done_on) = match planned {
                Planned::Done => {
                    let due = as_of + trng.range(-200, 30);
                    let done = (due - trng.range(0, 10)).min(as_of);
                    (Some(due), Some(done))
                }
                Planned::DoneLate => {
                    let due = as_of - trng.range(5, 200);
                    let done = due + trng.range(1, (as_of - due).min(30));
                    (Some(due), Some(done))
                }
                Planned::Overdue => (Some(as_of - trng.range(1, 150)), None),
                Planned::DueSoon => (Some(as_of + trng.range(0, 7)), None),
                Planned::Upcoming => (Some(as_of + trng.range(8, 90)), None),
                Planned::NoDate => (None, None),
            };
            if let Some(due) = due {
                let _ = writeln!(s, "    due: {}", date_value(&mut trng, due));
                if trng.chance(0.3) {
                    let _ = writeln!(
                        s,
                        "    due_text: {}",
                        q(&format!("trước ngày {}", dmy(due)))
                    );
                }
            } else {
                let _ = writeln!(s, "    due_text: {}", q(&format!("trong năm {YEAR}")));
            }
            if let Some(done) = done_on {
                let _ = writeln!(
                    s,
                    "    status: done\n    done_on: {}",
                    date_value(&mut trng, done)
                );
            } else if trng.chance(0.1) {
                s.push_str("    status: open\n");
            }
            let escalate = match planned {
                Planned::Overdue => trng.chance(0.3),
                Planned::DueSoon | Planned::Done | Planned::DoneLate => trng.chance(0.03),
                _ => false,
            };
            if let (true, Some(due)) = (escalate, due) {
                let _ = writeln!(
                    s,
                    "    escalation:\n      when: overdue\n      action: {}",
                    q("Tổng hợp báo cáo cấp trên xem xét trách nhiệm người đứng đầu")
                );
                if let Some(by) = region.home_affairs {
                    let _ = writeln!(s, "      by: {}", c.units[by].id);
                }
                if let Some(to) = region.head {
                    let _ = writeln!(s, "      to: {}", c.units[to].id);
                }
                let _ = writeln!(
                    s,
                    "      due: {}\n      basis: {}",
                    iso(due + 7),
                    q("Quy định trách nhiệm người đứng đầu trong thực hiện nhiệm vụ CCHC")
                );
            }
            if fan.is_empty() {
                refs.push((id, lead));
                made += 1;
            } else {
                for &u in &fan {
                    refs.push((format!("{id}-{}", c.units[u].id), u));
                }
                made += fan.len();
            }
        }
        out.write(&format!("tasks/ke-hoach-cchc-{}.yaml", region.id), &s)?;
    }
    Ok(refs)
}

fn lower_first(s: &str) -> String {
    let mut ch = s.chars();
    match ch.next() {
        Some(f) => f.to_lowercase().chain(ch).collect(),
        None => String::new(),
    }
}

fn write_notes(c: &Corpus, rng: &mut Rng, tasks: &[TaskRef], out: &mut Out) -> std::io::Result<()> {
    let total = c.spec.notes;
    let as_of = days_from_civil(AS_OF.0, AS_OF.1, AS_OF.2);
    let start = days_from_civil(YEAR, 1, 2);
    // Tasks by lead unit, for notes that follow a task.
    let mut by_unit: Vec<Vec<usize>> = vec![Vec::new(); c.units.len()];
    for (i, (_, u)) in tasks.iter().enumerate() {
        by_unit[*u].push(i);
    }
    let members: usize = c.regions.iter().map(|r| r.members.len()).sum();
    let mut left = total;
    let mut counter = 0usize;
    for (ri, region) in c.regions.iter().enumerate() {
        let want = if ri + 1 == c.regions.len() {
            left
        } else {
            (total * region.members.len() / members).min(left)
        };
        left -= want;
        let mut nrng = rng.fork(ri as u64);
        for _ in 0..want {
            counter += 1;
            let unit = *nrng.pick(&region.members);
            let u = &c.units[unit];
            let day = nrng.range(start, as_of);
            let id = format!("{}-{}-{counter:06}", iso(day), u.id);
            let leaf = c.framework_of(unit).map(|f| {
                let fw = &c.frameworks[f];
                (
                    fw.id,
                    &fw.leaves[nrng.below(fw.leaves.len() as u64) as usize],
                )
            });
            let task = if nrng.chance(0.4) && !by_unit[unit].is_empty() {
                Some(&tasks[*nrng.pick(&by_unit[unit])].0)
            } else {
                None
            };
            let short = u.short_name.as_deref().unwrap_or(&u.name);
            let title = match leaf {
                Some((_, l)) => format!(
                    "{short}: kết quả thực hiện tiêu chí {} ({})",
                    l.code, l.title
                ),
                None => format!("{short}: báo cáo tiến độ cải cách hành chính"),
            };
            let title = if nrng.chance(0.05) {
                nfd(&title)
            } else {
                title
            };
            let mut s = String::with_capacity(1600);
            let _ = writeln!(
                s,
                "---\ntitle: {}\ndate: {}\nunit: {}",
                q(&title),
                date_value(&mut nrng, day),
                u.id
            );
            if let Some((fid, l)) = leaf
                && nrng.chance(0.7)
            {
                let _ = writeln!(s, "criterion: {fid}/{}", l.code);
            }
            if let Some(t) = task {
                let _ = writeln!(s, "task: {t}");
            }
            if nrng.chance(0.1) {
                s.push_str("audience: committee\n");
            } else if nrng.chance(0.2) {
                s.push_str("audience: public\n");
            }
            if nrng.chance(0.3) {
                let _ = writeln!(
                    s,
                    "summary: {}",
                    q(&format!(
                        "Tóm tắt tình hình của {short} đến ngày {}",
                        dmy(day)
                    ))
                );
            }
            s.push_str("---\n");
            note_body(&mut s, &mut nrng, short, day, &region.name);
            let (y, m, _) = civil_from_days(day);
            out.write(&format!("notes/{}/{y:04}-{m:02}/{id}.md", region.id), &s)?;
        }
    }
    Ok(())
}

/// A Markdown body with headings, paragraphs, lists, a table and links.
fn note_body(s: &mut String, rng: &mut Rng, unit: &str, day: i64, region: &str) {
    let plan = rng.range(60, 100);
    let done = rng.range(20, plan);
    let _ = writeln!(
        s,
        "## Kết quả thực hiện\n\n\
         Đến ngày {}, {unit} đã hoàn thành **{done}/{plan}** nhiệm vụ được giao trong kế hoạch \
         cải cách hành chính năm {YEAR} của {region}. Chi tiết xem tại \
         [Cổng Dịch vụ công quốc gia](https://dichvucong.gov.vn/) và \
         [trang của đơn vị](https://example.gov.vn/don-vi/{}).\n",
        dmy(day),
        slugify(unit)
    );
    s.push_str("- Rà soát, cập nhật danh mục thủ tục hành chính;\n");
    s.push_str("- Niêm yết công khai TTHC tại bộ phận một cửa;\n");
    if rng.chance(0.5) {
        s.push_str("- Tổ chức tập huấn sử dụng *chữ ký số* cho cán bộ, công chức;\n");
    }
    s.push_str("- Báo cáo định kỳ đúng hạn.\n\n");
    s.push_str("| Chỉ tiêu | Kế hoạch | Thực hiện | Tỷ lệ |\n|---|---:|---:|---:|\n");
    for name in [
        "Hồ sơ trực tuyến toàn trình",
        "Hồ sơ giải quyết đúng hạn",
        "Hồ sơ được số hóa",
    ] {
        let a = rng.range(50, 2000);
        let b = rng.range(a / 2, a);
        let _ = writeln!(
            s,
            "| {name} | {a} | {b} | {},{}% |",
            b * 100 / a,
            (b * 1000 / a) % 10
        );
    }
    s.push_str("\n### Khó khăn, vướng mắc\n\n");
    let k = rng.range(1, 3);
    for i in 1..=k {
        let _ = writeln!(
            s,
            "{i}. {}",
            rng.pick(&[
                "Hạ tầng mạng tại một số điểm còn chập chờn.",
                "Một số cán bộ chưa thành thạo phần mềm một cửa điện tử.",
                "Người dân còn quen nộp hồ sơ trực tiếp.",
                "Kinh phí cho số hóa hồ sơ chưa được bố trí đủ.",
            ])
        );
    }
    if rng.chance(0.3) {
        s.push_str("\n> Đề nghị cơ quan nội vụ hướng dẫn thêm về cách chấm điểm tiêu chí này.\n");
    }
    if rng.chance(0.2) {
        s.push_str(
            "\n### Kiến nghị\n\nĐề xuất bổ sung kinh phí năm sau; xem `Kế hoạch số 12/KH-UBND`.\n",
        );
    }
}

// ------------------------------------------------------------------ main

fn prepare(dir: &Path) -> Result<(), String> {
    if dir.exists() {
        let empty = std::fs::read_dir(dir)
            .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
            .next()
            .is_none();
        if !empty {
            if !dir.join(MARKER).exists() {
                return Err(format!(
                    "{} exists and was not made by this program (no {MARKER}): refusing to replace it",
                    dir.display()
                ));
            }
            std::fs::remove_dir_all(dir)
                .map_err(|e| format!("cannot remove {}: {e}", dir.display()))?;
        }
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    std::fs::write(
        dir.join(MARKER),
        "made by examples/corpus.rs; safe to delete\n",
    )
    .map_err(|e| format!("cannot write in {}: {e}", dir.display()))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (size, dir) = match args.as_slice() {
        [s, d] => (s.to_ascii_uppercase(), PathBuf::from(d)),
        [h, pages, bytes, d] if h == "hugo" => {
            let (Ok(pages), Ok(bytes)) = (pages.parse::<u64>(), bytes.parse::<u64>()) else {
                eprintln!("usage: corpus hugo PAGES BYTES DIR");
                return ExitCode::from(2);
            };
            if pages < 3 {
                eprintln!("corpus hugo: PAGES must be at least 3");
                return ExitCode::from(2);
            }
            if let Err(e) = prepare(Path::new(d)) {
                eprintln!("corpus: {e}");
                return ExitCode::FAILURE;
            }
            return match hugo_site(pages, bytes, Path::new(d)) {
                Ok(line) => {
                    println!("{line}");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("corpus: writing {d}: {e}");
                    ExitCode::FAILURE
                }
            };
        }
        _ => {
            eprintln!("usage: corpus S|M|L DIR\n       corpus hugo PAGES BYTES DIR");
            return ExitCode::from(2);
        }
    };
    let size = match size.as_str() {
        "S" => Size::S,
        "M" => Size::M,
        "L" => Size::L,
        other => {
            eprintln!("unknown size `{other}`: use S, M or L");
            return ExitCode::from(2);
        }
    };
    if let Err(e) = prepare(&dir) {
        eprintln!("corpus: {e}");
        return ExitCode::FAILURE;
    }
    match generate(size, &dir) {
        Ok(line) => {
            println!("{line}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("corpus: writing {}: {e}", dir.display());
            ExitCode::FAILURE
        }
    }
}

fn generate(size: Size, dir: &Path) -> std::io::Result<String> {
    let spec = Spec::of(size);
    let mut rng = Rng::new(spec.seed ^ 0xC0FF_EE00);
    let corpus = Corpus::new(spec);
    let mut out = Out {
        root: dir.to_path_buf(),
        bytes: 0,
        files: 0,
    };
    write_site(&corpus, &mut out)?;
    write_units(&corpus, &mut out)?;
    write_frameworks(&corpus, &mut rng.fork(10), &mut out)?;
    write_assignments(&corpus, &mut rng.fork(11), &mut out)?;
    let values = write_scores(&corpus, &mut rng.fork(12), &mut out)?;
    let tasks = write_tasks(&corpus, &mut rng.fork(13), &mut out)?;
    write_notes(&corpus, &mut rng.fork(14), &tasks, &mut out)?;
    let leaves = corpus.spec.leaves();
    Ok(format!(
        "corpus {}: {} units ({} scored), {} leaf criteria ({} scorecards × {leaves}), {} snapshots, {} score values, {} tasks, {} notes, {} bytes in {} files → {}",
        size_name(size),
        corpus.units.len(),
        corpus.scored().count(),
        leaves * corpus.frameworks.len(),
        corpus.frameworks.len(),
        corpus.spec.snapshots,
        values,
        tasks.len(),
        corpus.spec.notes,
        out.bytes,
        out.files,
        dir.display()
    ))
}

// ------------------------------------------------------------ Hugo twin

/// A plain Hugo site for comparison: `PAGES` HTML pages in all (home, one
/// section list, `PAGES - 2` single pages) whose Markdown files add up to
/// exactly `BYTES`, with a minimal theme (baseof, single, list).
fn hugo_site(pages: u64, bytes: u64, dir: &Path) -> std::io::Result<String> {
    let mut out = Out {
        root: dir.to_path_buf(),
        bytes: 0,
        files: 0,
    };
    out.write(
        "hugo.toml",
        "baseURL = \"https://example.gov.vn/cchc/\"\n\
         languageCode = \"vi\"\n\
         title = \"Tiến độ cải cách hành chính (so sánh với Hugo)\"\n\
         disableKinds = [\"taxonomy\", \"term\", \"RSS\", \"sitemap\", \"robotsTXT\", \"404\"]\n",
    )?;
    out.write(
        "layouts/_default/baseof.html",
        "<!doctype html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{{ .Title }} – {{ .Site.Title }}</title>\n\
         <link rel=\"canonical\" href=\"{{ .Permalink }}\">\n</head>\n<body>\n\
         <header><a href=\"{{ \"\" | relURL }}\">{{ .Site.Title }}</a></header>\n\
         <main>{{ block \"main\" . }}{{ end }}</main>\n\
         <footer><p>Số liệu tính đến ngày 18/12/2025</p></footer>\n</body>\n</html>\n",
    )?;
    out.write(
        "layouts/_default/single.html",
        "{{ define \"main\" }}<article>\n<h1>{{ .Title }}</h1>\n\
         <p><time datetime=\"{{ .Date.Format \"2006-01-02\" }}\">{{ .Date.Format \"02/01/2006\" }}</time></p>\n\
         {{ .Content }}\n</article>{{ end }}\n",
    )?;
    out.write(
        "layouts/_default/list.html",
        "{{ define \"main\" }}<h1>{{ .Title }}</h1>\n{{ .Content }}\n<ul>\n\
         {{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a> {{ .Date.Format \"02/01/2006\" }}</li>\n{{ end }}\
         </ul>{{ end }}\n",
    )?;
    let layout_bytes = out.bytes;
    let singles = pages - 2;
    // The section's own page takes one share, like each single page.
    let shares = singles + 1;
    let mut rng = Rng::new(0x4855_474F);
    let start = days_from_civil(YEAR, 1, 2);
    for i in 0..shares {
        let target = (bytes / shares + u64::from(i < bytes % shares)) as usize;
        let (rel, front) = if i == 0 {
            (
                "content/ghi-chu/_index.md".to_string(),
                "---\ntitle: \"Ghi chú\"\n---\n".to_string(),
            )
        } else {
            let day = start + rng.range(0, 350);
            (
                format!("content/ghi-chu/trang-{i:06}.md"),
                format!(
                    "---\ntitle: \"Ghi chú số {i}: kết quả thực hiện tiêu chí {}.{}.{}\"\ndate: {}\n---\n",
                    rng.range(1, 8),
                    rng.range(1, 3),
                    rng.range(1, 5),
                    iso(day)
                ),
            )
        };
        let mut s = front;
        let mut body = String::new();
        note_body(&mut body, &mut rng, "Đơn vị", start, "tỉnh");
        // Whole Markdown blocks while they fit, then filler words, then
        // ASCII to land on the exact byte count.
        for block in body.split_inclusive("\n\n") {
            if s.len() + block.len() > target {
                break;
            }
            s.push_str(block);
        }
        const WORDS: &[&str] = &[
            "cải", "cách", "hành", "chính", "tiến", "độ", "nhiệm", "vụ", "đúng", "hạn", "hồ", "sơ",
            "trực", "tuyến", "một", "cửa", "điện", "tử", "số", "hóa",
        ];
        let mut w = 0;
        while s.len() + 16 < target {
            s.push_str(WORDS[w % WORDS.len()]);
            w += 1;
            s.push(if w.is_multiple_of(24) { '\n' } else { ' ' });
        }
        while s.len() + 1 < target {
            s.push('x');
        }
        if s.len() < target {
            s.push('\n');
        }
        out.write(&rel, &s)?;
    }
    Ok(format!(
        "hugo site: {pages} pages expected ({singles} single pages, 1 section, home), {} bytes of Markdown, {} files → {}",
        out.bytes - layout_bytes,
        out.files,
        dir.display()
    ))
}
