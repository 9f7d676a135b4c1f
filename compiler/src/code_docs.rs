//! The examples in the documentation of every MX1xxx and MX2xxx code run as tests: the
//! `## Example` policy must be reported with its code, and the policy under `## What to do`
//! must not be.

use ir::codes::{CodeInfo, Example, syntax, validation};
use ir::{Code, Diagnostic, SourceId};

use crate::{Options, compile};

/// Codes whose example cannot be a JSON policy, and why.
const PROSE_EXAMPLES: &[(Code, &str)] = &[
    (
        syntax::INVALID_UTF8,
        "the input is not UTF-8, which a Markdown example cannot hold",
    ),
    (
        syntax::TOO_DEEP,
        "the input nests deeper than the limit: hundreds of brackets",
    ),
    (
        syntax::TOO_LARGE,
        "the input is larger than the limit: megabytes",
    ),
    (
        syntax::SCHEMA_BROKEN,
        "a bundled schema failed to compile: a bug in mxcc, no input causes it",
    ),
    (
        syntax::OTHER,
        "the fallback for schema keywords the report does not map; the bundled schemas use none",
    ),
];

/// Codes that another stage's code always supersedes today: (code, the code reported
/// instead, why). Their examples must be reported with the other code and never with their
/// own, so that the table is updated the day they become reachable.
const SUPERSEDED: &[(Code, Code, &str)] = &[
    (
        validation::EMPTY_RULE_ARRAY,
        syntax::EMPTY,
        "the schema stage reports an empty `to` or `ports` first, and one problem gets one error",
    ),
    (
        validation::WSLC_PORT_ZERO,
        syntax::OUT_OF_RANGE,
        "the schemas set `minimum: 1` on WSLC port mappings, so port 0 is out of range first",
    ),
];

fn diagnostics(example: &Example) -> Vec<Diagnostic> {
    let options = Options {
        platform: example.platform,
        exact: example.exact,
        ..Options::default()
    };
    compile(SourceId(0), example.json.as_bytes(), &options).diagnostics
}

fn problems(entry: &CodeInfo) -> Vec<String> {
    let code = entry.code;
    let prose = PROSE_EXAMPLES.iter().any(|(c, _)| *c == code);
    let superseded = SUPERSEDED.iter().find(|(c, _, _)| *c == code);
    let mut out = Vec::new();
    match entry.doc.example("Example") {
        Some(example) if let Some((_, instead, _)) = superseded => {
            let found = diagnostics(&example);
            if found.iter().any(|d| d.code == code) {
                out.push(format!("{code} is now reported: remove it from SUPERSEDED"));
            }
            if !found.iter().any(|d| d.code == *instead) {
                out.push(format!("the example is not reported with {instead}"));
            }
        }
        Some(example) => {
            let found = diagnostics(&example);
            if !found.iter().any(|d| d.code == code) {
                let got: Vec<&str> = found.iter().map(|d| d.code.as_str()).collect();
                out.push(format!(
                    "the example is not reported with {code} (got {got:?})"
                ));
            }
        }
        None if prose => {}
        None => out.push("the example has no ```json policy".to_owned()),
    }
    if let Some(fixed) = entry.doc.example("What to do") {
        let found = diagnostics(&fixed);
        if found.iter().any(|d| d.code == code) {
            out.push(format!(
                "the policy under `What to do` is still reported with {code}"
            ));
        }
        let errors: Vec<String> = found
            .iter()
            .filter(|d| d.is_error())
            .map(|d| format!("{} {}", d.code, d.message))
            .collect();
        if !errors.is_empty() {
            out.push(format!(
                "the policy under `What to do` has errors: {errors:?}"
            ));
        }
    }
    out
}

#[test]
fn every_frontend_code_example_runs() {
    let mut failures = Vec::new();
    for entry in ir::codes::syntax::CODES
        .iter()
        .chain(ir::codes::validation::CODES)
    {
        for problem in problems(entry) {
            failures.push(format!("{}: {problem}", entry.code));
        }
    }
    assert!(
        failures.is_empty(),
        "{} problem(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}
