//! Windows Sandbox: a configuration file (`sandbox.wsb`, XML, format 1) opened with
//! `WindowsSandbox.exe`; the command runs in a disposable Hyper-V VM.
//!
//! Host files reach the VM only through `<MappedFolders>`: read-write and read-only grants
//! become mapped folders (`<ReadOnly>true</ReadOnly>` for read-only) at the same path on the
//! guest's `C:` (other drives under `C:\HostDrives\<letter>`). Everything else is off:
//! `<vGPU>`, `<AudioInput>`, `<VideoInput>`, `<PrinterRedirection>` disabled,
//! `<ProtectedClient>` enabled, `<ClipboardRedirection>` only for `clipboard: all`,
//! `<Networking>` only for `egress.default: allow` without rules. The command is the
//! `<LogonCommand>`. Text is XML-escaped.
//!
//! What `.wsb` cannot express is refused (MX5140): denied paths at, inside or above a mapped
//! folder, nested mapped folders, files (only directories map), egress rules and host lists.
//!
//! Model: host paths are reachable only beneath a mapped folder (read-only folders without
//! write); the guest's own disk is not the host's. Egress is everything but the host loopback
//! when networking is on (the VM's loopback is its own); ingress and the host loopback are
//! closed; UI operations never reach the host desktop, except the redirected clipboard.

use std::collections::BTreeMap;

use ir::model::{
    ArtifactModel, Domain, FsModel, FsModelRule, FsOps, NetChain, NetModel, NetModelRule,
    PathMatch, UiModel,
};
use ir::{Action, CanonPath, Clipboard, FsAccess, Platform, Root};

use crate::artifact::{Artifact, Plan as ArtifactPlan};
use crate::backends::appcontainer::{self, WinRule};
use crate::context::{EmitContext, Options, PathKind};
use crate::target::{Capability, Support, Target, TargetId, codes};

/// The file this target writes.
pub const FILE: &str = "sandbox.wsb";
/// The version of the `sandbox.wsb` format.
pub const FORMAT_VERSION: u32 = 1;

pub struct Wsb;

/// One mapped folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mapped {
    pub host: CanonPath,
    pub guest: String,
    pub read_only: bool,
}

/// The typed configuration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    pub mapped: Vec<Mapped>,
    pub networking: bool,
    pub clipboard: bool,
    pub command: Option<String>,
}

/// Escapes text for XML element content.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

fn guest_path(host: &CanonPath) -> Option<String> {
    let Root::Drive(letter) = host.root else {
        return None;
    };
    if letter == 'C' {
        return Some(host.display.clone());
    }
    let rest = host.display.get(2..).unwrap_or("");
    Some(format!("C:\\HostDrives\\{letter}{rest}"))
}

fn refuse(cx: &mut EmitContext<'_>, r: &WinRule, message: String, help: &str) {
    cx.gap(
        codes::WSB_UNSUPPORTED,
        r.construct.clone(),
        Some(r.span),
        message,
        help,
        &[],
    );
}

impl Target for Wsb {
    fn id(&self) -> TargetId {
        TargetId::Wsb
    }

    fn platform(&self) -> Platform {
        Platform::Windows
    }

    fn capabilities(&self, _options: &Options) -> Vec<Capability> {
        let row = Capability::new;
        vec![
            row(
                "filesystem.readwritePaths",
                Support::Exact,
                "mapped folders (directories only)",
            ),
            row(
                "filesystem.readonlyPaths",
                Support::Exact,
                "mapped folders with ReadOnly",
            ),
            row(
                "filesystem.deniedPaths",
                Support::None,
                "only outside every mapped folder",
            ),
            row(
                "network.egress.default",
                Support::Exact,
                "Networking Enable/Disable",
            ),
            row("network.egress.rules", Support::None, "no filtering"),
            row(
                "ui.clipboard",
                Support::Stricter,
                "redirection is both directions or none",
            ),
        ]
    }

