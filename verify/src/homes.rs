//! Symbolic roots in proofs: `~` and `$TMPDIR` range over concrete directories.
//!
//! A policy may name the same directory twice: `~/.ssh` and `/home/dev/.ssh` are one path when
//! the sandboxed user is `dev`, and a grant of `/home` covers every user's `~/.ssh`. Treating
//! [`ir::Root::Home`] as a root of its own would prove `never read ~/.ssh` for a policy that
//! makes all of `/home` writable, which is unsound (research §7.1, last bullet).
//!
//! A query is therefore answered once per *instance*: a concrete home directory (and the
//! temporary directory it implies), substituted for `~` and `$TMPDIR` in every side before
//! regions are built. Every witness is then a concrete path, and `ir::decide` replays it on the
//! instantiated policies, which is what the policy means for that user; the oracle is unchanged.
//!
//! Which homes are enough. A home is `/home/<u>` or `/root` on Linux, `/Users/<u>` on macOS and
//! `<drive>:\Users\<u>` on Windows. How the sides decide a path under home `h` depends only on
//! which concrete literals are ancestors-or-self of `h` and which lie under `h` (the
//! instantiated literals sit under `h` at the same relative places for every `h`). So the
//! candidates are:
//! - every home some concrete literal is or lies under (`/home/dev/.ssh` gives `/home/dev`);
//! - one fresh home per home parent (`/home/user`, `/root`, `/Users/user`, `C:\Users\user`),
//!   whose name no literal uses, standing for every other user.
//!
//! Two fresh candidates with no literal at or under them and the same ancestor literals are
//! isomorphic (swapping their subtrees maps every path of one onto the other and keeps every
//! rule's match), so only the first is kept. A query that mentions no symbolic root is answered
//! once, unchanged. The property is "for every user": a query is proved only when every
//! instance proves it, and the findings of every refuting instance are reported.
//!
//! The temporary directory is taken to be the platform default for the instance: `/tmp` on
//! Linux, a per-user folder under `/private/var/folders` on macOS and
//! `<home>\AppData\Local\Temp` on Windows. A `TMPDIR` the user overrides is outside the proof
//! (the executor sets it). String-prefix literals (SBPL `prefix`) directly under a home parent
//! are not split further: a fresh home is named so that no such prefix matches it.

use std::collections::BTreeSet;

use ir::model::{FsModel, path_key};
use ir::{CanonPath, PathStyle, Policy, Root};

use crate::engine::Options;
use crate::finding::Outcome;
use crate::obligation::{Obligation, Run};
use crate::side::{Model, Side};
use crate::space::Space;

/// One choice of the user's directories.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Instance {
    pub home: CanonPath,
    pub temp: CanonPath,
}

/// The homes a query must consider, or `None` when no literal has a symbolic home or temporary
/// root (the query is then answered as it is).
pub fn candidates(
    style: PathStyle,
    literals: &[CanonPath],
    prefixes: &[CanonPath],
) -> Option<Vec<Instance>> {
    let symbolic = literals
        .iter()
        .chain(prefixes)
        .any(|p| matches!(p.root, Root::Home | Root::Temp));
    if !symbolic {
        return None;
    }
    let concrete: Vec<&CanonPath> = literals
        .iter()
        .chain(prefixes)
        .filter(|p| !p.root.is_symbolic())
        .collect();
    let mut homes: Vec<CanonPath> = Vec::new();
    let mut seen: BTreeSet<(Root, Vec<String>)> = BTreeSet::new();
    let mut names: BTreeSet<String> = BTreeSet::new();
    for l in &concrete {
        if let Some(h) = home_of(style, l) {
            if let Some(name) = h.components.last() {
                names.insert(name.clone());
            }
            if seen.insert((h.root.clone(), h.components.clone())) {
                homes.push(h);
            }
        }
    }
    homes.sort();
    let taken = |name: &str| {
        names.contains(name)
            || prefixes
                .iter()
                .filter_map(|p| p.components.last())
                .any(|last| name.starts_with(last.as_str()))
    };
    let fresh = crate::names::fresh("user", taken);
    let fresh_raws: Vec<String> = if style.windows {
        vec![format!(r"C:\Users\{fresh}")]
    } else if style.macos {
        vec![format!("/Users/{fresh}")]
    } else {
        vec![format!("/home/{fresh}"), "/root".to_owned()]
    };
    for raw in fresh_raws {
        let h = CanonPath::parse(&raw, style).path;
        if !seen.contains(&(h.root.clone(), h.components.clone())) {
            let isomorphic = homes.iter().any(|other| {
                !concrete.iter().any(|l| l.starts_with(other))
                    && !concrete.iter().any(|l| l.starts_with(&h))
                    && ancestors(&concrete, other) == ancestors(&concrete, &h)
            });
            if !isomorphic {
                seen.insert((h.root.clone(), h.components.clone()));
                homes.push(h);
            }
        }
    }
    Some(
        homes
            .into_iter()
            .map(|home| Instance {
                temp: temp_of(style, &home),
                home,
            })
            .collect(),
    )
}

