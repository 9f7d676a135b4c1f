//! Mutation testing of the compile gate (issue 12): every Linux target's emitted model (and
//! seccomp's bytecode) is mutated one rule at a time (widen a rule, drop a rule, flip an
//! action), and the mutant goes through the same functions `mxcc compile` proves with
//! (`driver::compile::gate`, `driver::compile::seccomp_gate`).
//!
//! A mutant *changes a decision* when a probe request (every path, address and port the models
//! and the policy name, their neighbours and a fixed set of sensitive ones) is decided
//! differently by the mutant than by the emitted model. It is *killed* when the gate's
//! diagnostics differ from those of the emitted model. It is *unsound* when at some probe it
//! allows what the emitted model and the policy deny, outside every region the target
//! declared; every unsound mutant must be refuted: a new MX4006 error, and the artifacts
//! withheld. The table of kill rates is the snapshot.

#![expect(
    clippy::panic,
    reason = "test helpers outside `#[test]` functions may fail loudly"
)]

use std::collections::BTreeSet;
use std::net::IpAddr;
use std::path::{Path, PathBuf};

use driver::compile::{excuses, gate, seccomp_gate};
use driver::{CheckOptions, PlatformChoice};
use ir::model::{ArtifactModel, Domain, FsModel, FsOps, NetChain, NetModel};
use ir::{Action, CanonPath, Direction, Endpoint, FsOp, Mode, Platform, Protocol, Request};
use targets::TargetId;
use targets::backends::seccomp::interpret::{SeccompData, run};

/// Linux corpus policies without symbolic paths (the probes are concrete paths).
const POLICIES: [&str; 8] = [
    "coding-agent-bwrap",
    "ci-runner-bwrap",
    "data-analysis-readonly",
    "dns-open-to-all",
    "cloud-metadata-reachable",
    "nested-allow-under-deny",
    "git-hooks-writable",
    "home-writable",
];

/// LXC corpus policies (the `lxc` target compiles only those).
const LXC_POLICIES: [&str; 4] = [
    "lxc-ubuntu-directional",
    "egress-allow-all",
    "ipv4-mapped-hole",
    "lxc-legacy-capabilities",
];

const MAX_MUTANTS: usize = 64;

/// Mutants taken from one policy, so that every policy contributes.
const PER_POLICY: usize = 8;

fn corpus(case: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../corpus")
        .join(case)
        .join("policy.json")
}

fn policy(case: &str) -> ir::Policy {
    let options = CheckOptions {
        platform: PlatformChoice::Fixed(Platform::Linux),
        ..CheckOptions::default()
    };
    let report = driver::check_paths(&[corpus(case)], &options);
    report
        .files
        .into_iter()
        .next()
        .and_then(|f| f.policy)
        .unwrap_or_else(|| panic!("{case} lowers"))
}

fn target_options() -> targets::Options {
    targets::Options {
        allow_gaps: true,
        home_dir: Some("/home/dev".to_owned()),
        paths: targets::PathProbe::Fixed(Default::default()),
        ..targets::Options::default()
    }
}

fn verify_options() -> verify::Options {
    verify::Options {
        home: Some("/home/dev".to_owned()),
        ..verify::Options::default()
    }
}

fn p(s: &str) -> CanonPath {
    CanonPath::parse(s, Platform::Linux.path_style()).path
}

