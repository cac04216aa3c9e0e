//! `tiendo serve`: one process follows edits, shows errors on every page,
//! and comes back by itself; the built site never has the reload script.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::*;

/// How long a change may take to be served in this (debug, shared-machine)
/// test; the measured figures are in docs/performance.md.
const BOUND: Duration = Duration::from_secs(20);

struct Serve {
    child: Child,
    address: SocketAddr,
    lines: mpsc::Receiver<String>,
}

impl Serve {
    fn start(content: &Path) -> Serve {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tiendo"))
            .args([
                "serve",
                "--port",
                "0",
                "--content",
                content.to_str().unwrap(),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("tiendo serve starts");
        let (send, lines) = mpsc::channel();
        let stderr = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        let mut serve = Serve {
            child,
            address: "127.0.0.1:0".parse().unwrap(),
            lines,
        };
        let line = serve.wait_line(|l| l.contains("http://"));
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap();
        serve.address = url
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .parse()
            .unwrap();
        serve
    }

    fn wait_line(&mut self, wanted: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + BOUND;
        let mut seen = Vec::new();
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) if wanted(&line) => return line,
                Ok(line) => seen.push(line),
                Err(_) => break,
            }
        }
        panic!("no such line from serve; it said:\n{}", seen.join("\n"));
    }

    /// GET `path`: the status and the body.
    fn get(&self, path: &str) -> (u16, String) {
        get(self.address, path)
    }

    /// Fetches `path` until its body satisfies `wanted`, within [`BOUND`].
    fn until(&self, path: &str, wanted: impl Fn(u16, &str) -> bool) -> (u16, String) {
        let deadline = Instant::now() + BOUND;
        loop {
            let (status, body) = self.get(path);
            if wanted(status, &body) {
                return (status, body);
            }
            assert!(
                Instant::now() < deadline,
                "{path} did not change within {BOUND:?}; last ({status}):\n{body}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn get(address: SocketAddr, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(address).expect("serve accepts connections");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let response = String::from_utf8_lossy(&response).into_owned();
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        unchunk(body)
    } else {
        body.to_string()
    };
    (status, body)
}

fn unchunk(mut body: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = body.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 {
            break;
        }
        out.push_str(&rest[..n]);
        body = &rest[n + 2..];
    }
    out
}

fn site() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&example_content(), &tmp.path().join("content"));
    tmp
}

const NOTE: &str = "content/notes/2023-11-14-thu-dien-tu-cong-vu.md";

