//! Progress of a long build or check on a terminal: the step and the pages
//! written so far, shown only once the work has taken a second, never when
//! stderr is not a terminal or with --quiet. It is cleared before the
//! summary line.

use std::io::IsTerminal as _;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use tiendo::site::Step;

/// Shown only after this long (`TIENDO_PROGRESS_AFTER_MS` changes it, for tests).
const AFTER: Duration = Duration::from_secs(1);

pub struct Progress {
    bar: Option<ProgressBar>,
    done: Arc<AtomicBool>,
}

/// Whether progress is shown at all.
pub fn wanted(stderr_is_terminal: bool, quiet: bool) -> bool {
    stderr_is_terminal && !quiet
}

impl Progress {
    pub fn new(quiet: bool) -> Progress {
        let done = Arc::new(AtomicBool::new(false));
        if !wanted(std::io::stderr().is_terminal(), quiet) {
            return Progress { bar: None, done };
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        bar.set_style(ProgressStyle::with_template("{spinner} {msg}").expect("a valid template"));
        let after = std::env::var("TIENDO_PROGRESS_AFTER_MS")
            .ok()
            .and_then(|ms| ms.parse().ok())
            .map(Duration::from_millis)
            .unwrap_or(AFTER);
        let (shown, finished) = (bar.clone(), Arc::clone(&done));
        std::thread::spawn(move || {
            std::thread::sleep(after);
            if !finished.load(Ordering::SeqCst) {
                shown.set_draw_target(ProgressDrawTarget::stderr());
                shown.enable_steady_tick(Duration::from_millis(100));
            }
        });
        Progress {
            bar: Some(bar),
            done,
        }
    }

    /// Tells the display of one step.
    pub fn step(&self, step: Step) {
        let Some(bar) = &self.bar else { return };
        match step {
            Step::Reading => bar.set_message("đọc nội dung…"),
            Step::Read(files) => bar.set_message(format!("đã đọc {files} tệp; kiểm tra nội dung…")),
            Step::Computing => bar.set_message("tính điểm, trạng thái, thời hạn…"),
            Step::Rendering(pages) => {
                bar.set_length(pages as u64);
                bar.set_position(0);
                bar.set_style(
                    ProgressStyle::with_template("{spinner} tạo trang {pos}/{len} {wide_bar}")
                        .expect("a valid template"),
                );
                // A new style is not drawn until the next tick or the
                // next redraw the rate limit lets through: a small site
                // could be rendered before either, and the step never seen.
                bar.force_draw();
            }
            Step::Rendered => bar.inc(1),
            Step::Swapping => {
                bar.set_style(
                    ProgressStyle::with_template("{spinner} {msg}").expect("a valid template"),
                );
                bar.set_message("thay thư mục xuất…");
            }
        }
    }

    /// Clears the display, before the summary line.
    pub fn finish(&self) {
        self.done.store(true, Ordering::SeqCst);
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_on_a_terminal_and_not_quiet() {
        assert!(super::wanted(true, false));
        assert!(!super::wanted(true, true));
        assert!(!super::wanted(false, false));
        assert!(!super::wanted(false, true));
    }
}
