//! Differential suite: MXC's published JSON Schemas against mxcc's schema stage.
//!
//! Every contract fixture, and variants generated from it (a dropped required key, an unknown
//! key, an explicit `null`, an out-of-range port...), goes through MXC's schemas (read from
//! `conformance/mxc-schemas` under `MXCC_MXC_SHARED` at test time, run with the `jsonschema` crate) and through
//! mxcc's header and schema stages, in exact and production-compatible mode. Verdicts are
//! compared pairwise; every disagreement must be explained by a known class, each error on the
//! rejecting side mapped to a reason, or the test fails. The table is an insta file snapshot.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use compiler::{Limits, header, schema, syntax};
use ir::{Diagnostic, Platform, SourceId};
use jsonschema::error::ValidationErrorKind;
use serde_json::{Value, json};

/// One disagreement class: what differs, and why that is expected.
struct Class {
    id: &'static str,
    explanation: &'static str,
}

const CLASSES: &[Class] = &[
    Class {
        id: "stable-version-optional",
        explanation: "MXC's stable schemas leave `version` optional; the exact contracts (mxcc --exact, MX2004) require it.",
    },
    Class {
        id: "stable-open-objects",
        explanation: "MXC's stable 0.6 schema closes no object and the stable 0.7 one closes only the root; the exact contracts deny unknown fields in every object (MX1101).",
    },
    Class {
        id: "stable-nullable",
        explanation: "MXC's stable 0.8 schema types every optional property as nullable; the exact contract rejects explicit `null` (MX1106).",
    },
    Class {
        id: "stable-relaxed-required",
        explanation: "MXC's stable 0.8 schema dropped `commandLine` minLength and the required `lxc.distribution`/`lxc.release`; the exact contract keeps them (MX1107, MX1104).",
    },
    Class {
        id: "stable-proxy-one-object",
        explanation: "MXC's stable 0.8 schema types `network.proxy` as one object with three optional keys and `builtinTestServer` any boolean; the exact contract is a tagged enum: exactly one key (MX1110), `builtinTestServer` must be `true` (MX1103).",
    },
    Class {
        id: "stable-unbounded-timeout",
        explanation: "MXC's stable 0.6/0.7 schemas give `process.timeout` no maximum; the exact contracts read it as a u32, 0..4294967295 (MX1105).",
    },
    Class {
        id: "stable-no-capability-pattern",
        explanation: "Only the exact 0.8 contract restricts capability names (no comma, no reserved learning-mode names); the stable schemas accept any string (MX1109).",
    },
    Class {
        id: "stable-no-alias-conflict",
        explanation: "MXC's stable schemas accept a section together with its alias; the exact contracts reject the duplicate field (MX1108), as MXC's dev 0.8 schema does.",
    },
    Class {
        id: "stable-single-backend-rule",
        explanation: "MXC's stable 0.7 schema encodes the single-backend-section rule (`lxc` needs `containment: lxc`, ...) in an `allOf`; that is a cross-field rule, which mxcc checks in the validation stage (MX2xxx), not in the schema.",
    },
    Class {
        id: "stable-lacks-aliases",
        explanation: "MXC's stable 0.8 schema has no `appContainer` property and the stable 0.7/0.8 ones lack `macos_sandbox` (root key and containment value); the exact contracts accept both aliases.",
    },
    Class {
        id: "stable-lacks-state-aware",
        explanation: "MXC's stable schemas describe one-shot requests only; the exact 0.8 contract also has state-aware roots selected by `phase` (and provision `containment`).",
    },
    Class {
        id: "stable-lacks-experimental",
        explanation: "MXC's stable 0.8 schema has no `experimental`; the exact 0.8 contract has a closed one.",
    },
    Class {
        id: "dev-schema-lacks-aliases",
        explanation: "MXC's 0.9.0-dev schema omits the serde aliases `appContainer` and `macos_sandbox` (root key and containment value) that the production wire parser accepts; mxcc's wire model lists them.",
    },
    Class {
        id: "fixture-tests-one-shot-root",
        explanation: "The contract test deserializes this fixture into the one-shot root type; as a whole document it is a valid `exec` request, and MXC's own dev 0.8 schema accepts it too.",
    },
];

/// One input: a fixture or a variant of it.
struct Input {
    name: String,
    /// The exact version of the fixture's directory.
    version: &'static str,
    /// The fixture's own verdict, for unmodified fixtures.
    expected_valid: Option<bool>,
    value: Value,
}

