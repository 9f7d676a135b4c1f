//! The encoder: each side of a query as a term over one symbolic request per domain.
//!
//! This is the second implementation of the semantics (the first is `ir::decide`), kept small
//! on purpose. Filesystem requests are an operation and a region id; a subtree rule is one
//! interval of region ids. Network requests are a direction, an endpoint kind, a family, a
//! 32-bit and a 128-bit address, a 16-bit port and a protocol. Only booleans and bit-vectors.

use ir::model::{Domain, FsModel, NetChain, NetModel, NetModelRule, PathMatch, UiModel};
use ir::{
    Action, Cidr, Family, FsAccess, FsOp, Mode, NetRule, Policy, PortSelector, Protocol,
    ProtocolSelector,
};

use crate::netspace::{LOOPBACK_V4, MAPPED};
use crate::side::{Model, Side};
use crate::slice::Focus;
use crate::space::{Dim, Space, UI_OPS};
use crate::term::{Term, Terms};

/// The names of the request variables.
pub mod var {
    pub const FS_OP: &str = "fs_op";
    pub const FS_REGION: &str = "fs_region";
    pub const NET_EGRESS: &str = "net_egress";
    pub const NET_PROXY: &str = "net_proxy";
    pub const NET_V6: &str = "net_v6";
    pub const NET_A4: &str = "net_a4";
    pub const NET_A6: &str = "net_a6";
    pub const NET_PORT: &str = "net_port";
    pub const NET_PROTO: &str = "net_proto";
    pub const UI_OP: &str = "ui_op";
    pub const ENV_ATOM: &str = "env_atom";
    pub const RUN_MILLIS: &str = "run_millis";
}

pub fn fs_op_index(op: FsOp) -> u128 {
    match op {
        FsOp::Read => 0,
        FsOp::Write => 1,
        FsOp::Execute => 2,
        FsOp::Metadata => 3,
    }
}

pub fn proto_index(p: Protocol) -> u128 {
    match p {
        Protocol::Tcp => 0,
        Protocol::Udp => 1,
        Protocol::Icmp => 2,
    }
}

fn width_for(n: usize) -> u32 {
    let n = n.max(2) as u128 - 1;
    (128 - n.leading_zeros()).max(1)
}

/// The symbolic request of a query and the encoder state.
pub struct Encoder<'s> {
    pub terms: Terms,
    pub space: &'s Space,
    /// Where the question can have answers; policy rules outside it are not encoded.
    pub focus: Focus,
}

