//! The deadline calendars as each kind of build offers them: a public site
//! online gives the address to subscribe to; an `--offline` copy the file
//! to import, and the site's address online; the committee's build a file
//! to import only, sealed with everything else when it has a passphrase.
//! (tests/calendar.py reads the calendars with an independent parser.)

mod common;

use common::*;

const UNIT_PAGE: &str = "don-vi/tan-loi/index.html";
const UNIT_CALENDAR: &str = "don-vi/tan-loi/lich.ics";
const SECRET: &str = "lich-cua-ban-chi-dao-thu-nghiem-0123456789";

fn content() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&example_content(), &dir.path().join("content"));
    dir
}

fn is_calendar(bytes: &[u8]) -> bool {
    bytes.starts_with(b"BEGIN:VCALENDAR\r\n") && bytes.ends_with(b"END:VCALENDAR\r\n")
}

#[test]
fn a_public_site_gives_the_address_to_subscribe_to() {
    let dir = content();
    let out = dir.path().join("public");
    build(&dir.path().join("content"), &out, &[]);
    let page = read(&out.join(UNIT_PAGE));
    assert!(page.contains("href=../../don-vi/tan-loi/lich.ics>Thêm vào lịch</a>"));
    assert!(page.contains("<code>https://example.gov.vn/cchc/don-vi/tan-loi/lich.ics</code>"));
    assert!(page.contains("webcal://example.gov.vn/cchc/don-vi/tan-loi/lich.ics"));
    let timeline = read(&out.join("thoi-han/index.html"));
    assert!(timeline.contains("href=../thoi-han/lich.ics>Thêm vào lịch</a>"));
    // The tasks without a date are counted where the link is.
    assert!(
        page_text(&timeline).contains("14 nhiệm vụ không ghi ngày cụ thể nên không có trong lịch")
    );
    assert!(is_calendar(
        &std::fs::read(out.join(UNIT_CALENDAR)).unwrap()
    ));
    assert!(is_calendar(
        &std::fs::read(out.join("thoi-han/lich.ics")).unwrap()
    ));
}

#[test]
fn an_offline_copy_gives_the_file_and_the_address_online() {
    let dir = content();
    let out = dir.path().join("public");
    build(&dir.path().join("content"), &out, &["--offline"]);
    let page = read(&out.join(UNIT_PAGE));
    assert!(page.contains("href=../../don-vi/tan-loi/lich.ics>"));
    assert!(page_text(&page).contains("Bản sao này mở từ máy"));
    assert!(page.contains("<code>https://example.gov.vn/cchc/don-vi/tan-loi/lich.ics</code>"));
    assert!(!page.contains("webcal:"));
    assert!(is_calendar(
        &std::fs::read(out.join(UNIT_CALENDAR)).unwrap()
    ));
}

#[test]
fn the_committees_calendar_is_to_import_and_sealed_with_a_passphrase() {
    let dir = content();
    let content = dir.path().join("content");
    let args = ["--audience", "committee", "--secret-path", SECRET];
    let open = dir.path().join("open");
    build(&content, &open, &args);
    let page = read(&open.join(SECRET).join(UNIT_PAGE));
    let text = page_text(&page);
    assert!(
        text.contains("Lịch này không đăng ký theo dõi được"),
        "{text}"
    );
    assert!(!page.contains("webcal:") && !page.contains("<code>"));
    let calendar = std::fs::read(open.join(SECRET).join(UNIT_CALENDAR)).unwrap();
    assert!(is_calendar(&calendar));
    // Imported into a calendar service, its events would hand it the
    // secret address: they name the task and its directive, not where the
    // committee's pages are.
    let calendar = String::from_utf8(calendar).unwrap().replace("\r\n ", "");
    assert!(calendar.contains("BEGIN:VEVENT"));
    assert!(!calendar.contains(SECRET), "{calendar}");
    assert!(!calendar.contains("\r\nURL:"), "{calendar}");

    let sealed = dir.path().join("sealed");
    let out = build_command(&content, &sealed)
        .args(args)
        .env("TIENDO_PASSPHRASE", "một cụm mật khẩu dài cho lịch")
        .output()
        .unwrap();
    assert!(out.status.success());
    for rel in [UNIT_CALENDAR, "thoi-han/lich.ics"] {
        let bytes = std::fs::read(sealed.join(SECRET).join(rel)).unwrap();
        assert!(!bytes.is_empty() && !is_calendar(&bytes), "{rel} is sealed");
        assert!(!String::from_utf8_lossy(&bytes).contains("Tân Lợi"));
    }
}
