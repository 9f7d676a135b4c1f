//! Emission options and the context through which a target reports what each construct became.

use std::collections::{BTreeMap, BTreeSet};
use std::net::Ipv4Addr;

use ir::{Code, Diagnostic, Severity, Span};

use crate::report::{Entry, Status};
use crate::target::TargetId;

/// The system directories MXC's bubblewrap backend always mounts read-only.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Baseline {
    /// MXC-compatible: `/usr`, `/lib`, `/etc`, ... read-only, reported as MX5030 warnings.
    Mxc,
    /// Nothing beyond the policy (the command must then find `sh` through the policy's paths).
    None,
}

/// What a path is on the host that will run the sandbox.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum PathKind {
    Dir,
    File,
    /// The path or one of its ancestors is a symbolic link.
    Symlink,
    Missing,
    /// A device, socket or FIFO, or a path that could not be examined.
    Other,
    /// Not examined: the compiling machine is not taken to be the one that runs the sandbox
    /// ([`PathProbe::Unknown`]), or the path is not one this machine can name (a Windows path
    /// on Linux). The path may be any of the kinds above at run time, so a target must emit
    /// what is correct (or fails closed) for every kind, and report what it had to assume.
    Unknown,
}

/// The help of every diagnostic about a path whose kind was not examined.
pub(crate) const UNEXAMINED_HELP: &str = "compile with `--assume-host current` on the machine that runs the sandbox to examine the paths";

/// Where path kinds come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathProbe {
    /// Examine the build host with `symlink_metadata` (the host is assumed to run the sandbox).
    /// The executor compiles with this probe on the machine it runs on.
    Host,
    /// Assume nothing about the host: every path is [`PathKind::Unknown`], so the artifacts
    /// are the same on every compiling machine.
    Unknown,
    /// A fixed table (tests, cross-compilation); unlisted paths are directories.
    Fixed(BTreeMap<String, PathKind>),
}

impl PathProbe {
    /// The kind of an absolute host path.
    pub fn kind(&self, path: &str) -> PathKind {
        match self {
            PathProbe::Fixed(map) => map.get(path).copied().unwrap_or(PathKind::Dir),
            PathProbe::Host => probe_host(path),
            PathProbe::Unknown => PathKind::Unknown,
        }
    }
}

fn probe_host(path: &str) -> PathKind {
    let p = std::path::Path::new(path);
    // A relative spelling here (a Windows path examined on Linux) would be looked up in the
    // working directory, which says nothing about the path itself.
    if !p.is_absolute() {
        return PathKind::Unknown;
    }
    for ancestor in p.ancestors() {
        if let Ok(meta) = std::fs::symlink_metadata(ancestor)
            && meta.file_type().is_symlink()
        {
            return PathKind::Symlink;
        }
    }
    match std::fs::symlink_metadata(p) {
        Ok(meta) if meta.is_dir() => PathKind::Dir,
        Ok(meta) if meta.is_file() => PathKind::File,
        Ok(_) => PathKind::Other,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => PathKind::Missing,
        Err(_) => PathKind::Other,
    }
}

/// The CPU architecture the seccomp filter is built for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Arch {
    X86_64,
    Aarch64,
}

impl Arch {
    pub const ALL: [Arch; 2] = [Arch::X86_64, Arch::Aarch64];

    pub fn as_str(self) -> &'static str {
        match self {
            Arch::X86_64 => "x86_64",
            Arch::Aarch64 => "aarch64",
        }
    }

    /// The `AUDIT_ARCH_*` value the kernel puts in `seccomp_data.arch`.
    pub fn audit(self) -> u32 {
        match self {
            Arch::X86_64 => 0xC000_003E,
            Arch::Aarch64 => 0xC000_00B7,
        }
    }
}

/// Options shared by every target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// Emit artifacts even when a construct cannot be enforced (gaps become warnings).
    pub allow_gaps: bool,
    /// The landlock ABI to target; `None` picks the lowest ABI that enforces what the policy
    /// needs.
    pub landlock_abi: Option<u8>,
    /// The home directory `~` resolves to; without it `~` paths are refused (MX5002).
    pub home_dir: Option<String>,
    pub baseline: Baseline,
    pub paths: PathProbe,
    pub arch: Arch,
    /// The address at which the executor's user-mode network stack (slirp4netns) exposes the
    /// host, used to reach a loopback proxy from the sandbox's network namespace.
    pub host_gateway: Ipv4Addr,
    /// The file descriptor on which the executor passes `seccomp.bpf` to bubblewrap.
    pub seccomp_fd: u32,
    /// The Windows build the Windows targets are emitted for (UI limits depend on it).
    pub windows_build: u32,
    /// Also emit `seatbelt-override.json`: an MXC config whose `seatbelt.profileOverride`
    /// carries the verified profile.
    pub seatbelt_override: bool,
    /// The policy file's bytes and frontend settings, recorded in `report.json`; only for
    /// policies the full frontend accepted.
    pub source: Option<crate::SourceRecord>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            allow_gaps: false,
            landlock_abi: None,
            home_dir: None,
            baseline: Baseline::Mxc,
            paths: PathProbe::Host,
            arch: Arch::X86_64,
            host_gateway: Ipv4Addr::new(10, 0, 2, 2),
            seccomp_fd: 3,
            windows_build: 26100,
            seatbelt_override: false,
            source: None,
        }
    }
}

