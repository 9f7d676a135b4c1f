//! Tests of the macOS, Windows and LXC targets: corpus goldens through one `check_emit`
//! helper (insta file snapshots of artifacts and diagnostics), and soundness checks of every
//! model against `ir::decide` on sampled and proptest-generated requests.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use ir::model::{ArtifactModel, Domain, FsModel, FsModelRule};
use ir::net::{Cidr, Peer, PortSelector, Proxy, ProxyKind};
use ir::{
    Action, Backend, CanonPath, Clipboard, Direction, Endpoint, FsAccess, FsOp, FsRule, Mode,
    NetRule, Platform, Policy, Protocol, ProtocolSelector, Request, RuleOrigin, Setting, SourceId,
    Span, UiOp, decide,
};
use proptest::prelude::*;

use crate::artifact::Plan;
use crate::context::{Baseline, Options, PathKind, PathProbe};
use crate::target::TargetId;
use crate::{CompileOutput, compile, netspace};

fn frontend(json: &str, platform: Platform) -> compiler::Output {
    let options = compiler::Options {
        platform,
        exact: false,
        limits: Default::default(),
    };
    compiler::compile(SourceId(0), json.as_bytes(), &options)
}

/// The mxcc targets for the backend a policy resolves to.
fn targets_for(policy: &Policy) -> Vec<TargetId> {
    match policy.backend() {
        Backend::Seatbelt => vec![TargetId::Seatbelt],
        Backend::ProcessContainer => vec![TargetId::AppContainer, TargetId::Firewall],
        Backend::WindowsSandbox => vec![TargetId::Wsb],
        Backend::Lxc => vec![TargetId::Lxc],
        _ => Vec::new(),
    }
}

/// Requests beyond the policy that a target reported as a compatibility grant.
fn compat_allows(out: &CompileOutput, request: &Request) -> bool {
    out.emitted.values().any(|a| match (&a.plan, request) {
        (Plan::Seatbelt(p), Request::Fs { op, path }) => rule_grants(&p.compat, *op, path),
        (Plan::AppContainer(p), Request::Fs { op, path }) => rule_grants(&p.compat, *op, path),
        (
            Plan::Lxc(p),
            Request::Net {
                direction: Direction::Egress,
                protocol,
                endpoint: Endpoint::Ip(ip),
                port,
            },
        ) => p.compat.iter().any(|r| r.matches(*protocol, *ip, *port)),
        _ => false,
    })
}

fn rule_grants(rules: &[FsModelRule], op: FsOp, path: &CanonPath) -> bool {
    rules
        .iter()
        .any(|r| r.allow && r.ops.contains(op) && r.matches(path))
}

/// What the models of all emitted targets allow together; `None` when none constrains it.
fn models_allow(models: &[&ArtifactModel], request: &Request) -> Option<bool> {
    let mut verdict = None;
    for m in models {
        let one = match request {
            Request::Fs { op, path } => match &m.fs {
                Domain::Enforced(fs) => Some(fs.allows(*op, path)),
                Domain::Unconstrained => Some(true),
                Domain::NotApplicable(_) => None,
            },
            Request::Net {
                direction,
                protocol,
                endpoint,
                port,
            } => match &m.net {
                Domain::Enforced(net) => Some(net.allows(*direction, *protocol, *endpoint, *port)),
                Domain::Unconstrained => Some(true),
                Domain::NotApplicable(_) => None,
            },
            Request::Ui(op) => match &m.ui {
                Domain::Enforced(ui) => Some(ui.allows(*op)),
                Domain::Unconstrained => Some(true),
                Domain::NotApplicable(_) => None,
            },
            _ => None,
        };
        if let Some(v) = one {
            verdict = Some(verdict.unwrap_or(true) && v);
        }
    }
    verdict
}