/// One mutation operator applied to every rule of a model.
fn fs_mutants(fs: &FsModel) -> Vec<FsModel> {
    let mut out = Vec::new();
    match fs {
        FsModel::Ordered { rules, default } => {
            for i in 0..rules.len() {
                let with = |f: &dyn Fn(&mut ir::model::FsModelRule)| {
                    let mut rules = rules.clone();
                    f(&mut rules[i]);
                    FsModel::Ordered {
                        rules,
                        default: *default,
                    }
                };
                out.push(with(&|r| r.allow = !r.allow));
                out.push(with(&|r| r.ops = FsOps::ALL));
                out.push(with(&|r| r.matching = ir::model::PathMatch::Subtree));
                if let Some(parent) = rules[i].path.parent(Platform::Linux.path_style()) {
                    out.push(with(&|r| r.path = parent.clone()));
                }
                let mut dropped = rules.clone();
                dropped.remove(i);
                out.push(FsModel::Ordered {
                    rules: dropped,
                    default: *default,
                });
            }
            out.push(FsModel::Ordered {
                rules: rules.clone(),
                default: FsOps::ALL,
            });
        }
        FsModel::Layers(layers) => {
            for (l, layer) in layers.iter().enumerate() {
                let with = |f: &dyn Fn(&mut ir::model::FsLayer)| {
                    let mut layers = layers.clone();
                    f(&mut layers[l]);
                    FsModel::Layers(layers)
                };
                for i in 0..layer.rules.len() {
                    out.push(with(&|layer| layer.rules[i].ops = FsOps::ALL));
                    if let Some(parent) = layer.rules[i].path.parent(Platform::Linux.path_style()) {
                        out.push(with(&|layer| layer.rules[i].path = parent.clone()));
                    }
                    out.push(with(&|layer| {
                        layer.rules.remove(i);
                    }));
                }
                out.push(with(&|layer| layer.handled = FsOps::NONE));
                out.push(with(&|layer| {
                    layer.rules.push(ir::model::FsLayerRule {
                        path: p("/"),
                        ops: FsOps::READ_ONLY,
                        origin: "mutant".to_owned(),
                    })
                }));
            }
        }
        FsModel::All(models) => {
            for (i, m) in models.iter().enumerate() {
                for mutant in fs_mutants(m) {
                    let mut models = models.clone();
                    models[i] = mutant;
                    out.push(FsModel::All(models));
                }
            }
        }
    }
    out
}

fn chain_mutants(chain: &NetChain) -> Vec<NetChain> {
    let mut out = Vec::new();
    for i in 0..chain.rules.len() {
        let with = |f: &dyn Fn(&mut ir::model::NetModelRule)| {
            let mut c = chain.clone();
            f(&mut c.rules[i]);
            c
        };
        out.push(with(&|r| {
            r.action = match r.action {
                Action::Allow => Action::Deny,
                Action::Deny => Action::Allow,
            }
        }));
        out.push(with(&|r| r.cidr = None));
        out.push(with(&|r| r.ports = None));
        out.push(with(&|r| r.protocol = None));
        let mut dropped = chain.clone();
        dropped.rules.remove(i);
        out.push(dropped);
    }
    let mut flipped = chain.clone();
    flipped.default = match chain.default {
        Action::Allow => Action::Deny,
        Action::Deny => Action::Allow,
    };
    out.push(flipped);
    out
}

fn net_mutants(net: &NetModel) -> Vec<NetModel> {
    let mut out = Vec::new();
    for egress in chain_mutants(&net.egress) {
        out.push(NetModel {
            egress,
            ..net.clone()
        });
    }
    for ingress in chain_mutants(&net.ingress) {
        out.push(NetModel {
            ingress,
            ..net.clone()
        });
    }
    out.push(NetModel {
        proxy_reachable: !net.proxy_reachable,
        ..net.clone()
    });
    out
}

fn model_mutants(model: &ArtifactModel) -> Vec<ArtifactModel> {
    let mut out = Vec::new();
    if let Domain::Enforced(fs) = &model.fs {
        out.extend(fs_mutants(fs).into_iter().map(|fs| ArtifactModel {
            fs: Domain::Enforced(fs),
            ..model.clone()
        }));
    }
    if let Domain::Enforced(net) = &model.net {
        out.extend(net_mutants(net).into_iter().map(|net| ArtifactModel {
            net: Domain::Enforced(net),
            ..model.clone()
        }));
    }
    out
}

fn fs_paths(fs: &FsModel, out: &mut BTreeSet<CanonPath>) {
    match fs {
        FsModel::Ordered { rules, .. } => out.extend(rules.iter().map(|r| r.path.clone())),
        FsModel::Layers(layers) => {
            out.extend(
                layers
                    .iter()
                    .flat_map(|l| l.rules.iter().map(|r| r.path.clone())),
            );
        }
        FsModel::All(models) => models.iter().for_each(|m| fs_paths(m, out)),
    }
}

