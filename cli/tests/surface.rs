//! The command-line surface every subcommand shares: exit codes and `--fail-on`, `mxcc run`'s
//! arguments, the global options (`--color`, `--quiet`, `--output`, `--select`, `--ignore`,
//! `--statistics`), completions and the man page, and code frames of huge one-line files.
//! Runs the real `mxcc` binary and records stdout, stderr and the exit code.

#![expect(
    clippy::expect_used,
    reason = "test helpers outside `#[test]` functions may fail loudly"
)]

use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "support/transcript.rs"]
mod support;
use support::transcript;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Runs `mxcc` with arguments from the workspace root; returns a snapshot-ready transcript in
/// which the scratch directory reads `$TMP`.
fn check(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_mxcc"))
        .args(args)
        .current_dir(root())
        .env_remove("NO_COLOR")
        .output()
        .expect("mxcc runs");
    transcript(&format!("$ mxcc {}", args.join(" ")), &out)
        .replace(&scratch_root().display().to_string(), "$TMP")
}

fn exit_code(transcript: &str) -> &str {
    transcript.lines().nth(1).unwrap_or_default()
}

fn stdout(transcript: &str) -> &str {
    let start = transcript.find("--- stdout\n").map_or(0, |i| i + 11);
    let end = transcript.find("--- stderr\n").unwrap_or(transcript.len());
    transcript.get(start..end).unwrap_or_default()
}

fn scratch_root() -> PathBuf {
    std::env::temp_dir().join(format!("mxcc-surface-{}", std::process::id()))
}

/// A fresh scratch directory for one test, holding the given files.
fn scratch(test: &str, files: &[(&str, &[u8])]) -> PathBuf {
    let dir = scratch_root().join(test);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    for (name, bytes) in files {
        std::fs::write(dir.join(name), bytes).expect("scratch file");
    }
    dir
}

fn path(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

const GOOD: &str = "corpus/coding-agent-bwrap/policy.json";
const BROKEN: &str = "corpus/broken-cidr-host-bits/policy.json";
const SYNTAX_ERROR: &str = "corpus/broken-trailing-data/policy.json";
const DANGEROUS: &str = "corpus/egress-allow-all/policy.json";
const MISSING: &str = "no/such/policy.json";

/// The dangerous cases of `corpus/README.md`, with their platforms.
fn dangerous_cases() -> Vec<(String, String)> {
    let readme = std::fs::read_to_string(root().join("corpus/README.md")).expect("corpus README");
    readme
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let case = cells.get(1)?.split('`').nth(1)?;
            let platform = cells.get(2)?;
            (cells.get(3) == Some(&"dangerous")).then(|| (case.to_owned(), (*platform).to_owned()))
        })
        .collect()
}

#[test]
fn every_dangerous_policy_fails_at_warning() {
    let cases = dangerous_cases();
    assert_eq!(cases.len(), 24, "{cases:?}");
    let mut passed_by_default = 0;
    for (case, platform) in &cases {
        let policy = format!("corpus/{case}/policy.json");
        let t = check(&["check", "--platform", platform, &policy]);
        if exit_code(&t) == "exit: 0" {
            passed_by_default += 1;
        }
        let t = check(&[
            "check",
            "--fail-on",
            "warning",
            "--platform",
            platform,
            &policy,
        ]);
        assert_eq!(exit_code(&t), "exit: 1", "{t}");
    }
    // Warnings alone still pass by default.
    assert!(passed_by_default >= 10, "{passed_by_default}");
}

#[test]
fn fail_on_warning_with_quiet_shows_the_failing_warnings() {
    let t = check(&["check", "--quiet", "--fail-on", "warning", DANGEROUS]);
    assert_eq!(exit_code(&t), "exit: 1", "{t}");
    insta::assert_snapshot!(t);
}

#[test]
fn quiet_keeps_only_the_summary_below_the_threshold() {
    let t = check(&["check", "-q", DANGEROUS]);
    assert_eq!(exit_code(&t), "exit: 0", "{t}");
    insta::assert_snapshot!(t);
}

