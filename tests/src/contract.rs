//! MXC's contract rules, each pinned by a minimal config written for this suite.
//!
//! Every fixture runs through the whole frontend twice: in exact-contract mode (`--exact`, the
//! closed per-version contracts) and in production mode (what MXC's executors accept). A verdict
//! is `accept`, or `reject` followed by the sorted error codes. Both verdicts must equal the ones
//! in [`FIXTURES`], and the table of all verdicts is one file snapshot.
//!
//! Names are `<version>/<rule>`; for 0.8 the second part is the request root the config is meant
//! as (`one_shot`, `exec`, `start`, `stop`, `deprovision`, `wslc_provision`,
//! `windows_sandbox_provision`, `isolation_session_provision`). MXC's 0.8 contract reads each
//! request as the root picked by `phase` (and, for `provision`, by `containment`), so the suite
//! adds `ROOT` to the verdict when mxcc picks another root than the name says.
//!
//! The `oracle` column records what MXC's own Linux executor (`lxc-exec --dry-run --experimental
//! --allow-testing-features`, MXC commit 7dac1a95) said about the fixture when it was written.
//! It is production MXC, so it speaks to the production column only. It parses every one-shot
//! request but runs only the Linux backends' checks, and a dry run stops before MXC's run-time
//! checks; an acceptance that therefore says less than the production verdict carries a remark
//! in parentheses. `-` means it cannot judge the fixture (it refuses every state-aware request).
//! The test never runs it; it checks that the column and the production verdicts agree.
//!
//! Where mxcc disagrees with MXC, the fixture is in [`KNOWN_DISAGREEMENTS`] with MXC's verdicts
//! and the reason; the suite asserts that mxcc still disagrees, so a fix has to move the fixture
//! into [`FIXTURES`].

use std::fmt::Write as _;

use compiler::{Options, compile};
use ir::{Phase, Platform, SourceId};

const LINUX: Platform = Platform::Linux;
const MACOS: Platform = Platform::Macos;
const WINDOWS: Platform = Platform::Windows;

/// One config and what MXC does with it.
struct Fixture {
    /// `<version>/<rule>`, or `<version>/<request root>/<rule>` for 0.8.
    name: &'static str,
    platform: Platform,
    /// The verdict in exact-contract mode.
    exact: &'static str,
    /// The verdict in production mode.
    production: &'static str,
    /// What MXC's Linux executor said in a dry run, or `-`.
    oracle: &'static str,
    /// The rule the fixture pins, and why the two modes differ where they do.
    rule: &'static str,
    text: &'static str,
}

/// A fixture on which mxcc and MXC disagree; `exact` and `production` are MXC's verdicts.
struct Disagreement {
    fixture: Fixture,
    reason: &'static str,
}

const EXPERIMENTAL: &str = "`experimental` is absent from the 0.6/0.7 contracts, but the production wire model parses it for every version";
const WINDOWS_HOST_LISTS: &str =
    "both Windows runners refuse `blockedHosts`/`allowedHosts` (not yet supported on Windows)";
const BWRAP_PROXY_BLOCK: &str = "on Linux `process` is bubblewrap, which refuses an external proxy under the default `defaultPolicy` `block`";
const UNROUTED_ID: &str = "the contract takes any `sandboxId` string, but production routes by its prefix (`iso:`, `wsb:`, `wslc:`) and refuses others (`malformed_id`)";

