//! Canonical paths: the one spelling of a filesystem location that every stage compares.
//!
//! MXC passes paths to the backends verbatim (no globs, no variable expansion), so mxcc
//! canonicalises lexically, per platform, and records every change it made so that lints can
//! point at non-canonical spellings. `~`, `$HOME` and `%USERPROFILE%` become the symbolic
//! [`Root::Home`], so policies compare correctly across users.

use std::fmt;

use crate::platform::PathStyle;

/// Where a canonical path is anchored.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Root {
    /// The POSIX root `/`.
    Posix,
    /// A Windows drive; the letter is upper case.
    Drive(char),
    /// A Windows UNC share `\\server\share`; both parts compare case-insensitively.
    Unc { server: String, share: String },
    /// The user's home directory (`~`, `$HOME`, `%USERPROFILE%`).
    Home,
    /// The user's temporary directory (`$TMPDIR`, `%TEMP%`, `%TMP%`).
    Temp,
    /// Any other environment variable (`$X`, `${X}`, `%X%`); no MXC backend expands it.
    Var(String),
    /// Relative to the executor's working directory, which the policy does not know.
    Relative,
}

impl Root {
    /// Symbolic roots stand for a location that depends on the user or the run.
    pub fn is_symbolic(&self) -> bool {
        matches!(
            self,
            Root::Home | Root::Temp | Root::Var(_) | Root::Relative
        )
    }
}

/// A lexically canonical path: a root and components without `.`, `..` (except leading ones
/// of a relative path), empty components or trailing separators.
///
/// Equality, order and hashing use the root and the comparison keys only: `C:\docs` and
/// `C:\Docs` are one path in two spellings, and every map or dedup keyed by paths must see one.
#[derive(Clone, Debug)]
pub struct CanonPath {
    pub root: Root,
    /// Comparison keys: lower-cased on case-insensitive platforms.
    pub components: Vec<String>,
    /// The canonical spelling with the original case, for messages and artifacts.
    pub display: String,
}

impl PartialEq for CanonPath {
    fn eq(&self, other: &CanonPath) -> bool {
        self.key() == other.key()
    }
}

impl Eq for CanonPath {}

impl PartialOrd for CanonPath {
    fn partial_cmp(&self, other: &CanonPath) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for CanonPath {
    fn cmp(&self, other: &CanonPath) -> std::cmp::Ordering {
        self.key().cmp(&other.key())
    }
}

impl std::hash::Hash for CanonPath {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.key().hash(state);
    }
}

/// Something canonicalisation changed in a spelling; each may be linted.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PathChange {
    TrailingSeparator,
    RepeatedSeparator,
    DotComponent,
    /// A `..` component was resolved lexically (symlinks may make the real target differ).
    ParentComponent,
    /// A `..` tried to climb above the root and was dropped.
    ParentAboveRoot,
    /// `/` used as a separator on Windows.
    ForwardSlash,
    /// A `\\?\` or `\\.\` prefix was removed.
    VerbatimPrefix,
    /// Windows ignores trailing dots and spaces in a component.
    TrailingDotOrSpace,
    /// The drive letter was lower case.
    DriveCase,
    /// `~`, `$HOME`, `%USERPROFILE%`, `$TMPDIR` or `%TEMP%` became a symbolic root.
    SymbolicRoot(String),
    /// macOS: `/tmp`, `/etc`, `/var` are aliases of `/private/...`.
    PrivateAlias,
    /// The path is relative.
    Relative,
}

/// The result of canonicalising one spelling.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Canonicalized {
    pub path: CanonPath,
    pub changes: Vec<PathChange>,
}

impl CanonPath {
    /// What identifies the location: the root and the comparison keys, not the spelling.
    pub fn key(&self) -> (&Root, &[String]) {
        (&self.root, &self.components)
    }

