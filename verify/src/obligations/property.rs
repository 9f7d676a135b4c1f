//! Properties: the policy never grants a forbidden request.
//!
//! Each property is a forbidden set F written as a model. The asserts are
//! `domain(r) ∧ allowed_POLICY(r) ∧ F(r)`: unsatisfiable iff the property holds.

use ir::model::{
    Domain, FsModel, FsModelRule, FsOps, NetChain, NetModel, NetModelRule, PathMatch, UiModel,
};
use ir::{Action, CanonPath, Platform, UiOp};

use crate::properties::{Property, PropertyKind};
use crate::side::Model;
use crate::space::Dim;

/// The forbidden set of a property and the domain it lives in, or why it cannot be encoded.
pub fn forbidden(property: &Property, platform: Platform) -> Result<(Model, Dim), String> {
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
            return Err(format!(
                "file-name patterns such as `{name}` are not supported by the encoding yet"
            ));
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
