//! The corpus suite: every `corpus/<case>/policy.json`, checked for the platform in its
//! `platform` file, with its diagnostics as a snapshot, and its kind (good, dangerous, broken,
//! from `corpus/README.md`) enforced: good cases raise nothing at warning level or above;
//! dangerous ones are valid MXC (no MX0–MX2 error) and draw at least one lint (MX3xxx); broken
//! ones are rejected by MXC's rules (an MX0–MX2 error).

use std::path::{Path, PathBuf};

use driver::{CheckOptions, PlatformChoice};

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus")
}

/// The kind of each case, from the table in `corpus/README.md`.
fn kinds() -> Vec<(String, String)> {
    let readme = std::fs::read_to_string(corpus_dir().join("README.md")).expect("corpus/README.md");
    readme
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let case = cells
                .get(1)?
                .trim_start_matches('[')
                .split('`')
                .nth(1)?
                .to_owned();
            let kind = (*cells.get(3)?).to_owned();
            matches!(kind.as_str(), "good" | "dangerous" | "broken").then_some((case, kind))
        })
        .collect()
}

/// Checks one case and renders its diagnostics one per line.
fn check(case: &str) -> (String, Counts) {
    let dir = corpus_dir().join(case);
    let platform = std::fs::read_to_string(dir.join("platform")).expect("platform file");
    let platform = ir::Platform::parse(platform.trim()).expect("known platform");
    let options = CheckOptions {
        platform: PlatformChoice::Fixed(platform),
        ..CheckOptions::default()
    };
    let report = driver::check_paths(&[dir.join("policy.json")], &options);
    let mut out = String::new();
    for file in &report.files {
        for d in &file.diagnostics {
            let at = d
                .primary_span()
                .map(|s| file.source.line_col(s.start).to_string())
                .unwrap_or_default();
            out.push_str(&format!("{at} {}[{}] {}\n", d.severity, d.code, d.message));
        }
    }
    let all: Vec<&ir::Diagnostic> = report.files.iter().flat_map(|f| &f.diagnostics).collect();
    let counts = Counts {
        frontend_errors: all
            .iter()
            .filter(|d| d.is_error() && !d.code.as_str().starts_with("MX3"))
            .count(),
        lints: all
            .iter()
            .filter(|d| d.code.as_str().starts_with("MX3"))
            .count(),
        warnings_or_worse: all
            .iter()
            .filter(|d| d.severity >= ir::Severity::Warning)
            .count(),
    };
    (out, counts)
}

struct Counts {
    frontend_errors: usize,
    lints: usize,
    warnings_or_worse: usize,
}

#[test]
fn corpus_cases_match_their_kind_and_snapshots() {
    let kinds = kinds();
    assert!(
        kinds.len() >= 30,
        "corpus/README.md lists {} cases",
        kinds.len()
    );
    let mut wrong = Vec::new();
    for (case, kind) in &kinds {
        let (text, c) = check(case);
        insta::assert_snapshot!(case.as_str(), text);
        let ok = match kind.as_str() {
            "good" => c.warnings_or_worse == 0,
            "dangerous" => c.frontend_errors == 0 && c.lints > 0,
            _ => c.frontend_errors > 0,
        };
        if !ok {
            wrong.push(format!("{case} ({kind}):\n{text}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "cases that contradict their kind:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn every_case_is_listed() {
    let listed: Vec<String> = kinds().into_iter().map(|(c, _)| c).collect();
    let mut on_disk: Vec<String> = std::fs::read_dir(corpus_dir())
        .expect("corpus dir")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("policy.json").exists())
        .filter_map(|e| e.file_name().to_str().map(str::to_owned))
        .collect();
    on_disk.sort();
    let missing: Vec<&String> = on_disk.iter().filter(|c| !listed.contains(c)).collect();
    assert!(
        missing.is_empty(),
        "cases missing from corpus/README.md: {missing:?}"
    );
}