#[test]
fn fail_on_from_mxcc_toml_and_the_flag_wins() {
    let policy = std::fs::read(root().join(DANGEROUS)).expect("policy");
    let dir = scratch(
        "fail-on",
        &[
            ("policy.json", &policy),
            ("mxcc.toml", b"fail-on = \"warning\"\n"),
        ],
    );
    let file = dir.join("policy.json");
    let t = check(&["check", "-q", path(&file)]);
    assert_eq!(exit_code(&t), "exit: 1", "the file's fail-on applies:\n{t}");
    let t = check(&["check", "-q", "--fail-on", "error", path(&file)]);
    assert_eq!(exit_code(&t), "exit: 0", "the flag wins:\n{t}");
    std::fs::write(dir.join("mxcc.toml"), "fail-on = \"fatal\"\n").expect("write");
    let t = check(&["check", "-q", path(&file)]);
    assert_eq!(
        exit_code(&t),
        "exit: 2",
        "an invalid mxcc.toml is a usage error:\n{t}"
    );
    insta::assert_snapshot!(t);
}

/// 0 clean, 1 policy findings (a syntax or schema error included), 2 usage or IO errors, in
/// every command that reads policies.
#[test]
fn exit_codes_are_the_same_in_every_command() {
    let mut table = String::new();
    let cases: &[(&str, &[&str])] = &[
        ("0", &["check", GOOD]),
        ("1", &["check", BROKEN]),
        ("1", &["check", SYNTAX_ERROR]),
        ("2", &["check", MISSING]),
        ("2", &["check", "--fail-on", "fatal", GOOD]),
        ("1", &["check", "--baseline", SYNTAX_ERROR, GOOD]),
        ("2", &["check", "--baseline", MISSING, GOOD]),
        ("0", &["diff", GOOD, GOOD]),
        ("1", &["diff", GOOD, "corpus/home-writable/policy.json"]),
        ("1", &["diff", BROKEN, GOOD]),
        ("1", &["diff", GOOD, SYNTAX_ERROR]),
        ("2", &["diff", MISSING, GOOD]),
        ("2", &["diff", GOOD]),
        ("0", &["prove", GOOD]),
        (
            "1",
            &[
                "prove",
                "corpus/tmp-writable/policy.json",
                "--guardrail",
                GOOD,
            ],
        ),
        ("1", &["prove", BROKEN]),
        ("1", &["prove", SYNTAX_ERROR]),
        ("1", &["prove", GOOD, "--guardrail", SYNTAX_ERROR]),
        ("2", &["prove", MISSING]),
        ("2", &["prove", GOOD, "--properties", MISSING]),
        ("2", &["prove", GOOD, "--guardrail", MISSING]),
        ("0", &["compile", "--target", "bwrap", GOOD]),
        ("1", &["compile", "--target", "bwrap", BROKEN]),
        ("2", &["compile", "--target", "plan9", GOOD]),
        ("0", &["rules"]),
        ("0", &["explain", "MX3001"]),
        ("2", &["explain", "MX9999"]),
        ("2", &["schema", "--version", "0.1"]),
        ("2", &["check", "--no-such-flag", GOOD]),
        ("2", &["run", MISSING]),
        ("2", &["run", "--no-such-flag", GOOD]),
        ("125", &["run", "--dry-run", BROKEN]),
        ("0", &["run", "--help"]),
        ("0", &["run", GOOD, "--help"]),
    ];
    for (expected, args) in cases {
        let t = check(args);
        let got = exit_code(&t).trim_start_matches("exit: ");
        assert_eq!(got, *expected, "{t}");
        table.push_str(&format!("{got:>3}  mxcc {}\n", args.join(" ")));
    }
    insta::assert_snapshot!(table);
}

#[test]
fn diff_fails_on_removed_access_only_at_info() {
    let base = br#"{"version": "0.8.0-alpha", "process": {"commandLine": "make", "cwd": "/work"},
"filesystem": {"readonlyPaths": ["/work", "/opt/sdk"]}}"#;
    let new = br#"{"version": "0.8.0-alpha", "process": {"commandLine": "make", "cwd": "/work"},
