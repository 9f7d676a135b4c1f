//! The policy an artifact set was compiled from, recorded in `report.json`: the SHA-256 of the
//! policy file's bytes and the frontend settings under which those bytes had no errors.
//!
//! Every writer of `report.json` compiles only policies the full frontend accepted, so the
//! record is also a claim: "these exact bytes passed every frontend stage". The executor
//! refuses artifacts whose record names other bytes (they would enforce another policy), and
//! on a match under its own settings it does not rebuild the JSON Schema validator to re-check
//! what was already checked.

use ir::Platform;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

/// The bytes and frontend settings an artifact set was compiled from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceRecord {
    /// Lower-case hexadecimal SHA-256 of the policy file.
    pub sha256: String,
    pub platform: Platform,
    /// Whether the exact-contract mode (`--exact`) accepted the bytes.
    pub exact: bool,
}

impl SourceRecord {
    pub fn of(bytes: &[u8], platform: Platform, exact: bool) -> SourceRecord {
        SourceRecord {
            sha256: sha256_hex(bytes),
            platform,
            exact,
        }
    }

    pub fn to_json(&self) -> Value {
        json!({
            "sha256": self.sha256,
            "platform": self.platform.as_str(),
            "exact": self.exact,
        })
    }

    /// Reads the record of a parsed `report.json`; `None` when absent or malformed.
    pub fn from_report(report: &Value) -> Option<SourceRecord> {
        let source = report.get("source")?;
        Some(SourceRecord {
            sha256: source.get("sha256")?.as_str()?.to_owned(),
            platform: Platform::parse(source.get("platform")?.as_str()?)?,
            exact: source.get("exact")?.as_bool()?,
        })
    }
}

/// The SHA-256 of the bytes, as lower-case hexadecimal.
fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
