//! Ids made from Vietnamese names: `Tân Lợi` → `tan-loi`, `Đồng Nơ` → `dong-no`.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Makes an ASCII slug from a name, whether it is written NFC or NFD.
pub fn slugify(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut pending_dash = false;
    for c in name.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        let c = match c {
            'đ' | 'Đ' => 'd',
            c => c.to_ascii_lowercase(),
        };
        if c.is_ascii_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(c);
        } else {
            pending_dash = true;
        }
    }
    out
}

/// An id is a non-empty run of `a-z`, `0-9` and single dashes, starting and
/// ending with a letter or digit.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_names() {
        assert_eq!(slugify("Tân Lợi"), "tan-loi");
        assert_eq!(slugify("Đồng Nơ"), "dong-no");
        assert_eq!(
            slugify("Phòng Tài chính – Kế hoạch"),
            "phong-tai-chinh-ke-hoach"
        );
        assert_eq!(slugify("  Văn phòng HĐND & UBND  "), "van-phong-hdnd-ubnd");
    }

    #[test]
    fn nfd_and_nfc_give_the_same_id() {
        let nfd: String = "Phước An".nfd().collect();
        assert_ne!(nfd, "Phước An");
        assert_eq!(slugify(&nfd), slugify("Phước An"));
        assert_eq!(slugify(&nfd), "phuoc-an");
    }

    #[test]
    fn valid_ids() {
        assert!(is_valid_id("tan-loi"));
        assert!(is_valid_id("8-2"));
        assert!(!is_valid_id("Tan-loi"));
        assert!(!is_valid_id("tan--loi"));
        assert!(!is_valid_id("-a"));
        assert!(!is_valid_id("../etc"));
        assert!(!is_valid_id(""));
    }
}
