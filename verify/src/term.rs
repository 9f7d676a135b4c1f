//! A small, z3-free term factory: booleans and fixed-width bit-vectors.
//!
//! Terms live in an arena and are hash-consed, so building the same sub-term twice costs one
//! lookup. Children always precede their parents in the arena, which lets the solver translate
//! a term without recursion. Only quantifier-free bit-vector constructs exist here.

use std::collections::HashMap;

/// A handle to a term in a [`Terms`] arena.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Term(u32);

impl Term {
    /// The position of the term in its arena.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// One node of the arena. Bit-vector widths are at most 128.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Node {
    Bool(bool),
    BoolVar(String),
    BvVar {
        name: String,
        width: u32,
    },
    BvConst {
        value: u128,
        width: u32,
    },
    Not(Term),
    And(Vec<Term>),
    Or(Vec<Term>),
    /// A boolean if-then-else.
    Ite(Term, Term, Term),
    /// Bit-vector equality.
    Eq(Term, Term),
    /// Unsigned bit-vector `<=`.
    Ule(Term, Term),
    /// A bit-vector if-then-else (the condition is boolean).
    BvIte(Term, Term, Term),
    /// A binary bit-vector operation on operands of one width.
    BvOp(BvOp, Term, Term),
}

/// Binary bit-vector operations (the cBPF ALU).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BvOp {
    And,
    Or,
    Xor,
    Add,
    Sub,
    Mul,
    /// Shift left; a shift by the width or more gives 0.
    Shl,
    /// Logical shift right; a shift by the width or more gives 0.
    Lshr,
}

/// The arena of terms of one query.
#[derive(Clone, Debug, Default)]
pub struct Terms {
    nodes: Vec<Node>,
    index: HashMap<Node, Term>,
}

/// The all-ones value of a width.
pub fn max_of(width: u32) -> u128 {
    if width >= 128 {
        u128::MAX
    } else {
        (1u128 << width) - 1
    }
}

impl Terms {
    pub fn new() -> Terms {
        Terms::default()
    }

    /// The node behind a term.
    pub fn node(&self, t: Term) -> Option<&Node> {
        self.nodes.get(t.index())
    }

    /// All nodes in creation order (children before parents).
    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    fn intern(&mut self, node: Node) -> Term {
        if let Some(t) = self.index.get(&node) {
            return *t;
        }
        let t = Term(u32::try_from(self.nodes.len()).unwrap_or(u32::MAX));
        self.nodes.push(node.clone());
        self.index.insert(node, t);
        t
    }

    pub fn tt(&mut self) -> Term {
        self.intern(Node::Bool(true))
    }

    pub fn ff(&mut self) -> Term {
        self.intern(Node::Bool(false))
    }

    pub fn bool(&mut self, b: bool) -> Term {
        self.intern(Node::Bool(b))
    }

    pub fn bool_var(&mut self, name: &str) -> Term {
        self.intern(Node::BoolVar(name.to_owned()))
    }

    pub fn bv_var(&mut self, name: &str, width: u32) -> Term {
        self.intern(Node::BvVar {
            name: name.to_owned(),
            width,
        })
    }

    pub fn bv(&mut self, value: u128, width: u32) -> Term {
        self.intern(Node::BvConst {
            value: value & max_of(width),
            width,
        })
    }

    /// The constant value of a boolean term, if it is one.
    pub fn as_bool(&self, t: Term) -> Option<bool> {
        match self.node(t) {
            Some(Node::Bool(b)) => Some(*b),
            _ => None,
        }
    }

    fn as_bv(&self, t: Term) -> Option<(u128, u32)> {
        match self.node(t) {
            Some(Node::BvConst { value, width }) => Some((*value, *width)),
            _ => None,
        }
    }

    /// The width of a bit-vector term (0 for booleans).
    pub fn width(&self, t: Term) -> u32 {
        match self.node(t) {
            Some(Node::BvVar { width, .. } | Node::BvConst { width, .. }) => *width,
            Some(Node::BvIte(_, t, _) | Node::BvOp(_, t, _)) => {
                let t = *t;
                self.width(t)
            }
            _ => 0,
        }
    }

    pub fn not(&mut self, a: Term) -> Term {
        match self.node(a) {
            Some(Node::Bool(b)) => {
                let b = !*b;
                self.bool(b)
            }
            Some(Node::Not(inner)) => *inner,
            _ => self.intern(Node::Not(a)),
        }
    }

    pub fn and(&mut self, parts: impl IntoIterator<Item = Term>) -> Term {
        let mut kept = Vec::new();
        for p in parts {
            match self.as_bool(p) {
                Some(true) => {}
                Some(false) => return self.ff(),
                None => kept.push(p),
            }
        }
        kept.sort_unstable();
        kept.dedup();
        match kept.as_slice() {
            [] => self.tt(),
            [one] => *one,
            _ => self.intern(Node::And(kept)),
        }
    }

    pub fn or(&mut self, parts: impl IntoIterator<Item = Term>) -> Term {
        let mut kept = Vec::new();
        for p in parts {
            match self.as_bool(p) {
                Some(false) => {}
                Some(true) => return self.tt(),
                None => kept.push(p),
            }
        }
        kept.sort_unstable();
        kept.dedup();
        match kept.as_slice() {
            [] => self.ff(),
            [one] => *one,
            _ => self.intern(Node::Or(kept)),
        }
    }