    /// Canonicalises a path as written in a policy, for the given platform style.
    pub fn parse(raw: &str, style: PathStyle) -> Canonicalized {
        let mut changes = Vec::new();
        let (root, rest) = if style.windows {
            split_windows_root(raw, &mut changes)
        } else {
            split_posix_root(raw, &mut changes)
        };
        let mut parts: Vec<String> = Vec::new();
        let separators: &[char] = if style.windows { &['\\', '/'] } else { &['/'] };
        if style.windows && rest.contains('/') {
            changes.push(PathChange::ForwardSlash);
        }
        let pieces: Vec<&str> = rest.split(separators).collect();
        let last = pieces.len().saturating_sub(1);
        for (i, piece) in pieces.iter().enumerate() {
            match *piece {
                "" => {
                    if i == last && i > 0 {
                        push_once(&mut changes, PathChange::TrailingSeparator);
                    } else if i > 0 {
                        push_once(&mut changes, PathChange::RepeatedSeparator);
                    }
                }
                "." => push_once(&mut changes, PathChange::DotComponent),
                ".." => {
                    let can_pop = parts.last().is_some_and(|p| p != "..");
                    if can_pop {
                        parts.pop();
                        push_once(&mut changes, PathChange::ParentComponent);
                    } else if root == Root::Relative {
                        parts.push("..".to_owned());
                    } else {
                        push_once(&mut changes, PathChange::ParentAboveRoot);
                    }
                }
                other => {
                    let mut name = other.to_owned();
                    if style.windows {
                        let trimmed = name.trim_end_matches(['.', ' ']);
                        if trimmed.len() != name.len() && !trimmed.is_empty() {
                            name = trimmed.to_owned();
                            push_once(&mut changes, PathChange::TrailingDotOrSpace);
                        }
                    }
                    parts.push(name);
                }
            }
        }
        if style.macos
            && root == Root::Posix
            && let Some(first) = parts.first()
            && matches!(first.as_str(), "tmp" | "etc" | "var")
        {
            parts.insert(0, "private".to_owned());
            changes.push(PathChange::PrivateAlias);
        }
        let path = CanonPath::from_parts(root, parts, style);
        Canonicalized { path, changes }
    }

    /// Builds a canonical path from a root and already-canonical component names.
    pub fn from_parts(root: Root, parts: Vec<String>, style: PathStyle) -> CanonPath {
        let display = display_of(&root, &parts, style);
        let components = if style.case_insensitive {
            parts.iter().map(|p| p.to_lowercase()).collect()
        } else {
            parts
        };
        let root = match root {
            Root::Unc { server, share } => Root::Unc {
                server: server.to_lowercase(),
                share: share.to_lowercase(),
            },
            other => other,
        };
        CanonPath {
            root,
            components,
            display,
        }
    }

    /// True when `self` is `ancestor` or lies beneath it.
    pub fn starts_with(&self, ancestor: &CanonPath) -> bool {
        self.root == ancestor.root
            && self.components.len() >= ancestor.components.len()
            && self
                .components
                .iter()
                .zip(&ancestor.components)
                .all(|(a, b)| a == b)
    }

    /// True when `self` lies strictly beneath `ancestor`.
    pub fn is_strictly_under(&self, ancestor: &CanonPath) -> bool {
        self.components.len() > ancestor.components.len() && self.starts_with(ancestor)
    }

    /// The root itself (`/`, `C:\`, `~`) with no components.
    pub fn is_root(&self) -> bool {
        self.components.is_empty()
    }

    pub fn depth(&self) -> usize {
        self.components.len()
    }

    /// The path one component deeper, with `name` spelled as given.
    pub fn join(&self, name: &str, style: PathStyle) -> CanonPath {
        let mut components = self.components.clone();
        components.push(if style.case_insensitive {
            name.to_lowercase()
        } else {
            name.to_owned()
        });
        let display = if self.components.is_empty() {
            display_of(&self.root, &[name.to_owned()], style)
        } else {
            let sep = if style.windows { '\\' } else { '/' };
            let mut d = String::with_capacity(self.display.len() + 1 + name.len());
            d.push_str(&self.display);
            d.push(sep);
            d.push_str(name);
            d
        };
        let root = match &self.root {
            Root::Unc { server, share } => Root::Unc {
                server: server.to_lowercase(),
                share: share.to_lowercase(),
            },
            other => other.clone(),
        };
        CanonPath {
            root,
            components,
            display,
        }
    }

    /// The parent path, or `None` at a root.
    pub fn parent(&self, style: PathStyle) -> Option<CanonPath> {
        let mut parts = display_parts(self, style);
        parts.pop()?;
        Some(CanonPath::from_parts(self.root.clone(), parts, style))
    }
}

impl fmt::Display for CanonPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display)
    }
}

