//! The proof obligations, one per file.

pub mod artifact;
pub mod contained;
pub mod property;
pub mod seccomp;
