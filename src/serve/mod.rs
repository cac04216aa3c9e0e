//! `tiendo serve`: a preview of the site that follows the officer's edits.
//!
//! The content stays in memory ([`live`]): a change reads only the files
//! that changed again; a change of notes alone updates the site in memory
//! ([`notes`]), any other validates and computes the model anew. Pages are
//! rendered when a browser asks for them ([`http`]), so a change costs no
//! render of the whole site. Pages get a small script that waits for the
//! next change and reloads; while the content has errors, every page shows
//! them as `tiendo check` prints them. Nothing is written to disk.

mod http;
mod live;
mod notes;

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use notify::Watcher as _;

use crate::diagnostics::{Diagnostic, Severity};
use crate::validate;
pub use http::RELOAD_PATH;
use live::{Live, Site};
use notes::Plan;

pub struct Options {
    pub content: PathBuf,
    pub theme: Option<PathBuf>,
    pub as_of: Option<chrono::NaiveDate>,
    pub committee: bool,
    pub bind: IpAddr,
    /// 0: any free port.
    pub port: u16,
}

/// What the preview tells whoever runs it (the terminal).
pub enum Event<'a> {
    /// Listening at this address.
    Listening(SocketAddr),
    /// The site was made again (or first made) after a change.
    Updated {
        /// Every problem, sorted as `check` sorts them.
        diagnostics: &'a [Diagnostic],
        /// Whether the site can be shown (no error).
        ok: bool,
        pages: usize,
        /// From the first change seen to the site ready to serve.
        took: Duration,
        /// Whether only notes changed and the site in memory took them,
        /// rather than being made again.
        in_place: bool,
    },
    /// Stopped by Ctrl-C.
    Stopped,
}

/// After a change, wait this long for more before reading: one save is
/// often several events (truncate, write, rename).
const QUIET: Duration = Duration::from_millis(10);
/// …but no longer than this in all.
const MOST: Duration = Duration::from_millis(100);
/// How long an update in place waits for the requests that read the site
/// (a page is rendered in milliseconds; the open data of a national site
/// takes seconds) before the site is made again beside it instead.
const HOLD: Duration = Duration::from_millis(500);

/// The state every request reads.
struct State {
    /// Goes up by one on every change, for the reload script.
    version: u64,
    site: Site,
}

pub(crate) struct Shared {
    state: RwLock<Arc<State>>,
    version: Mutex<u64>,
    changed: Condvar,
}

impl Shared {
    fn current(&self) -> Arc<State> {
        Arc::clone(&self.state.read().unwrap_or_else(|e| e.into_inner()))
    }

    fn publish(&self, site: Site) {
        let mut version = self.version.lock().unwrap_or_else(|e| e.into_inner());
        *version += 1;
        let state = Arc::new(State {
            version: *version,
            site,
        });
        *self.state.write().unwrap_or_else(|e| e.into_inner()) = state;
        self.changed.notify_all();
    }

    /// Changes the site in place, once no request reads it (within
    /// [`HOLD`]; requests wait meanwhile), and tells the reload script.
    /// `None` when requests held it longer.
    fn change<R>(&self, f: impl FnOnce(&mut Site) -> R) -> Option<R> {
        let mut version = self.version.lock().unwrap_or_else(|e| e.into_inner());
        let mut state = self.state.write().unwrap_or_else(|e| e.into_inner());
        let asked = Instant::now();
        while Arc::get_mut(&mut state).is_none() {
            if asked.elapsed() > HOLD {
                return None;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        let inner = Arc::get_mut(&mut state)?;
        let out = f(&mut inner.site);
        *version += 1;
        inner.version = *version;
        drop(state);
        self.changed.notify_all();
        Some(out)
    }

    /// Waits until the version is not `seen`, at most `wait`; gives it.
    fn wait_for_change(&self, seen: u64, wait: Duration) -> u64 {
        let version = self.version.lock().unwrap_or_else(|e| e.into_inner());
        let (version, _) = self
            .changed
            .wait_timeout_while(version, wait, |v| *v == seen)
            .unwrap_or_else(|e| e.into_inner());
        *version
    }
}

/// Serves the site until Ctrl-C.
pub fn run(options: &Options, tell: &(dyn Fn(Event) + Sync)) -> anyhow::Result<()> {
    let validate_options = validate::Options {
        as_of: options.as_of,
        committee: options.committee,
    };
    let started = Instant::now();
    let mut live = Live::open(&options.content, options.theme.as_deref(), validate_options)?;
    let first = live.build();
    let shared = Arc::new(Shared {
        state: RwLock::new(Arc::new(State {
            version: 0,
            site: Site::Broken {
                problems: Vec::new(),
                summary: String::new(),
                kept: None,
            },
        })),
        version: Mutex::new(0),
        changed: Condvar::new(),
    });
    tell(Done::of(&first).event(started));
    shared.publish(first.site);

    let (events, changes) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event
            && !matches!(event.kind, notify::EventKind::Access(_))
        {
            for path in event.paths {
                let _ = events.send(path);
            }
        }
    })
    .context("không theo dõi được thay đổi của tệp")?;
    for dir in live.watched() {
        watcher
            .watch(&dir, notify::RecursiveMode::Recursive)
            .with_context(|| format!("không theo dõi được thư mục `{}`", dir.display()))?;
    }

