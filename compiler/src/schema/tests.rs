use ir::{Platform, SourceId};

use crate::schema::{bundle, check as check_schema, text, versions};
use crate::syntax::{Limits, parse};
use crate::{header, schema};

/// Runs the header and schema stages on one config and renders every diagnostic, with the
/// source text its primary label points at.
fn check(mode: &str, input: &str) -> String {
    let exact = mode == "exact";
    let (root, mut diags) = parse(SourceId(0), input.as_bytes(), Limits::default());
    let Some(root) = root else {
        return format!("syntax error: {diags:?}\n");
    };
    let header = header::read(&root, SourceId(0), Platform::Linux, exact, &mut diags);
    check_schema(&root, &header, &mut diags);
    ir::diag::sort(&mut diags);
    let mut out = format!("[{mode}] {}\n", input.trim());
    if diags.is_empty() {
        out.push_str("  ok\n");
    }
    for d in diags {
        let span = d.primary_span().unwrap_or_default();
        let excerpt = input.get(span.range()).unwrap_or("?");
        out.push_str(&format!("  {} {} at {:?}\n", d.code, d.message, excerpt));
        for label in &d.labels {
            out.push_str(&format!("    label: {}\n", label.message));
        }
        if let Some(help) = &d.help {
            out.push_str(&format!("    help: {help}\n"));
        }
        for note in &d.notes {
            out.push_str(&format!("    note: {note}\n"));
        }
    }
    out
}

/// Renders every case in both modes.
fn both(cases: &[&str]) -> String {
    let mut out = String::new();
    for case in cases {
        out.push_str(&check("wire", case));
        out.push_str(&check("exact", case));
        out.push('\n');
    }
    out
}

#[test]
fn every_bundled_schema_compiles() {
    for version in versions() {
        let compiled = bundle::compiled(version).map(|c| c.as_ref().map(|_| ()));
        assert_eq!(compiled, Some(Ok(())), "{version}");
        let document: serde_json::Value = serde_json::from_str(text(version).unwrap()).unwrap();
        assert_eq!(
            document["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
    }
    assert_eq!(text("0.5.0-alpha"), None);
}

#[test]
fn every_property_has_a_description() {
    fn walk(value: &serde_json::Value, at: &str, missing: &mut Vec<String>) {
        match value {
            serde_json::Value::Object(map) => {
                if let Some(props) = map.get("properties").and_then(|p| p.as_object()) {
                    for (key, prop) in props {
                        if prop.get("description").is_none() && !at.ends_with("/if") {
                            missing.push(format!("{at}/properties/{key}"));
                        }
                    }
                }
                for (key, child) in map {
                    walk(child, &format!("{at}/{key}"), missing);
                }
            }
            serde_json::Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    walk(child, &format!("{at}/{i}"), missing);
                }
            }
            _ => {}
        }
    }
    for version in versions() {
        let document: serde_json::Value = serde_json::from_str(text(version).unwrap()).unwrap();
        let mut missing = Vec::new();
        walk(&document, "#", &mut missing);
        missing.retain(|m| !m.contains("/if/"));
        assert!(missing.is_empty(), "{version}: {missing:?}");
    }
}

#[test]
fn valid_configs() {
    insta::assert_snapshot!(both(&[
        r#"{"version": "0.8.0-alpha", "process": {"commandLine": "echo hi"}}"#,
        r#"{"version": "0.7.0-alpha", "$schema": "x", "_comment": [1], "process": {"commandLine": "echo hi"}, "seatbelt": {"launchMethod": "open"}}"#,
        r#"{"version": "0.8.0-alpha", "phase": "exec", "sandboxId": "wslc:1", "process": {"commandLine": "ls"}}"#,
        r#"{"version": "0.8.0-alpha", "phase": "provision", "containment": "isolation_session", "network": {"defaultPolicy": "allow", "allowLocalNetwork": true}}"#,
    ]));
}

