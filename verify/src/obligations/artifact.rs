//! Translation validation: an artifact's model against the policy it was emitted from.
//!
//! Soundness: for every request r, if the artifact allows r then the policy allows r; the
//! asserts `allowed_ARTIFACT(r) ∧ ¬allowed_POLICY(r)` are unsatisfiable iff it holds, and a
//! model is a compiler bug. Completeness: `allowed_POLICY(r) ∧ ¬allowed_ARTIFACT(r)`, measured
//! and reported gap by gap, each with a witness. Domains an artifact does not model are
//! reported as not applicable, never as proved.

use ir::{Code, Severity};

use crate::obligation::Obligation;
use crate::side::Side;
use crate::space::{Dim, Relation};

/// The domains an artifact model can speak about.
pub const DIMS: [Dim; 3] = [Dim::Fs, Dim::Net, Dim::Ui];

/// Soundness (`artifact ⊆ policy`) or completeness (`policy ⊆ artifact`).
pub fn obligation<'a>(
    target: &str,
    granting: Side<'a>,
    other: Side<'a>,
    code: Code,
    severity: Severity,
    message: &str,
    other_role: &str,
) -> Obligation<'a> {
    Obligation {
        label: format!("artifact-{target}"),
        left: granting,
        right: other,
        relation: Relation::Difference,
        dims: DIMS.to_vec(),
        prefer_solver: true,
        code,
        severity,
        message: message.to_owned(),
        other_role: other_role.to_owned(),
    }
}
