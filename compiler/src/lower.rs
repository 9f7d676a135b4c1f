//! Lowering (placeholder).

use ir::Policy;

use crate::header::Header;
use crate::syntax::Node;

pub fn lower(root: &Node, header: &Header) -> Policy {
    let mut p = Policy::empty(header.source, header.platform);
    p.span = root.span;
    p
}
