//! The `Target` trait, target identifiers and the MX5xxx code table for Linux targets.
//!
//! A target is an emitter plus a model (design.md): `emit` turns a policy into an artifact and
//! reports, through the [`EmitContext`], what became of every policy construct; `model` says in
//! IR vocabulary what the emitted artifact enforces.

use std::fmt;

use ir::model::ArtifactModel;

use crate::artifact::Artifact;
use crate::context::{EmitContext, Options};

/// The Linux targets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TargetId {
    Landlock,
    Seccomp,
    Bwrap,
    Nftables,
    Seatbelt,
    AppContainer,
    Firewall,
    Wsb,
    Lxc,
}

impl TargetId {
    pub const ALL: [TargetId; 9] = [
        TargetId::Landlock,
        TargetId::Seccomp,
        TargetId::Bwrap,
        TargetId::Nftables,
        TargetId::Seatbelt,
        TargetId::AppContainer,
        TargetId::Firewall,
        TargetId::Wsb,
        TargetId::Lxc,
    ];
    /// The targets of the `all-linux` group (a bubblewrap sandbox).
    pub const LINUX: [TargetId; 4] = [
        TargetId::Landlock,
        TargetId::Seccomp,
        TargetId::Bwrap,
        TargetId::Nftables,
    ];
    /// The targets of the `all-windows` group (a processcontainer).
    pub const WINDOWS: [TargetId; 2] = [TargetId::AppContainer, TargetId::Firewall];

    pub fn as_str(self) -> &'static str {
        match self {
            TargetId::Landlock => "landlock",
            TargetId::Seccomp => "seccomp",
            TargetId::Bwrap => "bwrap",
            TargetId::Nftables => "nftables",
            TargetId::Seatbelt => "seatbelt",
            TargetId::AppContainer => "appcontainer",
            TargetId::Firewall => "firewall",
            TargetId::Wsb => "wsb",
            TargetId::Lxc => "lxc",
        }
    }
}

impl fmt::Display for TargetId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How well a target supports one construct under the configured kernel ABI or tool version.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Support {
    /// Enforced exactly.
    Exact,
    /// Enforced more strictly than asked (reported as a warning).
    Stricter,
    /// Not enforced: reported as an error unless gaps are allowed.
    None,
}

impl Support {
    pub fn as_str(self) -> &'static str {
        match self {
            Support::Exact => "exact",
            Support::Stricter => "stricter",
            Support::None => "none",
        }
    }
}

/// One row of a target's capability table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Capability {
    /// The policy construct, e.g. `filesystem.deniedPaths` or `network.egress.udp`.
    pub construct: &'static str,
    pub support: Support,
    /// Why, and from which ABI or version.
    pub note: String,
}

impl Capability {
    /// One row of a capability table.
    pub fn new(construct: &'static str, support: Support, note: &str) -> Capability {
        Capability {
            construct,
            support,
            note: note.to_owned(),
        }
    }
}

/// A Linux enforcement backend.
pub trait Target: Sync {
    fn id(&self) -> TargetId;

    /// The platform whose policies this target compiles.
    fn platform(&self) -> ir::Platform {
        ir::Platform::Linux
    }

    /// What this target can enforce with the configured ABI or tool version.
    fn capabilities(&self, options: &Options) -> Vec<Capability>;

    /// Emits the artifact, reporting every construct through the context. `None` when nothing
    /// can be emitted at all (for example a policy for another platform).
    fn emit(&self, policy: &ir::Policy, cx: &mut EmitContext<'_>) -> Option<Artifact>;

    /// What the artifact enforces, in IR vocabulary.
    fn model(&self, artifact: &Artifact) -> ArtifactModel;
}

/// The MX5xxx codes of the targets, documented in the registry (`ir::codes::targets`).
pub mod codes {
    pub use ir::codes::targets::*;
}
