//! MXC's contract rules, each pinned by a minimal config written for this suite.
//!
//! Every fixture runs through the whole frontend twice: in exact-contract mode (`--exact`, the
//! closed per-version contracts) and in production mode (what MXC's executors accept). A verdict
//! is `accept`, or `reject` followed by the sorted error codes. Both verdicts must equal the ones
//! in the tables (one per group of rules, listed in [`FIXTURES`]), and the table of all verdicts
//! is one file snapshot.
//!
//! Names are `<version>/<rule>`; for 0.8 the second part is the request root the config is meant
//! as (`one_shot`, `exec`, `start`, `stop`, `deprovision`, `wslc_provision`,
//! `windows_sandbox_provision`, `isolation_session_provision`). MXC's 0.8 contract reads each
//! request as the root picked by `phase` (and, for `provision`, by `containment`), so the suite
//! adds `ROOT` to the verdict when mxcc picks another root than the name says.
//!
//! The `oracle` column records what MXC's own Linux executor (`lxc-exec --dry-run --experimental
//! --allow-testing-features`, MXC commit 7dac1a95) said about the fixture when it was written.
//! It is production MXC, so it speaks to the production column only. It parses every one-shot
//! request but runs only the Linux backends' checks, and a dry run stops before MXC's run-time
//! checks; an acceptance that therefore says less than the production verdict carries a remark
//! in parentheses. `-` means it cannot judge the fixture (it refuses every state-aware request).
//! The test never runs it; it checks that the column and the production verdicts agree.
//!
//! Where mxcc disagrees with MXC, the fixture is in [`KNOWN_DISAGREEMENTS`] with MXC's verdicts
//! and the reason; the suite asserts that mxcc still disagrees, so a fix has to move the fixture
//! into one of the other tables.

mod disagreements;
mod fields;
mod parser;
mod production;
mod proxy_urls;
mod valid;
mod values;
mod versions;

use std::fmt::Write as _;

use compiler::{Options, compile};
use ir::{Phase, Platform, SourceId};

use crate::contract::disagreements::KNOWN_DISAGREEMENTS;

const LINUX: Platform = Platform::Linux;
const MACOS: Platform = Platform::Macos;
const WINDOWS: Platform = Platform::Windows;

/// One config and what MXC does with it.
struct Fixture {
    /// `<version>/<rule>`, or `<version>/<request root>/<rule>` for 0.8.
    name: &'static str,
    platform: Platform,
    /// The verdict in exact-contract mode.
    exact: &'static str,
    /// The verdict in production mode.
    production: &'static str,
    /// What MXC's Linux executor said in a dry run, or `-`.
    oracle: &'static str,
    /// The rule the fixture pins, and why the two modes differ where they do.
    rule: &'static str,
    text: &'static str,
}

/// A fixture on which mxcc and MXC disagree; `exact` and `production` are MXC's verdicts.
struct Disagreement {
    fixture: Fixture,
    reason: &'static str,
}

/// Every table of fixtures, in the order of the snapshot.
const FIXTURES: [&[Fixture]; 7] = [
    valid::FIXTURES,
    fields::FIXTURES,
    values::FIXTURES,
    versions::FIXTURES,
    production::FIXTURES,
    parser::FIXTURES,
    proxy_urls::FIXTURES,
];

/// Every fixture, known disagreements excluded.
fn fixtures() -> impl Iterator<Item = &'static Fixture> {
    FIXTURES.iter().flat_map(|group| group.iter())
}

/// The 0.8 request root a fixture's name says it is meant as.
fn intended_root(name: &str) -> Option<&str> {
    let mut parts = name.split('/');
    (parts.next() == Some("0.8"))
        .then(|| parts.next())
        .flatten()
}

/// The request root MXC's 0.8 contract reads a compiled request as.
pub(crate) fn selected_root(header: &compiler::Header) -> String {
    match header.phase.as_ref().map(|p| p.value) {
        None => "one_shot".to_owned(),
        Some(Phase::Provision) => format!("{}_provision", header.backend().as_str()),
        Some(phase) => phase.as_str().to_owned(),
    }
}

