use crate::target::TargetId;
use crate::tests::{check_emit, options};

#[test]
fn egress_rules_with_except_and_proxy() {
    check_emit(
        "nftables_egress",
        &[TargetId::Nftables],
        r#"{"version":"0.8.0-alpha","network":{"egress":{"default":"deny","allow":[{"to":[{"cidr":"0.0.0.0/0","except":["10.0.0.0/8","192.168.0.0/16"]}],"ports":[{"protocol":"any","port":443},{"protocol":"icmp"}]}],"deny":[{"to":[{"cidr":"203.0.113.0/24"}]}]}},"process":{"commandLine":"true"}}"#,
        &options(&[]),
    );
}
