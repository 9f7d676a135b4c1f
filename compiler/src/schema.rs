//! Schema stage (owned by the schema work; placeholder until it lands).

use ir::Diagnostic;

use crate::header::Header;
use crate::syntax::Node;

/// Checks the tree against the JSON Schema for the header's version and mode.
pub fn check(_root: &Node, _header: &Header, _diags: &mut Vec<Diagnostic>) {}
