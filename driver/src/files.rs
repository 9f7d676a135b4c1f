//! Finding policy files: files as given, directories searched recursively for `*.json` with
//! ripgrep's walker (`ignore`), so that a directory is read as git and the user's tools see it.

pub mod detect;

use std::path::{Path, PathBuf};

use ir::{Code, Diagnostic, Span};

pub const IO_ERROR: Code = ir::codes::io::IO_ERROR;
pub const NO_POLICIES: Code = ir::codes::io::NO_POLICIES;

/// A problem with a path the user gave, before any file is read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathError {
    pub path: PathBuf,
    pub diagnostic: Diagnostic,
}

/// A file to check.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Candidate {
    pub path: PathBuf,
    /// Named on the command line (always checked), rather than found in a directory (checked
    /// only when it looks like an MXC config).
    pub explicit: bool,
}

/// Directories never searched below a directory given on the command line: dependencies and
/// build output, which hold other projects' JSON.
pub const SKIPPED_DIRS: [&str; 2] = ["node_modules", "target"];

/// Expands the given paths into a sorted, de-duplicated list of files. A file named on the
/// command line is always kept (a symlink is followed); a directory is searched recursively
/// for `*.json` files, skipping hidden entries, what `.gitignore`, `.ignore` and
/// `.git/info/exclude` files ignore (a `.gitignore` counts outside a git repository too),
/// [`SKIPPED_DIRS`], and symbolic links, so each file is found once and no cycle is entered.
pub fn collect(paths: &[PathBuf]) -> (Vec<Candidate>, Vec<PathError>) {
    let mut files: Vec<Candidate> = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                let found = walk(path, &mut errors);
                if found.is_empty() {
                    errors.push(PathError {
                        path: path.clone(),
                        diagnostic: Diagnostic::error(
                            NO_POLICIES,
                            format!("no `*.json` files under `{}`", path.display()),
                        )
                        .with_help(
                            "pass policy files or directories that contain them; hidden and \
                             ignored files, symbolic links, `node_modules` and `target` are \
                             not searched",
                        ),
                    });
                }
                files.extend(found.into_iter().map(|path| Candidate {
                    path,
                    explicit: false,
                }));
            }
            Ok(_) => files.push(Candidate {
                path: path.clone(),
                explicit: true,
            }),
            Err(e) => errors.push(io_error(path, &e)),
        }
    }
    // A file both named and found in a directory counts as named.
    files.sort_by(|a, b| a.path.cmp(&b.path).then(b.explicit.cmp(&a.explicit)));
    files.dedup_by(|a, b| a.path == b.path);
    (files, errors)
}

/// The `*.json` files under `dir`, in sorted order.
fn walk(dir: &Path, errors: &mut Vec<PathError>) -> Vec<PathBuf> {
    let mut builder = ignore::WalkBuilder::new(dir);
    builder
        .standard_filters(true)
        // The user's global excludes differ between machines; CI must see what a developer sees.
        .git_global(false)
        .require_git(false)
        .follow_links(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .filter_entry(|entry| {
            let skipped = entry.depth() > 0
                && entry.file_type().is_some_and(|t| t.is_dir())
                && entry
                    .file_name()
                    .to_str()
                    .is_some_and(|name| SKIPPED_DIRS.contains(&name));
            !skipped
        });
    let mut files = Vec::new();
    for entry in builder.build() {
        match entry {
            Ok(entry) => {
                let is_file = entry.file_type().is_some_and(|t| t.is_file());
                if is_file && entry.path().extension().is_some_and(|e| e == "json") {
                    files.push(entry.into_path());
                }
            }
            // Unreadable directories are reported; a malformed pattern in an ignore file is
            // dropped, as git drops it.
            Err(e) => {
                if let Some(io) = e.io_error() {
                    errors.push(io_error(error_path(&e).unwrap_or(dir), io));
                }
            }
        }
    }
    files.sort();
    files
}

/// The path a walk error is about, when it names one.
fn error_path(e: &ignore::Error) -> Option<&Path> {
    match e {
        ignore::Error::WithPath { path, .. } => Some(path),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        _ => None,
    }
}

/// An IO failure as a diagnostic.
pub fn io_error(path: &Path, e: &std::io::Error) -> PathError {
    PathError {
        path: path.to_path_buf(),
        diagnostic: Diagnostic::error(IO_ERROR, format!("cannot read `{}`: {e}", path.display()))
            .with_label(Span::default(), "")
            .with_help("check that the path exists and is readable"),
    }
}
