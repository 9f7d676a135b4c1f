//! Tests: one `check_emit` helper with insta file snapshots, plus the translation checks.

mod bwrap;
mod landlock;
mod nftables;
mod seccomp;
mod translation;

use std::collections::BTreeMap;
use std::fmt::Write as _;

use ir::{Policy, SourceId};

use crate::context::{Options, PathKind, PathProbe};
use crate::target::TargetId;
use crate::{CompileOutput, compile};

/// Lowers an MXC config through the real frontend.
pub(crate) fn policy(json: &str) -> Policy {
    let options = compiler::Options {
        platform: ir::Platform::Linux,
        exact: false,
        limits: Default::default(),
    };
    let out = compiler::compile(SourceId(0), json.as_bytes(), &options);
    let errors: Vec<_> = out.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "frontend errors: {errors:#?}");
    out.policy.expect("a policy")
}

/// Options with a fixed path table: unlisted paths are directories.
pub(crate) fn options(kinds: &[(&str, PathKind)]) -> Options {
    let map: BTreeMap<String, PathKind> =
        kinds.iter().map(|(p, k)| ((*p).to_owned(), *k)).collect();
    Options {
        paths: PathProbe::Fixed(map),
        ..Options::default()
    }
}

/// Renders diagnostics one per line, with the source text each label points at.
fn render_diagnostics(out: &CompileOutput, source: &str) -> String {
    let mut text = String::new();
    for d in &out.diagnostics {
        let at = d
            .primary_span()
            .map(|s| source.get(s.range()).unwrap_or("?").to_owned())
            .unwrap_or_default();
        let _ = writeln!(text, "{} {}: {} @ {at}", d.severity, d.code, d.message);
        for note in &d.notes {
            let _ = writeln!(text, "    note: {note}");
        }
    }
    text
}

/// Compiles a config for some targets and snapshots every text artifact and the diagnostics.
pub(crate) fn check_emit(
    name: &str,
    targets: &[TargetId],
    json: &str,
    options: &Options,
) -> CompileOutput {
    let policy = policy(json);
    let out = compile(&policy, targets, options);
    let again = compile(&policy, targets, options);
    assert_eq!(out.artifacts, again.artifacts, "emission is deterministic");
    let mut text = format!(
        "--- policy\n{json}\n--- diagnostics\n{}",
        render_diagnostics(&out, json)
    );
    let mut files: BTreeMap<&str, &Vec<u8>> = BTreeMap::new();
    for artifact in out.emitted.values() {
        files.extend(artifact.files.iter().map(|(k, v)| (*k, v)));
    }
    files.extend(out.artifacts.iter().map(|(k, v)| (k.as_str(), v)));
    let _ = writeln!(
        text,
        "--- written: {:?}",
        out.artifacts.keys().collect::<Vec<_>>()
    );
    for (file, bytes) in &files {
        if file.ends_with(".bpf") {
            let _ = writeln!(text, "--- {file}\n{} bytes", bytes.len());
        } else {
            let _ = write!(text, "--- {file}\n{}", String::from_utf8_lossy(bytes));
        }
    }
    insta::assert_snapshot!(name, text);
    out
}