fn chain_points(chain: &NetChain, ips: &mut BTreeSet<IpAddr>, ports: &mut BTreeSet<u16>) {
    for r in &chain.rules {
        if let Some(c) = r.cidr {
            ips.extend(first_and_last(c));
        }
        if let Some((lo, hi)) = r.ports {
            ports.extend([lo, hi, lo.saturating_sub(1), hi.saturating_add(1)]);
        }
    }
}

/// The first and the last address of a block.
fn first_and_last(c: ir::Cidr) -> [IpAddr; 2] {
    let bits: u32 = match c.family {
        ir::Family::V4 => 32,
        ir::Family::V6 => 128,
    };
    let host = u32::from(c.prefix).min(bits);
    let mask: u128 = if bits - host >= 128 {
        u128::MAX
    } else {
        (1u128 << (bits - host)) - 1
    };
    let ip = |a: u128| -> IpAddr {
        match c.family {
            ir::Family::V4 => IpAddr::V4(std::net::Ipv4Addr::from((a & 0xffff_ffff) as u32)),
            ir::Family::V6 => IpAddr::V6(std::net::Ipv6Addr::from(a)),
        }
    };
    [ip(c.addr), ip(c.addr | mask)]
}

/// The probe requests for a set of models and the policy.
fn probes(models: &[&ArtifactModel], policy: &ir::Policy) -> Vec<Request> {
    let style = Platform::Linux.path_style();
    let mut paths: BTreeSet<CanonPath> = [
        "/",
        "/etc/shadow",
        "/etc/passwd",
        "/home/dev/.ssh/id_rsa",
        "/home/dev/src/app/.git/hooks/pre-commit",
        "/tmp/x",
        "/usr/bin/sh",
        "/proc/self/environ",
        "/dev/null",
        "/var/lib/x",
    ]
    .iter()
    .map(|s| p(s))
    .collect();
    paths.extend(policy.filesystem.rules.iter().map(|r| r.path.clone()));
    let mut ips: BTreeSet<IpAddr> = [
        "1.1.1.1",
        "10.0.0.1",
        "127.0.0.1",
        "169.254.169.254",
        "192.168.1.1",
        "::1",
        "2001:db8::1",
        "fe80::1",
        "ff02::1",
    ]
    .iter()
    .filter_map(|s| s.parse().ok())
    .collect();
    let mut ports: BTreeSet<u16> = [0, 22, 53, 67, 80, 443, 8080, 65535].into_iter().collect();
    for m in models {
        if let Domain::Enforced(fs) = &m.fs {
            fs_paths(fs, &mut paths);
        }
        if let Domain::Enforced(net) = &m.net {
            chain_points(&net.egress, &mut ips, &mut ports);
            chain_points(&net.ingress, &mut ips, &mut ports);
        }
    }
    let mut out = Vec::new();
    for path in &paths {
        let mut near = vec![path.clone(), path.join("probe-child", style)];
        near.extend(path.parent(style));
        for q in near {
            for op in FsOp::ALL {
                out.push(Request::Fs {
                    op,
                    path: q.clone(),
                });
            }
        }
    }
    for direction in [Direction::Egress, Direction::Ingress] {
        for protocol in [Protocol::Tcp, Protocol::Udp, Protocol::Icmp] {
            out.push(Request::Net {
                direction,
                protocol,
                endpoint: Endpoint::Proxy,
                port: 443,
            });
            for ip in &ips {
                for port in &ports {
                    out.push(Request::Net {
                        direction,
                        protocol,
                        endpoint: Endpoint::Ip(*ip),
                        port: *port,
                    });
                }
            }
        }
    }
    out
}