"filesystem": {"readonlyPaths": ["/work"]}}"#;
    let dir = scratch("diff-less", &[("base.json", base), ("new.json", new)]);
    let (base, new) = (dir.join("base.json"), dir.join("new.json"));
    let t = check(&["diff", "--platform", "linux", path(&base), path(&new)]);
    assert_eq!(exit_code(&t), "exit: 0", "{t}");
    let t = check(&[
        "diff",
        "--platform",
        "linux",
        "--fail-on",
        "info",
        path(&base),
        path(&new),
    ]);
    assert_eq!(exit_code(&t), "exit: 1", "{t}");
}

#[test]
fn run_has_documented_options() {
    let t = check(&["run", "--help"]);
    for option in [
        "--dry-run",
        "--artifacts",
        "--emit-artifacts",
        "--no-baseline",
        "[CMD]",
        "125",
    ] {
        assert!(stdout(&t).contains(option), "{option} missing:\n{t}");
    }
    let t = check(&["run", MISSING]);
    insta::assert_snapshot!(t);
}

#[test]
fn color_always_colours_and_auto_does_not_in_a_pipe() {
    let t = check(&["check", "--color", "always", BROKEN]);
    assert!(stdout(&t).contains("\x1b["), "{t}");
    for args in [
        &["check", BROKEN][..],
        &["check", "--color", "never", BROKEN],
    ] {
        let t = check(args);
        assert!(!t.contains('\x1b'), "{t}");
    }
}

#[test]
fn output_writes_the_report_to_a_file() {
    let dir = scratch("output", &[]);
    let report = dir.join("report.json");
    let t = check(&["check", "--format", "json", "-o", path(&report), BROKEN]);
    assert_eq!(exit_code(&t), "exit: 1", "{t}");
    assert_eq!(stdout(&t), "", "{t}");
    let written = std::fs::read_to_string(&report).expect("report written");
    assert!(written.contains("\"MX2103\""), "{written}");
    let t = check(&["check", "-o", path(&dir.join("no/such/dir/r.txt")), GOOD]);
    assert_eq!(exit_code(&t), "exit: 2", "{t}");
}

#[test]
fn select_and_ignore_on_the_command_line() {
    let t = check(&["check", "--statistics", DANGEROUS]);
    insta::assert_snapshot!("statistics", t);
    let t = check(&["check", "--statistics", "--select", "MX3012", DANGEROUS]);
    insta::assert_snapshot!("statistics_select", t);
    let t = check(&["check", "--statistics", "--ignore", "MX30", DANGEROUS]);
    assert!(!stdout(&t).contains("MX30"), "{t}");
    let t = check(&["check", "--select", "MX99", DANGEROUS]);
    assert_eq!(exit_code(&t), "exit: 2", "{t}");
    insta::assert_snapshot!("unknown_selector", t);
}

#[test]
fn command_line_select_overrides_the_file_ignore() {
    let policy = std::fs::read(root().join(DANGEROUS)).expect("policy");
    let dir = scratch(
        "select",
        &[
            ("policy.json", &policy),
            ("mxcc.toml", b"ignore = [\"ALL\"]\n"),
        ],
    );
    let file = dir.join("policy.json");
    let t = check(&["check", "--format", "json", path(&file)]);
    assert!(
        !stdout(&t).contains("\"MX30"),
        "the file ignores every rule:\n{t}"
    );
    let t = check(&["check", "--format", "json", "--select", "MX30", path(&file)]);
    assert!(stdout(&t).contains("\"MX30"), "--select wins:\n{t}");
}

#[test]
fn statistics_as_json() {
    let t = check(&["check", "--statistics", "--format", "json", DANGEROUS]);
    let rows: serde_json::Value = serde_json::from_str(stdout(&t)).expect("json");
    assert!(rows.as_array().is_some_and(|r| !r.is_empty()), "{t}");
    let t = check(&["check", "--statistics", "--format", "sarif", DANGEROUS]);
    assert_eq!(exit_code(&t), "exit: 2", "{t}");
}

#[test]
fn completions_and_man_page() {
    let t = check(&["completions", "bash"]);
    assert_eq!(exit_code(&t), "exit: 0", "{t}");
    assert!(
        stdout(&t).contains("check") && stdout(&t).contains("--fail-on"),
        "{t}"
    );
    let t = check(&["man"]);
    assert_eq!(exit_code(&t), "exit: 0", "{t}");
    assert!(
        stdout(&t).starts_with(".ie") || stdout(&t).contains(".TH mxcc"),
        "{t}"
    );
    assert!(stdout(&t).contains("Exit codes"), "{t}");
    let t = check(&["man", "check"]);
    assert!(stdout(&t).contains(".TH mxcc-check"), "{t}");
    assert!(stdout(&t).contains("fail\\-on"), "{t}");
    let t = check(&["man", "nope"]);
    assert_eq!(exit_code(&t), "exit: 2", "{t}");
}

