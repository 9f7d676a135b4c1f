//! Proxy URLs as MXC reads them (issue 14): through the `url` crate (default ports, invalid ports,
//! normalised IPv4 hosts and the loopback rules they meet, surrounding spaces), `localhost`
//! beside `url`, and bubblewrap's runtime proxy endpoint.

use crate::contract::{Fixture, LINUX};

pub(super) const FIXTURES: &[Fixture] = &[
    Fixture {
        name: "0.7/proxy-url-http-default-port",
        platform: LINUX,
        exact: "accept",
        production: "reject MX2206",
        oracle: "rejected: must include a port",
        rule: "MXC reads proxy URLs with the `url` crate, which drops a scheme's default port",
        text: r#"
{"version": "0.7.0-alpha", "process": {"commandLine": "true"}, "network": {"defaultPolicy": "allow", "proxy": {"url": "http://proxy.internal:80"}}}
"#,
    },
    Fixture {
        name: "0.7/proxy-url-https-default-port",
        platform: LINUX,
        exact: "accept",
        production: "reject MX2206",
        oracle: "rejected: must include a port",
        rule: "MXC reads proxy URLs with the `url` crate, which drops a scheme's default port",
        text: r#"
{"version": "0.7.0-alpha", "process": {"commandLine": "true"}, "network": {"defaultPolicy": "allow", "proxy": {"url": "https://proxy.internal:443"}}}
"#,
    },
    Fixture {
        name: "0.7/proxy-url-other-default-port",
        platform: LINUX,
        exact: "accept",
        production: "accept",
        oracle: "accepted",
        rule: "MXC reads proxy URLs with the `url` crate: `:443` is no default for `http`",
        text: r#"
{"version": "0.7.0-alpha", "process": {"commandLine": "true"}, "network": {"defaultPolicy": "allow", "proxy": {"url": "http://proxy.internal:443"}}}
"#,
    },
    Fixture {
        name: "0.7/proxy-url-signed-port",
        platform: LINUX,
        exact: "accept",
        production: "reject MX2206",
        oracle: "rejected: invalid port number",
        rule: "MXC reads proxy URLs with the `url` crate: a port is digits only",
        text: r#"
{"version": "0.7.0-alpha", "process": {"commandLine": "true"}, "network": {"defaultPolicy": "allow", "proxy": {"url": "http://proxy.internal:+3128"}}}
"#,
    },
    Fixture {
        name: "0.7/proxy-url-port-zero",
        platform: LINUX,
        exact: "accept",
        production: "accept",
        oracle: "accepted",
        rule: "MXC reads proxy URLs with the `url` crate: port 0 is an explicit port",
        text: r#"
{"version": "0.7.0-alpha", "process": {"commandLine": "true"}, "network": {"defaultPolicy": "allow", "proxy": {"url": "http://proxy.internal:0"}}}
"#,
    },
    Fixture {
        name: "0.7/proxy-url-spaces",
        platform: LINUX,
        exact: "accept",
        production: "accept",
        oracle: "accepted",
        rule: "MXC reads proxy URLs with the `url` crate, which strips leading and trailing spaces",
        text: r#"
{"version": "0.7.0-alpha", "process": {"commandLine": "true"}, "network": {"defaultPolicy": "allow", "proxy": {"url": " http://proxy.internal:3128 "}}}
"#,
    },
    Fixture {
        name: "0.7/proxy-url-space-in-host",
        platform: LINUX,
        exact: "accept",
        production: "reject MX2205",
        oracle: "rejected: invalid international domain name",
        rule: "MXC reads proxy URLs with the `url` crate: a host holds no space",
        text: r#"
{"version": "0.7.0-alpha", "process": {"commandLine": "true"}, "network": {"defaultPolicy": "allow", "proxy": {"url": "http://proxy internal:3128"}}}
"#,
    },
    Fixture {
        name: "0.7/proxy-url-empty-user",
        platform: LINUX,
        exact: "accept",
        production: "accept",
        oracle: "accepted",
        rule: "MXC reads proxy URLs with the `url` crate: an empty `@` carries no credentials",
        text: r#"
{"version": "0.7.0-alpha", "process": {"commandLine": "true"}, "network": {"defaultPolicy": "allow", "proxy": {"url": "http://@proxy.internal:3128"}}}
"#,
    },
    Fixture {
        name: "0.8/one_shot/runtime-proxy-ipv4-short",
        platform: LINUX,
        exact: "accept",
        production: "accept",
        oracle: "accepted",
        rule: "MXC reads proxy URLs with the `url` crate, which normalises IPv4 hosts to `127.0.0.1`",
        text: r#"
{"version": "0.8.0-alpha", "process": {"commandLine": "true"}, "runtimeConfig": {"networkProxy": "http://127.1:3128"}}
"#,
    },
    Fixture {
        name: "0.8/one_shot/runtime-proxy-ipv4-hex",
        platform: LINUX,
        exact: "accept",
        production: "accept",
        oracle: "accepted",
        rule: "MXC reads proxy URLs with the `url` crate, which normalises IPv4 hosts to `127.0.0.1`",
        text: r#"
{"version": "0.8.0-alpha", "process": {"commandLine": "true"}, "runtimeConfig": {"networkProxy": "http://0x7f.1:3128"}}
"#,
    },
    Fixture {
        name: "0.8/one_shot/runtime-proxy-ipv4-integer",
        platform: LINUX,
        exact: "accept",
        production: "accept",
        oracle: "accepted",
        rule: "MXC reads proxy URLs with the `url` crate, which normalises IPv4 hosts to `127.0.0.1`",
        text: r#"
{"version": "0.8.0-alpha", "process": {"commandLine": "true"}, "runtimeConfig": {"networkProxy": "http://2130706433:3128"}}
"#,
    },
    Fixture {
        name: "0.8/one_shot/runtime-proxy-ipv4-octal",
        platform: LINUX,
        exact: "accept",
        production: "accept",
        oracle: "accepted",
        rule: "MXC reads proxy URLs with the `url` crate, which normalises IPv4 hosts to `127.0.0.1`",
        text: r#"
{"version": "0.8.0-alpha", "process": {"commandLine": "true"}, "runtimeConfig": {"networkProxy": "http://0177.0.0.1:3128"}}
"#,
    },
    Fixture {
        name: "0.8/one_shot/runtime-proxy-mapped-loopback",
        platform: LINUX,
        exact: "accept",
        production: "reject MX2208",
        oracle: "rejected: must use localhost, 127.0.0.1, or [::1]",
        rule: "MXC reads proxy URLs with the `url` crate: `[::ffff:127.0.0.1]` is not one of the canonical loopback hosts",
        text: r#"
{"version": "0.8.0-alpha", "process": {"commandLine": "true"}, "runtimeConfig": {"networkProxy": "http://[::ffff:127.0.0.1]:3128"}}
"#,
    },
    Fixture {
        name: "0.8/one_shot/runtime-proxy-ipv6-loopback",
        platform: LINUX,
        exact: "accept",
        production: "reject MX2215",
        oracle: "rejected: validation failed (bubblewrap's check, after parsing)",
        rule: "bubblewrap forwards the runtime proxy as an IPv4 port, so it refuses `[::1]`, which the parser accepts",
        text: r#"
{"version": "0.8.0-alpha", "process": {"commandLine": "true"}, "runtimeConfig": {"networkProxy": "http://[::1]:3128"}}
"#,
    },
    Fixture {
        name: "0.8/one_shot/runtime-proxy-port-zero",
        platform: LINUX,
        exact: "accept",
        production: "reject MX2215",
        oracle: "rejected: validation failed (bubblewrap's check, after parsing)",
        rule: "the URL parser takes port 0 as explicit, but bubblewrap refuses it for the runtime proxy",
        text: r#"
{"version": "0.8.0-alpha", "process": {"commandLine": "true"}, "runtimeConfig": {"networkProxy": "http://localhost:0"}}
"#,
    },
    Fixture {
        name: "0.7/lxc-proxy-short-loopback",
        platform: LINUX,
        exact: "accept",
        production: "reject MX2215",
        oracle: "rejected: host is a loopback address",
        rule: "MXC reads proxy URLs with the `url` crate: `127.1` is `127.0.0.1`, a loopback host LXC refuses",
        text: r#"
{"version": "0.7.0-alpha", "containment": "lxc", "lxc": {"distribution": "ubuntu", "release": "24.04"}, "process": {"commandLine": "true"}, "network": {"enforcementMode": "firewall", "defaultPolicy": "block", "proxy": {"url": "http://127.1:3128"}}}
"#,
    },
    Fixture {
        name: "0.8/one_shot/proxy-localhost-and-url",
        platform: LINUX,
        exact: "reject MX1110",
        production: "accept",
        oracle: "accepted",
        rule: "with `localhost` and `url`, MXC uses `localhost` and never reads the URL (mxcc warns, MX2202)",
        text: r#"
{"version": "0.8.0-alpha", "process": {"commandLine": "true"}, "network": {"defaultPolicy": "allow", "proxy": {"localhost": 3128, "url": "http://proxy.internal:3128"}}}
"#,
    },
    Fixture {
        name: "0.7/proxy-localhost-and-ftp-url",
        platform: LINUX,
        exact: "reject MX1110",
        production: "accept",
        oracle: "accepted",
        rule: "with `localhost` and `url`, MXC uses `localhost` and never reads the URL (mxcc warns, MX2202)",
        text: r#"
{"version": "0.7.0-alpha", "process": {"commandLine": "true"}, "network": {"defaultPolicy": "allow", "proxy": {"localhost": 3128, "url": "ftp://proxy.internal:21"}}}
"#,
    },
    Fixture {
        name: "0.7/proxy-builtin-and-url",
        platform: LINUX,
        exact: "reject MX1110",
        production: "reject MX2202",
        oracle: "rejected: no other proxy options may be set",
        rule: "beside `builtinTestServer` no other proxy variant is accepted",
        text: r#"
{"version": "0.7.0-alpha", "process": {"commandLine": "true"}, "network": {"defaultPolicy": "allow", "proxy": {"builtinTestServer": true, "url": "http://proxy.internal:3128"}}}
"#,
    },
];
