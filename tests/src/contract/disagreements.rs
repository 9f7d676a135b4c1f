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
            name: "0.8/one_shot/process-as-sequence",
            platform: LINUX,
            exact: "reject MX1102",
            production: "accept",
            oracle: "accepted (serde reads a struct from a JSON array of its fields in declaration order: `commandLine`, `cwd`, `env`, `timeout`; `[\"true\"]` alone is refused as too short)",
            rule: "serde's derived structs also accept the sequence form; the contracts and mxcc's schemas take objects only",
            text: r#"
{"version": "0.8.0-alpha", "process": ["true", null, null, null]}
"#,
        },
        reason: "mxcc's production mode reports MX1102 for an array in place of any struct; matching MXC means reading every section in serde's field order (schemas, validation and lowering), not done yet",
    },
];