/// Paths worth probing: every rule path of the policy and the models, their parents, children
/// and string-prefix siblings.
fn probe_paths(policy: &Policy, models: &[&ArtifactModel]) -> Vec<CanonPath> {
    let style = policy.platform.path_style();
    let mut seeds: Vec<CanonPath> = policy
        .filesystem
        .rules
        .iter()
        .map(|r| r.path.clone())
        .collect();
    for m in models {
        if let Domain::Enforced(FsModel::Ordered { rules, .. }) = &m.fs {
            seeds.extend(rules.iter().map(|r| r.path.clone()));
        }
    }
    let mut out = Vec::new();
    for p in seeds {
        out.push(p.join("child", style));
        out.push(p.join("child", style).join("deeper", style));
        if let Some(parent) = p.parent(style) {
            let last = p.display.rsplit(['/', '\\']).next().unwrap_or("x");
            out.push(parent.join(&format!("{last}x"), style));
            out.push(parent.clone());
        }
        out.push(p);
    }
    let other = if style.windows {
        r"C:\Unrelated\file"
    } else {
        "/unrelated/file"
    };
    out.push(CanonPath::parse(other, style).path);
    out.sort();
    out.dedup();
    out
}

/// Every sampled request where the emitted models allow what `decide` denies (compatibility
/// grants excepted).
fn violations(policy: &Policy, out: &CompileOutput) -> (usize, Vec<String>) {
    let models: Vec<&ArtifactModel> = out.models.values().collect();
    let mut requests = Vec::new();
    for path in probe_paths(policy, &models) {
        for op in FsOp::ALL {
            requests.push(Request::Fs {
                op,
                path: path.clone(),
            });
        }
    }
    let ports = netspace::port_cells(&policy.network);
    for ip in netspace::address_points(&policy.network) {
        for direction in [Direction::Egress, Direction::Ingress] {
            for protocol in Protocol::ALL {
                for (lo, hi) in &ports {
                    for port in [*lo, *hi] {
                        requests.push(Request::Net {
                            direction,
                            protocol,
                            endpoint: Endpoint::Ip(ip),
                            port,
                        });
                    }
                }
            }
        }
    }
    // `NetModel` cannot say "TCP only" for the proxy endpoint; every target opens it for TCP.
    requests.push(Request::Net {
        direction: Direction::Egress,
        protocol: Protocol::Tcp,
        endpoint: Endpoint::Proxy,
        port: 0,
    });
    for op in [
        UiOp::CreateWindow,
        UiOp::ClipboardRead,
        UiOp::ClipboardWrite,
        UiOp::InjectInput,
    ] {
        requests.push(Request::Ui(op));
    }
    let mut bad = Vec::new();
    for r in &requests {
        if models_allow(&models, r) == Some(true)
            && !decide(policy, r, Mode::Mxc).allowed
            && !compat_allows(out, r)
        {
            bad.push(format!("{r:?}"));
        }
    }
    (requests.len(), bad)
}

fn render_diagnostics(diags: &[ir::Diagnostic], source: &str) -> String {
    let mut text = String::new();
    for d in diags {
        let at = d
            .primary_span()
            .map(|s| source.get(s.range()).unwrap_or("?").to_owned())
            .unwrap_or_default();
        let _ = writeln!(text, "{} {}: {} @ {at}", d.severity, d.code, d.message);
        for note in &d.notes {
            let _ = writeln!(text, "    note: {note}");
        }
    }
    text
}

fn test_options() -> Options {
    let kinds: BTreeMap<String, PathKind> = [
        ("/Users/dev/src/webapp/.env", PathKind::File),
        ("/srv/builds/api-service/.git/config", PathKind::File),
        ("/home/dev/.netrc", PathKind::File),
    ]
    .into_iter()
    .map(|(p, k)| (p.to_owned(), k))
    .collect();
    Options {
        paths: PathProbe::Fixed(kinds),
        ..Options::default()
    }
}

