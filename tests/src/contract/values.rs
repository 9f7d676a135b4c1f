//! Values the contracts refuse: enums (MX1103), ranges and types (MX1105, MX1102), `null` (MX1106),
//! empty values (MX1107), aliases (MX1108), capability names (MX1109) and proxy variants (MX1110).

use crate::contract::{Fixture, LINUX, MACOS, WINDOWS};

pub(super) const FIXTURES: &[Fixture] = &[
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
    // MX1102 and MX1105: numbers as MXC's parser reads the literal. `serde_json` reads a
    // fraction, an exponent or `-0` as a float, refused where a Rust integer is expected even
    // when whole (JSON Schema's `integer` alone would admit it); an integer beyond `u64` is a
    // float too; a literal beyond `f64` is a syntax error wherever it appears.
    Fixture {
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
    Fixture {
        name: "0.8/one_shot/timeout-zero-float",
        platform: LINUX,
        exact: "reject MX1102",
        production: "reject MX1102",
        oracle: "rejected: floating point `0.0`, expected u32",
        rule: "`0.0` is a float to MXC, not the timeout 0",
        text: r#"
{"version": "0.8.0-alpha", "process": {"commandLine": "true", "timeout": 0.0}}
"#,
    },
    Fixture {
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
    Fixture {
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
    Fixture {
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
    Fixture {
        name: "0.8/one_shot/egress-port-exponent",
        platform: LINUX,
        exact: "reject MX1102",
        production: "reject MX1102",
        oracle: "rejected: floating point `443.0`, expected u16",
        rule: "a rule's `port` is a u16, and MXC's parsers read `443e0` as a float",
        text: r#"
{"version": "0.8.0-alpha", "process": {"commandLine": "true"}, "network": {"egress": {"allow": [{"to": [{"cidr": "140.82.112.0/20"}], "ports": [{"protocol": "tcp", "port": 443e0}]}]}}}
"#,
    },
    Fixture {
        name: "0.8/one_shot/egress-end-port-exponent",
        platform: LINUX,
        exact: "reject MX1102",
        production: "reject MX1102",
        oracle: "rejected: floating point `445.0`, expected u16",
        rule: "a rule's `endPort` is a u16, and MXC's parsers read `4.45e2` as a float",
        text: r#"
{"version": "0.8.0-alpha", "process": {"commandLine": "true"}, "network": {"egress": {"allow": [{"to": [{"cidr": "140.82.112.0/20"}], "ports": [{"protocol": "tcp", "port": 443, "endPort": 4.45e2}]}]}}}
"#,
    },
    Fixture {
        name: "0.6/proxy-localhost-integral-float",
        platform: LINUX,
        exact: "reject MX1102",
        production: "reject MX1102",
        oracle: "rejected: floating point `8080.0`, expected u16",
        rule: "`network.proxy.localhost` is a u16, and MXC's parsers read `8080.0` as a float",
        text: r#"
{"version": "0.6.0-alpha", "process": {"commandLine": "true"}, "network": {"defaultPolicy": "allow", "proxy": {"localhost": 8080.0}}}
"#,
    },
    Fixture {
        name: "0.8/one_shot/timeout-above-u64",
        platform: LINUX,
        exact: "reject MX1105",
        production: "reject MX1105",
        oracle: "rejected: floating point `1.8446744073709552e+19`, expected u32",
        rule: "an integer literal beyond `u64` is a float to `serde_json`, and out of range for a u32 anyway",
        text: r#"
{"version": "0.8.0-alpha", "process": {"commandLine": "true", "timeout": 18446744073709551616}}
"#,
    },
    Fixture {
        name: "0.8/one_shot/timeout-beyond-f64",
        platform: LINUX,
        exact: "reject MX1105",
        production: "reject MX1105",
        oracle: "rejected: number out of range",
        rule: "`1e400` is beyond `f64`: MXC's JSON parser refuses it before reading any field",
        text: r#"
{"version": "0.8.0-alpha", "process": {"commandLine": "true", "timeout": 1e400}}
"#,
    },
    Fixture {
        name: "0.8/one_shot/timeout-310-digits",
        platform: LINUX,
        exact: "reject MX1105",
        production: "reject MX1105",
        oracle: "rejected: number out of range",
        rule: "an integer of 310 digits is beyond `f64`: MXC's JSON parser refuses it before reading any field",
        text: r#"
{"version": "0.8.0-alpha", "process": {"commandLine": "true", "timeout": 1111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111}}
"#,
    },
    Fixture {
        name: "0.8/one_shot/comment-beyond-f64",
        platform: LINUX,
        exact: "reject MX1105",
        production: "reject MX1105",
        oracle: "rejected: number out of range",
        rule: "a number beyond `f64` is refused wherever it appears, even in `_comment`",
        text: r#"
{"version": "0.8.0-alpha", "_comment": {"limit": 1e400}, "process": {"commandLine": "true"}}
"#,
    },
    Fixture {
        name: "0.8/one_shot/comment-floats",
        platform: LINUX,
        exact: "accept",
        production: "accept",
        oracle: "accepted",
        rule: "`_comment` takes any JSON, floats and wide integers included",
        text: r#"
{"version": "0.8.0-alpha", "_comment": [443.0, -0, 1e-400, 18446744073709551616], "process": {"commandLine": "true"}}
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
];
