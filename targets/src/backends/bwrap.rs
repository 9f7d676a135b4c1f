//! bubblewrap: the argument vector (`bwrap.args`, format 1) the executor passes to `bwrap`.
//!
//! Semantics-compatible with MXC's bubblewrap backend (same argument order, the same
//! read-only system baseline, `--dev`, `--proc`, `--tmpfs /tmp`, policy mounts shallow-to-deep
//! so the deepest path wins, `--clearenv` + `--setenv`, `-- sh -c CMD`) and stricter where it
//! is weak: `--new-session` (no TIOCSTI into the caller's terminal), `--die-with-parent`,
//! `--cap-drop ALL`, `--unshare-cgroup-try`, always `--unshare-net` (egress exists only when
//! the executor populates the namespace and `nftables.nft` filters it), denied directories
//! masked by an empty tmpfs with mode 0000 (0111 above re-exposed paths) that is remounted read-only once every deeper mount
//! is in place, and `--seccomp FD` when `seccomp.bpf` is emitted alongside.
//!
//! File format: one argument per line, in order. A line starting with `#` is a comment; in an
//! argument, `\` is written `\\`, a newline `\n`, and a leading `#` `\#`. Arguments never
//! contain NUL (MXC rejects it in paths and command lines; mxcc refuses it).
//!
//! Paths: `~` resolves through `home_dir` (refused otherwise, MX5002); `$VAR` and relative
//! paths are refused. A denied path that is a symbolic link is refused (MX5034): masking it
//! would mask the link's target instead. A denied path missing at compile time is masked by
//! an empty read-only directory (bwrap creates the mount point). A granted path missing at
//! compile time makes bwrap refuse to start (fail closed; MX5035 warning).
//!
//! Model: the mounts in order, later shadowing earlier (`FsModel::Ordered`); paths under no
//! mount do not exist in the sandbox.

use std::collections::BTreeMap;

use ir::model::{
    ArtifactModel, Domain, FsModel, FsModelRule, FsOps, NetChain, NetModel, PathMatch, Region,
};
use ir::{Action, CanonPath, FsAccess, FsOp, Platform};

use crate::artifact::{Artifact, Plan};
use crate::backends::seccomp::network_used;
use crate::context::{Baseline, EmitContext, Options, PathKind, UNEXAMINED_HELP};
use crate::paths::{self, host_path};
use crate::target::{Capability, Support, Target, TargetId, codes};

/// The file this target writes.
pub const FILE: &str = "bwrap.args";
/// The version of the `bwrap.args` format.
pub const FORMAT_VERSION: u32 = 1;

/// MXC's read-only system baseline (`--ro-bind-try P P`), in MXC's order: the directories
/// every sandbox reads. The executor grants the same set.
pub const SYSTEM_BASELINE: [&str; 14] = [
    "/bin",
    "/sbin",
    "/lib",
    "/lib32",
    "/lib64",
    "/libx32",
    "/usr/bin",
    "/usr/sbin",
    "/usr/lib",
    "/usr/lib32",
    "/usr/lib64",
    "/usr/libexec",
    "/usr/share",
    "/etc",
];

/// The rest of MXC's baseline, after the system directories: the resolver locations, and
/// `/run` (linked as `/var/run` rather than bound).
pub const RESOLVER_BASELINE: [&str; 5] = [
    "/run/systemd/resolve",
    "/run/NetworkManager",
    "/run/resolvconf",
    "/mnt/wsl/resolv.conf",
    "/run",
];

/// The device nodes `--dev` provides.
const DEVICES: [&str; 6] = [
    "/dev/null",
    "/dev/zero",
    "/dev/full",
    "/dev/random",
    "/dev/urandom",
    "/dev/tty",
];

pub struct Bwrap;

/// What one mount does to the host paths beneath it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MountKind {
    /// Read-only host content.
    ReadOnly,
    /// Read-write host content.
    ReadWrite,
    /// Host content hidden (a private tmpfs or `/dev/null`).
    Hidden,
    /// `--dev`: a private `/dev` with a few host device nodes.
    Dev,
    /// `--proc`: the sandbox's own procfs.
    Proc,
}

