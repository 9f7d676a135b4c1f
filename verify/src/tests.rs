//! The verifier's tests: fixtures in a tiny policy DSL, one `check` helper per concern, insta
//! file snapshots.

mod artifact;
mod diff;
mod fixture;
mod prop;
mod prove;
mod seccomp;
#[cfg(feature = "z3")]
mod solver;
