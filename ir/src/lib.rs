//! The typed MXC policy, its diagnostics and the one reference semantics.
//!
//! `ir` does no IO and knows nothing about JSON, solvers or backends. The compiler lowers MXC
//! configs into [`Policy`]; lints, the verifier and the targets read it; [`decide`] is the
//! oracle all of them are tested against.

pub mod catalog;
pub mod codes;
pub mod decide;
pub mod diag;
pub mod fs;
pub mod model;
pub mod net;
pub mod path;
pub mod platform;
pub mod policy;
pub mod printer;
pub mod span;
pub mod spanned;

pub use decide::{Cause, Decision, Direction, Endpoint, Mode, Request, UiOp, decide};
pub use diag::{Code, Diagnostic, Label, Severity};
pub use fs::{Filesystem, FsAccess, FsOp, FsRule};
pub use net::{
    Action, Cidr, Family, NetRule, Network, NetworkShape, Peer, PortSelector, Protocol,
    ProtocolSelector, Proxy, ProxyKind, RuleOrigin,
};
pub use path::{CanonPath, PathChange, Root};
pub use platform::{PathStyle, Platform};
pub use policy::{Backend, Clipboard, Phase, Policy, SchemaVersion};
pub use span::{LineCol, SourceFile, SourceId, SourceMap, Span};
pub use spanned::{Setting, Spanned};