/// Compiles a config for the targets of its backend (or the given ones), checks soundness
/// unless a construct was refused, and snapshots artifacts and diagnostics.
fn check_emit(
    name: &str,
    json: &str,
    platform: Platform,
    targets: Option<&[TargetId]>,
    options: &Options,
) -> Option<CompileOutput> {
    let front = frontend(json, platform);
    let mut text = format!("--- policy ({platform})\n{json}\n");
    let policy = match front.policy {
        Some(p) if !front.has_errors() => p,
        _ => {
            let _ = write!(
                text,
                "--- frontend refused\n{}",
                render_diagnostics(&front.diagnostics, json)
            );
            insta::assert_snapshot!(name, text);
            return None;
        }
    };
    let targets = targets.map_or_else(|| targets_for(&policy), <[TargetId]>::to_vec);
    if targets.is_empty() {
        let _ = writeln!(
            text,
            "--- no mxcc target for backend `{}`",
            policy.backend().as_str()
        );
        insta::assert_snapshot!(name, text);
        return None;
    }
    let out = compile(&policy, &targets, options);
    let again = compile(&policy, &targets, options);
    assert_eq!(out.artifacts, again.artifacts, "emission is deterministic");
    let _ = write!(
        text,
        "--- targets {:?}\n--- diagnostics\n{}",
        targets.iter().map(|t| t.as_str()).collect::<Vec<_>>(),
        render_diagnostics(&out.diagnostics, json)
    );
    let refused = out.has_errors();
    let (n, bad) = violations(&policy, &out);
    if refused {
        let _ = writeln!(
            text,
            "--- soundness: not required (refused); {} of {n} sampled requests exceed the policy",
            bad.len()
        );
    } else {
        assert!(
            bad.is_empty(),
            "{name}: the models allow what the policy denies: {bad:#?}"
        );
        let _ = writeln!(text, "--- soundness: ok ({n} sampled requests)");
    }
    let mut files: BTreeMap<&str, &Vec<u8>> = BTreeMap::new();
    for artifact in out.emitted.values() {
        files.extend(artifact.files.iter().map(|(k, v)| (*k, v)));
    }
    files.extend(out.artifacts.iter().map(|(k, v)| (k.as_str(), v)));
    let _ = writeln!(
        text,
        "--- written: {:?}",
        out.artifacts.keys().collect::<Vec<_>>()
    );
    for (file, bytes) in &files {
        let _ = write!(text, "--- {file}\n{}", String::from_utf8_lossy(bytes));
    }
    insta::assert_snapshot!(name, text);
    Some(out)
}

#[test]
fn corpus_goldens() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../corpus");
    let mut cases: Vec<_> = std::fs::read_dir(root)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    cases.sort();
    let mut seen = 0;
    for case in cases {
        let Ok(platform) = std::fs::read_to_string(case.join("platform")) else {
            continue;
        };
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let json = std::fs::read_to_string(case.join("policy.json")).unwrap();
        let platform = Platform::parse(platform.trim()).unwrap();
        let is_lxc = json.contains("\"containment\": \"lxc\"");
        if platform == Platform::Linux && !is_lxc {
            continue;
        }
        seen += 1;
        check_emit(
            &format!("corpus__{name}"),
            &json,
            platform,
            None,
            &test_options(),
        );
    }
    assert!(seen >= 20, "corpus cases found: {seen}");
}

#[test]
fn seatbelt_override_and_escaping() {
    let json = r#"{
  "version": "0.8.0-alpha",
  "containment": "seatbelt",
  "process": { "commandLine": "make" },
  "filesystem": {
    "readwritePaths": ["/Users/dev/we\\ird (dir)", "/tmp/build", "~/cache"],
    "readonlyPaths": ["/Users/dev/we\\ird (dir)/ro"],
    "deniedPaths": ["/Users/dev/we\\ird (dir)/ro/secret"]
  },
  "ui": { "clipboard": "write", "disable": false },
  "seatbelt": { "nestedPty": false, "extraMachLookups": ["com.example.\"quoted\""] }
}"#;
    let options = Options {
        seatbelt_override: true,
        ..test_options()
    };
    let out = check_emit(
        "seatbelt_override_and_escaping",
        json,
        Platform::Macos,
        None,
        &options,
    );
    assert!(out.is_some_and(|o| o.artifacts.contains_key("seatbelt-override.json")));
}

