//! The index decides exactly as `decide_fs` does.

use proptest::prelude::*;

use super::*;
use crate::decide::decide_fs;
use crate::platform::Platform;
use crate::span::Span;

const NAMES: [&str; 6] = ["a", "B", "b", "Data", ".ssh", "x y"];
const ROOTS: [&str; 3] = ["/", "~/", "C:\\"];

fn arb_path() -> impl Strategy<Value = (usize, Vec<&'static str>)> {
    (
        0..ROOTS.len(),
        proptest::collection::vec(proptest::sample::select(&NAMES[..]), 0..4),
    )
}

fn arb_access() -> impl Strategy<Value = FsAccess> {
    proptest::sample::select(&FsAccess::ALL[..])
}

fn path((root, parts): &(usize, Vec<&str>), platform: Platform) -> CanonPath {
    let root = ROOTS.get(*root).copied().unwrap_or("/");
    let sep = if platform == Platform::Windows {
        "\\"
    } else {
        "/"
    };
    let root = if platform == Platform::Windows || root != "C:\\" {
        root.replace('/', sep)
    } else {
        "/".to_owned()
    };
    CanonPath::parse(&format!("{root}{}", parts.join(sep)), platform.path_style()).path
}

fn rule(p: &(usize, Vec<&str>), access: FsAccess, platform: Platform) -> FsRule {
    let path = path(p, platform);
    FsRule {
        access,
        raw: path.display.clone(),
        path,
        changes: Vec::new(),
        index: 0,
        span: Span::default(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    /// Same decision and same cause as the reference scan, for every operation, both
    /// semantics, case-sensitive and case-insensitive platforms.
    #[test]
    fn index_decides_like_decide_fs(
        rules in proptest::collection::vec((arb_path(), arb_access()), 0..10),
        target in arb_path(),
        windows in any::<bool>(),
    ) {
        let platform = if windows { Platform::Windows } else { Platform::Linux };
        let rules: Vec<FsRule> = rules.iter().map(|(p, a)| rule(p, *a, platform)).collect();
        let index = FsIndex::new(&rules);
        let target = path(&target, platform);
        for mode in [Mode::Mxc, Mode::Strict] {
            for op in FsOp::ALL {
                prop_assert_eq!(
                    index.decide(&rules, op, &target, mode),
                    decide_fs(&rules, op, &target, mode)
                );
            }
        }
    }

    /// Leaving a rule out of the candidates decides as if it were removed from the list.
    #[test]
    fn candidates_without_a_rule_decide_like_the_list_without_it(
        rules in proptest::collection::vec((arb_path(), arb_access()), 1..10),
        target in arb_path(),
        skip in any::<prop::sample::Index>(),
    ) {
        let rules: Vec<FsRule> = rules.iter().map(|(p, a)| rule(p, *a, Platform::Linux)).collect();
        let skip = skip.index(rules.len());
        let index = FsIndex::new(&rules);
        let target = path(&target, Platform::Linux);
        let candidates: Vec<usize> =
            index.matching(&target).into_iter().filter(|&i| i != skip).collect();
        let without: Vec<FsRule> = rules
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != skip)
            .map(|(_, r)| r.clone())
            .collect();
        for mode in [Mode::Mxc, Mode::Strict] {
            for op in FsOp::ALL {
                let expected = decide_fs(&without, op, &target, mode);
                let expected_cause = match expected.cause {
                    Cause::FsRule(j) => Cause::FsRule(if j >= skip { j + 1 } else { j }),
                    other => other,
                };
                let got = decide_among(&rules, &candidates, op, mode);
                prop_assert_eq!(got.allowed, expected.allowed);
                prop_assert_eq!(got.cause, expected_cause);
            }
        }
    }
}

/// Every node lies below its parent in the numbering, and each rule sits at its path's node.
#[test]
fn parents_come_first_and_rules_sit_at_their_path() {
    let platform = Platform::Linux;
    let rules: Vec<FsRule> = [
        (0, vec!["a", "b"]),
        (0, vec!["a"]),
        (1, vec!["a"]),
        (0, vec!["a", "b"]),
    ]
    .iter()
    .map(|p| rule(p, FsAccess::ReadOnly, platform))
    .collect();
    let index = FsIndex::new(&rules);
    for (id, node) in index.nodes().iter().enumerate() {
        assert!(node.parent.is_none_or(|p| p < id));
    }
    let ab = index.find(&path(&(0, vec!["a", "b"]), platform));
    assert_eq!(ab, index.node_of_rule(0));
    assert_eq!(
        ab.and_then(|n| index.node(n)).map(|n| n.rules.clone()),
        Some(vec![0, 3])
    );
    assert_eq!(
        index.matching(&path(&(0, vec!["a", "b", "c"]), platform)),
        vec![0, 1, 3]
    );
    assert_eq!(index.find(&path(&(0, vec!["z"]), platform)), None);
}
