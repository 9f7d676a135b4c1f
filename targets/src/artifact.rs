//! Artifacts: the deterministic files a target writes, and the typed plan they were printed from.

use std::collections::BTreeMap;

use crate::backends::{appcontainer, firewall, lxc, seatbelt, wsb};
use crate::backends::{bwrap, landlock, nftables, seccomp};
use crate::target::TargetId;

/// One emitted artifact.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Artifact {
    pub target: TargetId,
    /// The version of this target's file format, also written into the files that can hold it.
    pub format_version: u32,
    /// File name (fixed per target) to bytes.
    pub files: BTreeMap<&'static str, Vec<u8>>,
    /// Facts the artifact relies on at run time; the executor checks them and refuses to run
    /// when reality is weaker.
    pub assumptions: Vec<String>,
    pub(crate) plan: Plan,
}

/// The typed content each target prints; models are computed from it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Plan {
    Landlock(landlock::Ruleset),
    Seccomp(seccomp::Filter),
    Bwrap(bwrap::Argv),
    Nftables(nftables::Ruleset),
    Seatbelt(seatbelt::Profile),
    AppContainer(appcontainer::Plan),
    Firewall(firewall::Plan),
    Wsb(wsb::Plan),
    Lxc(lxc::Plan),
}
