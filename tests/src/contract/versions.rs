//! `version`: the exact contract strings, and production's semantic-version range.

use crate::contract::{Fixture, LINUX};

pub(super) const FIXTURES: &[Fixture] = &[
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
];
