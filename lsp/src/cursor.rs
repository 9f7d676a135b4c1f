//! What is at the cursor: a key, a value, or a place to type one, with the path of keys and
//! array indices that leads there.

use crate::loose::{Kind, Member, Node};

/// One step of a path from the root.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Seg {
    Key(String),
    Index(usize),
}

/// How an offset between two characters is attributed to the token it touches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Bias {
    /// The character after the offset (hover: the mouse is over a character).
    Hover,
    /// The character before the offset (completion: the cursor follows what was typed).
    Typing,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Place<'a> {
    /// On the key of an existing member; `path` leads to the object.
    Key {
        path: Vec<Seg>,
        object: &'a Node,
        member: &'a Member,
    },
    /// Between members of an object, where a new key can be typed; `path` leads to the
    /// object.
    NewKey {
        path: Vec<Seg>,
        object: &'a Node,
    },
    /// On a scalar value, or where a value can be typed; `path` leads to the value.
    Value {
        path: Vec<Seg>,
        node: Option<&'a Node>,
    },
    Outside,
}

/// Finds what is at `offset` in the tree.
pub(crate) fn locate<'a>(text: &str, root: &'a Node, offset: usize, bias: Bias) -> Place<'a> {
    let mut path = Vec::new();
    let mut node = root;
    if !inside(node, offset, bias) {
        return Place::Outside;
    }
    // Descends iteratively; each round either returns or moves to a child.
    loop {
        match &node.kind {
            Kind::Object(members) => {
                let mut next = None;
                for (i, member) in members.iter().enumerate() {
                    if on_key(member, offset, bias) {
                        return Place::Key {
                            path,
                            object: node,
                            member,
                        };
                    }
                    if let Some(value) = &member.value
                        && inside(value, offset, bias)
                    {
                        next = Some((Seg::Key(member.key.clone()), value));
                        break;
                    }
                    if let Some(colon) = member.colon
                        && offset > colon
                    {
                        let limit = match &member.value {
                            Some(v) => v.start,
                            None => members.get(i + 1).map_or(node.end, |m| m.key_start),
                        };
                        let gap = text.get(colon + 1..offset).unwrap_or(",");
                        if offset <= limit && !gap.contains(',') {
                            path.push(Seg::Key(member.key.clone()));
                            return Place::Value { path, node: None };
                        }
                    }
                }
                match next {
                    Some((seg, child)) => {
                        path.push(seg);
                        node = child;
                    }
                    None => return Place::NewKey { path, object: node },
                }
            }
            Kind::Array(items) => match items.iter().position(|item| inside(item, offset, bias)) {
                Some(i) => {
                    path.push(Seg::Index(i));
                    node = match items.get(i) {
                        Some(item) => item,
                        None => return Place::Outside,
                    };
                }
                None => {
                    let index = items.iter().filter(|item| item.end <= offset).count();
                    path.push(Seg::Index(index));
                    return Place::Value { path, node: None };
                }
            },
            Kind::String(_) | Kind::Scalar(_) => {
                return Place::Value {
                    path,
                    node: Some(node),
                };
            }
        }
    }
}

/// Whether the offset is inside a node: strictly between its brackets or quotes, or on a
/// scalar word.
fn inside(node: &Node, offset: usize, bias: Bias) -> bool {
    let open_end = !node.closed && offset == node.end;
    match (&node.kind, bias) {
        (Kind::Scalar(_), Bias::Hover) => node.start <= offset && offset < node.end,
        (Kind::Scalar(_), Bias::Typing) => node.start < offset && offset <= node.end,
        (Kind::String(_), Bias::Hover) => node.start <= offset && (offset < node.end || open_end),
        _ => node.start < offset && (offset < node.end || open_end),
    }
}

fn on_key(member: &Member, offset: usize, bias: Bias) -> bool {
    let open_end = !member.key_closed && offset == member.key_end;
    match bias {
        Bias::Hover => member.key_start <= offset && (offset < member.key_end || open_end),
        Bias::Typing => member.key_start < offset && (offset < member.key_end || open_end),
    }
}

/// The node a path leads to.
pub(crate) fn follow<'a>(root: &'a Node, path: &[Seg]) -> Option<&'a Node> {
    let mut node = root;
    for seg in path {
        node = match seg {
            Seg::Key(key) => node.get(key)?,
            Seg::Index(i) => node.items().get(*i)?,
        };
    }
    Some(node)
}
