//! Findings: one readable group of differing requests with a replayed witness and blame, and
//! its rendering as an `ir::Diagnostic`.

use ir::{Code, Diagnostic, Request, Severity, Span};

use crate::space::Dim;

/// One finding of an obligation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub code: Code,
    pub severity: Severity,
    /// One lowercase sentence, e.g. "new policy grants access the baseline does not".
    pub message: String,
    pub domain: Dim,
    /// The group of requests, e.g. "read, execute under `/home/u/.ssh`".
    pub region: String,
    /// A concrete request in the group, replayed through both sides.
    pub witness: Request,
    /// Requests that together stand for every request of the group (see
    /// `decode::corners`): a region that contains all of them contains the whole group.
    pub extent: Vec<Request>,
    pub witness_text: String,
    /// The rule or setting of the granting side (the new policy, the artifact, the policy).
    pub grant_span: Option<Span>,
    pub grant_cause: String,
    /// The rule or default of the other side (the baseline, the guardrail, the property).
    pub other_span: Option<Span>,
    pub other_cause: String,
    /// How the other side is named in labels ("baseline", "guardrail", "policy").
    pub other_role: String,
    /// True when the enumeration of this domain stopped at its cap.
    pub truncated: bool,
}

impl Finding {
    /// The diagnostic for this finding: primary label on the grant, secondary on the other side.
    pub fn to_diagnostic(&self) -> Diagnostic {
        let mut d = Diagnostic::new(self.code, self.severity, self.message.clone());
        if let Some(span) = self.grant_span {
            d = d.with_label(
                span,
                format!("grants `{}` ({})", self.witness_text, self.grant_cause),
            );
        }
        if let Some(span) = self.other_span {
            d = d.with_secondary(
                span,
                format!("the {} decides here: {}", self.other_role, self.other_cause),
            );
        }
        d = d.with_note(format!(
            "witness: {} (region: {})",
            self.witness_text, self.region
        ));
        if self.grant_span.is_none() {
            d = d.with_note(format!("granted by {}", self.grant_cause));
        }
        if self.other_span.is_none() {
            d = d.with_note(format!(
                "the {} decides by {}",
                self.other_role, self.other_cause
            ));
        }
        if self.truncated {
            d = d.with_note("more differences exist; the enumeration stopped at its cap");
        }
        d
    }
}

/// What an obligation found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The property holds: the asserts are unsatisfiable.
    Proved,
    /// The property fails; every finding carries a replayed witness.
    Refuted(Vec<Finding>),
    /// Neither: a timeout, an unsupported construct, or a solver failure. Never a proof.
    Unknown(String),
}

impl Outcome {
    pub fn is_proved(&self) -> bool {
        matches!(self, Outcome::Proved)
    }

    pub fn findings(&self) -> &[Finding] {
        match self {
            Outcome::Refuted(f) => f,
            Outcome::Proved | Outcome::Unknown(_) => &[],
        }
    }
}
