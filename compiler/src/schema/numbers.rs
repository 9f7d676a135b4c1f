//! Number literals as MXC's parser reads them.
//!
//! MXC deserializes configs with `serde_json` into Rust integers (`u16`, `NonZeroU16`, `u32`,
//! `u64`); no field of any version is a float. `serde_json` reads a literal with a fraction or an
//! exponent, and `-0`, as a float, and so is an integer literal beyond `u64` (or below `i64`); a
//! float is refused wherever an integer is expected, even when its value is whole (`443.0`,
//! `443e0`, `1e3`). A literal beyond the range of `f64` (`1e400`, an integer of 310 digits) is
//! refused wherever it appears, `_comment` included, as "number out of range".
//!
//! JSON Schema's `integer` admits any number whose fraction is zero, so the schema instance (see
//! `instance.rs`) replaces every literal that MXC does not read as an integer by
//! [`NOT_AN_INTEGER`]: `integer` refuses it, a position that takes any value accepts it, and the
//! report maps the refusal back to the literal through [`integer_refusal`].
//!
//! One known edge: MXC's `serde_json` (without `float_roundtrip`) may round a literal within an
//! ulp of `f64::MAX` (`1.7976931348623158e308`) up to infinity and refuse it; mxcc rounds
//! exactly and accepts it where a value of any type is allowed (it is no integer anyway).

use crate::schema::report::{Finding, Kind, display_path};
use crate::schema::{OUT_OF_RANGE, WRONG_TYPE};
use crate::syntax::{Node, NodeKind, Number};

/// The schema instance's stand-in for a literal MXC reads as a float: not an integer, so
/// every `integer` position refuses it.
pub(crate) const NOT_AN_INTEGER: f64 = 0.5;

/// How `serde_json` reads a number literal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Literal {
    /// An integer (`u64` or `i64`): what an integer field takes, when in range.
    Integer(i128),
    /// Written as an integer, but beyond `u64` and `i64`, so read as a float.
    Wide,
    /// Written with a fraction or an exponent, or `-0`: a float.
    Float,
    /// Beyond the range of `f64`: a syntax error wherever it appears.
    Overflow,
}

pub(crate) fn classify(number: &Number) -> Literal {
    let raw = number.raw.as_str();
    if raw.parse::<f64>().is_ok_and(f64::is_infinite) {
        return Literal::Overflow;
    }
    if raw.contains(['.', 'e', 'E']) || raw == "-0" {
        return Literal::Float;
    }
    match number.int {
        Some(i) if u64::try_from(i).is_ok() || i64::try_from(i).is_ok() => Literal::Integer(i),
        _ => Literal::Wide,
    }
}

/// The exact value of a literal when it is a whole number within `i128`, whatever its
/// spelling: `443`, `443.0`, `4.43e2` and `4430e-1` are all 443.
pub(crate) fn whole_value(raw: &str) -> Option<i128> {
    let (negative, unsigned) = match raw.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, raw),
    };
    let (mantissa, exponent) = match unsigned.split_once(['e', 'E']) {
        Some((m, e)) => (m, e.parse::<i64>().ok()?),
        None => (unsigned, 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let mut digits = format!("{whole}{fraction}");
    let mut exponent = exponent.checked_sub(i64::try_from(fraction.len()).ok()?)?;
    while exponent < 0 && digits.ends_with('0') {
        digits.pop();
        exponent += 1;
    }
    let digits = digits.trim_start_matches('0');
    if digits.is_empty() {
        return Some(0);
    }
    if exponent < 0 || i64::try_from(digits.len()).ok()?.checked_add(exponent)? > 38 {
        return None;
    }
    let mut value: i128 = digits.parse().ok()?;
    for _ in 0..exponent {
        value = value.checked_mul(10)?;
    }
    Some(if negative { -value } else { value })
}

/// Reports every literal beyond the range of `f64`, wherever it is: MXC's JSON parser refuses
/// the whole config before it looks at any field.
pub(crate) fn overflows(node: &Node, pointer: &str, out: &mut Vec<Finding>) {
    match &node.kind {
        NodeKind::Object(members) => {
            for m in members {
                let token = m.key.replace('~', "~0").replace('/', "~1");
                overflows(&m.value, &format!("{pointer}/{token}"), out);
            }
        }
        NodeKind::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                overflows(item, &format!("{pointer}/{i}"), out);
            }
        }
        NodeKind::Number(number) if classify(number) == Literal::Overflow => {
            out.push(Finding {
                pointer: pointer.to_owned(),
                code: OUT_OF_RANGE,
                span: node.span,
                message: format!("{} is out of range for a JSON number", quote(&number.raw)),
                label: "beyond the range of a 64-bit float".to_owned(),
                help: Some(
                    "MXC's JSON parser refuses a number whose magnitude is beyond about 1.8e308 \
                     wherever it appears, even in `_comment`; write a smaller number"
                        .to_owned(),
                ),
                note: None,
                kind: Kind::Type,
            });
        }
        _ => {}
    }
}

