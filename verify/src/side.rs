//! One side of a query: a policy under a semantics, or a model (an artifact's, or the forbidden
//! set of a property), with its concrete evaluator.

use ir::model::{Domain, FsModel, NetModel, PathMatch, UiModel};
use ir::{Action, CanonPath, Decision, Endpoint, Mode, Policy, Request};

/// The set of requests a property forbids, or what an artifact allows, in model vocabulary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Model {
    pub fs: Domain<FsModel>,
    pub net: Domain<NetModel>,
    pub ui: Domain<UiModel>,
    /// Environment variable names that are visible.
    pub env: Domain<Vec<String>>,
    /// Run times (milliseconds) strictly above this bound are allowed.
    pub run_above: Domain<u64>,
}

impl Model {
    /// A model with every domain not applicable.
    pub fn nothing(reason: &str) -> Model {
        Model {
            fs: Domain::NotApplicable(reason.to_owned()),
            net: Domain::NotApplicable(reason.to_owned()),
            ui: Domain::NotApplicable(reason.to_owned()),
            env: Domain::NotApplicable(reason.to_owned()),
            run_above: Domain::NotApplicable(reason.to_owned()),
        }
    }

    /// The model of an artifact (artifacts say nothing about env or run time).
    pub fn of_artifact(a: &ir::model::ArtifactModel) -> Model {
        let na = |what: &str| format!("{} does not model {what}", a.target);
        Model {
            fs: a.fs.clone(),
            net: a.net.clone(),
            ui: a.ui.clone(),
            env: Domain::NotApplicable(na("environment variables")),
            run_above: Domain::NotApplicable(na("run time")),
        }
    }
}

/// One side of a comparison.
#[derive(Clone, Copy, Debug)]
pub enum Side<'a> {
    Policy {
        policy: &'a Policy,
        mode: Mode,
    },
    Model(&'a Model),
    /// Several artifacts applied together: a request is allowed iff every model that speaks
    /// about its domain allows it (`Unconstrained` allows everything, so it contributes
    /// nothing); the domain is not applicable when no model speaks about it.
    All(&'a [Model]),
}

impl Side<'_> {
    /// Concretely decides a request; `None` when the side does not cover the request's domain.
    pub fn allows(&self, request: &Request) -> Option<bool> {
        match self {
            Side::Policy { policy, mode } => Some(ir::decide(policy, request, *mode).allowed),
            Side::Model(m) => model_allows(m, request),
            Side::All(ms) => {
                let mut out = None;
                for m in *ms {
                    if let Some(a) = model_allows(m, request) {
                        out = Some(out.unwrap_or(true) && a);
                    }
                }
                out
            }
        }
    }

    /// The policy's decision (with its cause), for blame.
    pub fn decision(&self, request: &Request) -> Option<(Decision, &Policy)> {
        match self {
            Side::Policy { policy, mode } => Some((ir::decide(policy, request, *mode), policy)),
            Side::Model(_) | Side::All(_) => None,
        }
    }

    /// Subtree and exact path literals (for regions).
    pub fn fs_literals(&self, out: &mut Vec<CanonPath>, prefixes: &mut Vec<CanonPath>) {
        match self {
            Side::Policy { policy, .. } => {
                out.extend(policy.filesystem.rules.iter().map(|r| r.path.clone()));
            }
            Side::Model(m) => {
                if let Domain::Enforced(fs) = &m.fs {
                    fs_model_literals(fs, out, prefixes);
                }
            }
            Side::All(ms) => {
                for m in *ms {
                    Side::Model(m).fs_literals(out, prefixes);
                }
            }
        }
    }

    /// The models of a model side (one, or all of a composition); empty for a policy.
    pub fn models(&self) -> &[Model] {
        match self {
            Side::Policy { .. } => &[],
            Side::Model(m) => std::slice::from_ref(*m),
            Side::All(ms) => ms,
        }
    }
}

fn fs_model_literals(fs: &FsModel, out: &mut Vec<CanonPath>, prefixes: &mut Vec<CanonPath>) {
    match fs {
        FsModel::Ordered { rules, .. } => {
            for r in rules {
                match r.matching {
                    PathMatch::StringPrefix => prefixes.push(r.path.clone()),
                    PathMatch::Subtree | PathMatch::Literal => out.push(r.path.clone()),
                }
            }
        }
        FsModel::Layers(layers) => {
            out.extend(
                layers
                    .iter()
                    .flat_map(|l| l.rules.iter().map(|r| r.path.clone())),
            );
        }
        FsModel::All(models) => {
            for m in models {
                fs_model_literals(m, out, prefixes);
            }
        }
    }
}

fn domain_allows<T>(d: &Domain<T>, f: impl FnOnce(&T) -> bool) -> Option<bool> {
    match d {
        Domain::Enforced(t) => Some(f(t)),
        Domain::Unconstrained => Some(true),
        Domain::NotApplicable(_) => None,
    }
}

fn model_allows(m: &Model, request: &Request) -> Option<bool> {
    match request {
        Request::Fs { op, path } => domain_allows(&m.fs, |fs| fs.allows(*op, path)),
        Request::Net {
            direction,
            protocol,
            endpoint,
            port,
        } => domain_allows(&m.net, |net| {
            net.allows(*direction, *protocol, *endpoint, *port)
        }),
        Request::Ui(op) => domain_allows(&m.ui, |ui| ui.allows(*op)),
        Request::Env { name } => domain_allows(&m.env, |names| names.iter().any(|n| n == name)),
        Request::Run { millis } => domain_allows(&m.run_above, |above| millis > above),
    }
}

/// The policy's egress default as a boolean.
pub fn allows_default(a: Action) -> bool {
    a == Action::Allow
}

/// True when the endpoint is the proxy.
pub fn is_proxy(e: &Endpoint) -> bool {
    matches!(e, Endpoint::Proxy)
}