/// One mount, with the line of `bwrap.args` that creates it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mount {
    pub path: CanonPath,
    pub kind: MountKind,
    pub line: usize,
}

/// The argument vector and the mount table it creates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Argv {
    pub args: Vec<String>,
    pub mounts: Vec<Mount>,
    /// True when the network namespace stays empty (no executor networking).
    pub isolated: bool,
}

fn canon(p: &str) -> CanonPath {
    CanonPath::parse(p, Platform::Linux.path_style()).path
}

struct Builder {
    args: Vec<String>,
    mounts: Vec<Mount>,
}

impl Builder {
    fn arg(&mut self, parts: &[&str]) {
        self.args.extend(parts.iter().map(|s| (*s).to_owned()));
    }

    fn mount(&mut self, parts: &[&str], path: &CanonPath, kind: MountKind) {
        // Header lines come first in the file; `line` is the 1-based line of the option.
        let line = self.args.len() + 2;
        self.arg(parts);
        self.mounts.push(Mount {
            path: path.clone(),
            kind,
            line,
        });
    }
}

/// Escapes one argument for `bwrap.args`.
fn escape(arg: &str) -> String {
    let mut out = arg.replace('\\', "\\\\").replace('\n', "\\n");
    if out.starts_with('#') {
        out.insert(0, '\\');
    }
    out
}

/// Parses `bwrap.args` back into arguments (the executor's reader, used by tests).
pub fn parse(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| {
            let mut out = String::new();
            let mut chars = l.chars();
            while let Some(c) = chars.next() {
                if c == '\\' {
                    match chars.next() {
                        Some('n') => out.push('\n'),
                        Some(other) => out.push(other),
                        None => out.push('\\'),
                    }
                } else {
                    out.push(c);
                }
            }
            out
        })
        .collect()
}

fn proxy_url(policy: &ir::Policy, options: &Options) -> Option<String> {
    let proxy = policy.network.proxy.as_ref()?;
    let host = if proxy.is_loopback() {
        options.host_gateway.to_string()
    } else {
        proxy.host.clone()
    };
    Some(format!("{}://{}:{}", proxy.scheme, host, proxy.port))
}

impl Target for Bwrap {
    fn id(&self) -> TargetId {
        TargetId::Bwrap
    }

    fn capabilities(&self, _options: &Options) -> Vec<Capability> {
        let row = Capability::new;
        vec![
            row("filesystem.readwritePaths", Support::Exact, "--bind"),
            row("filesystem.readonlyPaths", Support::Exact, "--ro-bind"),
            row(
                "filesystem.deniedPaths",
                Support::Exact,
                "empty read-only tmpfs or /dev/null",
            ),
            row(
                "filesystem.metadata",
                Support::Exact,
                "unlisted paths do not exist",
            ),
            row(
                "network",
                Support::Stricter,
                "--unshare-net: nothing unless the executor adds it",
            ),
            row("process.env", Support::Exact, "--clearenv + --setenv"),
        ]
    }

