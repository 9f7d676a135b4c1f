//! compiler
pub mod syntax;