#[test]
fn seatbelt_egress_allow_and_rules() {
    let json = r#"{
  "version": "0.8.0-alpha",
  "containment": "seatbelt",
  "process": { "commandLine": "curl https://example.com" },
  "network": { "egress": { "default": "allow" }, "ingress": { "default": "deny", "hostLoopback": "deny" } }
}"#;
    check_emit(
        "seatbelt_egress_allow",
        json,
        Platform::Macos,
        None,
        &test_options(),
    );
}

#[test]
fn windows_nested_acl_and_build() {
    let json = r#"{
  "version": "0.8.0-alpha",
  "containerId": "agent-42",
  "containment": "processcontainer",
  "process": { "commandLine": "pwsh -File build.ps1" },
  "filesystem": {
    "readwritePaths": ["C:\\work", "C:\\work\\ro\\rw-again"],
    "readonlyPaths": ["C:\\work\\ro", "C:\\"],
    "deniedPaths": ["C:\\work\\secret"]
  },
  "network": {
    "egress": {
      "default": "deny",
      "allow": [{ "to": [{ "cidr": "0.0.0.0/0", "except": ["10.0.0.0/8"] }], "ports": [{ "protocol": "tcp", "port": 443 }] }],
      "deny": [{ "to": [{ "cidr": "192.0.2.0/24" }] }]
    },
    "ingress": { "default": "deny", "hostLoopback": "deny" }
  },
  "ui": { "disable": false, "clipboard": "read", "injection": false },
  "processContainer": { "leastPrivilege": true }
}"#;
    check_emit(
        "windows_nested_acl",
        json,
        Platform::Windows,
        None,
        &test_options(),
    );
    let old = Options {
        windows_build: 22000,
        ..test_options()
    };
    check_emit(
        "windows_nested_acl_build_22000",
        json,
        Platform::Windows,
        None,
        &old,
    );
    check_emit(
        "windows_appcontainer_alone",
        json,
        Platform::Windows,
        Some(&[TargetId::AppContainer]),
        &test_options(),
    );
}

#[test]
fn wsb_refusals_and_escaping() {
    let json = r#"{
  "version": "0.8.0-alpha",
  "containment": "vm",
  "process": { "commandLine": "cmd /c echo <a & b>" },
  "filesystem": {
    "readwritePaths": ["C:\\out", "D:\\data & more"],
    "readonlyPaths": ["C:\\out\\inner", "C:\\in\\setup.exe"],
    "deniedPaths": ["C:\\out\\secret", "C:\\elsewhere"]
  },
  "ui": { "clipboard": "all" }
}"#;
    let mut options = test_options();
    if let PathProbe::Fixed(map) = &mut options.paths {
        map.insert(r"C:\in\setup.exe".to_owned(), PathKind::File);
    }
    check_emit(
        "wsb_refusals",
        json,
        Platform::Windows,
        Some(&[TargetId::Wsb]),
        &options,
    );
}

#[test]
fn lxc_legacy_and_files() {
    let json = r#"{
  "version": "0.7.0-alpha",
  "containerId": "legacy box",
  "containment": "lxc",
  "process": { "commandLine": "make" },
  "filesystem": {
    "readwritePaths": ["/home/dev/my project"],
    "deniedPaths": ["/home/dev/.netrc", "/home/dev/my project/secrets"]
  },
  "network": { "defaultPolicy": "block", "enforcementMode": "capabilities", "allowedHosts": ["203.0.113.0/24"] },
  "lxc": { "distribution": "ubuntu", "release": "24.04" }
}"#;
    check_emit("lxc_legacy", json, Platform::Linux, None, &test_options());
}

#[test]
fn sid_derivation_of_corpus_identity() {
    // MXC's default identity `CLI` (no containerId).
    assert_eq!(
        crate::backends::appcontainer::sid::appcontainer_sid("CLI"),
        "S-1-15-2-2058603621-547598940-2389991933-2477427801-2743924948-2440776010-3744031250"
    );
}

