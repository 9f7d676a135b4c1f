//! Seatbelt: an SBPL profile (`seatbelt.sb`, format 1) the executor applies with
//! `sandbox_init` (or `/usr/bin/sandbox-exec -f seatbelt.sb`) before it runs the command.
//!
//! The profile follows MXC's order (`mxc.md` §2.3): `(version 1)`, `(deny default)`, a
//! baseline, the policy's grants shallow-to-deep, network, pseudo-terminals, Mach services,
//! UI, and the policy's denials last (so a denial beats every grant at or below it, as in MXC).
//! The baseline is tighter than MXC's: no unfiltered `file-read-metadata` (metadata only on the
//! ancestors of granted paths), no unfiltered `process-exec` (exec only under `/bin`, `/usr/bin`
//! and the policy's grants), no `/Library`, `/sbin`, `/usr/sbin` or `/usr/libexec`, no
//! `file-ioctl` on `/dev/tty` (no TIOCSTI), no distributed-notification, CoreServices or
//! FSEvents lookups, and no AF_UNIX `network-outbound` under writable paths. The ancestors of
//! denied paths inside a writable grant get `(deny file-write-unlink ...)`, so a denial cannot
//! be sidestepped by renaming a parent.
//!
//! Paths are the policy's canonical macOS paths (`/tmp`, `/etc`, `/var` already under
//! `/private`), written as SBPL strings with `\` and `"` escaped; `~` becomes
//! `(string-append (param "HOME") "...")`. Paths with control characters or another symbolic
//! root are refused. Network filters can only name `*` or `localhost` (SBPL rejects addresses),
//! so egress rules and host lists are refused (MX5102).
//!
//! Model: SBPL's rule order. Filtered rules are tier 1, unfiltered rules tier 0 (an unfiltered
//! rule never overrides a filtered one); within a tier the last match wins. Network rules become
//! a first-match chain by reading the profile backwards.

use std::collections::{BTreeMap, BTreeSet};

use ir::model::{
    ArtifactModel, Domain, FsModel, FsModelRule, FsOps, NetChain, NetModel, NetModelRule,
    PathMatch, Region, UiModel,
};
use ir::net::{Cidr, Family};
use ir::{Action, CanonPath, Clipboard, FsAccess, FsOp, Platform, Protocol, Root, Span};

use crate::artifact::{Artifact, Plan};
use crate::context::{Baseline, EmitContext, Options};
use crate::target::{Capability, Support, Target, TargetId, codes};

/// The file this target writes.
pub const FILE: &str = "seatbelt.sb";
/// The optional MXC config carrying the profile as `seatbelt.profileOverride`.
pub const OVERRIDE_FILE: &str = "seatbelt-override.json";
/// The version of the `seatbelt.sb` format.
pub const FORMAT_VERSION: u32 = 1;

/// System locations readable in the baseline (MXC reads more: `/Library`, `/sbin`, ...).
pub const SYSTEM_READ: [&str; 9] = [
    "/bin",
    "/usr/bin",
    "/usr/lib",
    "/usr/share",
    "/System",
    "/private/etc",
    "/private/var/db/timezone",
    "/private/var/db/dyld",
    "/private/var/select",
];
/// System locations from which programs may be executed in the baseline.
pub const SYSTEM_EXEC: [&str; 2] = ["/bin", "/usr/bin"];
/// Device nodes readable and writable in the baseline.
pub const DEVICES: [&str; 5] = [
    "/dev/null",
    "/dev/zero",
    "/dev/random",
    "/dev/urandom",
    "/dev/tty",
];

pub struct Seatbelt;

/// The typed profile: the model rules, the compatibility grants among them, and the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Profile {
    pub fs: Vec<FsModelRule>,
    /// Rules of `fs` that grant beyond the policy (the baseline), reported as MX5101/MX5107.
    pub compat: Vec<FsModelRule>,
    pub net: NetModel,
    pub ui: UiModel,
    pub text: String,
}

/// Escapes a string for SBPL; `None` for control characters, which SBPL strings cannot carry.
pub fn sbpl_string(s: &str) -> Option<String> {
    if s.chars().any(char::is_control) {
        return None;
    }
    Some(format!(
        "\"{}\"",
        s.replace('\\', "\\\\").replace('"', "\\\"")
    ))
}

/// The SBPL filter expression of a path: the path string, or `$HOME` plus the rest.
fn path_expr(path: &CanonPath) -> Option<String> {
    match &path.root {
        Root::Posix => sbpl_string(&path.display),
        Root::Home => {
            let rest = path.display.trim_start_matches('~');
            if rest.is_empty() {
                Some("(param \"HOME\")".to_owned())
            } else {
                Some(format!(
                    "(string-append (param \"HOME\") {})",
                    sbpl_string(rest)?
                ))
            }
        }
        _ => None,
    }
}

