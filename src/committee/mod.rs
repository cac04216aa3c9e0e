//! The committee's build, protected: it goes under an unguessable folder
//! (the "secret"), kept from build to build in a file beside the content
//! folder, and with a passphrase every page and data file is sealed with
//! AES-256-GCM under a key from PBKDF2-HMAC-SHA256, and the pages only the
//! committee's build has get addresses that are a keyed hash of their slug
//! ([`AddressKey`]). The cryptography is the RustCrypto crates'; nothing
//! here is hand-made beyond laying out bytes.

pub mod locked;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce};
use anyhow::{Context as _, bail};
use base64::Engine as _;
use rand::RngCore as _;
use rand::rngs::OsRng;
use sha2::Sha256;
use unicode_normalization::UnicodeNormalization as _;

use crate::limits::LIMITS;
use crate::model::{Audience, Model};

/// Where the secret folder name is kept: `.tiendo/committee-secret` in the
/// folder that holds the content folder (beside `content/`, never inside
/// the published output).
pub fn secret_file(content: &Path) -> anyhow::Result<PathBuf> {
    let content = std::path::absolute(content)
        .with_context(|| format!("thư mục nội dung `{}`", content.display()))?;
    let content = content.canonicalize().unwrap_or(content);
    let Some(parent) = content.parent() else {
        bail!(
            "thư mục nội dung `{}` là thư mục gốc: không có chỗ giữ tên thư mục bí mật; hãy dùng --secret-path",
            content.display()
        );
    };
    Ok(parent.join(".tiendo").join("committee-secret"))
}

/// The secret folder name of the committee's build: `given` (from
/// `--secret-path`) when there is one, else the one kept in
/// [`secret_file`], made there on the first build.
pub fn secret_folder(content: &Path, output: &Path, given: Option<&str>) -> anyhow::Result<String> {
    if let Some(name) = given {
        check_secret(name).map_err(|e| anyhow::anyhow!("--secret-path `{name}`: {e}"))?;
        return Ok(name.to_string());
    }
    let file = secret_file(content)?;
    let out = std::path::absolute(output).unwrap_or_else(|_| output.to_path_buf());
    let out = out.canonicalize().unwrap_or(out);
    if file.starts_with(&out) {
        bail!(
            "tệp giữ tên thư mục bí mật `{}` nằm trong thư mục xuất `{}` và sẽ bị công bố: hãy chọn thư mục xuất khác hoặc dùng --secret-path",
            file.display(),
            output.display()
        );
    }
    match std::fs::read_to_string(&file) {
        Ok(text) => {
            let name = text.trim();
            check_secret(name).map_err(|e| {
                anyhow::anyhow!(
                    "{}, dòng 1: {e}; hãy xoá tệp để tạo tên mới (đường dẫn chia sẻ sẽ đổi)",
                    file.display()
                )
            })?;
            Ok(name.to_string())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let name = new_secret();
            let dir = file.parent().expect("the secret file is in .tiendo/");
            std::fs::create_dir_all(dir)
                .with_context(|| format!("tạo thư mục `{}`", dir.display()))?;
            std::fs::write(&file, format!("{name}\n"))
                .with_context(|| format!("ghi tệp `{}`", file.display()))?;
            Ok(name)
        }
        Err(e) => Err(e).with_context(|| format!("đọc tệp `{}`", file.display())),
    }
}

/// A new secret folder name: [`LIMITS.secret_bytes`] random bytes from the
/// operating system, in lowercase hex.
pub fn new_secret() -> String {
    let mut bytes = vec![0u8; LIMITS.secret_bytes];
    OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A secret folder name must be one path segment of URL-safe characters,
/// long enough not to be guessed.
pub fn check_secret(name: &str) -> Result<(), String> {
    let min = LIMITS.secret_bytes * 2;
    if name.chars().count() < min {
        return Err(format!(
            "tên thư mục bí mật cần ít nhất {min} ký tự (ví dụ 32 chữ số thập lục phân ngẫu nhiên) để không đoán được"
        ));
    }
    if !name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err("tên thư mục bí mật chỉ gồm chữ cái không dấu, chữ số, `-` và `_`".to_string());
    }
    Ok(())
}

/// Seals files with one key, derived once per build from the passphrase
/// and a random salt. Each file gets its own nonce: a random prefix of the
/// build and a counter, so no nonce repeats under a key; the key itself is
/// new with each build (the salt is), so sealed builds differ byte-wise.
pub struct Sealer {
    cipher: Aes256Gcm,
    salt: [u8; 16],
    iterations: u32,
    prefix: [u8; 4],
    counter: AtomicU64,
}

impl Sealer {
    /// Derives the key: PBKDF2-HMAC-SHA256, [`LIMITS.pbkdf2_iterations`]
    /// rounds (about 0.3 s).
    pub fn new(passphrase: &str) -> Sealer {
        let mut salt = [0u8; 16];
        OsRng.fill_bytes(&mut salt);
        let mut prefix = [0u8; 4];
        OsRng.fill_bytes(&mut prefix);
        Sealer::with_salt(passphrase, salt, LIMITS.pbkdf2_iterations, prefix)
    }