/// The original-case component names, recovered from the display form.
fn display_parts(path: &CanonPath, style: PathStyle) -> Vec<String> {
    let prefix_len = display_of(&path.root, &[], style).len();
    let rest = path.display.get(prefix_len..).unwrap_or("");
    let sep = if style.windows { '\\' } else { '/' };
    rest.split(sep)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

fn push_once(changes: &mut Vec<PathChange>, change: PathChange) {
    if !changes.contains(&change) {
        changes.push(change);
    }
}

fn display_of(root: &Root, parts: &[String], style: PathStyle) -> String {
    let sep = if style.windows { "\\" } else { "/" };
    let prefix = match root {
        Root::Posix => "/".to_owned(),
        Root::Drive(d) => format!("{d}:\\"),
        Root::Unc { server, share } => format!("\\\\{server}\\{share}\\"),
        Root::Home => format!("~{sep}"),
        Root::Temp => {
            if style.windows {
                "%TEMP%\\".to_owned()
            } else {
                "$TMPDIR/".to_owned()
            }
        }
        Root::Var(v) => {
            if style.windows {
                format!("%{v}%\\")
            } else {
                format!("${v}/")
            }
        }
        Root::Relative => String::new(),
    };
    let body = parts.join(sep);
    if body.is_empty() {
        match root {
            Root::Relative => ".".to_owned(),
            Root::Home => "~".to_owned(),
            Root::Posix | Root::Drive(_) | Root::Unc { .. } => prefix,
            Root::Temp | Root::Var(_) => prefix.trim_end_matches(['/', '\\']).to_owned(),
        }
    } else {
        prefix + &body
    }
}

/// Maps a variable name to a symbolic root.
fn variable_root(name: &str) -> Root {
    match name.to_ascii_uppercase().as_str() {
        "HOME" | "USERPROFILE" => Root::Home,
        "TMPDIR" | "TEMP" | "TMP" => Root::Temp,
        _ => Root::Var(name.to_owned()),
    }
}

fn split_posix_root<'a>(raw: &'a str, changes: &mut Vec<PathChange>) -> (Root, &'a str) {
    if let Some(rest) = raw.strip_prefix('/') {
        return (Root::Posix, rest);
    }
    if raw == "~" || raw.starts_with("~/") {
        changes.push(PathChange::SymbolicRoot("~".to_owned()));
        return (Root::Home, raw.get(1..).unwrap_or(""));
    }
    if let Some(after) = raw.strip_prefix('$') {
        let (name, rest) = if let Some(braced) = after.strip_prefix('{') {
            match braced.find('}') {
                Some(end) => (
                    braced.get(..end).unwrap_or(""),
                    braced.get(end + 1..).unwrap_or(""),
                ),
                None => ("", ""),
            }
        } else {
            let end = after
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(after.len());
            (
                after.get(..end).unwrap_or(""),
                after.get(end..).unwrap_or(""),
            )
        };
        if !name.is_empty() && (rest.is_empty() || rest.starts_with('/')) {
            changes.push(PathChange::SymbolicRoot(format!("${name}")));
            return (variable_root(name), rest);
        }
    }
    changes.push(PathChange::Relative);
    (Root::Relative, raw)
}

fn split_windows_root<'a>(raw: &'a str, changes: &mut Vec<PathChange>) -> (Root, &'a str) {
    let mut s = raw;
    for prefix in ["\\\\?\\", "\\\\.\\", "//?/", "//./"] {
        if let Some(rest) = s.strip_prefix(prefix) {
            changes.push(PathChange::VerbatimPrefix);
            if let Some(unc) = rest
                .strip_prefix("UNC\\")
                .or_else(|| rest.strip_prefix("unc\\"))
            {
                return split_unc(unc);
            }
            s = rest;
            break;
        }
    }
    let bytes = s.as_bytes();
    if bytes.len() >= 2
        && bytes.get(1) == Some(&b':')
        && let Some(&letter) = bytes.first()
        && letter.is_ascii_alphabetic()
    {
        if letter.is_ascii_lowercase() {
            changes.push(PathChange::DriveCase);
        }
        let rest = s.get(2..).unwrap_or("");
        let drive = char::from(letter.to_ascii_uppercase());
        if rest.is_empty() || rest.starts_with(['\\', '/']) {
            return (Root::Drive(drive), rest.get(1..).unwrap_or(""));
        }
        // `C:foo` is relative to the current directory of drive C.
        changes.push(PathChange::Relative);
        return (Root::Relative, s);
    }
    if let Some(unc) = s.strip_prefix("\\\\").or_else(|| s.strip_prefix("//")) {
        return split_unc(unc);
    }
    if s == "~" || s.starts_with("~\\") || s.starts_with("~/") {
        changes.push(PathChange::SymbolicRoot("~".to_owned()));
        return (Root::Home, s.get(1..).unwrap_or(""));
    }
    if let Some(after) = s.strip_prefix('%')
        && let Some(end) = after.find('%')
    {
        let name = after.get(..end).unwrap_or("");
        let mut rest = after.get(end + 1..).unwrap_or("");
        if !name.is_empty() && (rest.is_empty() || rest.starts_with(['\\', '/', '%'])) {
            // `%HOMEDRIVE%%HOMEPATH%` spells the profile directory too.
            let mut root = variable_root(name);
            if name.eq_ignore_ascii_case("HOMEDRIVE")
                && let Some(r) = rest.strip_prefix("%HOMEPATH%")
            {
                rest = r;
                root = Root::Home;
            }
            changes.push(PathChange::SymbolicRoot(format!("%{name}%")));
            return (root, rest);
        }
    }
    if let Some(after) = s.strip_prefix('$') {
        // PowerShell style `$env:USERPROFILE` or `$HOME`.
        let body = after.strip_prefix("env:").unwrap_or(after);
        let end = body.find(['\\', '/']).unwrap_or(body.len());
        let name = body.get(..end).unwrap_or("");
        if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            changes.push(PathChange::SymbolicRoot(format!("${name}")));
            return (variable_root(name), body.get(end..).unwrap_or(""));
        }
    }
    changes.push(PathChange::Relative);
    (Root::Relative, s)
}

