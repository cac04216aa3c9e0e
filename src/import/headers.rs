//! The names officers give to columns, with or without accents, in any
//! case, and what each column holds.

use super::norm;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    // Score sheets.
    Snapshot,
    Framework,
    Unit,
    Code,
    Title,
    Points,
    SelfAssessed,
    Appraised,
    Survey,
    Max,
    Explanation,
    Evidence,
    /// A unit's total (checked against the sum, not imported).
    Total,
    /// A unit's rank (checked, not imported).
    Rank,
    /// What tiendo computes itself: the total as a share of the max, the
    /// band (read for nothing but recognised).
    Percent,
    Band,
    /// The stage of the scores (`thẩm định`): read for nothing.
    Stage,
    // Task lists.
    Number,
    Task,
    Lead,
    Partners,
    Due,
    /// The deadline as the directive words it, beside a date column.
    DueText,
    Criterion,
    Status,
    DoneOn,
}

/// Accepted header names (normalized: no accents, lower case, single
/// spaces), each with a rank: when two columns name the same field, the
/// lower rank wins (`Mã đơn vị` over `Tên đơn vị`).
pub const SCORE_HEADERS: &[(&str, Field, u8)] = &[
    ("dot danh gia", Field::Snapshot, 0),
    ("ngay danh gia", Field::Snapshot, 1),
    ("dot", Field::Snapshot, 2),
    ("snapshot", Field::Snapshot, 3),
    ("bo chi so", Field::Framework, 0),
    ("framework", Field::Framework, 1),
    ("ma don vi", Field::Unit, 0),
    ("don vi", Field::Unit, 1),
    ("unit", Field::Unit, 1),
    ("ten don vi", Field::Unit, 2),
    ("co quan don vi", Field::Unit, 2),
    ("co quan", Field::Unit, 3),
    ("ten co quan", Field::Unit, 3),
    ("xa thi tran", Field::Unit, 4),
    ("xa phuong thi tran", Field::Unit, 4),
    ("ma tieu chi", Field::Code, 0),
    ("ma tc", Field::Code, 0),
    ("ma so", Field::Code, 1),
    ("ma", Field::Code, 1),
    ("criterion", Field::Code, 1),
    ("code", Field::Code, 1),
    ("tieu chi", Field::Code, 2),
    ("stt", Field::Code, 3),
    ("tt", Field::Code, 3),
    ("so tt", Field::Code, 3),
    ("ten tieu chi", Field::Title, 0),
    ("noi dung", Field::Title, 1),
    ("linh vuc tieu chi", Field::Title, 1),
    ("linh vuc tieu chi tieu chi thanh phan", Field::Title, 1),
    ("noi dung tieu chi", Field::Title, 1),
    ("tieu chi tieu chi thanh phan", Field::Title, 1),
    ("diem", Field::Points, 0),
    ("diem dat", Field::Points, 0),
    ("diem dat duoc", Field::Points, 0),
    ("diem so", Field::Points, 1),
    ("diem danh gia", Field::Points, 1),
    ("diem cham", Field::Points, 1),
    ("ket qua", Field::Points, 2),
    ("points", Field::Points, 2),
    ("diem tu cham", Field::SelfAssessed, 0),
    ("tu cham", Field::SelfAssessed, 0),
    ("diem tu danh gia", Field::SelfAssessed, 0),
    ("tu danh gia", Field::SelfAssessed, 0),
    ("self", Field::SelfAssessed, 1),
    ("diem tham dinh", Field::Appraised, 0),
    ("tham dinh", Field::Appraised, 0),
    ("diem hoi dong tham dinh", Field::Appraised, 0),
    ("hoi dong tham dinh", Field::Appraised, 1),
    ("appraised", Field::Appraised, 1),
    ("diem dieu tra xhh", Field::Survey, 0),
    ("dieu tra xhh", Field::Survey, 0),
    ("diem dieu tra xa hoi hoc", Field::Survey, 0),
    ("dieu tra xa hoi hoc", Field::Survey, 0),
    ("diem xhh", Field::Survey, 0),
    ("xhh", Field::Survey, 1),
    ("survey", Field::Survey, 1),
    ("diem toi da", Field::Max, 0),
    ("toi da", Field::Max, 0),
    ("thang diem", Field::Max, 1),
    ("diem chuan", Field::Max, 1),
    ("max", Field::Max, 2),
    ("giai trinh", Field::Explanation, 0),
    ("ly do", Field::Explanation, 1),
    ("ghi chu", Field::Explanation, 2),
    ("giai trinh ly do", Field::Explanation, 0),
    ("explanation", Field::Explanation, 1),
    ("tai lieu kiem chung", Field::Evidence, 0),
    ("tai lieu", Field::Evidence, 1),
    ("tlkc", Field::Evidence, 1),
    ("minh chung", Field::Evidence, 1),
    ("evidence", Field::Evidence, 1),
    ("tong diem", Field::Total, 0),
    ("tong cong", Field::Total, 0),
    ("tong so diem", Field::Total, 0),
    ("tong diem dat", Field::Total, 0),
    ("tong diem dat duoc", Field::Total, 0),
    ("tong", Field::Total, 1),
    ("cong", Field::Total, 2),
    ("total", Field::Total, 1),
    ("xep hang", Field::Rank, 0),
    ("thu hang", Field::Rank, 0),
    ("hang", Field::Rank, 1),
    ("rank", Field::Rank, 1),
    ("ty le", Field::Percent, 0),
    ("ty le diem", Field::Percent, 0),
    ("chi so", Field::Percent, 1),
    ("chi so cchc", Field::Percent, 1),
    ("giai doan", Field::Stage, 0),
    ("stage", Field::Stage, 1),
    ("xep loai", Field::Band, 0),
    ("phan loai", Field::Band, 1),
];

