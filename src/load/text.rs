//! Text a reader sees, as written: one string for every language or one
//! per language (`{vi: "…", en: "…"}`).

use schemars::JsonSchema;
use serde::Deserialize;

/// Chữ người đọc thấy: một chuỗi cho mọi ngôn ngữ (`"Vùng"`) hoặc theo
/// từng ngôn ngữ (`{vi: "Vùng", en: "Regions"}`).
///
/// Text a reader sees, in one language for all (`"Vùng"`) or per language
/// (`{vi: "Vùng", en: "Regions"}`).
#[derive(Debug, Clone, JsonSchema)]
#[serde(untagged, deny_unknown_fields)]
pub enum RawText {
    /// Một chuỗi cho mọi ngôn ngữ.
    ///
    /// One text for every language.
    Plain(String),
    /// Theo từng ngôn ngữ.
    ///
    /// One text per language.
    ByLanguage {
        /// Tiếng Việt.
        ///
        /// Vietnamese.
        vi: String,
        /// Tiếng Anh; bỏ trống thì dùng tiếng Việt.
        ///
        /// English; Vietnamese when left out.
        #[serde(default)]
        en: Option<String>,
    },
}

/// Read by hand rather than untagged, so that a wrong key (`eng:`) or a
/// missing `vi` is named in the error rather than "no variant matched".
impl<'de> Deserialize<'de> for RawText {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<RawText, D::Error> {
        deserializer.deserialize_any(RawTextVisitor)
    }
}

struct RawTextVisitor;

impl<'de> serde::de::Visitor<'de> for RawTextVisitor {
    type Value = RawText;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("một chuỗi, hoặc {vi: \"…\", en: \"…\"}")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<RawText, E> {
        Ok(RawText::Plain(v.to_string()))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<RawText, A::Error> {
        use serde::de::Error;
        let (mut vi, mut en) = (None, None);
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "vi" => vi = Some(map.next_value::<String>()?),
                "en" => en = map.next_value::<Option<String>>()?,
                other => {
                    return Err(A::Error::custom(format!(
                        "ngôn ngữ `{other}` không có: chỉ ghi `vi` (tiếng Việt) và `en` (tiếng Anh)"
                    )));
                }
            }
        }
        let vi = vi.ok_or_else(|| {
            A::Error::custom("thiếu `vi`: chữ tiếng Việt là bắt buộc, `en` thì không")
        })?;
        Ok(RawText::ByLanguage { vi, en })
    }
}

impl RawText {
    /// The Vietnamese text and, when given, the English one.
    pub fn parts(&self) -> (&str, Option<&str>) {
        match self {
            RawText::Plain(s) => (s, None),
            RawText::ByLanguage { vi, en } => (vi, en.as_deref()),
        }
    }

    /// The Vietnamese text (the text for every language when plain).
    pub fn vi(&self) -> &str {
        self.parts().0
    }

    /// The English text, trimmed, when given and not empty.
    pub fn en(&self) -> Option<String> {
        self.parts()
            .1
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    }
}