fn canon(raw: &str) -> CanonPath {
    CanonPath::parse(raw, Platform::Macos.path_style()).path
}

fn host(addr: u128, family: Family) -> Cidr {
    Cidr {
        family,
        addr,
        prefix: family.bits(),
    }
}

/// The addresses SBPL's `localhost` stands for.
fn localhost() -> [Cidr; 2] {
    [host(0x7f00_0001, Family::V4), host(1, Family::V6)]
}

/// The SBPL operations for a set of filesystem operations.
fn op_names(ops: FsOps) -> String {
    let mut names = Vec::new();
    if ops.contains(FsOp::Read) && ops.contains(FsOp::Metadata) {
        names.push("file-read*");
    } else if ops.contains(FsOp::Read) {
        names.push("file-read-data");
    } else if ops.contains(FsOp::Metadata) {
        names.push("file-read-metadata");
    }
    if ops.contains(FsOp::Write) {
        names.push("file-write*");
    }
    if ops.contains(FsOp::Execute) {
        names.push("process-exec");
    }
    names.join(" ")
}

/// Builds the profile text line by line and the model rules with their line numbers.
struct Builder {
    lines: Vec<String>,
    fs: Vec<FsModelRule>,
    compat: Vec<FsModelRule>,
    /// Network rules in profile order: (direction is egress, rule).
    egress: Vec<NetModelRule>,
}

impl Builder {
    fn line(&mut self, text: impl Into<String>) {
        self.lines.push(text.into());
    }

    fn origin(&self) -> String {
        format!("{FILE}:{}", self.lines.len() + 1)
    }

    /// One filesystem rule over several paths; returns false when a path cannot be written.
    fn fs_rule(
        &mut self,
        allow: bool,
        ops: FsOps,
        matching: PathMatch,
        paths: &[CanonPath],
        compat: bool,
    ) -> bool {
        let filter = match matching {
            PathMatch::Subtree => "subpath",
            PathMatch::Literal => "literal",
            PathMatch::StringPrefix => "prefix",
        };
        let mut exprs = Vec::new();
        for path in paths {
            let Some(expr) = path_expr(path) else {
                return false;
            };
            exprs.push(format!("({filter} {expr})"));
            // `/home` is a firmlink to `/System/Volumes/Data/home`; match both spellings.
            if let Some(rest) = path.display.strip_prefix("/home")
                && (rest.is_empty() || rest.starts_with('/'))
                && let Some(alias) = sbpl_string(&format!("/System/Volumes/Data/home{rest}"))
            {
                exprs.push(format!("({filter} {alias})"));
            }
        }
        if exprs.is_empty() {
            return true;
        }
        let origin = self.origin();
        for path in paths {
            let rule = FsModelRule {
                path: path.clone(),
                matching,
                ops,
                allow,
                tier: 1,
                origin: origin.clone(),
            };
            if compat {
                self.compat.push(rule.clone());
            }
            self.fs.push(rule);
        }
        let verb = if allow { "allow" } else { "deny" };
        if exprs.len() == 1 {
            self.line(format!("({verb} {} {})", op_names(ops), exprs.join(" ")));
        } else {
            self.line(format!("({verb} {}", op_names(ops)));
            for e in exprs {
                self.line(format!("    {e}"));
            }
            self.line("    )");
        }
        true
    }
}

/// One policy rule on a path, after the same-path tie-break.
struct PathRule {
    access: FsAccess,
    path: CanonPath,
    span: Span,
    construct: String,
}

fn construct(rule: &ir::FsRule) -> String {
    format!("filesystem.{}[{}]", rule.access.list_name(), rule.index)
}

