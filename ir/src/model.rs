//! Models of what an emitted artifact enforces, in IR vocabulary.
//!
//! Every target is an emitter plus a model (design.md). The emitter writes bytes; the model says
//! which requests those bytes allow. The verifier proves `model ⊆ policy` (soundness) and
//! measures `policy ⊆ model` (completeness); the concrete evaluators below are the reference
//! for the verifier's encoding of models, exactly as [`crate::decide`] is for policies.

use std::net::IpAddr;

use crate::decide::{Direction, Endpoint, UiOp};
use crate::fs::FsOp;
use crate::net::{Action, Cidr, Family, Protocol, canonical_ip};
use crate::path::CanonPath;

mod region;

pub use region::Region;

/// A set of filesystem operations.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FsOps(u8);

impl FsOps {
    pub const NONE: FsOps = FsOps(0);
    pub const ALL: FsOps = FsOps(0b1111);
    /// Read, execute and metadata: what a read-only grant means.
    pub const READ_ONLY: FsOps = FsOps(0b1101);

    const fn bit(op: FsOp) -> u8 {
        match op {
            FsOp::Read => 0b0001,
            FsOp::Write => 0b0010,
            FsOp::Execute => 0b0100,
            FsOp::Metadata => 0b1000,
        }
    }

    pub fn of(ops: &[FsOp]) -> FsOps {
        FsOps(ops.iter().fold(0, |acc, op| acc | FsOps::bit(*op)))
    }

    pub fn contains(self, op: FsOp) -> bool {
        self.0 & FsOps::bit(op) != 0
    }

    #[must_use]
    pub fn union(self, other: FsOps) -> FsOps {
        FsOps(self.0 | other.0)
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn iter(self) -> impl Iterator<Item = FsOp> {
        FsOp::ALL.into_iter().filter(move |op| self.contains(*op))
    }
}

/// How a model rule's path matches request paths.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PathMatch {
    /// The path and everything beneath it (bind mounts, landlock path-beneath, SBPL `subpath`).
    Subtree,
    /// Exactly this path (SBPL `literal`, a file mount).
    Literal,
    /// Every path whose spelling starts with this string (SBPL `prefix`: `/tmp/a` also matches
    /// `/tmp/ab`).
    StringPrefix,
}

/// One rule of an ordered filesystem model.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FsModelRule {
    pub path: CanonPath,
    pub matching: PathMatch,
    /// The operations this rule decides; other operations fall through to earlier rules.
    pub ops: FsOps,
    pub allow: bool,
    /// Rules of a higher tier always beat rules of a lower tier (SBPL: unfiltered rules do not
    /// override filtered ones); within a tier the last match wins.
    pub tier: u8,
    /// Where the rule sits in the artifact, e.g. `bwrap.args:14` or `seatbelt.sb:31`.
    pub origin: String,
}

impl FsModelRule {
    pub fn matches(&self, path: &CanonPath) -> bool {
        match self.matching {
            PathMatch::Subtree => path.starts_with(&self.path),
            PathMatch::Literal => path == &self.path,
            PathMatch::StringPrefix => {
                path.root == self.path.root && path_key(path).starts_with(&path_key(&self.path))
            }
        }
    }
}

/// The comparison spelling of a path, components joined by `/`.
pub fn path_key(path: &CanonPath) -> String {
    path.components.join("/")
}

/// One landlock layer: an operation the layer handles is allowed only beneath a rule granting it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FsLayer {
    pub handled: FsOps,
    pub rules: Vec<FsLayerRule>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FsLayerRule {
    pub path: CanonPath,
    pub ops: FsOps,
    pub origin: String,
}

/// What an artifact enforces on the filesystem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FsModel {
    /// Ordered rules (tier, then last match wins); `default` for paths no rule decides.
    Ordered {
        rules: Vec<FsModelRule>,
        default: FsOps,
    },
    /// Landlock: allowed iff every layer leaves the op unhandled or grants it beneath a rule.
    Layers(Vec<FsLayer>),
    /// Several mechanisms stacked (e.g. a mount table and a landlock ruleset): all must allow.
    All(Vec<FsModel>),
}

impl FsModel {
    /// Concrete evaluation: does the artifact allow `op` on `path`?
    pub fn allows(&self, op: FsOp, path: &CanonPath) -> bool {
        match self {
            FsModel::Ordered { rules, default } => {
                let mut best: Option<&FsModelRule> = None;
                for rule in rules
                    .iter()
                    .filter(|r| r.ops.contains(op) && r.matches(path))
                {
                    if best.is_none_or(|b| rule.tier >= b.tier) {
                        best = Some(rule);
                    }
                }
                best.map_or(default.contains(op), |r| r.allow)
            }
            FsModel::Layers(layers) => layers.iter().all(|layer| {
                !layer.handled.contains(op)
                    || layer
                        .rules
                        .iter()
                        .any(|r| r.ops.contains(op) && path.starts_with(&r.path))
            }),
            FsModel::All(models) => models.iter().all(|m| m.allows(op, path)),
        }
    }
}