#[test]
fn unknown_field() {
    insta::assert_snapshot!(both(&[
        r#"{"version": "0.6.0-alpha", "process": {"commandLine": "x"}, "network": {"unknownField": true}}"#,
        r#"{"version": "0.8.0-alpha", "process": {"commandLine": "x"}, "network": {"defaultPolicyy": "allow"}}"#,
        r#"{"version": "0.7.0-alpha", "process": {"commandLine": "x"}, "experimental": {"test": {}}}"#,
        r#"{"version": "0.8.0-alpha", "process": {"commandLine": "x"}, "experimental": {"future": {"a": 1}, "wslc": {"newKnob": 1}}}"#,
        r#"{"version": "0.8.0-alpha", "phase": "stop", "sandboxId": "a:b", "unknown": true, "process": {"commandLine": "x"}}"#,
        r#"{"version": "0.8.0-alpha", "process": {"commandLine": "x", "a/b~c": 1, "env": {"~1": 2}}}"#,
    ]));
}

#[test]
fn wrong_type() {
    insta::assert_snapshot!(both(&[
        r#"{"version": "0.8.0-alpha", "process": {"commandLine": "x", "timeout": "10"}, "network": 5}"#,
        r#"{"version": 8, "process": {"commandLine": "x"}, "filesystem": {"readonlyPaths": ["/a", 3]}}"#,
        r#"{"version": "0.8.0-alpha", "process": {"commandLine": "x"}, "network": {"egress": {"allow": [{"to": [{"cidr": null}]}]}}}"#,
    ]));
}

#[test]
fn not_in_enum() {
    insta::assert_snapshot!(both(&[
        r#"{"version": "0.7.0-alpha", "containment": "seatbelt", "process": {"commandLine": "x"}, "seatbelt": {"launchMethod": "invalid"}}"#,
        r#"{"version": "0.8.0-alpha", "containment": "docker", "process": {"commandLine": "x"}, "network": {"egress": {"default": "block"}}}"#,
        r#"{"version": "0.6.0-alpha", "process": {"commandLine": "x"}, "network": {"proxy": {"builtinTestServer": false}}}"#,
        r#"{"version": "0.8.0-alpha", "phase": "run", "process": {"commandLine": "x"}}"#,
        r#"{"version": "0.8.0-alpha", "phase": "provision", "containment": "lxc"}"#,
    ]));
}

#[test]
fn missing_required_field() {
    insta::assert_snapshot!(both(&[
        r#"{"version": "0.6.0-alpha", "process": {"commandLine": "x"}, "lxc": {"distribution": "ubuntu"}}"#,
        r#"{"version": "0.8.0-alpha"}"#,
        r#"{"version": "0.8.0-alpha", "phase": "exec", "sandboxId": "a:b"}"#,
        r#"{"version": "0.8.0-alpha", "phase": "provision", "containment": "isolation_session", "network": {}}"#,
        r#"{"process": {"commandLine": "x"}}"#,
    ]));
}

#[test]
fn out_of_range() {
    insta::assert_snapshot!(both(&[
        r#"{"version": "0.6.0-alpha", "process": {"commandLine": "x", "timeout": -1}, "network": {"proxy": {"localhost": 65536}}}"#,
        r#"{"version": "0.8.0-alpha", "process": {"commandLine": "x", "timeout": 4294967296}, "network": {"egress": {"allow": [{"ports": [{"port": 0, "endPort": 70000}]}]}}}"#,
        r#"{"version": "0.8.0-alpha", "containment": "wslc", "process": {"commandLine": "x"}, "experimental": {"wslc": {"portMappings": [{"windowsPort": 65536, "containerPort": 80}]}}}"#,
    ]));
}

#[test]
fn explicit_null() {
    insta::assert_snapshot!(both(&[
        r#"{"version": "0.8.0-alpha", "process": {"commandLine": "x", "cwd": null}, "lxc": null, "network": {"defaultPolicy": null}}"#,
        r#"{"version": "0.6.0-alpha", "process": {"commandLine": null}}"#,
    ]));
}

#[test]
fn empty_string_or_array() {
    insta::assert_snapshot!(both(&[
        r#"{"version": "0.8.0-alpha", "process": {"commandLine": ""}}"#,
        r#"{"version": "0.8.0-alpha", "process": {"commandLine": "x"}, "network": {"egress": {"allow": [{"to": [], "ports": []}]}}}"#,
    ]));
}