/// An engine's verdict with its reasons: an empty list means valid.
struct Verdict {
    errors: Vec<Reasoned>,
}

/// One error on the rejecting side, with the class that explains it, if any.
struct Reasoned {
    text: String,
    class: Option<&'static str>,
}

impl Verdict {
    fn valid(&self) -> bool {
        self.errors.is_empty()
    }
}

fn version_of(dir: &str) -> Option<&'static str> {
    match dir {
        "v0_6_0_alpha" => Some("0.6.0-alpha"),
        "v0_7_0_alpha" => Some("0.7.0-alpha"),
        "v0_8_0_alpha" => Some("0.8.0-alpha"),
        _ => None,
    }
}

fn json_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            json_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
}

fn inputs() -> Vec<Input> {
    let root = crate::mxc_shared::conformance_dir().join("mxc-contract");
    let mut files = Vec::new();
    json_files(&root, &mut files);
    assert!(
        files.len() >= 70,
        "expected the contract fixtures under {}",
        root.display()
    );
    let mut inputs = Vec::new();
    for file in files {
        let relative = file
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let version = version_of(relative.split('/').next().unwrap()).unwrap();
        let name = relative.replace("/fixtures", "");
        let value: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let expected_valid = Some(relative.contains("/valid/"));
        for (variant, mutated) in variants(&value) {
            let name = if variant.is_empty() {
                name.clone()
            } else {
                format!("{name} +{variant}")
            };
            let expected_valid = if variant.is_empty() {
                expected_valid
            } else {
                None
            };
            inputs.push(Input {
                name,
                version,
                expected_valid,
                value: mutated,
            });
        }
    }
    inputs
}

/// The fixture itself, then mutations of it.
fn variants(value: &Value) -> Vec<(&'static str, Value)> {
    let mut out = vec![("", value.clone())];
    let mut with = |name: &'static str, edit: &dyn Fn(&mut serde_json::Map<String, Value>)| {
        let mut v = value.clone();
        if let Some(map) = v.as_object_mut() {
            edit(map);
        }
        if v != *value {
            out.push((name, v));
        }
    };
    let has_process = value.get("process").is_some_and(Value::is_object);
    with("unknown-root-key", &|m| {
        m.insert("unknownKey".into(), json!(true));
    });
    with("drop-version", &|m| {
        m.remove("version");
    });
    with("drop-process", &|m| {
        m.remove("process");
    });
    with("section-and-alias", &|m| {
        m.insert("processContainer".into(), json!({}));
        m.insert("appContainer".into(), json!({}));
    });
    with("lxc-section", &|m| {
        m.insert(
            "lxc".into(),
            json!({"distribution": "alpine", "release": "3.23"}),
        );
    });
    with("null-containerId", &|m| {
        m.insert("containerId".into(), Value::Null);
    });
    if has_process {
        let process = |edit: fn(&mut serde_json::Map<String, Value>)| {
            move |m: &mut serde_json::Map<String, Value>| {
                if let Some(p) = m.get_mut("process").and_then(Value::as_object_mut) {
                    edit(p);
                }
            }
        };
        with(
            "unknown-process-key",
            &process(|p| {
                p.insert("unknownKey".into(), json!(1));
            }),
        );
        with(
            "empty-commandLine",
            &process(|p| {
                p.insert("commandLine".into(), json!(""));
            }),
        );
        with(
            "null-cwd",
            &process(|p| {
                p.insert("cwd".into(), Value::Null);
            }),
        );
        with(
            "negative-timeout",
            &process(|p| {
                p.insert("timeout".into(), json!(-1));
            }),
        );
        with(
            "timeout-u32-overflow",
            &process(|p| {
                p.insert("timeout".into(), json!(4_294_967_296_u64));
            }),
        );
        for (name, proxy) in [
            ("proxy-port-65536", json!({"localhost": 65536})),
            ("proxy-port-0", json!({"localhost": 0})),
            ("proxy-builtin-false", json!({"builtinTestServer": false})),
            (
                "proxy-two-variants",
                json!({"localhost": 8080, "url": "http://p:1"}),
            ),
        ] {
            with(name, &move |m| {
                let network = m.entry("network").or_insert_with(|| json!({}));
                if let Some(n) = network.as_object_mut() {
                    n.insert("proxy".into(), proxy.clone());
                }
            });
        }
    }
    out
}