fn allows(model: &ArtifactModel, request: &Request) -> bool {
    match request {
        Request::Fs { op, path } => match &model.fs {
            Domain::Enforced(fs) => fs.allows(*op, path),
            _ => true,
        },
        Request::Net {
            direction,
            protocol,
            endpoint,
            port,
        } => match &model.net {
            Domain::Enforced(net) => net.allows(*direction, *protocol, *endpoint, *port),
            _ => true,
        },
        _ => true,
    }
}

/// The gate's diagnostics as comparable text.
fn rendered(diagnostics: &[ir::Diagnostic]) -> BTreeSet<String> {
    diagnostics
        .iter()
        .map(|d| {
            format!(
                "{} {:?} {} {:?}",
                d.code.as_str(),
                d.severity,
                d.message,
                d.notes
            )
        })
        .collect()
}

#[derive(Default)]
struct Tally {
    mutants: usize,
    changing: usize,
    killed: usize,
    unsound: usize,
    refuted: usize,
    survivors: Vec<String>,
}

impl Tally {
    fn line(&self, target: &str) -> String {
        let rate = if self.changing == 0 {
            0.0
        } else {
            100.0 * self.killed as f64 / self.changing as f64
        };
        format!(
            "{target:<9} mutants {:>3}  decision-changing {:>3}  killed {:>3} ({rate:5.1}%)  unsound {:>3}  refuted {:>3}",
            self.mutants, self.changing, self.killed, self.unsound, self.refuted
        )
    }
}

/// Mutates one target's model across the corpus policies and runs every mutant through the gate.
fn model_tally(target: TargetId, cases: &[&str]) -> Tally {
    let mut tally = Tally::default();
    let vopts = verify_options();
    for &case in cases {
        if tally.mutants >= MAX_MUTANTS {
            break;
        }
        let policy = policy(case);
        let output = targets::compile(&policy, &[target], &target_options());
        let Some(model) = output.models.get(&target) else {
            continue;
        };
        let original = gate(
            &policy,
            std::slice::from_ref(model),
            &output.reports,
            &vopts,
        );
        let before = rendered(&original.diagnostics);
        let all = model_mutants(model);
        let per_policy = MAX_MUTANTS / cases.len().min(8);
        let stride = (all.len() / per_policy).max(1);
        for mutant in all.into_iter().step_by(stride).take(per_policy) {
            if tally.mutants >= MAX_MUTANTS {
                break;
            }
            tally.mutants += 1;
            let requests = probes(&[model, &mutant], &policy);
            let changing = requests
                .iter()
                .any(|r| allows(model, r) != allows(&mutant, r));
            if !changing {
                continue;
            }
            tally.changing += 1;
            let unsound = requests.iter().any(|r| {
                allows(&mutant, r)
                    && !allows(model, r)
                    && !ir::decide(&policy, r, Mode::Mxc).allowed
                    && excuses(r, std::slice::from_ref(&mutant), &output.reports).is_none()
            });
            let after = gate(
                &policy,
                std::slice::from_ref(&mutant),
                &output.reports,
                &vopts,
            );
            let now = rendered(&after.diagnostics);
            let killed = now != before;
            if killed {
                tally.killed += 1;
            } else {
                tally.survivors.push(format!("{case}: {mutant:?}"));
            }
            if unsound {
                tally.unsound += 1;
                let new_error = after.diagnostics.iter().any(|d| {
                    d.is_error()
                        && d.code == verify::codes::ARTIFACT_UNSOUND
                        && !before.contains(
                            &rendered(std::slice::from_ref(d))
                                .into_iter()
                                .next()
                                .unwrap_or_default(),
                        )
                });
                if new_error && after.withhold {
                    tally.refuted += 1;
                } else {
                    let at: Vec<String> = requests
                        .iter()
                        .filter(|r| {
                            allows(&mutant, r)
                                && !allows(model, r)
                                && !ir::decide(&policy, r, Mode::Mxc).allowed
                        })
                        .take(3)
                        .map(|r| format!("{r:?}"))
                        .collect();
                    tally.survivors.push(format!(
                        "unsound, not refuted: {case}: at {}",
                        at.join(", ")
                    ));
                }
            }
        }
    }
    tally
}

