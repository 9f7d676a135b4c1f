//! How MXC's parser reads values (issue 14): versions through `semver`, key presence in the 0.8
//! version gate, `null` egress rules, the family of `except`, serde_json's nesting limit,
//! repeated keys in values MXC does not read, the legacy/directional mix, LXC's
//! `allowLocalNetwork` and serde's sequence form of structs. Proxy URLs are in `proxy_urls.rs`.

use crate::contract::{Fixture, LINUX, MACOS, WINDOWS};

pub(super) const FIXTURES: &[Fixture] = &[
    Fixture {
        name: "version/build-empty",
        platform: LINUX,
        exact: "reject MX2001 MX2005",
        production: "reject MX2001",
        oracle: "rejected: must be semver",
        rule: "MXC parses `version` with `semver::Version::parse`: build metadata after `+` is not empty",
        text: r#"
{"version": "0.8.0+", "process": {"commandLine": "true"}}
"#,
    },
    Fixture {
        name: "version/build-two-plus",
        platform: LINUX,
        exact: "reject MX2001 MX2005",
        production: "reject MX2001",
        oracle: "rejected: must be semver",
        rule: "MXC parses `version` with `semver::Version::parse`: build metadata holds no second `+`",
        text: r#"
{"version": "0.8.0+b+c", "process": {"commandLine": "true"}}
"#,
    },
    Fixture {
        name: "version/pre-leading-zero",
        platform: LINUX,
        exact: "reject MX2001 MX2005",
        production: "reject MX2001",
        oracle: "rejected: must be semver",
        rule: "MXC parses `version` with `semver::Version::parse`: a numeric pre-release identifier has no leading zero",
        text: r#"
{"version": "0.8.0-alpha.01", "process": {"commandLine": "true"}}
"#,
    },
    Fixture {
        name: "version/pre-numeric-leading-zero",
        platform: LINUX,
        exact: "reject MX2001 MX2005",
        production: "reject MX2001",
        oracle: "rejected: must be semver",
        rule: "MXC parses `version` with `semver::Version::parse`: a numeric pre-release identifier has no leading zero",
        text: r#"
{"version": "0.8.0-01", "process": {"commandLine": "true"}}
"#,
    },
    Fixture {
        name: "version/build-leading-zero",
        platform: LINUX,
        exact: "reject MX2005",
        production: "accept",
        oracle: "accepted",
        rule: "MXC parses `version` with `semver::Version::parse`: build identifiers may have leading zeros",
        text: r#"
{"version": "0.8.0+build.01", "process": {"commandLine": "true"}}
"#,
    },
    Fixture {
        name: "0.7/egress-null",
        platform: LINUX,
        exact: "reject MX1101",
        production: "reject MX2101",
        oracle: "rejected: require schema version 0.8 or later",
        rule: "the 0.8 version gate tests key presence, so an explicit `null` counts",
        text: r#"
{"version": "0.7.0-alpha", "process": {"commandLine": "true"}, "network": {"egress": null}}
"#,
    },
    Fixture {
        name: "0.7/ingress-null",
        platform: LINUX,
        exact: "reject MX1101",
        production: "reject MX2101",
        oracle: "rejected: require schema version 0.8 or later",
        rule: "the 0.8 version gate tests key presence, so an explicit `null` counts",
        text: r#"
{"version": "0.7.0-alpha", "process": {"commandLine": "true"}, "network": {"ingress": null}}
"#,
    },
    Fixture {
        name: "0.7/runtime-config-null",
        platform: LINUX,
        exact: "reject MX1101",
        production: "reject MX2101",
        oracle: "rejected: require schema version 0.8 or later",
        rule: "the 0.8 version gate tests key presence, so an explicit `null` counts",
        text: r#"
{"version": "0.7.0-alpha", "process": {"commandLine": "true"}, "runtimeConfig": null}
"#,
    },
    Fixture {
        name: "0.7/process-container-network-null",
        platform: WINDOWS,
        exact: "reject MX1101",
        production: "reject MX2101",
        oracle: "rejected: require schema version 0.8 or later",
        rule: "the 0.8 version gate tests key presence, so an explicit `null` counts",
        text: r#"
{"version": "0.7.0-alpha", "process": {"commandLine": "whoami"}, "processContainer": {"network": null}}
"#,
    },
    Fixture {
        name: "0.8/one_shot/egress-allow-null-rule",
        platform: LINUX,
        exact: "reject MX1106",
        production: "reject MX1102",
        oracle: "rejected: invalid type: null, expected struct NetworkRule",
        rule: "an egress rule is a struct: `null` in `allow` or `deny` is refused",
        text: r#"
{"version": "0.8.0-alpha", "process": {"commandLine": "true"}, "network": {"egress": {"allow": [null]}}}
"#,
    },
    Fixture {
        name: "0.8/one_shot/egress-deny-null-rule",
        platform: LINUX,
        exact: "reject MX1106",
        production: "reject MX1102",
        oracle: "rejected: invalid type: null, expected struct NetworkRule",
        rule: "an egress rule is a struct: `null` in `allow` or `deny` is refused",
        text: r#"
{"version": "0.8.0-alpha", "process": {"commandLine": "true"}, "network": {"egress": {"deny": [null]}}}
"#,
    },
    Fixture {
        name: "0.8/one_shot/except-mapped-in-ipv4",
        platform: LINUX,
        exact: "accept",
        production: "reject MX2105",
        oracle: "rejected: must be contained within",
        rule: "`except` is family-strict as written: an IPv4-mapped IPv6 block is IPv6",
        text: r#"
{"version": "0.8.0-alpha", "process": {"commandLine": "true"}, "network": {"egress": {"allow": [{"to": [{"cidr": "0.0.0.0/0", "except": ["::ffff:0:0/96"]}]}]}}}
"#,
    },
    Fixture {
        name: "0.8/one_shot/except-ipv4-in-mapped",
        platform: LINUX,
        exact: "accept",
        production: "reject MX2105",
        oracle: "rejected: must be contained within",
        rule: "`except` is family-strict as written: an IPv4-mapped IPv6 block is IPv6",
        text: r#"
{"version": "0.8.0-alpha", "process": {"commandLine": "true"}, "network": {"egress": {"allow": [{"to": [{"cidr": "::ffff:10.0.0.0/104", "except": ["10.1.0.0/16"]}]}]}}}
"#,
    },
    Fixture {
        name: "0.8/one_shot/except-mapped-in-mapped",
        platform: LINUX,
        exact: "accept",
        production: "accept",
        oracle: "accepted",
        rule: "`except` is family-strict as written: an IPv4-mapped IPv6 block is IPv6",
        text: r#"
{"version": "0.8.0-alpha", "process": {"commandLine": "true"}, "network": {"egress": {"allow": [{"to": [{"cidr": "::ffff:10.0.0.0/104", "except": ["::ffff:10.1.0.0/112"]}]}]}}}
"#,
    },
    Fixture {
        name: "0.8/one_shot/nesting-127",
        platform: LINUX,
        exact: "accept",
        production: "accept",
        oracle: "accepted",
        rule: "serde_json's recursion limit: 127 nested levels are read, the 128th bracket is refused",
        text: r#"
{"version": "0.8.0-alpha", "process": {"commandLine": "true"}, "_comment": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}
"#,
    },
    Fixture {
        name: "0.8/one_shot/nesting-128",
        platform: LINUX,
        exact: "reject MX1004",
        production: "reject MX1004",
        oracle: "rejected: recursion limit exceeded",
        rule: "serde_json's recursion limit: 127 nested levels are read, the 128th bracket is refused",
        text: r#"
{"version": "0.8.0-alpha", "process": {"commandLine": "true"}, "_comment": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}
"#,
    },
    Fixture {
        name: "0.8/one_shot/duplicate-key-in-comment",
        platform: LINUX,
        exact: "accept",
        production: "accept",
        oracle: "accepted",
        rule: "serde keeps the last of repeated keys in values MXC does not read as a struct (`_comment`)",
        text: r#"
{"version": "0.8.0-alpha", "process": {"commandLine": "true"}, "_comment": {"note": 1, "note": 2}}
"#,
    },
    Fixture {
        name: "0.8/one_shot/duplicate-unknown-experimental",
        platform: LINUX,
        exact: "reject MX1101",
        production: "accept",
        oracle: "accepted",
        rule: "serde keeps the last of repeated keys in values MXC does not read as a struct (unknown `experimental` members)",
        text: r#"
{"version": "0.8.0-alpha", "process": {"commandLine": "true"}, "experimental": {"future": 1, "future": 2}}
"#,
    },
    Fixture {
        name: "0.8/one_shot/duplicate-unknown-in-experimental-section",
        platform: LINUX,
        exact: "reject MX1101",
        production: "accept",
        oracle: "accepted",
        rule: "serde keeps the last of repeated keys in values MXC does not read as a struct (members an open `experimental` section does not declare)",
        text: r#"
{"version": "0.8.0-alpha", "process": {"commandLine": "true"}, "experimental": {"telemetry": {"later": 1, "later": {"a": 1, "a": 2}}}}
"#,
    },
    Fixture {
        name: "0.8/one_shot/duplicate-field-in-experimental-section",
        platform: LINUX,
        exact: "reject MX1006",
        production: "reject MX1006",
        oracle: "rejected: duplicate field `message`",
        rule: "a declared field of an `experimental` section appears once",
        text: r#"
{"version": "0.8.0-alpha", "process": {"commandLine": "true"}, "experimental": {"test": {"message": "a", "message": "b"}}}
"#,
    },
    Fixture {
        name: "0.8/one_shot/duplicate-known-experimental",
        platform: LINUX,
        exact: "reject MX1006",
        production: "reject MX1006",
        oracle: "rejected: duplicate field `test`",
        rule: "a known `experimental` section is a struct field, so it appears once",
        text: r#"
{"version": "0.8.0-alpha", "process": {"commandLine": "true"}, "experimental": {"test": {}, "test": {}}}
"#,
    },
    Fixture {
        name: "0.8/one_shot/empty-runtime-config-beside-legacy",
        platform: LINUX,
        exact: "accept",
        production: "accept",
        oracle: "accepted",
        rule: "legacy and directional fields mix only when a directional setting is present: `egress`/`ingress` (even `{}`), `runtimeConfig.networkProxy`, `processContainer.network.allowedProxyPeer`",
        text: r#"
{"version": "0.8.0-alpha", "process": {"commandLine": "true"}, "network": {"defaultPolicy": "allow", "allowLocalNetwork": true}, "runtimeConfig": {}}
"#,
    },
    Fixture {
        name: "0.8/one_shot/empty-egress-beside-legacy",
        platform: LINUX,
        exact: "accept",
        production: "reject MX2102",
        oracle: "rejected: network configuration cannot mix",
        rule: "legacy and directional fields mix only when a directional setting is present: `egress`/`ingress` (even `{}`), `runtimeConfig.networkProxy`, `processContainer.network.allowedProxyPeer`",
        text: r#"
{"version": "0.8.0-alpha", "process": {"commandLine": "true"}, "network": {"defaultPolicy": "allow", "allowLocalNetwork": true, "egress": {}}}
"#,
    },
    Fixture {
        name: "0.7/lxc-allow-local-capabilities",
        platform: LINUX,
        exact: "accept",
        production: "accept",
        oracle: "accepted",
        rule: "MXC's LXC ingress chain refuses `allowLocalNetwork` `true`; it is installed from 0.8 on, and before 0.8 only with `enforcementMode` `firewall` or `both`",
        text: r#"
{"version": "0.7.0-alpha", "containment": "lxc", "lxc": {"distribution": "ubuntu", "release": "24.04"}, "process": {"commandLine": "true"}, "network": {"allowLocalNetwork": true}}
"#,
    },
    Fixture {
        name: "0.7/lxc-allow-local-firewall",
        platform: LINUX,
        exact: "accept",
        production: "reject MX2418",
        oracle: "accepted (a dry run stops before the LXC ingress setup, which refuses `allowLocalNetwork` `true` at run time)",
        rule: "MXC's LXC ingress chain refuses `allowLocalNetwork` `true`; it is installed from 0.8 on, and before 0.8 only with `enforcementMode` `firewall` or `both`",
        text: r#"
{"version": "0.7.0-alpha", "containment": "lxc", "lxc": {"distribution": "ubuntu", "release": "24.04"}, "process": {"commandLine": "true"}, "network": {"enforcementMode": "firewall", "allowLocalNetwork": true}}
"#,
    },
    Fixture {
        name: "0.8/one_shot/process-as-sequence",
        platform: LINUX,
        exact: "reject MX1102",
        production: "accept",
        oracle: "accepted",
        rule: "serde's derived structs also read a JSON array of every field in declaration order; a `null` element is a field left out",
        text: r#"
{"version": "0.8.0-alpha", "process": ["true", null, null, null]}
"#,
    },
    Fixture {
        name: "0.8/one_shot/process-sequence-too-short",
        platform: LINUX,
        exact: "reject MX1102",
        production: "reject MX1102",
        oracle: "rejected: invalid length 1, expected struct Process with 4 elements",
        rule: "a sequence holds exactly one element per field",
        text: r#"
{"version": "0.8.0-alpha", "process": ["true"]}
"#,
    },
    Fixture {
        name: "0.8/one_shot/egress-rule-as-sequence",
        platform: LINUX,
        exact: "reject MX1102",
        production: "accept",
        oracle: "accepted",
        rule: "serde's derived structs also read a JSON array of every field in declaration order; a `null` element is a field left out (`to`, `ports`; a peer is `cidr`, `except`; a port selector is `protocol`, `port`, `endPort`)",
        text: r#"
{"version": "0.8.0-alpha", "process": {"commandLine": "true"}, "network": {"egress": {"allow": [[[["10.0.0.0/8", null]], [["tcp", 443, null]]]]}}}
"#,
    },
    Fixture {
        name: "0.8/one_shot/egress-rule-sequence-checked",
        platform: LINUX,
        exact: "reject MX1102",
        production: "reject MX2103",
        oracle: "rejected: must be a valid network CIDR",
        rule: "a section in the sequence form is checked as the object it stands for",
        text: r#"
{"version": "0.8.0-alpha", "process": {"commandLine": "true"}, "network": {"egress": {"allow": [[[["10.0.0.1/8", null]], null]]}}}
"#,
    },
    Fixture {
        name: "0.7/network-as-sequence",
        platform: LINUX,
        exact: "reject MX1102",
        production: "accept",
        oracle: "accepted",
        rule: "serde's derived structs also read a JSON array of every field in declaration order; a `null` element is a field left out (MXC's order: `defaultPolicy`, `enforcementMode`, `allowLocalNetwork`, `allowedHosts`, `blockedHosts`, `proxy`, `egress`, `ingress`; `null` 0.8 fields are absent, so the version gate does not apply)",
        text: r#"
{"version": "0.7.0-alpha", "process": {"commandLine": "true"}, "network": ["allow", null, true, null, null, null, null, null]}
"#,
    },
    Fixture {
        name: "0.7/network-sequence-with-egress",
        platform: LINUX,
        exact: "reject MX1102",
        production: "reject MX2101",
        oracle: "rejected: require schema version 0.8 or later",
        rule: "a populated 0.8 field in the sequence form meets the version gate",
        text: r#"
{"version": "0.7.0-alpha", "process": {"commandLine": "true"}, "network": [null, null, null, null, null, null, {"default": "deny"}, null]}
"#,
    },
    Fixture {
        name: "0.8/one_shot/process-container-sections-as-sequences",
        platform: WINDOWS,
        exact: "reject MX1102",
        production: "accept",
        oracle: "accepted (parsed; lxc-exec falls back to LXC for processcontainer)",
        rule: "serde's derived structs also read a JSON array of every field in declaration order; a `null` element is a field left out (`processContainer.ui`: `isolation`, `desktopSystemControl`, `systemSettings`, `ime`; `processContainer.network`: `allowedProxyPeer`)",
        text: r#"
{"version": "0.8.0-alpha", "containment": "processcontainer", "process": {"commandLine": "whoami"}, "processContainer": {"ui": [null, null, null, null], "network": [null]}}
"#,
    },
    Fixture {
        name: "0.8/one_shot/seatbelt-as-sequence",
        platform: MACOS,
        exact: "reject MX1102",
        production: "accept",
        oracle: "accepted (parsed; lxc-exec falls back to LXC for seatbelt)",
        rule: "serde's derived structs also read a JSON array of every field in declaration order; a `null` element is a field left out (`profileOverride`, `guiAccess`, `launchMethod`, `nestedPty`, `keychainAccess`, `extraMachLookups`)",
        text: r#"
{"version": "0.8.0-alpha", "containment": "seatbelt", "process": {"commandLine": "true"}, "seatbelt": [null, true, null, null, null, null]}
"#,
    },
    Fixture {
        name: "0.8/one_shot/seatbelt-sequence-too-short",
        platform: MACOS,
        exact: "reject MX1102",
        production: "reject MX1102",
        oracle: "rejected: invalid length 5, expected struct Seatbelt with 6 elements",
        rule: "a sequence holds exactly one element per field",
        text: r#"
{"version": "0.8.0-alpha", "containment": "seatbelt", "process": {"commandLine": "true"}, "seatbelt": [null, true, null, null, null]}
"#,
    },
];