/// mxcc's header and schema stages; in exact mode the header's version errors count too.
fn mxcc(input: &Input, exact: bool) -> Verdict {
    let text = serde_json::to_string_pretty(&input.value).unwrap();
    let (root, mut diags) = syntax::parse(SourceId(0), text.as_bytes(), Limits::default());
    let root = root.unwrap();
    let header = header::read(&root, SourceId(0), Platform::Linux, exact, &mut diags);
    schema::check(&root, &header, &mut diags);
    let relevant = |d: &Diagnostic| {
        d.code.as_str().starts_with("MX11")
            || (exact
                && (d.code == header::MISSING_VERSION
                    || d.code == header::UNSUPPORTED_EXACT_VERSION))
    };
    let errors = diags
        .iter()
        .filter(|d| d.is_error() && relevant(d))
        .map(|d| {
            let excerpt = text
                .get(d.primary_span().unwrap_or_default().range())
                .unwrap_or("");
            Reasoned {
                text: format!("{} {}", d.code, d.message),
                class: mxcc_reason(input, d, excerpt),
            }
        })
        .collect();
    Verdict { errors }
}

/// Why mxcc rejects what an MXC stable schema accepts.
fn mxcc_reason(input: &Input, d: &Diagnostic, excerpt: &str) -> Option<&'static str> {
    let at_root = !d.message.contains("` in `");
    match (d.code.as_str(), input.version) {
        ("MX2004", _) => Some("stable-version-optional"),
        ("MX1101", "0.6.0-alpha") => Some("stable-open-objects"),
        ("MX1101", "0.7.0-alpha") if !at_root => Some("stable-open-objects"),
        ("MX1106", "0.8.0-alpha") => Some("stable-nullable"),
        ("MX1107", "0.8.0-alpha") if excerpt == "\"\"" => Some("stable-relaxed-required"),
        ("MX1104", "0.8.0-alpha") if d.message.contains("in `lxc`") => {
            Some("stable-relaxed-required")
        }
        ("MX1109", "0.8.0-alpha") => Some("stable-no-capability-pattern"),
        ("MX1110", "0.8.0-alpha") if d.message.contains("`network.proxy`") => {
            Some("stable-proxy-one-object")
        }
        ("MX1103", "0.8.0-alpha") if d.message.contains("`network.proxy.builtinTestServer`") => {
            Some("stable-proxy-one-object")
        }
        ("MX1105", "0.6.0-alpha" | "0.7.0-alpha")
            if d.message.contains("`process.timeout`") && !excerpt.starts_with('-') =>
        {
            Some("stable-unbounded-timeout")
        }
        ("MX1108", _) => Some("stable-no-alias-conflict"),
        _ => None,
    }
}

/// One of MXC's published schemas, compiled by the `jsonschema` crate.
struct Mxc {
    validator: jsonschema::Validator,
}

fn mxc_schema(path: &str) -> Mxc {
    let file = crate::mxc_shared::conformance_dir()
        .join("mxc-schemas")
        .join(path);
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let schema: Value = serde_json::from_str(&text).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    Mxc { validator }
}

fn mxc(
    schema: &Mxc,
    input: &Input,
    reason: fn(&Input, &jsonschema::ValidationError<'_>) -> Option<&'static str>,
) -> Verdict {
    let errors = schema
        .validator
        .iter_errors(&input.value)
        .map(|e| Reasoned {
            text: format!("{}: {}", e.instance_path().as_str(), short(&e.to_string())),
            class: reason(input, &e),
        })
        .collect();
    Verdict { errors }
}

fn short(text: &str) -> String {
    let line = text.lines().next().unwrap_or("");
    if line.chars().count() > 90 {
        format!("{}...", line.chars().take(87).collect::<String>())
    } else {
        line.to_owned()
    }
}

const ALIASES: [&str; 2] = ["appContainer", "macos_sandbox"];
const ALIAS_VALUES: [&str; 2] = ["appcontainer", "macos_sandbox"];
const STATE_AWARE_KEYS: [&str; 3] = ["phase", "sandboxId", "correlationVector"];

fn is_alias_error(input: &Input, e: &jsonschema::ValidationError<'_>) -> bool {
    let path = e.instance_path().as_str();
    match e.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            path.is_empty() && unexpected.iter().all(|k| ALIASES.contains(&k.as_str()))
        }
        _ if path == "/containment" => input
            .value
            .get("containment")
            .and_then(Value::as_str)
            .is_some_and(|c| ALIAS_VALUES.contains(&c)),
        _ => ALIASES.iter().any(|a| path.starts_with(&format!("/{a}"))),
    }
}

