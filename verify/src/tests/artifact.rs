//! `validate_artifact`: soundness must hold; completeness gaps come with witnesses.

use ir::model::{
    ArtifactModel, Domain, FsLayer, FsLayerRule, FsModel, FsModelRule, FsOps, NetChain, NetModel,
    NetModelRule, PathMatch,
};
use ir::{Action, CanonPath, Family, Platform, Protocol};

use super::fixture::{policy, render_outcome};
use crate::{ArtifactReport, Engine, Options, validate_artifact, validate_composition};

fn p(s: &str) -> CanonPath {
    CanonPath::parse(s, Platform::Linux.path_style()).path
}

fn check(name: &str, text: &str, model: &ArtifactModel) {
    let pol = policy(0, text);
    let report = validate_artifact(
        &pol,
        model,
        &Options {
            engine: Engine::Both,
            ..Options::default()
        },
    );
    render(name, text, &report);
}

fn check_all(name: &str, text: &str, models: &[ArtifactModel]) {
    let pol = policy(0, text);
    let report = validate_composition(
        &pol,
        models,
        &Options {
            engine: Engine::Both,
            ..Options::default()
        },
    );
    let fast = validate_composition(
        &pol,
        models,
        &Options {
            engine: Engine::Intervals,
            ..Options::default()
        },
    );
    assert_eq!(fast, report, "the engines disagree on the composition");
    render(name, text, &report);
}

fn render(name: &str, text: &str, report: &ArtifactReport) {
    let files = [("policy", text)];
    assert!(
        report.internal_errors.is_empty(),
        "{:?}",
        report.internal_errors
    );
    let mut out = format!("target {}\nsoundness:\n", report.target);
    render_outcome(&mut out, &files, &report.soundness);
    out.push_str("completeness:\n");
    render_outcome(&mut out, &files, &report.completeness);
    for (dim, why) in &report.not_applicable {
        out.push_str(&format!("not applicable: {} ({why})\n", dim.as_str()));
    }
    insta::assert_snapshot!(name, out);
}

const POLICY: &str = "ro /usr
rw /home/u/work
deny /home/u/work/secret
allow 10.0.0.0/8 tcp 443
allow 192.0.2.0/24 udp 53";

#[test]
fn landlock_without_deny_is_unsound_and_ignores_network() {
    let model = ArtifactModel {
        target: "landlock",
        fs: Domain::Enforced(FsModel::Layers(vec![FsLayer {
            handled: FsOps::ALL,
            rules: vec![
                FsLayerRule {
                    path: p("/usr"),
                    ops: FsOps::READ_ONLY,
                    origin: "rule 0".to_owned(),
                },
                FsLayerRule {
                    path: p("/home/u/work"),
                    ops: FsOps::ALL,
                    origin: "rule 1".to_owned(),
                },
            ],
        }])),
        net: Domain::Enforced(NetModel {
            egress: NetChain {
                rules: vec![NetModelRule {
                    family: None,
                    protocol: Some(Protocol::Tcp),
                    cidr: None,
                    ports: Some((443, 443)),
                    action: Action::Allow,
                    origin: "net 0".to_owned(),
                }],
                default: Action::Deny,
            },
            ingress: NetChain {
                rules: Vec::new(),
                default: Action::Deny,
            },
            proxy_reachable: false,
        }),
        ui: Domain::NotApplicable("headless".to_owned()),
    };
    check("landlock_unsound", POLICY, &model);
}

#[test]
fn ordered_mounts_and_chain_are_exact() {
    let rule = |path: &str, ops: FsOps, allow: bool, matching: PathMatch| FsModelRule {
        path: p(path),
        matching,
        ops,
        allow,
        tier: 0,
        origin: path.to_owned(),
    };
    let model = ArtifactModel {
        target: "bwrap",
        fs: Domain::Enforced(FsModel::Ordered {
            rules: vec![
                rule("/usr", FsOps::READ_ONLY, true, PathMatch::Subtree),
                rule("/home/u/work", FsOps::ALL, true, PathMatch::Subtree),
                rule("/home/u/work/secret", FsOps::ALL, false, PathMatch::Subtree),
                rule(
                    "/home/u/wo",
                    FsOps::READ_ONLY,
                    true,
                    PathMatch::StringPrefix,
                ),
            ],
            default: FsOps::NONE,
        }),
        net: Domain::Enforced(NetModel {
            egress: NetChain {
                rules: vec![
                    NetModelRule {
                        family: Some(Family::V4),
                        protocol: Some(Protocol::Tcp),
                        cidr: ir::Cidr::parse("10.0.0.0/8").ok(),
                        ports: Some((443, 443)),
                        action: Action::Allow,
                        origin: "n0".to_owned(),
                    },
                    NetModelRule {
                        family: None,
                        protocol: Some(Protocol::Udp),
                        cidr: ir::Cidr::parse("192.0.2.0/24").ok(),
                        ports: Some((53, 53)),
                        action: Action::Allow,
                        origin: "n1".to_owned(),
                    },
                ],
                default: Action::Deny,
            },
            ingress: NetChain {
                rules: Vec::new(),
                default: Action::Deny,
            },
            proxy_reachable: false,
        }),
        ui: Domain::Unconstrained,
    };
    check("ordered_prefix", POLICY, &model);
}

fn deny_all_net(target: &'static str) -> ArtifactModel {
    let chain = NetChain {
        rules: Vec::new(),
        default: Action::Deny,
    };
    ArtifactModel {
        target,
        fs: Domain::Unconstrained,
        net: Domain::Enforced(NetModel {
            egress: chain.clone(),
            ingress: chain,
            proxy_reachable: false,
        }),
        ui: Domain::NotApplicable(format!("{target} does not mediate ui")),
    }
}

fn fs_only(target: &'static str, rules: &[(&str, FsOps)]) -> ArtifactModel {
    ArtifactModel {
        target,
        fs: Domain::Enforced(FsModel::Layers(vec![FsLayer {
            handled: FsOps::ALL,
            rules: rules
                .iter()
                .map(|(path, ops)| FsLayerRule {
                    path: p(path),
                    ops: *ops,
                    origin: (*path).to_owned(),
                })
                .collect(),
        }])),
        net: Domain::Unconstrained,
        ui: Domain::NotApplicable(format!("{target} does not mediate ui")),
    }
}

#[test]
fn composition_intersects_partial_enforcers() {
    // Alone, the seccomp-like model leaves the filesystem open and the landlock-like model the
    // network; together the only unsound cell is the deny landlock cannot express.
    check_all(
        "composition_partial",
        "ro /usr
rw /home/u/work
deny /home/u/work/secret",
        &[
            fs_only(
                "landlock",
                &[("/usr", FsOps::READ_ONLY), ("/home/u/work", FsOps::ALL)],
            ),
            deny_all_net("seccomp"),
        ],
    );
}

#[test]
fn composition_with_tilde_and_no_domain() {
    check_all(
        "composition_tilde",
        "rw /home
deny ~/.ssh",
        &[
            fs_only("landlock", &[("/home", FsOps::ALL)]),
            fs_only("bwrap", &[("/", FsOps::ALL)]),
        ],
    );
    check_all("composition_empty", "ro /usr", &[]);
}
