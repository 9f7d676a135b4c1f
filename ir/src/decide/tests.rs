//! Properties of the reference semantics.

use proptest::prelude::*;

use super::*;
use crate::fs::{FsAccess, FsOp, FsRule};
use crate::path::CanonPath;
use crate::platform::Platform;
use crate::policy::Policy;
use crate::span::{SourceId, Span};

const NAMES: [&str; 6] = ["a", "b", "Data", "é", ".ssh", "x y"];

fn arb_path() -> impl Strategy<Value = Vec<&'static str>> {
    proptest::collection::vec(proptest::sample::select(&NAMES[..]), 0..4)
}

fn arb_access() -> impl Strategy<Value = FsAccess> {
    prop_oneof![
        Just(FsAccess::ReadWrite),
        Just(FsAccess::ReadOnly),
        Just(FsAccess::Denied)
    ]
}

fn arb_op() -> impl Strategy<Value = FsOp> {
    proptest::sample::select(&FsOp::ALL[..])
}

fn posix(parts: &[&str]) -> CanonPath {
    CanonPath::parse(
        &format!("/{}", parts.join("/")),
        Platform::Linux.path_style(),
    )
    .path
}

fn rule(parts: &[&str], access: FsAccess) -> FsRule {
    let path = posix(parts);
    FsRule {
        access,
        raw: path.display.clone(),
        path,
        changes: Vec::new(),
        index: 0,
        span: Span::default(),
    }
}

fn policy(rules: Vec<FsRule>) -> Policy {
    let mut p = Policy::empty(SourceId(0), Platform::Linux);
    p.filesystem.rules = rules;
    p
}