#[test]
fn alias_pattern_and_member_count() {
    insta::assert_snapshot!(both(&[
        r#"{"version": "0.8.0-alpha", "process": {"commandLine": "x"}, "processContainer": {}, "appContainer": {}}"#,
        r#"{"version": "0.7.0-alpha", "process": {"commandLine": "x"}, "seatbelt": {}, "macos_sandbox": {}}"#,
        r#"{"version": "0.8.0-alpha", "process": {"commandLine": "x"}, "processContainer": {"capabilities": ["internetClient,privateNetworkClientServer", "LEARNINGmodeLOGGING", "registryRead"]}}"#,
        r#"{"version": "0.6.0-alpha", "process": {"commandLine": "x"}, "network": {"proxy": {}}}"#,
        r#"{"version": "0.7.0-alpha", "process": {"commandLine": "x"}, "network": {"proxy": {"localhost": 8080, "url": "http://p:1"}}}"#,
    ]));
}

#[test]
fn exact_mode_with_an_unsupported_version_uses_the_closest_contract() {
    insta::assert_snapshot!(both(&[
        r#"{"version": "0.9.0-alpha", "process": {"commandLine": "x"}, "seatbelt": {"guiAccess": 1}}"#,
        r#"{"version": "0.6.1-alpha", "process": {"commandLine": "x"}, "seatbelt": {}}"#,
        r#"{"version": "0.4.0-alpha", "process": {"commandLine": "x"}}"#,
    ]));
}

#[test]
fn one_mistake_gives_one_diagnostic() {
    for case in [
        r#"{"version": "0.8.0-alpha", "process": {"commandLine": "x"}, "network": {"enforcementMode": 3}}"#,
        r#"{"version": "0.8.0-alpha", "process": {"commandLine": "x"}, "network": {"proxy": {"localhost": "8080"}}}"#,
        r#"{"version": "0.8.0-alpha", "process": {"commandLine": "x"}, "ui": {"clipboard": "readwrite"}}"#,
    ] {
        for mode in ["wire", "exact"] {
            let out = check(mode, case);
            assert_eq!(out.matches("  MX").count(), 1, "{out}");
        }
    }
    assert_eq!(schema::OTHER.as_str(), "MX1199");
}

const WORDS: &[&str] = &[
    "version",
    "0.6.0-alpha",
    "0.7.0-alpha",
    "0.8.0-alpha",
    "process",
    "commandLine",
    "network",
    "proxy",
    "localhost",
    "url",
    "egress",
    "allow",
    "deny",
    "to",
    "cidr",
    "ports",
    "port",
    "phase",
    "exec",
    "provision",
    "containment",
    "wslc",
    "isolation_session",
    "experimental",
    "portMappings",
    "windowsPort",
    "lxc",
    "release",
    "processContainer",
    "appContainer",
    "capabilities",
    "seatbelt",
    "macos_sandbox",
    "a/b~c",
    "",
];

fn arb_json() -> impl proptest::strategy::Strategy<Value = serde_json::Value> {
    use proptest::prelude::*;
    let word = proptest::sample::select(WORDS).prop_map(serde_json::Value::from);
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        (0u64..70_000).prop_map(serde_json::Value::from),
        word,
    ];
    leaf.prop_recursive(5, 64, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::from),
            proptest::collection::vec((proptest::sample::select(WORDS), inner), 0..6).prop_map(
                |members| {
                    let map: serde_json::Map<String, serde_json::Value> = members
                        .into_iter()
                        .map(|(k, v)| (k.to_owned(), v))
                        .collect();
                    serde_json::Value::Object(map)
                }
            ),
        ]
    })
}

proptest::proptest! {
    #[test]
    fn never_panics_and_spans_stay_in_the_source(
        members in proptest::collection::vec((proptest::sample::select(WORDS), arb_json()), 0..6),
        exact in proptest::prelude::any::<bool>(),
    ) {
        let map: serde_json::Map<String, serde_json::Value> =
            members.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
        let text = serde_json::Value::Object(map).to_string();
        let (root, mut diags) = parse(SourceId(0), text.as_bytes(), Limits::default());
        let root = root.unwrap();
        let header = header::read(&root, SourceId(0), Platform::Linux, exact, &mut diags);
        diags.clear();
        check_schema(&root, &header, &mut diags);
        for d in &diags {
            let span = d.primary_span().unwrap();
            proptest::prop_assert!(span.end as usize <= text.len(), "{d:?}");
            proptest::prop_assert!(d.code.as_str().starts_with("MX11"), "{d:?}");
            proptest::prop_assert!(!d.message.is_empty());
        }
    }
}

