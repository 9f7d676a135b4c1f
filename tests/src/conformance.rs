//! Conformance over MXC's exact-contract fixtures (`conformance/mxc-contract` under the
//! directory [`crate::mxc_shared::conformance_dir`] finds; run by `scripts/mxc-differential`).
//!
//! Exact mode (`--exact`): every `valid/` fixture must compile without an error, and every
//! `invalid/` fixture must be rejected with the code listed in [`EXPECTED`]. The 0.8 fixtures
//! are grouped by request root (`one_shot`, `exec`, `wslc_provision`, ...); MXC's contract
//! tests deserialize each into that root's type, so the suite also checks that mxcc selects the
//! same root from `phase` and `containment`, and counts a mismatch as a rejection (`ROOT`).
//!
//! Platform per fixture (see [`platform_for`]): fixtures with a seatbelt section or containment
//! run as macOS, with an `lxc` section as Linux, with a processContainer section or a Windows
//! state-aware backend as Windows, and the rest as Linux, so the resolved backend is the one
//! the fixture's sections belong to.
//!
//! Production mode: the verdict of every fixture without `--exact` is recorded in a file
//! snapshot, with the reason wherever production differs from the directory the fixture is in
//! ([`PRODUCTION_DIFFERENCES`]).

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use compiler::{Options, compile};
use ir::{Platform, SourceId};

fn root() -> PathBuf {
    crate::mxc_shared::conformance_dir().join("mxc-contract")
}

/// The code each invalid fixture must be rejected with in exact mode.
const EXPECTED: &[(&str, &str)] = &[
    ("v0_6_0_alpha/fixtures/invalid/experimental.json", "MX1101"),
    (
        "v0_6_0_alpha/fixtures/invalid/incomplete_lxc.json",
        "MX1104",
    ),
    ("v0_6_0_alpha/fixtures/invalid/state_aware.json", "MX1101"),
    (
        "v0_6_0_alpha/fixtures/invalid/unknown_nested_field.json",
        "MX1101",
    ),
    (
        "v0_6_0_alpha/fixtures/invalid/unknown_root_field.json",
        "MX1101",
    ),
    ("v0_7_0_alpha/fixtures/invalid/experimental.json", "MX1101"),
    (
        "v0_7_0_alpha/fixtures/invalid/experimental_seatbelt_moved.json",
        "MX1101",
    ),
    (
        "v0_7_0_alpha/fixtures/invalid/incomplete_lxc.json",
        "MX1104",
    ),
    (
        "v0_7_0_alpha/fixtures/invalid/seatbelt_invalid_launch_method.json",
        "MX1103",
    ),
    (
        "v0_7_0_alpha/fixtures/invalid/seatbelt_unknown_field.json",
        "MX1101",
    ),
    ("v0_7_0_alpha/fixtures/invalid/state_aware.json", "MX1101"),
    (
        "v0_7_0_alpha/fixtures/invalid/unknown_nested_field.json",
        "MX1101",
    ),
    (
        "v0_7_0_alpha/fixtures/invalid/unknown_root_field.json",
        "MX1101",
    ),
    (
        "v0_8_0_alpha/fixtures/deprovision/invalid/foreign_containment.json",
        "MX1101",
    ),
    (
        "v0_8_0_alpha/fixtures/exec/invalid/missing_process.json",
        "MX1104",
    ),
    (
        "v0_8_0_alpha/fixtures/isolation_session_provision/invalid/missing_network.json",
        "MX1104",
    ),
    (
        "v0_8_0_alpha/fixtures/one_shot/invalid/capability_learning_mode_logging_reserved.json",
        "MX1109",
    ),
    (
        "v0_8_0_alpha/fixtures/one_shot/invalid/capability_permissive_learning_mode_reserved.json",
        "MX1109",
    ),
    (
        "v0_8_0_alpha/fixtures/one_shot/invalid/capability_with_comma.json",
        "MX1109",
    ),
    (
        "v0_8_0_alpha/fixtures/one_shot/invalid/duplicate_process_container_alias.json",
        "MX1108",
    ),
    (
        "v0_8_0_alpha/fixtures/one_shot/invalid/duplicate_seatbelt_alias.json",
        "MX1108",
    ),
    (
        "v0_8_0_alpha/fixtures/one_shot/invalid/incomplete_lxc.json",
        "MX1104",
    ),
    (
        "v0_8_0_alpha/fixtures/one_shot/invalid/network_empty_rule_destinations.json",
        "MX1107",
    ),
    (
        "v0_8_0_alpha/fixtures/one_shot/invalid/port_out_of_range.json",
        "MX1105",
    ),
    (
        "v0_8_0_alpha/fixtures/one_shot/invalid/seatbelt_invalid_launch_method.json",
        "MX1103",
    ),
    (
        "v0_8_0_alpha/fixtures/one_shot/invalid/seatbelt_unknown_field.json",
        "MX1101",
    ),
    // The same request as `exec/valid/minimal.json`: invalid only as a one-shot root.
    (
        "v0_8_0_alpha/fixtures/one_shot/invalid/state_aware.json",
        "ROOT",
    ),
    (
        "v0_8_0_alpha/fixtures/one_shot/invalid/unknown_nested_field.json",
        "MX1101",
    ),
    (
        "v0_8_0_alpha/fixtures/one_shot/invalid/unknown_root_field.json",
        "MX1101",
    ),
    (
        "v0_8_0_alpha/fixtures/start/invalid/foreign_process.json",
        "MX1101",
    ),
    (
        "v0_8_0_alpha/fixtures/stop/invalid/unknown_field.json",
        "MX1101",
    ),
    (
        "v0_8_0_alpha/fixtures/windows_sandbox_provision/invalid/foreign_network.json",
        "MX1101",
    ),
    (
        "v0_8_0_alpha/fixtures/wslc_provision/invalid/foreign_sandbox_id.json",
        "MX1101",
    ),
];