    fn emit(&self, policy: &ir::Policy, cx: &mut EmitContext<'_>) -> Option<Artifact> {
        let rules = paths::host_rules(policy, cx);
        let mut b = Builder {
            args: Vec::new(),
            mounts: Vec::new(),
        };
        b.arg(&[
            "--unshare-user",
            "--unshare-pid",
            "--unshare-ipc",
            "--unshare-uts",
            "--unshare-cgroup-try",
        ]);
        b.arg(&["--unshare-net"]);
        b.arg(&["--new-session", "--die-with-parent", "--cap-drop", "ALL"]);
        if cx.options.baseline == Baseline::Mxc {
            let baseline = SYSTEM_BASELINE.iter().chain(&RESOLVER_BASELINE);
            for p in baseline.filter(|p| **p != "/run") {
                b.mount(&["--ro-bind-try", p, p], &canon(p), MountKind::ReadOnly);
            }
            b.arg(&["--symlink", "/run", "/var/run"]);
            cx.compat_grant(
                codes::BWRAP_BASELINE,
                "runtime baseline",
                None,
                "bwrap mounts system directories, `/dev` and `/proc` that the policy does not list (MXC baseline)".to_owned(),
                "list them in `readonlyPaths` to make the grant explicit, or build with the baseline off",
            )
            .grants(baseline_regions());
        }
        b.mount(&["--dev", "/dev"], &canon("/dev"), MountKind::Dev);
        b.mount(&["--proc", "/proc"], &canon("/proc"), MountKind::Proc);
        b.mount(&["--tmpfs", "/tmp"], &canon("/tmp"), MountKind::Hidden);
        let mut remount = Vec::new();
        let mut unexamined = false;
        for rule in &rules {
            let host = rule.host.as_str();
            if host.contains('\0') {
                cx.gap(
                    codes::SYMBOLIC_PATH,
                    rule.construct.clone(),
                    Some(rule.span),
                    format!("`{host}` contains NUL"),
                    "remove the NUL character",
                    &[],
                );
                continue;
            }
            let kind = cx.options.paths.kind(host);
            match rule.access {
                FsAccess::ReadWrite | FsAccess::ReadOnly => {
                    if kind == PathKind::Missing {
                        cx.approximated(
                            codes::MISSING_PATH,
                            rule.construct.clone(),
                            Some(rule.span),
                            format!("`{host}` does not exist; bwrap will refuse to start"),
                            "create the path before running, or remove it from the policy",
                        );
                    } else {
                        cx.enforced(rule.construct.clone(), Some(rule.span), "bind mount");
                    }
                    if rule.access == FsAccess::ReadWrite {
                        b.mount(&["--bind", host, host], &rule.canon, MountKind::ReadWrite);
                    } else {
                        b.mount(&["--ro-bind", host, host], &rule.canon, MountKind::ReadOnly);
                    }
                }
                FsAccess::Denied => match kind {
                    // No mask: the path is as open as its mounted ancestors leave it.
                    PathKind::Symlink => cx.gap(
                        codes::SYMLINK_PATH,
                        rule.construct.clone(),
                        Some(rule.span),
                        format!("`{host}` is or passes through a symbolic link; a mask would hide its target instead"),
                        "list the resolved path in `deniedPaths`",
                        &[],
                    ).grants([Region::subtree(rule.canon.clone(), FsOps::ALL)]),
                    PathKind::File => {
                        cx.enforced(rule.construct.clone(), Some(rule.span), "masked by /dev/null");
                        b.mount(&["--ro-bind", "/dev/null", host], &rule.canon, MountKind::Hidden);
                    }
                    PathKind::Dir | PathKind::Missing | PathKind::Other | PathKind::Unknown => {
                        if kind == PathKind::Dir {
                            cx.enforced(rule.construct.clone(), Some(rule.span), "masked by an empty read-only tmpfs");
                        } else if kind == PathKind::Unknown {
                            // No mask suits both kinds; a directory mask on a file makes bwrap
                            // fail to start, which denies more, never less.
                            unexamined = true;
                            cx.approximated(
                                codes::PATH_KIND,
                                rule.construct.clone(),
                                Some(rule.span),
                                format!("the kind of `{host}` was not examined; it is masked by an empty read-only directory, and bwrap refuses to start if it is a file"),
                                UNEXAMINED_HELP,
                            );
                        } else {
                            cx.approximated(
                                codes::PATH_KIND,
                                rule.construct.clone(),
                                Some(rule.span),
                                format!("`{host}` is not a directory or file on this host; it is masked by an empty read-only directory"),
                                "bwrap creates the mount point; check the path",
                            );
                        }
                        // Mode 0000 unless a deeper rule is re-exposed beneath the mask,
                        // which then needs search permission (0111: traverse, never list).
                        let nested = rules.iter().any(|r| r.canon.is_strictly_under(&rule.canon));
                        let perms = if nested { "0111" } else { "0000" };
                        b.mount(&["--perms", perms, "--tmpfs", host], &rule.canon, MountKind::Hidden);
                        remount.push(host.to_owned());
                    }
                },
            }
        }
        for host in &remount {
            b.arg(&["--remount-ro", host]);
        }
        if let Some(cwd) = &policy.process.cwd {
            match host_path(&cwd.value, cx.options) {
                Some(dir) => b.arg(&["--chdir", &dir.display]),
                // The working directory grants nothing.
                None => cx
                    .gap(
                        codes::SYMBOLIC_PATH,
                        "process.cwd",
                        Some(cwd.span),
                        format!("`{}` has no fixed host location", cwd.value.display),
                        "pass `home_dir` or write an absolute path",
                        &[],
                    )
                    .grants([]),
            }
        }
        b.arg(&["--clearenv"]);
        let proxy = proxy_url(policy, cx.options);
        let mut env: BTreeMap<String, String> = BTreeMap::new();
        let mut order: Vec<String> = Vec::new();
        for entry in &policy.process.env {
            let (Some(name), Some(value)) = (&entry.name, &entry.value) else {
                continue;
            };
            if proxy.is_some() && ir::net::PROXY_ENV_VARS.contains(&name.as_str()) {
                continue;
            }
            if env.insert(name.clone(), value.clone()).is_none() {
                order.push(name.clone());
            }
        }
        for name in &order {
            if let Some(value) = env.get(name) {
                b.arg(&["--setenv", name, value]);
            }
        }
        if let Some(url) = &proxy {
            for name in ir::net::PROXY_ENV_VARS
                .iter()
                .filter(|n| !n.eq_ignore_ascii_case("NO_PROXY"))
            {
                b.arg(&["--setenv", name, url]);
            }
        }
        let needs_net = network_used(policy);
        let isolated = !(needs_net && cx.with(TargetId::Nftables));
        if needs_net {
            if isolated {
                cx.approximated(
                    codes::BWRAP_NET_ISOLATED,
                    "network",
                    policy.network.span.or(Some(policy.span)),
                    "the policy allows some network traffic, but bwrap alone isolates the network namespace".to_owned(),
                    "emit `nftables` alongside so the executor can connect and filter the namespace",
                );
            } else {
                cx.gap(
                    codes::BWRAP_NET_ISOLATED,
                    "network",
                    policy.network.span.or(Some(policy.span)),
                    "bwrap does not filter the network the executor connects".to_owned(),
                    "`nftables.nft` filters it",
                    &[TargetId::Nftables],
                )
                .grants([Region::net(None, None)]);
            }
        } else {
            cx.enforced("network", policy.network.span, "--unshare-net: no network");
        }
        if cx.with(TargetId::Seccomp) {
            let fd = cx.options.seccomp_fd.to_string();
            b.arg(&["--seccomp", &fd]);
        }
        b.arg(&["--"]);
        match &policy.process.command_line {
            Some(cmd) => b.arg(&["sh", "-c", &cmd.value]),
            None => cx.enforced(
                "process.commandLine",
                None,
                "absent: the executor appends the command",
            ),
        }
        let argv = Argv {
            args: b.args,
            mounts: b.mounts,
            isolated,
        };
        let mut text =
            format!("# mxcc bwrap.args format {FORMAT_VERSION}: one argument per line\n");
        for a in &argv.args {
            text.push_str(&escape(a));
            text.push('\n');
        }
        let mut files = BTreeMap::new();
        files.insert(FILE, text.into_bytes());
        let mut assumptions = vec![
            "bubblewrap 0.8 or later runs unprivileged user namespaces on the host".to_owned(),
            "granted paths exist at run time (bwrap refuses to start otherwise)".to_owned(),
        ];
        if unexamined {
            cx.assumed(
                codes::PATH_KIND,
                "denied paths were not examined; the `bwrap` masks assume that none is or passes through a symbolic link, whose target the mask would hide instead".to_owned(),
                UNEXAMINED_HELP,
            );
            assumptions.push(
                "no denied path is or passes through a symbolic link (paths were not examined at compile time)"
                    .to_owned(),
            );
        }
        if cx.with(TargetId::Seccomp) {
            assumptions.push(format!(
                "the executor passes seccomp.bpf on fd {}",
                cx.options.seccomp_fd
            ));
        }
        if !isolated {
            assumptions.push(format!(
                "the executor connects the network namespace (slirp4netns, host at {}) and loads nftables.nft in it before the command starts",
                cx.options.host_gateway
            ));
        }
        Some(Artifact {
            target: TargetId::Bwrap,
            format_version: FORMAT_VERSION,
            files,
            assumptions,
            plan: Plan::Bwrap(argv),
        })
    }

