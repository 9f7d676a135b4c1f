//! Properties: the policy never grants a forbidden request.
//!
//! Each property is a forbidden set F written as a model. The asserts are
//! `domain(r) ∧ allowed_POLICY(r) ∧ F(r)`: unsatisfiable iff the property holds.
//!
//! A file-name property ("never read a file called `.env` anywhere") forbids an unbounded set
//! of paths, which no finite trie of literals describes. It reduces to finitely many paths
//! exactly: a policy decides a path by which of its literals are ancestors-or-self of the path
//! (deepest literal or deny-overrides), so two paths with the same such literals are decided
//! alike. For every node `v` of the policy's literal trie, `v/NAME` stands for every path
//! called NAME under `v` and under no deeper node; when `v/NAME` is itself a node,
//! `v/FRESH/NAME` (`FRESH` no child of `v`) stands for the deeper ones. One more path under a
//! root no literal mentions covers the rest. F is that finite set of exact paths, so the
//! property holds iff the policy allows none of them, and a refutation is one of them.

use std::collections::{BTreeMap, BTreeSet};

use ir::model::{
    Domain, FsModel, FsModelRule, FsOps, NetChain, NetModel, NetModelRule, PathMatch, UiModel,
};
use ir::{Action, CanonPath, PathStyle, Platform, Policy, Root, UiOp};

use crate::properties::{Property, PropertyKind};
use crate::side::Model;
use crate::space::Dim;

/// The forbidden set of a property against `policy` and the domain it lives in, or why it
/// cannot be encoded.
pub fn forbidden(property: &Property, policy: &Policy) -> Result<(Model, Dim), String> {
    let platform = policy.platform;
    let mut m = Model::nothing("not part of this property");
    let dim = match &property.kind {
        PropertyKind::NeverFs { ops, path } => {
            let path = CanonPath::parse(path, platform.path_style()).path;
            m.fs = Domain::Enforced(FsModel::Ordered {
                rules: vec![FsModelRule {
                    path,
                    matching: PathMatch::Subtree,
                    ops: FsOps::of(ops),
                    allow: true,
                    tier: 0,
                    origin: property.text.clone(),
                }],
                default: FsOps::NONE,
            });
            Dim::Fs
        }
        PropertyKind::NeverEgress { cidr, ports } => {
            m.net = Domain::Enforced(NetModel {
                egress: NetChain {
                    rules: vec![NetModelRule {
                        family: None,
                        protocol: None,
                        cidr: Some(*cidr),
                        ports: *ports,
                        action: Action::Allow,
                        origin: property.text.clone(),
                    }],
                    default: Action::Deny,
                },
                ingress: NetChain {
                    rules: Vec::new(),
                    default: Action::Deny,
                },
                proxy_reachable: false,
            });
            Dim::Net
        }
        PropertyKind::TimeoutAtMost(n) => {
            m.run_above = Domain::Enforced(*n);
            Dim::Run
        }
        PropertyKind::NeverUi(op) => {
            m.ui = Domain::Enforced(UiModel {
                create_window: *op == UiOp::CreateWindow,
                clipboard_read: *op == UiOp::ClipboardRead,
                clipboard_write: *op == UiOp::ClipboardWrite,
                inject_input: *op == UiOp::InjectInput,
            });
            Dim::Ui
        }
        PropertyKind::EnvNeverVisible(name) => {
            m.env = Domain::Enforced(vec![name.clone()]);
            Dim::Env
        }
        PropertyKind::NeverBasename { name } => {
            let rules = basename_witnesses(policy, name)
                .into_iter()
                .map(|path| FsModelRule {
                    path,
                    matching: PathMatch::Literal,
                    ops: FsOps::of(&[ir::FsOp::Read]),
                    allow: true,
                    tier: 0,
                    origin: property.text.clone(),
                })
                .collect();
            m.fs = Domain::Enforced(FsModel::Ordered {
                rules,
                default: FsOps::NONE,
            });
            Dim::Fs
        }
        PropertyKind::Secrets => return Err("the catalogue must be expanded first".to_owned()),
    };
    Ok((m, dim))
}

