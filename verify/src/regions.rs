//! Path regions: the trie of every path literal in a query, numbered in DFS order.
//!
//! Each trie node `v` (every literal, every ancestor of a literal, and one node per root)
//! contributes two regions: `exact(v)` (the path is `v`) and `below(v)` (strictly under `v` but
//! under none of `v`'s children). Region 0 stands for paths whose root no literal mentions.
//! Regions are numbered so that `exact(v)` comes first, then the regions of `v`'s children, then
//! `below(v)`; the subtree of `v` is therefore the contiguous interval `[exact(v), below(v)]`.
//!
//! Completeness (research §7.2, step 5): whether a subtree rule matches a path depends only on
//! which literals are ancestors-or-self of the path. Every path in one region has the same such
//! literals, so every policy decides a region uniformly and a finite set of regions covers
//! every distinguishable path. String-prefix rules of artifact models add one synthetic sibling
//! node per prefix, so that "names starting with the prefix" is a region of its own.

use std::collections::{BTreeSet, HashMap};

use ir::{CanonPath, PathStyle, Root};

/// What one region stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RegionKind {
    /// Paths under a root no literal mentions.
    Other,
    /// Exactly the path of a trie node.
    Exact(usize),
    /// Strictly under a trie node, outside all of its children.
    Below(usize),
}

/// One trie node.
#[derive(Clone, Debug)]
pub struct Node {
    pub path: CanonPath,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    /// The region id of `exact(self)`, also the first id of the subtree.
    pub exact: usize,
    /// The region id of `below(self)`, also the last id of the subtree.
    pub below: usize,
    /// True for the synthetic sibling of a string-prefix literal.
    pub synthetic: bool,
}

/// The regions of one query.
#[derive(Clone, Debug)]
pub struct Regions {
    pub style: PathStyle,
    pub nodes: Vec<Node>,
    kinds: Vec<RegionKind>,
    /// Per node: the last components of string-prefix literals directly under it.
    prefixes: HashMap<usize, Vec<String>>,
    other_root: Root,
}

/// Names tried, in order, for an illustrative child of a `below` region.
const CHILD_NAMES: [&str; 4] = ["id_rsa", "credentials", "config", "example.txt"];

