use ir::{Platform, Policy, SourceId};

use crate::syntax::{Limits, parse};
use crate::{Options, compile, header};

/// Compiles a config for a platform and renders the lowered policy plus any diagnostics.
fn check(platform: Platform, json: &str) -> String {
    let options = Options {
        platform,
        exact: false,
        limits: crate::Limits::default(),
    };
    let out = compile(SourceId(0), json.as_bytes(), &options);
    let mut text = out
        .policy
        .as_ref()
        .map(ir::printer::print)
        .unwrap_or_default();
    for d in &out.diagnostics {
        text.push_str(&format!("{} {}: {}\n", d.severity, d.code, d.message));
    }
    text
}

#[test]
fn directional_linux() {
    insta::assert_snapshot!(check(
        Platform::Linux,
        r#"{
  "version": "0.8.0-alpha",
  "process": {"commandLine": "make", "cwd": "/work/", "env": ["A=1", "NOEQUALS", "=x"], "timeout": 60000},
  "filesystem": {"readwritePaths": ["/work"], "readonlyPaths": ["/usr//lib/", "~/.cargo"], "deniedPaths": ["/work/.git/hooks"]},
  "network": {"egress": {"default": "deny",
     "allow": [{"to": [{"cidr": "10.0.0.0/8", "except": ["10.1.0.0/16"]}], "ports": [{"protocol": "tcp", "port": 443}, {"port": 8000, "endPort": 8080}]}],
     "deny": [{"to": [{"cidr": "::ffff:10.2.0.0/112"}]}]},
    "ingress": {"hostLoopback": "deny"}}
}"#
    ));
}

#[test]
fn legacy_windows() {
    insta::assert_snapshot!(check(
        Platform::Windows,
        r#"{
  "version": "0.7.0-alpha",
  "containerId": "pwsh",
  "process": {"commandLine": "pwsh -c ls"},
  "filesystem": {"readwritePaths": ["c:\\Users\\dev\\"], "readonlyPaths": ["C:/"], "deniedPaths": ["%USERPROFILE%\\.ssh"]},
  "network": {"defaultPolicy": "allow", "blockedHosts": ["192.0.2.0/24", "evil.example.com."], "proxy": {"url": "http://proxy.corp:3128"}},
  "ui": {"disable": false, "clipboard": "write"},
  "processContainer": {"leastPrivilege": true, "capabilities": ["internetClient"]}
}"#
    ));
}

#[test]
fn absent_version_and_network_is_legacy_block() {
    insta::assert_snapshot!(check(
        Platform::Linux,
        r#"{"process": {"commandLine": "true"}}"#
    ));
}

/// Lowering alone, after the header, as the executor runs it before the schema stage has
/// finished: the diagnostics are only the header's and lowering's own.
fn lower_alone(json: &str) -> String {
    let (root, mut diags) = parse(SourceId(0), json.as_bytes(), Limits::default());
    let Some(root) = root else {
        return format!("syntax error: {diags:?}\n");
    };
    let header = header::read(&root, SourceId(0), Platform::Linux, false, &mut diags);
    let policy = crate::lower::lower(&root, &header, &mut diags);
    ir::diag::sort(&mut diags);
    let mut text = ir::printer::print(&policy);
    for d in &diags {
        let at = d
            .primary_span()
            .map_or("?", |s| json.get(s.range()).unwrap_or("?"));
        text.push_str(&format!(
            "{} {}: {} at `{at}`\n",
            d.severity, d.code, d.message
        ));
    }
    text
}

/// A number lowering cannot read is never dropped silently: with no error pointing at it, the
/// guard reports one (here no schema stage ran), and the port selector is left out rather than
/// widened to every port.
#[test]
fn unreadable_numbers_are_reported_not_dropped() {
    let mut out = String::new();
    for json in [
        r#"{"version": "0.8.0-alpha", "process": {"commandLine": "true", "timeout": 1e3}, "network": {"egress": {"allow": [{"to": [{"cidr": "10.0.0.0/8"}], "ports": [{"protocol": "tcp", "port": 443.0}, {"protocol": "udp", "port": 53}]}]}}}"#,
        r#"{"version": "0.8.0-alpha", "process": {"commandLine": "true", "timeout": "250"}, "network": {"egress": {"allow": [{"to": [{"cidr": "10.0.0.0/8"}], "ports": [{"protocol": "tcp", "port": 22, "endPort": 70000}]}]}}}"#,
        r#"{"version": "0.8.0-alpha", "process": {"commandLine": "true", "timeout": -0}, "network": {"defaultPolicy": "allow", "proxy": {"localhost": 8080e0}}}"#,
    ] {
        out.push_str(&lower_alone(json));
        out.push('\n');
    }
    insta::assert_snapshot!(out);
}

