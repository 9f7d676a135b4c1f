//! The `Target` trait, target identifiers and the MX5xxx code table for Linux targets.
//!
//! A target is an emitter plus a model (design.md): `emit` turns a policy into an artifact and
//! reports, through the [`EmitContext`], what became of every policy construct; `model` says in
//! IR vocabulary what the emitted artifact enforces.

use std::fmt;

use ir::Code;
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

/// The MX5001–MX5099 codes reserved for the Linux targets. Codes are never reused.
pub mod codes {
    use ir::Code;

    /// The policy is for another platform.
    pub const WRONG_PLATFORM: Code = Code("MX5001");
    /// A path with a symbolic root (`~`, `$VAR`, relative) cannot be bound or opened.
    pub const SYMBOLIC_PATH: Code = Code("MX5002");
    /// Landlock cannot hide file metadata (`stat`) of paths it does not grant.
    pub const LANDLOCK_METADATA: Code = Code("MX5003");
    /// The configured landlock ABI is too old for a construct the policy needs.
    pub const LANDLOCK_ABI: Code = Code("MX5004");
    /// Landlock filters TCP by port only, never by address.
    pub const LANDLOCK_NET_ADDRESS: Code = Code("MX5005");
    /// Landlock cannot restrict UDP or ICMP.
    pub const LANDLOCK_NET_PROTOCOL: Code = Code("MX5006");
    /// A restriction inside a more permissive grant needs mount masks from the executor.
    pub const LANDLOCK_NESTED_RESTRICTION: Code = Code("MX5007");
    /// Landlock cannot single out the host loopback or the proxy endpoint.
    pub const LANDLOCK_LOOPBACK: Code = Code("MX5008");
    /// The seccomp filter exceeds the kernel's 4096-instruction limit.
    pub const SECCOMP_TOO_LARGE: Code = Code("MX5020");
    /// The seccomp filter restricts socket families, never addresses or ports.
    pub const SECCOMP_NET_COARSE: Code = Code("MX5021");
    /// The seccomp filter does not restrict filesystem paths.
    pub const SECCOMP_FS: Code = Code("MX5022");
    /// The runtime baseline grants access the policy does not list (MXC compatibility).
    pub const BWRAP_BASELINE: Code = Code("MX5030");
    /// Egress the policy allows is blocked because bwrap alone isolates the network.
    pub const BWRAP_NET_ISOLATED: Code = Code("MX5031");
    /// The host loopback cannot be reached from the sandbox's network namespace.
    pub const HOST_LOOPBACK: Code = Code("MX5032");
    /// A path kind could not be determined; the stricter mask was chosen.
    pub const PATH_KIND: Code = Code("MX5033");
    /// A policy path is a symbolic link on the host.
    pub const SYMLINK_PATH: Code = Code("MX5034");
    /// A path listed for access does not exist on the host; bwrap will refuse to start.
    pub const MISSING_PATH: Code = Code("MX5035");
    /// A legacy host-list entry names a host; nftables filters addresses only.
    pub const NFT_HOST_NAME: Code = Code("MX5040");
    /// The proxy endpoint is reached through the network namespace gateway.
    pub const NFT_PROXY_GATEWAY: Code = Code("MX5041");
    /// Ingress is accepted in the namespace but needs port forwarding from the executor.
    pub const NFT_INGRESS: Code = Code("MX5042");
    /// A gap of one target is closed by another target emitted alongside it.
    pub const GAP_COVERED: Code = Code("MX5090");