/// The policy's filesystem rules, most restrictive per path, sorted shallow-to-deep.
fn path_rules(policy: &ir::Policy, cx: &mut EmitContext<'_>) -> Vec<PathRule> {
    let mut by_path: BTreeMap<CanonPath, PathRule> = BTreeMap::new();
    for rule in &policy.filesystem.rules {
        if path_expr(&rule.path).is_none() {
            let (code, message, help) = match rule.path.root {
                Root::Posix | Root::Home => (
                    codes::PATH_SPELLING,
                    format!(
                        "`{}` contains a control character SBPL strings cannot carry",
                        rule.raw
                    ),
                    "rename the path",
                ),
                _ => (
                    codes::SYMBOLIC_PATH,
                    format!(
                        "`{}` has no fixed location; only `~` is expanded on macOS",
                        rule.raw
                    ),
                    "write an absolute path or start it with `~/`",
                ),
            };
            cx.gap(code, construct(rule), Some(rule.span), message, help, &[]);
            continue;
        }
        let candidate = PathRule {
            access: rule.access,
            path: rule.path.clone(),
            span: rule.span,
            construct: construct(rule),
        };
        match by_path.get(&rule.path) {
            Some(existing) if existing.access >= rule.access => {
                let detail = format!("shadowed by `{}` on the same path", existing.construct);
                cx.enforced(construct(rule), Some(rule.span), &detail);
            }
            _ => {
                if let Some(old) = by_path.insert(rule.path.clone(), candidate) {
                    let detail = "shadowed by a more restrictive list on the same path";
                    cx.enforced(old.construct, Some(old.span), detail);
                }
            }
        }
    }
    let mut rules: Vec<PathRule> = by_path.into_values().collect();
    rules.sort_by(|a, b| {
        a.path
            .depth()
            .cmp(&b.path.depth())
            .then(a.path.cmp(&b.path))
    });
    rules
}

/// The strict ancestors of a path, shallow first (the root included).
fn ancestors(path: &CanonPath) -> Vec<CanonPath> {
    let style = Platform::Macos.path_style();
    let mut out = Vec::new();
    let mut cur = path.parent(style);
    while let Some(p) = cur {
        cur = p.parent(style);
        out.push(p);
    }
    out.reverse();
    out
}

impl Target for Seatbelt {
    fn id(&self) -> TargetId {
        TargetId::Seatbelt
    }

    fn platform(&self) -> Platform {
        Platform::Macos
    }

    fn capabilities(&self, _options: &Options) -> Vec<Capability> {
        let row = Capability::new;
        vec![
            row(
                "filesystem.readwritePaths",
                Support::Exact,
                "subpath allow, shallow-to-deep",
            ),
            row(
                "filesystem.readonlyPaths",
                Support::Exact,
                "subpath allow plus write deny",
            ),
            row(
                "filesystem.deniedPaths",
                Support::Stricter,
                "emitted last: beats nested grants",
            ),
            row(
                "network.egress.default",
                Support::Exact,
                "network-outbound (remote ip \"*:*\")",
            ),
            row(
                "network.egress.rules",
                Support::None,
                "SBPL hosts are only `*` or `localhost`",
            ),
            row(
                "network.proxy",
                Support::Exact,
                "remote tcp \"localhost:<port>\"",
            ),
            row(
                "network.ingress.hostLoopback",
                Support::Stricter,
                "`localhost` only",
            ),
            row("ui.disable", Support::Exact, "WindowServer lookups"),
            row(
                "ui.clipboard",
                Support::Stricter,
                "all or nothing: com.apple.pasteboard.1",
            ),
            row("ui.injection", Support::Exact, "IOHIDLibUserClient denied"),
        ]
    }

