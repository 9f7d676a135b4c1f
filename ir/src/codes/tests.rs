//! The registry's own invariants: unique codes and names, each code in its family's range,
//! and documentation with a summary, what it means, an example and what to do.

use std::collections::BTreeSet;

use crate::codes::{CodeInfo, all};

fn range(family: &str) -> Option<char> {
    match family {
        "io" => Some('0'),
        "syntax" => Some('1'),
        "validation" => Some('2'),
        "proofs" => Some('4'),
        "targets" => Some('5'),
        "executor" => Some('6'),
        _ => None,
    }
}

fn problems(entry: &CodeInfo) -> Vec<String> {
    let mut out = Vec::new();
    let code = entry.code.as_str();
    let well_formed = code.len() == 6
        && code.starts_with("MX")
        && code.bytes().skip(2).all(|b| b.is_ascii_digit());
    if !well_formed {
        out.push("is not `MX` and four digits".to_owned());
    }
    if code.chars().nth(2) != range(entry.family) {
        out.push(format!("is outside the range of family `{}`", entry.family));
    }
    let kebab = !entry.name.is_empty()
        && entry
            .name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !kebab {
        out.push(format!("name `{}` is not kebab-case", entry.name));
    }
    if entry.doc.summary().is_empty() {
        out.push("has no summary".to_owned());
    }
    for title in ["What it means", "Example", "What to do"] {
        if entry.doc.section(title).is_none_or(|body| body.is_empty()) {
            out.push(format!("has no `## {title}` section"));
        }
    }
    let example = entry.doc.section("Example").unwrap_or_default();
    if !example.contains("```") {
        out.push("has no code block in its example".to_owned());
    }
    out
}

#[test]
fn every_code_is_unique_in_range_and_documented() {
    let mut codes = BTreeSet::new();
    let mut names = BTreeSet::new();
    let mut failures = Vec::new();
    for entry in all() {
        if !codes.insert(entry.code) {
            failures.push(format!("{} is registered twice", entry.code));
        }
        if !names.insert(entry.name) {
            failures.push(format!("{}: name `{}` is taken", entry.code, entry.name));
        }
        for problem in problems(entry) {
            failures.push(format!("{} {problem}", entry.code));
        }
    }
    let listed: Vec<_> = all().map(|e| e.code).collect();
    let mut sorted = listed.clone();
    sorted.sort();
    if listed != sorted {
        failures.push("the families do not list their codes in code order".to_owned());
    }
    assert!(
        failures.is_empty(),
        "{} problem(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}
