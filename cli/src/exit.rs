//! Exit codes, the same for every subcommand (README, "Exit codes"):
//!
//! - 0: nothing at or above the `--fail-on` threshold;
//! - 1: policy findings at or above the threshold: diagnostics of the checked policies,
//!   including syntax and schema errors, in every command (for `diff`, NEW grants more; for
//!   `prove`, a proof is refuted or unknown);
//! - 2: usage, IO or internal errors: bad arguments, a path that cannot be read, an invalid
//!   `mxcc.toml`, an internal verifier error.
//!
//! `mxcc run` keeps its command's exit status and documents its own codes
//! (`exec::command`).

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use clap::ValueEnum;

use driver::CheckReport;
use ir::{Diagnostic, Severity};

use crate::args::PolicyArgs;

/// Nothing at or above the threshold.
pub(crate) const SUCCESS: u8 = 0;
/// Policy findings at or above the threshold.
pub(crate) const FINDINGS: u8 = 1;
/// Usage, IO or internal errors.
pub(crate) const FAILURE: u8 = 2;

/// `--fail-on`: the lowest severity that makes a command exit 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum FailOn {
    Error,
    Warning,
    Info,
}

impl FailOn {
    pub(crate) fn severity(self) -> Severity {
        match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        }
    }
}

/// True for a diagnostic about mxcc's run rather than about a policy: a path that cannot be
/// read (MX0001, MX0002), an error in `mxcc.toml` (MX01xx) or an internal verifier error
/// (MX4008).
pub(crate) fn is_failure(d: &Diagnostic) -> bool {
    let code = d.code.as_str();
    d.is_error()
        && (d.code == ir::codes::io::IO_ERROR
            || d.code == ir::codes::io::NO_POLICIES
            || code.starts_with("MX01")
            || d.code == ir::codes::proofs::INTERNAL)
}

/// The exit code for diagnostics judged at one threshold.
pub(crate) fn code<'a>(
    diagnostics: impl IntoIterator<Item = &'a Diagnostic>,
    fail_on: Severity,
) -> u8 {
    let mut code = SUCCESS;
    for d in diagnostics {
        if is_failure(d) {
            return FAILURE;
        }
        if d.severity >= fail_on {
            code = FINDINGS;
        }
    }
    code
}

/// The exit code of a whole report: every file at its own threshold (see [`Thresholds`]),
/// path errors and reference policies included.
pub(crate) fn report_code(report: &CheckReport, thresholds: &Thresholds) -> u8 {
    let mut code = self::code(
        report.path_errors.iter().map(|e| &e.diagnostic),
        Severity::Error,
    );
    for f in report.files.iter().chain(&report.references) {
        let file_code = self::code(&f.diagnostics, thresholds.of(&f.path));
        if file_code == FAILURE {
            return FAILURE;
        }
        code = code.max(file_code);
    }
    code
}

/// The threshold of each file: `--fail-on` when given, else the `fail-on` of the `mxcc.toml`
/// that applies to the file (`--config`, or the nearest one upward), else `error`.
#[derive(Debug)]
pub(crate) struct Thresholds {
    cli: Option<Severity>,
    config: Option<PathBuf>,
    /// `fail-on` of each configuration file read so far.
    loaded: RefCell<BTreeMap<PathBuf, Option<Severity>>>,
}

impl Thresholds {
    pub(crate) fn new(args: &PolicyArgs) -> Thresholds {
        Thresholds::with(args.fail_on, args.config.clone())
    }

    pub(crate) fn with(fail_on: Option<FailOn>, config: Option<PathBuf>) -> Thresholds {
        Thresholds {
            cli: fail_on.map(FailOn::severity),
            config,
            loaded: RefCell::new(BTreeMap::new()),
        }
    }

    /// The lowest severity that fails the file at `path`.
    pub(crate) fn of(&self, path: &Path) -> Severity {
        if let Some(s) = self.cli {
            return s;
        }
        let Some(config) = self
            .config
            .clone()
            .or_else(|| driver::config::discover(path))
        else {
            return Severity::Error;
        };
        let mut loaded = self.loaded.borrow_mut();
        let fail_on = loaded.entry(config.clone()).or_insert_with(|| {
            driver::config::load_all([config.clone()], 0)
                .get(&config)
                .and_then(|c| c.config.fail_on)
        });
        fail_on.unwrap_or(Severity::Error)
    }
}
