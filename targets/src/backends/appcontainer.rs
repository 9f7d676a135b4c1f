//! AppContainer: the launch plan (`appcontainer.json`, format 1) the executor turns into
//! `CreateAppContainerProfile`, `SECURITY_CAPABILITIES`, the LPAC attribute, a job object with
//! `JOB_OBJECT_UILIMIT_*` limits, the Win32k syscall-disable mitigation and host ACL entries
//! (MXC's AppContainer+DACL tier, `mxc.md` §2.4).
//!
//! Identity: the profile name is `containerId` or MXC's default `CLI`; SIDs are derived
//! offline ([`sid`]). Capabilities: the caller's list minus the network capabilities, which are
//! re-derived from the policy as MXC does for 0.8 (`internetClient` when egress is allowed
//! anywhere, `privateNetworkClientServer` when ingress is allowed); the legacy shape keeps
//! them in MXC, mxcc strips them there too (MX5124).
//!
//! ACL entries: one inheritable (OI|CI) ACE per path for the package SID: read-write
//! `FILE_GENERIC_READ|FILE_GENERIC_WRITE|FILE_GENERIC_EXECUTE|DELETE`, read-only
//! `FILE_GENERIC_READ|FILE_GENERIC_EXECUTE`, denied DENY `FILE_ALL_ACCESS`. Allow ACEs
//! accumulate along the inheritance chain, so a read-only path inside a writable grant also
//! gets a DENY ACE for the write bits; without it the parent's inherited write would leak
//! through. Grants on a volume root are applied to the root only (no inheritance), as
//! BaseContainer does.
//!
//! Model: Windows access checking for one operation walks the ACEs nearest-first (explicit,
//! then inherited from the nearest parent outwards; DENY before ALLOW at each level); the first
//! ACE that mentions the operation decides. That is an ordered rule list sorted shallow-to-deep
//! with DENY after ALLOW on the same path, last match wins. Stock `ALL APPLICATION PACKAGES`
//! read ACEs on `C:\Windows` and `C:\Program Files*` are part of the model (MX5121).

pub mod sid;

use std::collections::BTreeMap;

use ir::model::{
    ArtifactModel, Domain, FsModel, FsModelRule, FsOps, NetChain, NetModel, NetModelRule,
    PathMatch, Region, UiModel,
};
use ir::net::{Cidr, Family};
use ir::{Action, CanonPath, Clipboard, FsAccess, FsOp, NetworkShape, Platform, Root, Span};
use serde_json::{Value, json};

use crate::artifact::{Artifact, Plan as ArtifactPlan};
use crate::context::{EmitContext, Options};
use crate::target::{Capability, Support, Target, TargetId, codes};

/// The file this target writes.
pub const FILE: &str = "appcontainer.json";
/// The version of the `appcontainer.json` format.
pub const FORMAT_VERSION: u32 = 1;

pub const FILE_GENERIC_READ: u32 = 0x0012_0089;
pub const FILE_GENERIC_WRITE: u32 = 0x0012_0116;
pub const FILE_GENERIC_EXECUTE: u32 = 0x0012_00A0;
pub const DELETE: u32 = 0x0001_0000;
pub const FILE_ALL_ACCESS: u32 = 0x001F_01FF;
/// The write bits denied on a read-only path inside a writable grant: `FILE_WRITE_DATA`,
/// `FILE_APPEND_DATA`, `FILE_WRITE_EA`, `FILE_DELETE_CHILD`, `FILE_WRITE_ATTRIBUTES`, `DELETE`.
pub const WRITE_BITS: u32 = 0x0001_0156;
pub const MASK_RW: u32 = FILE_GENERIC_READ | FILE_GENERIC_WRITE | FILE_GENERIC_EXECUTE | DELETE;
pub const MASK_RO: u32 = FILE_GENERIC_READ | FILE_GENERIC_EXECUTE;

/// `JOB_OBJECT_UILIMIT_*` bits (winnt.h; IME and INJECTION from MXC's `ui_limits.rs`).
pub const UI_LIMITS: [(&str, u32, u32); 10] = [
    ("HANDLES", 0x0001, 0),
    ("READCLIPBOARD", 0x0002, 0),
    ("WRITECLIPBOARD", 0x0004, 0),
    ("SYSTEMPARAMETERS", 0x0008, 0),
    ("DISPLAYSETTINGS", 0x0010, 0),
    ("GLOBALATOMS", 0x0020, 0),
    ("DESKTOP", 0x0040, 0),
    ("EXITWINDOWS", 0x0080, 0),
    ("IME", 0x0100, 22621),
    ("INJECTION", 0x0200, 26100),
];