/// Collects the report entries and diagnostics of one target's emission.
#[derive(Debug)]
pub struct EmitContext<'a> {
    pub options: &'a Options,
    pub target: TargetId,
    /// Every target emitted in the same run (a group such as `all-linux`).
    pub selected: &'a BTreeSet<TargetId>,
    pub(crate) entries: Vec<Entry>,
    pub(crate) diagnostics: Vec<Diagnostic>,
}

impl<'a> EmitContext<'a> {
    pub fn new(
        options: &'a Options,
        target: TargetId,
        selected: &'a BTreeSet<TargetId>,
    ) -> EmitContext<'a> {
        EmitContext {
            options,
            target,
            selected,
            entries: Vec::new(),
            diagnostics: Vec::new(),
        }
    }

    /// True when another target of this run is emitted alongside.
    pub fn with(&self, other: TargetId) -> bool {
        other != self.target && self.selected.contains(&other)
    }

    /// Records a construct the artifact enforces exactly.
    pub fn enforced(&mut self, construct: impl Into<String>, span: Option<Span>, detail: &str) {
        self.entries.push(Entry {
            construct: construct.into(),
            span,
            status: Status::Enforced,
            code: None,
            detail: detail.to_owned(),
            regions: Vec::new(),
        });
    }

    /// Records a construct enforced more strictly than asked: a warning.
    pub fn approximated(
        &mut self,
        code: Code,
        construct: impl Into<String>,
        span: Option<Span>,
        message: String,
        help: &str,
    ) {
        let construct = construct.into();
        self.push(code, construct, span, Status::Approximated, message, help);
    }

    /// Records access granted beyond the policy for MXC compatibility: a warning. The caller
    /// states what is granted with [`Granted::grants`].
    pub fn compat_grant(
        &mut self,
        code: Code,
        construct: impl Into<String>,
        span: Option<Span>,
        message: String,
        help: &str,
    ) -> Granted<'_> {
        let construct = construct.into();
        self.push(code, construct, span, Status::CompatGrant, message, help)
    }

    /// Records a construct the artifact cannot enforce. It is an error unless one of
    /// `covered_by` is emitted alongside and closes the gap, or gaps are allowed. When the
    /// artifact then allows more than the policy, the caller states exactly what with
    /// [`Granted::grants`]; the compile gate excuses only soundness findings inside it.
    pub fn gap(
        &mut self,
        code: Code,
        construct: impl Into<String>,
        span: Option<Span>,
        message: String,
        help: &str,
        covered_by: &[TargetId],
    ) -> Granted<'_> {
        let construct = construct.into();
        let status = match covered_by.iter().find(|t| self.with(**t)) {
            Some(other) => Status::Covered(*other),
            _ if self.options.allow_gaps => Status::GapAllowed,
            _ => Status::Refused,
        };
        self.push(code, construct, span, status, message, help)
    }

    fn push(
        &mut self,
        code: Code,
        construct: String,
        span: Option<Span>,
        status: Status,
        message: String,
        help: &str,
    ) -> Granted<'_> {
        let mut diagnostic = Diagnostic::new(code, status.severity(), message.clone())
            .with_help(help.to_owned())
            .with_note(format!("target `{}`, construct `{construct}`", self.target));
        if let Status::Covered(other) = status {
            diagnostic = diagnostic.with_note(format!("the `{other}` artifact closes this gap"));
        }
        if let Some(span) = span {
            diagnostic = diagnostic.with_label(span, status.as_str());
        }
        self.diagnostics.push(diagnostic);
        self.entries.push(Entry {
            construct,
            span,
            status,
            code: Some(code),
            detail: message,
            regions: Vec::new(),
        });
        Granted {
            entries: &mut self.entries,
        }
    }

    /// Reports a fact about the host the artifact relies on but that was not examined (a
    /// warning that belongs to no construct, so that no proof finding is attributed to it).
    /// The caller also lists the fact among the artifact's assumptions.
    pub fn assumed(&mut self, code: Code, message: String, help: &str) {
        self.diagnostics.push(
            Diagnostic::new(code, Severity::Warning, message)
                .with_help(help.to_owned())
                .with_note(format!("target `{}`", self.target)),
        );
    }

    /// True when a refusal was recorded.
    pub fn refused(&self) -> bool {
        self.entries.iter().any(|e| e.status == Status::Refused)
    }
}

/// The entry just recorded for a gap or a compatibility grant, to which the target attaches
/// what the artifact allows beyond the policy.
#[derive(Debug)]
pub struct Granted<'c> {
    entries: &'c mut Vec<Entry>,
}

impl Granted<'_> {
    /// Adds regions the artifact allows because of this construct.
    pub fn grants(self, regions: impl IntoIterator<Item = ir::model::Region>) {
        if let Some(entry) = self.entries.last_mut() {
            entry.regions.extend(regions);
        }
    }
}