/// With the schema stage, every unreadable number carries the schema's error and the guard adds
/// none.
#[test]
fn the_guard_stays_quiet_when_the_schema_has_spoken() {
    let json = r#"{"version": "0.8.0-alpha", "process": {"commandLine": "true", "timeout": 1e3}, "network": {"egress": {"allow": [{"to": [{"cidr": "10.0.0.0/8"}], "ports": [{"protocol": "tcp", "port": 443.0}]}]}}}"#;
    let out = compile(SourceId(0), json.as_bytes(), &Options::default());
    let codes: Vec<&str> = out.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["MX1102", "MX1102"], "{:?}", out.diagnostics);
    assert!(
        out.diagnostics
            .iter()
            .all(|d| !d.message.starts_with("lowering cannot")),
        "{:?}",
        out.diagnostics
    );
}

/// A numeric field of the config, the config around one literal, and the lowered value.
struct NumericField {
    name: &'static str,
    /// The range of the field's Rust type as MXC reads it.
    range: (i128, i128),
    template: &'static str,
    read: fn(&Policy) -> Option<i128>,
}

const NUMERIC_FIELDS: [NumericField; 4] = [
    NumericField {
        name: "port",
        range: (1, 65535),
        template: r#"{"version": "0.8.0-alpha", "process": {"commandLine": "true"}, "network": {"egress": {"allow": [{"to": [{"cidr": "10.0.0.0/8"}], "ports": [{"protocol": "tcp", "port": @}]}]}}}"#,
        read: |p| {
            let rule = p.network.rules.first()?;
            let (start, end) = rule.ports.as_ref()?.first()?.range?;
            (start == end).then_some(i128::from(start))
        },
    },
    NumericField {
        name: "endPort",
        range: (1, 65535),
        template: r#"{"version": "0.8.0-alpha", "process": {"commandLine": "true"}, "network": {"egress": {"allow": [{"to": [{"cidr": "10.0.0.0/8"}], "ports": [{"protocol": "tcp", "port": 1, "endPort": @}]}]}}}"#,
        read: |p| {
            let rule = p.network.rules.first()?;
            let (_, end) = rule.ports.as_ref()?.first()?.range?;
            Some(i128::from(end))
        },
    },
    NumericField {
        name: "timeout",
        range: (0, 4_294_967_295),
        template: r#"{"version": "0.8.0-alpha", "process": {"commandLine": "true", "timeout": @}}"#,
        read: |p| {
            p.process
                .timeout
                .span
                .map(|_| i128::from(p.process.timeout.value))
        },
    },
    NumericField {
        name: "localhost",
        range: (1, 65535),
        template: r#"{"version": "0.8.0-alpha", "process": {"commandLine": "true"}, "network": {"defaultPolicy": "allow", "proxy": {"localhost": @}}}"#,
        read: |p| p.network.proxy.as_ref().map(|x| i128::from(x.port)),
    },
];

/// Spellings of a number: MXC reads only the plain integer literal as an integer.
fn spellings(value: i128) -> Vec<(String, bool)> {
    let mut out = vec![
        (value.to_string(), true),
        (format!("{value}.0"), false),
        (format!("{value}.000"), false),
        (format!("{value}e0"), false),
        (format!("{value}E+0"), false),
        (format!("{}.{}e1", value / 10, (value % 10).abs()), false),
        (format!("{value}.5"), false),
    ];
    if value != 0 {
        out.push((format!("{value}0e-1"), false));
    } else {
        out.push(("-0".to_owned(), false));
        out.push(("-0.0".to_owned(), false));
        out.push(("0e5".to_owned(), false));
    }
    out
}