/// Why production MXC's verdict differs from the fixture's directory, where it does.
const PRODUCTION_DIFFERENCES: &[(&str, &str)] = &[
    (
        "v0_6_0_alpha/fixtures/invalid/experimental.json",
        EXPERIMENTAL,
    ),
    (
        "v0_7_0_alpha/fixtures/invalid/experimental.json",
        EXPERIMENTAL,
    ),
    (
        "v0_6_0_alpha/fixtures/valid/complete.json",
        WINDOWS_HOST_LISTS,
    ),
    (
        "v0_7_0_alpha/fixtures/valid/complete.json",
        WINDOWS_HOST_LISTS,
    ),
    (
        "v0_8_0_alpha/fixtures/one_shot/valid/complete.json",
        WINDOWS_HOST_LISTS,
    ),
    (
        "v0_6_0_alpha/fixtures/valid/proxy_localhost.json",
        BWRAP_PROXY_BLOCK,
    ),
    (
        "v0_6_0_alpha/fixtures/valid/proxy_url.json",
        BWRAP_PROXY_BLOCK,
    ),
    (
        "v0_7_0_alpha/fixtures/valid/proxy_localhost.json",
        BWRAP_PROXY_BLOCK,
    ),
    (
        "v0_7_0_alpha/fixtures/valid/proxy_url.json",
        BWRAP_PROXY_BLOCK,
    ),
    (
        "v0_8_0_alpha/fixtures/one_shot/valid/proxy_localhost.json",
        BWRAP_PROXY_BLOCK,
    ),
    (
        "v0_8_0_alpha/fixtures/one_shot/valid/proxy_url.json",
        BWRAP_PROXY_BLOCK,
    ),
    (
        "v0_8_0_alpha/fixtures/deprovision/valid/minimal.json",
        EXAMPLE_ID,
    ),
    ("v0_8_0_alpha/fixtures/exec/valid/minimal.json", EXAMPLE_ID),
    ("v0_8_0_alpha/fixtures/start/valid/minimal.json", EXAMPLE_ID),
    ("v0_8_0_alpha/fixtures/stop/valid/minimal.json", EXAMPLE_ID),
    (
        "v0_8_0_alpha/fixtures/one_shot/valid/network_directional.json",
        "grammar-valid, but production requires a ruleless `egress.default=deny` beside `runtimeConfig.networkProxy`, and the processcontainer proxy rules require `ingress.default=allow` and `hostLoopback=deny` with an `allowedProxyPeer`",
    ),
];

const EXPERIMENTAL: &str = "`experimental` is absent from the 0.6/0.7 contracts, but the production wire model parses it for every version";
const WINDOWS_HOST_LISTS: &str =
    "both Windows runners refuse `blockedHosts`/`allowedHosts` (not yet supported on Windows)";