    fn emit(&self, policy: &ir::Policy, cx: &mut EmitContext<'_>) -> Option<Artifact> {
        let rules = appcontainer::win_rules(policy, cx);
        let mut mapped: Vec<Mapped> = Vec::new();
        let grants: Vec<&WinRule> = rules
            .iter()
            .filter(|r| r.access != FsAccess::Denied)
            .collect();
        for r in &grants {
            if let Some(outer) = grants.iter().find(|g| r.path.is_strictly_under(&g.path)) {
                let message = format!(
                    "`{}` lies inside the mapped folder `{}`; Windows Sandbox cannot nest mapped folders",
                    r.path.display, outer.path.display
                );
                refuse(cx, r, message, "grant one of the two directories only");
                continue;
            }
            // Any other kind, including one not examined, is mapped under the listed
            // assumption that mapped host folders exist and are directories.
            if cx.options.paths.kind(&r.path.display) == PathKind::File {
                let message = format!(
                    "`{}` is a file; Windows Sandbox maps directories only",
                    r.path.display
                );
                refuse(cx, r, message, "grant its directory");
                continue;
            }
            let Some(guest) = guest_path(&r.path) else {
                let message = format!(
                    "`{}` is not on a drive; Windows Sandbox maps local directories",
                    r.path.display
                );
                refuse(cx, r, message, "copy the share to a local directory");
                continue;
            };
            mapped.push(Mapped {
                host: r.path.clone(),
                guest,
                read_only: r.access == FsAccess::ReadOnly,
            });
            cx.enforced(r.construct.clone(), Some(r.span), "mapped folder");
        }
        for r in rules.iter().filter(|r| r.access == FsAccess::Denied) {
            let clash = mapped
                .iter()
                .find(|m| r.path.starts_with(&m.host) || m.host.starts_with(&r.path));
            match clash {
                Some(m) => {
                    let message = format!(
                        "`{}` overlaps the mapped folder `{}`; Windows Sandbox cannot hide part of a mapped folder",
                        r.path.display, m.host.display
                    );
                    refuse(
                        cx,
                        r,
                        message,
                        "move the secret out of the mapped folder, or map narrower folders",
                    );
                }
                None => cx.enforced(
                    r.construct.clone(),
                    Some(r.span),
                    "outside every mapped folder: invisible to the VM",
                ),
            }
        }
        let net = &policy.network;
        for rule in &net.rules {
            cx.gap(
                codes::WSB_UNSUPPORTED,
                rule.origin.to_string(),
                Some(rule.span),
                format!(
                    "Windows Sandbox cannot filter traffic; `{}` cannot be enforced",
                    rule.origin
                ),
                "use the processcontainer targets for egress rules",
                &[],
            );
        }
        for host in &net.host_names {
            cx.gap(
                codes::WSB_UNSUPPORTED,
                host.origin.to_string(),
                Some(host.span),
                format!(
                    "Windows Sandbox cannot filter host names; `{}` cannot be enforced",
                    host.name
                ),
                "use a filtering proxy",
                &[],
            );
        }
        let networking = net.egress_default.value == Action::Allow && net.rules.is_empty();
        cx.enforced(
            "network.egress.default",
            net.egress_default.span,
            if networking {
                "Networking Enable (NAT)"
            } else {
                "Networking Disable"
            },
        );
        if net.ingress_default.value == Action::Allow {
            cx.approximated(
                codes::WSB_UNSUPPORTED,
                "network.ingress.default",
                net.ingress_default.span,
                "the VM sits behind NAT: inbound connections cannot reach it".to_owned(),
                "nothing to do unless the command must accept connections",
            );
        }
        if net.host_loopback.value == Action::Allow || net.proxy.is_some() {
            cx.approximated(
                codes::WSB_UNSUPPORTED,
                "network.ingress.hostLoopback",
                net.host_loopback.span.or(net.span),
                "the host loopback (and a proxy on it) is unreachable from the VM".to_owned(),
                "run the proxy on an address the VM can reach",
            );
        }
        let clipboard = policy.ui.clipboard.value == Clipboard::All;
        match policy.ui.clipboard.value {
            Clipboard::Read | Clipboard::Write => cx.approximated(
                codes::WSB_UNSUPPORTED,
                "ui.clipboard",
                policy.ui.clipboard.span,
                format!("Windows Sandbox redirects the clipboard both ways or not at all; `{}` is disabled", policy.ui.clipboard.value.as_str()),
                "use `all` if both directions are acceptable",
            ),
            _ => cx.enforced("ui.clipboard", policy.ui.clipboard.span, "ClipboardRedirection"),
        }
        cx.enforced(
            "ui.disable",
            policy.ui.disable.span,
            "windows stay inside the VM",
        );
        let command = policy
            .process
            .command_line
            .as_ref()
            .map(|c| c.value.clone());
        if !policy.process.env.is_empty()
            || policy.process.cwd.is_some()
            || policy.process.timeout.value != 0
        {
            cx.approximated(
                codes::WSB_UNSUPPORTED,
                "process",
                policy.process.span,
                "`.wsb` cannot set `env`, `cwd` or `timeout`: the logon command sees the guest's default environment, and the executor must enforce the timeout".to_owned(),
                "wrap the command in a script inside a mapped folder",
            );
        }
        let plan = Plan {
            mapped,
            networking,
            clipboard,
            command,
        };
        let mut files = BTreeMap::new();
        files.insert(FILE, render(&plan).into_bytes());
        let assumptions = vec![
            "mapped host folders exist and are directories".to_owned(),
            "the executor ends the VM when the command exits or the timeout elapses".to_owned(),
        ];
        if cx.options.baseline == crate::context::Baseline::Mxc {
            cx.compat_grant(
                codes::WSB_GUEST,
                "baseline",
                None,
                "the VM runs a full Windows image of its own (not host files)".to_owned(),
                "nothing to do: guest files are disposable",
            );
        }
        Some(Artifact {
            target: TargetId::Wsb,
            format_version: FORMAT_VERSION,
            files,
            assumptions,
            plan: ArtifactPlan::Wsb(plan),
        })
    }

