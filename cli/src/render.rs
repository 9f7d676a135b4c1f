//! Output formats of `mxcc check`.

pub(crate) mod human;
pub(crate) mod json;
