//! Filesystem grants: the three MXC lists lowered to one ordered rule list.

pub mod index;

use std::fmt;

use crate::path::{CanonPath, PathChange};
use crate::span::Span;

/// What one list entry grants. Ordered from least to most restrictive, which is also MXC's
/// tie-break for the same path in several lists (`denied > readonly > readwrite`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FsAccess {
    ReadWrite,
    ReadOnly,
    Denied,
}

impl FsAccess {
    /// True when this access grants the operation.
    pub fn grants(self, op: FsOp) -> bool {
        match self {
            FsAccess::ReadWrite => true,
            // Every backend maps read-only to read + execute (+ metadata).
            FsAccess::ReadOnly => op != FsOp::Write,
            FsAccess::Denied => false,
        }
    }

    /// The MXC list this access comes from.
    pub fn list_name(self) -> &'static str {
        match self {
            FsAccess::ReadWrite => "readwritePaths",
            FsAccess::ReadOnly => "readonlyPaths",
            FsAccess::Denied => "deniedPaths",
        }
    }

    pub const ALL: [FsAccess; 3] = [FsAccess::ReadWrite, FsAccess::ReadOnly, FsAccess::Denied];
}

/// A filesystem operation on a path.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FsOp {
    Read,
    Write,
    Execute,
    /// `stat`, existence, directory listing of names.
    Metadata,
}

impl FsOp {
    pub const ALL: [FsOp; 4] = [FsOp::Read, FsOp::Write, FsOp::Execute, FsOp::Metadata];

    pub fn as_str(self) -> &'static str {
        match self {
            FsOp::Read => "read",
            FsOp::Write => "write",
            FsOp::Execute => "execute",
            FsOp::Metadata => "metadata",
        }
    }
}

impl fmt::Display for FsOp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One entry of `readwritePaths`, `readonlyPaths` or `deniedPaths`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FsRule {
    pub access: FsAccess,
    /// The path exactly as written (after JSON unescaping).
    pub raw: String,
    pub path: CanonPath,
    /// What canonicalisation changed in the spelling.
    pub changes: Vec<PathChange>,
    /// Position within its list.
    pub index: usize,
    /// The span of the JSON string.
    pub span: Span,
}

/// The filesystem section: rules in list order (readwrite, readonly, denied), each list in
/// source order. No rule means no access.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filesystem {
    pub rules: Vec<FsRule>,
    /// The span of the `filesystem` object, when present.
    pub span: Option<Span>,
}

impl Filesystem {
    pub fn rules_with(&self, access: FsAccess) -> impl Iterator<Item = &FsRule> {
        self.rules.iter().filter(move |r| r.access == access)
    }
}
