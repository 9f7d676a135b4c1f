//! Containment: NEW ⊆ BASE in every domain and for every operation.
//!
//! For every request r, if NEW allows r then BASE allows r. The asserts are
//! `domain(r) ∧ allowed_NEW(r) ∧ ¬allowed_BASE(r)`: unsatisfiable iff NEW is contained in BASE,
//! so every model is an access NEW grants that BASE does not. Guardrails are the same question
//! with the guardrail as BASE.

use ir::{Code, Severity};

use crate::obligation::Obligation;
use crate::side::Side;
use crate::space::{Dim, Relation};

/// The obligation "`new` grants nothing `base` does not".
pub fn obligation<'a>(
    label: &str,
    new: Side<'a>,
    base: Side<'a>,
    code: Code,
    severity: Severity,
    message: &str,
    base_role: &str,
) -> Obligation<'a> {
    Obligation {
        label: label.to_owned(),
        left: new,
        right: base,
        relation: Relation::Difference,
        dims: Dim::ALL.to_vec(),
        prefer_solver: false,
        code,
        severity,
        message: message.to_owned(),
        other_role: base_role.to_owned(),
    }
}
