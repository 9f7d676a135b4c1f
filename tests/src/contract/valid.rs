//! Valid configs: each version, each 0.8 request root, and the selection of that root.

use crate::contract::{Fixture, LINUX, MACOS, WINDOWS};

pub(super) const FIXTURES: &[Fixture] = &[
    // Valid configs for each version.
    Fixture {
        name: "0.6/minimal",
        platform: LINUX,
        exact: "accept",
        production: "accept",
        oracle: "accepted",
        rule: "`version` and `process.commandLine` are all a one-shot request needs",
        text: r#"
{"version": "0.6.0-alpha", "process": {"commandLine": "uname -a"}}
"#,
    },
    Fixture {
        name: "0.7/minimal",
        platform: LINUX,
        exact: "accept",
        production: "accept",
        oracle: "accepted",
        rule: "`version` and `process.commandLine` are all a one-shot request needs",
        text: r#"
{"version": "0.7.0-alpha", "process": {"commandLine": "uname -a"}}
"#,
    },
    Fixture {
        name: "0.8/one_shot/minimal",
        platform: LINUX,
        exact: "accept",
        production: "accept",
        oracle: "accepted",
        rule: "`version` and `process.commandLine` are all a one-shot request needs",
        text: r#"
{"version": "0.8.0-alpha", "process": {"commandLine": "uname -a"}}
"#,
    },
    Fixture {
        name: "0.6/empty-sections",
        platform: LINUX,
        exact: "accept",
        production: "accept",
        oracle: "accepted",
        rule: "every optional section may be an empty object",
        text: r#"
{
  "version": "0.6.0-alpha",
  "process": {"commandLine": "ls /srv"},
  "lifecycle": {},
  "filesystem": {},
  "fallback": {},
  "network": {},
  "ui": {}
}
"#,
    },
    Fixture {
        name: "0.8/one_shot/empty-sections",
        platform: WINDOWS,
        exact: "accept",
        production: "accept",
        oracle: "accepted (parsed; this Linux executor has no Windows runner and falls back to LXC)",
        rule: "every optional section may be an empty object, `processContainer.ui` included",
        text: r#"
{
  "version": "0.8.0-alpha",
  "containment": "processcontainer",
  "process": {"commandLine": "dir"},
  "lifecycle": {},
  "filesystem": {},
  "fallback": {},
  "network": {},
  "ui": {},
  "runtimeConfig": {},
  "processContainer": {"ui": {}, "network": {}}
}
"#,
    },
    Fixture {
        name: "0.6/annotations",
        platform: LINUX,
        exact: "reject MX1101",
        production: "accept",
        oracle: "accepted",
        rule: "`$schema` and `_comment` arrive in 0.7; the 0.6 contract rejects them, production ignores them",
        text: r#"
{"$schema": "https://example.org/policy.json", "version": "0.6.0-alpha", "process": {"commandLine": "true"}}
"#,
    },
    Fixture {
        name: "0.7/annotations",
        platform: LINUX,
        exact: "accept",
        production: "accept",
        oracle: "accepted",
        rule: "from 0.7 on, `$schema` (a string) and `_comment` (any JSON) are accepted and ignored",
        text: r#"
{
  "$schema": "https://example.org/policy.json",
  "_comment": ["reviewed", 2],
  "version": "0.7.0-alpha",
  "process": {"commandLine": "true"}
}
"#,
    },
    Fixture {
        name: "0.8/one_shot/annotations",
        platform: LINUX,
        exact: "accept",
        production: "accept",
        oracle: "accepted",
        rule: "from 0.7 on, `$schema` (a string) and `_comment` (any JSON) are accepted and ignored",
        text: r#"
{"_comment": {"owner": "build team"}, "version": "0.8.0-alpha", "process": {"commandLine": "true"}}
"#,
    },
    Fixture {
        name: "0.6/app-container-alias",
        platform: WINDOWS,
        exact: "accept",
        production: "accept",
        oracle: "accepted (parsed; this Linux executor has no Windows runner and falls back to LXC)",
        rule: "`appContainer` is an alias of `processContainer` in every version",
        text: r#"
{"version": "0.6.0-alpha", "containment": "processcontainer", "process": {"commandLine": "whoami"}, "appContainer": {"capabilities": ["picturesLibrary"]}}
"#,
    },
    Fixture {
        name: "0.8/one_shot/app-container-alias",
        platform: WINDOWS,
        exact: "accept",
        production: "accept",
        oracle: "accepted (parsed; this Linux executor has no Windows runner and falls back to LXC)",
        rule: "`appContainer` is an alias of `processContainer` in every version",
        text: r#"
{"version": "0.8.0-alpha", "containment": "processcontainer", "process": {"commandLine": "whoami"}, "appContainer": {"leastPrivilege": false}}
"#,
    },
    Fixture {
        name: "0.7/seatbelt-section",
        platform: MACOS,
        exact: "accept",
        production: "accept",
        oracle: "accepted (parsed; this Linux executor has no seatbelt runner)",
        rule: "0.7 adds the `seatbelt` section and containment",
        text: r#"
{
  "version": "0.7.0-alpha",
  "containment": "seatbelt",
  "process": {"commandLine": "sw_vers"},
  "seatbelt": {"nestedPty": false, "extraMachLookups": ["com.example.agent"]}
}
"#,
    },
    Fixture {
        name: "0.7/macos-sandbox-alias",
        platform: MACOS,
        exact: "accept",
        production: "accept",
        oracle: "accepted (parsed; this Linux executor has no seatbelt runner)",
        rule: "`macos_sandbox` is an alias of `seatbelt`, as a section and as a containment",
        text: r#"
{"version": "0.7.0-alpha", "containment": "macos_sandbox", "process": {"commandLine": "sw_vers"}, "macos_sandbox": {"launchMethod": "open"}}
"#,
    },
    Fixture {
        name: "0.6/seatbelt-section",
        platform: MACOS,
        exact: "reject MX1101",
        production: "accept",
        oracle: "-",
        rule: "the 0.6 contract has no `seatbelt` section; production parses it for every version",
        text: r#"
{"version": "0.6.0-alpha", "process": {"commandLine": "sw_vers"}, "seatbelt": {}}
"#,
    },
    Fixture {
        name: "0.6/containment-seatbelt",
        platform: MACOS,
        exact: "reject MX1103",
        production: "accept",
        oracle: "accepted (parsed; this Linux executor has no seatbelt runner)",
        rule: "the 0.6 contract's containments are `process`, `processcontainer`, `appcontainer`, `lxc` and `bubblewrap`",
        text: r#"
{"version": "0.6.0-alpha", "containment": "seatbelt", "process": {"commandLine": "sw_vers"}}
"#,
    },
    Fixture {
        name: "0.8/one_shot/lxc",
        platform: LINUX,
        exact: "accept",
        production: "accept",
        oracle: "accepted",
        rule: "an `lxc` section with `distribution` and `release` under `containment: lxc`",
        text: r#"
{"version": "0.8.0-alpha", "containment": "lxc", "process": {"commandLine": "cat /etc/os-release"}, "lxc": {"distribution": "debian", "release": "12"}}
"#,
    },
    Fixture {
        name: "0.8/one_shot/experimental-test",
        platform: LINUX,
        exact: "accept",
        production: "accept",
        oracle: "accepted",
        rule: "the 0.8 contract has a closed `experimental` section",
        text: r#"
{"version": "0.8.0-alpha", "process": {"commandLine": "true"}, "experimental": {"test": {"message": "hello"}}}
"#,
    },
    Fixture {
        name: "0.8/one_shot/proxy-builtin",
        platform: LINUX,
        exact: "accept",
        production: "accept",
        oracle: "accepted",
        rule: "`network.proxy.builtinTestServer: true` is one proxy variant (a testing feature, warned about)",
        text: r#"
{"version": "0.8.0-alpha", "process": {"commandLine": "true"}, "network": {"proxy": {"builtinTestServer": true}}}
"#,
    },
    Fixture {
        name: "0.8/one_shot/directional-egress",
        platform: LINUX,
        exact: "accept",
        production: "accept",
        oracle: "accepted",
        rule: "0.8 directional egress rules with CIDR peers and port selectors",
        text: r#"
{
  "version": "0.8.0-alpha",
  "process": {"commandLine": "true"},
  "network": {
    "egress": {
      "default": "deny",
      "allow": [{"to": [{"cidr": "203.0.113.0/24"}], "ports": [{"protocol": "tcp", "port": 8443}]}]
    }
  }
}
"#,
    },
    Fixture {
        name: "0.8/one_shot/capability",
        platform: WINDOWS,
        exact: "accept",
        production: "accept",
        oracle: "accepted (parsed; this Linux executor has no Windows runner and falls back to LXC)",
        rule: "an ordinary capability name passes the capability pattern",
        text: r#"
{"version": "0.8.0-alpha", "containment": "processcontainer", "process": {"commandLine": "whoami"}, "processContainer": {"capabilities": ["musicLibrary"]}}
"#,
    },
    // Valid requests for each 0.8 request root.
    Fixture {
        name: "0.8/exec/minimal",
        platform: WINDOWS,
        exact: "accept",
        production: "accept",
        oracle: "-",
        rule: "an `exec` request carries `phase`, `sandboxId` and `process`",
        text: r#"
{"version": "0.8.0-alpha", "phase": "exec", "sandboxId": "wslc:7d1e", "process": {"commandLine": "hostname"}}
"#,
    },
    Fixture {
        name: "0.8/exec/correlation-vector",
        platform: WINDOWS,
        exact: "accept",
        production: "accept",
        oracle: "-",
        rule: "requests after `provision` may relay a `correlationVector`",
        text: r#"
{"version": "0.8.0-alpha", "phase": "exec", "sandboxId": "iso:51", "correlationVector": "aBcD.1", "process": {"commandLine": "hostname"}}
"#,
    },
    Fixture {
        name: "0.8/start/minimal",
        platform: WINDOWS,
        exact: "accept",
        production: "accept",
        oracle: "-",
        rule: "a `start` request carries `phase` and `sandboxId`",
        text: r#"
{"version": "0.8.0-alpha", "phase": "start", "sandboxId": "iso:51"}
"#,
    },
    Fixture {
        name: "0.8/stop/minimal",
        platform: WINDOWS,
        exact: "accept",
        production: "accept",
        oracle: "-",
        rule: "a `stop` request carries `phase` and `sandboxId`",
        text: r#"
{"version": "0.8.0-alpha", "phase": "stop", "sandboxId": "wsb:c0ffee"}
"#,
    },
    Fixture {
        name: "0.8/deprovision/minimal",
        platform: WINDOWS,
        exact: "accept",
        production: "accept",
        oracle: "-",
        rule: "a `deprovision` request carries `phase` and `sandboxId`",
        text: r#"
{"version": "0.8.0-alpha", "phase": "deprovision", "sandboxId": "wslc:7d1e"}
"#,
    },
    Fixture {
        name: "0.8/wslc_provision/minimal",
        platform: WINDOWS,
        exact: "accept",
        production: "accept",
        oracle: "-",
        rule: "`provision` with `containment: wslc`",
        text: r#"
{"version": "0.8.0-alpha", "phase": "provision", "containment": "wslc"}
"#,
    },
    Fixture {
        name: "0.8/wslc_provision/image",
        platform: WINDOWS,
        exact: "accept",
        production: "accept",
        oracle: "-",
        rule: "backend settings of a state-aware phase nest under `experimental.<backend>.<phase>`",
        text: r#"
{"version": "0.8.0-alpha", "phase": "provision", "containment": "wslc", "experimental": {"wslc": {"provision": {"image": "debian:12"}}}}
"#,
    },
    Fixture {
        name: "0.8/windows_sandbox_provision/minimal",
        platform: WINDOWS,
        exact: "accept",
        production: "accept",
        oracle: "-",
        rule: "`provision` with `containment: windows_sandbox`",
        text: r#"
{"version": "0.8.0-alpha", "phase": "provision", "containment": "windows_sandbox"}
"#,
    },
    Fixture {
        name: "0.8/isolation_session_provision/minimal",
        platform: WINDOWS,
        exact: "accept",
        production: "accept",
        oracle: "-",
        rule: "`provision` with `containment: isolation_session` and the unrestricted-network acknowledgment",
        text: r#"
{
  "version": "0.8.0-alpha",
  "phase": "provision",
  "containment": "isolation_session",
  "network": {"allowLocalNetwork": true, "defaultPolicy": "allow"}
}
"#,
    },
    // Request-root selection.
    Fixture {
        name: "0.8/one_shot/exec-request",
        platform: WINDOWS,
        exact: "reject ROOT",
        production: "reject ROOT",
        oracle: "-",
        rule: "a request with `phase` is never a one-shot request, however valid it is as one",
        text: r#"
{"version": "0.8.0-alpha", "phase": "exec", "sandboxId": "wslc:7d1e", "process": {"commandLine": "hostname"}}
"#,
    },
    Fixture {
        name: "0.8/windows_sandbox_provision/wslc-request",
        platform: WINDOWS,
        exact: "reject ROOT",
        production: "reject ROOT",
        oracle: "-",
        rule: "a `provision` request's root follows its `containment`",
        text: r#"
{"version": "0.8.0-alpha", "phase": "provision", "containment": "wslc"}
"#,
    },
];
