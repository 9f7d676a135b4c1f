//! The `cli` suite: runs the real `mxcc` binary and records stdout, stderr and the exit code.

#![expect(
    clippy::expect_used,
    reason = "test helpers outside `#[test]` functions may fail loudly"
)]

use std::path::Path;
use std::process::Command;

#[path = "support/transcript.rs"]
mod support;
use support::transcript;

/// Runs `mxcc` with arguments from the workspace root; returns a snapshot-ready transcript.
fn check(args: &[&str]) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let out = Command::new(env!("CARGO_BIN_EXE_mxcc"))
        .args(args)
        .current_dir(&root)
        .output()
        .expect("mxcc runs");
    transcript(&format!("$ mxcc {}", args.join(" ")), &out)
}

fn exit_code(transcript: &str) -> &str {
    transcript.lines().nth(1).unwrap_or_default()
}

#[test]
fn check_good_policy_exits_zero() {
    let t = check(&["check", "corpus/coding-agent-bwrap/policy.json"]);
    assert_eq!(exit_code(&t), "exit: 0", "{t}");
    insta::assert_snapshot!(t);
}

#[test]
fn check_broken_policy_exits_one_with_code_frame() {
    let t = check(&["check", "corpus/broken-cidr-host-bits/policy.json"]);
    assert_eq!(exit_code(&t), "exit: 1", "{t}");
    insta::assert_snapshot!(t);
}

#[test]
fn check_json_format_is_stable() {
    let t = check(&[
        "check",
        "--format",
        "json",
        "corpus/broken-trailing-data/policy.json",
    ]);
    assert_eq!(exit_code(&t), "exit: 1", "{t}");
    insta::assert_snapshot!(t);
}

#[test]
fn missing_path_exits_two() {
    let t = check(&["check", "no/such/file.json"]);
    assert_eq!(exit_code(&t), "exit: 2", "{t}");
}

#[test]
fn usage_error_exits_two() {
    let t = check(&["check", "--platform", "plan9", "corpus"]);
    assert_eq!(exit_code(&t), "exit: 2", "{t}");
}

#[test]
fn platform_flag_changes_resolution() {
    // A processcontainer policy checked as Linux: Windows paths are relative there.
    let t = check(&[
        "check",
        "--format",
        "json",
        "--platform",
        "windows",
        "corpus/pwsh-win-lpac/policy.json",
    ]);
    assert!(t.contains("\"platform\": \"windows\""), "{t}");
}

#[test]
fn schema_prints_every_version() {
    for v in ["0.6.0-alpha", "0.7.0-alpha", "0.8.0-alpha", "0.9.0-dev"] {
        let t = check(&["schema", "--version", v]);
        assert_eq!(exit_code(&t), "exit: 0", "{t}");
        assert!(t.contains("\"$schema\""), "{t}");
    }
    let t = check(&["schema", "--version", "0.5.0-alpha"]);
    assert_eq!(exit_code(&t), "exit: 2", "{t}");
}

#[test]
fn diff_finds_widened_access_with_witnesses() {
    // The hardened coding agent against a policy that makes all of `/home` writable.
    let t = check(&[
        "diff",
        "corpus/coding-agent-bwrap/policy.json",
        "corpus/home-writable/policy.json",
    ]);
    assert_eq!(exit_code(&t), "exit: 1", "{t}");
    insta::assert_snapshot!(t);
}

#[test]
fn diff_of_a_policy_with_itself_is_empty() {
    let p = "corpus/coding-agent-bwrap/policy.json";
    let t = check(&["diff", p, p]);
    assert_eq!(exit_code(&t), "exit: 0", "{t}");
    insta::assert_snapshot!(t);
}

#[test]
fn prove_against_a_guardrail_and_properties() {
    let t = check(&[
        "prove",
        "corpus/tmp-writable/policy.json",
        "--guardrail",
        "corpus/coding-agent-bwrap/policy.json",
        "--properties",
        "cli/tests/data/agent.properties",
    ]);
    assert_eq!(exit_code(&t), "exit: 1", "{t}");
    insta::assert_snapshot!(t);
}

#[test]
fn prove_on_the_hardened_agent() {
    let t = check(&[
        "prove",
        "corpus/coding-agent-bwrap/policy.json",
        "--properties",
        "cli/tests/data/agent.properties",
    ]);
    insta::assert_snapshot!(t);
}

