//! A path trie over a filesystem rule list: the rules on the ancestors of a path in time
//! proportional to the path's depth, not to the number of rules.
//!
//! [`FsIndex::decide`] returns exactly what [`crate::decide::decide_fs`] returns (decision and
//! cause), for stages that ask many questions of one large policy: `decide_fs` scans every rule
//! per question, the index walks one path. The tests compare the two on random policies.

use std::collections::BTreeMap;

use crate::decide::{Cause, Decision, Mode};
use crate::fs::{FsAccess, FsOp, FsRule};
use crate::path::{CanonPath, Root};

/// A node of the trie: one location (a root and a component prefix) that a rule names or that
/// lies above one.
#[derive(Clone, Debug, Default)]
pub struct FsNode {
    /// The node above, `None` at a root.
    pub parent: Option<usize>,
    /// Children by comparison key (lower-cased on case-insensitive platforms).
    pub children: BTreeMap<String, usize>,
    /// The rules whose path is this location, in ascending rule order.
    pub rules: Vec<usize>,
    /// What the node's rules contribute to a decision, so that deciding walks the path without
    /// collecting its rules.
    summary: Summary,
}

/// The rules of one node as a decision sees them (indices into the rule list).
#[derive(Clone, Copy, Debug, Default)]
struct Summary {
    /// MXC semantics, when this is the deepest node with rules: the first of the most
    /// restrictive rules.
    mxc: Option<usize>,
    /// Strict semantics: the first denied rule, the first read-write rule (the first grant of
    /// a write), the first non-denied rule (the first grant of anything else), the first rule.
    denied: Option<usize>,
    readwrite: Option<usize>,
    granting: Option<usize>,
    any: Option<usize>,
}

/// The smaller of two optional indices.
fn first(a: Option<usize>, b: Option<usize>) -> Option<usize> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, None) => x,
        (None, y) => y,
    }
}

/// The path trie of one rule list. Nodes are numbered so that a parent comes before its
/// children: ascending order is top-down, descending order bottom-up.
#[derive(Clone, Debug, Default)]
pub struct FsIndex {
    roots: BTreeMap<Root, usize>,
    nodes: Vec<FsNode>,
    /// The node of each rule's path, by rule index.
    rule_nodes: Vec<usize>,
}

impl FsIndex {
    pub fn new(rules: &[FsRule]) -> FsIndex {
        let mut index = FsIndex::default();
        for (i, rule) in rules.iter().enumerate() {
            let node = index.insert(&rule.path);
            if let Some(n) = index.nodes.get_mut(node) {
                n.rules.push(i);
            }
            index.rule_nodes.push(node);
        }
        for node in &mut index.nodes {
            let mut summary = Summary::default();
            let mut strictest: Option<FsAccess> = None;
            for &i in &node.rules {
                let Some(rule) = rules.get(i) else { continue };
                if strictest.is_none_or(|a| rule.access > a) {
                    strictest = Some(rule.access);
                    summary.mxc = Some(i);
                }
                // Rules are in ascending order: the first one seen is the first.
                match rule.access {
                    FsAccess::Denied => {
                        summary.denied.get_or_insert(i);
                    }
                    FsAccess::ReadWrite => {
                        summary.readwrite.get_or_insert(i);
                        summary.granting.get_or_insert(i);
                    }
                    FsAccess::ReadOnly => {
                        summary.granting.get_or_insert(i);
                    }
                }
                summary.any.get_or_insert(i);
            }
            node.summary = summary;
        }
        index
    }

    fn insert(&mut self, path: &CanonPath) -> usize {
        let mut at = match self.roots.get(&path.root) {
            Some(&n) => n,
            None => {
                let n = self.push(None);
                self.roots.insert(path.root.clone(), n);
                n
            }
        };
        for name in &path.components {
            let existing = self
                .nodes
                .get(at)
                .and_then(|n| n.children.get(name))
                .copied();
            at = match existing {
                Some(child) => child,
                None => {
                    let child = self.push(Some(at));
                    if let Some(n) = self.nodes.get_mut(at) {
                        n.children.insert(name.clone(), child);
                    }
                    child
                }
            };
        }
        at
    }

    fn push(&mut self, parent: Option<usize>) -> usize {
        self.nodes.push(FsNode {
            parent,
            ..FsNode::default()
        });
        self.nodes.len() - 1
    }

    /// Every node; a parent's number is smaller than its children's.
    pub fn nodes(&self) -> &[FsNode] {
        &self.nodes
    }

    pub fn node(&self, id: usize) -> Option<&FsNode> {
        self.nodes.get(id)
    }

