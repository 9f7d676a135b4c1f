//! Configs the contracts accept and production MXC refuses.

use crate::contract::{Fixture, LINUX, WINDOWS};

const WINDOWS_HOST_LISTS: &str =
    "both Windows runners refuse `blockedHosts`/`allowedHosts` (not yet supported on Windows)";
const BWRAP_PROXY_BLOCK: &str = "on Linux `process` is bubblewrap, which refuses an external proxy under the default `defaultPolicy` `block`";
const UNROUTED_ID: &str = "the contract takes any `sandboxId` string, but production routes by its prefix (`iso:`, `wsb:`, `wslc:`) and refuses others (`malformed_id`)";

pub(super) const FIXTURES: &[Fixture] = &[
    Fixture {
        name: "0.8/one_shot/windows-host-lists",
        platform: WINDOWS,
        exact: "accept",
        production: "reject MX2414",
        oracle: "accepted (parsed; the refusal is the Windows runners', absent from this Linux executor)",
        rule: WINDOWS_HOST_LISTS,
        text: r#"
{"version": "0.8.0-alpha", "containment": "processcontainer", "process": {"commandLine": "whoami"}, "network": {"defaultPolicy": "allow", "blockedHosts": ["198.51.100.7"]}}
"#,
    },
    Fixture {
        name: "0.7/proxy-localhost-under-block",
        platform: LINUX,
        exact: "accept",
        production: "reject MX2216",
        oracle: "rejected: external proxy under block",
        rule: BWRAP_PROXY_BLOCK,
        text: r#"
{"version": "0.7.0-alpha", "process": {"commandLine": "true"}, "network": {"proxy": {"localhost": 3128}}}
"#,
    },
    Fixture {
        name: "0.8/one_shot/proxy-url-under-block",
        platform: LINUX,
        exact: "accept",
        production: "reject MX2216",
        oracle: "rejected: external proxy under block",
        rule: BWRAP_PROXY_BLOCK,
        text: r#"
{"version": "0.8.0-alpha", "process": {"commandLine": "true"}, "network": {"proxy": {"url": "http://proxy.internal:3128"}}}
"#,
    },
    Fixture {
        name: "0.8/stop/unrouted-sandbox-id",
        platform: WINDOWS,
        exact: "accept",
        production: "reject MX2014",
        oracle: "-",
        rule: UNROUTED_ID,
        text: r#"
{"version": "0.8.0-alpha", "phase": "stop", "sandboxId": "box:0042"}
"#,
    },
    Fixture {
        name: "0.8/one_shot/runtime-proxy-with-rules",
        platform: LINUX,
        exact: "accept",
        production: "reject MX2209",
        oracle: "rejected: requires egress.default deny with no rules",
        rule: "grammar-valid, but production wants a ruleless `egress.default: deny` beside `runtimeConfig.networkProxy`",
        text: r#"
{
  "version": "0.8.0-alpha",
  "process": {"commandLine": "true"},
  "runtimeConfig": {"networkProxy": "http://127.0.0.1:3128"},
  "network": {"egress": {"default": "deny", "allow": [{"to": [{"cidr": "192.0.2.0/24"}]}]}}
}
"#,
    },
    Fixture {
        name: "0.8/one_shot/processcontainer-proxy-ingress-deny",
        platform: WINDOWS,
        exact: "accept",
        production: "reject MX2210",
        oracle: "rejected: requires network.ingress.default='allow'",
        rule: "grammar-valid, but a processcontainer proxy needs `ingress.default: allow`",
        text: r#"
{
  "version": "0.8.0-alpha",
  "containment": "processcontainer",
  "process": {"commandLine": "whoami"},
  "runtimeConfig": {"networkProxy": "http://localhost:3128"},
  "network": {"ingress": {"default": "deny"}},
  "processContainer": {"network": {"allowedProxyPeer": "127.0.0.1"}}
}
"#,
    },
    Fixture {
        name: "0.8/one_shot/processcontainer-proxy-peer-loopback",
        platform: WINDOWS,
        exact: "accept",
        production: "reject MX2211",
        oracle: "rejected: requires network.ingress.hostLoopback='deny'",
        rule: "grammar-valid, but a processcontainer proxy with an `allowedProxyPeer` needs `hostLoopback: deny`",
        text: r#"
{
  "version": "0.8.0-alpha",
  "containment": "processcontainer",
  "process": {"commandLine": "whoami"},
  "runtimeConfig": {"networkProxy": "http://localhost:3128"},
  "network": {"ingress": {"default": "allow", "hostLoopback": "allow"}},
  "processContainer": {"network": {"allowedProxyPeer": "127.0.0.1"}}
}
"#,
    },
];