/// Compiles one literal in one field: the error codes, and the lowered value when accepted.
fn compile_literal(
    field: &NumericField,
    literal: &str,
    exact: bool,
) -> (Vec<String>, Option<i128>) {
    let json = field.template.replace('@', literal);
    let options = Options {
        platform: Platform::Linux,
        exact,
        limits: Limits::default(),
    };
    let out = compile(SourceId(0), json.as_bytes(), &options);
    let codes: Vec<String> = out
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.code.as_str().to_owned())
        .collect();
    let value = out.policy.as_ref().and_then(field.read);
    (codes, value)
}

/// Accepted means written as a plain integer in range, and lowered to exactly that integer;
/// every other spelling is refused with MX1102 or MX1105, in both modes.
fn assert_literal(field: &NumericField, literal: &str, plain: bool) {
    let integer = literal.parse::<i128>().ok();
    let in_range = integer.is_some_and(|v| v >= field.range.0 && v <= field.range.1);
    for exact in [false, true] {
        let (codes, value) = compile_literal(field, literal, exact);
        let what = format!("{} = {literal} (exact: {exact}): {codes:?}", field.name);
        if plain && in_range {
            assert!(codes.is_empty(), "{what}");
            assert_eq!(value, integer, "{what}");
        } else {
            assert!(!codes.is_empty(), "{what}");
            assert!(
                codes.iter().all(|c| c == "MX1102" || c == "MX1105"),
                "{what}"
            );
        }
    }
}

#[test]
fn no_spelling_of_a_number_is_lost() {
    let big = "1".repeat(310);
    let edges = [
        "0",
        "1",
        "443",
        "65535",
        "65536",
        "4294967295",
        "4294967296",
        "-1",
        "-0",
        "18446744073709551615",
        "18446744073709551616",
        "1e400",
        "-1e400",
        "1e-400",
        &big,
    ];
    for field in &NUMERIC_FIELDS {
        for literal in edges {
            let plain = !literal.contains(['.', 'e', 'E']) && literal != "-0";
            assert_literal(field, literal, plain);
        }
        for value in [0, 1, 80, 443, 65535, 65536, 4_294_967_295] {
            for (literal, plain) in spellings(value) {
                assert_literal(field, &literal, plain);
            }
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
    #[test]
    fn accepted_numbers_lower_to_their_literal(
        field in 0..NUMERIC_FIELDS.len(),
        value in -10i128..70_000,
        spelling in 0usize..8,
    ) {
        let field = &NUMERIC_FIELDS[field];
        let all = spellings(value);
        let (literal, plain) = &all[spelling % all.len()];
        assert_literal(field, literal, *plain);
    }
}

/// serde's sequence form lowers to the same policy as the objects it stands for, so no value
/// written in it is dropped.
#[test]
fn sequence_form_lowers_like_objects() {
    let objects = r#"{"version": "0.8.0-alpha",
  "process": {"commandLine": "make", "cwd": "/work", "env": ["A=1"], "timeout": 60000},
  "filesystem": {"readwritePaths": ["/work"], "deniedPaths": ["/work/.git"]},
  "network": {"egress": {"default": "deny",
    "allow": [{"to": [{"cidr": "10.0.0.0/8", "except": ["10.1.0.0/16"]}], "ports": [{"protocol": "tcp", "port": 443, "endPort": 444}]}]},
    "ingress": {"default": "deny", "hostLoopback": "deny"}},
  "ui": {"disable": true, "clipboard": "none", "injection": false},
  "lifecycle": {"destroyOnExit": true, "preservePolicy": false}}"#;
    let sequences = r#"{"version": "0.8.0-alpha",
  "process": ["make", "/work", ["A=1"], 60000],
  "filesystem": [["/work"], null, ["/work/.git"]],
  "network": [null, null, null, null, null, null,
    ["deny", [[[["10.0.0.0/8", ["10.1.0.0/16"]]], [["tcp", 443, 444]]]], null],
    ["deny", "deny"]],
  "ui": [true, "none", false],
  "lifecycle": [true, false]}"#;
    let expected = check(Platform::Linux, objects);
    assert!(
        expected.contains("tcp/443-444") && !expected.contains("error"),
        "{expected}"
    );
    assert_eq!(check(Platform::Linux, sequences), expected);
}