#[test]
fn follows_edits_shows_errors_and_comes_back_in_one_process() {
    let tmp = site();
    let content = tmp.path().join("content");
    let mut serve = Serve::start(&content);
    let pid = serve.child.id();
    assert!(serve.address.ip().is_loopback());

    // The home page, at / although base_url has the path /cchc/.
    let (status, home) = serve.get("/");
    assert_eq!(status, 200);
    assert!(home.contains("Hớn Quản"));
    // Links are relative to the page, so they work at / whatever the path
    // of base_url.
    let links: Vec<String> = scraper::Html::parse_document(&home)
        .select(&scraper::Selector::parse("a[href]").unwrap())
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect();
    assert!(
        links.iter().any(|href| href == "don-vi/"),
        "links are relative"
    );
    assert!(
        !links.iter().any(|href| href.starts_with("/cchc/")),
        "no link keeps the path of base_url"
    );
    assert!(
        home.contains("/__tiendo/reload"),
        "the reload script is there"
    );
    assert_eq!(serve.get("/assets/style.css").0, 200);
    assert_eq!(serve.get("/khong-co-trang-nay/").0, 404);

    // A note page; then the note is edited and the page follows.
    let note_route = "/ghi-chu/2023-11-14-thu-dien-tu-cong-vu/";
    let (status, before) = serve.get(note_route);
    assert_eq!(status, 200);
    assert!(!before.contains("Dòng mới thêm khi xem thử"));
    let note_path = tmp.path().join(NOTE);
    let text = read(&note_path);
    std::fs::write(&note_path, format!("{text}\nDòng mới thêm khi xem thử.\n")).unwrap();
    serve.until(note_route, |s, b| {
        s == 200 && b.contains("Dòng mới thêm khi xem thử")
    });

    // A broken site.yaml: every page names the file and the line.
    let site_yaml = content.join("site.yaml");
    let good = read(&site_yaml);
    // A field that does not exist, on a line of its own.
    let broken = good.replacen(
        "as_of: 2023-11-14",
        "as_of: 2023-11-14\nngay_cap_nhat: 2023-11-15",
        1,
    );
    assert_ne!(broken, good);
    let line = broken
        .lines()
        .position(|l| l.starts_with("ngay_cap_nhat:"))
        .unwrap()
        + 1;
    std::fs::write(&site_yaml, &broken).unwrap();
    let (status, page) = serve.until("/", |_, b| b.contains("site.yaml:"));
    assert_eq!(status, 500);
    let text = page_text(&page);
    assert!(
        text.contains(&format!("site.yaml:{line}:")),
        "the error page names site.yaml and line {line}:\n{text}"
    );
    assert!(
        page.contains("/__tiendo/reload"),
        "the error page reloads too"
    );
    let (_, other) = serve.get(note_route);
    assert!(other.contains("site.yaml:"), "every page shows the errors");
    serve.wait_line(|l| l.contains("site.yaml:"));

    // Fixed: the site comes back, in the same process.
    std::fs::write(&site_yaml, &good).unwrap();
    let (status, home) = serve.until("/", |s, _| s == 200);
    assert_eq!(status, 200);
    assert!(home.contains("Hớn Quản"));
    assert!(
        serve
            .get(note_route)
            .1
            .contains("Dòng mới thêm khi xem thử")
    );
    assert_eq!(serve.child.id(), pid);
    assert!(
        serve.child.try_wait().unwrap().is_none(),
        "serve still runs"
    );

    // Nothing was written next to the content.
    assert!(!tmp.path().join("public").exists());
    assert!(!content.join("public").exists());

    // Ctrl-C ends it cleanly.
    let killed = Command::new("kill")
        .args(["-INT", &pid.to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let deadline = Instant::now() + BOUND;
    let status = loop {
        if let Some(status) = serve.child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "serve did not stop on Ctrl-C");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "serve ends with {status}");
}

#[test]
fn notes_come_go_and_break_and_the_site_follows_in_one_process() {
    let tmp = site();
    let content = tmp.path().join("content");
    let mut serve = Serve::start(&content);
    let pid = serve.child.id();

    // A new note: its page, and a link from its unit's page.
    let new_note = content.join("notes/2023-11-20-ghi-chu-moi.md");
    std::fs::write(
        &new_note,
        "---\ntitle: \"Ghi chú mới khi xem thử\"\ndate: 2023-11-20\nunit: an-phu\n---\nNội dung.\n",
    )
    .unwrap();
    let route = "/ghi-chu/2023-11-20-ghi-chu-moi/";
    serve.until(route, |s, b| {
        s == 200 && b.contains("Ghi chú mới khi xem thử")
    });
    serve.wait_line(|l| l.contains("đã cập nhật ghi chú"));
    let (_, unit) = serve.get("/don-vi/an-phu/");
    assert!(
        unit.contains("Ghi chú mới khi xem thử"),
        "the unit lists it"
    );

    // A unit that does not exist: every page names the note and the line.
    std::fs::write(
        &new_note,
        "---\ntitle: \"Ghi chú mới khi xem thử\"\ndate: 2023-11-20\nunit: an-phuu\n---\nNội dung.\n",
    )
    .unwrap();
    let (status, page) = serve.until("/", |_, b| b.contains("2023-11-20-ghi-chu-moi.md:"));
    assert_eq!(status, 500);
    assert!(
        page_text(&page).contains("notes/2023-11-20-ghi-chu-moi.md:4:"),
        "{}",
        page_text(&page)
    );
    serve.wait_line(|l| l.contains("2023-11-20-ghi-chu-moi.md:4:"));

    // Put right: the site comes back, with the note under its new text.
    std::fs::write(
        &new_note,
        "---\ntitle: \"Ghi chú đã sửa\"\ndate: 2023-11-20\nunit: an-phu\n---\nNội dung.\n",
    )
    .unwrap();
    serve.until(route, |s, b| s == 200 && b.contains("Ghi chú đã sửa"));
    let (status, _) = serve.get("/");
    assert_eq!(status, 200);

    // Removed: its page is gone, the unit no longer lists it.
    std::fs::remove_file(&new_note).unwrap();
    serve.until(route, |s, _| s == 404);
    let (_, unit) = serve.get("/don-vi/an-phu/");
    assert!(!unit.contains("Ghi chú đã sửa"));
    assert_eq!(serve.child.id(), pid);
    assert!(
        serve.child.try_wait().unwrap().is_none(),
        "serve still runs"
    );
}

#[test]
fn listens_on_127_0_0_1_only_by_default() {
    let tmp = site();
    let serve = Serve::start(&tmp.path().join("content"));
    assert_eq!(serve.address.ip().to_string(), "127.0.0.1");
    // Not on another address of this machine, when it has one.
    let others: Vec<std::net::IpAddr> = local_addresses()
        .into_iter()
        .filter(|ip| !ip.is_loopback())
        .collect();
    for ip in &others {
        let at = SocketAddr::new(*ip, serve.address.port());
        assert!(
            TcpStream::connect_timeout(&at, Duration::from_secs(2)).is_err(),
            "serve answers on {at}"
        );
    }
    // 127.0.0.2 is loopback too, but not the address serve listens on.
    let at: SocketAddr = format!("127.0.0.2:{}", serve.address.port())
        .parse()
        .unwrap();
    assert!(TcpStream::connect_timeout(&at, Duration::from_secs(2)).is_err());
}

/// This machine's addresses, from `hostname -I` (Debian's `hostname`,
/// which `tests/run-all.sh` installs where it is missing).
fn local_addresses() -> Vec<std::net::IpAddr> {
    let out = Command::new("hostname")
        .arg("-I")
        .output()
        .expect("`hostname -I` lists this machine's addresses: install hostname");
    assert!(out.status.success(), "hostname -I: {out:?}");
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect()
}

#[test]
fn the_built_site_has_no_reload_script() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build(&example_content(), &out, &[]);
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(&out) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let bytes = std::fs::read(entry.path()).unwrap();
            let text = String::from_utf8_lossy(&bytes);
            assert!(
                !text.contains("__tiendo") && !text.contains("location.reload"),
                "{} has the reload script",
                entry.path().display()
            );
            pages += 1;
        }
    }
    assert!(pages > 20);
}
