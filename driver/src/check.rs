//! `mxcc check`: every stage over many files, in parallel, with stable output order.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use ir::{Diagnostic, Platform, Policy, SourceFile, SourceId};

use crate::config::{self, LoadedConfig};
use crate::files;
use crate::proofs::Proofs;

/// How the platform of each file is chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlatformChoice {
    /// `--platform` was given: every file is checked for it.
    Fixed(Platform),
    /// A file whose `containment` or backend section names a platform is checked for that
    /// platform; every other file for the host.
    Implied { host: Platform },
}

#[derive(Clone, Debug)]
pub struct CheckOptions {
    pub platform: PlatformChoice,
    pub exact: bool,
    pub strict: bool,
    pub limits: compiler::Limits,
    /// `--config`: one `mxcc.toml` for every file instead of the nearest one upward.
    pub config: Option<PathBuf>,
    /// `--baseline`: every policy must grant nothing this policy does not.
    pub baseline: Option<PathBuf>,
    /// `--guardrail`: every policy must stay within each of these.
    pub guardrails: Vec<PathBuf>,
    /// Solver and semantics options for the proofs.
    pub verify: verify::Options,
    /// `--select`/`--ignore`: the command line's rule selection, on top of each `mxcc.toml`.
    pub rules: lints::config::Overrides,
    /// Counts checked files while [`check_paths`] runs, for a progress indicator.
    pub progress: Option<Arc<Progress>>,
}

/// How far [`check_paths`] is: files found and files checked so far.
#[derive(Debug, Default)]
pub struct Progress {
    total: AtomicUsize,
    done: AtomicUsize,
}

impl Progress {
    /// (files checked, files found); both are 0 until discovery ends.
    pub fn get(&self) -> (usize, usize) {
        (
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        )
    }
}

impl Default for CheckOptions {
    fn default() -> CheckOptions {
        CheckOptions {
            platform: PlatformChoice::Implied {
                host: Platform::host(),
            },
            exact: false,
            strict: false,
            limits: compiler::Limits::default(),
            config: None,
            baseline: None,
            guardrails: Vec::new(),
            verify: verify::Options::default(),
            rules: lints::config::Overrides::default(),
            progress: None,
        }
    }
}

/// The outcome for one file.
#[derive(Clone, Debug)]
pub struct FileReport {
    pub path: PathBuf,
    /// The file's text (lossy when it was not UTF-8), for rendering code frames.
    pub source: SourceFile,
    pub source_id: SourceId,
    pub platform: Platform,
    pub policy: Option<Policy>,
    pub diagnostics: Vec<Diagnostic>,
}

impl FileReport {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

#[derive(Clone, Debug, Default)]
pub struct CheckReport {
    pub files: Vec<FileReport>,
    /// Problems with the paths themselves (missing, unreadable, empty directories).
    pub path_errors: Vec<files::PathError>,
    /// The baseline and guardrail policies, whose spans findings may point into.
    pub references: Vec<FileReport>,
    /// JSON files found in directories that are not MXC configs, left alone.
    pub skipped: Vec<PathBuf>,
    /// How many of the last `files` are not checked policies but configuration files and
    /// reference policies with problems, reported so that their diagnostics show.
    pub supporting: usize,
}

impl CheckReport {
    /// The checked policies: `files` without the supporting files after them.
    pub fn policies(&self) -> &[FileReport] {
        let n = self.files.len().saturating_sub(self.supporting);
        self.files.get(..n).unwrap_or_default()
    }

    pub fn has_errors(&self) -> bool {
        !self.path_errors.is_empty() || self.files.iter().any(FileReport::has_errors)
    }

    /// Counts of diagnostics by severity: (errors, warnings, infos).
    pub fn counts(&self) -> (usize, usize, usize) {
        let mut counts = (0, 0, 0);
        for d in self.files.iter().flat_map(|f| &f.diagnostics) {
            match d.severity {
                ir::Severity::Error => counts.0 += 1,
                ir::Severity::Warning => counts.1 += 1,
                ir::Severity::Info => counts.2 += 1,
            }
        }
        counts
    }
}

/// A policy read from standard input (`mxcc check -`).
#[derive(Clone, Debug)]
pub struct Stdin {
    /// The name diagnostics show (`--stdin-filename`, or [`STDIN_NAME`]); the nearest
    /// `mxcc.toml` is searched upward from it, and `per-file-ignores` match it.
    pub name: PathBuf,
    pub bytes: Vec<u8>,
}

/// The name of standard input when `--stdin-filename` is not given: a file of the current
/// directory, so `mxcc.toml` is searched from there.
pub const STDIN_NAME: &str = "<stdin>";

/// Checks every policy file under the given paths, in parallel; results are in path order.
/// Configuration files and reference policies (baseline, guardrails) with problems are
/// reported as files of their own, after the policies.
pub fn check_paths(paths: &[PathBuf], options: &CheckOptions) -> CheckReport {
    check_inputs(paths, None, options)
}

/// A file to check: on disk, or standard input's bytes.
struct Input<'a> {
    path: PathBuf,
    explicit: bool,
    bytes: Option<&'a [u8]>,
}

