//! The progress line `mxcc check` draws on a terminal while it checks many files.
//!
//! Only when stderr is a terminal, `--quiet` is off and more than [`MIN_FILES`] files were
//! found: one line on stderr, rewritten in place and erased at the end, so piped output and
//! the tests never see it.

use std::io::{IsTerminal as _, Write as _};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

use driver::{CheckOptions, Progress};

/// Fewer files than this finish too soon for a progress line to help.
const MIN_FILES: usize = 50;
const TICK: Duration = Duration::from_millis(100);

/// A running progress line; dropping it erases the line.
pub(crate) struct Indicator {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Indicator {
    /// Starts the line for a check with `options` when stderr is a terminal and not `quiet`.
    pub(crate) fn start(options: &mut CheckOptions, quiet: bool) -> Option<Indicator> {
        if quiet || !std::io::stderr().is_terminal() {
            return None;
        }
        let progress = Arc::new(Progress::default());
        options.progress = Some(Arc::clone(&progress));
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = Arc::clone(&stop);
        let thread = std::thread::spawn(move || {
            let mut drawn = false;
            while !stopped.load(Ordering::Relaxed) {
                let (done, total) = progress.get();
                if total > MIN_FILES {
                    let mut err = std::io::stderr().lock();
                    let _ = write!(err, "\r\x1b[2Kchecking {done}/{total} files");
                    let _ = err.flush();
                    drawn = true;
                }
                std::thread::sleep(TICK);
            }
            if drawn {
                let mut err = std::io::stderr().lock();
                let _ = write!(err, "\r\x1b[2K");
                let _ = err.flush();
            }
        });
        Some(Indicator {
            stop,
            thread: Some(thread),
        })
    }
}

impl Drop for Indicator {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