    fn emit(&self, policy: &ir::Policy, cx: &mut EmitContext<'_>) -> Option<Artifact> {
        let mut b = Builder {
            lines: Vec::new(),
            fs: Vec::new(),
            compat: Vec::new(),
            egress: Vec::new(),
        };
        let mut assumptions = vec![
            "the executor applies the profile before exec and leaks no file descriptors".to_owned(),
            "the executor clears the environment and sets process.env, cwd and timeout".to_owned(),
            "policy paths are spelled with their on-disk case and contain no symbolic links"
                .to_owned(),
        ];
        b.line(format!("; mxcc seatbelt.sb format {FORMAT_VERSION}: apply with sandbox_init or /usr/bin/sandbox-exec -f"));
        b.line("(version 1)");
        b.line("(deny default)");
        b.line("");
        b.line(
            "; Baseline (tighter than MXC's): process basics and the dyld/libSystem essentials.",
        );
        b.line("(allow process-fork)");
        b.line("(allow signal (target same-sandbox))");
        b.line("(allow process-info* (target same-sandbox))");
        b.line("(allow sysctl-read)");
        b.line("(allow mach-lookup");
        b.line("    (global-name \"com.apple.system.logger\")");
        b.line("    (global-name \"com.apple.system.notification_center\"))");
        let seatbelt = policy.seatbelt.as_ref();
        if cx.options.baseline == Baseline::Mxc {
            let sys: Vec<CanonPath> = SYSTEM_READ.iter().map(|p| canon(p)).collect();
            let exec: Vec<CanonPath> = SYSTEM_EXEC.iter().map(|p| canon(p)).collect();
            let dev: Vec<CanonPath> = DEVICES.iter().map(|p| canon(p)).collect();
            let read = FsOps::of(&[FsOp::Read, FsOp::Metadata]);
            let before = b.compat.len();
            b.fs_rule(true, read, PathMatch::Subtree, &sys, true);
            b.fs_rule(
                true,
                FsOps::of(&[FsOp::Execute]),
                PathMatch::Subtree,
                &exec,
                true,
            );
            let rw = FsOps::of(&[FsOp::Read, FsOp::Metadata, FsOp::Write]);
            b.fs_rule(true, rw, PathMatch::Literal, &dev, true);
            cx.compat_grant(
                codes::SEATBELT_BASELINE,
                "baseline",
                None,
                format!(
                    "the profile reads `{}`, executes from `/bin` and `/usr/bin` and opens `/dev/null`, `/dev/tty` and the random devices so that `sh -c` can start",
                    SYSTEM_READ.join("`, `")
                ),
                "pass a baseline of `none` to grant only what the policy lists",
            )
            .grants(compat_regions(&b.compat[before..]));
        }
        let rules = path_rules(policy, cx);
        // Metadata along the ancestors of every granted path, so paths resolve.
        if cx.options.baseline == Baseline::Mxc {
            let mut anc: BTreeSet<CanonPath> = BTreeSet::new();
            for r in rules.iter().filter(|r| r.access != FsAccess::Denied) {
                if r.path.root == Root::Posix {
                    anc.extend(ancestors(&r.path));
                }
            }
            if !anc.is_empty() {
                let anc: Vec<CanonPath> = anc.into_iter().collect();
                b.line("");
                b.line("; Metadata of the ancestors of granted paths (path resolution), not their contents.");
                let before = b.compat.len();
                b.fs_rule(
                    true,
                    FsOps::of(&[FsOp::Metadata]),
                    PathMatch::Literal,
                    &anc,
                    true,
                );
                cx.compat_grant(
                    codes::SEATBELT_BASELINE,
                    "baseline.ancestors",
                    None,
                    format!(
                        "`stat` is allowed on {} ancestor directories of granted paths",
                        anc.len()
                    ),
                    "this reveals only the existence and attributes of those directories",
                )
                .grants(compat_regions(&b.compat[before..]));
            }
        }
        if !rules.is_empty() {
            b.line("");
            b.line("; Policy grants, shallow-to-deep (the deepest grant wins).");
        }
        let write = FsOps::of(&[FsOp::Write]);
        for r in rules.iter().filter(|r| r.access != FsAccess::Denied) {
            let paths = std::slice::from_ref(&r.path);
            match r.access {
                FsAccess::ReadWrite => {
                    b.fs_rule(true, FsOps::ALL, PathMatch::Subtree, paths, false);
                    cx.enforced(
                        r.construct.clone(),
                        Some(r.span),
                        "subpath read, write, exec",
                    );
                }
                _ => {
                    b.fs_rule(true, FsOps::READ_ONLY, PathMatch::Subtree, paths, false);
                    b.fs_rule(false, write, PathMatch::Subtree, paths, false);
                    cx.enforced(
                        r.construct.clone(),
                        Some(r.span),
                        "subpath read and exec, write denied",
                    );
                }
            }
        }
        emit_network(policy, cx, &mut b);
        emit_process_settings(policy, cx, &mut b);
        let ui = emit_ui(policy, cx, &mut b);
        let denied: Vec<&PathRule> = rules
            .iter()
            .filter(|r| r.access == FsAccess::Denied)
            .collect();
        if !denied.is_empty() {
            b.line("");
            b.line("; Denied paths last: a denial beats every grant at or below it.");
        }
        for r in &denied {
            // Renaming an ancestor inside a writable grant would move the denied path away.
            let protect: Vec<CanonPath> = ancestors(&r.path)
                .into_iter()
                .filter(|a| {
                    rules
                        .iter()
                        .any(|g| g.access == FsAccess::ReadWrite && a.is_strictly_under(&g.path))
                })
                .collect();
            let mut exprs = Vec::new();
            for a in &protect {
                if let Some(e) = path_expr(a) {
                    exprs.push(format!("(literal {e})"));
                }
            }
            if !exprs.is_empty() {
                // Not modelled: the model keeps these writes allowed (an over-approximation).
                b.line(format!("(deny file-write-unlink {})", exprs.join(" ")));
            }
            b.fs_rule(
                false,
                FsOps::ALL,
                PathMatch::Subtree,
                std::slice::from_ref(&r.path),
                false,
            );
            let nested: Vec<&PathRule> = rules
                .iter()
                .filter(|g| g.access != FsAccess::Denied && g.path.is_strictly_under(&r.path))
                .collect();
            if nested.is_empty() {
                cx.enforced(
                    r.construct.clone(),
                    Some(r.span),
                    "subpath denied, emitted last",
                );
            } else {
                let names: Vec<&str> = nested.iter().map(|g| g.path.display.as_str()).collect();
                cx.approximated(
                    codes::SEATBELT_DENY_LAST,
                    r.construct.clone(),
                    Some(r.span),
                    format!("`{}` stays denied below `{}`, although the policy grants it (MXC's Seatbelt emits denials last)", names.join("`, `"), r.path.display),
                    "move the grant out of the denied directory, or deny narrower paths",
                );
            }
        }
        if let Some(sb) = seatbelt
            && let Some(text) = &sb.profile_override
        {
            cx.gap(
                codes::SEATBELT_OVERRIDE,
                "seatbelt.profileOverride",
                Some(text.span),
                "`profileOverride` replaces the generated profile, so MXC would enforce none of this policy".to_owned(),
                "remove `profileOverride`; mxcc emits a verified profile (and `seatbelt-override.json` on request)",
                &[],
            );
        }
        let mut text = b.lines.join("\n");
        text.push('\n');
        let net = net_model(policy, &b.egress);
        let mut files = BTreeMap::new();
        files.insert(FILE, text.clone().into_bytes());
        if cx.options.seatbelt_override {
            files.insert(OVERRIDE_FILE, override_config(policy, &text));
            assumptions.push(format!(
                "`{OVERRIDE_FILE}` is run by MXC's own Seatbelt executor unchanged"
            ));
        }
        let profile = Profile {
            fs: b.fs,
            compat: b.compat,
            net,
            ui,
            text,
        };
        Some(Artifact {
            target: TargetId::Seatbelt,
            format_version: FORMAT_VERSION,
            files,
            assumptions,
            plan: Plan::Seatbelt(profile),
        })
    }