/// [`check_paths`] with standard input as one more policy, always checked and reported first.
pub fn check_inputs(
    paths: &[PathBuf],
    stdin: Option<&Stdin>,
    options: &CheckOptions,
) -> CheckReport {
    let (found, path_errors) = files::collect(paths);
    let candidates: Vec<Input<'_>> = stdin
        .map(|s| Input {
            path: s.name.clone(),
            explicit: true,
            bytes: Some(&s.bytes),
        })
        .into_iter()
        .chain(found.into_iter().map(|c| Input {
            path: c.path,
            explicit: c.explicit,
            bytes: None,
        }))
        .collect();
    if let Some(p) = &options.progress {
        p.total.store(candidates.len(), Ordering::Relaxed);
    }
    let config_of: Vec<Option<PathBuf>> = candidates
        .iter()
        .map(|c| options.config.clone().or_else(|| config::discover(&c.path)))
        .collect();
    let mut next_id = u32::try_from(candidates.len()).unwrap_or(u32::MAX);
    let configs = config::load_all(config_of.iter().flatten().cloned(), next_id);
    next_id = next_id.saturating_add(u32::try_from(configs.len()).unwrap_or(u32::MAX));
    let proofs = Proofs::load(
        options.baseline.as_ref(),
        &options.guardrails,
        next_id,
        options,
    );
    let checked: Vec<Option<FileReport>> = candidates
        .par_iter()
        .zip(config_of.par_iter())
        .enumerate()
        .map(|(i, (candidate, cfg))| {
            let stages = Stages {
                lints: true,
                config: cfg.as_ref().and_then(|c| configs.get(c)),
                proofs: Some(&proofs),
                only_policies: !candidate.explicit,
            };
            let id = SourceId(u32::try_from(i).unwrap_or(u32::MAX));
            let report = match candidate.bytes {
                Some(bytes) => check_with(&candidate.path, id, bytes, options, &stages),
                None => check_file(&candidate.path, id, options, &stages),
            };
            if let Some(p) = &options.progress {
                p.done.fetch_add(1, Ordering::Relaxed);
            }
            report
        })
        .collect();
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    let mut supporting = 0;
    for (report, candidate) in checked.into_iter().zip(candidates) {
        match report {
            Some(r) => files.push(r),
            None => skipped.push(candidate.path),
        }
    }
    for loaded in configs.values().filter(|c| !c.diagnostics.is_empty()) {
        files.push(FileReport {
            path: loaded.path.clone(),
            source: loaded.source.clone(),
            source_id: loaded.source_id,
            platform: host_platform(options),
            policy: None,
            diagnostics: loaded.diagnostics.clone(),
        });
        supporting += 1;
    }
    let references: Vec<FileReport> = proofs.references().map(|r| r.report.clone()).collect();
    for broken in references.iter().filter(|r| r.has_errors()) {
        files.push(broken.clone());
        supporting += 1;
    }
    CheckReport {
        files,
        path_errors,
        references,
        skipped,
        supporting,
    }
}

/// Which stages run after the frontend.
struct Stages<'a> {
    lints: bool,
    config: Option<&'a LoadedConfig>,
    proofs: Option<&'a Proofs>,
    /// Leave JSON that does not look like an MXC config alone (`None` from `check_file`).
    only_policies: bool,
}

fn host_platform(options: &CheckOptions) -> Platform {
    match options.platform {
        PlatformChoice::Fixed(p) | PlatformChoice::Implied { host: p } => p,
    }
}

fn check_file(
    path: &Path,
    id: SourceId,
    options: &CheckOptions,
    stages: &Stages<'_>,
) -> Option<FileReport> {
    match std::fs::read(path) {
        Ok(bytes) => check_with(path, id, &bytes, options, stages),
        Err(e) => Some(FileReport {
            path: path.to_path_buf(),
            source: SourceFile::new(path.display().to_string(), ""),
            source_id: id,
            platform: host_platform(options),
            policy: None,
            diagnostics: vec![files::io_error(path, &e).diagnostic],
        }),
    }
}

