//! Validation cases: JSON in, rendered diagnostics out, one file snapshot per group.

use std::fmt::Write as _;

use ir::{Platform, SourceFile, SourceId};

use crate::{Options, compile};

/// Compiles one config and renders every diagnostic with its labels and help.
fn check(platform: Platform, exact: bool, json: &str) -> String {
    let options = Options {
        platform,
        exact,
        ..Options::default()
    };
    let output = compile(SourceId(0), json.as_bytes(), &options);
    let file = SourceFile::new("case.json", json);
    let mut out = String::new();
    for d in &output.diagnostics {
        let _ = writeln!(out, "{}[{}]: {}", d.severity, d.code, d.message);
        for label in &d.labels {
            let kind = if label.primary { "-->" } else { "..." };
            let _ = writeln!(
                out,
                "  {kind} {} `{}`: {}",
                file.line_col(label.span.start),
                file.slice(label.span),
                label.message
            );
        }
        if let Some(help) = &d.help {
            let _ = writeln!(out, "  help: {help}");
        }
    }
    if out.is_empty() {
        out.push_str("ok\n");
    }
    out
}

/// Runs a list of `(platform, exact, json)` cases into one snapshot text.
fn run(cases: &[(Platform, bool, &str)]) -> String {
    let mut out = String::new();
    for (platform, exact, json) in cases {
        let mode = if *exact { "exact" } else { "production" };
        let _ = write!(
            out,
            "=== {} {mode}\n{}\n--- \n{}\n",
            platform.as_str(),
            json.trim(),
            check(*platform, *exact, json)
        );
    }
    out
}

const L: Platform = Platform::Linux;
const M: Platform = Platform::Macos;
const W: Platform = Platform::Windows;