    fn model(&self, artifact: &Artifact) -> ArtifactModel {
        let Plan::Seatbelt(p) = &artifact.plan else {
            return ArtifactModel::unconstrained("seatbelt");
        };
        ArtifactModel {
            target: "seatbelt",
            fs: Domain::Enforced(FsModel::Ordered {
                rules: p.fs.clone(),
                default: FsOps::NONE,
            }),
            net: Domain::Enforced(p.net.clone()),
            ui: Domain::Enforced(p.ui),
        }
    }
}

/// The network part. Egress rules go into `b.egress` in profile order.
fn emit_network(policy: &ir::Policy, cx: &mut EmitContext<'_>, b: &mut Builder) {
    let net = &policy.network;
    b.line("");
    b.line("; Network.");
    for rule in &net.rules {
        cx.gap(
            codes::SEATBELT_NET_ADDRESS,
            rule.origin.to_string(),
            Some(rule.span),
            format!("Seatbelt cannot filter by address or CIDR; `{}` cannot be enforced", rule.origin),
            "route egress through `runtimeConfig.networkProxy` on the host loopback and filter in the proxy",
            &[],
        );
    }
    for name in &net.host_names {
        cx.gap(
            codes::SEATBELT_NET_ADDRESS,
            name.origin.to_string(),
            Some(name.span),
            format!(
                "Seatbelt cannot filter host names; `{}` cannot be enforced",
                name.name
            ),
            "filter host names in a loopback proxy",
            &[],
        );
    }
    let loopback_allowed = net.host_loopback.value == Action::Allow;
    if net.egress_default.value == Action::Allow {
        b.egress
            .push(allow_rule(None, None, Action::Allow, &b.origin()));
        b.line("(allow network-outbound (remote ip \"*:*\"))");
        b.line("(allow system-socket)");
        if loopback_allowed {
            cx.enforced(
                "network.egress.default",
                net.egress_default.span,
                "IP egress allowed (not AF_UNIX)",
            );
        } else {
            for c in localhost() {
                b.egress
                    .push(allow_rule(Some(c), None, Action::Deny, &b.origin()));
            }
            b.line("(deny network-outbound (remote ip \"localhost:*\"))");
            cx.gap(
                codes::SEATBELT_LOOPBACK,
                "network.egress.default",
                net.egress_default.span.or(net.span),
                "egress is allowed and the host loopback must stay closed, but SBPL's `localhost` covers only `127.0.0.1` and `::1`: `127.0.0.2` and `::ffff:127.0.0.1` stay reachable".to_owned(),
                "deny egress and use a loopback proxy (`runtimeConfig.networkProxy`)",
                &[],
            );
        }
    } else {
        cx.enforced(
            "network.egress.default",
            net.egress_default.span,
            "no network-outbound rule",
        );
        if loopback_allowed {
            for c in localhost() {
                b.egress
                    .push(allow_rule(Some(c), None, Action::Allow, &b.origin()));
            }
            b.line("(allow network-outbound (remote ip \"localhost:*\"))");
        }
    }
    if let Some(proxy) = &net.proxy {
        if proxy.is_loopback() {
            for c in localhost() {
                b.egress.push(allow_rule(
                    Some(c),
                    Some(proxy.port),
                    Action::Allow,
                    &b.origin(),
                ));
            }
            b.line(format!(
                "(allow network-outbound (remote tcp \"localhost:{}\"))",
                proxy.port
            ));
            cx.enforced(
                "network.proxy",
                Some(proxy.span),
                "TCP to localhost on the proxy port only",
            );
        } else {
            cx.approximated(
                codes::PROXY_UNREACHABLE,
                "network.proxy",
                Some(proxy.span),
                format!("the proxy `{}` is not on the host loopback; Seatbelt cannot allow it, so the sandbox has no network", proxy.host),
                "run the proxy on the host loopback (`http://127.0.0.1:<port>`)",
            );
        }
    }
    if net.host_loopback.value == Action::Allow {
        cx.approximated(
            codes::SEATBELT_LOOPBACK,
            "network.ingress.hostLoopback",
            net.host_loopback.span.or(net.span),
            "the host loopback is reachable only as `localhost` (`127.0.0.1`, `::1`); other loopback addresses stay closed".to_owned(),
            "nothing to do unless services listen on other loopback addresses",
        );
    }
    if net.ingress_default.value == Action::Allow {
        b.line("(allow network-inbound (local ip \"*:*\"))");
        b.line("(allow network-bind (local ip \"*:*\"))");
        if loopback_allowed {
            cx.enforced(
                "network.ingress.default",
                net.ingress_default.span,
                "network-inbound allowed",
            );
        } else {
            cx.gap(
                codes::SEATBELT_LOOPBACK,
                "network.ingress.default",
                net.ingress_default.span.or(net.span),
                "inbound connections are allowed, and SBPL cannot single out those from the host loopback".to_owned(),
                "set `hostLoopback` to `allow` too, as MXC requires on macOS, or deny ingress",
                &[],
            );
        }
    } else {
        cx.enforced(
            "network.ingress.default",
            net.ingress_default.span,
            "no network-inbound rule",
        );
    }
}

