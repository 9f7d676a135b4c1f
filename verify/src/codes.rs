//! The diagnostic codes of the verifier (MX4xxx), documented in the registry
//! (`ir::codes::proofs`).

pub use ir::codes::proofs::*;