    /// The node of rule `i`'s path.
    pub fn node_of_rule(&self, i: usize) -> Option<usize> {
        self.rule_nodes.get(i).copied()
    }

    /// The node of exactly this location, when a rule names it or lies below it.
    pub fn find(&self, path: &CanonPath) -> Option<usize> {
        let mut at = *self.roots.get(&path.root)?;
        for name in &path.components {
            at = *self.nodes.get(at)?.children.get(name)?;
        }
        Some(at)
    }

    /// The rules whose path is `path` or an ancestor of it, in ascending rule order: the rules
    /// `decide_fs` does not skip for this path.
    pub fn matching(&self, path: &CanonPath) -> Vec<usize> {
        let mut out = Vec::new();
        let Some(&root) = self.roots.get(&path.root) else {
            return out;
        };
        let mut at = Some(root);
        let mut names = path.components.iter();
        while let Some(node) = at.and_then(|n| self.nodes.get(n)) {
            out.extend_from_slice(&node.rules);
            at = names
                .next()
                .and_then(|name| node.children.get(name).copied());
        }
        out.sort_unstable();
        out
    }

    /// The decision [`crate::decide::decide_fs`] makes over the indexed rules (`rules` is the
    /// list the index was built from).
    pub fn decide(&self, rules: &[FsRule], op: FsOp, path: &CanonPath, mode: Mode) -> Decision {
        let mut deepest: Option<usize> = None;
        let mut strict = Summary::default();
        if let Some(&root) = self.roots.get(&path.root) {
            let mut at = Some(root);
            let mut names = path.components.iter();
            while let Some(node) = at.and_then(|n| self.nodes.get(n)) {
                let s = node.summary;
                deepest = s.mxc.or(deepest);
                strict.denied = first(strict.denied, s.denied);
                strict.readwrite = first(strict.readwrite, s.readwrite);
                strict.granting = first(strict.granting, s.granting);
                strict.any = first(strict.any, s.any);
                at = names
                    .next()
                    .and_then(|name| node.children.get(name).copied());
            }
        }
        let found = |allowed: bool, i: usize| Decision {
            allowed,
            cause: Cause::FsRule(i),
        };
        let none = Decision {
            allowed: false,
            cause: Cause::NoFsRule,
        };
        match mode {
            Mode::Mxc => deepest
                .and_then(|i| rules.get(i).map(|r| found(r.access.grants(op), i)))
                .unwrap_or(none),
            Mode::Strict => {
                let grant = if op == FsOp::Write {
                    strict.readwrite
                } else {
                    strict.granting
                };
                match (strict.denied, grant, strict.any) {
                    (Some(i), _, _) => found(false, i),
                    (None, Some(i), _) => found(true, i),
                    (None, None, Some(i)) => found(false, i),
                    (None, None, None) => none,
                }
            }
        }
    }
}

/// `decide_fs` over the rules `candidates` names (ascending indices into `rules`, each an
/// ancestor-or-self of the path in question, as [`FsIndex::matching`] returns them). Leaving an
/// index out decides as if that rule were removed, with causes still indexing `rules`.
pub fn decide_among(rules: &[FsRule], candidates: &[usize], op: FsOp, mode: Mode) -> Decision {
    let matched = || {
        candidates
            .iter()
            .filter_map(|&i| rules.get(i).map(|r| (i, r)))
    };
    match mode {
        Mode::Mxc => {
            let mut best: Option<(usize, usize, FsAccess)> = None;
            for (i, rule) in matched() {
                let depth = rule.path.depth();
                let better = match best {
                    None => true,
                    Some((_, d, a)) => depth > d || (depth == d && rule.access > a),
                };
                if better {
                    best = Some((i, depth, rule.access));
                }
            }
            match best {
                Some((i, _, access)) => Decision {
                    allowed: access.grants(op),
                    cause: Cause::FsRule(i),
                },
                None => Decision {
                    allowed: false,
                    cause: Cause::NoFsRule,
                },
            }
        }
        Mode::Strict => {
            if let Some((i, _)) = matched().find(|(_, r)| r.access == FsAccess::Denied) {
                return Decision {
                    allowed: false,
                    cause: Cause::FsRule(i),
                };
            }
            if let Some((i, _)) = matched().find(|(_, r)| r.access.grants(op)) {
                return Decision {
                    allowed: true,
                    cause: Cause::FsRule(i),
                };
            }
            Decision {
                allowed: false,
                cause: matched()
                    .next()
                    .map_or(Cause::NoFsRule, |(i, _)| Cause::FsRule(i)),
            }
        }
    }
}

#[cfg(test)]
mod tests;