/// Expands `secrets` into one property per catalogue entry for the platform.
pub fn expand(properties: &[Property], platform: Platform) -> Vec<Property> {
    use crate::catalog::{Secret, for_platform};
    let mut out = Vec::new();
    for p in properties {
        if p.kind != PropertyKind::Secrets {
            out.push(p.clone());
            continue;
        }
        for e in for_platform(platform) {
            let (kind, text) = match e.secret {
                Secret::Path(path) => (
                    PropertyKind::NeverFs {
                        ops: vec![ir::FsOp::Read, ir::FsOp::Write],
                        path: path.to_owned(),
                    },
                    format!("never read or write `{path}` ({})", e.name),
                ),
                Secret::Basename(name) => (
                    PropertyKind::NeverBasename {
                        name: name.to_owned(),
                    },
                    format!("never read `{name}` files ({})", e.name),
                ),
                Secret::Egress(block) => match ir::Cidr::parse(block) {
                    Ok(cidr) => (
                        PropertyKind::NeverEgress { cidr, ports: None },
                        format!("never egress to `{block}` ({})", e.name),
                    ),
                    Err(_) => continue,
                },
            };
            out.push(Property {
                kind,
                text,
                span: p.span,
            });
        }
    }
    out
}

/// Paths called `name` that meet every class of paths the policy tells apart (see the module
/// documentation for why this finite set is exact).
fn basename_witnesses(policy: &Policy, name: &str) -> Vec<CanonPath> {
    let style = policy.platform.path_style();
    let mut nodes: BTreeSet<CanonPath> = BTreeSet::new();
    for rule in &policy.filesystem.rules {
        let mut current = Some(rule.path.clone());
        while let Some(p) = current {
            if nodes.contains(&p) {
                break;
            }
            current = p.parent(style);
            nodes.insert(p);
        }
    }
    let mut children: BTreeMap<&CanonPath, BTreeSet<&str>> = BTreeMap::new();
    let parents: Vec<(CanonPath, &CanonPath)> = nodes
        .iter()
        .filter_map(|n| n.parent(style).map(|p| (p, n)))
        .collect();
    for (parent, child) in &parents {
        if let (Some(parent), Some(last)) = (nodes.get(parent), child.components.last()) {
            children.entry(parent).or_default().insert(last.as_str());
        }
    }
    let named = |dir: &CanonPath| dir.join(name, style);
    let mut out: BTreeSet<CanonPath> = BTreeSet::new();
    for v in &nodes {
        let direct = named(v);
        if nodes.contains(&direct) {
            // `v/NAME` is a node of its own: paths called NAME deeper under `v` need a
            // directory that is no node.
            let taken = children.get(v);
            let fresh = crate::names::fresh("dir", |f| {
                let probe = v.join(f, style);
                let key = probe.components.last().map_or("", String::as_str);
                taken.is_some_and(|t| t.contains(key))
            });
            out.insert(named(&v.join(&fresh, style)));
        }
        out.insert(direct);
    }
    if let Some(root) = unmentioned_root(style, &nodes) {
        out.insert(named(&root));
    }
    out.into_iter().collect()
}

/// A root directory no literal is under, when there is one.
fn unmentioned_root(style: PathStyle, nodes: &BTreeSet<CanonPath>) -> Option<CanonPath> {
    let used: BTreeSet<&Root> = nodes.iter().map(|n| &n.root).collect();
    let candidates: Vec<String> = if style.windows {
        ('C'..='Z').map(|d| format!("{d}:\\")).collect()
    } else {
        vec!["/".to_owned()]
    };
    candidates
        .iter()
        .map(|raw| CanonPath::parse(raw, style).path)
        .find(|root| !used.contains(&root.root))
}
