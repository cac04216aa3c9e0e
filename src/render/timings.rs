//! With `TIENDO_TIMINGS` set, how long each page kind took: making its
//! data and rendering its template, summed over the threads (so CPU time,
//! not wall time), with the bytes it made. For finding where a large
//! build's time goes; nothing is recorded otherwise.

use std::collections::BTreeMap;
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

#[derive(Default, Clone, Copy)]
struct Totals {
    pages: usize,
    data: Duration,
    template: Duration,
    bytes: usize,
}

static TOTALS: Mutex<BTreeMap<&'static str, Totals>> = Mutex::new(BTreeMap::new());

/// Whether timings are kept: `TIENDO_TIMINGS` is set.
pub fn enabled() -> bool {
    static ENABLED: OnceLock<bool> = OnceLock::new();
    *ENABLED.get_or_init(|| std::env::var_os("TIENDO_TIMINGS").is_some())
}

/// Adds one page of `template`.
pub fn record(template: &'static str, data: Duration, render: Duration, bytes: usize) {
    let mut totals = TOTALS.lock().unwrap_or_else(|e| e.into_inner());
    let t = totals.entry(template).or_default();
    t.pages += 1;
    t.data += data;
    t.template += render;
    t.bytes += bytes;
}

/// Prints the totals of each template to stderr, and forgets them.
pub fn print() {
    let mut totals = TOTALS.lock().unwrap_or_else(|e| e.into_inner());
    eprintln!(
        "  {:<16} {:>7} {:>9} {:>9} {:>9}",
        "template", "pages", "data s", "render s", "MB"
    );
    for (template, t) in totals.iter() {
        eprintln!(
            "  {:<16} {:>7} {:>9.3} {:>9.3} {:>9.1}",
            template,
            t.pages,
            t.data.as_secs_f64(),
            t.template.as_secs_f64(),
            t.bytes as f64 / 1e6
        );
    }
    totals.clear();
}