/// A minified policy of megabytes on one line with one syntax error in the middle.
fn minified(paths: usize) -> Vec<u8> {
    let list: Vec<String> = (0..paths).map(|i| format!("\"/work/p{i:06}\"")).collect();
    let half = paths / 2;
    let text = format!(
        "{{\"version\":\"0.8.0-alpha\",\"process\":{{\"commandLine\":\"x\",\"cwd\":\"/work\"}},\
         \"filesystem\":{{\"readonlyPaths\":[{},,{}]}}}}",
        list.get(..half).unwrap_or_default().join(","),
        list.get(half..).unwrap_or_default().join(",")
    );
    text.into_bytes()
}

#[test]
fn long_lines_are_cut_around_the_error() {
    let bytes = minified(230_000);
    assert!(bytes.len() > 3_500_000, "{}", bytes.len());
    let dir = scratch("minified", &[("policy.json", &bytes)]);
    let file = dir.join("policy.json");
    let t = check(&["check", path(&file)]);
    assert_eq!(exit_code(&t), "exit: 1", "{t}");
    assert!(t.len() < 1_000, "{} bytes of output", t.len());
    insta::assert_snapshot!(t);
    // Over the size limit: no frame of the file at all.
    let t = check(&["check", "--max-file-size", "100000", path(&file)]);
    assert_eq!(exit_code(&t), "exit: 1", "{t}");
    assert!(t.len() < 600, "{} bytes of output", t.len());
    insta::assert_snapshot!("oversize", t);
}

#[test]
fn no_progress_line_without_a_terminal() {
    // The corpus has more files than the progress threshold; stderr is a pipe here.
    let t = check(&["check", "corpus"]);
    assert_eq!(exit_code(&t), "exit: 1", "{t}");
    assert!(t.ends_with("--- stderr\n"), "{t}");
}

#[test]
fn explain_knows_every_family_of_codes() {
    // Codes the issue found unknown to `mxcc explain`: one of each family but the lints.
    for code in ["MX0002", "MX1101", "MX2103", "MX4001", "MX5003", "MX6017"] {
        let t = check(&["explain", code]);
        assert_eq!(exit_code(&t), "exit: 0", "{t}");
        let page = stdout(&t);
        assert!(page.starts_with(&format!("# {code} ")), "{t}");
        for section in ["## What it means", "## Example", "## What to do"] {
            assert!(page.contains(section), "{code} lacks {section}:\n{t}");
        }
    }
    let by_name = check(&["explain", "unknown-field"]);
    assert!(
        stdout(&by_name).starts_with("# MX1101 unknown-field"),
        "{by_name}"
    );
    insta::assert_snapshot!(check(&["explain", "MX2103"]));
}

#[test]
fn rules_all_lists_every_code() {
    let t = check(&["rules", "--all", "--format", "json"]);
    assert_eq!(exit_code(&t), "exit: 0", "{t}");
    let codes: Vec<serde_json::Value> =
        serde_json::from_str(stdout(&t)).expect("`rules --all --format json` prints JSON");
    let listed: Vec<&str> = codes.iter().filter_map(|c| c["code"].as_str()).collect();
    for family in ["MX0", "MX1", "MX2", "MX3", "MX4", "MX5", "MX6"] {
        assert!(
            listed.iter().any(|c| c.starts_with(family)),
            "no {family}xxx code in {listed:?}"
        );
    }
    let rules_only = check(&["rules", "--format", "json"]);
    let rules: Vec<serde_json::Value> =
        serde_json::from_str(stdout(&rules_only)).expect("`rules --format json` prints JSON");
    assert!(
        rules
            .iter()
            .all(|r| r["code"].as_str().is_some_and(|c| c.starts_with("MX3")))
    );
    assert!(rules.len() < codes.len());
}
