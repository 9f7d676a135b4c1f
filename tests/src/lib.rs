//! End-to-end suites: one test binary, one module per suite.

#[cfg(test)]
mod compile;
#[cfg(test)]
mod conformance;
#[cfg(test)]
mod corpus;
#[cfg(test)]
mod schema_differential;
