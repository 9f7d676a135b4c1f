//! The reference semantics: `decide(policy, request, mode)`.
//!
//! This evaluator is deliberately small and direct. Every other component (lints, the SMT
//! encoding, every backend model) is tested against it, never the other way round.

use std::net::IpAddr;

use crate::fs::{FsAccess, FsOp, FsRule};
use crate::net::{Action, NetRule, PROXY_ENV_VARS, Protocol, canonical_ip, is_loopback};
use crate::path::CanonPath;
use crate::policy::{Clipboard, Policy};
use crate::span::Span;

/// Which of the two policy semantics applies.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Mode {
    /// MXC-compatible: for filesystem, the deepest listed ancestor-or-self decides and the same
    /// path in several lists resolves `denied > readonly > readwrite`; for network, deny beats
    /// allow and `except` falls through to the default.
    #[default]
    Mxc,
    /// Deny-overrides everywhere: any matching deny wins, wherever it sits.
    Strict,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Direction {
    Egress,
    Ingress,
}

/// Where a network request goes (egress) or comes from (ingress).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Endpoint {
    /// An address; host loopback addresses (`127.0.0.0/8`, `::1`) mean services on the host.
    Ip(IpAddr),
    /// The configured proxy endpoint, whatever its address.
    Proxy,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum UiOp {
    CreateWindow,
    ClipboardRead,
    ClipboardWrite,
    InjectInput,
}

/// A concrete access the sandboxed process may attempt.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Request {
    Fs {
        op: FsOp,
        path: CanonPath,
    },
    Net {
        direction: Direction,
        protocol: Protocol,
        endpoint: Endpoint,
        port: u16,
    },
    Ui(UiOp),
    /// The process sees this environment variable.
    Env {
        name: String,
    },
    /// The process keeps running for this many milliseconds.
    Run {
        millis: u64,
    },
}

/// What decided a request: the rule or setting responsible, with its span when it is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cause {
    /// A filesystem rule (index into `policy.filesystem.rules`).
    FsRule(usize),
    /// No filesystem rule is an ancestor-or-self of the path.
    NoFsRule,
    /// A network rule (index into `policy.network.rules`).
    NetRule(usize),
    EgressDefault,
    IngressDefault,
    HostLoopback,
    ProxyEndpoint,
    NoProxy,
    UiDisable,
    Clipboard,
    Injection,
    /// An env entry (index into `policy.process.env`).
    EnvEntry(usize),
    /// A proxy variable the backend sets.
    ProxyEnv,
    EnvAbsent,
    Timeout,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    pub allowed: bool,
    pub cause: Cause,
}

impl Decision {
    fn new(allowed: bool, cause: Cause) -> Decision {
        Decision { allowed, cause }
    }

    /// The span of the rule or setting responsible, when the policy spells it out.
    pub fn span(&self, policy: &Policy) -> Option<Span> {
        match self.cause {
            Cause::FsRule(i) => policy.filesystem.rules.get(i).map(|r| r.span),
            Cause::NetRule(i) => policy.network.rules.get(i).map(|r| r.span),
            Cause::EgressDefault => policy.network.egress_default.span,
            Cause::IngressDefault => policy.network.ingress_default.span,
            Cause::HostLoopback => policy.network.host_loopback.span,
            Cause::ProxyEndpoint => policy.network.proxy.as_ref().map(|p| p.span),
            Cause::UiDisable => policy.ui.disable.span,
            Cause::Clipboard => policy.ui.clipboard.span,
            Cause::Injection => policy.ui.injection.span,
            Cause::EnvEntry(i) => policy.process.env.get(i).map(|e| e.span),
            Cause::Timeout => policy.process.timeout.span,
            Cause::NoFsRule | Cause::NoProxy | Cause::ProxyEnv | Cause::EnvAbsent => None,
        }
    }
}

/// Decides one request under one semantics.
pub fn decide(policy: &Policy, request: &Request, mode: Mode) -> Decision {
    match request {
        Request::Fs { op, path } => decide_fs(&policy.filesystem.rules, *op, path, mode),
        Request::Net {
            direction,
            protocol,
            endpoint,
            port,
        } => decide_net(policy, *direction, *protocol, *endpoint, *port),
        Request::Ui(op) => decide_ui(policy, *op),
        Request::Env { name } => decide_env(policy, name),
        Request::Run { millis } => {
            let limit = policy.process.timeout.value;
            Decision::new(limit == 0 || *millis <= u64::from(limit), Cause::Timeout)
        }
    }
}

