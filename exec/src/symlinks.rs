//! Trusted system symbolic links: `/bin -> usr/bin`, `/lib -> usr/lib`, `/lib64 -> usr/lib64`
//! and `/sbin -> usr/sbin` on a merged-`/usr` distribution.
//!
//! The landlock target refuses a granted path that is or passes through a symbolic link
//! (MX5034): whoever can change the link decides what the grant reaches. A link only root can
//! change, in directories only root can change, reaches the same place for the whole run, so
//! the executor resolves it, grants the resolved path with the rule's rights and reproduces
//! every link met on the way as a symbolic link in the mount view (as bubblewrap's
//! `--symlink`), so that the policy's spelling resolves inside the sandbox as on the host.
//! Every other link stays refused.

use std::collections::VecDeque;
use std::ffi::OsString;
use std::os::unix::fs::MetadataExt;
use std::path::{Component, Path, PathBuf};

/// More links than this on one path is a loop (the kernel's limit).
const MAX_LINKS: usize = 40;

/// A path resolved through trusted links only.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolved {
    /// The path with every link resolved; its tail may be missing on the host.
    pub target: PathBuf,
    /// Every link met on the way, with its text, in the order they were followed.
    pub links: Vec<(PathBuf, PathBuf)>,
}

/// Why a directory or a link cannot be trusted, when it cannot: it must be owned by root and,
/// for a directory, writable by its owner only.
fn distrust(path: &Path, dir: bool) -> Option<String> {
    let md = match std::fs::symlink_metadata(path) {
        Ok(md) => md,
        Err(e) => return Some(format!("`{}` cannot be examined: {e}", path.display())),
    };
    if md.uid() != 0 {
        return Some(format!(
            "`{}` is owned by uid {}, not root",
            path.display(),
            md.uid()
        ));
    }
    if dir && md.mode() & 0o022 != 0 {
        return Some(format!(
            "`{}` is writable by users other than root (mode {:o})",
            path.display(),
            md.mode() & 0o7777
        ));
    }
    None
}

/// Every directory from `/` down to `dir`, each trusted, or why one is not.
fn trusted_dirs(dir: &Path, checked: &mut Vec<PathBuf>) -> Result<(), String> {
    let mut chain: Vec<&Path> = dir.ancestors().collect();
    chain.reverse();
    for d in chain {
        if checked.iter().any(|c| c == d) {
            continue;
        }
        if let Some(why) = distrust(d, true) {
            return Err(why);
        }
        checked.push(d.to_path_buf());
    }
    Ok(())
}

/// Resolves an absolute path the way the kernel does, following a link only when it and every
/// directory above it are trusted. Returns why not otherwise.
pub fn resolve_trusted(path: &Path) -> Result<Resolved, String> {
    if !path.is_absolute() {
        return Err(format!("`{}` is not absolute", path.display()));
    }
    let mut pending: VecDeque<OsString> = names(path);
    let mut resolved = PathBuf::from("/");
    let mut links = Vec::new();
    let mut checked = Vec::new();
    while let Some(name) = pending.pop_front() {
        if name == ".." {
            resolved.pop();
            continue;
        }
        let next = resolved.join(&name);
        let Ok(md) = std::fs::symlink_metadata(&next) else {
            // A missing tail: the grant of a missing path refuses the run later (MX6013).
            let target = pending.into_iter().fold(next, |acc, n| acc.join(n));
            return Ok(Resolved { target, links });
        };
        if !md.file_type().is_symlink() {
            resolved = next;
            continue;
        }
        if links.len() == MAX_LINKS {
            return Err(format!(
                "`{}` passes through more than {MAX_LINKS} symbolic links",
                path.display()
            ));
        }
        trusted_dirs(&resolved, &mut checked)?;
        if let Some(why) = distrust(&next, false) {
            return Err(why);
        }
        let text = std::fs::read_link(&next)
            .map_err(|e| format!("`{}` cannot be read: {e}", next.display()))?;
        if text.is_absolute() {
            resolved = PathBuf::from("/");
        }
        for n in names(&text).into_iter().rev() {
            pending.push_front(n);
        }
        links.push((next, text));
    }
    Ok(Resolved {
        target: resolved,
        links,
    })
}

/// The names of a path, `..` kept (it is resolved against what precedes it), `.` dropped.
fn names(path: &Path) -> VecDeque<OsString> {
    path.components()
        .filter_map(|c| match c {
            Component::Normal(n) => Some(n.to_owned()),
            Component::ParentDir => Some(OsString::from("..")),
            Component::RootDir | Component::CurDir | Component::Prefix(_) => None,
        })
        .collect()
}
