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
            name: "0.8/one_shot/experimental-section-as-sequence",
            platform: LINUX,
            exact: "reject MX1102",
            production: "accept",
            oracle: "accepted",
            rule: "serde's sequence form also applies to the `experimental` sections (here `telemetry`: `enabled`)",
            text: r#"
{"version": "0.8.0-alpha", "process": {"commandLine": "true"}, "experimental": {"telemetry": [true]}}
"#,
        },
        reason: "`experimental` and its sections accept unknown members, so MXC's messages never list their fields and their declaration order is unknown here; mxcc reads the sequence form of every other section but reports MX1102 for these",
    },
];
