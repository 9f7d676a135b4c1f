//! Fixtures on which mxcc disagrees with MXC, with MXC's verdicts and the reason.

use crate::contract::{Disagreement, Fixture, WINDOWS};

pub(super) const KNOWN_DISAGREEMENTS: &[Disagreement] = &[Disagreement {
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
}];
