//! The compile suite: every corpus policy MXC accepts is compiled for every target of its
//! platform (`all-linux`, or `lxc` for LXC policies; `all-macos`, `all-windows`), and each run
//! must end one of two ways:
//! artifacts emitted with the soundness of their composition proved (refutations only inside
//! gaps the targets reported, as warnings), or a coded refusal (an MX5xxx error). An unsound
//! artifact the targets did not announce, or an internal verifier error, fails the suite.
//!
//! The emitted artifacts are goldens under `corpus/<case>/expected/`, compared byte for byte;
//! `MXCC_BLESS=1 cargo test -p tests compile` rewrites them. Path kinds come from a fixed
//! table (well-known file names are files, everything else a directory), so the goldens do
//! not depend on the machine that runs the tests.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use driver::compile::{CompileOptions, compile};
use driver::{CheckOptions, PlatformChoice};
use targets::{PathKind, PathProbe};

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus")
}

/// Well-known names that are files; every other path is taken to be a directory.
const FILE_NAMES: [&str; 8] = [
    ".env",
    ".env.local",
    ".gitmodules",
    ".mcp.json",
    ".envrc",
    "config",
    "credentials",
    "id_rsa",
];

fn path_probe(policy: &ir::Policy) -> PathProbe {
    let mut kinds = BTreeMap::new();
    for rule in &policy.filesystem.rules {
        let name = rule.raw.rsplit(['/', '\\']).next().unwrap_or("");
        let file = FILE_NAMES.contains(&name)
            || [".json", ".toml", ".yaml", ".conf", ".sock", ".txt"]
                .iter()
                .any(|e| name.ends_with(e));
        kinds.insert(
            rule.path.display.clone(),
            if file { PathKind::File } else { PathKind::Dir },
        );
    }
    PathProbe::Fixed(kinds)
}

fn home_for(platform: ir::Platform) -> &'static str {
    match platform {
        ir::Platform::Linux => "/home/dev",
        ir::Platform::Macos => "/Users/dev",
        ir::Platform::Windows => r"C:\Users\dev",
    }
}

/// Compiles one case; returns its summary line and its artifacts.
fn check(case: &str) -> Option<(String, BTreeMap<String, Vec<u8>>, bool)> {
    let dir = corpus_dir().join(case);
    let platform_text = std::fs::read_to_string(dir.join("platform")).ok()?;
    let platform = ir::Platform::parse(platform_text.trim())?;
    let check = CheckOptions {
        platform: PlatformChoice::Fixed(platform),
        ..CheckOptions::default()
    };
    let policy_path = dir.join("policy.json");
    let frontend = driver::check_paths(std::slice::from_ref(&policy_path), &check);
    let policy = frontend.files.first()?.policy.clone()?;
    if frontend.files.iter().any(|f| {
        f.diagnostics
            .iter()
            .any(|d| d.is_error() && !d.code.as_str().starts_with("MX3"))
    }) {
        return None;
    }
    let group = match platform {
        ir::Platform::Linux if policy.backend() == ir::Backend::Lxc => "lxc",
        ir::Platform::Linux => "all-linux",
        ir::Platform::Macos => "all-macos",
        ir::Platform::Windows => "all-windows",
    };
    let ids = targets::registry::resolve(group)?;
    let options = CompileOptions {
        check,
        targets: targets::Options {
            home_dir: Some(home_for(platform).to_owned()),
            paths: path_probe(&policy),
            ..targets::Options::default()
        },
    };
    let result = compile(&policy_path, &ids, &options);
    let diags = &result.report.diagnostics;
    let refusals: Vec<&str> = dedup(
        diags
            .iter()
            .filter(|d| d.is_error() && d.code.as_str().starts_with("MX5"))
            .map(|d| d.code.as_str()),
    );
    let in_gap = diags
        .iter()
        .filter(|d| d.code == verify::codes::ARTIFACT_UNSOUND && !d.is_error())
        .count();
    let unsound = diags.iter().any(|d| {
        d.is_error()
            && d.code.as_str().starts_with("MX40")
            && d.code != verify::codes::ARTIFACT_INCOMPLETE
    });
    let seccomp = diags.iter().any(|d| d.code.as_str() == "MX4012");
    let files: Vec<&str> = result
        .artifacts
        .keys()
        .map(String::as_str)
        .filter(|f| *f != targets::REPORT_FILE)
        .collect();
    let verdict = if !files.is_empty() {
        let soundness = match result.proofs.first().map(|p| &p.soundness) {
            Some(verify::Outcome::Proved) => "proved".to_owned(),
            // How many cells the enumeration lists inside the gaps depends on the solver's
            // models, so only the verdict is recorded.
            Some(verify::Outcome::Refuted(_)) if in_gap > 0 => {
                "holds outside reported gaps".to_owned()
            }
            Some(verify::Outcome::Refuted(_)) => "REFUTED".to_owned(),
            Some(verify::Outcome::Unknown(r)) => format!("UNKNOWN ({r})"),
            None => "no model".to_owned(),
        };
        format!("emitted {}; soundness {soundness}", files.join(" "))
    } else if !refusals.is_empty() {
        format!("refused {}", refusals.join(" "))
    } else {
        let errors: Vec<&str> = dedup(
            diags
                .iter()
                .filter(|d| d.is_error())
                .map(|d| d.code.as_str()),
        );
        let first = diags
            .iter()
            .find(|d| d.is_error())
            .map(|d| format!("{} {:?}", d.message, d.notes))
            .unwrap_or_default();
        format!(
            "nothing emitted and no refusal (errors: {}) {first}",
            errors.join(" ")
        )
    };
    let ok = !refusals.is_empty() || (!files.is_empty() && !unsound && !seccomp);
    Some((
        format!("{case:<40} {group:<12} {verdict}"),
        result.artifacts,
        ok,
    ))
}