/// What the report does with a refusal of a number where the schema expects an integer.
#[derive(Debug)]
pub(crate) enum Refusal {
    /// The literal is an integer to MXC: the refusal is about something else.
    NotMine,
    /// The literal is beyond `f64`, which [`overflows`] reports.
    Reported,
    /// The literal is a float or a wide integer to MXC: this finding replaces the refusal.
    Finding(Finding),
}

/// Maps the refusal of a number at an `integer` position to what MXC says about its literal.
pub(crate) fn integer_refusal(
    node: &Node,
    pointer: &str,
    range: (Option<i128>, Option<i128>),
) -> Refusal {
    let NodeKind::Number(number) = &node.kind else {
        return Refusal::NotMine;
    };
    let name = display_path(pointer);
    let bounds = describe_range(range);
    match classify(number) {
        Literal::Integer(_) => Refusal::NotMine,
        Literal::Overflow => Refusal::Reported,
        Literal::Wide => Refusal::Finding(Finding {
            pointer: pointer.to_owned(),
            code: OUT_OF_RANGE,
            span: node.span,
            message: format!("{} is out of range for `{name}`", quote(&number.raw)),
            label: "out of range".to_owned(),
            help: Some(format!("use {bounds}")),
            note: None,
            kind: Kind::Type,
        }),
        Literal::Float => {
            let fits =
                |v: i128| range.0.is_none_or(|lo| v >= lo) && range.1.is_none_or(|hi| v <= hi);
            let help = match whole_value(&number.raw).filter(|v| fits(*v)) {
                Some(value) => format!("write `{value}`"),
                None => format!("write {bounds}"),
            };
            let reads = if is_port(range) {
                "MXC reads ports as whole numbers".to_owned()
            } else {
                format!("MXC reads `{}` as a whole number", last_key(pointer))
            };
            Refusal::Finding(Finding {
                pointer: pointer.to_owned(),
                code: WRONG_TYPE,
                span: node.span,
                message: format!("{} is not an integer: {reads}", quote(&number.raw)),
                label: "not an integer".to_owned(),
                help: Some(help),
                note: Some(
                    "MXC's parser reads a number with a fraction or an exponent, and `-0`, as a \
                     float, and refuses a float where it expects an integer even when its value \
                     is whole"
                        .to_owned(),
                ),
                kind: Kind::Type,
            })
        }
    }
}

/// For a refusal at a position that takes no number at all: only a literal beyond `f64` is
/// worth another word, and [`overflows`] has said it.
pub(crate) fn beyond_f64(node: &Node) -> Refusal {
    match &node.kind {
        NodeKind::Number(number) if classify(number) == Literal::Overflow => Refusal::Reported,
        _ => Refusal::NotMine,
    }
}

fn is_port(range: (Option<i128>, Option<i128>)) -> bool {
    range == (Some(1), Some(65535))
}

/// "an integer from 1 to 65535".
fn describe_range(range: (Option<i128>, Option<i128>)) -> String {
    match range {
        (Some(lo), Some(hi)) => format!("an integer from {lo} to {hi}"),
        (Some(lo), None) => format!("an integer of at least {lo}"),
        (None, Some(hi)) => format!("an integer of at most {hi}"),
        (None, None) => "an integer".to_owned(),
    }
}

/// The last member name of a pointer, skipping array indices: `port` for `.../ports/0/port`.
fn last_key(pointer: &str) -> String {
    pointer
        .rsplit('/')
        .find(|t| !t.is_empty() && !t.bytes().all(|b| b.is_ascii_digit()))
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
        .unwrap_or_default()
}

/// A literal in backticks; a long one is cut, with its length.
fn quote(raw: &str) -> String {
    if raw.len() > 24 {
        let head: String = raw.chars().take(16).collect();
        format!("`{head}...` ({} characters)", raw.len())
    } else {
        format!("`{raw}`")
    }
}
