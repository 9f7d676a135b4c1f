//! Unknown fields (MX1101) and missing required fields (MX1104).

use crate::contract::{Fixture, LINUX, MACOS, WINDOWS};

const EXPERIMENTAL: &str = "`experimental` is absent from the 0.6/0.7 contracts, but the production wire model parses it for every version";

pub(super) const FIXTURES: &[Fixture] = &[
    // MX1101: unknown fields.
    Fixture {
        name: "0.6/unknown-root-field",
        platform: LINUX,
        exact: "reject MX1101",
        production: "reject MX1101",
        oracle: "rejected: unknown field",
        rule: "root objects are closed",
        text: r#"
{"version": "0.6.0-alpha", "process": {"commandLine": "true"}, "platform": "linux"}
"#,
    },
    Fixture {
        name: "0.7/unknown-nested-field",
        platform: LINUX,
        exact: "reject MX1101",
        production: "reject MX1101",
        oracle: "rejected: unknown field",
        rule: "nested objects are closed",
        text: r#"
{"version": "0.7.0-alpha", "process": {"commandLine": "true"}, "filesystem": {"writablePaths": ["/srv"]}}
"#,
    },
    Fixture {
        name: "0.8/one_shot/unknown-root-field",
        platform: LINUX,
        exact: "reject MX1101",
        production: "reject MX1101",
        oracle: "rejected: unknown field",
        rule: "root objects are closed",
        text: r#"
{"version": "0.8.0-alpha", "process": {"commandLine": "true"}, "timeoutMs": 5}
"#,
    },
    Fixture {
        name: "0.8/one_shot/unknown-peer-field",
        platform: LINUX,
        exact: "reject MX1101",
        production: "reject MX1101",
        oracle: "rejected: unknown field",
        rule: "objects inside arrays are closed too",
        text: r#"
{"version": "0.8.0-alpha", "process": {"commandLine": "true"}, "network": {"egress": {"allow": [{"to": [{"cidr": "192.0.2.0/24", "label": "docs"}]}]}}}
"#,
    },
    Fixture {
        name: "0.6/experimental",
        platform: LINUX,
        exact: "reject MX1101",
        production: "accept",
        oracle: "accepted",
        rule: EXPERIMENTAL,
        text: r#"
{"version": "0.6.0-alpha", "process": {"commandLine": "true"}, "experimental": {"test": {}}}
"#,
    },
    Fixture {
        name: "0.7/experimental",
        platform: LINUX,
        exact: "reject MX1101",
        production: "accept",
        oracle: "accepted",
        rule: EXPERIMENTAL,
        text: r#"
{"version": "0.7.0-alpha", "process": {"commandLine": "true"}, "experimental": {"telemetry": {"enabled": false}}}
"#,
    },
    Fixture {
        name: "0.7/experimental-seatbelt-moved",
        platform: LINUX,
        exact: "reject MX1101",
        production: "reject MX2404",
        oracle: "rejected: moved to the stable section",
        rule: "`experimental.seatbelt` moved to the top-level `seatbelt` section in 0.7",
        text: r#"
{"version": "0.7.0-alpha", "process": {"commandLine": "true"}, "experimental": {"seatbelt": {"guiAccess": false}}}
"#,
    },
    Fixture {
        name: "0.8/one_shot/experimental-macos-sandbox-moved",
        platform: LINUX,
        exact: "reject MX1101",
        production: "reject MX2404",
        oracle: "rejected: moved to the stable section",
        rule: "`experimental.macos_sandbox` (the alias) moved along with `experimental.seatbelt`",
        text: r#"
{"version": "0.8.0-alpha", "process": {"commandLine": "true"}, "experimental": {"macos_sandbox": {}}}
"#,
    },
    Fixture {
        name: "0.8/one_shot/experimental-unknown-key",
        platform: LINUX,
        exact: "reject MX1101",
        production: "accept",
        oracle: "accepted",
        rule: "the contract's `experimental` is closed; production leaves it open",
        text: r#"
{"version": "0.8.0-alpha", "process": {"commandLine": "true"}, "experimental": {"test": {"level": 2}}}
"#,
    },
    Fixture {
        name: "0.7/directional-network",
        platform: LINUX,
        exact: "reject MX1101",
        production: "reject MX2101",
        oracle: "rejected: requires schema version 0.8",
        rule: "`network.egress` arrives in 0.8",
        text: r#"
{"version": "0.7.0-alpha", "process": {"commandLine": "true"}, "network": {"egress": {"default": "deny"}}}
"#,
    },
    Fixture {
        name: "0.7/runtime-config",
        platform: LINUX,
        exact: "reject MX1101",
        production: "reject MX2101",
        oracle: "rejected: requires schema version 0.8",
        rule: "`runtimeConfig` arrives in 0.8",
        text: r#"
{"version": "0.7.0-alpha", "process": {"commandLine": "true"}, "runtimeConfig": {"networkProxy": "http://localhost:3128"}}
"#,
    },
    Fixture {
        name: "0.7/seatbelt-unknown-field",
        platform: MACOS,
        exact: "reject MX1101",
        production: "reject MX1101",
        oracle: "rejected: unknown field `allowCamera`",
        rule: "the `seatbelt` section is closed",
        text: r#"
{"version": "0.7.0-alpha", "containment": "seatbelt", "process": {"commandLine": "true"}, "seatbelt": {"allowCamera": true}}
"#,
    },
    Fixture {
        name: "0.8/one_shot/macos-sandbox-unknown-field",
        platform: MACOS,
        exact: "reject MX1101",
        production: "reject MX1101",
        oracle: "rejected: unknown field `hideDock`",
        rule: "the `seatbelt` section is closed under its alias too",
        text: r#"
{"version": "0.8.0-alpha", "containment": "seatbelt", "process": {"commandLine": "true"}, "macos_sandbox": {"hideDock": true}}
"#,
    },
    Fixture {
        name: "0.6/state-aware",
        platform: WINDOWS,
        exact: "reject MX1101",
        production: "accept",
        oracle: "-",
        rule: "the 0.6 contract has no `phase` or `sandboxId`; production serves state-aware requests from 0.6 on",
        text: r#"
{"version": "0.6.0-alpha", "phase": "exec", "sandboxId": "wslc:7d1e", "process": {"commandLine": "hostname"}}
"#,
    },
    Fixture {
        name: "0.7/state-aware",
        platform: WINDOWS,
        exact: "reject MX1101 MX1104",
        production: "accept",
        oracle: "-",
        rule: "the 0.7 contract has no `phase` or `sandboxId` (and requires `process`); production serves state-aware requests from 0.6 on",
        text: r#"
{"version": "0.7.0-alpha", "phase": "start", "sandboxId": "iso:51"}
"#,
    },
    Fixture {
        name: "0.8/one_shot/correlation-vector",
        platform: LINUX,
        exact: "reject MX1101",
        production: "reject MX2006",
        oracle: "rejected: only valid on state-aware lifecycle requests",
        rule: "`correlationVector` belongs to state-aware requests",
        text: r#"
{"version": "0.8.0-alpha", "process": {"commandLine": "true"}, "correlationVector": "aBcD.2"}
"#,
    },
    Fixture {
        name: "0.8/deprovision/containment",
        platform: WINDOWS,
        exact: "reject MX1101",
        production: "reject MX2010",
        oracle: "-",
        rule: "only `provision` carries `containment`; later phases find the backend in `sandboxId`",
        text: r#"
{"version": "0.8.0-alpha", "phase": "deprovision", "sandboxId": "wsb:c0ffee", "containment": "windows_sandbox"}
"#,
    },
    Fixture {
        name: "0.8/start/process",
        platform: WINDOWS,
        exact: "reject MX1101",
        production: "reject MX2013",
        oracle: "-",
        rule: "`start` carries no `process`",
        text: r#"
{"version": "0.8.0-alpha", "phase": "start", "sandboxId": "iso:51", "process": {"commandLine": "hostname"}}
"#,
    },
    Fixture {
        name: "0.8/stop/unknown-field",
        platform: WINDOWS,
        exact: "reject MX1101",
        production: "reject MX1101",
        oracle: "rejected: unknown field `force` (parsing precedes its state-aware refusal)",
        rule: "state-aware request roots are closed",
        text: r#"
{"version": "0.8.0-alpha", "phase": "stop", "sandboxId": "wsb:c0ffee", "force": true}
"#,
    },
    Fixture {
        name: "0.8/windows_sandbox_provision/network",
        platform: WINDOWS,
        exact: "reject MX1101",
        production: "reject MX2013",
        oracle: "-",
        rule: "a Windows Sandbox `provision` request carries no `network`",
        text: r#"
{"version": "0.8.0-alpha", "phase": "provision", "containment": "windows_sandbox", "network": {"defaultPolicy": "allow"}}
"#,
    },
    Fixture {
        name: "0.8/wslc_provision/sandbox-id",
        platform: WINDOWS,
        exact: "reject MX1101",
        production: "reject MX2009",
        oracle: "-",
        rule: "`provision` creates the `sandboxId`, so it cannot carry one",
        text: r#"
{"version": "0.8.0-alpha", "phase": "provision", "containment": "wslc", "sandboxId": "wslc:7d1e"}
"#,
    },
    Fixture {
        name: "0.8/wslc_provision/correlation-vector",
        platform: WINDOWS,
        exact: "reject MX1101",
        production: "accept",
        oracle: "-",
        rule: "`provision` returns the `correlationVector`; the contract rejects one on the request",
        text: r#"
{"version": "0.8.0-alpha", "phase": "provision", "containment": "wslc", "correlationVector": "aBcD.0"}
"#,
    },
    // MX1104: missing required fields.
    Fixture {
        name: "0.6/lxc-without-release",
        platform: LINUX,
        exact: "reject MX1104",
        production: "reject MX2403",
        oracle: "accepted (a dry run stops before the LXC runner's check)",
        rule: "`lxc.distribution` and `lxc.release` are both required",
        text: r#"
{"version": "0.6.0-alpha", "containment": "lxc", "process": {"commandLine": "true"}, "lxc": {"distribution": "fedora"}}
"#,
    },
    Fixture {
        name: "0.7/lxc-section-without-distribution",
        platform: LINUX,
        exact: "reject MX1104",
        production: "reject MX2015",
        oracle: "rejected: unrelated backend section `lxc` beside bubblewrap",
        rule: "`lxc.distribution` is required; production first refuses an `lxc` section when the backend is bubblewrap",
        text: r#"
{"version": "0.7.0-alpha", "process": {"commandLine": "true"}, "lxc": {"release": "3.20"}}
"#,
    },
    Fixture {
        name: "0.8/one_shot/lxc-without-distribution",
        platform: LINUX,
        exact: "reject MX1104",
        production: "reject MX2403",
        oracle: "accepted (a dry run stops before the LXC runner's check)",
        rule: "`lxc.distribution` and `lxc.release` are both required",
        text: r#"
{"version": "0.8.0-alpha", "containment": "lxc", "process": {"commandLine": "true"}, "lxc": {"release": "24.04"}}
"#,
    },
    Fixture {
        name: "0.8/one_shot/without-process",
        platform: LINUX,
        exact: "reject MX1104",
        production: "reject MX2301",
        oracle: "rejected: 'process' section is required",
        rule: "a one-shot request needs `process`",
        text: r#"
{"version": "0.8.0-alpha"}
"#,
    },
    Fixture {
        name: "0.7/without-command-line",
        platform: LINUX,
        exact: "reject MX1104",
        production: "reject MX2301",
        oracle: "rejected: missing process.commandLine",
        rule: "`process.commandLine` is required",
        text: r#"
{"version": "0.7.0-alpha", "process": {"cwd": "/srv"}}
"#,
    },
    Fixture {
        name: "0.8/exec/without-process",
        platform: WINDOWS,
        exact: "reject MX1104",
        production: "reject MX2301",
        oracle: "-",
        rule: "an `exec` request needs `process`",
        text: r#"
{"version": "0.8.0-alpha", "phase": "exec", "sandboxId": "iso:51"}
"#,
    },
    Fixture {
        name: "0.8/stop/without-sandbox-id",
        platform: WINDOWS,
        exact: "reject MX1104",
        production: "reject MX2008",
        oracle: "-",
        rule: "phases after `provision` need `sandboxId`",
        text: r#"
{"version": "0.8.0-alpha", "phase": "stop"}
"#,
    },
    Fixture {
        name: "0.8/isolation_session_provision/without-network",
        platform: WINDOWS,
        exact: "reject MX1104",
        production: "reject MX2419",
        oracle: "-",
        rule: "an isolation session `provision` needs the unrestricted-network acknowledgment",
        text: r#"
{"version": "0.8.0-alpha", "phase": "provision", "containment": "isolation_session"}
"#,
    },
    Fixture {
        name: "0.8/isolation_session_provision/partial-acknowledgment",
        platform: WINDOWS,
        exact: "reject MX1104",
        production: "reject MX2419",
        oracle: "-",
        rule: "the acknowledgment needs both `defaultPolicy: allow` and `allowLocalNetwork: true`",
        text: r#"
{"version": "0.8.0-alpha", "phase": "provision", "containment": "isolation_session", "network": {"defaultPolicy": "allow"}}
"#,
    },
];
