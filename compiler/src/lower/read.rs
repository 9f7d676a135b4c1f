//! Typed reads of tree nodes; anything of the wrong type reads as absent.

use ir::{Setting, Spanned};

use crate::syntax::Node;

pub(crate) fn string(node: Option<&Node>) -> Option<Spanned<String>> {
    node.and_then(|n| Some(Spanned::new(n.as_str()?.to_owned(), n.span)))
}

pub(crate) fn boolean(node: Option<&Node>, default: bool) -> Setting<bool> {
    match node.and_then(|n| Some((n.as_bool()?, n.span))) {
        Some((value, span)) => Setting::explicit(value, span),
        None => Setting::default_value(default),
    }
}

/// Reads a string and maps it through `parse`; unknown values read as the default.
pub(crate) fn choice<T>(
    node: Option<&Node>,
    default: T,
    parse: impl Fn(&str) -> Option<T>,
) -> Setting<T> {
    match node.and_then(|n| Some((parse(n.as_str()?)?, n.span))) {
        Some((value, span)) => Setting::explicit(value, span),
        None => Setting::default_value(default),
    }
}

pub(crate) fn strings(node: Option<&Node>) -> Vec<Spanned<String>> {
    node.map_or(&[][..], Node::items)
        .iter()
        .filter_map(|n| string(Some(n)))
        .collect()
}
