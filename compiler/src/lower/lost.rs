//! The guard against values lowering could not read.
//!
//! Lowering leaves out a value it cannot convert (a port written `443.0`, a timeout of the wrong
//! type) and relies on the schema and validation stages to have refused it. Each such value is
//! recorded here; one that no error covers is reported as an error of its own, so a policy never
//! loses a value silently, even when a stage before lowering missed it or did not run (the
//! executor lowers speculatively before the schema stage finishes).

use ir::{Code, Diagnostic, Span};

use crate::schema::numbers::{Literal, classify};
use crate::schema::{OUT_OF_RANGE, WRONG_TYPE};
use crate::syntax::{Node, NodeKind};

/// A value present in the config that lowering could not read, so left out of the policy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Lost {
    /// The field as a config spells it, such as `process.timeout`.
    pub(crate) field: &'static str,
    pub(crate) span: Span,
    pub(crate) why: Why,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Why {
    /// Not an integer literal; `found` is the literal in backticks or the JSON type.
    NotInteger { found: String },
    /// An integer literal outside the field's Rust type.
    OutOfRange { raw: String, ty: &'static str },
}

/// Reads an integer literal within `T`, recording a present value it cannot read.
pub(crate) fn int<T: TryFrom<i128>>(
    node: Option<&Node>,
    field: &'static str,
    lost: &mut Vec<Lost>,
) -> Option<(T, Span)> {
    let node = node?;
    let why = match &node.kind {
        NodeKind::Number(n) => match classify(n) {
            Literal::Integer(i) => match T::try_from(i) {
                Ok(value) => return Some((value, node.span)),
                Err(_) => Why::OutOfRange {
                    raw: n.raw.clone(),
                    ty: short_type_name::<T>(),
                },
            },
            Literal::Wide | Literal::Float | Literal::Overflow => Why::NotInteger {
                found: format!("`{}`", n.raw),
            },
        },
        _ => Why::NotInteger {
            found: format!("a {}", node.kind_name()),
        },
    };
    lost.push(Lost {
        field,
        span: node.span,
        why,
    });
    None
}

/// `u16` for `u16`.
fn short_type_name<T>() -> &'static str {
    let full = std::any::type_name::<T>();
    full.rsplit("::").next().unwrap_or(full)
}

/// Reports every lost value that no error already points at.
pub(crate) fn report(lost: &[Lost], diagnostics: &mut Vec<Diagnostic>) {
    for loss in lost {
        let covered = diagnostics
            .iter()
            .filter(|d| d.is_error())
            .flat_map(|d| d.labels.iter())
            .any(|label| overlaps(label.span, loss.span));
        if !covered {
            diagnostics.push(diagnostic(loss));
        }
    }
}

fn overlaps(a: Span, b: Span) -> bool {
    a.source == b.source && a.start < b.end && b.start < a.end
}

fn diagnostic(loss: &Lost) -> Diagnostic {
    let (code, message, label): (Code, String, &str) = match &loss.why {
        Why::NotInteger { found } => (
            WRONG_TYPE,
            format!(
                "lowering cannot read `{}` as an integer: found {found}",
                loss.field
            ),
            "not an integer",
        ),
        Why::OutOfRange { raw, ty } => (
            OUT_OF_RANGE,
            format!(
                "lowering cannot read `{}` as a {ty}: `{raw}` is out of range",
                loss.field
            ),
            "out of range",
        ),
    };
    Diagnostic::error(code, message)
        .with_label(loss.span, label)
        .with_help(
            "mxcc refuses the policy rather than drop the value; write it as an integer literal \
             in range, and please report the config: the schema stage should have refused it",
        )
}