    // MX5100–MX5199: macOS, Windows and LXC targets.
    /// A path cannot be written into the artifact (control characters, unsupported root).
    pub const PATH_SPELLING: Code = Code("MX5100");
    /// Seatbelt grants system locations the policy does not list, so programs can start.
    pub const SEATBELT_BASELINE: Code = Code("MX5101");
    /// Seatbelt network filters name only `*` or `localhost`: no address or CIDR rules.
    pub const SEATBELT_NET_ADDRESS: Code = Code("MX5102");
    /// Seatbelt's `localhost` does not cover all of the host loopback.
    pub const SEATBELT_LOOPBACK: Code = Code("MX5103");
    /// Seatbelt cannot tell clipboard directions apart.
    pub const SEATBELT_CLIPBOARD: Code = Code("MX5104");
    /// A grant nested under a denied path stays denied (MXC's Seatbelt emits denials last).
    pub const SEATBELT_DENY_LAST: Code = Code("MX5105");
    /// `seatbelt.profileOverride` replaces the verified profile.
    pub const SEATBELT_OVERRIDE: Code = Code("MX5106");
    /// A seatbelt setting grants more than the policy's vocabulary can express.
    pub const SEATBELT_SETTING: Code = Code("MX5107");
    /// The proxy is not on the host loopback and cannot be reached.
    pub const PROXY_UNREACHABLE: Code = Code("MX5108");
    /// AppContainer capabilities open more of the network than the policy allows.
    pub const APPCONTAINER_CAPABILITY: Code = Code("MX5120");
    /// Packaged processes read system locations through `ALL APPLICATION PACKAGES` ACEs.
    pub const APPCONTAINER_PACKAGE_ACES: Code = Code("MX5121");
    /// A grant on a volume root is applied to the root only, without inheritance.
    pub const APPCONTAINER_VOLUME_ROOT: Code = Code("MX5122");
    /// The configured Windows build lacks a UI limit the policy needs.
    pub const WINDOWS_BUILD: Code = Code("MX5123");
    /// Caller-supplied network capabilities are stripped and re-derived from the policy.
    pub const APPCONTAINER_NET_CAPS: Code = Code("MX5124");
    /// A Windows setting mxcc does not model (learning mode, capture, DACL mutation).
    pub const APPCONTAINER_SETTING: Code = Code("MX5125");
    /// Windows Firewall cannot filter host names.
    pub const FIREWALL_HOST_NAME: Code = Code("MX5130");
    /// The firewall rules need the executor to run elevated and to remove them afterwards.
    pub const FIREWALL_HOST_STATE: Code = Code("MX5131");
    /// The firewall mediates network traffic only, not files or UI.
    pub const FIREWALL_SCOPE: Code = Code("MX5132");
    /// Windows Sandbox cannot express a construct (denied paths, files, egress rules).
    pub const WSB_UNSUPPORTED: Code = Code("MX5140");
    /// Windows Sandbox exposes the whole VM image beyond the mapped folders.
    pub const WSB_GUEST: Code = Code("MX5141");
    /// LXC: the legacy `capabilities` enforcement mode installs no firewall.
    pub const LXC_NO_FIREWALL: Code = Code("MX5150");
    /// LXC: the legacy chain accepts DNS to any destination.
    pub const LXC_DNS: Code = Code("MX5151");
    /// LXC: the bridge gateway is reached through the host's INPUT chain.
    pub const LXC_GATEWAY: Code = Code("MX5152");
    /// LXC: the container's own root filesystem is readable beyond the policy.
    pub const LXC_ROOTFS: Code = Code("MX5153");
}

