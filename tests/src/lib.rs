//! End-to-end suites: one test binary, one module per suite.
//!
//! The suites `conformance` and `schema_differential` compare mxcc with MXC's own contract
//! fixtures and published schemas, which are not part of this repository. They build only with
//! the `mxc-shared` feature and are run by `scripts/mxc-differential`, which fails when those
//! files are absent. Every other suite reads only files inside the repository.

#[cfg(test)]
mod code_literals;
#[cfg(test)]
mod compile;
#[cfg(test)]
#[cfg(feature = "mxc-shared")]
mod conformance;
#[cfg(test)]
mod contract;
#[cfg(test)]
mod corpus;
#[cfg(test)]
#[cfg(feature = "mxc-shared")]
mod mxc_shared;
#[cfg(test)]
#[cfg(feature = "mxc-shared")]
mod schema_differential;