    let server =
        tiny_http::Server::http(SocketAddr::new(options.bind, options.port)).map_err(|e| {
            anyhow::anyhow!(
                "không mở được cổng {} trên {}: {e}; hãy chọn cổng khác bằng --port",
                options.port,
                options.bind
            )
        })?;
    let server = Arc::new(server);
    let address = server
        .server_addr()
        .to_ip()
        .context("the server has no IP address")?;
    {
        let server = Arc::clone(&server);
        ctrlc::set_handler(move || server.unblock()).context("cannot catch Ctrl-C")?;
    }
    tell(Event::Listening(address));

    std::thread::scope(|scope| {
        let shared_for_watch = Arc::clone(&shared);
        scope.spawn(move || follow(&mut live, &changes, &shared_for_watch, tell));
        for request in server.incoming_requests() {
            let shared = Arc::clone(&shared);
            std::thread::spawn(move || http::respond(request, &shared));
        }
        // Ctrl-C: the server stopped; the watcher's channel closes with it.
        drop(watcher);
    });
    tell(Event::Stopped);
    Ok(())
}

/// Reads each change, makes the site again and publishes it, until the
/// watcher is gone.
fn follow(
    live: &mut Live,
    changes: &Receiver<PathBuf>,
    shared: &Shared,
    tell: &(dyn Fn(Event) + Sync),
) {
    while let Ok(first) = changes.recv() {
        let seen = Instant::now();
        let mut paths = vec![first];
        loop {
            match changes.recv_timeout(QUIET) {
                Ok(path) => paths.push(path),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
            if seen.elapsed() > MOST {
                break;
            }
        }
        let wanted = live.changes(&paths);
        if wanted.is_empty() {
            continue;
        }
        let done = match live.apply(&wanted) {
            Ok(()) => refresh(live, shared),
            Err(e) => {
                let d =
                    Diagnostic::file(Severity::Error, &live.root_name(), format!("{e:#}"), None);
                shared.publish(live::broken(std::slice::from_ref(&d), None));
                Done {
                    diagnostics: vec![d],
                    ok: false,
                    pages: 0,
                    in_place: false,
                }
            }
        };
        tell(done.event(seen));
    }
}

/// What a change made of the site.
struct Done {
    /// Every problem, sorted as `check` sorts them.
    diagnostics: Vec<Diagnostic>,
    ok: bool,
    pages: usize,
    /// Whether the site in memory was updated rather than made again.
    in_place: bool,
}

impl Done {
    fn of(outcome: &live::Outcome) -> Done {
        let (ok, pages) = match &outcome.site {
            Site::Ready(r) => (true, r.pages.len()),
            Site::Broken { .. } => (false, 0),
        };
        Done {
            diagnostics: outcome.diagnostics.clone(),
            ok,
            pages,
            in_place: false,
        }
    }

    fn event(&self, since: Instant) -> Event<'_> {
        Event::Updated {
            diagnostics: &self.diagnostics,
            ok: self.ok,
            pages: self.pages,
            took: since.elapsed(),
            in_place: self.in_place,
        }
    }
}

/// Makes the site follow what `live` read again, and publishes it: in
/// place when only notes changed and the site in memory can take them,
/// else made again.
fn refresh(live: &mut Live, shared: &Shared) -> Done {
    let plan = live.plan(shared.current().site.held());
    match plan {
        Plan::Update(mut update) => {
            let checked = std::mem::take(&mut update.checked);
            let pages = shared.change(|site| {
                let mut ready = site.take_held()?;
                let pages = update.apply(&mut ready);
                *site = Site::Ready(ready);
                Some(pages)
            });
            if let Some(Some(pages)) = pages {
                return Done {
                    diagnostics: live.updated(checked),
                    ok: true,
                    pages,
                    in_place: true,
                };
            }
        }
        Plan::NoteErrors(Some(checked)) => {
            // The problems as a full validation gives them (the other files'
            // are those of the site in memory); the site in memory stays
            // for the save that puts the notes right.
            let diagnostics = live.problems_with(&checked);
            if show_keeping(shared, &diagnostics) {
                return Done {
                    diagnostics,
                    ok: false,
                    pages: 0,
                    in_place: true,
                };
            }
        }
        Plan::NoteErrors(None) => {
            // A note that could not be read: a full validation tells the
            // problems; the site in memory stays as above.
            let outcome = live.build();
            if matches!(outcome.site, Site::Broken { .. })
                && show_keeping(shared, &outcome.diagnostics)
            {
                return Done::of(&outcome);
            }
            let done = Done::of(&outcome);
            shared.publish(outcome.site);
            return done;
        }
        Plan::Full => {}
    }
    let outcome = live.build();
    let done = Done::of(&outcome);
    shared.publish(outcome.site);
    done
}

/// Shows the problems on every page, and keeps the site in memory behind
/// them. False when requests held the site too long.
fn show_keeping(shared: &Shared, diagnostics: &[Diagnostic]) -> bool {
    shared
        .change(|site| {
            let held = site.take_held();
            *site = live::broken(diagnostics, held);
        })
        .is_some()
}