const FIXTURES: &[Fixture] = &[
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
    // MX1103: values outside the allowed set.
    Fixture {
        name: "0.7/seatbelt-launch-method",
        platform: MACOS,
        exact: "reject MX1103",
        production: "reject MX1103",
        oracle: "rejected: unknown variant `spawn`",
        rule: "`seatbelt.launchMethod` is `exec` or `open`",
        text: r#"
{"version": "0.7.0-alpha", "containment": "seatbelt", "process": {"commandLine": "true"}, "seatbelt": {"launchMethod": "spawn"}}
"#,
    },
    Fixture {
        name: "0.8/one_shot/seatbelt-launch-method",
        platform: MACOS,
        exact: "reject MX1103",
        production: "reject MX1103",
        oracle: "rejected: unknown variant `fork`",
        rule: "`seatbelt.launchMethod` is `exec` or `open`",
        text: r#"
{"version": "0.8.0-alpha", "process": {"commandLine": "true"}, "seatbelt": {"launchMethod": "fork"}}
"#,
    },
    Fixture {
        name: "0.8/one_shot/containment",
        platform: LINUX,
        exact: "reject MX1103",
        production: "reject MX1103",
        oracle: "rejected: unknown variant",
        rule: "`containment` is one of the known backends and intents",
        text: r#"
{"version": "0.8.0-alpha", "containment": "docker", "process": {"commandLine": "true"}}
"#,
    },
    Fixture {
        name: "0.7/default-policy",
        platform: LINUX,
        exact: "reject MX1103",
        production: "reject MX1103",
        oracle: "rejected: unknown variant",
        rule: "`network.defaultPolicy` is `allow` or `block`; other values are errors, not `block`",
        text: r#"
{"version": "0.7.0-alpha", "process": {"commandLine": "true"}, "network": {"defaultPolicy": "outbound"}}
"#,
    },
    Fixture {
        name: "0.8/one_shot/egress-protocol",
        platform: LINUX,
        exact: "reject MX1103",
        production: "reject MX1103",
        oracle: "rejected: unknown variant",
        rule: "a port selector's `protocol` is `tcp`, `udp`, `icmp` or `any`",
        text: r#"
{"version": "0.8.0-alpha", "process": {"commandLine": "true"}, "network": {"egress": {"allow": [{"ports": [{"protocol": "sctp"}]}]}}}
"#,
    },
    Fixture {
        name: "0.6/builtin-test-server-false",
        platform: LINUX,
        exact: "reject MX1103",
        production: "reject MX2203",
        oracle: "rejected: builtinTestServer must be true",
        rule: "`network.proxy.builtinTestServer` must be the literal `true`",
        text: r#"
{"version": "0.6.0-alpha", "process": {"commandLine": "true"}, "network": {"proxy": {"builtinTestServer": false}}}
"#,
    },
    Fixture {
        name: "0.8/one_shot/wslc-port-protocol",
        platform: WINDOWS,
        exact: "reject MX1103",
        production: "reject MX1103",
        oracle: "rejected: unknown variant `udp`, expected `tcp`",
        rule: "WSLC port mappings are TCP only",
        text: r#"
{
  "version": "0.8.0-alpha",
  "containment": "wslc",
  "process": {"commandLine": "true"},
  "experimental": {"wslc": {"portMappings": [{"windowsPort": 8080, "containerPort": 80, "protocol": "udp"}]}}
}
"#,
    },
    Fixture {
        name: "0.8/stop/phase",
        platform: WINDOWS,
        exact: "reject MX1103 ROOT",
        production: "reject MX1103 ROOT",
        oracle: "rejected: unknown variant `halt` (parsing precedes its state-aware refusal)",
        rule: "`phase` is `provision`, `start`, `exec`, `stop` or `deprovision`; another value selects no request root",
        text: r#"
{"version": "0.8.0-alpha", "phase": "halt", "sandboxId": "wsb:c0ffee"}
"#,
    },
    Fixture {
        name: "0.8/wslc_provision/containment",
        platform: LINUX,
        exact: "reject MX1103 ROOT",
        production: "reject MX2011 ROOT",
        oracle: "-",
        rule: "only `windows_sandbox`, `isolation_session` and `wslc` can be provisioned; another containment selects no request root",
        text: r#"
{"version": "0.8.0-alpha", "phase": "provision", "containment": "lxc"}
"#,
    },
    // MX1105: numbers out of range.
    Fixture {
        name: "0.8/one_shot/wslc-port-out-of-range",
        platform: WINDOWS,
        exact: "reject MX1105",
        production: "reject MX1105",
        oracle: "rejected: `70000`, expected u16",
        rule: "WSLC port mappings take ports from 1 to 65535",
        text: r#"
{
  "version": "0.8.0-alpha",
  "containment": "wslc",
  "process": {"commandLine": "true"},
  "experimental": {"wslc": {"portMappings": [{"windowsPort": 8080, "containerPort": 70000}]}}
}
"#,
    },
    Fixture {
        name: "0.8/one_shot/egress-port-65536",
        platform: LINUX,
        exact: "reject MX1105",
        production: "reject MX1105",
        oracle: "rejected: `65536`, expected u16",
        rule: "rule ports are from 1 to 65535",
        text: r#"
{"version": "0.8.0-alpha", "process": {"commandLine": "true"}, "network": {"egress": {"allow": [{"ports": [{"protocol": "udp", "port": 65536}]}]}}}
"#,
    },
    Fixture {
        name: "0.8/one_shot/egress-port-0",
        platform: LINUX,
        exact: "reject MX1105",
        production: "reject MX1105",
        oracle: "rejected: port must be between 1 and 65535",
        rule: "rule ports are from 1 to 65535",
        text: r#"
{"version": "0.8.0-alpha", "process": {"commandLine": "true"}, "network": {"egress": {"allow": [{"ports": [{"protocol": "tcp", "port": 0}]}]}}}
"#,
    },
    Fixture {
        name: "0.8/one_shot/egress-port-65535",
        platform: LINUX,
        exact: "accept",
        production: "accept",
        oracle: "accepted",
        rule: "65535 is the largest port",
        text: r#"
{"version": "0.8.0-alpha", "process": {"commandLine": "true"}, "network": {"egress": {"allow": [{"ports": [{"protocol": "tcp", "port": 65535}]}]}}}
"#,
    },
    Fixture {
        name: "0.7/proxy-localhost-0",
        platform: LINUX,
        exact: "reject MX1105",
        production: "reject MX1105",
        oracle: "rejected: must be a port between 1 and 65535",
        rule: "`network.proxy.localhost` is a port from 1 to 65535",
        text: r#"
{"version": "0.7.0-alpha", "process": {"commandLine": "true"}, "network": {"defaultPolicy": "allow", "proxy": {"localhost": 0}}}
"#,
    },
    Fixture {
        name: "0.6/timeout-negative",
        platform: LINUX,
        exact: "reject MX1105",
        production: "reject MX1105",
        oracle: "rejected: `-1`, expected u32",
        rule: "`process.timeout` is a u32",
        text: r#"
{"version": "0.6.0-alpha", "process": {"commandLine": "true", "timeout": -1}}
"#,
    },
    Fixture {
        name: "0.8/one_shot/timeout-above-u32",
        platform: LINUX,
        exact: "reject MX1105",
        production: "reject MX1105",
        oracle: "rejected: `4294967296`, expected u32",
        rule: "`process.timeout` is a u32",
        text: r#"
{"version": "0.8.0-alpha", "process": {"commandLine": "true", "timeout": 4294967296}}
"#,
    },
    Fixture {
        name: "0.8/one_shot/timeout-u32-max",
        platform: LINUX,
        exact: "accept",
        production: "accept",
        oracle: "accepted",
        rule: "4294967295 is the largest timeout",
        text: r#"
{"version": "0.8.0-alpha", "process": {"commandLine": "true", "timeout": 4294967295}}
"#,
    },
    Fixture {
        name: "0.8/one_shot/timeout-fraction",
        platform: LINUX,
        exact: "reject MX1102",
        production: "reject MX1102",
        oracle: "rejected: floating point `2.5`, expected u32",
        rule: "`process.timeout` is an integer",
        text: r#"
{"version": "0.8.0-alpha", "process": {"commandLine": "true", "timeout": 2.5}}
"#,
    },
    Fixture {
        name: "0.8/one_shot/timeout-string",
        platform: LINUX,
        exact: "reject MX1102",
        production: "reject MX1102",
        oracle: "rejected: string, expected u32",
        rule: "`process.timeout` is a number, not a string",
        text: r#"
{"version": "0.8.0-alpha", "process": {"commandLine": "true", "timeout": "250"}}
"#,
    },
    // MX1106: explicit null.
    Fixture {
        name: "0.8/one_shot/null-field",
        platform: LINUX,
        exact: "reject MX1106",
        production: "accept",
        oracle: "accepted",
        rule: "the contracts reject an explicit `null`; production reads it as absent",
        text: r#"
{"version": "0.8.0-alpha", "process": {"commandLine": "true", "cwd": null}}
"#,
    },
    Fixture {
        name: "0.7/null-section",
        platform: LINUX,
        exact: "reject MX1106",
        production: "accept",
        oracle: "accepted",
        rule: "the contracts reject an explicit `null`; production reads it as absent",
        text: r#"
{"version": "0.7.0-alpha", "process": {"commandLine": "true"}, "network": null}
"#,
    },
    // MX1107: empty strings and arrays.
    Fixture {
        name: "0.8/one_shot/empty-command-line",
        platform: LINUX,
        exact: "reject MX1107",
        production: "reject MX2302",
        oracle: "rejected: commandLine cannot be empty",
        rule: "`process.commandLine` is not empty",
        text: r#"
{"version": "0.8.0-alpha", "process": {"commandLine": ""}}
"#,
    },
    Fixture {
        name: "0.8/one_shot/egress-empty-to",
        platform: LINUX,
        exact: "reject MX1107",
        production: "reject MX1107",
        oracle: "rejected: must contain at least one destination",
        rule: "a rule's `to`, when present, lists at least one peer",
        text: r#"
{"version": "0.8.0-alpha", "process": {"commandLine": "true"}, "network": {"egress": {"deny": [{"to": []}]}}}
"#,
    },
    Fixture {
        name: "0.8/one_shot/egress-empty-ports",
        platform: LINUX,
        exact: "reject MX1107",
        production: "reject MX1107",
        oracle: "rejected: must contain at least one port selector",
        rule: "a rule's `ports`, when present, lists at least one selector",
        text: r#"
{"version": "0.8.0-alpha", "process": {"commandLine": "true"}, "network": {"egress": {"allow": [{"to": [{"cidr": "192.0.2.0/24"}], "ports": []}]}}}
"#,
    },
    // MX1108: a section and its alias.
    Fixture {
        name: "0.8/one_shot/process-container-twice",
        platform: WINDOWS,
        exact: "reject MX1108",
        production: "reject MX1108",
        oracle: "rejected: duplicate field `processContainer`",
        rule: "`processContainer` and its alias `appContainer` cannot both be present",
        text: r#"
{"version": "0.8.0-alpha", "process": {"commandLine": "whoami"}, "processContainer": {"leastPrivilege": true}, "appContainer": {}}
"#,
    },
    Fixture {
        name: "0.7/seatbelt-twice",
        platform: MACOS,
        exact: "reject MX1108",
        production: "reject MX1108",
        oracle: "rejected: duplicate field `seatbelt`",
        rule: "`seatbelt` and its alias `macos_sandbox` cannot both be present",
        text: r#"
{"version": "0.7.0-alpha", "containment": "seatbelt", "process": {"commandLine": "true"}, "seatbelt": {}, "macos_sandbox": {}}
"#,
    },
    // MX1109: capability names.
    Fixture {
        name: "0.8/one_shot/capability-comma",
        platform: WINDOWS,
        exact: "reject MX1109",
        production: "reject MX2401",
        oracle: "rejected: must not contain a comma",
        rule: "one capability per entry: no commas",
        text: r#"
{"version": "0.8.0-alpha", "containment": "processcontainer", "process": {"commandLine": "whoami"}, "processContainer": {"capabilities": ["musicLibrary,videosLibrary"]}}
"#,
    },
    Fixture {
        name: "0.8/one_shot/capability-learning-mode-logging",
        platform: WINDOWS,
        exact: "reject MX1109",
        production: "reject MX2402",
        oracle: "rejected: reserved learning-mode capability",
        rule: "`learningModeLogging` is reserved, in any case",
        text: r#"
{"version": "0.8.0-alpha", "containment": "processcontainer", "process": {"commandLine": "whoami"}, "processContainer": {"capabilities": ["learningmodelogging"]}}
"#,
    },
    Fixture {
        name: "0.8/one_shot/capability-permissive-learning-mode",
        platform: WINDOWS,
        exact: "reject MX1109",
        production: "reject MX2402",
        oracle: "rejected: reserved learning-mode capability",
        rule: "`permissiveLearningMode` is reserved, in any case",
        text: r#"
{"version": "0.8.0-alpha", "containment": "processcontainer", "process": {"commandLine": "whoami"}, "processContainer": {"capabilities": ["PermissiveLearningMode"]}}
"#,
    },
    // MX1110: one proxy variant.
    Fixture {
        name: "0.7/proxy-without-variant",
        platform: LINUX,
        exact: "reject MX1110",
        production: "reject MX2201",
        oracle: "rejected: must specify builtinTestServer, localhost, or url",
        rule: "`network.proxy` names exactly one of `localhost`, `builtinTestServer` and `url`",
        text: r#"
{"version": "0.7.0-alpha", "process": {"commandLine": "true"}, "network": {"defaultPolicy": "allow", "proxy": {}}}
"#,
    },
    Fixture {
        name: "0.8/one_shot/proxy-builtin-and-localhost",
        platform: LINUX,
        exact: "reject MX1110",
        production: "reject MX2202",
        oracle: "rejected: no other proxy options beside builtinTestServer",
        rule: "`network.proxy` names exactly one of `localhost`, `builtinTestServer` and `url`; production enforces it for `builtinTestServer`",
        text: r#"
{"version": "0.8.0-alpha", "process": {"commandLine": "true"}, "network": {"defaultPolicy": "allow", "proxy": {"builtinTestServer": true, "localhost": 3128}}}
"#,
    },
    // Versions.
    Fixture {
        name: "version/missing",
        platform: LINUX,
        exact: "reject MX2004",
        production: "accept",
        oracle: "accepted",
        rule: "the contracts require `version`; production assumes a compatible one",
        text: r#"
{"process": {"commandLine": "true"}}
"#,
    },
    Fixture {
        name: "version/empty",
        platform: LINUX,
        exact: "reject MX2001 MX2005",
        production: "accept",
        oracle: "accepted",
        rule: "production reads an empty `version` as absent; the contracts accept only the exact strings",
        text: r#"
{"version": "", "process": {"commandLine": "true"}}
"#,
    },
    Fixture {
        name: "version/null",
        platform: LINUX,
        exact: "reject MX1106",
        production: "accept",
        oracle: "accepted",
        rule: "production reads a `null` `version` as absent; the contracts reject `null`",
        text: r#"
{"version": null, "process": {"commandLine": "true"}}
"#,
    },
    Fixture {
        name: "version/number",
        platform: LINUX,
        exact: "reject MX1102",
        production: "reject MX1102",
        oracle: "rejected: expected a string",
        rule: "`version` is a string",
        text: r#"
{"version": 0.8, "process": {"commandLine": "true"}}
"#,
    },
    Fixture {
        name: "version/patch",
        platform: LINUX,
        exact: "reject MX2005",
        production: "accept",
        oracle: "accepted",
        rule: "production ignores the patch level; the contracts know only `0.6.0-alpha`, `0.7.0-alpha` and `0.8.0-alpha`",
        text: r#"
{"version": "0.7.3-alpha", "process": {"commandLine": "true"}}
"#,
    },
    Fixture {
        name: "version/0.9",
        platform: LINUX,
        exact: "reject MX2005",
        production: "accept",
        oracle: "accepted",
        rule: "production accepts up to 0.9; no exact contract exists for it",
        text: r#"
{"version": "0.9.0-alpha", "process": {"commandLine": "true"}}
"#,
    },
    Fixture {
        name: "version/release",
        platform: LINUX,
        exact: "reject MX2005",
        production: "accept",
        oracle: "accepted",
        rule: "production ignores the pre-release; the contracts need `-alpha`",
        text: r#"
{"version": "0.6.0", "process": {"commandLine": "true"}}
"#,
    },
    Fixture {
        name: "version/build-metadata",
        platform: LINUX,
        exact: "reject MX2005",
        production: "accept",
        oracle: "accepted",
        rule: "production parses semver build metadata; the contracts compare the exact string",
        text: r#"
{"version": "0.8.0-alpha+42", "process": {"commandLine": "true"}}
"#,
    },
    Fixture {
        name: "version/escaped",
        platform: LINUX,
        exact: "accept",
        production: "accept",
        oracle: "accepted",
        rule: "`version` is compared after JSON unescaping",
        text: r#"
{"version": "0.7.0\u002dalpha", "process": {"commandLine": "true"}}
"#,
    },
    Fixture {
        name: "version/too-old",
        platform: LINUX,
        exact: "reject MX2002 MX2005",
        production: "reject MX2002",
        oracle: "rejected: older than supported",
        rule: "production accepts major.minor from 0.6",
        text: r#"
{"version": "0.5.0-alpha", "process": {"commandLine": "true"}}
"#,
    },
    Fixture {
        name: "version/too-new",
        platform: LINUX,
        exact: "reject MX2003 MX2005",
        production: "reject MX2003",
        oracle: "rejected: newer than supported",
        rule: "production accepts major.minor up to 0.9 (0.10 is newer, not older)",
        text: r#"
{"version": "0.10.0", "process": {"commandLine": "true"}}
"#,
    },
    Fixture {
        name: "version/two-parts",
        platform: LINUX,
        exact: "reject MX2001 MX2005",
        production: "reject MX2001",
        oracle: "rejected: must be semver",
        rule: "`version` is a full semantic version",
        text: r#"
{"version": "0.8", "process": {"commandLine": "true"}}
"#,
    },
    Fixture {
        name: "version/leading-zero",
        platform: LINUX,
        exact: "reject MX2001 MX2005",
        production: "reject MX2001",
        oracle: "rejected: must be semver",
        rule: "semver forbids leading zeros",
        text: r#"
{"version": "0.07.0", "process": {"commandLine": "true"}}
"#,
    },
    Fixture {
        name: "version/prefix",
        platform: LINUX,
        exact: "reject MX2001 MX2005",
        production: "reject MX2001",
        oracle: "rejected: must be semver",
        rule: "no `v` prefix and no surrounding spaces",
        text: r#"
{"version": "v0.8.0-alpha", "process": {"commandLine": "true"}}
"#,
    },
    Fixture {
        name: "version/duplicate",
        platform: LINUX,
        exact: "reject MX1006",
        production: "reject MX1006",
        oracle: "rejected: duplicate field",
        rule: "`version` appears once (as every key does)",
        text: r#"
{"version": "0.8.0-alpha", "version": "0.8.0-alpha", "process": {"commandLine": "true"}}
"#,
    },
    // Where production is stricter than the contract.
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

/// Fixtures on which mxcc disagrees with MXC, with MXC's verdicts.
const KNOWN_DISAGREEMENTS: &[Disagreement] = &[
    Disagreement {
        fixture: Fixture {
            name: "0.8/one_shot/app-container-before-process-container",
            platform: WINDOWS,
            exact: "reject MX1108",
            production: "reject MX1108",
            oracle: "rejected: duplicate field `processContainer`",
            rule: "`processContainer` and its alias `appContainer` cannot both be present",
            text: r#"
{"version": "0.8.0-alpha", "process": {"commandLine": "whoami"}, "appContainer": {}, "processContainer": {}}
"#,
        },
        reason: "the verdict agrees, but with the alias first production mode reports the conflict twice (MX1006 beside the schema's MX1108); `seatbelt` after `macos_sandbox` does the same",
    },
    Disagreement {
        fixture: Fixture {
            name: "0.8/one_shot/proxy-localhost-and-url",
            platform: LINUX,
            exact: "reject MX1110",
            production: "accept",
            oracle: "accepted (even with an `ftp://` URL beside `localhost`: the URL is then not checked)",
            rule: "the contract takes exactly one proxy variant; production refuses a second one only beside `builtinTestServer`",
            text: r#"
{"version": "0.8.0-alpha", "process": {"commandLine": "true"}, "network": {"defaultPolicy": "allow", "proxy": {"localhost": 3128, "url": "http://proxy.internal:3128"}}}
"#,
        },
        reason: "mxcc's production mode reports MX2202 for any two proxy variants; MXC's parser accepts `localhost` beside `url`",
    },
    Disagreement {
        fixture: Fixture {
            name: "0.8/one_shot/timeout-integral-float",
            platform: LINUX,
            exact: "reject MX1102",
            production: "reject MX1102",
            oracle: "rejected: floating point `250.0`, expected u32",
            rule: "`process.timeout` is a u32, and MXC's parsers read `250.0` as a float",
            text: r#"
{"version": "0.8.0-alpha", "process": {"commandLine": "true", "timeout": 250.0}}
"#,
        },
        reason: "JSON Schema's `integer` admits any number with a zero fraction, so mxcc accepts `250.0`",
    },
    Disagreement {
        fixture: Fixture {
            name: "0.8/one_shot/timeout-exponent",
            platform: LINUX,
            exact: "reject MX1102",
            production: "reject MX1102",
            oracle: "rejected: floating point `2000.0`, expected u32",
            rule: "`process.timeout` is a u32, and MXC's parsers read `2e3` as a float",
            text: r#"
{"version": "0.8.0-alpha", "process": {"commandLine": "true", "timeout": 2e3}}
"#,
        },
        reason: "JSON Schema's `integer` admits `2e3`, so mxcc accepts it",
    },
    Disagreement {
        fixture: Fixture {
            name: "0.8/one_shot/timeout-negative-zero",
            platform: LINUX,
            exact: "reject MX1102",
            production: "reject MX1102",
            oracle: "rejected: floating point `-0.0`, expected u32",
            rule: "`process.timeout` is a u32, and MXC's parsers read `-0` as a float",
            text: r#"
{"version": "0.8.0-alpha", "process": {"commandLine": "true", "timeout": -0}}
"#,
        },
        reason: "JSON Schema's `integer` admits `-0` as zero, so mxcc accepts it",
    },
    Disagreement {
        fixture: Fixture {
            name: "0.8/one_shot/egress-port-integral-float",
            platform: LINUX,
            exact: "reject MX1102",
            production: "reject MX1102",
            oracle: "rejected: floating point `443.0`, expected u16",
            rule: "a rule's `port` is a u16, and MXC's parsers read `443.0` as a float",
            text: r#"
{"version": "0.8.0-alpha", "process": {"commandLine": "true"}, "network": {"egress": {"allow": [{"ports": [{"protocol": "tcp", "port": 443.0}]}]}}}
"#,
        },
        reason: "JSON Schema's `integer` admits any number with a zero fraction, so mxcc accepts `443.0`",
    },
];

/// The 0.8 request root a fixture's name says it is meant as.
fn intended_root(name: &str) -> Option<&str> {
    let mut parts = name.split('/');
    (parts.next() == Some("0.8"))
        .then(|| parts.next())
        .flatten()
}

/// The request root MXC's 0.8 contract reads a compiled request as.
fn selected_root(header: &compiler::Header) -> String {
    match header.phase.as_ref().map(|p| p.value) {
        None => "one_shot".to_owned(),
        Some(Phase::Provision) => format!("{}_provision", header.backend().as_str()),
        Some(phase) => phase.as_str().to_owned(),
    }
}

/// The verdict of one mode: `accept`, or `reject` and the sorted error codes.
fn verdict(fixture: &Fixture, exact: bool) -> String {
    let options = Options {
        platform: fixture.platform,
        exact,
        ..Options::default()
    };
    let output = compile(SourceId(0), fixture.text.as_bytes(), &options);
    let mut codes: Vec<String> = output
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.code.as_str().to_owned())
        .collect();
    codes.sort();
    codes.dedup();
    if let (Some(root), Some(header)) = (intended_root(fixture.name), &output.header)
        && selected_root(header) != root
    {
        codes.push("ROOT".to_owned());
    }
    if codes.is_empty() {
        "accept".to_owned()
    } else {
        format!("reject {}", codes.join(" "))
    }
}