fn split_unc(rest: &str) -> (Root, &str) {
    let mut it = rest.splitn(3, ['\\', '/']);
    let server = it.next().unwrap_or("").to_owned();
    let share = it.next().unwrap_or("").to_owned();
    let tail = it.next().unwrap_or("");
    (Root::Unc { server, share }, tail)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::Platform;

    fn canon(raw: &str, platform: Platform) -> String {
        let c = CanonPath::parse(raw, platform.path_style());
        format!("{} {:?} {:?}", c.path.display, c.path.components, c.changes)
    }

    #[test]
    fn posix_spellings() {
        let out = [
            "/",
            "/a//b/./c/../d/",
            "~/.ssh",
            "$HOME/.aws",
            "${TMPDIR}/x",
            "rel/../..",
            "/..",
            "$FOO/bar",
            "~user/x",
        ]
        .iter()
        .map(|p| format!("{p:>20} => {}", canon(p, Platform::Linux)))
        .collect::<Vec<_>>()
        .join("\n");
        insta::assert_snapshot!("posix_spellings", out);
    }

    #[test]
    fn windows_spellings() {
        let out = [
            r"C:\",
            r"c:\Users\Me\",
            r"\\?\C:\Data\.\x",
            r"\\server\Share\dir",
            r"\\?\UNC\srv\sh\a",
            r"%USERPROFILE%\.ssh",
            r"%TEMP%",
            "C:/Program Files/x",
            r"C:\dir.. \file. ",
            r"%HOMEDRIVE%%HOMEPATH%\x",
            r"$env:USERPROFILE\y",
            "C:rel",
            r"C:\a\..\..\b",
        ]
        .iter()
        .map(|p| format!("{p:>28} => {}", canon(p, Platform::Windows)))
        .collect::<Vec<_>>()
        .join("\n");
        insta::assert_snapshot!("windows_spellings", out);
    }

    #[test]
    fn macos_private_alias_and_case() {
        let a = CanonPath::parse("/tmp/Work", Platform::Macos.path_style()).path;
        let b = CanonPath::parse("/private/tmp/work", Platform::Macos.path_style()).path;
        assert_eq!(a.components, b.components);
        assert_eq!(a.display, "/private/tmp/Work");
    }

    #[test]
    fn join_equals_parsing_the_longer_spelling() {
        for platform in [Platform::Linux, Platform::Macos, Platform::Windows] {
            let style = platform.path_style();
            for base in [
                "/",
                "/a/B",
                "~",
                "~/x",
                r"C:\",
                r"C:\Users\Dev",
                "rel",
                "$TMPDIR",
            ] {
                let b = CanonPath::parse(base, style).path;
                let joined = b.join("Name.txt", style);
                let sep = if style.windows { "\\" } else { "/" };
                let spelled = if b.is_root() && !matches!(b.root, Root::Relative) {
                    format!("{}{}Name.txt", b.display.trim_end_matches(['/', '\\']), sep)
                } else {
                    format!("{}{sep}Name.txt", b.display)
                };
                let parsed = CanonPath::parse(&spelled, style).path;
                assert_eq!(joined.components, parsed.components, "{platform} {base}");
                assert_eq!(joined.root, parsed.root, "{platform} {base}");
                assert!(joined.is_strictly_under(&b));
            }
        }
    }

    #[test]
    fn join_and_parent_keep_case() {
        let style = Platform::Windows.path_style();
        let p = CanonPath::parse(r"C:\Users\Me", style).path;
        let j = p.join("Docs", style);
        assert_eq!(j.display, r"C:\Users\Me\Docs");
        assert!(j.is_strictly_under(&p));
        assert_eq!(j.parent(style), Some(p));
    }
}
