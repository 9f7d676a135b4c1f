//! The enforcement report: what each policy construct became in each target (`report.json`).

use std::collections::BTreeMap;

use ir::{Severity, Span};
use serde_json::{Value, json};

use crate::source::SourceRecord;
use crate::target::{Capability, TargetId};

/// The version of the `report.json` format.
pub const REPORT_FORMAT_VERSION: u32 = 1;

/// What a construct became.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Enforced,
    /// Enforced more strictly than asked (warning).
    Approximated,
    /// Not enforced; the artifact is withheld (error).
    Refused,
    /// Not enforced by this target, but another emitted target closes the gap (info).
    Covered(TargetId),
    /// Not enforced; emitted anyway because gaps are allowed (warning).
    GapAllowed,
    /// Granted beyond the policy for MXC compatibility (warning), e.g. the system baseline.
    CompatGrant,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Enforced => "enforced",
            Status::Approximated => "approximated",
            Status::Refused => "refused",
            Status::Covered(_) => "covered",
            Status::GapAllowed => "gap-allowed",
            Status::CompatGrant => "compat-grant",
        }
    }

    pub fn severity(self) -> Severity {
        match self {
            Status::Enforced | Status::Covered(_) => Severity::Info,
            Status::Approximated | Status::GapAllowed | Status::CompatGrant => Severity::Warning,
            Status::Refused => Severity::Error,
        }
    }

    /// True when the artifact does not enforce the construct.
    pub fn is_gap(self) -> bool {
        matches!(
            self,
            Status::Refused | Status::Covered(_) | Status::GapAllowed | Status::CompatGrant
        )
    }
}

/// One construct of the policy as one target handled it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The construct, e.g. `filesystem.deniedPaths[0]`.
    pub construct: String,
    pub span: Option<Span>,
    pub status: Status,
    pub code: Option<ir::Code>,
    pub detail: String,
    /// What the artifact allows beyond the policy because of this construct (a gap's or a
    /// compatibility grant's region); empty when it allows nothing more, or when the target
    /// could not describe it (then no soundness finding is excused by this entry).
    pub regions: Vec<ir::model::Region>,
}

/// One target's part of the report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TargetReport {
    pub target: TargetId,
    /// False when the artifact was withheld.
    pub emitted: bool,
    pub files: Vec<String>,
    pub format_version: Option<u32>,
    pub capabilities: Vec<Capability>,
    pub entries: Vec<Entry>,
    /// Facts the artifact relies on at run time (checked by the executor).
    pub assumptions: Vec<String>,
}

/// Renders the report as deterministic, pretty JSON, with the policy it was compiled from when
/// the caller knows its bytes.
pub fn render(reports: &[TargetReport], source: Option<&SourceRecord>) -> Vec<u8> {
    let mut targets = BTreeMap::new();
    for report in reports {
        let entries: Vec<Value> = report
            .entries
            .iter()
            .map(|e| {
                json!({
                    "construct": e.construct,
                    "status": e.status.as_str(),
                    "code": e.code.map(|c| c.as_str()),
                    "covered_by": match e.status {
                        Status::Covered(t) => Some(t.as_str()),
                        _ => None,
                    },
                    "span": e.span.map(|s| json!([s.start, s.end])),
                    "detail": e.detail,
                })
            })
            .collect();
        let capabilities: Vec<Value> = report
            .capabilities
            .iter()
            .map(|c| json!({"construct": c.construct, "support": c.support.as_str(), "note": c.note}))
            .collect();
        targets.insert(
            report.target.as_str(),
            json!({
                "emitted": report.emitted,
                "files": report.files,
                "format_version": report.format_version,
                "capabilities": capabilities,
                "constructs": entries,
                "assumptions": report.assumptions,
            }),
        );
    }
    let mut value = json!({ "format_version": REPORT_FORMAT_VERSION, "targets": targets });
    if let (Some(source), Some(object)) = (source, value.as_object_mut()) {
        object.insert("source".to_owned(), source.to_json());
    }
    let mut out = serde_json::to_string_pretty(&value)
        .unwrap_or_default()
        .into_bytes();
    out.push(b'\n');
    out
}
