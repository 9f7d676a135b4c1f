//! The `query` suite: runs the real `mxcc query` against a corpus policy and records the
//! decision, the deciding rule's code frame, the runtime baseline and the exit code.

#![expect(
    clippy::expect_used,
    reason = "test helpers outside `#[test]` functions may fail loudly"
)]

use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "support/transcript.rs"]
mod support;
use support::transcript;

/// A Linux policy with read-only, read-write and denied paths and one egress allow rule.
const POLICY: &str = "corpus/coding-agent-bwrap/policy.json";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Runs `mxcc query POLICY` with the arguments from the workspace root; returns a
/// snapshot-ready transcript.
fn check(args: &[&str]) -> String {
    check_policy(POLICY, args)
}

/// Runs `mxcc query` on another policy.
fn check_policy(policy: &str, args: &[&str]) -> String {
    let mut all = vec!["query", "--color", "never", policy];
    all.extend_from_slice(args);
    let out = Command::new(env!("CARGO_BIN_EXE_mxcc"))
        .args(&all)
        .current_dir(root())
        .env("HOME", "/nonexistent-home")
        .output()
        .expect("mxcc runs");
    transcript(&format!("$ mxcc {}", all.join(" ")), &out)
}

#[test]
fn read_under_a_readonly_path_is_allowed() {
    insta::assert_snapshot!(check(&[
        "read",
        "/usr/lib/jvm/java-21-openjdk-amd64/bin/java"
    ]));
}

#[test]
fn write_under_a_readonly_path_is_denied() {
    insta::assert_snapshot!(check(&[
        "write",
        "/usr/lib/jvm/java-21-openjdk-amd64/bin/java"
    ]));
}

#[test]
fn the_deepest_rule_decides_a_denied_path_inside_a_granted_one() {
    insta::assert_snapshot!(check(&["write", "/home/dev/src/app/.git/hooks/pre-commit"]));
}

#[test]
fn the_granted_path_around_it_allows_a_write() {
    insta::assert_snapshot!(check(&["write", "/home/dev/src/app/src/Main.java"]));
}

#[test]
fn egress_allowed_by_a_rule() {
    insta::assert_snapshot!(check(&["egress", "140.82.112.5", "443"]));
}

#[test]
fn egress_denied_by_the_default() {
    insta::assert_snapshot!(check(&["egress", "140.82.112.5", "443", "udp"]));
}

#[test]
fn a_system_path_is_granted_only_by_the_runtime_baseline() {
    insta::assert_snapshot!(check(&["exec", "/usr/bin/ls"]));
}

#[test]
fn the_runtime_baseline_grants_no_write() {
    insta::assert_snapshot!(check(&["write", "/usr/bin/ls"]));
}

#[test]
fn json_names_the_cause_span_and_baseline() {
    insta::assert_snapshot!(check(&["--format", "json", "exec", "/usr/bin/ls"]));
}

#[test]
fn json_of_a_rule_decision_has_its_span() {
    insta::assert_snapshot!(check(&[
        "--format",
        "json",
        "read",
        "/home/dev/.ssh/id_ed25519"
    ]));
}

#[test]
fn a_relative_path_is_a_usage_error() {
    insta::assert_snapshot!(check(&["read", "src/Main.java"]));
}

#[test]
fn a_network_query_needs_a_port() {
    insta::assert_snapshot!(check(&["egress", "140.82.112.5"]));
}

#[test]
fn windows_paths_compare_as_the_frontend_canonicalises_them() {
    insta::assert_snapshot!(check_policy(
        "corpus/browser-automation-win/policy.json",
        &[
            "--platform",
            "windows",
            "write",
            "c:/users/DEV/src/webapp/../webapp/index.js"
        ]
    ));
}

#[test]
fn an_invalid_policy_is_an_error() {
    insta::assert_snapshot!(check_policy(
        "corpus/broken-duplicate-key/policy.json",
        &["read", "/etc/hosts"]
    ));
}

#[test]
fn a_missing_policy_is_an_error() {
    insta::assert_snapshot!(check_policy(
        "cli/tests/data/missing.json",
        &["read", "/etc/hosts"]
    ));
}

#[test]
fn a_readonly_path_inside_a_readwrite_one_denies_a_write() {
    insta::assert_snapshot!(check(&["write", "/home/dev/src/app/.git/config"]));
}

#[test]
fn strict_semantics_name_their_own_rule() {
    insta::assert_snapshot!(check(&[
        "--strict",
        "write",
        "/home/dev/src/app/.git/config"
    ]));
}
