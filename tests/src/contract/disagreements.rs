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
];
