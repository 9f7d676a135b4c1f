//! Fixtures on which mxcc disagrees with MXC, with MXC's verdicts and the reason.

use crate::contract::{Disagreement, Fixture, LINUX, WINDOWS};

pub(super) const KNOWN_DISAGREEMENTS: &[Disagreement] = &[
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