/// Mutates seccomp's bytecode: every return action and every comparison constant.
fn seccomp_tally() -> Tally {
    let mut tally = Tally::default();
    let vopts = verify_options();
    for case in POLICIES {
        let policy = policy(case);
        let output = targets::compile(&policy, &[TargetId::Seccomp], &target_options());
        let Some(artifact) = output.emitted.get(&TargetId::Seccomp) else {
            continue;
        };
        let Some((program, spec)) = targets::backends::seccomp::spec_of(artifact) else {
            panic!("{case}: seccomp has a specification");
        };
        assert!(seccomp_gate(Some(&(program.clone(), spec.clone())), &vopts).is_empty());
        let mut mutants = Vec::new();
        for (i, insn) in program.iter().enumerate() {
            let class = insn.code & 0x07;
            let mut m = program.clone();
            if class == 0x06 {
                // BPF_RET: allow what was denied, deny what was allowed.
                m[i].k = if insn.k == 0x7fff_0000 {
                    0x0005_0001
                } else {
                    0x7fff_0000
                };
                mutants.push(m);
            } else if class == 0x05 && insn.code != 0x05 {
                // A conditional jump: compare against another constant, or swap its branches.
                m[i].k = insn.k.wrapping_add(1);
                mutants.push(m);
                let mut s = program.clone();
                s[i].jt = insn.jf;
                s[i].jf = insn.jt;
                mutants.push(s);
            }
        }
        let nrs: BTreeSet<u32> = spec
            .arches
            .iter()
            .flat_map(|(_, a)| a.rules.iter().map(|r| r.nr))
            .chain(0..460)
            .chain([0x4000_0000, 0x4000_0001, u32::MAX])
            .collect();
        let arg_values: Vec<u64> = [0u64, 1, 2, 10, 16, 0x8000_0000, u64::MAX]
            .into_iter()
            .chain(spec.arches.iter().flat_map(|(_, a)| {
                a.rules
                    .iter()
                    .flat_map(|r| r.checks.iter().map(|c| u64::from(c.value)))
            }))
            .collect();
        let inputs: Vec<SeccompData> = spec
            .arches
            .iter()
            .map(|(arch, _)| *arch)
            .chain([0xC000_0028])
            .flat_map(|arch| {
                let nrs = nrs.clone();
                let arg_values = arg_values.clone();
                nrs.into_iter().flat_map(move |nr| {
                    arg_values.clone().into_iter().map(move |v| SeccompData {
                        nr,
                        arch,
                        instruction_pointer: 0,
                        args: [v; 6],
                    })
                })
            })
            .collect();
        let room = MAX_MUTANTS.saturating_sub(tally.mutants).min(PER_POLICY);
        let stride = (mutants.len() / PER_POLICY).max(1);
        for m in mutants.into_iter().step_by(stride).take(room) {
            tally.mutants += 1;
            let changing = inputs
                .iter()
                .any(|d| run(&program, d).map(|o| o.ret).ok() != run(&m, d).map(|o| o.ret).ok());
            if !changing {
                continue;
            }
            tally.changing += 1;
            let refuted = seccomp_gate(Some(&(m.clone(), spec.clone())), &vopts)
                .iter()
                .any(ir::Diagnostic::is_error);
            let widens = inputs.iter().any(|d| {
                run(&m, d).map(|o| o.ret).ok() == Some(0x7fff_0000)
                    && run(&program, d).map(|o| o.ret).ok() != Some(0x7fff_0000)
            });
            if refuted {
                tally.killed += 1;
            } else {
                tally.survivors.push(format!("{case}: {m:?}"));
            }
            if widens {
                tally.unsound += 1;
                tally.refuted += usize::from(refuted);
            }
        }
        if tally.mutants >= MAX_MUTANTS {
            break;
        }
    }
    tally
}

fn check(name: &str, table: &str) {
    insta::assert_snapshot!(name, table);
}