/// Directories stock Windows lets every AppContainer read (`ALL APPLICATION PACKAGES`, and
/// for most of them `ALL RESTRICTED APPLICATION PACKAGES` too).
pub const PACKAGE_READABLE: [&str; 3] = [
    r"C:\Windows",
    r"C:\Program Files",
    r"C:\Program Files (x86)",
];

/// The network capabilities MXC re-derives from the policy.
const NETWORK_CAPABILITIES: [&str; 4] = [
    "internetClient",
    "internetClientServer",
    "privateNetworkClientServer",
    "networkLoopback",
];

/// Private address ranges (`privateNetworkClientServer` territory, not `internetClient`).
const PRIVATE_RANGES: [(Family, u128, u8); 6] = [
    (Family::V4, 0x0a00_0000, 8),
    (Family::V4, 0xac10_0000, 12),
    (Family::V4, 0xc0a8_0000, 16),
    (Family::V4, 0xa9fe_0000, 16),
    (Family::V6, 0xfc00 << 112, 7),
    (Family::V6, 0xfe80 << 112, 10),
];

pub struct AppContainer;

/// One ACE the executor sets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ace {
    pub path: CanonPath,
    pub allow: bool,
    pub mask: u32,
    pub inherit: bool,
    pub construct: String,
}

/// The typed launch plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    pub name: String,
    pub sid: String,
    pub least_privilege: bool,
    /// Capability name and SID.
    pub capabilities: Vec<(String, String)>,
    pub aces: Vec<Ace>,
    pub ui_applied: u32,
    pub win32k_disabled: bool,
    pub fs: Vec<FsModelRule>,
    pub compat: Vec<FsModelRule>,
    pub net: NetModel,
    pub ui: UiModel,
}

/// The profile name MXC uses.
pub fn profile_name(policy: &ir::Policy) -> String {
    policy
        .container_id
        .as_ref()
        .map_or_else(|| "CLI".to_owned(), |c| c.value.clone())
}

/// A Windows host path for a policy path; `%USERPROFILE%` resolves through `home_dir`.
pub(crate) fn win_host_path(path: &CanonPath, options: &Options) -> Option<CanonPath> {
    let style = Platform::Windows.path_style();
    match &path.root {
        Root::Drive(_) | Root::Unc { .. } => Some(path.clone()),
        Root::Home => {
            let home = options.home_dir.as_deref()?;
            let rest = path.display.split_once(['\\', '/']).map_or("", |(_, r)| r);
            let raw = if rest.is_empty() {
                home.to_owned()
            } else {
                format!("{home}\\{rest}")
            };
            let resolved = CanonPath::parse(&raw, style).path;
            matches!(resolved.root, Root::Drive(_) | Root::Unc { .. }).then_some(resolved)
        }
        _ => None,
    }
}

/// One effective rule on a Windows host path.
pub(crate) struct WinRule {
    pub(crate) access: FsAccess,
    pub(crate) path: CanonPath,
    pub(crate) span: Span,
    pub(crate) construct: String,
}

/// The policy's rules on host paths, most restrictive per path, shallow-to-deep; symbolic
/// paths are refused.
pub(crate) fn win_rules(policy: &ir::Policy, cx: &mut EmitContext<'_>) -> Vec<WinRule> {
    let mut by_path: BTreeMap<CanonPath, WinRule> = BTreeMap::new();
    for rule in &policy.filesystem.rules {
        let construct = format!("filesystem.{}[{}]", rule.access.list_name(), rule.index);
        let Some(path) = win_host_path(&rule.path, cx.options) else {
            cx.gap(
                codes::SYMBOLIC_PATH,
                construct,
                Some(rule.span),
                format!(
                    "`{}` has no fixed host location; MXC does not expand variables",
                    rule.raw
                ),
                "write an absolute path such as `C:\\Users\\me\\src` (or pass the home directory)",
                &[],
            );
            continue;
        };
        match by_path.get(&path) {
            Some(existing) if existing.access >= rule.access => {
                let detail = format!("shadowed by `{}` on the same path", existing.construct);
                cx.enforced(construct, Some(rule.span), &detail);
            }
            _ => {
                let new = WinRule {
                    access: rule.access,
                    path: path.clone(),
                    span: rule.span,
                    construct,
                };
                if let Some(old) = by_path.insert(path, new) {
                    cx.enforced(
                        old.construct,
                        Some(old.span),
                        "shadowed by a more restrictive list",
                    );
                }
            }
        }
    }
    let mut rules: Vec<WinRule> = by_path.into_values().collect();
    rules.sort_by(|a, b| {
        a.path
            .depth()
            .cmp(&b.path.depth())
            .then(a.path.cmp(&b.path))
    });
    rules
}

