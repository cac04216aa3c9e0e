//! The words the site shows for the model's enums, in Vietnamese.

use crate::compute::Status;
use crate::model::{Method, Stage};

pub fn status(s: Status) -> &'static str {
    match s {
        Status::Done => "Đã hoàn thành",
        Status::DoneLate => "Hoàn thành trễ hạn",
        Status::Overdue => "Quá hạn",
        Status::DueSoon => "Sắp đến hạn",
        Status::Upcoming => "Chưa đến hạn",
    }
}

pub fn stage(s: Stage) -> &'static str {
    match s {
        Stage::SelfAssessment => "Tự đánh giá",
        Stage::Review => "Rà soát",
        Stage::Appraisal => "Thẩm định",
        Stage::Published => "Công bố",
    }
}

pub fn method(m: Method) -> &'static str {
    match m {
        Method::SelfAssessed => "Tự đánh giá",
        Method::Survey => "Điều tra xã hội học",
        Method::Both => "Tự đánh giá và điều tra xã hội học",
    }
}

/// The plural heading of a kind of unit; unknown kinds show as written.
pub fn kind(k: &str) -> &str {
    match k {
        "ministry" => "Bộ, cơ quan ngang bộ",
        "province" => "Tỉnh, thành phố",
        "department" => "Sở, ban, ngành",
        "district" => "Huyện, thị xã, thành phố",
        "agency" => "Cơ quan chuyên môn",
        "service_unit" => "Đơn vị sự nghiệp",
        "commune" => "Xã",
        "ward" => "Phường",
        "town" => "Thị trấn",
        "external" => "Cơ quan phối hợp",
        other => other,
    }
}

/// Order of kinds on listing pages: higher levels first.
pub fn kind_order(k: &str) -> usize {
    match k {
        "ministry" => 0,
        "province" => 1,
        "department" => 2,
        "district" => 3,
        "agency" => 4,
        "service_unit" => 5,
        "commune" => 6,
        "ward" => 7,
        "town" => 8,
        "external" => 10,
        _ => 9,
    }
}