/// Where the expected production verdict contradicts the recorded oracle verdict. An oracle
/// acceptance with a parenthesised remark is a dry run that stopped before a run-time check
/// mxcc makes statically, so the remark must say why production may still reject.
fn oracle_mismatch(fixture: &Fixture) -> Option<String> {
    let accepts = fixture.production == "accept";
    let contradicts = match fixture.oracle {
        "-" => false,
        "accepted" => !accepts,
        oracle if oracle.starts_with("accepted (") => false,
        oracle if oracle.starts_with("rejected") => accepts,
        _ => return Some(format!("unreadable oracle column `{}`", fixture.oracle)),
    };
    contradicts.then(|| {
        format!(
            "production verdict `{}` contradicts MXC's executor (`{}`)",
            fixture.production, fixture.oracle
        )
    })
}

/// Runs every fixture in both modes: the rendered table, and every way the verdicts differ
/// from the tables.
fn check() -> (String, Vec<String>) {
    let width = FIXTURES
        .iter()
        .chain(KNOWN_DISAGREEMENTS.iter().map(|d| &d.fixture))
        .map(|f| f.name.len())
        .max()
        .unwrap_or(0);
    let mut table = String::new();
    let mut failures = Vec::new();
    let _ = writeln!(
        table,
        "{:width$}  {:8}  {:26}  production",
        "fixture", "platform", "exact"
    );
    for fixture in FIXTURES {
        let (exact, production) = (verdict(fixture, true), verdict(fixture, false));
        let _ = writeln!(
            table,
            "{:width$}  {:8}  {exact:26}  {production}",
            fixture.name,
            fixture.platform.as_str()
        );
        if exact != fixture.exact {
            failures.push(format!(
                "{}: exact mode expected `{}`, got `{exact}` ({})",
                fixture.name, fixture.exact, fixture.rule
            ));
        }
        if production != fixture.production {
            failures.push(format!(
                "{}: production mode expected `{}`, got `{production}` ({})",
                fixture.name, fixture.production, fixture.rule
            ));
        }
    }
    for fixture in FIXTURES
        .iter()
        .chain(KNOWN_DISAGREEMENTS.iter().map(|d| &d.fixture))
    {
        if let Some(problem) = oracle_mismatch(fixture) {
            failures.push(format!("{}: {problem}", fixture.name));
        }
    }
    let _ = writeln!(
        table,
        "\nknown disagreements (mxcc's verdicts; MXC's in brackets)"
    );
    for Disagreement { fixture, reason } in KNOWN_DISAGREEMENTS {
        let (exact, production) = (verdict(fixture, true), verdict(fixture, false));
        let _ = writeln!(
            table,
            "{:width$}  {:8}  {exact} [{}]  {production} [{}]\n  {reason}",
            fixture.name,
            fixture.platform.as_str(),
            fixture.exact,
            fixture.production,
        );
        if exact == fixture.exact && production == fixture.production {
            failures.push(format!(
                "{}: mxcc now agrees with MXC (`{exact}`, `{production}`); move it to FIXTURES",
                fixture.name
            ));
        }
    }
    (table, failures)
}

#[test]
fn contract_rules() {
    let (table, failures) = check();
    assert!(
        failures.is_empty(),
        "{} verdict(s) differ from the tables:\n{}",
        failures.len(),
        failures.join("\n")
    );
    insta::assert_snapshot!(table);
}
