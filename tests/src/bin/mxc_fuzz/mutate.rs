//! Structured mutations of a seed. Each mutant is a pure function of the run's seed and its
//! index: it picks a seed policy, applies one to three operators at paths of its tree, and
//! sometimes a change to the text itself. Every applied operator is described as
//! `operator /path value`, and the descriptions feed the classes of disagreements.

use crate::json::{self, Json, Path, Step};
use crate::pools;
use crate::rng::Rng;
use crate::seeds::Seed;

/// One generated config.
pub(crate) struct Mutant {
    pub(crate) index: u64,
    /// The index of the seed it started from.
    pub(crate) seed: usize,
    pub(crate) ops: Vec<String>,
    pub(crate) text: String,
    /// The tree the text is written from, unless the text itself was changed afterwards.
    pub(crate) tree: Option<Json>,
}

#[derive(Clone, Copy, Debug)]
enum Op {
    Drop,
    DuplicateKey,
    RenameKey,
    Retype,
    Null,
    Empty,
    Integer,
    Float,
    Str,
    Version,
    Cidr,
    Port,
    Proxy,
    Nest,
    UnknownKey,
    Section,
    Graft,
    Sequence,
    Bool,
    Elements,
    Escape,
}

/// The operators, each as often as its weight.
const OPS: &[Op] = &[
    Op::Drop,
    Op::Drop,
    Op::DuplicateKey,
    Op::RenameKey,
    Op::RenameKey,
    Op::Retype,
    Op::Retype,
    Op::Null,
    Op::Null,
    Op::Empty,
    Op::Integer,
    Op::Integer,
    Op::Float,
    Op::Float,
    Op::Str,
    Op::Str,
    Op::Version,
    Op::Version,
    Op::Cidr,
    Op::Cidr,
    Op::Cidr,
    Op::Port,
    Op::Port,
    Op::Proxy,
    Op::Proxy,
    Op::Proxy,
    Op::Nest,
    Op::UnknownKey,
    Op::UnknownKey,
    Op::Section,
    Op::Section,
    Op::Section,
    Op::Graft,
    Op::Graft,
    Op::Sequence,
    Op::Bool,
    Op::Elements,
    Op::Escape,
];

/// The mutant with this index. Three in four start from a seed in `preferred` (the seeds MXC
/// accepts, whose mutants probe the edge between accepted and rejected), the rest from any.
pub(crate) fn generate(seeds: &[Seed], preferred: &[usize], run_seed: u64, index: u64) -> Mutant {
    let mut rng = Rng::for_mutant(run_seed, index);
    let seed = match rng.pick(preferred) {
        Some(&i) if rng.chance(3, 4) => i,
        _ => rng.below(seeds.len()),
    };
    let mut tree = seeds
        .get(seed)
        .map(|s| s.tree.clone())
        .unwrap_or(Json::Null);
    let count = 1 + usize::from(rng.chance(1, 3)) + usize::from(rng.chance(1, 8));
    let mut ops = Vec::new();
    for _ in 0..count {
        for _attempt in 0..8 {
            let Some(&op) = rng.pick(OPS) else { break };
            if let Some(description) = apply(op, &mut tree, seeds, &mut rng) {
                ops.push(description);
                break;
            }
        }
    }
    // A state-aware request says nothing about the one-shot parser: never produce one.
    if let Json::Obj(members) = &mut tree {
        members.retain(|(key, _)| key != "phase");
    }
    let mut text = tree.to_text();
    let mut kept = Some(tree);
    if rng.chance(1, 50) {
        let (name, changed) = text_change(&text, &mut rng);
        ops.push(format!("text {name}"));
        text = changed;
        kept = None;
    }
    Mutant {
        index,
        seed,
        ops,
        text,
        tree: kept,
    }
}