#[test]
fn header_phase_sections() {
    insta::assert_snapshot!(run(&[
        // MX1006: both spellings of an aliased section, at the root and under experimental.
        (
            W,
            false,
            r#"{"version":"0.8.0-alpha","process":{"commandLine":"x"},"processContainer":{},"appContainer":{}}"#
        ),
        (
            M,
            false,
            r#"{"version":"0.7.0-alpha","process":{"commandLine":"x"},"experimental":{"seatbelt":{},"macos_sandbox":{}}}"#
        ),
        // MX2006: state-aware envelope fields on a one-shot request.
        (
            L,
            false,
            r#"{"version":"0.8.0-alpha","process":{"commandLine":"x"},"sandboxId":"wslc:abc","correlationVector":"cv"}"#
        ),
        // A correlationVector on provision: production accepts it; the exact contract rejects it.
        (
            W,
            true,
            r#"{"version":"0.8.0-alpha","phase":"provision","containment":"wslc","correlationVector":"cv"}"#
        ),
        (
            W,
            false,
            r#"{"version":"0.8.0-alpha","phase":"provision","containment":"wslc","correlationVector":"cv"}"#
        ),
        // MX2007, MX2014: malformed id, unknown prefix.
        (
            W,
            false,
            r#"{"version":"0.8.0-alpha","phase":"start","sandboxId":"nocolon"}"#
        ),
        (
            W,
            false,
            r#"{"version":"0.8.0-alpha","phase":"stop","sandboxId":"example:1234"}"#
        ),
        // MX2008: later phase without sandboxId.
        (
            W,
            false,
            r#"{"version":"0.8.0-alpha","phase":"deprovision"}"#
        ),
        // MX2009: sandboxId on provision.
        (
            W,
            false,
            r#"{"version":"0.8.0-alpha","phase":"provision","containment":"wslc","sandboxId":"wslc:00"}"#
        ),
        // MX2010: containment on a later phase.
        (
            W,
            false,
            r#"{"version":"0.8.0-alpha","phase":"deprovision","sandboxId":"wsb:1","containment":"windows_sandbox"}"#
        ),
        // MX2011: provision without a state-aware containment.
        (W, false, r#"{"version":"0.8.0-alpha","phase":"provision"}"#),
        (
            W,
            false,
            r#"{"version":"0.8.0-alpha","phase":"provision","containment":"processcontainer"}"#
        ),
        // MX2012, MX2013: one-shot sections and foreign fields on state-aware requests.
        (
            W,
            false,
            r#"{"version":"0.8.0-alpha","phase":"start","sandboxId":"wsb:1","lifecycle":{},"process":{"commandLine":"x"}}"#
        ),
        (
            W,
            false,
            r#"{"version":"0.8.0-alpha","phase":"provision","containment":"windows_sandbox","network":{"defaultPolicy":"block"}}"#
        ),
        // Fields newer than the exact contract are the schema stage's unknown fields.
        (
            W,
            true,
            r#"{"version":"0.6.0-alpha","$schema":"x","process":{"commandLine":"x"},"experimental":{"test":{}}}"#
        ),
        (
            W,
            true,
            r#"{"version":"0.7.0-alpha","phase":"exec","sandboxId":"a:b","process":{"commandLine":"x"}}"#
        ),
        // MX2015: a section of another backend.
        (
            L,
            false,
            r#"{"version":"0.8.0-alpha","process":{"commandLine":"x"},"lxc":{"distribution":"a","release":"b"}}"#
        ),
        (
            W,
            false,
            r#"{"version":"0.8.0-alpha","containment":"wslc","process":{"commandLine":"x"},"experimental":{"isolation_session":{}}}"#
        ),
        (
            L,
            false,
            r#"{"version":"0.8.0-alpha","containment":"seatbelt","process":{"commandLine":"x"},"processContainer":{}}"#
        ),
        (
            L,
            false,
            r#"{"version":"0.8.0-alpha","process":{"commandLine":"x"},"processContainer":{}}"#
        ),
    ]));
}

#[test]
fn network() {
    insta::assert_snapshot!(run(&[
        // MX2101: directional fields below 0.8, and with no version at all.
        (
            L,
            false,
            r#"{"version":"0.7.0-alpha","process":{"commandLine":"x"},"network":{"egress":{"default":"deny"}}}"#
        ),
        (
            L,
            false,
            r#"{"process":{"commandLine":"x"},"runtimeConfig":{"networkProxy":"http://127.0.0.1:1"}}"#
        ),
        // MX2102: mixing legacy and directional.
        (
            L,
            false,
            r#"{"version":"0.8.0-alpha","process":{"commandLine":"x"},"network":{"defaultPolicy":"block","egress":{"default":"deny"}}}"#
        ),
        // MX2103, MX2104, MX2105: CIDR shapes.
        (
            L,
            false,
            r#"{"version":"0.8.0-alpha","process":{"commandLine":"x"},"network":{"egress":{"allow":[{"to":[{"cidr":"10.0.0.1/8"},{"cidr":"example.com"},{"cidr":"10.0.0.0/8","except":["11.0.0.0/24","::1/128","10.1.0.0/16"]}]}]}}}"#
        ),
        // MX2106: empty arrays .
        (
            L,
            false,
            r#"{"version":"0.8.0-alpha","process":{"commandLine":"x"},"network":{"egress":{"allow":[{"to":[],"ports":[]}]}}}"#
        ),
        // MX2107, MX2108, MX2109: port selectors.
        (
            L,
            false,
            r#"{"version":"0.8.0-alpha","process":{"commandLine":"x"},"network":{"egress":{"deny":[{"ports":[{"endPort":80},{"port":90,"endPort":80},{"protocol":"icmp","port":1}]}]}}}"#
        ),
        // A clean directional config on bubblewrap.
        (
            L,
            false,
            r#"{"version":"0.8.0-alpha","process":{"commandLine":"x"},"network":{"egress":{"default":"deny","allow":[{"to":[{"cidr":"192.0.2.0/24","except":["192.0.2.128/25"]}],"ports":[{"protocol":"tcp","port":443}]}]}}}"#
        ),
    ]));
}

#[test]
fn proxy() {
    insta::assert_snapshot!(run(&[
        // MX2201, MX2202, MX2203: variants.
        (
            L,
            false,
            r#"{"version":"0.8.0-alpha","process":{"commandLine":"x"},"network":{"proxy":{}}}"#
        ),
        (
            L,
            false,
            r#"{"version":"0.8.0-alpha","process":{"commandLine":"x"},"network":{"proxy":{"localhost":8080,"url":"http://a:1"}}}"#
        ),
        (
            L,
            false,
            r#"{"version":"0.8.0-alpha","process":{"commandLine":"x"},"network":{"proxy":{"builtinTestServer":false}}}"#
        ),
        // MX2204, MX2205, MX2206, MX2207: URL shape; credentials are never echoed.
        (
            W,
            false,
            r#"{"version":"0.8.0-alpha","process":{"commandLine":"x"},"network":{"proxy":{"url":"socks5://a:1"}}}"#
        ),
        (
            W,
            false,
            r#"{"version":"0.8.0-alpha","process":{"commandLine":"x"},"network":{"proxy":{"url":"http://:8080"}}}"#
        ),
        (
            W,
            false,
            r#"{"version":"0.8.0-alpha","process":{"commandLine":"x"},"network":{"proxy":{"url":"http://proxy.example"}}}"#
        ),
        (
            L,
            false,
            r#"{"version":"0.8.0-alpha","process":{"commandLine":"x"},"network":{"defaultPolicy":"allow","allowLocalNetwork":true,"proxy":{"url":"http://user:hunter2@proxy.example:8080"}}}"#
        ),
        // MX2208, MX2209: runtime proxy.
        (
            L,
            false,
            r#"{"version":"0.8.0-alpha","process":{"commandLine":"x"},"runtimeConfig":{"networkProxy":"http://127.0.0.2:8080"},"network":{"egress":{"default":"allow"}}}"#
        ),
        (
            L,
            false,
            r#"{"version":"0.8.0-alpha","process":{"commandLine":"x"},"runtimeConfig":{"networkProxy":"http://[::1]:8080"},"network":{"egress":{"allow":[{"to":[{"cidr":"192.0.2.1"}]}]}}}"#
        ),
        // MX2214, MX2215, MX2216, MX2217: backend-scoped proxy rules.
        (
            W,
            false,
            r#"{"version":"0.8.0-alpha","containment":"hyperlight","process":{"commandLine":"x"},"network":{"proxy":{"url":"http://a:1"}}}"#
        ),
        (
            L,
            false,
            r#"{"version":"0.7.0-alpha","containment":"lxc","lxc":{"distribution":"a","release":"b"},"process":{"commandLine":"x"},"network":{"proxy":{"localhost":8080}}}"#
        ),
        (
            L,
            false,
            r#"{"version":"0.7.0-alpha","process":{"commandLine":"x"},"network":{"enforcementMode":"firewall","proxy":{"url":"http://a:1"}}}"#
        ),
        (
            M,
            false,
            r#"{"version":"0.7.0-alpha","process":{"commandLine":"x"},"network":{"defaultPolicy":"allow","proxy":{"localhost":8080}}}"#
        ),
        (
            M,
            false,
            r#"{"version":"0.7.0-alpha","process":{"commandLine":"x"},"network":{"proxy":{"url":"http://proxy.example:3128"}}}"#
        ),
        (
            W,
            false,
            r#"{"version":"0.7.0-alpha","containment":"wslc","process":{"commandLine":"x"},"network":{"allowedHosts":["a"],"proxy":{"builtinTestServer":true}}}"#
        ),
    ]));
}

#[test]
fn process_container() {
    insta::assert_snapshot!(run(&[
        // MX2401, MX2402: capabilities .
        (
            W,
            false,
            r#"{"version":"0.8.0-alpha","process":{"commandLine":"x"},"processContainer":{"capabilities":["a,b","LEARNINGmodeLOGGING","permissivelearningmode"]}}"#
        ),
        // MX2307, MX2308: captureDenials output path.
        (
            W,
            false,
            r#"{"version":"0.8.0-alpha","process":{"commandLine":"x"},"processContainer":{"captureDenials":{"outputPath":"logs\\d.json"}}}"#
        ),
        (
            W,
            false,
            r#"{"version":"0.8.0-alpha","process":{"commandLine":"x"},"processContainer":{"captureDenials":{"outputPath":"C:\\logs\\"}}}"#
        ),
        // MX2210, MX2211, MX2212, MX2213: ProcessContainer proxy rules.
        (
            W,
            false,
            r#"{"version":"0.8.0-alpha","process":{"commandLine":"x"},"runtimeConfig":{"networkProxy":"http://127.0.0.1:8080"},"network":{"ingress":{"default":"deny","hostLoopback":"allow"}},"processContainer":{"network":{"allowedProxyPeer":"proxy"}}}"#
        ),
        (
            W,
            false,
            r#"{"version":"0.8.0-alpha","process":{"commandLine":"x"},"runtimeConfig":{"networkProxy":"http://127.0.0.1:8080"},"network":{"ingress":{"default":"allow"}}}"#
        ),
        (
            W,
            false,
            r#"{"version":"0.8.0-alpha","process":{"commandLine":"x"},"processContainer":{"network":{"allowedProxyPeer":"mxc-loopback"}}}"#
        ),
        // A clean identity-less development proxy (with its PSEC-only warnings).
        (
            W,
            false,
            r#"{"version":"0.8.0-alpha","process":{"commandLine":"x"},"runtimeConfig":{"networkProxy":"http://localhost:8080"},"network":{"ingress":{"default":"allow","hostLoopback":"allow"}}}"#
        ),
    ]));
}

#[test]
fn process_and_filesystem() {
    insta::assert_snapshot!(run(&[
        // MX2301: missing process and commandLine; MX2302 empty; MX2303 NUL.
        (L, false, r#"{"version":"0.8.0-alpha"}"#),
        (
            L,
            false,
            r#"{"version":"0.8.0-alpha","process":{"cwd":"/"}}"#
        ),
        (
            L,
            false,
            r#"{"version":"0.8.0-alpha","process":{"commandLine":""}}"#
        ),
        (
            L,
            false,
            r#"{"version":"0.8.0-alpha","process":{"commandLine":"a\u0000b"}}"#
        ),
        (
            W,
            false,
            r#"{"version":"0.8.0-alpha","phase":"exec","sandboxId":"wslc:1"}"#
        ),
        // MX2304, MX2305, MX2306: path checks.
        (
            L,
            false,
            r#"{"version":"0.8.0-alpha","process":{"commandLine":"x"},"filesystem":{"readwritePaths":["  "],"readonlyPaths":["/a\u0000b"],"deniedPaths":["/a\"b"]}}"#
        ),
        // MX2405: `..` on seatbelt only.
        (
            M,
            false,
            r#"{"version":"0.8.0-alpha","process":{"commandLine":"x"},"filesystem":{"readonlyPaths":["/Users/me/../other"]}}"#
        ),
        (
            L,
            false,
            r#"{"version":"0.8.0-alpha","process":{"commandLine":"x"},"filesystem":{"readonlyPaths":["/home/me/../other"]}}"#
        ),
    ]));
}

#[test]
fn backends() {
    insta::assert_snapshot!(run(&[
        // MX2403: lxc fields, required by the lxc runner.
        (
            L,
            false,
            r#"{"version":"0.8.0-alpha","containment":"lxc","process":{"commandLine":"x"},"lxc":{"distribution":"ubuntu"}}"#
        ),
        (
            L,
            false,
            r#"{"version":"0.8.0-alpha","containment":"lxc","process":{"commandLine":"x"}}"#
        ),
        // MX2404: experimental.seatbelt moved.
        (
            M,
            false,
            r#"{"version":"0.8.0-alpha","process":{"commandLine":"x"},"experimental":{"seatbelt":{}}}"#
        ),
        // MX2406, MX2407: wslc port mappings.
        (
            W,
            false,
            r#"{"version":"0.8.0-alpha","containment":"wslc","process":{"commandLine":"x"},"experimental":{"wslc":{"portMappings":[{"windowsPort":0,"containerPort":80},{"windowsPort":8080,"containerPort":80},{"windowsPort":8080,"containerPort":81}]}}}"#
        ),
        // MX2408, MX2410: seatbelt egress rules and host loopback.
        (
            M,
            false,
            r#"{"version":"0.8.0-alpha","process":{"commandLine":"x"},"network":{"egress":{"allow":[{"to":[{"cidr":"192.0.2.0/24"}]}]},"ingress":{"default":"allow"}}}"#
        ),
        // MX2409, MX2410, MX2412: bubblewrap ingress allow, host loopback allow, peer.
        (
            L,
            false,
            r#"{"version":"0.8.0-alpha","process":{"commandLine":"x"},"network":{"ingress":{"default":"allow","hostLoopback":"allow"}},"processContainer":{"network":{"allowedProxyPeer":"p"}}}"#
        ),
        // MX2411: runtime proxy on lxc.
        (
            L,
            false,
            r#"{"version":"0.8.0-alpha","containment":"lxc","lxc":{"distribution":"a","release":"b"},"process":{"commandLine":"x"},"runtimeConfig":{"networkProxy":"http://127.0.0.1:8080"}}"#
        ),
        // MX2413: explicit egress on a legacy backend.
        (
            W,
            false,
            r#"{"version":"0.8.0-alpha","containment":"wslc","process":{"commandLine":"x"},"network":{"egress":{"default":"allow"}}}"#
        ),
        // MX2414: host lists on Windows and seatbelt.
        (
            W,
            false,
            r#"{"version":"0.7.0-alpha","process":{"commandLine":"x"},"network":{"allowedHosts":["192.0.2.1"]}}"#
        ),
        (
            M,
            false,
            r#"{"version":"0.7.0-alpha","process":{"commandLine":"x"},"network":{"blockedHosts":["a"],"allowedHosts":["b"]}}"#
        ),
        // MX2415, MX2416, MX2417: bubblewrap legacy refusals (errors at 0.8, warnings before).
        (
            L,
            false,
            r#"{"version":"0.8.0-alpha","process":{"commandLine":"x"},"network":{"enforcementMode":"firewall","allowedHosts":["example.com","192.0.2.0/24"]}}"#
        ),
        (
            L,
            false,
            r#"{"version":"0.8.0-alpha","process":{"commandLine":"x"},"network":{"defaultPolicy":"allow","blockedHosts":["192.0.2.1"]}}"#
        ),
        (
            L,
            false,
            r#"{"version":"0.7.0-alpha","process":{"commandLine":"x"},"network":{"defaultPolicy":"allow"}}"#
        ),
        (
            L,
            false,
            r#"{"version":"0.8.0-alpha","process":{"commandLine":"x"},"network":{"allowLocalNetwork":true}}"#
        ),
        // MX2418: lxc allowLocalNetwork, refused from 0.8 on and before 0.8 only with a firewall
        // (MXC installs no ingress chain in capabilities mode below 0.8, so the first is ok).
        (
            L,
            false,
            r#"{"version":"0.7.0-alpha","containment":"lxc","lxc":{"distribution":"a","release":"b"},"process":{"commandLine":"x"},"network":{"allowLocalNetwork":true}}"#
        ),
        (
            L,
            false,
            r#"{"version":"0.7.0-alpha","containment":"lxc","lxc":{"distribution":"a","release":"b"},"process":{"commandLine":"x"},"network":{"enforcementMode":"firewall","allowLocalNetwork":true}}"#
        ),
        (
            L,
            false,
            r#"{"version":"0.8.0-alpha","containment":"lxc","lxc":{"distribution":"a","release":"b"},"process":{"commandLine":"x"},"network":{"allowLocalNetwork":true}}"#
        ),
        // MX2419: isolation session acknowledgment (provision and one-shot).
        (
            W,
            false,
            r#"{"version":"0.8.0-alpha","phase":"provision","containment":"isolation_session"}"#
        ),
        (
            W,
            false,
            r#"{"version":"0.8.0-alpha","containment":"isolation_session","process":{"commandLine":"x"},"network":{"defaultPolicy":"allow","allowLocalNetwork":false,"allowedHosts":["a"]}}"#
        ),
        // MX2420: sections backends refuse.
        (
            W,
            false,
            r#"{"version":"0.8.0-alpha","containment":"isolation_session","process":{"commandLine":"x"},"network":{"defaultPolicy":"allow","allowLocalNetwork":true},"filesystem":{},"ui":{}}"#
        ),
        (
            W,
            false,
            r#"{"version":"0.7.0-alpha","containment":"microvm","process":{"commandLine":"x","cwd":"C:\\"},"filesystem":{"deniedPaths":["C:\\x"]}}"#
        ),
        // MX2422: windows_sandbox network.
        (
            W,
            false,
            r#"{"version":"0.7.0-alpha","containment":"windows_sandbox","process":{"commandLine":"x"},"network":{"defaultPolicy":"allow"}}"#
        ),
    ]));
}

/// Issue 14: the cases where mxcc read a config differently from MXC's parser, each checked
/// against MXC's Linux executor.
#[test]
fn mxc_parser_agreement() {
    let p = r#""process":{"commandLine":"x"}"#;
    let cases: Vec<String> = vec![
        // Versions as `semver::Version::parse` reads them.
        format!(r#"{{"version":"0.8.0+",{p}}}"#),
        format!(r#"{{"version":"0.8.0+b+c",{p}}}"#),
        format!(r#"{{"version":"0.8.0-alpha.01",{p}}}"#),
        format!(r#"{{"version":"0.8.0-01",{p}}}"#),
        format!(r#"{{"version":"0.8.0-alpha+001",{p}}}"#),
        // The 0.8 version gate tests key presence, `null` included.
        format!(r#"{{"version":"0.7.0-alpha",{p},"network":{{"egress":null}}}}"#),
        format!(r#"{{"version":"0.7.0-alpha",{p},"runtimeConfig":null}}"#),
        // The legacy/directional mix counts only populated settings.
        format!(
            r#"{{"version":"0.8.0-alpha",{p},"network":{{"defaultPolicy":"allow","allowLocalNetwork":true}},"runtimeConfig":{{}}}}"#
        ),
        format!(
            r#"{{"version":"0.8.0-alpha",{p},"network":{{"defaultPolicy":"allow","allowLocalNetwork":true,"egress":{{}}}}}}"#
        ),
        // A `null` egress rule.
        format!(r#"{{"version":"0.8.0-alpha",{p},"network":{{"egress":{{"allow":[null]}}}}}}"#),
        // `except` is family-strict as written: IPv4-mapped IPv6 is IPv6.
        format!(
            r#"{{"version":"0.8.0-alpha",{p},"network":{{"egress":{{"allow":[{{"to":[{{"cidr":"0.0.0.0/0","except":["::ffff:0:0/96"]}}]}}]}}}}}}"#
        ),
        format!(
            r#"{{"version":"0.8.0-alpha",{p},"network":{{"egress":{{"allow":[{{"to":[{{"cidr":"::ffff:10.0.0.0/104","except":["::ffff:10.1.0.0/112"]}}]}}]}}}}}}"#
        ),
        // Duplicate keys inside values MXC does not read.
        format!(r#"{{"version":"0.8.0-alpha",{p},"_comment":{{"a":1,"a":2}}}}"#),
        format!(r#"{{"version":"0.8.0-alpha",{p},"experimental":{{"zz":1,"zz":2}}}}"#),
        format!(r#"{{"version":"0.8.0-alpha",{p},"experimental":{{"test":{{}},"test":{{}}}}}}"#),
        // Experimental sections are open: serde skips their unknown members, repeats included.
        format!(
            r#"{{"version":"0.8.0-alpha",{p},"experimental":{{"telemetry":{{"later":1,"later":{{"a":1,"a":2}}}}}}}}"#
        ),
        format!(
            r#"{{"version":"0.8.0-alpha",{p},"experimental":{{"test":{{"message":"a","message":"b"}}}}}}"#
        ),
        // serde's sequence form: an array of every field in MXC's order stands for the struct,
        // in production mode only; the diagnostics point at the elements.
        r#"{"version":"0.8.0-alpha","process":["x",null,null,30]}"#.to_owned(),
        format!(
            r#"{{"version":"0.8.0-alpha",{p},"network":{{"egress":{{"allow":[[[["10.0.0.1/8",null]],[["tcp",443,80]]]]}}}}}}"#
        ),
        r#"{"version":"0.8.0-alpha","process":["x"]}"#.to_owned(),
    ];
    let mut cases: Vec<(Platform, bool, &str)> =
        cases.iter().map(|c| (L, false, c.as_str())).collect();
    cases.push((
        L,
        true,
        r#"{"version":"0.8.0-alpha","process":["x",null,null,30]}"#,
    ));
    // Inline sections too: `processContainer.ui` and `processContainer.network`.
    cases.push((
        W,
        false,
        r#"{"version":"0.8.0-alpha","containment":"processcontainer","process":{"commandLine":"x"},"processContainer":{"ui":[null,null,null,null],"network":["peer"]}}"#,
    ));
    insta::assert_snapshot!(run(&cases));
}

/// Issue 14: proxy URLs read by the `url` crate, as MXC reads them.
#[test]
fn proxy_urls_as_mxc_parses_them() {
    let legacy = |url: &str| {
        format!(
            r#"{{"version":"0.7.0-alpha","process":{{"commandLine":"x"}},"network":{{"defaultPolicy":"allow","proxy":{{"url":"{url}"}}}}}}"#
        )
    };
    let runtime = |url: &str| {
        format!(
            r#"{{"version":"0.8.0-alpha","process":{{"commandLine":"x"}},"runtimeConfig":{{"networkProxy":"{url}"}}}}"#
        )
    };
    let lxc = |url: &str| {
        format!(
            r#"{{"version":"0.7.0-alpha","containment":"lxc","lxc":{{"distribution":"a","release":"b"}},"process":{{"commandLine":"x"}},"network":{{"enforcementMode":"firewall","defaultPolicy":"block","proxy":{{"url":"{url}"}}}}}}"#
        )
    };
    let cases = [
        legacy("http://proxy:80"),
        legacy("https://proxy:443"),
        legacy("http://proxy:443"),
        legacy("http://proxy:+3128"),
        legacy("http://proxy:0"),
        legacy(" http://proxy:3128 "),
        legacy("http://pro xy:3128"),
        legacy("http://@proxy:3128"),
        runtime("http://127.1:3128"),
        runtime("http://0x7f.1:3128"),
        runtime("http://2130706433:3128"),
        runtime("http://0177.0.0.1:3128"),
        runtime("http://[::ffff:127.0.0.1]:3128"),
        // Bubblewrap forwards the runtime proxy as an IPv4 port: no IPv6 host, no port 0.
        runtime("http://[::1]:3128"),
        runtime("http://localhost:0"),
        lxc("http://127.1:3128"),
        lxc("http://[::ffff:127.0.0.1]:3128"),
        r#"{"version":"0.7.0-alpha","process":{"commandLine":"x"},"network":{"defaultPolicy":"allow","proxy":{"localhost":3128,"url":"ftp://x"}}}"#
            .to_owned(),
    ];
    let cases: Vec<(Platform, bool, &str)> = cases.iter().map(|c| (L, false, c.as_str())).collect();
    insta::assert_snapshot!(run(&cases));
}
