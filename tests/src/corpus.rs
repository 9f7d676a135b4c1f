//! The corpus suite: every `corpus/<case>/policy.json`, checked for the platform in its
//! `platform` file, with its diagnostics as a snapshot, and its kind (good, dangerous, broken,
//! from `corpus/README.md`) enforced: good and dangerous cases are valid MXC (no error), broken
//! ones are rejected, and good ones raise no warning either.

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
fn check(case: &str) -> (String, usize, usize) {
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
    let (errors, warnings, _) = report.counts();
    (out, errors, warnings)
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
        let (text, errors, warnings) = check(case);
        insta::assert_snapshot!(case.as_str(), text);
        let ok = match kind.as_str() {
            "good" => errors == 0 && warnings == 0,
            "dangerous" => errors == 0,
            _ => errors > 0,
        };
        if !ok {
            wrong.push(format!(
                "{case} ({kind}): {errors} errors, {warnings} warnings\n{text}"
            ));
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