/// One rule of a first-match network chain. `None` fields match anything.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NetModelRule {
    pub family: Option<Family>,
    pub protocol: Option<Protocol>,
    pub cidr: Option<Cidr>,
    /// Inclusive port range; never matches ICMP when set.
    pub ports: Option<(u16, u16)>,
    pub action: Action,
    pub origin: String,
}

impl NetModelRule {
    pub fn matches(&self, protocol: Protocol, ip: IpAddr, port: u16) -> bool {
        let ip = canonical_ip(ip);
        let family = match ip {
            IpAddr::V4(_) => Family::V4,
            IpAddr::V6(_) => Family::V6,
        };
        self.family.is_none_or(|f| f == family)
            && self.protocol.is_none_or(|p| p == protocol)
            && self.cidr.is_none_or(|c| c.contains(ip))
            && self
                .ports
                .is_none_or(|(lo, hi)| protocol != Protocol::Icmp && lo <= port && port <= hi)
    }
}

/// A first-match chain with a default action (iptables/nftables chains, WFP filters).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NetChain {
    pub rules: Vec<NetModelRule>,
    pub default: Action,
}

impl NetChain {
    pub fn allows(&self, protocol: Protocol, ip: IpAddr, port: u16) -> bool {
        let action = self
            .rules
            .iter()
            .find(|r| r.matches(protocol, ip, port))
            .map_or(self.default, |r| r.action);
        action == Action::Allow
    }
}

/// What an artifact enforces on the network. Loopback addresses are ordinary addresses here:
/// a model that opens `127.0.0.0/8` opens the host loopback.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NetModel {
    pub egress: NetChain,
    pub ingress: NetChain,
    /// True when the sandbox can reach the configured proxy endpoint over TCP (a proxy is an
    /// HTTP/S endpoint; every target opens it for TCP only).
    pub proxy_reachable: bool,
}

impl NetModel {
    pub fn allows(
        &self,
        direction: Direction,
        protocol: Protocol,
        endpoint: Endpoint,
        port: u16,
    ) -> bool {
        match endpoint {
            Endpoint::Proxy => {
                self.proxy_reachable && direction == Direction::Egress && protocol == Protocol::Tcp
            }
            Endpoint::Ip(ip) => match direction {
                Direction::Egress => self.egress.allows(protocol, ip, port),
                Direction::Ingress => self.ingress.allows(protocol, ip, port),
            },
        }
    }
}

/// What an artifact enforces on UI operations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UiModel {
    pub create_window: bool,
    pub clipboard_read: bool,
    pub clipboard_write: bool,
    pub inject_input: bool,
}

impl UiModel {
    pub fn allows(&self, op: UiOp) -> bool {
        match op {
            UiOp::CreateWindow => self.create_window,
            UiOp::ClipboardRead => self.clipboard_read,
            UiOp::ClipboardWrite => self.clipboard_write,
            UiOp::InjectInput => self.inject_input,
        }
    }
}

/// One classic BPF instruction (`struct sock_filter`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct BpfInsn {
    pub code: u16,
    pub jt: u8,
    pub jf: u8,
    pub k: u32,
}

/// A seccomp filter and the specification it must implement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeccompModel {
    pub program: Vec<BpfInsn>,
    /// The audit architecture values the filter accepts (e.g. `AUDIT_ARCH_X86_64`).
    pub arches: Vec<u32>,
}

/// How an argument check compares the low 32 bits of a syscall argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ArgCmp {
    /// `(low & mask) == value`.
    MaskedEq,
    /// `(low & mask) != 0` (the value is ignored).
    AnyBits,
}

/// One argument check of a seccomp rule: when it holds, the rule returns `action`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SeccompArgCheck {
    /// The argument index, 0 to 5; only its low 32 bits are compared.
    pub arg: u8,
    pub mask: u32,
    pub value: u32,
    pub cmp: ArgCmp,
    pub action: u32,
}

impl SeccompArgCheck {
    pub fn holds(&self, args: &[u64; 6]) -> bool {
        let Some(arg) = args.get(usize::from(self.arg)) else {
            return false;
        };
        let low = (arg & 0xffff_ffff) as u32;
        match self.cmp {
            ArgCmp::MaskedEq => low & self.mask == self.value,
            ArgCmp::AnyBits => low & self.mask != 0,
        }
    }
}

/// What one syscall number gets: the first check that holds decides, else `otherwise`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeccompRule {
    pub nr: u32,
    pub checks: Vec<SeccompArgCheck>,
    pub otherwise: u32,
}

