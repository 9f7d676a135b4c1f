//! Schema stage: checks the tree against a JSON Schema written by this project, through the
//! `jsonschema` crate, and reports each violation at the offending key or value.
//!
//! Four schemas are bundled (`compiler/schemas/`): the exact 0.6.0-alpha, 0.7.0-alpha and
//! 0.8.0-alpha contracts (closed objects, `version` required and exact, no `null`), and the
//! 0.9.0-dev production wire model (every field optional, optional values nullable,
//! `experimental` open, the serde aliases accepted).
//!
//! Selection:
//! - Default (production-compatible) mode checks every version against the 0.9.0-dev wire
//!   model, because production parses every version with its rolling wire model; version
//!   ranges are the header's business.
//! - Exact mode (`--exact`) checks against the contract of the exact version. When the version
//!   is missing or is not an exact contract version (the header has reported it already), the
//!   closest contract is used instead: the one with the same major.minor when there is one,
//!   else 0.8.0-alpha. Errors about `version` itself are then dropped, so the header's
//!   diagnostic is the only one about it.
//!
//! Numbers are checked as MXC's parser reads their literals, not by value (`numbers.rs`): a
//! fraction, an exponent or `-0` is a float, refused where an integer is expected even when
//! whole (`443.0`), and a literal beyond `f64` is refused wherever it appears.
//!
//! The wire model also tells which values MXC's parser skips (`free_form.rs`): the untyped
//! `_comment` and the undeclared members of open objects (`experimental` and its sections).
//! serde keeps the last of repeated keys there, so the parser's duplicate-key errors inside
//! them are dropped. In production mode a section written in serde's sequence form (an array of
//! every field in MXC's order) is first rewritten into its object (`sequence_form.rs`).
//!
//! | Code   | Meaning                                                                |
//! |--------|------------------------------------------------------------------------|
//! | MX1101 | unknown field (points at the key)                                      |
//! | MX1102 | wrong JSON type; a float (`443.0`, `1e3`, `-0`) for an integer        |
//! | MX1103 | value not in the allowed set (`enum` or `const`)                       |
//! | MX1104 | missing required field (points at the object's `{`)                    |
//! | MX1105 | number out of range (ports 1..65535, u32 0..4294967295, beyond f64)   |
//! | MX1106 | explicit `null` where the exact contract forbids it                    |
//! | MX1107 | empty string or array where a non-empty one is required                |
//! | MX1108 | a section and its alias both present (`appContainer`, `macos_sandbox`) |
//! | MX1109 | string rejected by a pattern (e.g. reserved capability names)          |
//! | MX1110 | wrong number of fields in a one-of object (`network.proxy`)            |
//! | MX1198 | a bundled schema failed to compile (a bug in mxcc)                     |
//! | MX1199 | any other schema violation                                             |

mod bundle;
mod free_form;
mod instance;
pub(crate) mod numbers;
mod report;
mod sequence_form;
#[cfg(test)]
mod tests;
mod typo;

pub use free_form::drop_ignored_duplicates;
pub use sequence_form::desugar as desugar_sequence_form;
pub use typo::typo_distance;

use ir::{Code, Diagnostic, Span};

use crate::header::{EXACT_VERSIONS, Header};
use crate::syntax::Node;

pub const UNKNOWN_FIELD: Code = ir::codes::syntax::UNKNOWN_FIELD;
pub const WRONG_TYPE: Code = ir::codes::syntax::WRONG_TYPE;
pub const NOT_IN_ENUM: Code = ir::codes::syntax::NOT_IN_ENUM;
pub const MISSING_FIELD: Code = ir::codes::syntax::MISSING_FIELD;
pub const OUT_OF_RANGE: Code = ir::codes::syntax::OUT_OF_RANGE;
pub const NULL_FORBIDDEN: Code = ir::codes::syntax::NULL_FORBIDDEN;
pub const EMPTY: Code = ir::codes::syntax::EMPTY;
pub const ALIAS_CONFLICT: Code = ir::codes::syntax::ALIAS_CONFLICT;
pub const PATTERN: Code = ir::codes::syntax::PATTERN;
pub const MEMBER_COUNT: Code = ir::codes::syntax::MEMBER_COUNT;
pub const SCHEMA_BROKEN: Code = ir::codes::syntax::SCHEMA_BROKEN;
pub const OTHER: Code = ir::codes::syntax::OTHER;

/// The versions `mxcc schema --version V` can print, oldest first.
pub fn versions() -> &'static [&'static str] {
    &bundle::VERSIONS
}

/// The text of the bundled schema for a version listed by [`versions`].
pub fn text(version: &str) -> Option<&'static str> {
    bundle::text(version)
}

/// Checks the tree against the JSON Schema for the header's version and mode.
pub fn check(root: &Node, header: &Header, diags: &mut Vec<Diagnostic>) {
    let selection = select(root, header);
    let Some(compiled) = bundle::compiled(selection.version) else {
        return;
    };
    let compiled = match compiled {
        Ok(compiled) => compiled,
        Err(reason) => {
            diags.push(
                Diagnostic::error(
                    SCHEMA_BROKEN,
                    format!("the bundled {} schema failed to compile", selection.version),
                )
                .with_label(
                    Span::file_start(header.source),
                    "not checked against a schema",
                )
                .with_help(format!("this is a bug in mxcc; please report it: {reason}")),
            );
            return;
        }
    };
    let instance = instance::build(root);
    let cx = report::Context {
        root,
        document: &compiled.document,
        version: selection.version,
        exact: header.exact,
    };
    let mut findings = Vec::new();
    numbers::overflows(root, "", &mut findings);
    for error in compiled.validator.iter_errors(&instance) {
        report::map(&cx, &error, &mut findings);
    }
    if selection.skip_version_errors {
        findings.retain(|f| f.pointer != "/version");
    }
    diags.extend(
        report::settle(findings)
            .into_iter()
            .map(report::Finding::into_diagnostic),
    );
}

/// The schema a config is checked against.
struct Selection {
    version: &'static str,
    /// The header already reported the version, so the schema stays quiet about it.
    skip_version_errors: bool,
}

fn select(root: &Node, header: &Header) -> Selection {
    if !header.exact {
        return Selection {
            version: bundle::WIRE,
            skip_version_errors: false,
        };
    }
    let raw = root.get("version");
    if let Some(exact) = raw
        .and_then(Node::as_str)
        .and_then(|v| EXACT_VERSIONS.iter().copied().find(|e| *e == v))
    {
        return Selection {
            version: exact,
            skip_version_errors: false,
        };
    }
    let closest = match header.version.as_ref().map(|v| (v.major, v.minor)) {
        Some((0, 6)) => "0.6.0-alpha",
        Some((0, 7)) => "0.7.0-alpha",
        _ => "0.8.0-alpha",
    };
    // A non-string `version` is reported here (as a wrong type), not by the header.
    let reported_by_header = raw.is_none_or(|v| v.as_str().is_some());
    Selection {
        version: closest,
        skip_version_errors: reported_by_header,
    }
}