    fn model(&self, artifact: &Artifact) -> ArtifactModel {
        let Plan::Bwrap(argv) = &artifact.plan else {
            return ArtifactModel {
                target: "bwrap",
                fs: Domain::Unconstrained,
                net: Domain::Unconstrained,
                ui: no_ui(),
            };
        };
        let net = if argv.isolated {
            let chain = NetChain {
                rules: Vec::new(),
                default: Action::Deny,
            };
            Domain::Enforced(NetModel {
                egress: chain.clone(),
                ingress: chain,
                proxy_reachable: false,
            })
        } else {
            Domain::Unconstrained
        };
        ArtifactModel {
            target: "bwrap",
            fs: Domain::Enforced(fs_model(argv)),
            net,
            ui: no_ui(),
        }
    }
}

fn no_ui() -> Domain<ir::model::UiModel> {
    Domain::NotApplicable("bwrap does not mediate UI".to_owned())
}

/// What the MXC baseline mounts allow: the system directories read-only (with the
/// `/var/run` alias of `/run`), the device nodes and `/proc`.
fn baseline_regions() -> Vec<Region> {
    let mut out = Vec::new();
    let baseline = SYSTEM_BASELINE.iter().chain(&RESOLVER_BASELINE);
    for p in baseline.filter(|p| **p != "/run") {
        out.push(Region::subtree(canon(p), FsOps::READ_ONLY));
        if let Some(rest) = p.strip_prefix("/run/") {
            out.push(Region::subtree(
                canon(&format!("/var/run/{rest}")),
                FsOps::READ_ONLY,
            ));
        }
    }
    out.extend(DEVICES.iter().map(|d| Region::Fs {
        path: canon(d),
        matching: PathMatch::Literal,
        ops: FsOps::ALL,
    }));
    out.push(Region::subtree(canon("/proc"), FsOps::ALL));
    out
}

