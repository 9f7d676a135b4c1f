//! Translation checks: every model, evaluated concretely, never allows what `ir::decide`
//! denies, except where a gap was reported.
