//! Values MXC's parser reads without a schema: the root `_comment` and the members of
//! `experimental` it does not know. serde keeps the last of repeated keys there instead of
//! refusing them, so a duplicate key inside such a value is no error.

use ir::Diagnostic;

use crate::syntax::{DUPLICATE_KEY, Node};

/// The members of `experimental` that MXC reads as typed sections; duplicates of these, and
/// inside them, are refused as everywhere else.
const KNOWN_EXPERIMENTAL: [&str; 7] = [
    "test",
    "windows_sandbox",
    "wslc",
    "isolation_session",
    "seatbelt",
    "macos_sandbox",
    "telemetry",
];

/// Drops the duplicate-key errors that point into a free-form value of `root`.
pub fn drop_ignored_duplicates(root: &Node, diags: &mut Vec<Diagnostic>) {
    let mut regions = Vec::new();
    for member in root.members() {
        match member.key.as_str() {
            "_comment" => regions.push(member.value.span),
            "experimental" => regions.extend(
                member
                    .value
                    .members()
                    .iter()
                    .filter(|m| !KNOWN_EXPERIMENTAL.contains(&m.key.as_str()))
                    .map(|m| m.span()),
            ),
            _ => {}
        }
    }
    if regions.is_empty() {
        return;
    }
    diags.retain(|d| {
        let at = d.labels.iter().find(|l| l.primary).map(|l| l.span.start);
        !(d.code == DUPLICATE_KEY
            && at.is_some_and(|at| regions.iter().any(|r| r.start <= at && at < r.end)))
    });
}