    /// The sealer of a known salt: to open what a build sealed (tests, checks).
    pub fn with_salt(passphrase: &str, salt: [u8; 16], iterations: u32, prefix: [u8; 4]) -> Sealer {
        let mut key = [0u8; 32];
        pbkdf2::pbkdf2_hmac::<Sha256>(passphrase.as_bytes(), &salt, iterations, &mut key);
        Sealer {
            cipher: Aes256Gcm::new_from_slice(&key).expect("a 32-byte key"),
            salt,
            iterations,
            prefix,
            counter: AtomicU64::new(0),
        }
    }

    /// `nonce (12 bytes) ‖ ciphertext ‖ tag (16 bytes)`, the layout the
    /// browser's script reads.
    pub fn seal(&self, plain: &[u8]) -> Vec<u8> {
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        let mut nonce = [0u8; 12];
        nonce[..4].copy_from_slice(&self.prefix);
        nonce[4..].copy_from_slice(&n.to_be_bytes());
        let sealed = self
            .cipher
            .encrypt(Nonce::from_slice(&nonce), plain)
            .expect("AES-GCM seals any message under 64 GB");
        let mut out = Vec::with_capacity(12 + sealed.len());
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        out
    }

    /// [`seal`](Self::seal), in base64, to carry inside a page.
    pub fn seal_base64(&self, plain: &[u8]) -> String {
        base64::engine::general_purpose::STANDARD.encode(self.seal(plain))
    }

    /// The salt, in base64, for the browser to derive the same key.
    pub fn salt_base64(&self) -> String {
        base64::engine::general_purpose::STANDARD.encode(self.salt)
    }

    pub fn iterations(&self) -> u32 {
        self.iterations
    }

    /// Opens what [`seal`](Self::seal) made; `None` when the key is wrong or
    /// the bytes were changed. For tests and checks.
    pub fn open(&self, sealed: &[u8]) -> Option<Vec<u8>> {
        let (nonce, body) = sealed.split_at_checked(12)?;
        self.cipher.decrypt(Nonce::from_slice(nonce), body).ok()
    }
}

/// The key of a sealed build's hidden addresses. Derived like the sealing
/// key (PBKDF2-HMAC-SHA256, as many rounds) but salted with the secret
/// folder's name rather than a random salt: the same from build to build
/// while the passphrase and the secret folder stay the same, so a link to
/// a committee note keeps working across builds; and as slow to derive, so
/// that an address is no cheaper a test of a guessed passphrase than a
/// sealed page is. Without the passphrase, no guessed name can be checked
/// against an address.
pub struct AddressKey([u8; 32]);

impl AddressKey {
    pub fn new(passphrase: &str, secret: &str) -> AddressKey {
        AddressKey::with_iterations(passphrase, secret, LIMITS.pbkdf2_iterations)
    }

    /// With fewer rounds: for tests.
    pub fn with_iterations(passphrase: &str, secret: &str, iterations: u32) -> AddressKey {
        let salt = format!("tiendo: địa chỉ ẩn của {secret}");
        let mut key = [0u8; 32];
        pbkdf2::pbkdf2_hmac::<Sha256>(passphrase.as_bytes(), salt.as_bytes(), iterations, &mut key);
        AddressKey(key)
    }

