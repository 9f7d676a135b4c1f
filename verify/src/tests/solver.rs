//! The solver never fails open: a term used at the wrong sort is an error, not `false` (which,
//! asserted, would be unsatisfiable and read as "proved").

use crate::solver::{Check, SolverOptions, with_session};
use crate::term::Terms;

fn check(build: impl Fn(&mut Terms) -> crate::term::Term) -> String {
    let mut terms = Terms::new();
    let goal = build(&mut terms);
    with_session(&SolverOptions::default(), "sorts", |s| {
        s.assert(&terms, goal);
        match s.check(&terms, &[]) {
            Check::Sat(_) => "sat".to_owned(),
            Check::Unsat => "unsat".to_owned(),
            Check::Unknown(r) => format!("unknown: {r}"),
            Check::Error(e) => format!("error: {e}"),
        }
    })
}

#[test]
fn a_bit_vector_asserted_as_a_formula_is_an_error_not_unsat() {
    // `not` of an 8-bit variable: the encoder's bug must not become `false`, i.e. "proved".
    let out = check(|t| {
        let x = t.bv_var("x", 8);
        t.not(x)
    });
    assert_eq!(out, "error: `sorts`: 1 term(s) used at the wrong sort");
    // A well-sorted formula is still answered.
    let ok = check(|t| {
        let x = t.bv_var("x", 8);
        t.eq_const(x, 3)
    });
    assert_eq!(ok, "sat");
}

#[test]
fn a_formula_used_as_a_bit_vector_is_an_error() {
    let out = check(|t| {
        let b = t.bool_var("b");
        t.eq_const(b, 1)
    });
    assert!(out.starts_with("error: "), "{out}");
}