fn fs_model(argv: &Argv) -> FsModel {
    let mut rules = Vec::new();
    let write = FsOps::of(&[FsOp::Write]);
    for m in &argv.mounts {
        let origin = format!("{FILE}:{}", m.line);
        let mut rule = |path: &CanonPath, matching, ops, allow| {
            rules.push(FsModelRule {
                path: path.clone(),
                matching,
                ops,
                allow,
                tier: 0,
                origin: origin.clone(),
            });
        };
        match m.kind {
            MountKind::ReadWrite | MountKind::Proc => {
                rule(&m.path, PathMatch::Subtree, FsOps::ALL, true)
            }
            MountKind::ReadOnly => {
                rule(&m.path, PathMatch::Subtree, FsOps::READ_ONLY, true);
                rule(&m.path, PathMatch::Subtree, write, false);
                // `/var/run` is a symbolic link to the sandbox's `/run`.
                if let Some(rest) = m.path.display.strip_prefix("/run/") {
                    let alias = canon(&format!("/var/run/{rest}"));
                    rule(&alias, PathMatch::Subtree, FsOps::READ_ONLY, true);
                    rule(&alias, PathMatch::Subtree, write, false);
                }
            }
            MountKind::Hidden => rule(&m.path, PathMatch::Subtree, FsOps::ALL, false),
            MountKind::Dev => {
                rule(&m.path, PathMatch::Subtree, FsOps::ALL, false);
                for d in DEVICES {
                    rule(&canon(d), PathMatch::Literal, FsOps::ALL, true);
                }
            }
        }
    }
    FsModel::Ordered {
        rules,
        default: FsOps::NONE,
    }
}