#[test]
fn the_gate_refutes_every_unsound_mutant_of_every_linux_target() {
    let mut lines = Vec::new();
    let mut failures = Vec::new();
    for (target, cases) in [
        (TargetId::Landlock, &POLICIES[..]),
        (TargetId::Bwrap, &POLICIES[..]),
        (TargetId::Nftables, &POLICIES[..]),
        (TargetId::Lxc, &LXC_POLICIES[..]),
    ] {
        let tally = model_tally(target, cases);
        lines.push(tally.line(target.as_str()));
        failures.extend(tally.survivors.iter().map(|s| format!("{target}: {s}")));
        assert!(tally.mutants >= 10, "{}", tally.line(target.as_str()));
        assert_eq!(
            tally.unsound,
            tally.refuted,
            "{}\n{}",
            tally.line(target.as_str()),
            tally.survivors.join("\n")
        );
    }
    let tally = seccomp_tally();
    lines.push(tally.line("seccomp"));
    failures.extend(tally.survivors.iter().map(|s| format!("seccomp: {s}")));
    assert!(tally.mutants >= 10, "{}", tally.line("seccomp"));
    assert_eq!(tally.unsound, tally.refuted, "{}", tally.line("seccomp"));
    let table = lines.join("\n");
    println!("{table}");
    for f in &failures {
        println!("survivor: {f}");
    }
    check("gate_kill_rates", &table);
}

/// A seccomp artifact without a specification is an internal error (MX4008) that withholds
/// the artifacts, never a skipped proof.
#[test]
fn a_missing_seccomp_specification_is_an_error() {
    let diagnostics = seccomp_gate(None, &verify_options());
    assert_eq!(diagnostics.len(), 1);
    assert!(diagnostics[0].is_error());
    assert_eq!(diagnostics[0].code, verify::codes::INTERNAL);
}

fn compile_corpus(
    case: &str,
    target: TargetId,
    allow_gaps: bool,
) -> driver::compile::CompileResult {
    let options = driver::compile::CompileOptions {
        check: CheckOptions {
            platform: PlatformChoice::Fixed(Platform::Linux),
            ..CheckOptions::default()
        },
        targets: targets::Options {
            allow_gaps,
            paths: targets::PathProbe::Fixed(Default::default()),
            ..targets::Options::default()
        },
    };
    driver::compile::compile(&corpus(case), &[target], &options)
}

/// Issue 12 reproductions: each excused finding names the gap whose region holds it (ingress
/// UDP is not credited to the ICMP egress gap), and bwrap's runtime baseline is a declared
/// region, so bwrap's artifacts are not withheld for findings inside it.
#[test]
fn findings_are_credited_to_the_gap_whose_region_holds_them() {
    let landlock = compile_corpus("coding-agent-bwrap", TargetId::Landlock, true);
    let unsound: Vec<&ir::Diagnostic> = landlock
        .report
        .diagnostics
        .iter()
        .filter(|d| d.code == verify::codes::ARTIFACT_UNSOUND)
        .collect();
    assert!(!unsound.is_empty());
    assert!(unsound.iter().all(|d| !d.is_error()), "{unsound:#?}");
    for d in &unsound {
        let witness = d.notes.iter().find(|n| n.starts_with("witness: ")).cloned();
        let gap = d
            .notes
            .iter()
            .find(|n| n.starts_with("inside a gap"))
            .cloned();
        let (Some(witness), Some(gap)) = (witness, gap) else {
            panic!("{d:#?}");
        };
        if witness.starts_with("witness: ingress udp") {
            assert!(gap.contains("network.ingress.udp"), "{witness} -> {gap}");
        }
        if witness.starts_with("witness: metadata") {
            assert!(gap.contains("filesystem.metadata"), "{witness} -> {gap}");
        }
    }
    let bwrap = compile_corpus("coding-agent-bwrap", TargetId::Bwrap, false);
    assert!(
        bwrap.artifacts.contains_key("bwrap.args"),
        "{:#?}",
        bwrap
            .report
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .collect::<Vec<_>>()
    );
}
