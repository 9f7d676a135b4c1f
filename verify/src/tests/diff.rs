//! `diff`: containment both ways, with witnesses and blame, checked by both engines.

use ir::Mode;

use super::fixture::{policy, render_findings};
use crate::{Engine, Options, diff};

fn check(name: &str, mode: Mode, base: &str, new: &str) {
    let files = [("base", base), ("new", new)];
    let b = policy(0, base);
    let n = policy(1, new);
    let both = Options {
        mode,
        engine: Engine::Both,
        ..Options::default()
    };
    let report = diff(&b, &n, &both);
    assert!(
        report.internal_errors.is_empty(),
        "{:?}",
        report.internal_errors
    );
    let fast = diff(
        &b,
        &n,
        &Options {
            mode,
            engine: Engine::Intervals,
            ..Options::default()
        },
    );
    assert_eq!(fast, report, "the solver and the interval engine disagree");
    let mut out = String::new();
    out.push_str("grants more:\n");
    render_findings(&mut out, &files, &report.grants_more);
    out.push_str("grants less:\n");
    render_findings(&mut out, &files, &report.grants_less);
    if let Some(d) = report.diagnostics().first() {
        out.push_str(&format!("first diagnostic:\n{d:#?}\n"));
    }
    insta::assert_snapshot!(name, out);
}

#[test]
fn widened_readonly_loses_deeper_deny() {
    check(
        "widened_readonly_loses_deeper_deny",
        Mode::Mxc,
        "ro /home/u/project
deny /home/u/.ssh
rw /tmp",
        "ro /home/u
rw /tmp",
    );
}

#[test]
fn nested_allow_under_deny_differs_by_mode() {
    let base = "deny /data\nro /usr";
    let new = "deny /data\nrw /data/cache\nro /usr";
    check("nested_allow_mxc", Mode::Mxc, base, new);
    check("nested_allow_strict", Mode::Strict, base, new);
}

#[test]
fn identical_policies_in_another_order() {
    check(
        "identical",
        Mode::Mxc,
        "ro /usr\nrw /tmp\nallow 10.0.0.0/8 tcp 443",
        "rw /tmp\nro /usr\nallow 10.0.0.0/8 tcp 443",
    );
}

#[test]
fn widened_cidr_and_ports() {
    check(
        "widened_cidr_and_ports",
        Mode::Mxc,
        "allow 10.0.0.0/16 tcp 443
block 10.0.5.0/24",
        "allow 10.0.0.0/8 tcp 443-444
block 10.0.5.0/24
allow 2001:db8::/32 udp 53",
    );
}

#[test]
fn egress_default_flip_with_metadata_deny() {
    check(
        "egress_default_flip",
        Mode::Mxc,
        "egress deny\nallow 192.0.2.0/24",
        "egress allow\nblock 169.254.169.254/32",
    );
}

#[test]
fn timeout_zero_is_unlimited_and_ui_env() {
    check(
        "timeout_ui_env",
        Mode::Mxc,
        "timeout 30000\nenv A=1",
        "timeout 0\nclipboard write\nenv A=1\nenv TOKEN=x\nproxy 3128",
    );
}

#[test]
fn windows_paths_compare_case_insensitively() {
    check(
        "windows_case",
        Mode::Mxc,
        "platform windows\nro C:\\Users\\Me\\Docs\nrw C:\\Work",
        "platform windows\nro c:\\users\\me\\docs\nrw C:\\work\\\nro C:\\Users\\Me",
    );
}

#[cfg(feature = "z3")]
#[test]
fn solver_queries_can_be_dumped_as_smtlib() {
    let dir = std::env::temp_dir().join(format!("mxcc-verify-dump-{}", std::process::id()));
    let opts = Options {
        engine: Engine::Solver,
        dump_smt: Some(dir.clone()),
        ..Options::default()
    };
    let report = diff(&policy(0, "ro /usr"), &policy(1, "ro /"), &opts);
    assert!(!report.grants_more.is_empty());
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let first = std::fs::read_to_string(dir.join("diff-more-filesystem-1.smt2")).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(
        names.contains(&"diff-more-filesystem-1.smt2".to_owned()),
        "{names:?}"
    );
    assert!(
        first.contains("(check-sat)") && first.contains("fs_region"),
        "{first}"
    );
}

#[test]
fn home_literal_aliases_tilde() {
    check(
        "home_literal_aliases_tilde",
        Mode::Mxc,
        "ro /usr
deny ~/.ssh",
        "ro /usr
rw /home/dev",
    );
}

#[test]
fn tilde_grant_covers_home_literal() {
    check(
        "tilde_grant_covers_home_literal",
        Mode::Mxc,
        "rw ~/work
deny /home/dev/work/.env",
        "rw /home/dev/work",
    );
}
