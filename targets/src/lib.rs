//! Linux enforcement backends for mxcc: each target is an emitter plus a model.
//!
//! [`compile`] runs the selected targets (one, or the group `all-linux`) on a lowered
//! [`ir::Policy`]. Every target reports, construct by construct, whether its artifact enforces
//! it exactly, approximates it more strictly (a warning), or cannot enforce it (an error, and
//! no artifact is written unless [`Options::allow_gaps`] is set). A gap that another target of
//! the same run closes is reported as covered (for example landlock's blindness to `stat` is
//! closed by bubblewrap's mount namespace).
//!
//! Files (fixed names): `landlock.json`, `seccomp.bpf` + `seccomp.txt`, `bwrap.args`,
//! `nftables.nft`, and always `report.json`. [`Target::model`] gives what each artifact
//! enforces in [`ir::model`] vocabulary, the input of the verifier's refinement proofs.

pub mod artifact;
pub mod backends;
pub mod compile;
pub mod context;
pub(crate) mod netspace;
pub(crate) mod paths;
pub mod registry;
pub mod report;
pub mod source;
pub mod target;

#[cfg(test)]
mod tests;

pub use artifact::Artifact;
pub use compile::{CompileOutput, REPORT_FILE, compile};
pub use context::{Arch, Baseline, EmitContext, Granted, Options, PathKind, PathProbe};
pub use report::{Entry, Status, TargetReport};
pub use source::SourceRecord;
pub use target::{Capability, Support, Target, TargetId, codes};