// Proptest soundness: random policies never make a model allow what `decide` denies.

const MAC_PATHS: [&str; 6] = ["/w", "/w/a", "/w/a/b", "/w/ab", "~/c", "/tmp/x"];
const WIN_PATHS: [&str; 6] = [
    r"C:\w",
    r"C:\w\a",
    r"C:\w\a\b",
    r"C:\w\ab",
    r"C:\Windows\x",
    r"C:\",
];
const LINUX_PATHS: [&str; 5] = ["/w", "/w/a", "/w/a/b", "/w/ab", "/srv/x"];
const CIDRS: [&str; 6] = [
    "0.0.0.0/0",
    "10.0.0.0/8",
    "10.1.0.0/16",
    "192.0.2.0/24",
    "::/0",
    "2001:db8::/32",
];

fn access() -> impl Strategy<Value = FsAccess> {
    prop_oneof![
        Just(FsAccess::ReadWrite),
        Just(FsAccess::ReadOnly),
        Just(FsAccess::Denied)
    ]
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![Just(Action::Allow), Just(Action::Deny)]
}

fn net_rule() -> impl Strategy<Value = NetRule> {
    let sel = (0..4usize, prop::option::of((1u16..100, 0u16..50))).prop_map(|(p, range)| {
        let protocol = [
            ProtocolSelector::Any,
            ProtocolSelector::Tcp,
            ProtocolSelector::Udp,
            ProtocolSelector::Icmp,
        ]
        .get(p)
        .copied()
        .unwrap_or(ProtocolSelector::Any);
        PortSelector {
            protocol,
            range: if protocol == ProtocolSelector::Icmp {
                None
            } else {
                range.map(|(lo, w)| (lo, lo + w))
            },
            span: Span::default(),
        }
    });
    let peer = (0..CIDRS.len(), prop::option::of(1..4usize)).prop_map(|(i, ex)| {
        let cidr = Cidr::parse(CIDRS.get(i).copied().unwrap_or("::/0")).unwrap();
        let except = ex
            .and_then(|j| CIDRS.get(j))
            .map(|c| Cidr::parse(c).unwrap())
            .filter(|c| cidr.covers(*c) && *c != cidr)
            .map(|c| vec![(c, Span::default())])
            .unwrap_or_default();
        Peer {
            cidr,
            except,
            span: Span::default(),
        }
    });
    (
        action(),
        prop::option::of(prop::collection::vec(peer, 1..3)),
        prop::option::of(prop::collection::vec(sel, 1..3)),
    )
        .prop_map(|(action, to, ports)| NetRule {
            action,
            to,
            ports,
            origin: RuleOrigin::EgressAllow(0),
            span: Span::default(),
        })
}

#[derive(Debug, Clone)]
struct Case {
    policy: Policy,
    targets: Vec<TargetId>,
}

