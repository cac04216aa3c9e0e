//! With `TIENDO_TIMINGS` set, how long each page kind took: making its
//! data and rendering its template, summed over the threads (so CPU time,
//! not wall time), with the bytes it made. For finding where a large
//! build's time goes; nothing is recorded otherwise. The build returns
//! what was measured ([`take`]); the command line prints it.

use std::collections::BTreeMap;
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

/// The pages of one kind (one template) and what they took.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct PageKind {
    pub template: &'static str,
    pub pages: usize,
    /// Making the pages' data, summed over the threads.
    pub data: Duration,
    /// Rendering their template, summed over the threads.
    pub render: Duration,
    pub bytes: usize,
}

static TOTALS: Mutex<BTreeMap<&'static str, PageKind>> = Mutex::new(BTreeMap::new());

/// Whether timings are kept: `TIENDO_TIMINGS` is set.
pub fn enabled() -> bool {
    static ENABLED: OnceLock<bool> = OnceLock::new();
    *ENABLED.get_or_init(|| std::env::var_os("TIENDO_TIMINGS").is_some())
}

/// Adds one page of `template`.
pub fn record(template: &'static str, data: Duration, render: Duration, bytes: usize) {
    let mut totals = TOTALS.lock().unwrap_or_else(|e| e.into_inner());
    let t = totals.entry(template).or_insert(PageKind {
        template,
        ..PageKind::default()
    });
    t.pages += 1;
    t.data += data;
    t.render += render;
    t.bytes += bytes;
}

/// The totals of each template, by template, and forgets them.
pub fn take() -> Vec<PageKind> {
    let mut totals = TOTALS.lock().unwrap_or_else(|e| e.into_inner());
    std::mem::take(&mut *totals).into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_of_a_template_add_up_until_taken() {
        let ms = Duration::from_millis;
        // Other tests render pages too, but record only with timings on:
        // this template is this test's alone.
        record("test-only.html", ms(2), ms(3), 100);
        record("test-only.html", ms(1), ms(1), 50);
        let taken = take();
        let mine: Vec<&PageKind> = taken
            .iter()
            .filter(|k| k.template == "test-only.html")
            .collect();
        assert_eq!(
            mine,
            [&PageKind {
                template: "test-only.html",
                pages: 2,
                data: ms(3),
                render: ms(4),
                bytes: 150
            }]
        );
        assert!(take().iter().all(|k| k.template != "test-only.html"));
    }
}