pub const TASK_HEADERS: &[(&str, Field, u8)] = &[
    ("stt", Field::Number, 0),
    ("tt", Field::Number, 0),
    ("so tt", Field::Number, 0),
    ("ma", Field::Number, 1),
    ("ma nhiem vu", Field::Number, 0),
    ("noi dung", Field::Task, 0),
    ("nhiem vu", Field::Task, 0),
    ("noi dung nhiem vu", Field::Task, 0),
    ("ten nhiem vu", Field::Task, 0),
    ("cong viec", Field::Task, 1),
    ("noi dung cong viec", Field::Task, 1),
    ("don vi chu tri", Field::Lead, 0),
    ("chu tri", Field::Lead, 0),
    ("co quan chu tri", Field::Lead, 0),
    ("don vi thuc hien", Field::Lead, 1),
    ("co quan thuc hien", Field::Lead, 1),
    ("phoi hop", Field::Partners, 0),
    ("don vi phoi hop", Field::Partners, 0),
    ("co quan phoi hop", Field::Partners, 0),
    ("thoi han", Field::Due, 0),
    ("thoi han hoan thanh", Field::Due, 0),
    ("han", Field::Due, 0),
    ("han hoan thanh", Field::Due, 0),
    ("thoi gian hoan thanh", Field::Due, 1),
    ("thoi han nguyen van", Field::DueText, 0),
    ("han nguyen van", Field::DueText, 0),
    ("tieu chi", Field::Criterion, 0),
    ("ma tieu chi", Field::Criterion, 0),
    ("tieu chi lien quan", Field::Criterion, 1),
    ("tinh trang", Field::Status, 0),
    ("trang thai", Field::Status, 0),
    ("ket qua", Field::Status, 1),
    ("ket qua thuc hien", Field::Status, 1),
    ("tien do", Field::Status, 1),
    ("tinh hinh thuc hien", Field::Status, 1),
    ("ngay hoan thanh", Field::DoneOn, 0),
];

/// The field a header names, by its normalized text.
pub fn recognise(text: &str, table: &[(&str, Field, u8)]) -> Option<(Field, u8)> {
    let key = norm(text);
    table
        .iter()
        .find(|(name, _, _)| *name == key)
        .map(|&(_, f, rank)| (f, rank))
}

/// The fields that hold a unit's scores of a criterion: what a column of a
/// unit (or of a criterion) is for.
pub const SCORE_KINDS: [Field; 6] = [
    Field::Points,
    Field::SelfAssessed,
    Field::Appraised,
    Field::Survey,
    Field::Explanation,
    Field::Evidence,
];

impl Field {
    /// Whether the field holds scores of a unit on a criterion (or what
    /// goes with them), rather than saying which row or column is which.
    pub fn is_score(self) -> bool {
        SCORE_KINDS.contains(&self)
    }

    /// Whether the field holds points (numbers that are summed).
    pub fn is_points(self) -> bool {
        matches!(
            self,
            Field::Points | Field::SelfAssessed | Field::Appraised | Field::Survey
        )
    }

    /// How the summary names a column of this field.
    pub fn label(self) -> &'static str {
        match self {
            Field::Points => "điểm",
            Field::SelfAssessed => "điểm tự chấm",
            Field::Appraised => "điểm thẩm định",
            Field::Survey => "điểm điều tra XHH",
            Field::Explanation => "giải trình",
            Field::Evidence => "tài liệu kiểm chứng",
            Field::Max => "điểm tối đa",
            Field::Total => "tổng điểm",
            Field::Rank => "xếp hạng",
            Field::Percent => "tỷ lệ",
            Field::Band => "xếp loại",
            Field::Unit => "đơn vị",
            Field::Code => "mã tiêu chí",
            Field::Title => "tên tiêu chí",
            _ => "cột",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_with_and_without_accents() {
        assert_eq!(
            recognise("Điểm tự chấm", SCORE_HEADERS),
            Some((Field::SelfAssessed, 0))
        );
        assert_eq!(
            recognise("DIEM THAM DINH", SCORE_HEADERS),
            Some((Field::Appraised, 0))
        );
        assert_eq!(
            recognise(" Mã  tiêu chí ", SCORE_HEADERS),
            Some((Field::Code, 0))
        );
        assert_eq!(recognise("Điểm 2022", SCORE_HEADERS), None);
    }
}