fn arb_case() -> impl Strategy<Value = Case> {
    (
        0..3usize,
        prop::collection::vec((0..6usize, access()), 0..6),
        prop::collection::vec(net_rule(), 0..3),
        (action(), action(), action()),
        prop::option::of(1u16..100),
        (0..4usize, any::<bool>(), any::<bool>()),
    )
        .prop_map(
            |(kind, fs, rules, (egress, ingress, loopback), proxy, (clip, disable, inject))| {
                let (platform, backend, paths, targets): (
                    Platform,
                    Backend,
                    &[&str],
                    Vec<TargetId>,
                ) = match kind {
                    0 => (
                        Platform::Macos,
                        Backend::Seatbelt,
                        &MAC_PATHS,
                        vec![TargetId::Seatbelt],
                    ),
                    1 => (
                        Platform::Windows,
                        Backend::ProcessContainer,
                        &WIN_PATHS,
                        vec![TargetId::AppContainer, TargetId::Firewall],
                    ),
                    _ => (
                        Platform::Linux,
                        Backend::Lxc,
                        &LINUX_PATHS,
                        vec![TargetId::Lxc],
                    ),
                };
                let mut p = Policy::empty(SourceId(0), platform);
                p.containment.backend = backend;
                for (n, (i, access)) in fs.into_iter().enumerate() {
                    let raw = paths.get(i % paths.len()).copied().unwrap_or("/w");
                    p.filesystem.rules.push(FsRule {
                        access,
                        raw: raw.to_owned(),
                        path: CanonPath::parse(raw, platform.path_style()).path,
                        changes: Vec::new(),
                        index: n,
                        span: Span::new(SourceId(0), n, n + 1),
                    });
                }
                p.network.rules = rules
                    .into_iter()
                    .enumerate()
                    .map(|(i, mut r)| {
                        r.origin = if r.action == Action::Allow {
                            RuleOrigin::EgressAllow(i)
                        } else {
                            RuleOrigin::EgressDeny(i)
                        };
                        r
                    })
                    .collect();
                p.network.egress_default = Setting::default_value(egress);
                p.network.ingress_default = Setting::default_value(ingress);
                p.network.host_loopback = Setting::default_value(loopback);
                p.network.proxy = proxy.map(|port| Proxy {
                    kind: ProxyKind::Runtime,
                    host: "127.0.0.1".to_owned(),
                    port,
                    scheme: "http".to_owned(),
                    span: Span::default(),
                });
                p.ui.clipboard = Setting::default_value(
                    [
                        Clipboard::None,
                        Clipboard::Read,
                        Clipboard::Write,
                        Clipboard::All,
                    ]
                    .get(clip)
                    .copied()
                    .unwrap_or(Clipboard::None),
                );
                p.ui.disable = Setting::default_value(disable);
                p.ui.injection = Setting::default_value(inject);
                Case { policy: p, targets }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(160))]

    #[test]
    fn models_never_allow_what_decide_denies(case in arb_case(), none in any::<bool>(), build in prop_oneof![Just(19045u32), Just(22621), Just(26100)]) {
        let options = Options {
            baseline: if none { Baseline::None } else { Baseline::Mxc },
            windows_build: build,
            home_dir: None,
            ..test_options()
        };
        let out = compile(&case.policy, &case.targets, &options);
        if !out.has_errors() {
            let (_, bad) = violations(&case.policy, &out);
            prop_assert!(bad.is_empty(), "{:?}: {:#?}", case.targets, bad);
        }
        // Each target alone: either refused or sound.
        for t in &case.targets {
            let alone = compile(&case.policy, &[*t], &options);
            if !alone.has_errors() {
                let (_, bad) = violations(&case.policy, &alone);
                prop_assert!(bad.is_empty(), "{t} alone: {:#?}", bad);
            }
        }
    }
}

/// Paths not examined (`--assume-host none`): a mask or mount whose form depends on the kind is
/// reported per path, the symbolic-link assumption once per target, and the models stay sound.
#[test]
fn unexamined_paths() {
    let options = Options {
        paths: PathProbe::Unknown,
        ..Options::default()
    };
    let linux = r#"{
  "version": "0.8.0-alpha",
  "process": { "commandLine": "make" },
  "filesystem": {
    "readwritePaths": ["/work"],
    "readonlyPaths": ["/opt/sdk"],
    "deniedPaths": ["/work/.env", "/work/secrets"]
  }
}"#;
    // The Linux group grants compatibility access this helper's sampled soundness check does
    // not account for; the composition is proved by the `cli` and `tests` suites.
    let out = crate::tests::check_emit("unexamined_linux", &TargetId::LINUX, linux, &options);
    assert!(!out.has_errors());
    let lxc = r#"{
  "version": "0.8.0-alpha",
  "containment": "lxc",
  "process": { "commandLine": "make" },
  "filesystem": {
    "readwritePaths": ["/work"],
    "deniedPaths": ["/work/.env"]
  },
  "lxc": { "distribution": "ubuntu", "release": "24.04" }
}"#;
    let out = check_emit("unexamined_lxc", lxc, Platform::Linux, None, &options);
    assert!(out.is_some_and(|o| !o.has_errors()));
}