fn dedup<'a>(codes: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut v: Vec<&str> = codes.collect();
    v.sort_unstable();
    v.dedup();
    v
}

#[test]
fn every_accepted_corpus_policy_compiles_soundly_or_is_refused() {
    let bless = std::env::var_os("MXCC_BLESS").is_some();
    let mut cases: Vec<String> = std::fs::read_dir(corpus_dir())
        .expect("corpus")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("policy.json").exists())
        .filter_map(|e| e.file_name().to_str().map(str::to_owned))
        .collect();
    cases.sort();
    let mut lines = Vec::new();
    let mut failures = Vec::new();
    for case in &cases {
        let Some((line, artifacts, ok)) = check(case) else {
            continue;
        };
        if !ok {
            failures.push(line.clone());
        }
        lines.push(line);
        let expected = corpus_dir().join(case).join("expected");
        if bless {
            let _ = std::fs::remove_dir_all(&expected);
            std::fs::create_dir_all(&expected).expect("expected dir");
            for (name, bytes) in &artifacts {
                std::fs::write(expected.join(name), bytes).expect("write golden");
            }
        } else {
            let mut on_disk: Vec<String> = std::fs::read_dir(&expected)
                .map(|d| {
                    d.filter_map(|e| e.ok()?.file_name().into_string().ok())
                        .collect()
                })
                .unwrap_or_default();
            on_disk.sort();
            let produced: Vec<String> = artifacts.keys().cloned().collect();
            assert_eq!(
                on_disk, produced,
                "{case}: golden file list differs (MXCC_BLESS=1 to update)"
            );
            for (name, bytes) in &artifacts {
                let golden = std::fs::read(expected.join(name)).unwrap_or_default();
                assert!(
                    golden == *bytes,
                    "{case}/expected/{name} differs from the emitted artifact (MXCC_BLESS=1 to update)"
                );
            }
        }
    }
    insta::assert_snapshot!("compile_summary", lines.join("\n"));
    assert!(
        failures.is_empty(),
        "unsound or unexplained compilations:\n{}",
        failures.join("\n")
    );
}
