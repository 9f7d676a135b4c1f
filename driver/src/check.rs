//! `mxcc check`: every stage over many files, in parallel, with stable output order.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use ir::{Diagnostic, Platform, Policy, SourceFile, SourceId};

use crate::files;

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
}

impl CheckReport {
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

/// Checks every policy file under the given paths, in parallel; results are in path order.
pub fn check_paths(paths: &[PathBuf], options: &CheckOptions) -> CheckReport {
    let (list, path_errors) = files::collect(paths);
    let files = list
        .par_iter()
        .enumerate()
        .map(|(i, path)| {
            check_file(
                path,
                SourceId(u32::try_from(i).unwrap_or(u32::MAX)),
                options,
            )
        })
        .collect();
    CheckReport { files, path_errors }
}

fn check_file(path: &Path, id: SourceId, options: &CheckOptions) -> FileReport {
    match std::fs::read(path) {
        Ok(bytes) => check_source(path, id, &bytes, options),
        Err(e) => {
            let host = match options.platform {
                PlatformChoice::Fixed(p) | PlatformChoice::Implied { host: p } => p,
            };
            FileReport {
                path: path.to_path_buf(),
                source: SourceFile::new(path.display().to_string(), ""),
                source_id: id,
                platform: host,
                policy: None,
                diagnostics: vec![files::io_error(path, &e).diagnostic],
            }
        }
    }
}

/// Checks one in-memory source (the LSP uses this for unsaved buffers).
pub fn check_source(path: &Path, id: SourceId, bytes: &[u8], options: &CheckOptions) -> FileReport {
    let (tree, diagnostics) = compiler::syntax::parse(id, bytes, options.limits);
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
    ir::diag::sort(&mut diagnostics);
    FileReport {
        path: path.to_path_buf(),
        source: SourceFile::new(path.display().to_string(), String::from_utf8_lossy(bytes)),
        source_id: id,
        platform,
        policy: output.policy,
        diagnostics,
    }
}
