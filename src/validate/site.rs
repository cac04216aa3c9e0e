//! `site.yaml`: title, address, date and time zone of the site.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::{Options, Validator};
use crate::diagnostics::{Diagnostic, Severity};
use crate::load::FileId;
use crate::load::raw;
use crate::model::{Audience, Site, SiteEnglish, Text, split_base_url};
use crate::path;

impl Validator<'_> {
    pub(super) fn site(&mut self, options: &Options) -> Option<Site> {
        let Some((file, raw)) = &self.content.site else {
            if self.content.failed("site.y") {
                return None;
            }
            self.diags.push(Diagnostic::file(
                Severity::Error,
                "site.yaml",
                "thiếu tệp site.yaml".into(),
                Some("tạo content/site.yaml với title, organization, base_url, as_of".into()),
            ));
            return None;
        };
        let file = *file;
        let (base_url, base_path) = self.base_url(file, &raw.base_url);
        let as_of = self.date(file, &path!["as_of"], &raw.as_of);
        let timezone = raw.timezone.clone().unwrap_or_else(|| "+07:00".into());
        if !is_utc_offset(&timezone) {
            self.error(
                file,
                &path!["timezone"],
                format!("múi giờ `{timezone}` không hợp lệ"),
                Some("viết độ lệch so với UTC, ví dụ \"+07:00\"".into()),
            );
        }
        let languages = self.languages(file, raw);
        Some(Site {
            title: raw.title.vi().to_string(),
            organization: raw.organization.vi().to_string(),
            language: languages[0].clone(),
            languages,
            base_url,
            base_path,
            as_of: options
                .as_of
                .or(as_of)
                .unwrap_or(NaiveDate::from_ymd_opt(1970, 1, 1)?),
            timezone,
            description: raw.description.as_ref().map(|d| d.vi().to_string()),
            audience: if options.committee {
                Audience::Committee
            } else {
                Audience::Public
            },
            sealed: false,
            unit_kinds: site_unit_kinds(raw),
            en: SiteEnglish {
                title: raw.title.en(),
                organization: raw.organization.en(),
                description: raw.description.as_ref().and_then(raw::RawText::en),
            },
        })
    }

    /// `base_url` ending with `/`, and its path (`/` when it is not an
    /// address, an error).
    fn base_url(&mut self, file: FileId, written: &str) -> (String, String) {
        let base_url = if written.ends_with('/') {
            written.to_string()
        } else {
            format!("{written}/")
        };
        let base_path = match split_base_url(&base_url) {
            Some((_, path)) => path.to_string(),
            None => {
                self.error(
                    file,
                    &path!["base_url"],
                    format!(
                        "base_url `{}` không phải địa chỉ hợp lệ",
                        written.escape_debug()
                    ),
                    Some(
                        "viết dạng https://ten-mien.gov.vn/ hoặc https://ten-mien.gov.vn/cchc/"
                            .into(),
                    ),
                );
                "/".into()
            }
        };
        (base_url, base_path)
    }

    /// `languages` (or the older `language`), first the root's: each one
    /// tiendo has words for, once; `language` and `languages` agreeing.
    fn languages(&mut self, file: FileId, raw: &raw::RawSite) -> Vec<String> {
        let Some(list) = &raw.languages else {
            return vec![raw.language.clone().unwrap_or_else(|| "vi".into())];
        };
        let mut languages: Vec<String> = Vec::new();
        for (i, language) in list.iter().enumerate() {
            let language = language.trim().to_string();
            if !KNOWN_LANGUAGES.contains(&language.as_str()) {
                self.error(
                    file,
                    &path!["languages", i],
                    format!("tiendo chưa có từ ngữ cho ngôn ngữ `{language}`"),
                    Some(format!("dùng {}", KNOWN_LANGUAGES.join(" hoặc "))),
                );
            } else if languages.contains(&language) {
                self.error(
                    file,
                    &path!["languages", i],
                    format!("ngôn ngữ `{language}` được ghi hai lần"),
                    Some("mỗi ngôn ngữ ghi một lần".into()),
                );
            } else {
                languages.push(language);
            }
        }
        if languages.is_empty() {
            self.error(
                file,
                &path!["languages"],
                "danh sách ngôn ngữ trống".into(),
                Some("ví dụ: languages: [vi, en]".into()),
            );
            languages.push("vi".into());
        }
        if let Some(single) = &raw.language
            && single.trim() != languages[0]
        {
            self.error(
                file,
                &path!["language"],
                format!(
                    "`language: {single}` khác ngôn ngữ đầu của `languages` (`{}`)",
                    languages[0]
                ),
                Some("bỏ dòng `language`: `languages` đã nói ngôn ngữ của trang".into()),
            );
        }
        languages
    }
}

/// The languages tiendo has words for.
const KNOWN_LANGUAGES: [&str; 2] = ["vi", "en"];

fn is_utc_offset(tz: &str) -> bool {
    let b = tz.as_bytes();
    b.len() == 6
        && (b[0] == b'+' || b[0] == b'-')
        && b[1].is_ascii_digit()
        && b[2].is_ascii_digit()
        && b[3] == b':'
        && b[4].is_ascii_digit()
        && b[5].is_ascii_digit()
}

/// The unit kinds `site.yaml` names.
fn site_unit_kinds(raw: &raw::RawSite) -> BTreeMap<String, Text> {
    let text = |t: &raw::RawText| {
        let (vi, en) = t.parts();
        Text::new(vi, en)
    };
    raw.unit_kinds
        .iter()
        .map(|(kind, t)| (kind.clone(), text(t)))
        .collect()
}
