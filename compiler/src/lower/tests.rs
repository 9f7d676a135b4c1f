use ir::{Platform, SourceId};

use crate::{Options, compile};

/// Compiles a config for a platform and renders the lowered policy plus any diagnostics.
fn check(platform: Platform, json: &str) -> String {
    let options = Options {
        platform,
        exact: false,
        limits: crate::Limits::default(),
    };
    let out = compile(SourceId(0), json.as_bytes(), &options);
    let mut text = out
        .policy
        .as_ref()
        .map(ir::printer::print)
        .unwrap_or_default();
    for d in &out.diagnostics {
        text.push_str(&format!("{} {}: {}\n", d.severity, d.code, d.message));
    }
    text
}

#[test]
fn directional_linux() {
    insta::assert_snapshot!(check(
        Platform::Linux,
        r#"{
  "version": "0.8.0-alpha",
  "process": {"commandLine": "make", "cwd": "/work/", "env": ["A=1", "NOEQUALS", "=x"], "timeout": 60000},
  "filesystem": {"readwritePaths": ["/work"], "readonlyPaths": ["/usr//lib/", "~/.cargo"], "deniedPaths": ["/work/.git/hooks"]},
  "network": {"egress": {"default": "deny",
     "allow": [{"to": [{"cidr": "10.0.0.0/8", "except": ["10.1.0.0/16"]}], "ports": [{"protocol": "tcp", "port": 443}, {"port": 8000, "endPort": 8080}]}],
     "deny": [{"to": [{"cidr": "::ffff:10.2.0.0/112"}]}]},
    "ingress": {"hostLoopback": "deny"}}
}"#
    ));
}

#[test]
fn legacy_windows() {
    insta::assert_snapshot!(check(
        Platform::Windows,
        r#"{
  "version": "0.7.0-alpha",
  "containerId": "pwsh",
  "process": {"commandLine": "pwsh -c ls"},
  "filesystem": {"readwritePaths": ["c:\\Users\\dev\\"], "readonlyPaths": ["C:/"], "deniedPaths": ["%USERPROFILE%\\.ssh"]},
  "network": {"defaultPolicy": "allow", "blockedHosts": ["192.0.2.0/24", "evil.example.com."], "proxy": {"url": "http://proxy.corp:3128"}},
  "ui": {"disable": false, "clipboard": "write"},
  "processContainer": {"leastPrivilege": true, "capabilities": ["internetClient"]}
}"#
    ));
}

#[test]
fn absent_version_and_network_is_legacy_block() {
    insta::assert_snapshot!(check(
        Platform::Linux,
        r#"{"process": {"commandLine": "true"}}"#
    ));
}