    pub fn implies(&mut self, a: Term, b: Term) -> Term {
        let na = self.not(a);
        self.or([na, b])
    }

    pub fn ite(&mut self, c: Term, t: Term, e: Term) -> Term {
        match self.as_bool(c) {
            Some(true) => return t,
            Some(false) => return e,
            None => {}
        }
        if t == e {
            return t;
        }
        match (self.as_bool(t), self.as_bool(e)) {
            (Some(true), Some(false)) => c,
            (Some(false), Some(true)) => self.not(c),
            (Some(true), None) => self.or([c, e]),
            (Some(false), None) => {
                let nc = self.not(c);
                self.and([nc, e])
            }
            (None, Some(false)) => self.and([c, t]),
            (None, Some(true)) => {
                let nc = self.not(c);
                self.or([nc, t])
            }
            _ => self.intern(Node::Ite(c, t, e)),
        }
    }

    pub fn eq(&mut self, a: Term, b: Term) -> Term {
        if a == b {
            return self.tt();
        }
        if let (Some((x, _)), Some((y, _))) = (self.as_bv(a), self.as_bv(b)) {
            return self.bool(x == y);
        }
        self.intern(Node::Eq(a, b))
    }

    pub fn ule(&mut self, a: Term, b: Term) -> Term {
        if a == b {
            return self.tt();
        }
        match (self.as_bv(a), self.as_bv(b)) {
            (Some((x, _)), Some((y, _))) => self.bool(x <= y),
            (Some((0, _)), None) => self.tt(),
            (None, Some((y, w))) if y == max_of(w) => self.tt(),
            _ => self.intern(Node::Ule(a, b)),
        }
    }

    /// A bit-vector if-then-else.
    pub fn bv_ite(&mut self, c: Term, t: Term, e: Term) -> Term {
        match self.as_bool(c) {
            Some(true) => t,
            Some(false) => e,
            None if t == e => t,
            None => self.intern(Node::BvIte(c, t, e)),
        }
    }

    /// A binary bit-vector operation, folded when both operands are constants.
    pub fn bv_op(&mut self, op: BvOp, a: Term, b: Term) -> Term {
        if let (Some((x, w)), Some((y, _))) = (self.as_bv(a), self.as_bv(b)) {
            let m = max_of(w);
            let v = match op {
                BvOp::And => x & y,
                BvOp::Or => x | y,
                BvOp::Xor => x ^ y,
                BvOp::Add => x.wrapping_add(y),
                BvOp::Sub => x.wrapping_sub(y),
                BvOp::Mul => x.wrapping_mul(y),
                BvOp::Shl => u32::try_from(y)
                    .ok()
                    .filter(|s| *s < w)
                    .map_or(0, |s| x << s),
                BvOp::Lshr => u32::try_from(y)
                    .ok()
                    .filter(|s| *s < w)
                    .map_or(0, |s| x >> s),
            };
            return self.bv(v & m, w);
        }
        self.intern(Node::BvOp(op, a, b))
    }

    /// `x == value`.
    pub fn eq_const(&mut self, x: Term, value: u128) -> Term {
        let w = self.width(x);
        let c = self.bv(value, w);
        self.eq(x, c)
    }

    /// `lo <= x <= hi`, unsigned.
    pub fn in_range(&mut self, x: Term, lo: u128, hi: u128) -> Term {
        if lo > hi {
            return self.ff();
        }
        if lo == hi {
            return self.eq_const(x, lo);
        }
        let w = self.width(x);
        if lo == 0 && hi >= max_of(w) {
            return self.tt();
        }
        // An aligned power-of-two block (every CIDR) is a prefix equality, which bit-blasts to
        // a conjunction of literals instead of two comparator chains.
        let size = hi.wrapping_sub(lo).wrapping_add(1);
        if size != 0 && size.is_power_of_two() && lo & (size - 1) == 0 {
            let mask = max_of(w) & !(size - 1);
            let m = self.bv(mask, w);
            let masked = self.bv_op(BvOp::And, x, m);
            return self.eq_const(masked, lo);
        }
        let l = self.bv(lo, w);
        let h = self.bv(hi, w);
        let above = self.ule(l, x);
        let below = self.ule(x, h);
        self.and([above, below])
    }

    /// The variables of the arena, in creation order: `(name, width)`, width 0 for booleans.
    pub fn vars(&self) -> Vec<(String, u32)> {
        self.nodes
            .iter()
            .filter_map(|n| match n {
                Node::BoolVar(name) => Some((name.clone(), 0)),
                Node::BvVar { name, width } => Some((name.clone(), *width)),
                _ => None,
            })
            .collect()
    }
}

/// Concrete values for the variables of a query, as found by a solver.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Assignment {
    pub values: HashMap<String, u128>,
}

impl Assignment {
    /// The value of a variable; variables the model leaves free are 0 (false).
    pub fn get(&self, name: &str) -> u128 {
        self.values.get(name).copied().unwrap_or(0)
    }

    pub fn flag(&self, name: &str) -> bool {
        self.get(name) != 0
    }
}