/// The code table: every code with its name and one-line summary (for `mxcc explain`).
pub const CODE_TABLE: &[(Code, &str, &str)] = &[
    (
        codes::WRONG_PLATFORM,
        "wrong-platform",
        "the policy is lowered for another platform",
    ),
    (
        codes::SYMBOLIC_PATH,
        "symbolic-path",
        "a `~`, `$VAR` or relative path cannot be bound",
    ),
    (
        codes::LANDLOCK_METADATA,
        "landlock-metadata",
        "landlock cannot hide file metadata",
    ),
    (
        codes::LANDLOCK_ABI,
        "landlock-abi",
        "the landlock ABI is too old for a construct",
    ),
    (
        codes::LANDLOCK_NET_ADDRESS,
        "landlock-net-address",
        "landlock filters TCP ports only",
    ),
    (
        codes::LANDLOCK_NET_PROTOCOL,
        "landlock-net-protocol",
        "landlock cannot restrict UDP/ICMP",
    ),
    (
        codes::LANDLOCK_NESTED_RESTRICTION,
        "landlock-nested-restriction",
        "a nested restriction is enforced with mount masks",
    ),
    (
        codes::LANDLOCK_LOOPBACK,
        "landlock-loopback",
        "landlock cannot single out loopback",
    ),
    (
        codes::SECCOMP_TOO_LARGE,
        "seccomp-too-large",
        "the BPF program exceeds 4096 instructions",
    ),
    (
        codes::SECCOMP_NET_COARSE,
        "seccomp-net-coarse",
        "seccomp restricts socket families only",
    ),
    (
        codes::SECCOMP_FS,
        "seccomp-fs",
        "seccomp does not restrict filesystem paths",
    ),
    (
        codes::BWRAP_BASELINE,
        "bwrap-baseline",
        "the runtime baseline grants unlisted paths",
    ),
    (
        codes::BWRAP_NET_ISOLATED,
        "bwrap-net-isolated",
        "bwrap alone blocks all egress",
    ),
    (
        codes::HOST_LOOPBACK,
        "host-loopback",
        "the host loopback is unreachable from the sandbox",
    ),
    (
        codes::PATH_KIND,
        "path-kind",
        "a path kind is unknown; the stricter mask is used",
    ),
    (
        codes::SYMLINK_PATH,
        "symlink-path",
        "a policy path is a symbolic link",
    ),
    (
        codes::MISSING_PATH,
        "missing-path",
        "a granted path does not exist",
    ),
    (
        codes::NFT_HOST_NAME,
        "nft-host-name",
        "nftables cannot filter host names",
    ),
    (
        codes::NFT_PROXY_GATEWAY,
        "nft-proxy-gateway",
        "the proxy is reached through the gateway",
    ),
    (
        codes::NFT_INGRESS,
        "nft-ingress",
        "ingress needs port forwarding by the executor",
    ),
    (
        codes::GAP_COVERED,
        "gap-covered",
        "a gap is closed by another emitted target",
    ),
    (
        codes::PATH_SPELLING,
        "path-spelling",
        "a path cannot be written into the artifact",
    ),
    (
        codes::SEATBELT_BASELINE,
        "seatbelt-baseline",
        "seatbelt grants system locations to start",
    ),
    (
        codes::SEATBELT_NET_ADDRESS,
        "seatbelt-net-address",
        "seatbelt cannot filter addresses",
    ),
    (
        codes::SEATBELT_LOOPBACK,
        "seatbelt-loopback",
        "`localhost` is not all of loopback",
    ),
    (
        codes::SEATBELT_CLIPBOARD,
        "seatbelt-clipboard",
        "seatbelt has no clipboard direction",
    ),
    (
        codes::SEATBELT_DENY_LAST,
        "seatbelt-deny-last",
        "grants under a denied path stay denied",
    ),
    (
        codes::SEATBELT_OVERRIDE,
        "seatbelt-override",
        "profileOverride replaces the profile",
    ),
    (
        codes::SEATBELT_SETTING,
        "seatbelt-setting",
        "a seatbelt setting grants extra access",
    ),
    (
        codes::PROXY_UNREACHABLE,
        "proxy-unreachable",
        "a non-loopback proxy is unreachable",
    ),
    (
        codes::APPCONTAINER_CAPABILITY,
        "appcontainer-capability",
        "capabilities open the network",
    ),
    (
        codes::APPCONTAINER_PACKAGE_ACES,
        "appcontainer-package-aces",
        "package ACEs grant reads",
    ),
    (
        codes::APPCONTAINER_VOLUME_ROOT,
        "appcontainer-volume-root",
        "volume roots do not cascade",
    ),
    (
        codes::WINDOWS_BUILD,
        "windows-build",
        "the Windows build lacks a UI limit",
    ),
    (
        codes::APPCONTAINER_NET_CAPS,
        "appcontainer-net-caps",
        "network capabilities re-derived",
    ),
    (
        codes::APPCONTAINER_SETTING,
        "appcontainer-setting",
        "a Windows setting is not modelled",
    ),
    (
        codes::FIREWALL_HOST_NAME,
        "firewall-host-name",
        "the firewall cannot filter names",
    ),
    (
        codes::FIREWALL_HOST_STATE,
        "firewall-host-state",
        "firewall rules are host state",
    ),
    (
        codes::FIREWALL_SCOPE,
        "firewall-scope",
        "the firewall mediates the network only",
    ),
    (
        codes::WSB_UNSUPPORTED,
        "wsb-unsupported",
        "Windows Sandbox cannot express a construct",
    ),
    (
        codes::WSB_GUEST,
        "wsb-guest",
        "the sandbox VM exposes its own image",
    ),
    (
        codes::LXC_NO_FIREWALL,
        "lxc-no-firewall",
        "legacy capabilities mode installs no firewall",
    ),
    (
        codes::LXC_DNS,
        "lxc-dns",
        "the legacy chain accepts DNS anywhere",
    ),
    (
        codes::LXC_GATEWAY,
        "lxc-gateway",
        "the bridge gateway is reachable",
    ),
    (
        codes::LXC_ROOTFS,
        "lxc-rootfs",
        "the container root filesystem is readable",
    ),
];