fn apply(op: Op, tree: &mut Json, seeds: &[Seed], rng: &mut Rng) -> Option<String> {
    match op {
        Op::Drop => {
            let path = pick_path(tree, rng, |path, _| !path.is_empty())?;
            json::remove(tree, &path)?;
            Some(format!("drop {}", json::path_text(&path)))
        }
        Op::DuplicateKey => {
            let path = pick_path(tree, rng, |path, _| {
                matches!(path.last(), Some(Step::Member(..)))
            })?;
            let (parent, last) = path.split_last().map(|(l, p)| (p.to_vec(), l.clone()))?;
            let Step::Member(i, key) = last else {
                return None;
            };
            let original = json::get(tree, &path)?.clone();
            let value = if rng.chance(1, 2) {
                original
            } else {
                retyped(&original, rng)
            };
            let described = short(&value);
            let Json::Obj(members) = json::get_mut(tree, &parent)? else {
                return None;
            };
            members.insert(i + 1, (key.clone(), value));
            Some(format!(
                "duplicate-key {} {described}",
                json::path_text(&path)
            ))
        }
        Op::RenameKey => {
            let path = pick_path(tree, rng, |path, _| {
                matches!(path.last(), Some(Step::Member(..)))
            })?;
            let (parent, last) = path.split_last().map(|(l, p)| (p.to_vec(), l.clone()))?;
            let Step::Member(i, key) = last else {
                return None;
            };
            let renamed = rename(&key, rng);
            let Json::Obj(members) = json::get_mut(tree, &parent)? else {
                return None;
            };
            members.get_mut(i)?.0 = renamed.clone();
            Some(format!("rename-key {} {renamed:?}", json::path_text(&path)))
        }
        Op::Retype => {
            let path = pick_path(tree, rng, |_, _| true)?;
            let value = retyped(json::get(tree, &path)?, rng);
            replace(tree, &path, value, "retype")
        }
        Op::Null => {
            let path = pick_path(tree, rng, |path, _| !path.is_empty())?;
            replace(tree, &path, Json::Null, "null")
        }
        Op::Empty => {
            let path = pick_path(tree, rng, |path, _| !path.is_empty())?;
            let value = match rng.below(3) {
                0 => Json::Arr(Vec::new()),
                1 => Json::Obj(Vec::new()),
                _ => Json::Str(String::new()),
            };
            replace(tree, &path, value, "empty")
        }
        Op::Integer => {
            let path = pick_leaf(tree, rng, |n| matches!(n, Json::Num(_)))?;
            let value = Json::Num((*rng.pick(pools::INTEGERS)?).to_owned());
            replace(tree, &path, value, "integer")
        }
        Op::Float => {
            let path = pick_leaf(tree, rng, |n| matches!(n, Json::Num(_)))?;
            let value = Json::Raw((*rng.pick(pools::FLOATS)?).to_owned());
            replace(tree, &path, value, "float")
        }
        Op::Str => {
            let path = pick_leaf(tree, rng, |n| matches!(n, Json::Str(_)))?;
            let value = Json::Str((*rng.pick(pools::STRINGS)?).to_owned());
            replace(tree, &path, value, "string")
        }
        Op::Version => {
            let value = if rng.chance(1, 12) {
                None
            } else {
                Some(Json::Str((*rng.pick(pools::VERSIONS)?).to_owned()))
            };
            set_root_member(tree, "version", value, "version")
        }
        Op::Cidr => {
            let keys = [
                "cidr",
                "except",
                "allowedHosts",
                "blockedHosts",
                "allowedProxyPeer",
            ];
            let value = Json::Str((*rng.pick(pools::CIDRS)?).to_owned());
            match pick_path(tree, rng, |path, node| {
                matches!(node, Json::Str(_))
                    && json::last_key(path).is_some_and(|k| keys.contains(&k))
            }) {
                Some(path) => replace(tree, &path, value, "cidr"),
                None => {
                    let cidr = value.to_text();
                    let section = match rng.below(5) {
                        0 => format!(r#"{{"defaultPolicy": "block", "allowedHosts": [{cidr}]}}"#),
                        3 => format!(
                            r#"{{"defaultPolicy": "block", "enforcementMode": "firewall", "allowedHosts": [{cidr}]}}"#
                        ),
                        4 => format!(
                            r#"{{"defaultPolicy": "allow", "enforcementMode": "firewall", "blockedHosts": [{cidr}]}}"#
                        ),
                        1 => format!(
                            r#"{{"egress": {{"default": "deny", "allow": [{{"to": [{{"cidr": {cidr}}}]}}]}}}}"#
                        ),
                        _ => format!(
                            r#"{{"egress": {{"default": "deny", "allow": [{{"to": [{{"cidr": "0.0.0.0/0", "except": [{cidr}]}}]}}]}}}}"#
                        ),
                    };
                    set_root_member(tree, "network", Some(parse(&section)), "cidr")
                }
            }
        }
        Op::Port => {
            let keys = ["port", "endPort", "localhost"];
            let value = Json::Raw((*rng.pick(pools::PORTS)?).to_owned());
            match pick_path(
                tree,
                rng,
                |path, _| matches!(path.last(), Some(Step::Member(_, k)) if keys.contains(&k.as_str())),
            ) {
                Some(path) => replace(tree, &path, value, "port"),
                None => {
                    let port = value.to_text();
                    let section = match rng.below(3) {
                        0 => format!(
                            r#"{{"defaultPolicy": "allow", "proxy": {{"localhost": {port}}}}}"#
                        ),
                        1 => format!(
                            r#"{{"egress": {{"default": "deny", "allow": [{{"ports": [{{"protocol": "tcp", "port": {port}}}]}}]}}}}"#
                        ),
                        _ => format!(
                            r#"{{"egress": {{"default": "deny", "allow": [{{"ports": [{{"protocol": "udp", "port": 1000, "endPort": {port}}}]}}]}}}}"#
                        ),
                    };
                    set_root_member(tree, "network", Some(parse(&section)), "port")
                }
            }
        }
        Op::Proxy => {
            let url = Json::Str((*rng.pick(pools::PROXY_URLS)?).to_owned());
            match pick_path(tree, rng, |path, node| {
                matches!(node, Json::Str(_))
                    && matches!(json::last_key(path), Some("url" | "networkProxy"))
            }) {
                Some(path) if rng.chance(2, 3) => replace(tree, &path, url, "proxy"),
                _ => {
                    let url = url.to_text();
                    if rng.chance(1, 2) {
                        let section = format!(r#"{{"networkProxy": {url}}}"#);
                        set_root_member(tree, "runtimeConfig", Some(parse(&section)), "proxy")
                    } else {
                        let section =
                            format!(r#"{{"defaultPolicy": "allow", "proxy": {{"url": {url}}}}}"#);
                        set_root_member(tree, "network", Some(parse(&section)), "proxy")
                    }
                }
            }
        }
        Op::Nest => {
            let path = pick_path(tree, rng, |_, node| matches!(node, Json::Obj(_)))?;
            let depth = *rng.pick(&[
                2usize, 16, 64, 100, 120, 125, 126, 127, 128, 129, 200, 255, 256, 257, 300,
            ])?;
            let key =
                (*rng.pick(&["_comment", "foo", "experimental", "test", "network"])?).to_owned();
            let mut value = Json::Num("1".to_owned());
            let arrays = rng.chance(1, 2);
            for _ in 0..depth {
                value = if arrays {
                    Json::Arr(vec![value])
                } else {
                    Json::Obj(vec![("a".to_owned(), value)])
                };
            }
            let Json::Obj(members) = json::get_mut(tree, &path)? else {
                return None;
            };
            members.push((key.clone(), value));
            let kind = if arrays { "arrays" } else { "objects" };
            Some(format!(
                "nest {}/{key} {depth} {kind} (at depth {})",
                json::path_text(&path),
                path.len() + 1
            ))
        }
        Op::UnknownKey => {
            let path = pick_path(tree, rng, |_, node| matches!(node, Json::Obj(_)))?;
            let key = (*rng.pick(pools::UNKNOWN_KEYS)?).to_owned();
            let value = match rng.below(4) {
                0 => Json::Obj(Vec::new()),
                1 => Json::Str("x".to_owned()),
                2 => Json::Num("1".to_owned()),
                _ => Json::Null,
            };
            let described = short(&value);
            let Json::Obj(members) = json::get_mut(tree, &path)? else {
                return None;
            };
            let at = rng.below(members.len() + 1);
            members.insert(at, (key.clone(), value));
            Some(format!(
                "unknown-key {}/{key} {described}",
                json::path_text(&path).trim_end_matches('/')
            ))
        }
        Op::Section => {
            let (key, text) = *rng.pick(pools::SECTIONS)?;
            set_root_member(tree, key, Some(parse(text)), "section")
        }
        Op::Graft => graft(tree, seeds, rng),
        Op::Sequence => {
            let path = pick_path(tree, rng, |path, node| {
                !path.is_empty() && matches!(node, Json::Obj(m) if !m.is_empty())
                    || matches!(node, Json::Arr(items) if items.len() == 1)
            })?;
            let value = match json::get(tree, &path)? {
                Json::Obj(members) => Json::Arr(members.iter().map(|(_, v)| v.clone()).collect()),
                Json::Arr(items) => items.first()?.clone(),
                _ => return None,
            };
            replace(tree, &path, value, "sequence")
        }
        Op::Bool => {
            let path = pick_leaf(tree, rng, |n| matches!(n, Json::Bool(_)))?;
            let value = match json::get(tree, &path)? {
                Json::Bool(b) if rng.chance(2, 3) => Json::Bool(!b),
                Json::Bool(b) => Json::Str(b.to_string()),
                _ => Json::Bool(rng.chance(1, 2)),
            };
            replace(tree, &path, value, "bool")
        }
        Op::Elements => {
            let path = pick_path(
                tree,
                rng,
                |_, node| matches!(node, Json::Arr(items) if !items.is_empty()),
            )?;
            let Json::Arr(items) = json::get_mut(tree, &path)? else {
                return None;
            };
            let what = match rng.below(3) {
                0 => {
                    let i = rng.below(items.len());
                    let copy = items.get(i)?.clone();
                    items.insert(i, copy);
                    "duplicate"
                }
                1 => {
                    items.reverse();
                    "reverse"
                }
                _ => {
                    let filler = match rng.below(3) {
                        0 => Json::Null,
                        1 => Json::Obj(Vec::new()),
                        _ => Json::Str(String::new()),
                    };
                    items.push(filler);
                    "append-filler"
                }
            };
            Some(format!("elements {} {what}", json::path_text(&path)))
        }
        Op::Escape => {
            let path = pick_leaf(tree, rng, |n| matches!(n, Json::Str(_)))?;
            let raw = *rng.pick(&[
                r#""\ud800""#,
                r#""x\udc00""#,
                r#""\u0000""#,
                r#""a\/b""#,
                r#""\ud83d\ude00""#,
                r#""\u00e9""#,
                r#""/tmp\u0009x""#,
            ])?;
            replace(tree, &path, Json::Raw(raw.to_owned()), "escape")
        }
    }
}

/// Replaces the node at `path` and describes the change.
fn replace(tree: &mut Json, path: &[Step], value: Json, op: &str) -> Option<String> {
    let described = short(&value);
    *json::get_mut(tree, path)? = value;
    Some(format!("{op} {} {described}", json::path_text(path)))
}

/// Sets, inserts or (with `None`) removes a top-level member.
fn set_root_member(tree: &mut Json, key: &str, value: Option<Json>, op: &str) -> Option<String> {
    let Json::Obj(members) = tree else {
        return None;
    };
    let described = value.as_ref().map_or_else(|| "removed".to_owned(), short);
    match (members.iter().position(|(k, _)| k == key), value) {
        (Some(i), Some(value)) => members.get_mut(i)?.1 = value,
        (None, Some(value)) => members.push((key.to_owned(), value)),
        (Some(i), None) => {
            members.remove(i);
        }
        (None, None) => return None,
    }
    Some(format!("{op} /{key} {described}"))
}

/// A uniformly chosen path whose node satisfies `keep`.
fn pick_path(tree: &Json, rng: &mut Rng, keep: impl Fn(&Path, &Json) -> bool) -> Option<Path> {
    let candidates: Vec<Path> = json::paths(tree)
        .into_iter()
        .filter(|path| json::get(tree, path).is_some_and(|node| keep(path, node)))
        .collect();
    rng.pick(&candidates).cloned()
}

/// A leaf of the preferred kind when there is one (mostly), else any non-root path.
fn pick_leaf(tree: &Json, rng: &mut Rng, preferred: impl Fn(&Json) -> bool) -> Option<Path> {
    if rng.chance(4, 5)
        && let Some(path) = pick_path(tree, rng, |_, node| preferred(node))
    {
        return Some(path);
    }
    pick_path(tree, rng, |path, _| !path.is_empty())
}

/// The value in another type than `value`.
fn retyped(value: &Json, rng: &mut Rng) -> Json {
    let options = [
        Json::Null,
        Json::Bool(true),
        Json::Bool(false),
        Json::Num("1".to_owned()),
        Json::Num("0".to_owned()),
        Json::Str(match value {
            Json::Num(n) => n.clone(),
            Json::Bool(b) => b.to_string(),
            Json::Str(s) => s.clone(),
            _ => "x".to_owned(),
        }),
        Json::Arr(Vec::new()),
        Json::Arr(vec![value.clone()]),
        Json::Obj(Vec::new()),
        Json::Obj(vec![("value".to_owned(), value.clone())]),
    ];
    let others: Vec<&Json> = options
        .iter()
        .filter(|o| o.kind() != value.kind() || matches!(o, Json::Arr(_) | Json::Obj(_)))
        .collect();
    rng.pick(&others).map_or(Json::Null, |o| (*o).clone())
}

/// A near miss of a key, or another section's key.
fn rename(key: &str, rng: &mut Rng) -> String {
    match rng.below(9) {
        0 => key.to_lowercase(),
        1 => {
            let mut chars = key.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        }
        2 => key
            .chars()
            .flat_map(|c| {
                let lower: Vec<char> = c.to_lowercase().collect();
                if c.is_uppercase() {
                    std::iter::once('_').chain(lower).collect::<Vec<_>>()
                } else {
                    lower
                }
            })
            .collect(),
        3 => format!("{key}s"),
        4 => key
            .chars()
            .take(key.chars().count().saturating_sub(1))
            .collect(),
        5 => format!("_{key}"),
        6 => format!("{key} "),
        _ => rng
            .pick(pools::KNOWN_KEYS)
            .map_or_else(|| key.to_owned(), |k| (*k).to_owned()),
    }
}

/// Puts a member of another seed where a member of the same name (under a parent of the same
/// name) is or could be: sections move between versions this way.
fn graft(tree: &mut Json, seeds: &[Seed], rng: &mut Rng) -> Option<String> {
    let donor = &rng.pick(seeds)?.tree;
    let path = pick_path(donor, rng, |path, _| {
        matches!(path.last(), Some(Step::Member(..)))
    })?;
    let (last, parent) = path.split_last()?;
    let Step::Member(_, key) = last else {
        return None;
    };
    let value = json::get(donor, &path)?.clone();
    let parent_key = json::last_key(parent).map(str::to_owned);
    let targets: Vec<Path> = json::paths(tree)
        .into_iter()
        .filter(|p| {
            matches!(json::get(tree, p), Some(Json::Obj(_)))
                && json::last_key(p).map(str::to_owned) == parent_key
                && p.len() == parent.len()
        })
        .collect();
    let target = rng.pick(&targets)?.clone();
    let described = short(&value);
    let Json::Obj(members) = json::get_mut(tree, &target)? else {
        return None;
    };
    match members.iter().position(|(k, _)| k == key) {
        Some(i) => members.get_mut(i)?.1 = value,
        None => members.push((key.clone(), value)),
    }
    let at = json::path_text(&target);
    Some(format!(
        "graft {}/{key} {described}",
        at.trim_end_matches('/')
    ))
}

/// A change to the text itself.
fn text_change(text: &str, rng: &mut Rng) -> (&'static str, String) {
    match rng.below(6) {
        0 => ("bom", format!("\u{feff}{text}")),
        1 => ("trailing-garbage", format!("{text} x")),
        2 => ("trailing-whitespace", format!("{text}\n\t \n")),
        3 => ("leading-whitespace", format!(" \r\n{text}")),
        4 => ("comment", format!("// c\n{text}")),
        _ => ("second-value", format!("{text}{{}}")),
    }
}

fn parse(text: &str) -> Json {
    serde_json::from_str::<serde_json::Value>(text)
        .map_or_else(|_| Json::Raw(text.to_owned()), |v| Json::from_value(&v))
}

/// The text of a value, cut to 160 characters for descriptions.
fn short(value: &Json) -> String {
    let text = value.to_text();
    if text.chars().count() > 160 {
        let cut: String = text.chars().take(157).collect();
        format!("{cut}...")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mutants_are_deterministic_and_varied() {
        let seeds = vec![Seed {
            name: "s".to_owned(),
            tree: parse(
                r#"{"version": "0.8.0-alpha", "process": {"commandLine": "true", "timeout": 5}}"#,
            ),
        }];
        let first: Vec<String> = (0..200)
            .map(|i| generate(&seeds, &[0], 7, i).text)
            .collect();
        let again: Vec<String> = (0..200)
            .map(|i| generate(&seeds, &[0], 7, i).text)
            .collect();
        assert_eq!(first, again);
        let distinct: std::collections::BTreeSet<&String> = first.iter().collect();
        assert!(
            distinct.len() > 150,
            "only {} distinct mutants",
            distinct.len()
        );
        assert!(first.iter().all(|t| !t.contains("\"phase\"")));
    }
}
