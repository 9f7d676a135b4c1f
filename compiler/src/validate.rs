//! MXC validation stage (owned by the validation work; placeholder until it lands).

use ir::Diagnostic;

use crate::header::Header;
use crate::syntax::Node;

/// Applies MXC's cross-field, shared and backend validation rules.
pub fn check(_root: &Node, _header: &Header, _diags: &mut Vec<Diagnostic>) {}
