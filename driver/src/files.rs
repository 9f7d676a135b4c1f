//! Finding policy files: files as given, directories searched recursively for `*.json`.

use std::path::{Path, PathBuf};

use ir::{Code, Diagnostic, Span};

pub const IO_ERROR: Code = Code("MX0001");
pub const NO_POLICIES: Code = Code("MX0002");

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

/// Expands the given paths into a sorted, de-duplicated list of files.
pub fn collect(paths: &[PathBuf]) -> (Vec<Candidate>, Vec<PathError>) {
    let mut files: Vec<Candidate> = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                let mut found = Vec::new();
                walk(path, &mut found, &mut errors);
                if found.is_empty() {
                    errors.push(PathError {
                        path: path.clone(),
                        diagnostic: Diagnostic::error(
                            NO_POLICIES,
                            format!("no `*.json` files under `{}`", path.display()),
                        )
                        .with_help("pass policy files or directories that contain them"),
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

fn walk(dir: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<PathError>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            errors.push(io_error(dir, &e));
            return;
        }
    };
    let mut children: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    children.sort();
    for child in children {
        let hidden = child
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if child.is_dir() {
            walk(&child, files, errors);
        } else if child.extension().is_some_and(|e| e == "json") {
            files.push(child);
        }
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