/// The verdict of one mode: `accept`, or `reject` and the sorted error codes.
fn verdict(fixture: &Fixture, exact: bool) -> String {
    let options = Options {
        platform: fixture.platform,
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
    codes.sort();
    codes.dedup();
    if let (Some(root), Some(header)) = (intended_root(fixture.name), &output.header)
        && selected_root(header) != root
    {
        codes.push("ROOT".to_owned());
    }
    if codes.is_empty() {
        "accept".to_owned()
    } else {
        format!("reject {}", codes.join(" "))
    }
}

/// Where the expected production verdict contradicts the recorded oracle verdict. An oracle
/// acceptance with a parenthesised remark is a dry run that stopped before a run-time check
/// mxcc makes statically, so the remark must say why production may still reject.
fn oracle_mismatch(fixture: &Fixture) -> Option<String> {
    let accepts = fixture.production == "accept";
    let contradicts = match fixture.oracle {
        "-" => false,
        "accepted" => !accepts,
        oracle if oracle.starts_with("accepted (") => false,
        oracle if oracle.starts_with("rejected") => accepts,
        _ => return Some(format!("unreadable oracle column `{}`", fixture.oracle)),
    };
    contradicts.then(|| {
        format!(
            "production verdict `{}` contradicts MXC's executor (`{}`)",
            fixture.production, fixture.oracle
        )
    })
}

/// Runs every fixture in both modes: the rendered table, and every way the verdicts differ
/// from the tables.
fn check() -> (String, Vec<String>) {
    let width = fixtures()
        .chain(KNOWN_DISAGREEMENTS.iter().map(|d| &d.fixture))
        .map(|f| f.name.len())
        .max()
        .unwrap_or(0);
    let mut table = String::new();
    let mut failures = Vec::new();
    let _ = writeln!(
        table,
        "{:width$}  {:8}  {:26}  production",
        "fixture", "platform", "exact"
    );
    for fixture in fixtures() {
        let (exact, production) = (verdict(fixture, true), verdict(fixture, false));
        let _ = writeln!(
            table,
            "{:width$}  {:8}  {exact:26}  {production}",
            fixture.name,
            fixture.platform.as_str()
        );
        if exact != fixture.exact {
            failures.push(format!(
                "{}: exact mode expected `{}`, got `{exact}` ({})",
                fixture.name, fixture.exact, fixture.rule
            ));
        }
        if production != fixture.production {
            failures.push(format!(
                "{}: production mode expected `{}`, got `{production}` ({})",
                fixture.name, fixture.production, fixture.rule
            ));
        }
    }
    for fixture in fixtures().chain(KNOWN_DISAGREEMENTS.iter().map(|d| &d.fixture)) {
        if let Some(problem) = oracle_mismatch(fixture) {
            failures.push(format!("{}: {problem}", fixture.name));
        }
    }
    let _ = writeln!(
        table,
        "\nknown disagreements (mxcc's verdicts; MXC's in brackets)"
    );
    for Disagreement { fixture, reason } in KNOWN_DISAGREEMENTS {
        let (exact, production) = (verdict(fixture, true), verdict(fixture, false));
        let _ = writeln!(
            table,
            "{:width$}  {:8}  {exact} [{}]  {production} [{}]\n  {reason}",
            fixture.name,
            fixture.platform.as_str(),
            fixture.exact,
            fixture.production,
        );
        if exact == fixture.exact && production == fixture.production {
            failures.push(format!(
                "{}: mxcc now agrees with MXC (`{exact}`, `{production}`); move it out of KNOWN_DISAGREEMENTS",
                fixture.name
            ));
        }
    }
    (table, failures)
}

#[test]
fn contract_rules() {
    let (table, failures) = check();
    assert!(
        failures.is_empty(),
        "{} verdict(s) differ from the tables:\n{}",
        failures.len(),
        failures.join("\n")
    );
    insta::assert_snapshot!(table);
}
