//! One module per subcommand.

pub(crate) mod check;
pub(crate) mod compile;
pub(crate) mod completions;
pub(crate) mod diff;
pub(crate) mod prove;
pub(crate) mod query;
pub(crate) mod rules;
pub(crate) mod schema;