impl Regions {
    /// Builds the regions of the given subtree literals and string-prefix literals.
    pub fn build<'a>(
        style: PathStyle,
        literals: impl IntoIterator<Item = &'a CanonPath>,
        string_prefixes: impl IntoIterator<Item = &'a CanonPath>,
    ) -> Regions {
        // Paths compare by their keys, so the set keeps the first spelling of each location,
        // and its order (root, then components) is the DFS pre-order of the trie.
        let mut keys: BTreeSet<CanonPath> = BTreeSet::new();
        let add = |path: &CanonPath, keys: &mut BTreeSet<CanonPath>| {
            let mut current = Some(path.clone());
            while let Some(p) = current {
                if keys.contains(&p) {
                    break;
                }
                current = p.parent(style);
                keys.insert(p);
            }
        };
        for l in literals {
            add(l, &mut keys);
        }
        let prefix_paths: BTreeSet<CanonPath> = string_prefixes.into_iter().cloned().collect();
        for l in &prefix_paths {
            add(l, &mut keys);
        }
        // Synthetic siblings: a name that starts with the prefix's last component and is no
        // literal, standing for every such unlisted name.
        let mut prefix_names: HashMap<CanonPath, Vec<String>> = HashMap::new();
        for l in &prefix_paths {
            let (Some(last), Some(parent)) = (l.components.last(), l.parent(style)) else {
                continue;
            };
            prefix_names.entry(parent).or_default().push(last.clone());
        }
        for (parent, names) in &prefix_names {
            for name in names {
                let longer: Vec<&String> = names
                    .iter()
                    .filter(|n| n.len() > name.len() && n.starts_with(name.as_str()))
                    .collect();
                let candidate = ["x", "_x", "-x", "~x", "x1"]
                    .iter()
                    .map(|s| format!("{name}{s}"))
                    .find(|cand| {
                        !keys.contains(&parent.join(cand, style))
                            && !longer.iter().any(|n| cand.starts_with(n.as_str()))
                    });
                let Some(candidate) = candidate else { continue };
                // The spelling of the parent as the literals wrote it.
                let Some(parent) = keys.get(parent).cloned() else {
                    continue;
                };
                keys.insert(parent.join(&candidate, style));
            }
        }
        Regions::number(style, keys, &prefix_paths, &prefix_names)
    }

    fn number(
        style: PathStyle,
        keys: BTreeSet<CanonPath>,
        prefix_paths: &BTreeSet<CanonPath>,
        prefix_names: &HashMap<CanonPath, Vec<String>>,
    ) -> Regions {
        let mut nodes: Vec<Node> = Vec::with_capacity(keys.len());
        let mut kinds = vec![RegionKind::Other];
        let mut prefixes = HashMap::new();
        let mut stack: Vec<usize> = Vec::new();
        for path in keys {
            while let Some(&top) = stack.last() {
                let is_ancestor = nodes.get(top).is_some_and(|n: &Node| {
                    n.path.root == path.root && path.components.starts_with(&n.path.components)
                });
                if is_ancestor {
                    break;
                }
                stack.pop();
                close(&mut nodes, &mut kinds, top);
            }
            let id = nodes.len();
            let parent = stack.last().copied();
            let synthetic = parent.is_some_and(|p| {
                nodes.get(p).is_some_and(|pn| {
                    prefix_names.get(&pn.path).is_some_and(|names| {
                        path.components.last().is_some_and(|last| {
                            names
                                .iter()
                                .any(|n| last.starts_with(n.as_str()) && last != n)
                        })
                    })
                })
            }) && !prefix_paths.contains(&path);
            if let Some(p) = parent.and_then(|p| nodes.get_mut(p)) {
                p.children.push(id);
            }
            if let Some(names) = prefix_names.get(&path) {
                prefixes.insert(id, names.clone());
            }
            nodes.push(Node {
                path,
                parent,
                children: Vec::new(),
                exact: kinds.len(),
                below: 0,
                synthetic,
            });
            kinds.push(RegionKind::Exact(id));
            stack.push(id);
        }
        while let Some(top) = stack.pop() {
            close(&mut nodes, &mut kinds, top);
        }
        let roots: BTreeSet<&Root> = nodes.iter().map(|n| &n.path.root).collect();
        let other_root = Root::Var(crate::names::fresh("UNLISTED", |name| {
            roots.contains(&Root::Var(name.to_owned()))
        }));
        Regions {
            style,
            nodes,
            kinds,
            prefixes,
            other_root,
        }
    }

    /// The number of regions.
    pub fn len(&self) -> usize {
        self.kinds.len()
    }

    pub fn is_empty(&self) -> bool {
        self.kinds.is_empty()
    }

    /// The bit-vector width needed for a region id.
    pub fn width(&self) -> u32 {
        let n = self.len().max(2) as u128 - 1;
        (128 - n.leading_zeros()).max(1)
    }

    pub fn kind(&self, region: usize) -> RegionKind {
        self.kinds.get(region).copied().unwrap_or(RegionKind::Other)
    }

    /// The trie node of a path literal.
    pub fn node_of(&self, path: &CanonPath) -> Option<usize> {
        self.find(&path.root, &path.components)
    }

    /// The trie node with this root and these comparison keys.
    fn find(&self, root: &Root, components: &[String]) -> Option<usize> {
        // INVARIANT: nodes are numbered in key order, which is the DFS pre-order.
        self.nodes
            .binary_search_by(|n| {
                (&n.path.root, n.path.components.as_slice()).cmp(&(root, components))
            })
            .ok()
    }

    /// The region interval of the subtree of a literal: the literal and everything under it.
    pub fn subtree(&self, path: &CanonPath) -> Option<(usize, usize)> {
        let n = self.nodes.get(self.node_of(path)?)?;
        Some((n.exact, n.below))
    }

    /// The regions a string-prefix literal matches: its subtree and the subtrees of every
    /// sibling node whose name starts with the literal's last component.
    pub fn string_prefix(&self, path: &CanonPath) -> Vec<(usize, usize)> {
        let Some(last) = path.components.last() else {
            return self.subtree(path).into_iter().collect();
        };
        let Some(parent) = self
            .node_of(path)
            .and_then(|n| self.nodes.get(n))
            .and_then(|n| n.parent)
        else {
            return self.subtree(path).into_iter().collect();
        };
        let Some(parent) = self.nodes.get(parent) else {
            return Vec::new();
        };
        parent
            .children
            .iter()
            .filter_map(|c| self.nodes.get(*c))
            .filter(|c| {
                c.path
                    .components
                    .last()
                    .is_some_and(|n| n.starts_with(last.as_str()))
            })
            .map(|c| (c.exact, c.below))
            .collect()
    }

    /// The region of a concrete path.
    pub fn region_of(&self, path: &CanonPath) -> usize {
        for depth in (0..=path.components.len()).rev() {
            let comps = path.components.get(..depth).unwrap_or_default();
            if let Some(id) = self.find(&path.root, comps) {
                let Some(node) = self.nodes.get(id) else {
                    return 0;
                };
                if comps.len() == path.components.len() {
                    return node.exact;
                }
                // An unlisted name that starts with a string prefix belongs to the prefix's
                // synthetic sibling.
                let next = path.components.get(comps.len()).map_or("", String::as_str);
                let longest = self
                    .prefixes
                    .get(&id)
                    .into_iter()
                    .flatten()
                    .filter(|p| next.starts_with(p.as_str()))
                    .max_by_key(|p| p.len());
                if let Some(prefix) = longest {
                    let synthetic = node
                        .children
                        .iter()
                        .filter_map(|c| self.nodes.get(*c))
                        .find(|c| {
                            c.synthetic
                                && c.path.components.last().is_some_and(|n| {
                                    n.starts_with(prefix.as_str())
                                        && self
                                            .prefixes
                                            .get(&id)
                                            .into_iter()
                                            .flatten()
                                            .filter(|q| n.starts_with(q.as_str()))
                                            .max_by_key(|q| q.len())
                                            == Some(prefix)
                                })
                        });
                    if let Some(s) = synthetic {
                        return if comps.len() + 1 == path.components.len() {
                            s.exact
                        } else {
                            s.below
                        };
                    }
                }
                return node.below;
            }
        }
        0
    }

    /// A concrete path that lies in the region.
    pub fn representative(&self, region: usize) -> CanonPath {
        match self.kind(region) {
            RegionKind::Other => CanonPath {
                root: self.other_root.clone(),
                components: vec!["example.txt".to_owned()],
                display: format!("{}/example.txt", root_text(&self.other_root)),
            },
            RegionKind::Exact(n) => self
                .nodes
                .get(n)
                .map(|n| n.path.clone())
                .unwrap_or_else(|| self.representative(0)),
            RegionKind::Below(n) => {
                let Some(node) = self.nodes.get(n) else {
                    return self.representative(0);
                };
                let taken: Vec<&str> = node
                    .children
                    .iter()
                    .filter_map(|c| self.nodes.get(*c))
                    .filter_map(|c| c.path.components.last().map(String::as_str))
                    .collect();
                let prefixes: Vec<&String> = self.prefixes.get(&n).into_iter().flatten().collect();
                let fits = |name: &str| {
                    let key = if self.style.case_insensitive {
                        name.to_lowercase()
                    } else {
                        name.to_owned()
                    };
                    !taken.contains(&key.as_str())
                        && !prefixes.iter().any(|p| key.starts_with(p.as_str()))
                };
                let name = CHILD_NAMES
                    .iter()
                    .map(|s| (*s).to_owned())
                    .chain((1..).map(|i| format!("example{i}.txt")))
                    .find(|s| fits(s))
                    .unwrap_or_else(|| "example.txt".to_owned());
                node.path.join(&name, self.style)
            }
        }
    }

    /// A short description of the region for messages.
    pub fn describe(&self, region: usize) -> String {
        match self.kind(region) {
            RegionKind::Other => "paths under roots no rule mentions".to_owned(),
            RegionKind::Exact(n) => self
                .nodes
                .get(n)
                .map_or_else(String::new, |n| format!("`{}` itself", n.path)),
            RegionKind::Below(n) => self.nodes.get(n).map_or_else(String::new, |node| {
                if node.children.is_empty() {
                    format!("everything under `{}`", node.path)
                } else {
                    format!("everything else under `{}`", node.path)
                }
            }),
        }
    }
}

fn root_text(root: &Root) -> String {
    match root {
        Root::Var(v) => format!("${v}"),
        other => format!("{other:?}"),
    }
}

/// Assigns the `below` region of a node once all of its descendants are numbered.
fn close(nodes: &mut [Node], kinds: &mut Vec<RegionKind>, id: usize) {
    if let Some(n) = nodes.get_mut(id) {
        n.below = kinds.len();
        kinds.push(RegionKind::Below(id));
    }
}