/// The concrete literals that are strict ancestors of `h`, as comparison keys.
fn ancestors(concrete: &[&CanonPath], h: &CanonPath) -> BTreeSet<(Root, String)> {
    concrete
        .iter()
        .filter(|l| h.is_strictly_under(l))
        .map(|l| (l.root.clone(), path_key(l)))
        .collect()
}

/// The home directory a concrete path is or lies under, if any.
fn home_of(style: PathStyle, path: &CanonPath) -> Option<CanonPath> {
    let first = path.components.first().map(String::as_str);
    let depth = match (&path.root, first) {
        (Root::Posix, Some("home")) if !style.windows && !style.macos => 2,
        (Root::Posix, Some("root")) if !style.windows && !style.macos => 1,
        (Root::Posix, Some("users" | "Users")) if style.macos => 2,
        (Root::Drive(_), Some("users")) if style.windows => 2,
        _ => return None,
    };
    if path.depth() < depth {
        return None;
    }
    let mut h = path.clone();
    while h.depth() > depth {
        h = h.parent(style)?;
    }
    Some(h)
}

/// The default temporary directory of a user.
fn temp_of(style: PathStyle, home: &CanonPath) -> CanonPath {
    if style.windows {
        let local = home.join("AppData", style).join("Local", style);
        local.join("Temp", style)
    } else if style.macos {
        let user = home.components.last().map_or("user", String::as_str);
        CanonPath::parse(&format!("/private/var/folders/{user}/T"), style).path
    } else {
        CanonPath::parse("/tmp", style).path
    }
}

/// A path with `~` and `$TMPDIR` replaced by the instance's directories.
pub fn path(p: &CanonPath, inst: &Instance, style: PathStyle) -> CanonPath {
    let base = match p.root {
        Root::Home => &inst.home,
        Root::Temp => &inst.temp,
        _ => return p.clone(),
    };
    // The display form is the root's spelling, then the components separated as on the
    // platform; everything after the first separator is the relative part.
    let rest = p
        .display
        .find(['/', '\\'])
        .and_then(|i| p.display.get(i..))
        .unwrap_or("");
    CanonPath::parse(&format!("{}{rest}", base.display), style).path
}

/// A policy with every filesystem literal instantiated.
pub fn policy(p: &Policy, inst: &Instance, style: PathStyle) -> Policy {
    let mut out = p.clone();
    for r in &mut out.filesystem.rules {
        r.path = path(&r.path, inst, style);
    }
    out
}

/// A model with every filesystem literal instantiated.
pub fn model(m: &Model, inst: &Instance, style: PathStyle) -> Model {
    let mut out = m.clone();
    if let ir::model::Domain::Enforced(fs) = &mut out.fs {
        fs_model(fs, inst, style);
    }
    out
}

fn fs_model(fs: &mut FsModel, inst: &Instance, style: PathStyle) {
    match fs {
        FsModel::Ordered { rules, .. } => {
            for r in rules {
                r.path = path(&r.path, inst, style);
            }
        }
        FsModel::Layers(layers) => {
            for r in layers.iter_mut().flat_map(|l| l.rules.iter_mut()) {
                r.path = path(&r.path, inst, style);
            }
        }
        FsModel::All(models) => {
            for m in models {
                fs_model(m, inst, style);
            }
        }
    }
}