fn allow_rule(cidr: Option<Cidr>, port: Option<u16>, action: Action, origin: &str) -> NetModelRule {
    NetModelRule {
        family: cidr.map(|c| c.family),
        protocol: port.map(|_| Protocol::Tcp),
        cidr,
        ports: port.map(|p| (p, p)),
        action,
        origin: origin.to_owned(),
    }
}

/// The network model: the profile's egress rules read backwards (last match wins).
fn net_model(policy: &ir::Policy, egress: &[NetModelRule]) -> NetModel {
    let net = &policy.network;
    let rules: Vec<NetModelRule> = egress.iter().rev().cloned().collect();
    let ingress_all = net.ingress_default.value == Action::Allow;
    let ingress = NetChain {
        rules: Vec::new(),
        default: if ingress_all {
            Action::Allow
        } else {
            Action::Deny
        },
    };
    let proxy_reachable = net.proxy.as_ref().is_some_and(ir::net::Proxy::is_loopback);
    NetModel {
        egress: NetChain {
            rules,
            default: Action::Deny,
        },
        ingress,
        proxy_reachable,
    }
}

/// Pseudo-terminals, keychain and extra Mach services.
fn emit_process_settings(policy: &ir::Policy, cx: &mut EmitContext<'_>, b: &mut Builder) {
    let Some(sb) = policy.seatbelt.as_ref() else {
        pty(policy, cx, b, true, None);
        return;
    };
    pty(
        policy,
        cx,
        b,
        sb.nested_pty.value,
        sb.nested_pty.span.or(Some(sb.span)),
    );
    if sb.keychain_access.value {
        b.line("");
        b.line("; keychainAccess: Security framework services (no keychain files: list them in the policy).");
        b.line("(allow mach-lookup");
        for name in [
            "com.apple.SecurityServer",
            "com.apple.securityd",
            "com.apple.trustd",
            "com.apple.trustd.agent",
            "com.apple.ocspd",
        ] {
            b.line(format!("    (global-name \"{name}\")"));
        }
        b.line("    )");
        cx.compat_grant(
            codes::SEATBELT_SETTING,
            "seatbelt.keychainAccess",
            sb.keychain_access.span,
            "`keychainAccess` opens the Security framework's services; MXC's read-write `/private/var/folders` and `~/Library/Keychains` are not granted".to_owned(),
            "list the keychain files the command needs in `readwritePaths`",
        );
    }
    if !sb.extra_mach_lookups.is_empty() {
        b.line("");
        b.line("; extraMachLookups.");
    }
    for (i, name) in sb.extra_mach_lookups.iter().enumerate() {
        let construct = format!("seatbelt.extraMachLookups[{i}]");
        match sbpl_string(&name.value) {
            Some(s) => {
                b.line(format!("(allow mach-lookup (global-name {s}))"));
                cx.enforced(construct, Some(name.span), "mach-lookup global-name");
            }
            // The entry is left out: nothing is granted.
            None => cx
                .gap(
                    codes::PATH_SPELLING,
                    construct,
                    Some(name.span),
                    "a Mach service name contains a control character".to_owned(),
                    "remove the entry",
                    &[],
                )
                .grants([]),
        }
    }
    if sb.launch_method.value == ir::policy::LaunchMethod::Open {
        cx.enforced(
            "seatbelt.launchMethod",
            sb.launch_method.span,
            "the same profile under Terminal.app",
        );
    }
}