fn cidr(family: Family, addr: u128, prefix: u8) -> Cidr {
    Cidr {
        family,
        addr,
        prefix,
    }
}

pub(crate) fn loopback() -> [Cidr; 2] {
    [cidr(Family::V4, 0x7f00_0000, 8), cidr(Family::V6, 1, 128)]
}

fn net_rule(c: Cidr, action: Action, origin: &str) -> NetModelRule {
    NetModelRule {
        family: Some(c.family),
        protocol: None,
        cidr: Some(c),
        ports: None,
        action,
        origin: origin.to_owned(),
    }
}

/// The UI limits the policy requests (MXC's `UIPolicy_Schema.md` table).
fn requested_limits(policy: &ir::Policy) -> u32 {
    let bit = |name: &str| {
        UI_LIMITS
            .iter()
            .find(|(n, _, _)| *n == name)
            .map_or(0, |(_, b, _)| *b)
    };
    let ui = &policy.ui;
    if ui.disable.value {
        return UI_LIMITS.iter().fold(0, |acc, (_, b, _)| acc | b);
    }
    let pc = policy.process_container.as_ref();
    let mut mask = 0;
    match ui.clipboard.value {
        Clipboard::None => mask |= bit("READCLIPBOARD") | bit("WRITECLIPBOARD"),
        Clipboard::Read => mask |= bit("WRITECLIPBOARD"),
        Clipboard::Write => mask |= bit("READCLIPBOARD"),
        Clipboard::All => {}
    }
    if !ui.injection.value {
        mask |= bit("INJECTION");
    }
    let isolation = pc.map_or("container", |p| p.ui.isolation.value.as_str());
    mask |= match isolation {
        "desktop" => bit("DESKTOP"),
        "handles" => bit("HANDLES"),
        "atoms" => bit("GLOBALATOMS"),
        _ => bit("HANDLES") | bit("GLOBALATOMS"),
    };
    if !pc.is_some_and(|p| p.ui.desktop_system_control.value) {
        mask |= bit("DESKTOP") | bit("EXITWINDOWS");
    }
    mask |= match pc.map_or("none", |p| p.ui.system_settings.value.as_str()) {
        "all" => 0,
        "parameters" => bit("DISPLAYSETTINGS"),
        "display" => bit("SYSTEMPARAMETERS"),
        _ => bit("DISPLAYSETTINGS") | bit("SYSTEMPARAMETERS"),
    };
    if !pc.is_some_and(|p| p.ui.ime.value) {
        mask |= bit("IME");
    }
    mask
}

/// The UI limits a Windows build supports.
pub fn supported_limits(build: u32) -> u32 {
    UI_LIMITS
        .iter()
        .filter(|(_, _, min)| build >= *min)
        .fold(0, |acc, (_, b, _)| acc | b)
}

fn flag_names(mask: u32) -> Vec<&'static str> {
    UI_LIMITS
        .iter()
        .filter(|(_, b, _)| mask & b != 0)
        .map(|(n, _, _)| *n)
        .collect()
}

/// True when the policy allows egress anywhere (MXC then adds `internetClient`).
pub(crate) fn wants_internet(policy: &ir::Policy) -> bool {
    let net = &policy.network;
    net.egress_default.value == Action::Allow || net.rules.iter().any(|r| r.action == Action::Allow)
}

impl Target for AppContainer {
    fn id(&self) -> TargetId {
        TargetId::AppContainer
    }

    fn platform(&self) -> Platform {
        Platform::Windows
    }