    /// The address of the page whose slug is `slug`: HMAC-SHA256 of the
    /// slug under the key, its first [`LIMITS.address_bytes`] bytes in
    /// lowercase hex. Nothing of the slug's words is left in it.
    pub fn address(&self, slug: &str) -> String {
        use hmac::Mac as _;
        type HmacSha256 = hmac::Hmac<Sha256>;
        let mut mac = <HmacSha256 as hmac::Mac>::new_from_slice(&self.0).expect("any key length");
        mac.update(slug.as_bytes());
        let hash = mac.finalize().into_bytes();
        hash[..LIMITS.address_bytes]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

/// Seals the committee's build: the [`Sealer`] of its files, and every page
/// that only the committee's build has (a note for the committee) moved to
/// its hidden address, which every link, the search index and the feed then
/// name. Pages the public build also has keep their addresses, so that the
/// secret folder's prefix swapped for the public site's leads to the same
/// page.
pub fn seal(model: &mut Model, passphrase: &str, secret: &str) -> anyhow::Result<Sealer> {
    // Two slow derivations, side by side.
    let (sealer, key) = rayon::join(
        || Sealer::new(passphrase),
        || AddressKey::new(passphrase, secret),
    );
    hide_addresses(model, &key)?;
    model.site.sealed = true;
    Ok(sealer)
}

/// Gives each committee note the address of its slug under `key` for id
/// (its route, `ghi-chu/<id>/`, follows); refuses the one-in-2¹²⁸ case of an
/// address that is already a note's.
fn hide_addresses(model: &mut Model, key: &AddressKey) -> anyhow::Result<()> {
    let mut taken: std::collections::HashSet<String> =
        model.notes.iter().map(|n| n.id.clone()).collect();
    for note in &mut model.notes {
        if note.audience != Audience::Committee {
            continue;
        }
        let address = key.address(&note.id);
        if !taken.insert(address.clone()) {
            bail!(
                "ghi chú `{}`: địa chỉ ẩn `{address}` trùng tên một ghi chú khác; hãy đổi tên tệp của ghi chú",
                note.id
            );
        }
        note.id = address;
    }
    Ok(())
}

/// The passphrase from `file` (its first line, without the line end), or
/// from the `TIENDO_PASSPHRASE` variable; `None` when neither is given.
pub fn passphrase(file: Option<&Path>) -> anyhow::Result<Option<String>> {
    let text = match file {
        Some(file) => std::fs::read_to_string(file)
            .with_context(|| format!("đọc tệp mật khẩu `{}`", file.display()))?,
        None => match std::env::var("TIENDO_PASSPHRASE") {
            Ok(text) => text,
            Err(_) => return Ok(None),
        },
    };
    let phrase = text.lines().next().unwrap_or("").trim_end_matches('\r');
    if phrase.trim().chars().count() < 8 {
        bail!(
            "mật khẩu{} quá ngắn: cần ít nhất 8 ký tự, tốt hơn là một câu dài",
            file.map(|f| format!(" trong `{}`", f.display()))
                .unwrap_or_default()
        );
    }
    // The browser's script takes the passphrase in NFC too: "ệ" typed as
    // one letter or as e and two marks gives the same key.
    Ok(Some(phrase.nfc().collect()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quick(passphrase: &str) -> Sealer {
        Sealer::with_salt(passphrase, [7; 16], 1_000, [1, 2, 3, 4])
    }

    #[test]
    fn sealed_bytes_open_with_the_same_passphrase_only() {
        let sealer = quick("mật khẩu của ban chỉ đạo");
        let sealed = sealer.seal("Biên bản họp".as_bytes());
        assert!(!sealed.windows(4).any(|w| w == "Biên".as_bytes()));
        assert_eq!(sealer.open(&sealed).unwrap(), "Biên bản họp".as_bytes());
        assert!(quick("mật khẩu khác hẳn").open(&sealed).is_none());
        let mut changed = sealed.clone();
        *changed.last_mut().unwrap() ^= 1;
        assert!(sealer.open(&changed).is_none());
    }

    #[test]
    fn every_file_gets_its_own_nonce() {
        let sealer = quick("mật khẩu của ban chỉ đạo");
        let a = sealer.seal(b"same");
        let b = sealer.seal(b"same");
        assert_ne!(a[..12], b[..12]);
        assert_ne!(a, b);
    }

    #[test]
    fn the_key_is_pbkdf2_hmac_sha256() {
        // RFC 7914's PBKDF2-HMAC-SHA256 vector: "passwd", "salt", 1 round.
        let mut key = [0u8; 32];
        pbkdf2::pbkdf2_hmac::<Sha256>(b"passwd", b"salt", 1, &mut key);
        assert_eq!(key[..8], [0x55, 0xac, 0x04, 0x6e, 0x56, 0xe3, 0x08, 0x9f]);
        const { assert!(LIMITS.pbkdf2_iterations >= 600_000) };
    }

    #[test]
    fn addresses_are_a_keyed_hash_stable_for_a_passphrase_and_a_secret() {
        let key = |p: &str, s: &str| AddressKey::with_iterations(p, s, 1_000);
        let slug = "2023-11-14-ghi-chu-noi-bo";
        let a = key("mật khẩu của ban chỉ đạo", "bi-mat").address(slug);
        assert_eq!(a.len(), 2 * LIMITS.address_bytes);
        assert!(
            a.chars()
                .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
        );
        assert_eq!(a, key("mật khẩu của ban chỉ đạo", "bi-mat").address(slug));
        assert_ne!(a, key("mật khẩu khác hẳn", "bi-mat").address(slug));
        assert_ne!(
            a,
            key("mật khẩu của ban chỉ đạo", "bi-mat-khac").address(slug)
        );
        assert_ne!(
            a,
            key("mật khẩu của ban chỉ đạo", "bi-mat").address("2023-11-14-khac")
        );
        // HMAC-SHA256 itself: RFC 4231's test case 2.
        use hmac::Mac as _;
        let mut mac = <hmac::Hmac<Sha256> as hmac::Mac>::new_from_slice(b"Jefe").unwrap();
        mac.update(b"what do ya want for nothing?");
        assert_eq!(mac.finalize().into_bytes()[..4], [0x5b, 0xdc, 0xc1, 0x46]);
    }

    #[test]
    fn a_new_secret_has_128_bits_and_passes_the_check() {
        let a = new_secret();
        assert_eq!(a.len(), 32);
        assert!(check_secret(&a).is_ok());
        assert_ne!(a, new_secret());
        assert!(check_secret("ngan").is_err());
        assert!(check_secret("../../../../../../../../etc/passwd").is_err());
    }
}
