//! The schemas bundled into the binary and their validators, each compiled once.

use std::sync::OnceLock;

use jsonschema::{Draft, Validator};
use serde_json::Value;

/// The wire model every version is checked against in production-compatible mode.
pub(crate) const WIRE: &str = "0.9.0-dev";

/// Every bundled schema version, oldest first.
pub(crate) const VERSIONS: [&str; 4] = ["0.6.0-alpha", "0.7.0-alpha", "0.8.0-alpha", WIRE];

const TEXTS: [&str; 4] = [
    include_str!("../../schemas/mxc-config.0.6.0-alpha.schema.json"),
    include_str!("../../schemas/mxc-config.0.7.0-alpha.schema.json"),
    include_str!("../../schemas/mxc-config.0.8.0-alpha.schema.json"),
    include_str!("../../schemas/mxc-config.0.9.0-dev.schema.json"),
];

/// A bundled schema: its parsed document (for descriptions and allowed fields) and its
/// compiled validator.
pub(crate) struct Compiled {
    pub(crate) document: Value,
    pub(crate) validator: Validator,
}

/// The text of a bundled schema.
pub(crate) fn text(version: &str) -> Option<&'static str> {
    let index = VERSIONS.iter().position(|v| *v == version)?;
    TEXTS.get(index).copied()
}

/// The compiled schema of a bundled version, or why it failed to compile (a bug in mxcc,
/// reported as a diagnostic rather than a panic).
pub(crate) fn compiled(version: &str) -> Option<&'static Result<Compiled, String>> {
    static CELLS: [OnceLock<Result<Compiled, String>>; 4] = [const { OnceLock::new() }; 4];
    let index = VERSIONS.iter().position(|v| *v == version)?;
    let text = TEXTS.get(index)?;
    let cell = CELLS.get(index)?;
    Some(cell.get_or_init(|| compile(text)))
}

fn compile(text: &str) -> Result<Compiled, String> {
    let document: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let validator = jsonschema::options()
        .with_draft(Draft::Draft202012)
        .should_validate_formats(false)
        .build(&document)
        .map_err(|e| e.to_string())?;
    Ok(Compiled {
        document,
        validator,
    })
}