fn pty(
    policy: &ir::Policy,
    cx: &mut EmitContext<'_>,
    b: &mut Builder,
    on: bool,
    span: Option<Span>,
) {
    let _ = policy;
    if !on {
        cx.enforced("seatbelt.nestedPty", span, "no pseudo-tty");
        return;
    }
    b.line("");
    b.line("; nestedPty (MXC's default): pseudo-terminals.");
    b.line("(allow pseudo-tty)");
    let rw = FsOps::of(&[FsOp::Read, FsOp::Metadata, FsOp::Write]);
    let before = b.compat.len();
    b.fs_rule(true, rw, PathMatch::Literal, &[canon("/dev/ptmx")], true);
    // The model's string prefix over-approximates the regex.
    let origin = b.origin();
    let rule = FsModelRule {
        path: canon("/dev/ttys"),
        matching: PathMatch::StringPrefix,
        ops: rw,
        allow: true,
        tier: 1,
        origin,
    };
    b.compat.push(rule.clone());
    b.fs.push(rule);
    b.line("(allow file-read* file-write* (regex #\"^/dev/ttys[0-9]+$\"))");
    b.line("(allow file-ioctl (literal \"/dev/ptmx\") (regex #\"^/dev/ttys[0-9]+$\"))");
    cx.compat_grant(
        codes::SEATBELT_SETTING,
        "seatbelt.nestedPty",
        span,
        "`nestedPty` (on by default) opens `/dev/ptmx` and `/dev/ttys*`".to_owned(),
        "set `seatbelt.nestedPty` to `false` unless the command needs a terminal",
    )
    .grants(compat_regions(&b.compat[before..]));
}

/// The regions of the compatibility rules a grant added to the profile.
fn compat_regions(rules: &[FsModelRule]) -> Vec<Region> {
    rules
        .iter()
        .filter(|r| r.allow)
        .map(Region::of_fs_rule)
        .collect()
}

