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

/// Checks emitted rulesets with the real `nft -c -f` (needs nftables and CAP_NET_ADMIN).
#[test]
fn real_nft_accepts_the_ruleset() {
    let nft = std::path::Path::new("/usr/sbin/nft");
    assert!(
        nft.exists(),
        "nftables is required for this test: install the `nftables` package"
    );
    let cases = [
        r#"{"version":"0.8.0-alpha","network":{"egress":{"default":"deny","allow":[{"to":[{"cidr":"0.0.0.0/0","except":["10.0.0.0/8"]},{"cidr":"2001:db8::/32"}],"ports":[{"protocol":"any","port":443},{"protocol":"icmp"},{"protocol":"udp","port":53,"endPort":54}]}],"deny":[{"to":[{"cidr":"203.0.113.0/24"}]}]}},"process":{"commandLine":"true"}}"#,
        r#"{"version":"0.8.0-alpha","network":{"egress":{"default":"allow","deny":[{"to":[{"cidr":"::/0"}],"ports":[{"protocol":"udp"}]}]}},"process":{"commandLine":"true"}}"#,
        r#"{"version":"0.8.0-alpha","runtimeConfig":{"networkProxy":"http://127.0.0.1:3128"},"network":{"egress":{"default":"deny"}},"process":{"commandLine":"true"}}"#,
    ];
    for (i, json) in cases.iter().enumerate() {
        let out = crate::compile(
            &crate::tests::policy(json),
            &[TargetId::Nftables],
            &options(&[]),
        );
        let path = std::env::temp_dir().join(format!("mxcc-nft-{}-{i}.nft", std::process::id()));
        std::fs::write(
            &path,
            &out.emitted[&TargetId::Nftables].files["nftables.nft"],
        )
        .unwrap();
        let result = std::process::Command::new(nft)
            .arg("-c")
            .arg("-f")
            .arg(&path)
            .output()
            .unwrap();
        let _ = std::fs::remove_file(&path);
        assert!(
            result.status.success(),
            "case {i}: {}",
            String::from_utf8_lossy(&result.stderr)
        );
    }
}