/// Filesystem decision over a rule list (exposed for backend models that reuse it).
pub fn decide_fs(rules: &[FsRule], op: FsOp, path: &CanonPath, mode: Mode) -> Decision {
    match mode {
        Mode::Mxc => {
            // The deepest ancestor-or-self literal decides; among rules on that same literal the
            // most restrictive access wins.
            let mut best: Option<(usize, usize, FsAccess)> = None;
            for (i, rule) in rules.iter().enumerate() {
                if !path.starts_with(&rule.path) {
                    continue;
                }
                let depth = rule.path.depth();
                let better = match best {
                    None => true,
                    Some((_, d, a)) => depth > d || (depth == d && rule.access > a),
                };
                if better {
                    best = Some((i, depth, rule.access));
                }
            }
            match best {
                Some((i, _, access)) => Decision::new(access.grants(op), Cause::FsRule(i)),
                None => Decision::new(false, Cause::NoFsRule),
            }
        }
        Mode::Strict => {
            let mut grant = None;
            for (i, rule) in rules.iter().enumerate() {
                if !path.starts_with(&rule.path) {
                    continue;
                }
                if rule.access == FsAccess::Denied {
                    return Decision::new(false, Cause::FsRule(i));
                }
                if rule.access.grants(op) && grant.is_none() {
                    grant = Some(i);
                }
            }
            match grant {
                Some(i) => Decision::new(true, Cause::FsRule(i)),
                None => {
                    // A matching read-only rule denies a write; report it as the cause.
                    let any = rules.iter().position(|r| path.starts_with(&r.path));
                    Decision::new(false, any.map_or(Cause::NoFsRule, Cause::FsRule))
                }
            }
        }
    }
}

fn decide_net(
    policy: &Policy,
    direction: Direction,
    protocol: Protocol,
    endpoint: Endpoint,
    port: u16,
) -> Decision {
    let net = &policy.network;
    let ip = match endpoint {
        Endpoint::Proxy => {
            return match (&net.proxy, direction) {
                (Some(_), Direction::Egress) => {
                    Decision::new(protocol == Protocol::Tcp, Cause::ProxyEndpoint)
                }
                _ => Decision::new(false, Cause::NoProxy),
            };
        }
        Endpoint::Ip(ip) => canonical_ip(ip),
    };
    if is_loopback(ip) {
        // The proxy endpoint is the one sanctioned exception to host-loopback closure.
        if direction == Direction::Egress
            && let Some(proxy) = &net.proxy
            && proxy.is_loopback()
            && proxy.port == port
            && protocol == Protocol::Tcp
        {
            return Decision::new(true, Cause::ProxyEndpoint);
        }
        return Decision::new(
            net.host_loopback.value == Action::Allow,
            Cause::HostLoopback,
        );
    }
    match direction {
        Direction::Ingress => Decision::new(
            net.ingress_default.value == Action::Allow,
            Cause::IngressDefault,
        ),
        Direction::Egress => {
            decide_egress(&net.rules, net.egress_default.value, protocol, ip, port)
        }
    }
}

/// Egress decision over a rule list: deny beats allow, then the default.
pub fn decide_egress(
    rules: &[NetRule],
    default: Action,
    protocol: Protocol,
    ip: IpAddr,
    port: u16,
) -> Decision {
    let ip = canonical_ip(ip);
    let matching = |action: Action| {
        rules
            .iter()
            .position(|r| r.action == action && r.matches(protocol, ip, port))
    };
    if let Some(i) = matching(Action::Deny) {
        return Decision::new(false, Cause::NetRule(i));
    }
    if let Some(i) = matching(Action::Allow) {
        return Decision::new(true, Cause::NetRule(i));
    }
    Decision::new(default == Action::Allow, Cause::EgressDefault)
}

fn decide_ui(policy: &Policy, op: UiOp) -> Decision {
    let ui = &policy.ui;
    match op {
        UiOp::CreateWindow => Decision::new(!ui.disable.value, Cause::UiDisable),
        UiOp::ClipboardRead => Decision::new(
            matches!(ui.clipboard.value, Clipboard::Read | Clipboard::All),
            Cause::Clipboard,
        ),
        UiOp::ClipboardWrite => Decision::new(
            matches!(ui.clipboard.value, Clipboard::Write | Clipboard::All),
            Cause::Clipboard,
        ),
        UiOp::InjectInput => Decision::new(ui.injection.value, Cause::Injection),
    }
}

fn decide_env(policy: &Policy, name: &str) -> Decision {
    if policy.network.proxy.is_some() && PROXY_ENV_VARS.contains(&name) {
        // Backends scrub these from the caller's env and set them to the proxy URL
        // (`NO_PROXY` is scrubbed and never set).
        let set = !name.eq_ignore_ascii_case("NO_PROXY");
        return Decision::new(set, Cause::ProxyEnv);
    }
    let found = policy
        .process
        .env
        .iter()
        .rposition(|e| e.name.as_deref() == Some(name));
    match found {
        Some(i) => Decision::new(true, Cause::EnvEntry(i)),
        None => Decision::new(false, Cause::EnvAbsent),
    }
}

#[cfg(test)]
mod tests;