impl<'s> Encoder<'s> {
    pub fn new(space: &'s Space) -> Encoder<'s> {
        Encoder {
            terms: Terms::new(),
            space,
            focus: Focus::default(),
        }
    }

    /// The requests of one domain inside the focus.
    pub fn focus(&mut self, dim: Dim) -> Term {
        match dim {
            Dim::Fs => match self.focus.fs.clone() {
                Some(intervals) => {
                    let x = self.fs_region();
                    let parts: Vec<Term> = intervals
                        .into_iter()
                        .map(|(lo, hi)| self.terms.in_range(x, lo as u128, hi as u128))
                        .collect();
                    self.terms.or(parts)
                }
                None => self.terms.tt(),
            },
            Dim::Net => match self.focus.net.clone() {
                Some(rules) => {
                    let parts: Vec<Term> = rules.iter().map(|r| self.policy_rule(r)).collect();
                    self.terms.or(parts)
                }
                None => self.terms.tt(),
            },
            Dim::Ui | Dim::Env | Dim::Run => self.terms.tt(),
        }
    }

    /// Whether a policy's rule on this literal can matter inside the focus.
    fn keeps_literal(&self, path: &ir::CanonPath) -> bool {
        self.space
            .regions
            .subtree(path)
            .is_some_and(|s| self.focus.keeps_subtree(s))
    }

    pub fn fs_op(&mut self) -> Term {
        self.terms.bv_var(var::FS_OP, 2)
    }

    pub fn fs_region(&mut self) -> Term {
        let w = self.space.regions.width();
        self.terms.bv_var(var::FS_REGION, w)
    }

    pub fn op_is(&mut self, op: FsOp) -> Term {
        let v = self.fs_op();
        self.terms.eq_const(v, fs_op_index(op))
    }

    pub fn env_atom(&mut self) -> Term {
        let w = width_for(self.space.env.len());
        self.terms.bv_var(var::ENV_ATOM, w)
    }

    /// Constraints every well-formed request of the domain satisfies.
    pub fn domain(&mut self, dim: Dim) -> Term {
        match dim {
            Dim::Fs => {
                let x = self.fs_region();
                let max = self.space.regions.len() as u128 - 1;
                let _ = self.fs_op();
                self.terms.in_range(x, 0, max)
            }
            Dim::Net => {
                let t = &mut self.terms;
                let v6 = t.bool_var(var::NET_V6);
                let proxy = t.bool_var(var::NET_PROXY);
                let a4 = t.bv_var(var::NET_A4, 32);
                let a6 = t.bv_var(var::NET_A6, 128);
                let port = t.bv_var(var::NET_PORT, 16);
                let proto = t.bv_var(var::NET_PROTO, 2);
                let _ = t.bool_var(var::NET_EGRESS);
                let proto_ok = t.in_range(proto, 0, 2);
                let a4_zero = t.eq_const(a4, 0);
                let a6_zero = t.eq_const(a6, 0);
                let v4_shape = t.implies_not_a6(v6, a6_zero);
                let v6_shape = t.implies(v6, a4_zero);
                let mapped = t.in_range(a6, MAPPED.0, MAPPED.1);
                let not_mapped = t.not(mapped);
                let v6_real = t.implies(v6, not_mapped);
                let icmp = t.eq_const(proto, proto_index(Protocol::Icmp));
                let port_zero = t.eq_const(port, 0);
                let icmp_port = t.implies(icmp, port_zero);
                let nv6 = t.not(v6);
                let proxy_shape_parts = [nv6, a4_zero, a6_zero, port_zero];
                let proxy_shape_all = t.and(proxy_shape_parts);
                let proxy_shape = t.implies(proxy, proxy_shape_all);
                t.and([
                    proto_ok,
                    v4_shape,
                    v6_shape,
                    v6_real,
                    icmp_port,
                    proxy_shape,
                ])
            }
            Dim::Ui => {
                let op = self.terms.bv_var(var::UI_OP, 2);
                self.terms.in_range(op, 0, 3)
            }
            Dim::Env => {
                let a = self.env_atom();
                let max = self.space.env.len() as u128 - 1;
                self.terms.in_range(a, 0, max)
            }
            Dim::Run => {
                let _ = self.terms.bv_var(var::RUN_MILLIS, 64);
                self.terms.tt()
            }
        }
    }

    /// The set of requests of one domain a side allows; `None` when the side does not model it.
    pub fn allowed(&mut self, side: &Side<'_>, dim: Dim) -> Option<Term> {
        match (side, dim) {
            (Side::Policy { policy, mode }, Dim::Fs) => Some(self.policy_fs(policy, *mode)),
            (Side::Policy { policy, .. }, Dim::Net) => Some(self.policy_net(policy)),
            (Side::Policy { policy, .. }, Dim::Ui) => Some(self.policy_ui(policy)),
            (Side::Policy { policy, .. }, Dim::Env) => Some(self.policy_env(policy)),
            (Side::Policy { policy, .. }, Dim::Run) => {
                let limit = policy.process.timeout.value;
                if limit == 0 {
                    Some(self.terms.tt())
                } else {
                    let m = self.terms.bv_var(var::RUN_MILLIS, 64);
                    let l = self.terms.bv(u128::from(limit), 64);
                    Some(self.terms.ule(m, l))
                }
            }
            (Side::Model(m), _) => self.model(m, dim),
            (Side::All(ms), _) => {
                let parts: Vec<Term> = ms.iter().filter_map(|m| self.model(m, dim)).collect();
                if parts.is_empty() {
                    None
                } else {
                    Some(self.terms.and(parts))
                }
            }
        }
    }

    fn model(&mut self, m: &Model, dim: Dim) -> Option<Term> {
        fn open<T>(d: &Domain<T>) -> Option<Option<&T>> {
            match d {
                Domain::Enforced(t) => Some(Some(t)),
                Domain::Unconstrained => Some(None),
                Domain::NotApplicable(_) => None,
            }
        }
        let out = match dim {
            Dim::Fs => open(&m.fs)?.map(|fs| self.fs_model(fs)),
            Dim::Net => open(&m.net)?.map(|net| self.net_model(net)),
            Dim::Ui => open(&m.ui)?.map(|ui| self.ui_model(ui)),
            Dim::Env => open(&m.env)?.map(|names| {
                let atoms: Vec<usize> = self
                    .space
                    .env
                    .iter()
                    .enumerate()
                    .filter(|(_, n)| names.contains(n))
                    .map(|(i, _)| i)
                    .collect();
                self.env_atoms(&atoms)
            }),
            Dim::Run => open(&m.run_above)?.map(|above| {
                let t = &mut self.terms;
                let ms = t.bv_var(var::RUN_MILLIS, 64);
                let a = t.bv(u128::from(*above), 64);
                let le = t.ule(ms, a);
                t.not(le)
            }),
        };
        Some(out.unwrap_or_else(|| self.terms.tt()))
    }

    fn in_subtree(&mut self, path: &ir::CanonPath) -> Term {
        let x = self.fs_region();
        match self.space.regions.subtree(path) {
            Some((lo, hi)) => self.terms.in_range(x, lo as u128, hi as u128),
            None => self.terms.ff(),
        }
    }

    /// The filesystem semantics of a policy, straight from its rules.
    fn policy_fs(&mut self, policy: &Policy, mode: Mode) -> Term {
        let not_write = {
            let w = self.op_is(FsOp::Write);
            self.terms.not(w)
        };
        let grants = |t: &mut Terms, a: FsAccess| match a {
            FsAccess::ReadWrite => t.tt(),
            FsAccess::ReadOnly => not_write,
            FsAccess::Denied => t.ff(),
        };
        match mode {
            Mode::Mxc => {
                // The deepest literal decides; the same literal in several lists resolves to the
                // most restrictive access. Build the ite chain shallowest first, so that the
                // deepest literal ends up outermost.
                let mut lits: Vec<(usize, &ir::CanonPath, FsAccess)> = Vec::new();
                let mut sorted: Vec<&ir::FsRule> = policy
                    .filesystem
                    .rules
                    .iter()
                    .filter(|r| self.keeps_literal(&r.path))
                    .collect();
                sorted.sort_by(|a, b| a.path.cmp(&b.path));
                for r in sorted {
                    match lits.last_mut() {
                        Some(last) if last.1 == &r.path => last.2 = last.2.max(r.access),
                        _ => lits.push((r.path.depth(), &r.path, r.access)),
                    }
                }
                lits.sort_by_key(|(d, _, _)| *d);
                let mut acc = self.terms.ff();
                for (_, path, access) in lits {
                    let m = self.in_subtree(path);
                    let g = grants(&mut self.terms, access);
                    acc = self.terms.ite(m, g, acc);
                }
                acc
            }
            Mode::Strict => {
                let mut allow = Vec::new();
                let mut deny = Vec::new();
                for r in &policy.filesystem.rules {
                    if !self.keeps_literal(&r.path) {
                        continue;
                    }
                    let m = self.in_subtree(&r.path);
                    match r.access {
                        FsAccess::Denied => deny.push(m),
                        a => {
                            let g = grants(&mut self.terms, a);
                            allow.push(self.terms.and([m, g]));
                        }
                    }
                }
                let a = self.terms.or(allow);
                let d = self.terms.or(deny);
                let nd = self.terms.not(d);
                self.terms.and([a, nd])
            }
        }
    }

    fn ops_in(&mut self, ops: ir::model::FsOps) -> Term {
        let parts: Vec<Term> = ops.iter().map(|op| self.op_is(op)).collect();
        self.terms.or(parts)
    }

    fn fs_model(&mut self, fs: &FsModel) -> Term {
        match fs {
            FsModel::Ordered { rules, default } => {
                // Priority: higher tier first, then the later rule; fold lowest priority first.
                let mut order: Vec<(u8, usize)> =
                    rules.iter().enumerate().map(|(i, r)| (r.tier, i)).collect();
                order.sort_unstable();
                let mut acc = self.ops_in(*default);
                for (_, i) in order {
                    let Some(r) = rules.get(i) else { continue };
                    let m = match r.matching {
                        PathMatch::Subtree => self.in_subtree(&r.path),
                        PathMatch::Literal => {
                            let x = self.fs_region();
                            let id = self.space.regions.subtree(&r.path).map(|(lo, _)| lo);
                            match id {
                                Some(id) => self.terms.eq_const(x, id as u128),
                                None => self.terms.ff(),
                            }
                        }
                        PathMatch::StringPrefix => {
                            let x = self.fs_region();
                            let ranges = self.space.regions.string_prefix(&r.path);
                            let parts: Vec<Term> = ranges
                                .into_iter()
                                .map(|(lo, hi)| self.terms.in_range(x, lo as u128, hi as u128))
                                .collect();
                            self.terms.or(parts)
                        }
                    };
                    let ops = self.ops_in(r.ops);
                    let c = self.terms.and([m, ops]);
                    let v = self.terms.bool(r.allow);
                    acc = self.terms.ite(c, v, acc);
                }
                acc
            }
            FsModel::Layers(layers) => {
                let mut all = Vec::new();
                for layer in layers {
                    let handled = self.ops_in(layer.handled);
                    let mut any = Vec::new();
                    for r in &layer.rules {
                        let m = self.in_subtree(&r.path);
                        let ops = self.ops_in(r.ops);
                        any.push(self.terms.and([m, ops]));
                    }
                    let granted = self.terms.or(any);
                    all.push(self.terms.implies(handled, granted));
                }
                self.terms.and(all)
            }
            FsModel::All(models) => {
                let parts: Vec<Term> = models.iter().map(|m| self.fs_model(m)).collect();
                self.terms.and(parts)
            }
        }
    }

    fn proto_is(&mut self, p: Protocol) -> Term {
        let v = self.terms.bv_var(var::NET_PROTO, 2);
        self.terms.eq_const(v, proto_index(p))
    }

    fn in_cidr(&mut self, c: Cidr) -> Term {
        let v6 = self.terms.bool_var(var::NET_V6);
        match c.family {
            Family::V4 => {
                let a4 = self.terms.bv_var(var::NET_A4, 32);
                let r = self.terms.in_range(a4, c.first(), c.last());
                let nv6 = self.terms.not(v6);
                self.terms.and([nv6, r])
            }
            Family::V6 => {
                let a6 = self.terms.bv_var(var::NET_A6, 128);
                let r = self.terms.in_range(a6, c.first(), c.last());
                self.terms.and([v6, r])
            }
        }
    }

    fn port_in(&mut self, lo: u16, hi: u16) -> Term {
        let p = self.terms.bv_var(var::NET_PORT, 16);
        self.terms.in_range(p, u128::from(lo), u128::from(hi))
    }

    fn selector(&mut self, s: &PortSelector) -> Term {
        let icmp = self.proto_is(Protocol::Icmp);
        let proto_ok = match s.protocol {
            ProtocolSelector::Any if s.range.is_none() => self.terms.tt(),
            ProtocolSelector::Any => self.terms.not(icmp),
            ProtocolSelector::Tcp => self.proto_is(Protocol::Tcp),
            ProtocolSelector::Udp => self.proto_is(Protocol::Udp),
            ProtocolSelector::Icmp => icmp,
        };
        let port_ok = match s.range {
            None => self.terms.tt(),
            Some((lo, hi)) => {
                let r = self.port_in(lo, hi);
                self.terms.or([icmp, r])
            }
        };
        self.terms.and([proto_ok, port_ok])
    }

    fn policy_rule(&mut self, r: &NetRule) -> Term {
        let to = match &r.to {
            None => self.terms.tt(),
            Some(peers) => {
                let mut any = Vec::new();
                for p in peers {
                    let inside = self.in_cidr(p.cidr);
                    let ex: Vec<Term> = p.except.iter().map(|(e, _)| self.in_cidr(*e)).collect();
                    let ex = self.terms.or(ex);
                    let nex = self.terms.not(ex);
                    any.push(self.terms.and([inside, nex]));
                }
                self.terms.or(any)
            }
        };
        let ports = match &r.ports {
            None => self.terms.tt(),
            Some(sels) => {
                let parts: Vec<Term> = sels.iter().map(|s| self.selector(s)).collect();
                self.terms.or(parts)
            }
        };
        self.terms.and([to, ports])
    }

    fn loopback(&mut self) -> Term {
        let v6 = self.terms.bool_var(var::NET_V6);
        let a4 = self.terms.bv_var(var::NET_A4, 32);
        let a6 = self.terms.bv_var(var::NET_A6, 128);
        let in4 = self.terms.in_range(a4, LOOPBACK_V4.0, LOOPBACK_V4.1);
        let nv6 = self.terms.not(v6);
        let l4 = self.terms.and([nv6, in4]);
        let one = self.terms.eq_const(a6, 1);
        let l6 = self.terms.and([v6, one]);
        self.terms.or([l4, l6])
    }

    fn policy_net(&mut self, policy: &Policy) -> Term {
        let net = &policy.network;
        let egress = self.terms.bool_var(var::NET_EGRESS);
        let proxy_ep = self.terms.bool_var(var::NET_PROXY);
        let tcp = self.proto_is(Protocol::Tcp);
        let proxy_ok = if net.proxy.is_some() {
            self.terms.and([egress, tcp])
        } else {
            self.terms.ff()
        };
        let lb_open = self.terms.bool(net.host_loopback.value == Action::Allow);
        let lb_proxy = match net.proxy.as_ref().filter(|p| p.is_loopback()) {
            Some(p) => {
                let port = self.port_in(p.port, p.port);
                self.terms.and([egress, port, tcp])
            }
            None => self.terms.ff(),
        };
        let lb = self.terms.or([lb_proxy, lb_open]);
        let mut allow = Vec::new();
        let mut deny = Vec::new();
        for r in &net.rules {
            if !self.focus.keeps_rule(r) {
                continue;
            }
            let m = self.policy_rule(r);
            match r.action {
                Action::Allow => allow.push(m),
                Action::Deny => deny.push(m),
            }
        }
        let a = self.terms.or(allow);
        let d = self.terms.or(deny);
        let nd = self.terms.not(d);
        let default = self.terms.bool(net.egress_default.value == Action::Allow);
        let granted = self.terms.or([a, default]);
        let egress_dec = self.terms.and([nd, granted]);
        let ingress_dec = self.terms.bool(net.ingress_default.value == Action::Allow);
        let is_lb = self.loopback();
        let by_dir = self.terms.ite(egress, egress_dec, ingress_dec);
        let ip = self.terms.ite(is_lb, lb, by_dir);
        self.terms.ite(proxy_ep, proxy_ok, ip)
    }

    fn model_rule(&mut self, r: &NetModelRule) -> Term {
        let v6 = self.terms.bool_var(var::NET_V6);
        let fam = match r.family {
            None => self.terms.tt(),
            Some(Family::V4) => self.terms.not(v6),
            Some(Family::V6) => v6,
        };
        let proto = match r.protocol {
            None => self.terms.tt(),
            Some(p) => self.proto_is(p),
        };
        let cidr = match r.cidr {
            None => self.terms.tt(),
            Some(c) => self.in_cidr(c),
        };
        let ports = match r.ports {
            None => self.terms.tt(),
            Some((lo, hi)) => {
                let icmp = self.proto_is(Protocol::Icmp);
                let ni = self.terms.not(icmp);
                let p = self.port_in(lo, hi);
                self.terms.and([ni, p])
            }
        };
        self.terms.and([fam, proto, cidr, ports])
    }

    fn chain(&mut self, chain: &NetChain) -> Term {
        let mut acc = self.terms.bool(chain.default == Action::Allow);
        for r in chain.rules.iter().rev() {
            let m = self.model_rule(r);
            let v = self.terms.bool(r.action == Action::Allow);
            acc = self.terms.ite(m, v, acc);
        }
        acc
    }

    fn net_model(&mut self, net: &NetModel) -> Term {
        let egress = self.terms.bool_var(var::NET_EGRESS);
        let proxy_ep = self.terms.bool_var(var::NET_PROXY);
        // The proxy endpoint is reached over TCP only, as in the reference semantics.
        let proxy_ok = if net.proxy_reachable {
            let tcp = self.proto_is(Protocol::Tcp);
            self.terms.and(vec![egress, tcp])
        } else {
            self.terms.ff()
        };
        let e = self.chain(&net.egress);
        let i = self.chain(&net.ingress);
        let ip = self.terms.ite(egress, e, i);
        self.terms.ite(proxy_ep, proxy_ok, ip)
    }

    fn ui_ops(&mut self, allowed: [bool; 4]) -> Term {
        let v = self.terms.bv_var(var::UI_OP, 2);
        let parts: Vec<Term> = allowed
            .iter()
            .enumerate()
            .filter(|(_, a)| **a)
            .map(|(i, _)| self.terms.eq_const(v, i as u128))
            .collect();
        self.terms.or(parts)
    }

    fn policy_ui(&mut self, policy: &Policy) -> Term {
        let allowed = UI_OPS.map(|op| ir::decide(policy, &ir::Request::Ui(op), Mode::Mxc).allowed);
        self.ui_ops(allowed)
    }

    fn ui_model(&mut self, ui: &UiModel) -> Term {
        self.ui_ops(UI_OPS.map(|op| ui.allows(op)))
    }

    fn env_atoms(&mut self, atoms: &[usize]) -> Term {
        let a = self.env_atom();
        let parts: Vec<Term> = atoms
            .iter()
            .map(|i| self.terms.eq_const(a, *i as u128))
            .collect();
        self.terms.or(parts)
    }

    fn policy_env(&mut self, policy: &Policy) -> Term {
        let atoms: Vec<usize> = self
            .space
            .env
            .iter()
            .enumerate()
            .filter(|(_, n)| {
                ir::decide(policy, &ir::Request::Env { name: (*n).clone() }, Mode::Mxc).allowed
            })
            .map(|(i, _)| i)
            .collect();
        self.env_atoms(&atoms)
    }
}

impl Terms {
    /// `¬v6 → a6 == 0`.
    fn implies_not_a6(&mut self, v6: Term, a6_zero: Term) -> Term {
        self.or([v6, a6_zero])
    }
}