const BWRAP_PROXY_BLOCK: &str = "on Linux `process` is bubblewrap, which refuses an external proxy under the default `defaultPolicy` `block`";
const EXAMPLE_ID: &str =
    "production routes by the `sandboxId` prefix, and `example:` names no backend (`malformed_id`)";

struct Fixture {
    /// Relative to [`root`], with `/` separators.
    name: String,
    text: String,
    valid: bool,
    /// The request root directory of a 0.8 fixture (`one_shot`, `exec`, ...).
    root: Option<String>,
}

fn fixtures() -> Vec<Fixture> {
    let root = root();
    let mut files = Vec::new();
    collect(&root, &mut files);
    files.sort();
    files
        .into_iter()
        .filter_map(|path| {
            let name = path
                .strip_prefix(&root)
                .ok()?
                .to_string_lossy()
                .replace('\\', "/");
            let name = name.trim_start_matches('/').to_owned();
            let parts: Vec<&str> = name.split('/').collect();
            let kind = parts.iter().rev().nth(1).copied()?;
            let root = (parts.len() == 5)
                .then(|| parts.get(2).map(|s| (*s).to_owned()))
                .flatten();
            let text = fs::read_to_string(&path).ok()?;
            Some(Fixture {
                valid: kind == "valid",
                root,
                text,
                name,
            })
        })
        .collect()
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
}

/// The platform whose default backend owns the fixture's sections.
fn platform_for(text: &str) -> Platform {
    if text.contains("\"seatbelt\"") || text.contains("macos_sandbox") {
        Platform::Macos
    } else if text.contains("\"lxc\"") {
        Platform::Linux
    } else if [
        "processContainer",
        "appContainer",
        "processcontainer",
        "windows_sandbox",
        "isolation_session",
        "wslc",
    ]
    .iter()
    .any(|k| text.contains(k))
    {
        Platform::Windows
    } else {
        Platform::Linux
    }
}

/// Error codes of one compilation, plus `ROOT` when mxcc picks another request root than the
/// fixture's directory.
fn errors(fixture: &Fixture, exact: bool) -> Vec<String> {
    let options = Options {
        platform: platform_for(&fixture.text),
        exact,
        ..Options::default()
    };
    let output = compile(SourceId(0), fixture.text.as_bytes(), &options);
    let mut codes: Vec<String> = output
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.code.as_str().to_owned())
        .collect();
    if let (Some(root), Some(header)) = (&fixture.root, &output.header)
        && &crate::contract::selected_root(header) != root
    {
        codes.push("ROOT".to_owned());
    }
    codes.dedup();
    codes
}

#[test]
fn exact_contract_fixtures() {
    let fixtures = fixtures();
    assert_eq!(fixtures.len(), 71, "the fixture tree changed");
    let mut failures = Vec::new();
    for fixture in &fixtures {
        let codes = errors(fixture, true);
        if fixture.valid {
            if !codes.is_empty() {
                failures.push(format!("{}: expected accept, got {codes:?}", fixture.name));
            }
        } else {
            match EXPECTED.iter().find(|(name, _)| *name == fixture.name) {
                Some((_, code)) if codes.iter().any(|c| c == code) => {}
                Some((_, code)) => {
                    failures.push(format!("{}: expected {code}, got {codes:?}", fixture.name))
                }
                None => failures.push(format!(
                    "{}: no expected code in the table (got {codes:?})",
                    fixture.name
                )),
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} fixture(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn production_verdicts() {
    let mut out = String::new();
    for fixture in &fixtures() {
        let codes = errors(fixture, false);
        let codes: Vec<String> = codes.into_iter().filter(|c| c != "ROOT").collect();
        let verdict = if codes.is_empty() {
            "accept".to_owned()
        } else {
            format!("reject {}", codes.join(" "))
        };
        let expected = if fixture.valid { "valid" } else { "invalid" };
        let _ = writeln!(out, "{}: {verdict}", fixture.name);
        let differs = fixture.valid != codes.is_empty();
        match PRODUCTION_DIFFERENCES
            .iter()
            .find(|(name, _)| *name == fixture.name)
        {
            Some((_, why)) => {
                let _ = writeln!(out, "  differs from `{expected}/`: {why}");
            }
            None if differs => {
                let _ = writeln!(out, "  differs from `{expected}/`: UNEXPLAINED");
            }
            None => {}
        }
    }
    insta::assert_snapshot!(out);
}