    fn capabilities(&self, options: &Options) -> Vec<Capability> {
        let row = |construct, support, note: String| Capability {
            construct,
            support,
            note,
        };
        let build = options.windows_build;
        let inj = if build >= 26100 {
            Support::Exact
        } else {
            Support::None
        };
        vec![
            row(
                "filesystem",
                Support::Exact,
                "package-SID ACEs, OI|CI; write DENY for ro inside rw".to_owned(),
            ),
            row(
                "filesystem.volumeRoot",
                Support::Stricter,
                "root only, no inheritance".to_owned(),
            ),
            row(
                "network.egress.default",
                Support::Exact,
                "internetClient capability".to_owned(),
            ),
            row(
                "network.egress.rules",
                Support::None,
                "capabilities are all-or-nothing; see firewall".to_owned(),
            ),
            row(
                "ui.injection",
                inj,
                format!("JOB_OBJECT_UILIMIT_INJECTION needs build 26100 (configured {build})"),
            ),
            row(
                "ui.clipboard",
                Support::Exact,
                "READCLIPBOARD / WRITECLIPBOARD limits".to_owned(),
            ),
        ]
    }

    fn emit(&self, policy: &ir::Policy, cx: &mut EmitContext<'_>) -> Option<Artifact> {
        let name = profile_name(policy);
        let package = sid::appcontainer_sid(&name);
        if policy.container_id.is_none() {
            cx.approximated(
                codes::APPCONTAINER_SETTING,
                "containerId",
                None,
                "no `containerId`: every run shares MXC's default identity `CLI`, its ACEs and firewall rules".to_owned(),
                "set a unique `containerId` per sandbox",
            );
        }
        let pc = policy.process_container.as_ref();
        let lpac = pc.is_some_and(|p| p.least_privilege.value);
        let mut capabilities: Vec<(String, String)> = Vec::new();
        for cap in pc.map(|p| p.capabilities.as_slice()).unwrap_or_default() {
            if NETWORK_CAPABILITIES
                .iter()
                .any(|n| n.eq_ignore_ascii_case(&cap.value))
            {
                let detail = format!("`{}` is re-derived from the network policy", cap.value);
                if policy.network.shape == NetworkShape::Legacy {
                    cx.approximated(
                        codes::APPCONTAINER_NET_CAPS,
                        "processContainer.capabilities",
                        Some(cap.span),
                        format!("`{}` is dropped: MXC keeps it in the legacy shape and grants network the policy blocks", cap.value),
                        "express network access with `network`, not capabilities",
                    );
                } else {
                    cx.enforced("processContainer.capabilities", Some(cap.span), &detail);
                }
                continue;
            }
            capabilities.push((cap.value.clone(), sid::capability_sid(&cap.value)));
            cx.enforced(
                "processContainer.capabilities",
                Some(cap.span),
                "capability SID",
            );
        }
        let internet = wants_internet(policy);
        let private = policy.network.ingress_default.value == Action::Allow;
        if internet {
            capabilities.push((
                "internetClient".to_owned(),
                sid::capability_sid("internetClient"),
            ));
        }
        if private {
            capabilities.push((
                "privateNetworkClientServer".to_owned(),
                sid::capability_sid("privateNetworkClientServer"),
            ));
        }
        if let Some(p) = pc {
            if p.learning_mode.value {
                capabilities.push((
                    "learningModeLogging".to_owned(),
                    sid::capability_sid("learningModeLogging"),
                ));
                cx.enforced(
                    "processContainer.learningMode",
                    p.learning_mode.span,
                    "deny and record",
                );
            }
            if let Some(capture) = &p.capture_denials {
                if capture.mode.value == ir::policy::CaptureMode::Allow {
                    cx.gap(
                        codes::APPCONTAINER_SETTING,
                        "processContainer.captureDenials.mode",
                        capture.mode.span.or(Some(capture.span)),
                        "`captureDenials.mode: allow` injects `permissiveLearningMode`: every access is allowed and only logged".to_owned(),
                        "use `mode: block` (deny and record)",
                        &[],
                    );
                } else {
                    capabilities.push((
                        "learningModeLogging".to_owned(),
                        sid::capability_sid("learningModeLogging"),
                    ));
                    cx.enforced(
                        "processContainer.captureDenials",
                        Some(capture.span),
                        "deny and record",
                    );
                }
            }
        }
        capabilities.sort();
        capabilities.dedup();
        // UI limits.
        let requested = requested_limits(policy);
        let supported = supported_limits(cx.options.windows_build);
        let applied = requested & supported;
        let missing = requested & !supported;
        let ui = &policy.ui;
        if missing != 0 {
            let names = flag_names(missing).join("`, `");
            let message = format!(
                "Windows build {} lacks `{names}`; the job object cannot enforce it",
                cx.options.windows_build
            );
            if ui.disable.value {
                cx.approximated(
                    codes::WINDOWS_BUILD,
                    "ui",
                    ui.span,
                    message,
                    "Win32k syscalls are disabled, so no UI is possible anyway",
                );
            } else {
                cx.gap(
                    codes::WINDOWS_BUILD,
                    "ui",
                    ui.span,
                    message,
                    "run on a newer build (IME: 22621, injection: 26100)",
                    &[],
                );
            }
        }
        cx.enforced(
            "ui.disable",
            ui.disable.span,
            if ui.disable.value {
                "Win32k syscalls disabled, all UI limits"
            } else {
                "UI allowed within the job limits"
            },
        );
        cx.enforced("ui.clipboard", ui.clipboard.span, "clipboard job limits");
        let blocked = |name: &str| {
            UI_LIMITS
                .iter()
                .any(|(n, b, _)| *n == name && applied & b != 0)
        };
        let ui_model = UiModel {
            create_window: !ui.disable.value,
            clipboard_read: !ui.disable.value && !blocked("READCLIPBOARD"),
            clipboard_write: !ui.disable.value && !blocked("WRITECLIPBOARD"),
            inject_input: !ui.disable.value && !blocked("INJECTION"),
        };
        // ACL entries.
        let rules = win_rules(policy, cx);
        let mut aces = Vec::new();
        for (i, r) in rules.iter().enumerate() {
            let root = r.path.is_root();
            if root {
                cx.approximated(
                    codes::APPCONTAINER_VOLUME_ROOT,
                    r.construct.clone(),
                    Some(r.span),
                    format!("`{}` is a volume root: the ACE is set on the root only, not inherited by the whole volume", r.path.display),
                    "list the directories under the root that the command needs",
                );
            } else {
                cx.enforced(r.construct.clone(), Some(r.span), "package-SID ACE, OI|CI");
            }
            let ace = |allow, mask| Ace {
                path: r.path.clone(),
                allow,
                mask,
                inherit: !root,
                construct: r.construct.clone(),
            };
            match r.access {
                FsAccess::ReadWrite => aces.push(ace(true, MASK_RW)),
                FsAccess::ReadOnly => {
                    aces.push(ace(true, MASK_RO));
                    let under_write = rules
                        .iter()
                        .take(i)
                        .filter(|g| r.path.is_strictly_under(&g.path))
                        .max_by_key(|g| g.path.depth())
                        .is_some_and(|g| g.access == FsAccess::ReadWrite && !g.path.is_root());
                    if under_write {
                        aces.push(ace(false, WRITE_BITS));
                    }
                }
                FsAccess::Denied => aces.push(ace(false, FILE_ALL_ACCESS)),
            }
        }
        if policy.fallback.allow_dacl_mutation.value && !aces.is_empty() {
            cx.enforced(
                "fallback.allowDaclMutation",
                policy.fallback.allow_dacl_mutation.span,
                "host ACLs are changed and restored on exit",
            );
        } else if !aces.is_empty() {
            cx.gap(
                codes::APPCONTAINER_SETTING,
                "fallback.allowDaclMutation",
                policy.fallback.allow_dacl_mutation.span,
                "`allowDaclMutation` is false, but the AppContainer tier enforces the filesystem only through host ACLs".to_owned(),
                "allow DACL mutation, or run where BaseContainer is available",
                &[],
            );
        }
        // The filesystem model.
        let mut fs = Vec::new();
        let mut compat = Vec::new();
        let style = Platform::Windows.path_style();
        for p in PACKAGE_READABLE {
            let rule = FsModelRule {
                path: CanonPath::parse(p, style).path,
                matching: PathMatch::Subtree,
                ops: FsOps::READ_ONLY,
                allow: true,
                tier: 0,
                origin: "stock ALL APPLICATION PACKAGES ACE".to_owned(),
            };
            compat.push(rule.clone());
            fs.push(rule);
        }
        let ops_of = |mask: u32, allow: bool| -> FsOps {
            if allow {
                if mask & FILE_GENERIC_WRITE & !FILE_GENERIC_READ != 0 {
                    FsOps::ALL
                } else {
                    FsOps::READ_ONLY
                }
            } else if mask == FILE_ALL_ACCESS {
                FsOps::ALL
            } else {
                FsOps::of(&[FsOp::Write])
            }
        };
        for (i, ace) in aces.iter().enumerate() {
            fs.push(FsModelRule {
                path: ace.path.clone(),
                matching: if ace.inherit {
                    PathMatch::Subtree
                } else {
                    PathMatch::Literal
                },
                ops: ops_of(ace.mask, ace.allow),
                allow: ace.allow,
                tier: 0,
                origin: format!("{FILE}:acl[{i}]"),
            });
        }
        // Stable: shallow-to-deep, DENY after ALLOW on the same path (last match wins).
        fs.sort_by(|a, b| {
            a.path
                .depth()
                .cmp(&b.path.depth())
                .then(a.allow.cmp(&b.allow).reverse())
        });
        let reads = if lpac {
            "`ALL RESTRICTED APPLICATION PACKAGES`"
        } else {
            "`ALL APPLICATION PACKAGES`"
        };
        cx.compat_grant(
            codes::APPCONTAINER_PACKAGE_ACES,
            "baseline",
            None,
            format!("stock {reads} ACEs let the package read `{}`", PACKAGE_READABLE.join("`, `")),
            if lpac { "deny the parts the command must not read" } else { "set `processContainer.leastPrivilege: true` (LPAC) to drop most package-wide grants" },
        )
        .grants(compat.iter().map(Region::of_fs_rule));
        // The network model: capabilities as WFP's AppContainer filters apply them.
        let net = &policy.network;
        let loop_allowed = net.host_loopback.value == Action::Allow;
        let mut egress: Vec<NetModelRule> = loopback()
            .iter()
            .map(|c| {
                net_rule(
                    *c,
                    if loop_allowed {
                        Action::Allow
                    } else {
                        Action::Deny
                    },
                    "loopback isolation",
                )
            })
            .collect();
        if !private {
            for (f, a, p) in PRIVATE_RANGES {
                egress.push(net_rule(
                    cidr(f, a, p),
                    Action::Deny,
                    "privateNetworkClientServer absent",
                ));
            }
        }
        let egress_default = if internet {
            Action::Allow
        } else {
            Action::Deny
        };
        let mut ingress: Vec<NetModelRule> = loopback()
            .iter()
            .map(|c| {
                net_rule(
                    *c,
                    if loop_allowed {
                        Action::Allow
                    } else {
                        Action::Deny
                    },
                    "loopback isolation",
                )
            })
            .collect();
        if private {
            for (f, a, p) in PRIVATE_RANGES {
                ingress.push(net_rule(
                    cidr(f, a, p),
                    Action::Allow,
                    "privateNetworkClientServer",
                ));
            }
        }
        if net.rules.iter().any(|r| r.action == Action::Allow)
            || (internet && !net.rules.is_empty())
        {
            let first = net.rules.first().map(|r| r.span);
            cx.gap(
                codes::APPCONTAINER_CAPABILITY,
                "network.egress.rules",
                first,
                "`internetClient` opens all public destinations; the egress rules need the firewall rules".to_owned(),
                "emit the `firewall` target alongside (`--target all-windows`)",
                &[TargetId::Firewall],
            );
        } else {
            cx.enforced(
                "network.egress.default",
                net.egress_default.span,
                if internet {
                    "internetClient"
                } else {
                    "no network capability"
                },
            );
        }
        if internet && !private {
            cx.approximated(
                codes::APPCONTAINER_CAPABILITY,
                "network.egress.private",
                net.egress_default.span,
                "private networks stay closed: reaching them needs `privateNetworkClientServer`, which also opens ingress".to_owned(),
                "allow ingress too if the command must reach the LAN",
            );
        }
        if private {
            cx.approximated(
                codes::APPCONTAINER_CAPABILITY,
                "network.ingress.default",
                net.ingress_default.span,
                "`privateNetworkClientServer` accepts inbound connections from private networks only".to_owned(),
                "nothing to do unless public peers must connect",
            );
        }
        if let Some(proxy) = &net.proxy
            && !loop_allowed
        {
            cx.approximated(
                codes::PROXY_UNREACHABLE,
                "network.proxy",
                Some(proxy.span),
                "the loopback proxy is unreachable: AppContainer loopback isolation stays closed without `hostLoopback: allow` (PSEC's `allowedProxyPeer` is not modelled)".to_owned(),
                "set `hostLoopback: allow` for the identity-less proxy path",
            );
        }
        if net.proxy.is_some() && loop_allowed {
            cx.enforced(
                "network.proxy",
                net.proxy.as_ref().map(|p| p.span),
                "host loopback open (networkLoopback)",
            );
        }
        for host in &net.host_names {
            cx.gap(
                codes::FIREWALL_HOST_NAME,
                host.origin.to_string(),
                Some(host.span),
                format!(
                    "`{}` is a host name; capabilities cannot filter it",
                    host.name
                ),
                "list addresses",
                &[],
            );
        }
        let net_model = NetModel {
            egress: NetChain {
                rules: egress,
                default: egress_default,
            },
            ingress: NetChain {
                rules: ingress,
                default: Action::Deny,
            },
            proxy_reachable: net.proxy.is_some() && loop_allowed,
        };
        if policy.lifecycle.preserve_policy.value {
            cx.approximated(
                codes::APPCONTAINER_SETTING,
                "lifecycle.preservePolicy",
                policy.lifecycle.preserve_policy.span,
                "`preservePolicy` leaves the ACEs on the host after exit".to_owned(),
                "leave `preservePolicy` off",
            );
        }
        let plan = Plan {
            name,
            sid: package,
            least_privilege: lpac,
            capabilities,
            aces,
            ui_applied: applied,
            win32k_disabled: ui.disable.value,
            fs,
            compat,
            net: net_model,
            ui: ui_model,
        };
        let text = render(
            &plan,
            policy,
            requested,
            supported,
            cx.options.windows_build,
        );
        let mut files = BTreeMap::new();
        files.insert(FILE, text);
        let assumptions = vec![
            "the executor creates the profile, applies every ACE and restores the previous ACLs on exit".to_owned(),
            "stock ACLs: only `C:\\Windows` and `C:\\Program Files*` grant package-wide reads".to_owned(),
            format!("the host runs Windows build {} or later", cx.options.windows_build),
        ];
        Some(Artifact {
            target: TargetId::AppContainer,
            format_version: FORMAT_VERSION,
            files,
            assumptions,
            plan: ArtifactPlan::AppContainer(plan),
        })
    }

