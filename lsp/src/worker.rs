//! The checker thread: runs `mxcc check` on document snapshots off the main loop, so hover and
//! completion never wait for lints and proofs on a large policy.
//!
//! Jobs queued while a check runs are coalesced: only the latest version of each document is
//! checked. Results for a version the editor has moved past are dropped by the main loop.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::thread;

use crossbeam_channel::{Receiver, Sender};
use driver::CheckOptions;
use lsp_types::Url;

use crate::document::{check, view};
use crate::text::Text;

pub(crate) struct Job {
    pub(crate) uri: Url,
    pub(crate) version: i32,
    pub(crate) text: Text,
}

pub(crate) struct Done {
    pub(crate) uri: Url,
    pub(crate) version: i32,
    pub(crate) diagnostics: Vec<ir::Diagnostic>,
}

/// Starts the checker; it stops when the job sender is dropped.
pub(crate) fn spawn(options: CheckOptions) -> Result<(Sender<Job>, Receiver<Done>), String> {
    let (job_tx, job_rx) = crossbeam_channel::unbounded::<Job>();
    let (done_tx, done_rx) = crossbeam_channel::unbounded::<Done>();
    thread::Builder::new()
        .name("mxcc-check".to_owned())
        .spawn(move || run(&job_rx, &done_tx, &options))
        .map_err(|e| e.to_string())?;
    Ok((job_tx, done_rx))
}

fn run(jobs: &Receiver<Job>, done: &Sender<Done>, options: &CheckOptions) {
    while let Ok(first) = jobs.recv() {
        let mut batch = vec![first];
        while let Ok(job) = jobs.try_recv() {
            batch.retain(|j| j.uri != job.uri);
            batch.push(job);
        }
        for job in batch {
            // A check that panicked publishes nothing; the previous diagnostics stay.
            let Ok(diagnostics) = catch_unwind(AssertUnwindSafe(|| {
                let v = view(&job.uri, &job.text);
                check(&job.uri, &job.text, &v, options)
            })) else {
                continue;
            };
            let result = Done {
                uri: job.uri,
                version: job.version,
                diagnostics,
            };
            if done.send(result).is_err() {
                return;
            }
        }
    }
}