/// A side with its literals instantiated, owning what it refers to.
enum Owned {
    Policy(Box<Policy>, ir::Mode),
    Model(Model),
    All(Vec<Model>),
}

impl Owned {
    fn of(side: &Side<'_>, inst: &Instance, style: PathStyle) -> Owned {
        match side {
            Side::Policy { policy: p, mode } => {
                Owned::Policy(Box::new(policy(p, inst, style)), *mode)
            }
            Side::Model(m) => Owned::Model(model(m, inst, style)),
            Side::All(ms) => Owned::All(ms.iter().map(|m| model(m, inst, style)).collect()),
        }
    }

    fn side(&self) -> Side<'_> {
        match self {
            Owned::Policy(policy, mode) => Side::Policy {
                policy,
                mode: *mode,
            },
            Owned::Model(m) => Side::Model(m),
            Owned::All(ms) => Side::All(ms),
        }
    }
}

/// Runs an obligation for every instance of the symbolic roots and merges the results: refuted
/// when any instance is refuted (with the findings of all of them), else unknown when any is
/// unknown, else proved. Every undecided domain of every instance is listed in `unknown`
/// either way.
pub fn run(style: PathStyle, ob: &Obligation<'_>, opts: &Options) -> Run {
    let sides = [ob.left, ob.right];
    let mut literals = Vec::new();
    let mut prefixes = Vec::new();
    for s in &sides {
        s.fs_literals(&mut literals, &mut prefixes);
    }
    let Some(mut instances) = candidates(style, &literals, &prefixes) else {
        let space = Space::build(style, &sides);
        return crate::obligation::run(ob, &space, opts);
    };
    if let Some(home) = &opts.home {
        // The artifacts resolved `~` to this directory: it is the only user they are for.
        let home = CanonPath::parse(home, style).path;
        instances = vec![Instance {
            temp: temp_of(style, &home),
            home,
        }];
    }
    let mut findings = Vec::new();
    let mut unknown = Vec::new();
    let mut unknown_domains = Vec::new();
    let mut not_applicable = Vec::new();
    let mut internal_errors = Vec::new();
    for inst in &instances {
        let left = Owned::of(&ob.left, inst, style);
        let right = Owned::of(&ob.right, inst, style);
        let (l, r) = (left.side(), right.side());
        let space = Space::build(style, &[l, r]);
        let instantiated = Obligation {
            label: ob.label.clone(),
            left: l,
            right: r,
            relation: ob.relation,
            dims: ob.dims.clone(),
            prefer_solver: ob.prefer_solver,
            code: ob.code,
            severity: ob.severity,
            message: ob.message.clone(),
            other_role: ob.other_role.clone(),
        };
        let run = crate::obligation::run(&instantiated, &space, opts);
        internal_errors.extend(
            run.internal_errors
                .into_iter()
                .map(|e| format!("with home `{}`: {e}", inst.home)),
        );
        unknown_domains.extend(
            run.unknown
                .iter()
                .map(|u| format!("with home `{}`: {u}", inst.home)),
        );
        for na in run.not_applicable {
            if !not_applicable.contains(&na) {
                not_applicable.push(na);
            }
        }
        match run.outcome {
            Outcome::Proved => {}
            Outcome::Unknown(u) => unknown.push(format!("with home `{}`: {u}", inst.home)),
            Outcome::Refuted(fs) => {
                for f in fs {
                    if !findings.iter().any(|g: &crate::Finding| {
                        g.witness_text == f.witness_text && g.region == f.region
                    }) {
                        findings.push(f);
                    }
                }
            }
        }
    }
    let outcome = if !findings.is_empty() {
        Outcome::Refuted(findings)
    } else if !unknown.is_empty() {
        Outcome::Unknown(unknown.join("; "))
    } else {
        Outcome::Proved
    };
    Run {
        outcome,
        not_applicable,
        unknown: unknown_domains,
        internal_errors,
    }
}