    fn model(&self, artifact: &Artifact) -> ArtifactModel {
        let ArtifactPlan::AppContainer(p) = &artifact.plan else {
            return ArtifactModel::unconstrained("appcontainer");
        };
        ArtifactModel {
            target: "appcontainer",
            fs: Domain::Enforced(FsModel::Ordered {
                rules: p.fs.clone(),
                default: FsOps::NONE,
            }),
            net: Domain::Enforced(p.net.clone()),
            ui: Domain::Enforced(p.ui),
        }
    }
}

fn hex(v: u32) -> String {
    format!("0x{v:08X}")
}

fn render(plan: &Plan, policy: &ir::Policy, requested: u32, supported: u32, build: u32) -> Vec<u8> {
    let caps: Vec<Value> = plan
        .capabilities
        .iter()
        .map(|(n, s)| json!({"name": n, "sid": s}))
        .collect();
    let aces: Vec<Value> = plan
        .aces
        .iter()
        .map(|a| {
            json!({
                "path": a.path.display,
                "trustee": plan.sid,
                "type": if a.allow { "allow" } else { "deny" },
                "mask": hex(a.mask),
                "inheritance": if a.inherit { vec!["OBJECT_INHERIT_ACE", "CONTAINER_INHERIT_ACE"] } else { Vec::new() },
                "construct": a.construct,
            })
        })
        .collect();
    let value = json!({
        "format_version": FORMAT_VERSION,
        "profile": { "name": plan.name, "sid": plan.sid },
        "leastPrivilege": plan.least_privilege,
        "capabilities": caps,
        "win32kSystemCallDisable": plan.win32k_disabled,
        "uiLimits": {
            "windowsBuild": build,
            "requested": hex(requested),
            "supported": hex(supported),
            "applied": hex(plan.ui_applied),
            "flags": flag_names(plan.ui_applied),
        },
        "acl": aces,
        "restoreOnExit": !policy.lifecycle.preserve_policy.value,
    });
    let mut out = serde_json::to_string_pretty(&value)
        .unwrap_or_default()
        .into_bytes();
    out.push(b'\n');
    out
}