/// Why an MXC stable schema rejects what mxcc's exact contract accepts.
fn stable_reason(input: &Input, e: &jsonschema::ValidationError<'_>) -> Option<&'static str> {
    let path = e.instance_path().as_str();
    let state_aware = input.value.get("phase").is_some();
    if is_alias_error(input, e) {
        return Some("stable-lacks-aliases");
    }
    if input.version == "0.7.0-alpha" && e.schema_path().as_str().starts_with("/allOf/") {
        return Some("stable-single-backend-rule");
    }
    match e.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected } if path.is_empty() => {
            if unexpected
                .iter()
                .all(|k| STATE_AWARE_KEYS.contains(&k.as_str()))
            {
                Some("stable-lacks-state-aware")
            } else if unexpected.iter().all(|k| k == "experimental") {
                Some("stable-lacks-experimental")
            } else {
                None
            }
        }
        ValidationErrorKind::Required { .. } if path.is_empty() && state_aware => {
            Some("stable-lacks-state-aware")
        }
        _ if path == "/containment" && state_aware => Some("stable-lacks-state-aware"),
        _ => None,
    }
}

/// Why MXC's 0.9.0-dev schema rejects what mxcc's wire model accepts.
fn dev_reason(input: &Input, e: &jsonschema::ValidationError<'_>) -> Option<&'static str> {
    is_alias_error(input, e).then_some("dev-schema-lacks-aliases")
}

/// Why MXC's dev 0.8 exact schema disagrees with mxcc's exact 0.8 contract: no class yet.
fn no_reason(_: &Input, _: &jsonschema::ValidationError<'_>) -> Option<&'static str> {
    None
}

/// Known fixture verdicts mxcc's schema stage does not reproduce, by fixture name.
fn fixture_reason(name: &str) -> Option<&'static str> {
    (name == "v0_8_0_alpha/one_shot/invalid/state_aware.json")
        .then_some("fixture-tests-one-shot-root")
}

#[derive(Default)]
struct Tally {
    inputs: usize,
    agree: usize,
    disagree: usize,
}

struct Row {
    comparison: &'static str,
    input: String,
    mxcc_valid: bool,
    other_valid: bool,
    classes: BTreeSet<&'static str>,
    unexplained: Vec<String>,
}

#[test]
fn mxc_schemas_and_mxcc_agree_or_differ_for_known_reasons() {
    let stable: BTreeMap<&str, Mxc> = [
        (
            "0.6.0-alpha",
            mxc_schema("stable/mxc-config.schema.0.6.0-alpha.json"),
        ),
        (
            "0.7.0-alpha",
            mxc_schema("stable/mxc-config.schema.0.7.0-alpha.json"),
        ),
        (
            "0.8.0-alpha",
            mxc_schema("stable/mxc-config.schema.0.8.0-alpha.json"),
        ),
    ]
    .into_iter()
    .collect();
    let dev08 = mxc_schema("dev/mxc-config.schema.0.8.0-alpha.json");
    let dev09 = mxc_schema("dev/mxc-config.schema.0.9.0-dev.json");

    const EXACT_STABLE: &str = "mxcc --exact vs MXC stable schema of the same version";
    const EXACT_DEV: &str = "mxcc --exact vs MXC dev 0.8.0-alpha (0.8 inputs)";
    const WIRE_DEV: &str = "mxcc default vs MXC dev 0.9.0-dev";
    const EXACT_FIXTURE: &str = "mxcc --exact vs the fixture's valid/invalid directory";
    let comparisons = [EXACT_STABLE, EXACT_DEV, WIRE_DEV, EXACT_FIXTURE];

    let inputs = inputs();
    let mut tallies: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut rows = Vec::new();
    let mut record = |comparison: &'static str,
                      input: &Input,
                      mine: &Verdict,
                      other_valid: bool,
                      other: Option<&Verdict>| {
        let tally = tallies.entry(comparison).or_default();
        tally.inputs += 1;
        if mine.valid() == other_valid {
            tally.agree += 1;
            return;
        }
        tally.disagree += 1;
        // The rejecting side's errors must each carry a class.
        let rejecting = if mine.valid() { other } else { Some(mine) };
        let mut classes = BTreeSet::new();
        let mut unexplained = Vec::new();
        match rejecting {
            Some(verdict) => {
                for error in &verdict.errors {
                    match error.class {
                        Some(class) => {
                            classes.insert(class);
                        }
                        None => unexplained.push(error.text.clone()),
                    }
                }
            }
            None => match fixture_reason(&input.name) {
                Some(class) => {
                    classes.insert(class);
                }
                None => unexplained.push("fixture verdict".to_owned()),
            },
        }
        rows.push(Row {
            comparison,
            input: input.name.clone(),
            mxcc_valid: mine.valid(),
            other_valid,
            classes,
            unexplained,
        });
    };

    for input in &inputs {
        let exact = mxcc(input, true);
        let wire = mxcc(input, false);
        let stable_schema = &stable[input.version];
        let verdict = mxc(stable_schema, input, stable_reason);
        record(EXACT_STABLE, input, &exact, verdict.valid(), Some(&verdict));
        if input.version == "0.8.0-alpha" {
            let verdict = mxc(&dev08, input, no_reason);
            record(EXACT_DEV, input, &exact, verdict.valid(), Some(&verdict));
        }
        let verdict = mxc(&dev09, input, dev_reason);
        record(WIRE_DEV, input, &wire, verdict.valid(), Some(&verdict));
        if let Some(expected) = input.expected_valid {
            record(EXACT_FIXTURE, input, &exact, expected, None);
        }
    }

    let mut out = String::new();
    let fixtures = inputs.iter().filter(|i| i.expected_valid.is_some()).count();
    writeln!(out, "# MXC's published schemas vs mxcc's schema stage").unwrap();
    writeln!(out).unwrap();
    writeln!(
        out,
        "inputs: {} ({} contract fixtures, {} generated variants)",
        inputs.len(),
        fixtures,
        inputs.len() - fixtures
    )
    .unwrap();
    writeln!(out).unwrap();
    writeln!(out, "| comparison | inputs | agree | disagree |").unwrap();
    writeln!(out, "|---|---|---|---|").unwrap();
    for comparison in comparisons {
        let t = tallies.get(comparison).unwrap();
        writeln!(
            out,
            "| {comparison} | {} | {} | {} |",
            t.inputs, t.agree, t.disagree
        )
        .unwrap();
    }
    writeln!(out).unwrap();
    writeln!(out, "## Disagreement classes").unwrap();
    writeln!(out).unwrap();
    writeln!(out, "| class | disagreements | explanation |").unwrap();
    writeln!(out, "|---|---|---|").unwrap();
    for class in CLASSES {
        let count = rows.iter().filter(|r| r.classes.contains(class.id)).count();
        writeln!(out, "| {} | {count} | {} |", class.id, class.explanation).unwrap();
    }
    writeln!(out).unwrap();
    writeln!(out, "## Disagreements").unwrap();
    for comparison in comparisons {
        writeln!(out).unwrap();
        writeln!(out, "### {comparison}").unwrap();
        writeln!(out).unwrap();
        writeln!(out, "| input | mxcc | other | classes |").unwrap();
        writeln!(out, "|---|---|---|---|").unwrap();
        for row in rows.iter().filter(|r| r.comparison == comparison) {
            let verdict = |valid: bool| if valid { "valid" } else { "invalid" };
            let mut classes: Vec<String> = row.classes.iter().map(|c| (*c).to_owned()).collect();
            classes.extend(row.unexplained.iter().map(|u| format!("UNEXPLAINED: {u}")));
            writeln!(
                out,
                "| {} | {} | {} | {} |",
                row.input,
                verdict(row.mxcc_valid),
                verdict(row.other_valid),
                classes.join(", ")
            )
            .unwrap();
        }
    }

    let unexplained: Vec<String> = rows
        .iter()
        .filter(|r| !r.unexplained.is_empty())
        .map(|r| {
            format!(
                "{} [{}]: {}",
                r.input,
                r.comparison,
                r.unexplained.join("; ")
            )
        })
        .collect();
    assert!(
        unexplained.is_empty(),
        "unexplained disagreements:\n{}",
        unexplained.join("\n")
    );
    let unused: Vec<&str> = CLASSES
        .iter()
        .filter(|c| !rows.iter().any(|r| r.classes.contains(c.id)))
        .map(|c| c.id)
        .collect();
    assert!(
        unused.is_empty(),
        "classes that explain nothing any more: {unused:?}"
    );
    insta::assert_snapshot!("schema_differential", out);
}