/// UI: WindowServer, pasteboard and HID injection.
fn emit_ui(policy: &ir::Policy, cx: &mut EmitContext<'_>, b: &mut Builder) -> UiModel {
    let ui = &policy.ui;
    let gui = policy.seatbelt.as_ref().is_some_and(|s| s.gui_access.value);
    b.line("");
    b.line("; UI.");
    let windows = [
        "com.apple.windowserver.active",
        "com.apple.windowserver.session",
        "com.apple.coreservices.launchservicesd",
    ];
    if ui.disable.value {
        b.line("(deny mach-lookup");
        for w in windows {
            b.line(format!("    (global-name \"{w}\")"));
        }
        b.line("    )");
        cx.enforced("ui.disable", ui.disable.span, "WindowServer lookups denied");
    } else {
        b.line("(allow mach-lookup");
        for w in windows {
            b.line(format!("    (global-name \"{w}\")"));
        }
        b.line("    )");
        cx.enforced(
            "ui.disable",
            ui.disable.span,
            "WindowServer lookups allowed",
        );
    }
    if gui {
        let span = policy.seatbelt.as_ref().and_then(|s| s.gui_access.span);
        b.line("(allow mach-lookup)");
        b.line("(allow mach-register)");
        b.line("(allow iokit-open)");
        b.line("(allow ipc-posix-shm*)");
        cx.compat_grant(
            codes::SEATBELT_SETTING,
            "seatbelt.guiAccess",
            span,
            "`guiAccess` allows every Mach service, Mach registration and IOKit user client; MXC's read-write `/private/tmp` and `/private/var/folders` are not granted".to_owned(),
            "leave `guiAccess` off and list the services in `extraMachLookups`",
        );
    }
    let (clip_read, clip_write) = match ui.clipboard.value {
        Clipboard::All => {
            b.line("(allow mach-lookup (global-name \"com.apple.pasteboard.1\"))");
            cx.enforced("ui.clipboard", ui.clipboard.span, "pasteboard allowed");
            (true, true)
        }
        Clipboard::None => {
            b.line("(deny mach-lookup (global-name \"com.apple.pasteboard.1\"))");
            cx.enforced("ui.clipboard", ui.clipboard.span, "pasteboard denied");
            (false, false)
        }
        dir @ (Clipboard::Read | Clipboard::Write) => {
            b.line("(deny mach-lookup (global-name \"com.apple.pasteboard.1\"))");
            cx.approximated(
                codes::SEATBELT_CLIPBOARD,
                "ui.clipboard",
                ui.clipboard.span,
                format!(
                    "Seatbelt cannot allow only `{}` on the pasteboard; the pasteboard is denied",
                    dir.as_str()
                ),
                "use `all` if both directions are acceptable",
            );
            (false, false)
        }
    };
    let inject = if ui.injection.value {
        if gui {
            cx.enforced(
                "ui.injection",
                ui.injection.span,
                "IOKit open through guiAccess",
            );
            true
        } else {
            cx.approximated(
                codes::SEATBELT_SETTING,
                "ui.injection",
                ui.injection.span,
                "input injection needs IOKit access, which only `guiAccess` grants; it stays denied".to_owned(),
                "enable `seatbelt.guiAccess` if the command must inject input",
            );
            false
        }
    } else {
        b.line("(deny iokit-open (iokit-user-client-class \"IOHIDLibUserClient\"))");
        cx.enforced(
            "ui.injection",
            ui.injection.span,
            "IOHIDLibUserClient denied",
        );
        false
    };
    UiModel {
        create_window: !ui.disable.value,
        clipboard_read: clip_read,
        clipboard_write: clip_write,
        inject_input: inject,
    }
}

/// An MXC config that runs the verified profile through MXC's own Seatbelt executor.
fn override_config(policy: &ir::Policy, profile: &str) -> Vec<u8> {
    use serde_json::{Map, Value, json};
    let mut root = Map::new();
    let version = policy
        .version
        .as_ref()
        .map_or("0.8.0-alpha", |v| v.raw.as_str());
    root.insert("version".to_owned(), json!(version));
    root.insert("containment".to_owned(), json!("seatbelt"));
    let mut process = Map::new();
    if let Some(cmd) = &policy.process.command_line {
        process.insert("commandLine".to_owned(), json!(cmd.value));
    }
    if let Some(cwd) = &policy.process.cwd {
        process.insert("cwd".to_owned(), json!(cwd.value.display));
    }
    let env: Vec<&str> = policy.process.env.iter().map(|e| e.raw.as_str()).collect();
    process.insert("env".to_owned(), json!(env));
    process.insert("timeout".to_owned(), json!(policy.process.timeout.value));
    root.insert("process".to_owned(), Value::Object(process));
    let mut fs = Map::new();
    for access in FsAccess::ALL {
        let list: Vec<&str> = policy
            .filesystem
            .rules_with(access)
            .map(|r| r.raw.as_str())
            .collect();
        fs.insert(access.list_name().to_owned(), json!(list));
    }
    root.insert("filesystem".to_owned(), Value::Object(fs));
    if let Some(proxy) = &policy.network.proxy
        && proxy.kind == ir::net::ProxyKind::Runtime
    {
        let url = format!("{}://{}:{}", proxy.scheme, proxy.host, proxy.port);
        root.insert("runtimeConfig".to_owned(), json!({ "networkProxy": url }));
    }
    root.insert("seatbelt".to_owned(), json!({ "profileOverride": profile }));
    let mut out = serde_json::to_string_pretty(&Value::Object(root))
        .unwrap_or_default()
        .into_bytes();
    out.push(b'\n');
    out
}