/// MXC reads every numeric field as a Rust integer, and `serde_json` reads a literal with a
/// fraction or an exponent, or `-0`, as a float: refused even when its value is whole. A literal
/// beyond `f64` is refused wherever it is; one beyond `u64` is a float to MXC, out of range here.
#[test]
fn integral_floats_and_wide_numbers() {
    let big = "1".repeat(310);
    let cases = [
        r#"{"version": "0.8.0-alpha", "process": {"commandLine": "x"}, "network": {"egress": {"allow": [{"to": [{"cidr": "10.0.0.0/8"}], "ports": [{"protocol": "tcp", "port": 443.0}]}]}}}"#.to_owned(),
        r#"{"version": "0.8.0-alpha", "process": {"commandLine": "x"}, "network": {"egress": {"allow": [{"to": [{"cidr": "10.0.0.0/8"}], "ports": [{"protocol": "tcp", "port": 443e0, "endPort": 4.45e2}]}]}}}"#.to_owned(),
        r#"{"version": "0.8.0-alpha", "process": {"commandLine": "x", "timeout": 0.0}}"#.to_owned(),
        r#"{"version": "0.8.0-alpha", "process": {"commandLine": "x", "timeout": 1e3}}"#.to_owned(),
        r#"{"version": "0.8.0-alpha", "process": {"commandLine": "x", "timeout": -0}}"#.to_owned(),
        r#"{"version": "0.8.0-alpha", "process": {"commandLine": "x", "timeout": 1e400}}"#.to_owned(),
        format!(r#"{{"version": "0.8.0-alpha", "process": {{"commandLine": "x", "timeout": {big}}}}}"#),
        r#"{"version": "0.8.0-alpha", "process": {"commandLine": "x", "timeout": 18446744073709551616}}"#.to_owned(),
        r#"{"version": "0.8.0-alpha", "process": {"commandLine": "x", "timeout": 1e10}}"#.to_owned(),
        r#"{"version": "0.6.0-alpha", "process": {"commandLine": "x"}, "network": {"proxy": {"localhost": 8080.0}}}"#.to_owned(),
        r#"{"version": "0.8.0-alpha", "process": {"commandLine": "x"}, "network": {"egress": {"allow": [{"to": [{"cidr": "10.0.0.0/8"}], "ports": [{"port": -0}]}]}}}"#.to_owned(),
        r#"{"version": "0.8.0-alpha", "containment": "wslc", "process": {"commandLine": "x"}, "experimental": {"wslc": {"memoryMb": 1.8446744073709552e19, "cpuCount": 2.5}}}"#.to_owned(),
        // Anywhere a value of any type is allowed, a float is fine, but not a number beyond `f64`.
        r#"{"version": "0.8.0-alpha", "_comment": [443.0, -0, 1e-400, 18446744073709551616], "process": {"commandLine": "x"}}"#.to_owned(),
        r#"{"version": "0.8.0-alpha", "_comment": {"n": -1.8e308}, "containerId": 1e400, "process": {"commandLine": "x"}}"#.to_owned(),
    ];
    let cases: Vec<&str> = cases.iter().map(String::as_str).collect();
    insta::assert_snapshot!(both(&cases));
}

#[test]
fn whole_values_of_literals() {
    use crate::schema::numbers::whole_value;
    for (raw, expected) in [
        ("443", Some(443)),
        ("443.0", Some(443)),
        ("443e0", Some(443)),
        ("4.43e2", Some(443)),
        ("4430e-1", Some(443)),
        ("4430E-1", Some(443)),
        ("1e+3", Some(1000)),
        ("-0", Some(0)),
        ("-0.0", Some(0)),
        ("0e999999", Some(0)),
        ("443.5", None),
        ("1e-400", None),
        ("-12.50e1", Some(-125)),
        ("1e38", None),
        ("1e37", Some(10_i128.pow(37))),
        ("1e99999999999999999999", None),
    ] {
        assert_eq!(whole_value(raw), expected, "{raw}");
    }
}