/// The specification of a seccomp filter for one architecture.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArchSpec {
    /// The action for syscall numbers without a rule.
    pub default: u32,
    /// Numbers at or above the bound get the action (x86_64: the x32 ABI, `0x40000000`).
    pub x32_guard: Option<(u32, u32)>,
    /// At most one rule per number; the first wins.
    pub rules: Vec<SeccompRule>,
}

/// The specification a seccomp program must implement, as data: the action for every
/// `(arch, nr, args)`. [`SeccompSpec::action`] is the reference the verifier's bytecode proof
/// and the targets' interpreter tests are checked against.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeccompSpec {
    /// `(AUDIT_ARCH_*, spec)`; the first entry for an arch wins.
    pub arches: Vec<(u32, ArchSpec)>,
    /// The action for any other architecture.
    pub mismatch_action: u32,
}

impl SeccompSpec {
    /// The action for one syscall.
    pub fn action(&self, arch: u32, nr: u32, args: &[u64; 6]) -> u32 {
        let Some((_, spec)) = self.arches.iter().find(|(a, _)| *a == arch) else {
            return self.mismatch_action;
        };
        if let Some((bound, action)) = spec.x32_guard
            && nr >= bound
        {
            return action;
        }
        match spec.rules.iter().find(|r| r.nr == nr) {
            None => spec.default,
            Some(rule) => rule
                .checks
                .iter()
                .find(|c| c.holds(args))
                .map_or(rule.otherwise, |c| c.action),
        }
    }
}

/// A domain of an artifact model: what it enforces, or why it enforces nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Domain<T> {
    Enforced(T),
    /// The artifact leaves this domain open (everything allowed).
    Unconstrained,
    /// The domain does not exist for this artifact (for example UI on a headless Linux target).
    NotApplicable(String),
}

/// The model of one artifact.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArtifactModel {
    /// The target id, e.g. `landlock`.
    pub target: &'static str,
    pub fs: Domain<FsModel>,
    pub net: Domain<NetModel>,
    pub ui: Domain<UiModel>,
}

impl ArtifactModel {
    /// A model that constrains nothing: what a target reports when handed an artifact it did
    /// not emit, so that the soundness proof fails loudly instead of trusting it.
    pub fn unconstrained(target: &'static str) -> ArtifactModel {
        ArtifactModel {
            target,
            fs: Domain::Unconstrained,
            net: Domain::Unconstrained,
            ui: Domain::Unconstrained,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::Platform;

    fn p(s: &str) -> CanonPath {
        CanonPath::parse(s, Platform::Linux.path_style()).path
    }

    #[test]
    fn ordered_last_match_and_tiers() {
        let rule = |path: &str, allow: bool, tier: u8| FsModelRule {
            path: p(path),
            matching: PathMatch::Subtree,
            ops: FsOps::ALL,
            allow,
            tier,
            origin: String::new(),
        };
        let model = FsModel::Ordered {
            rules: vec![
                rule("/a", true, 0),
                rule("/a/b", false, 0),
                rule("/a", true, 0),
            ],
            default: FsOps::NONE,
        };
        // The later mount of `/a` shadows the earlier mask of `/a/b`.
        assert!(model.allows(FsOp::Read, &p("/a/b/c")));
        let tiered = FsModel::Ordered {
            rules: vec![rule("/a/b", false, 1), rule("/a", true, 0)],
            default: FsOps::NONE,
        };
        assert!(!tiered.allows(FsOp::Read, &p("/a/b/c")));
        assert!(!tiered.allows(FsOp::Read, &p("/z")));
    }

    #[test]
    fn string_prefix_matches_siblings() {
        let rule = FsModelRule {
            path: p("/tmp/a"),
            matching: PathMatch::StringPrefix,
            ops: FsOps::ALL,
            allow: true,
            tier: 0,
            origin: String::new(),
        };
        assert!(rule.matches(&p("/tmp/ab")));
        assert!(!rule.matches(&p("/tmp/b")));
    }

    #[test]
    fn landlock_layers_intersect() {
        let layer = |path: &str, ops: FsOps| FsLayer {
            handled: FsOps::ALL,
            rules: vec![FsLayerRule {
                path: p(path),
                ops,
                origin: String::new(),
            }],
        };
        let model = FsModel::Layers(vec![
            layer("/a", FsOps::ALL),
            layer("/a/b", FsOps::READ_ONLY),
        ]);
        assert!(model.allows(FsOp::Read, &p("/a/b/c")));
        assert!(!model.allows(FsOp::Write, &p("/a/b/c")));
        assert!(!model.allows(FsOp::Read, &p("/a/c")));
    }
}
