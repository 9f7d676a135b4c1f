//! A stable text form of a policy, for snapshots and `--dump-ir`. Not a serialisation format:
//! it is for people and diffs, and may change between releases.

use std::fmt::Write as _;

use crate::net::{Network, PortSelector, ProtocolSelector};
use crate::policy::Policy;
use crate::spanned::Setting;

/// Renders a policy with every setting marked `(default)` when MXC's default applies.
pub fn print(policy: &Policy) -> String {
    let mut out = String::new();
    let version = policy
        .version
        .as_ref()
        .map_or("(absent)", |v| v.raw.as_str());
    let _ = writeln!(
        out,
        "platform {} backend {} version {}",
        policy.platform,
        policy.backend().as_str(),
        version
    );
    if let Some(phase) = &policy.phase {
        let _ = writeln!(out, "phase {}", phase.value.as_str());
    }
    if let Some(id) = &policy.container_id {
        let _ = writeln!(out, "containerId {:?}", id.value);
    }
    if let Some(id) = &policy.sandbox_id {
        let _ = writeln!(out, "sandboxId {:?}", id.value);
    }
    for rule in &policy.filesystem.rules {
        let _ = write!(
            out,
            "fs {:<9} {}",
            rule.access.list_name().trim_end_matches("Paths"),
            rule.path.display
        );
        if rule.raw != rule.path.display {
            let _ = write!(out, "   (written {:?})", rule.raw);
        }
        out.push('\n');
    }
    print_network(&policy.network, &mut out);
    let ui = &policy.ui;
    let _ = writeln!(
        out,
        "ui disable={} clipboard={} injection={}",
        setting(&ui.disable, |b| b.to_string()),
        setting(&ui.clipboard, |c| c.as_str().to_owned()),
        setting(&ui.injection, |b| b.to_string()),
    );
    let p = &policy.process;
    if let Some(cmd) = &p.command_line {
        let _ = writeln!(out, "process command {:?}", cmd.value);
    }
    if let Some(cwd) = &p.cwd {
        let _ = writeln!(out, "process cwd {}", cwd.value.display);
    }
    for e in &p.env {
        match &e.name {
            Some(name) => {
                let _ = writeln!(out, "process env {name}");
            }
            None => {
                let _ = writeln!(out, "process env (skipped by backends) {:?}", e.raw);
            }
        }
    }
    let _ = writeln!(
        out,
        "process timeout {}",
        setting(&p.timeout, |t| if *t == 0 {
            "unlimited".to_owned()
        } else {
            format!("{t}ms")
        })
    );
    out
}

fn print_network(net: &Network, out: &mut String) {
    let _ = writeln!(
        out,
        "net shape={:?} egress.default={} ingress.default={} hostLoopback={}",
        net.shape,
        setting(&net.egress_default, |a| a.as_str().to_owned()),
        setting(&net.ingress_default, |a| a.as_str().to_owned()),
        setting(&net.host_loopback, |a| a.as_str().to_owned()),
    );
    for rule in &net.rules {
        let to = match &rule.to {
            None => "any".to_owned(),
            Some(peers) => peers
                .iter()
                .map(|p| {
                    let mut s = p.cidr.to_string();
                    for (e, _) in &p.except {
                        let _ = write!(s, " except {e}");
                    }
                    s
                })
                .collect::<Vec<_>>()
                .join(", "),
        };
        let ports = match &rule.ports {
            None => "any".to_owned(),
            Some(sels) => sels
                .iter()
                .map(port_selector)
                .collect::<Vec<_>>()
                .join(", "),
        };
        let _ = writeln!(
            out,
            "net {} to [{to}] ports [{ports}]   ({})",
            rule.action.as_str(),
            rule.origin
        );
    }
    for h in &net.host_names {
        let _ = writeln!(
            out,
            "net {} host {}   ({})",
            h.action.as_str(),
            h.name,
            h.origin
        );
    }
    if let Some(proxy) = &net.proxy {
        let _ = writeln!(
            out,
            "net proxy {:?} {}://{}:{}",
            proxy.kind, proxy.scheme, proxy.host, proxy.port
        );
    }
}

fn port_selector(s: &PortSelector) -> String {
    let proto = match s.protocol {
        ProtocolSelector::Any => "any",
        ProtocolSelector::Tcp => "tcp",
        ProtocolSelector::Udp => "udp",
        ProtocolSelector::Icmp => "icmp",
    };
    match s.range {
        None => proto.to_owned(),
        Some((lo, hi)) if lo == hi => format!("{proto}/{lo}"),
        Some((lo, hi)) => format!("{proto}/{lo}-{hi}"),
    }
}

fn setting<T>(s: &Setting<T>, show: impl Fn(&T) -> String) -> String {
    if s.is_explicit() {
        show(&s.value)
    } else {
        format!("{}(default)", show(&s.value))
    }
}
