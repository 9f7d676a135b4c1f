use crate::context::PathKind;
use crate::target::TargetId;
use crate::tests::{check_emit, options};

#[test]
fn mxc_order_and_masks() {
    check_emit(
        "bwrap_masks",
        &[TargetId::Bwrap],
        r#"{"version":"0.8.0-alpha","filesystem":{"readwritePaths":["/work","/work/secret/allowed"],"readonlyPaths":["/data"],"deniedPaths":["/work/secret","/data/key.pem","~/.ssh"]},"process":{"commandLine":"echo 'a\\b'\necho two","env":["A=1","NOEQ"],"cwd":"/work"}}"#,
        &crate::context::Options { home_dir: Some("/home/u".to_owned()), ..options(&[("/data/key.pem", PathKind::File)]) },
    );
}

#[test]
fn home_without_home_dir_is_refused() {
    let out = check_emit(
        "bwrap_home_refused",
        &[TargetId::Bwrap],
        r#"{"version":"0.8.0-alpha","filesystem":{"readwritePaths":["~/proj"]},"process":{"commandLine":"true"}}"#,
        &options(&[]),
    );
    assert!(out.has_errors());
    assert_eq!(out.artifacts.keys().collect::<Vec<_>>(), ["report.json"]);
}