    fn model(&self, artifact: &Artifact) -> ArtifactModel {
        let ArtifactPlan::Wsb(plan) = &artifact.plan else {
            return ArtifactModel::unconstrained("wsb");
        };
        let rules: Vec<FsModelRule> = plan
            .mapped
            .iter()
            .enumerate()
            .map(|(i, m)| FsModelRule {
                path: m.host.clone(),
                matching: PathMatch::Subtree,
                ops: if m.read_only {
                    FsOps::READ_ONLY
                } else {
                    FsOps::ALL
                },
                allow: true,
                tier: 0,
                origin: format!("{FILE}:MappedFolder[{i}]"),
            })
            .collect();
        let loopback: Vec<NetModelRule> = appcontainer::loopback()
            .iter()
            .map(|c| NetModelRule {
                family: Some(c.family),
                protocol: None,
                cidr: Some(*c),
                ports: None,
                action: Action::Deny,
                origin: "host loopback (another machine)".to_owned(),
            })
            .collect();
        let egress_default = if plan.networking {
            Action::Allow
        } else {
            Action::Deny
        };
        ArtifactModel {
            target: "wsb",
            fs: Domain::Enforced(FsModel::Ordered {
                rules,
                default: FsOps::NONE,
            }),
            net: Domain::Enforced(NetModel {
                egress: NetChain {
                    rules: loopback,
                    default: egress_default,
                },
                ingress: NetChain {
                    rules: Vec::new(),
                    default: Action::Deny,
                },
                proxy_reachable: false,
            }),
            ui: Domain::Enforced(UiModel {
                create_window: false,
                clipboard_read: plan.clipboard,
                clipboard_write: plan.clipboard,
                inject_input: false,
            }),
        }
    }
}

fn render(plan: &Plan) -> String {
    let on = |b: bool| if b { "Enable" } else { "Disable" };
    let mut out = String::new();
    out.push_str(&format!(
        "<!-- mxcc sandbox.wsb format {FORMAT_VERSION} -->\n<Configuration>\n"
    ));
    out.push_str("  <vGPU>Disable</vGPU>\n");
    out.push_str(&format!(
        "  <Networking>{}</Networking>\n",
        on(plan.networking)
    ));
    if !plan.mapped.is_empty() {
        out.push_str("  <MappedFolders>\n");
        for m in &plan.mapped {
            out.push_str("    <MappedFolder>\n");
            out.push_str(&format!(
                "      <HostFolder>{}</HostFolder>\n",
                xml_escape(&m.host.display)
            ));
            out.push_str(&format!(
                "      <SandboxFolder>{}</SandboxFolder>\n",
                xml_escape(&m.guest)
            ));
            out.push_str(&format!("      <ReadOnly>{}</ReadOnly>\n", m.read_only));
            out.push_str("    </MappedFolder>\n");
        }
        out.push_str("  </MappedFolders>\n");
    }
    if let Some(cmd) = &plan.command {
        out.push_str(&format!(
            "  <LogonCommand>\n    <Command>{}</Command>\n  </LogonCommand>\n",
            xml_escape(cmd)
        ));
    }
    out.push_str("  <AudioInput>Disable</AudioInput>\n");
    out.push_str("  <VideoInput>Disable</VideoInput>\n");
    out.push_str("  <ProtectedClient>Enable</ProtectedClient>\n");
    out.push_str("  <PrinterRedirection>Disable</PrinterRedirection>\n");
    out.push_str(&format!(
        "  <ClipboardRedirection>{}</ClipboardRedirection>\n",
        on(plan.clipboard)
    ));
    out.push_str("</Configuration>\n");
    out
}
