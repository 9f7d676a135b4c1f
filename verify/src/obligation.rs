//! Running an obligation: ask an engine per domain, group the cells, decode, replay and blame.
//!
//! Every obligation follows Cedar's contract: its asserts are unsatisfiable iff the property
//! holds, so every model is a request that breaks it.

use ir::{Code, Severity};

use crate::decode::{Answer, blame, corners, describe_request, replay, witness};
use crate::engine::{Options, answer};
use crate::finding::{Finding, Outcome};
use crate::group::group;
use crate::side::Side;
use crate::space::{Dim, DomainAnswer, Relation, Space};

/// One obligation, ready to run.
pub struct Obligation<'a> {
    pub label: String,
    /// The granting side (the new policy, the artifact, the policy under proof).
    pub left: Side<'a>,
    /// The other side (the baseline, the policy, a guardrail, a property's forbidden set).
    pub right: Side<'a>,
    pub relation: Relation,
    pub dims: Vec<Dim>,
    pub prefer_solver: bool,
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    pub other_role: String,
}

/// The result of running an obligation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Run {
    pub outcome: Outcome,
    /// Domains a side does not model, with the reason.
    pub not_applicable: Vec<(Dim, String)>,
    /// Every domain the engine could not decide in full (`filesystem: timeout`), whatever the
    /// outcome: a refutation in one domain never hides an unknown in another.
    pub unknown: Vec<String>,
    /// Engine disagreements and witnesses that failed to replay: bugs in mxcc, never findings.
    pub internal_errors: Vec<String>,
}

pub fn run(ob: &Obligation<'_>, space: &Space, opts: &Options) -> Run {
    let mut findings = Vec::new();
    let mut unknown: Vec<String> = Vec::new();
    let mut not_applicable = Vec::new();
    let mut internal = Vec::new();
    for dim in &ob.dims {
        let ans = answer(
            space,
            &ob.left,
            &ob.right,
            ob.relation,
            *dim,
            opts,
            ob.prefer_solver,
            &ob.label,
        );
        let (cells, complete) = match ans {
            Err(e) => {
                internal.push(e);
                continue;
            }
            Ok(DomainAnswer::Cells { cells, complete }) => (cells, complete),
            Ok(DomainAnswer::Partial { cells, reason }) => {
                unknown.push(format!(
                    "{}: {reason} after {} differing cells",
                    dim.as_str(),
                    cells.len()
                ));
                (cells, false)
            }
            Ok(DomainAnswer::Unknown(reason)) => {
                unknown.push(format!("{}: {reason}", dim.as_str()));
                continue;
            }
            Ok(DomainAnswer::NotApplicable(reason)) => {
                not_applicable.push((*dim, reason));
                continue;
            }
        };
        for g in group(space, *dim, &cells) {
            let Some(first) = g.cells.first() else {
                continue;
            };
            let request = witness(space, first);
            let (left, right) = (
                Answer::of(&ob.left, &request),
                Answer::of(&ob.right, &request),
            );
            if let Err(e) = replay(&left, &right, ob.relation, &request) {
                internal.push(format!("{}: {e}", ob.label));
                continue;
            }
            let (grant_span, grant_cause) = blame(&left);
            let (other_span, other_cause) = blame(&right);
            findings.push(Finding {
                code: ob.code,
                severity: ob.severity,
                message: ob.message.clone(),
                domain: *dim,
                region: g.description.clone(),
                witness_text: describe_request(&request),
                witness: request,
                extent: g.cells.iter().flat_map(|c| corners(space, c)).collect(),
                grant_span,
                grant_cause,
                other_span,
                other_cause,
                other_role: ob.other_role.clone(),
                truncated: !complete,
            });
        }
    }
    let outcome = if !findings.is_empty() {
        Outcome::Refuted(findings)
    } else if !unknown.is_empty() {
        Outcome::Unknown(unknown.join("; "))
    } else {
        Outcome::Proved
    };
    Run {
        outcome,
        not_applicable,
        unknown,
        internal_errors: internal,
    }
}