/// The report for a file that must be reported (`only_policies` off).
fn always(
    report: Option<FileReport>,
    path: &Path,
    id: SourceId,
    options: &CheckOptions,
) -> FileReport {
    report.unwrap_or_else(|| FileReport {
        path: path.to_path_buf(),
        source: SourceFile::new(path.display().to_string(), ""),
        source_id: id,
        platform: host_platform(options),
        policy: None,
        diagnostics: Vec::new(),
    })
}

/// Compiles a reference policy (a baseline or guardrail): the frontend only.
pub(crate) fn check_reference(path: &Path, id: SourceId, options: &CheckOptions) -> FileReport {
    always(check_file(path, id, options, &REFERENCE), path, id, options)
}

/// [`check_reference`] on bytes the caller has read (and may digest).
pub(crate) fn check_reference_bytes(
    path: &Path,
    id: SourceId,
    bytes: &[u8],
    options: &CheckOptions,
) -> FileReport {
    always(
        check_with(path, id, bytes, options, &REFERENCE),
        path,
        id,
        options,
    )
}

/// The frontend stages only: what `diff`, `prove` and `compile` read a policy with.
const REFERENCE: Stages<'static> = Stages {
    lints: false,
    config: None,
    proofs: None,
    only_policies: false,
};

/// Checks one in-memory source (the LSP uses this for unsaved buffers), with the
/// configuration `--config` names or the nearest `mxcc.toml`, and the proofs the options name.
pub fn check_source(path: &Path, id: SourceId, bytes: &[u8], options: &CheckOptions) -> FileReport {
    let config_path = options.config.clone().or_else(|| config::discover(path));
    let configs = config::load_all(config_path.clone(), id.0.saturating_add(1));
    let proofs = Proofs::load(
        options.baseline.as_ref(),
        &options.guardrails,
        id.0.saturating_add(2),
        options,
    );
    let stages = Stages {
        lints: true,
        config: config_path.as_ref().and_then(|p| configs.get(p)),
        proofs: Some(&proofs),
        only_policies: false,
    };
    always(
        check_with(path, id, bytes, options, &stages),
        path,
        id,
        options,
    )
}

fn check_with(
    path: &Path,
    id: SourceId,
    bytes: &[u8],
    options: &CheckOptions,
    stages: &Stages<'_>,
) -> Option<FileReport> {
    let (tree, diagnostics) = compiler::syntax::parse(id, bytes, options.limits);
    if stages.only_policies {
        let policy_like = match &tree {
            Some(root) => files::detect::tree_looks_like_policy(root),
            None => files::detect::text_looks_like_policy(&String::from_utf8_lossy(bytes)),
        };
        if !policy_like {
            return None;
        }
    }
    let platform = match options.platform {
        PlatformChoice::Fixed(p) => p,
        PlatformChoice::Implied { host } => tree
            .as_ref()
            .and_then(compiler::implied_platform)
            .unwrap_or(host),
    };
    let compile_options = compiler::Options {
        platform,
        exact: options.exact,
        limits: options.limits,
    };
    let output = compiler::compile_tree(id, tree, diagnostics, &compile_options);
    let mut diagnostics = output.diagnostics;
    // Lints and proofs run on policies MXC accepts; on a rejected config they would report
    // noise about values that are about to change.
    let accepted = output
        .policy
        .as_ref()
        .filter(|_| !diagnostics.iter().any(Diagnostic::is_error));
    if let Some(policy) = accepted {
        if stages.lints {
            let lint = lints::LintContext {
                strict: options.strict,
                config: stages
                    .config
                    .map(|c| c.config.clone())
                    .unwrap_or_default()
                    .with_overrides(&options.rules),
                path: stages.config.and_then(|c| config::relative(path, c)),
            };
            diagnostics.extend(lints::run(policy, &lint));
        }
        if let Some(proofs) = stages.proofs.filter(|p| !p.is_empty()) {
            let mut verify_options = options.verify.clone();
            verify_options.mode = if options.strict {
                ir::Mode::Strict
            } else {
                ir::Mode::Mxc
            };
            diagnostics.extend(proofs.run(policy, &verify_options));
        }
    }
    ir::diag::sort(&mut diagnostics);
    Some(FileReport {
        path: path.to_path_buf(),
        source: SourceFile::new(path.display().to_string(), String::from_utf8_lossy(bytes)),
        source_id: id,
        platform,
        policy: output.policy,
        diagnostics,
    })
}