fn allowed(p: &Policy, op: FsOp, path: &CanonPath, mode: Mode) -> bool {
    decide(
        p,
        &Request::Fs {
            op,
            path: path.clone(),
        },
        mode,
    )
    .allowed
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// A path listed in `deniedPaths` is denied itself, whatever other lists say about it.
    #[test]
    fn denied_literal_always_wins(
        rules in proptest::collection::vec((arb_path(), arb_access()), 0..8),
        target in arb_path(),
        op in arb_op(),
        mode in prop_oneof![Just(Mode::Mxc), Just(Mode::Strict)],
    ) {
        let mut all: Vec<FsRule> = rules.iter().map(|(p, a)| rule(p, *a)).collect();
        all.push(rule(&target, FsAccess::Denied));
        prop_assert!(!allowed(&policy(all), op, &posix(&target), mode));
    }

    /// Under strict semantics, adding an allow never removes access and adding a deny never
    /// adds any.
    #[test]
    fn strict_is_monotone(
        rules in proptest::collection::vec((arb_path(), arb_access()), 0..8),
        extra in (arb_path(), arb_access()),
        target in arb_path(),
        op in arb_op(),
    ) {
        let base: Vec<FsRule> = rules.iter().map(|(p, a)| rule(p, *a)).collect();
        let mut more = base.clone();
        more.push(rule(&extra.0, extra.1));
        let before = allowed(&policy(base), op, &posix(&target), Mode::Strict);
        let after = allowed(&policy(more), op, &posix(&target), Mode::Strict);
        if extra.1 == FsAccess::Denied {
            prop_assert!(!after || before);
        } else {
            prop_assert!(after || !before);
        }
    }

    /// Strict semantics deny whatever MXC semantics deny through a `deniedPaths` entry, and
    /// differ only where a deeper entry re-opens or narrows access. (A read-only entry is a
    /// grant under strict semantics, not a restriction: `readonlyPaths: ["/w/ro"]` inside
    /// `readwritePaths: ["/w"]` still allows writes there; the lints report that case.)
    #[test]
    fn strict_never_reopens_denials(
        rules in proptest::collection::vec((arb_path(), arb_access()), 0..8),
        target in arb_path(),
        op in arb_op(),
    ) {
        let p = policy(rules.iter().map(|(p, a)| rule(p, *a)).collect());
        let path = posix(&target);
        let decision = decide(&p, &Request::Fs { op, path: path.clone() }, Mode::Mxc);
        let by_deny = matches!(decision.cause, Cause::FsRule(i)
            if p.filesystem.rules.get(i).is_some_and(|r| r.access == FsAccess::Denied));
        if by_deny {
            prop_assert!(!allowed(&p, op, &path, Mode::Strict));
        }
    }

    /// Spellings that canonicalise to the same path decide the same.
    #[test]
    fn equal_spellings_decide_equally(
        rules in proptest::collection::vec((arb_path(), arb_access()), 0..6),
        target in arb_path(),
        op in arb_op(),
        noise in proptest::collection::vec(0u8..4, 0..4),
    ) {
        let p = policy(rules.iter().map(|(p, a)| rule(p, *a)).collect());
        let mut spelled = String::from("/");
        for (i, part) in target.iter().enumerate() {
            match noise.get(i).copied().unwrap_or(0) {
                1 => spelled.push_str("./"),
                2 => spelled.push_str("zz/../"),
                3 => spelled.push('/'),
                _ => {}
            }
            spelled.push_str(part);
            spelled.push('/');
        }
        let noisy = CanonPath::parse(&spelled, Platform::Linux.path_style()).path;
        prop_assert_eq!(&noisy, &posix(&target));
        prop_assert_eq!(allowed(&p, op, &noisy, Mode::Mxc), allowed(&p, op, &posix(&target), Mode::Mxc));
    }

    /// Windows paths compare case-insensitively and ignore `\\?\` prefixes and slash style.
    #[test]
    fn windows_case_and_prefix_variants(upper in any::<bool>(), verbatim in any::<bool>(), slash in any::<bool>()) {
        let style = Platform::Windows.path_style();
        let granted = CanonPath::parse(r"C:\Users\Dev\Work", style).path;
        let mut p = Policy::empty(SourceId(0), Platform::Windows);
        p.filesystem.rules.push(FsRule {
            access: FsAccess::ReadOnly, raw: String::new(), path: granted, changes: Vec::new(), index: 0, span: Span::default(),
        });
        let mut spelled = String::from(r"c:\users\dev\work\file.txt");
        if upper { spelled = spelled.to_uppercase(); }
        if slash { spelled = spelled.replace('\\', "/"); }
        if verbatim { spelled = format!(r"\\?\{spelled}"); }
        let path = CanonPath::parse(&spelled, style).path;
        let read = Request::Fs { op: FsOp::Read, path: path.clone() };
        let write = Request::Fs { op: FsOp::Write, path };
        prop_assert!(decide(&p, &read, Mode::Mxc).allowed);
        prop_assert!(!decide(&p, &write, Mode::Mxc).allowed);
    }
}

#[test]
fn nested_allow_under_deny_reopens_only_in_mxc_mode() {
    let p = policy(vec![
        rule(&["data"], FsAccess::Denied),
        rule(&["data", "pub"], FsAccess::ReadWrite),
    ]);
    let inner = posix(&["data", "pub", "f"]);
    assert!(allowed(&p, FsOp::Write, &inner, Mode::Mxc));
    assert!(!allowed(&p, FsOp::Write, &inner, Mode::Strict));
    assert!(!allowed(
        &p,
        FsOp::Read,
        &posix(&["data", "other"]),
        Mode::Mxc
    ));
}

#[test]
fn same_string_most_restrictive_wins() {
    let p = policy(vec![
        rule(&["w"], FsAccess::ReadWrite),
        rule(&["w"], FsAccess::ReadOnly),
    ]);
    assert!(allowed(&p, FsOp::Read, &posix(&["w", "f"]), Mode::Mxc));
    assert!(!allowed(&p, FsOp::Write, &posix(&["w", "f"]), Mode::Mxc));
}