#[test]
fn check_with_a_baseline_reports_mx4001() {
    let t = check(&[
        "check",
        "--format",
        "json",
        "--baseline",
        "corpus/coding-agent-bwrap/policy.json",
        "corpus/home-writable/policy.json",
    ]);
    assert_eq!(exit_code(&t), "exit: 1", "{t}");
    assert!(t.contains("\"MX4001\""), "{t}");
}

#[test]
fn directory_walk_skips_json_that_is_not_a_policy() {
    let t = check(&["check", "--format", "json", "corpus/coding-agent-bwrap"]);
    assert!(t.contains("\"skippedNonPolicyFiles\": 2"), "{t}");
    assert_eq!(exit_code(&t), "exit: 0", "{t}");
}

#[test]
fn compile_writes_artifacts_that_are_proved() {
    let out = std::env::temp_dir().join(format!("mxcc-compile-{}", std::process::id()));
    let t = check(&[
        "compile",
        "--target",
        "all-linux",
        "--home-dir",
        "/home/dev",
        "--out",
        out.to_str().expect("utf-8"),
        "corpus/coding-agent-bwrap/policy.json",
    ]);
    assert!(t.contains("soundness"), "{t}");
    for name in [
        "landlock.json",
        "seccomp.bpf",
        "seccomp.txt",
        "bwrap.args",
        "nftables.nft",
        "report.json",
    ] {
        assert!(out.join(name).exists(), "{name} missing:\n{t}");
    }
    let _ = std::fs::remove_dir_all(&out);
}

/// [`check`] with `stdin` piped to `mxcc`.
fn check_stdin(args: &[&str], stdin: &str) -> String {
    use std::io::Write as _;
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut child = Command::new(env!("CARGO_BIN_EXE_mxcc"))
        .args(args)
        .current_dir(&root)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("mxcc runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    let out = child.wait_with_output().expect("mxcc exits");
    transcript(&format!("$ mxcc {} < stdin", args.join(" ")), &out)
}

#[test]
fn check_reads_a_policy_from_stdin() {
    let policy = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus/broken-cidr-host-bits/policy.json"),
    )
    .expect("corpus policy");
    let t = check_stdin(&["check", "-"], &policy);
    assert_eq!(exit_code(&t), "exit: 1", "{t}");
    assert!(t.contains("<stdin>:"), "{t}");
    insta::assert_snapshot!(t);
}

#[test]
fn check_names_stdin_with_stdin_filename() {
    let t = check_stdin(
        &["check", "--stdin-filename", "sandbox/agent.json", "-"],
        "{\"version\": \"0.8.0-alpha\", \"containment\": \"bubblewrap\", \"process\": {\"commandLine\": 1}}\n",
    );
    assert_eq!(exit_code(&t), "exit: 1", "{t}");
    assert!(t.contains("sandbox/agent.json:1:"), "{t}");
    insta::assert_snapshot!(t);
}

#[test]
fn stdin_filename_without_stdin_is_a_usage_error() {
    let t = check(&[
        "check",
        "--stdin-filename",
        "x.json",
        "corpus/coding-agent-bwrap/policy.json",
    ]);
    assert_eq!(exit_code(&t), "exit: 2", "{t}");
}

#[test]
fn check_counts_policies_not_mxcc_toml_nor_package_json() {
    let dir = std::env::temp_dir().join(format!("mxcc-discovery-{}", std::process::id()));
    let write = |name: &str, text: &str| {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    };
    write("mxcc.toml", "unknown-key = 1\n");
    write(
        "package.json",
        "{\"name\": \"app\", \"version\": \"1.2.3\"}\n",
    );
    write(
        "node_modules/dep/package.json",
        "{\"version\": \"0.1.0\"}\n",
    );
    write(
        "sandbox/policy.json",
        "{\"version\": \"0.8.0-alpha\", \"containment\": \"bubblewrap\", \"process\": {\"commandLine\": \"/usr/bin/true\"}}\n",
    );
    let t = check(&["check", dir.to_str().expect("utf-8")]);
    let _ = std::fs::remove_dir_all(&dir);
    assert!(t.contains("error[MX0101]"), "{t}");
    assert!(
        t.contains("checked 1 file: 1 error, 0 warnings, 0 info (1 file with errors)\nskipped 1 JSON file that is not an MXC config\n"),
        "{t}"
    );
}
