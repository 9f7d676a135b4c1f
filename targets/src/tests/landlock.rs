use crate::context::PathKind;
use crate::target::TargetId;
use crate::tests::{check_emit, options};

#[test]
fn read_only_inside_read_write_uses_mount_masks() {
    let out = check_emit(
        "landlock_nested",
        &[TargetId::Landlock],
        r#"{"version":"0.8.0-alpha","filesystem":{"readwritePaths":["/work"],"readonlyPaths":["/work/ro"],"deniedPaths":["/work/secret","/work/ro/key.pem"]},"process":{"commandLine":"true"}}"#,
        &options(&[("/work/ro/key.pem", PathKind::File)]),
    );
    assert!(out.has_errors(), "landlock alone cannot hide metadata");
}

#[test]
fn all_linux_covers_landlock_gaps() {
    let out = check_emit(
        "landlock_all_linux",
        &[
            TargetId::Landlock,
            TargetId::Bwrap,
            TargetId::Nftables,
            TargetId::Seccomp,
        ],
        r#"{"version":"0.8.0-alpha","filesystem":{"readwritePaths":["/work"],"deniedPaths":["/work/.git/hooks"]},"network":{"egress":{"default":"deny","allow":[{"to":[{"cidr":"192.0.2.0/24"}],"ports":[{"protocol":"tcp","port":443}]}]}},"process":{"commandLine":"true"}}"#,
        &options(&[]),
    );
    assert!(!out.has_errors(), "{:#?}", out.diagnostics);
}

#[test]
fn tcp_ports_from_abi_4_and_udp_gap() {
    let out = check_emit(
        "landlock_net",
        &[TargetId::Landlock],
        r#"{"version":"0.8.0-alpha","filesystem":{"readonlyPaths":["/usr"]},"network":{"egress":{"default":"deny","allow":[{"ports":[{"protocol":"tcp","port":443}]},{"to":[{"cidr":"10.0.0.0/8"}],"ports":[{"protocol":"tcp","port":22}]}]}},"process":{"commandLine":"true"}}"#,
        &options(&[]),
    );
    let model = &out.models[&TargetId::Landlock];
    let ir::model::Domain::Enforced(net) = &model.net else {
        panic!("net enforced")
    };
    let any: std::net::IpAddr = "198.51.100.1".parse().unwrap();
    assert!(net.egress.allows(ir::Protocol::Tcp, any, 443), "{net:#?}");
    assert!(!net.egress.allows(ir::Protocol::Tcp, any, 22));
}
