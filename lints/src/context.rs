//! What rules see: the policy, the lint settings, the metrics and the sensitive catalogue.

use std::collections::{BTreeMap, BTreeSet};

use ir::catalog::{self, Anchor, Kind};
use ir::fs::FsOp;
use ir::fs::index::FsIndex;
use ir::{CanonPath, Decision, Diagnostic, Mode, PathStyle, Policy, Root};

use crate::config::Config;
use crate::metrics::Metrics;

/// How the CLI asks for lints: the semantics, the configuration and the file being checked.
#[derive(Clone, Debug, Default)]
pub struct LintContext {
    /// `--strict`: deny-overrides everywhere; some findings become errors.
    pub strict: bool,
    pub config: Config,
    /// The checked file's path relative to the configuration file's directory, with `/`
    /// separators, for `per-file-ignores`; `None` applies no per-file ignore.
    pub path: Option<String>,
}

/// A sensitive location: a built-in catalogue entry or one the user added in `mxcc.toml`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Sensitive {
    pub id: String,
    pub kind: Kind,
    pub what: String,
    /// How the location is shown in messages.
    pub display: String,
    pub place: Place,
}

/// Where a sensitive location is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Place {
    Fixed(CanonPath),
    /// Components below every home directory.
    Home(Vec<String>),
    /// Components below every directory the policy grants.
    Workspace(Vec<String>),
}

/// Which catalogue entries a report covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Scope {
    /// Every entry of the requested kinds.
    All,
    /// Entries anchored at a fixed root or a home directory; per-workspace entries are left
    /// to MX3040.
    OutsideWorkspaces,
}

/// A component no policy path can contain (MXC rejects NUL), standing for "any other name".
pub(crate) const FRESH: &str = "\u{0}any";

/// The sensitive catalogue for a policy: built-in entries plus the user's secrets.
pub(crate) fn sensitive(policy: &Policy, config: &Config) -> Vec<Sensitive> {
    let platform = policy.platform;
    let style = platform.path_style();
    let mut out: Vec<Sensitive> = catalog::entries(platform)
        .map(|e| Sensitive {
            id: e.id.to_owned(),
            kind: e.kind,
            what: e.what.to_owned(),
            display: e.display(platform),
            place: match (&e.anchor, e.path(platform)) {
                (Anchor::Workspace, _) | (_, None) => {
                    Place::Workspace(e.parts.iter().map(|p| (*p).to_owned()).collect())
                }
                (Anchor::Home, Some(p)) => Place::Home(p.components),
                (Anchor::Root(_), Some(p)) => Place::Fixed(p),
            },
        })
        .collect();
    for raw in &config.secrets.paths {
        let canon = CanonPath::parse(raw, style).path;
        let place = match canon.root {
            Root::Home => Place::Home(canon.components.clone()),
            Root::Relative => Place::Workspace(canon.components.clone()),
            _ => Place::Fixed(canon.clone()),
        };
        out.push(Sensitive {
            id: format!("user:{raw}"),
            kind: Kind::Secret,
            what: "user-configured secret".to_owned(),
            display: raw.clone(),
            place,
        });
    }
    out
}

/// The rule context: everything a rule's `check` reads.
pub(crate) struct Cx<'a> {
    pub policy: &'a Policy,
    pub strict: bool,
    pub mode: Mode,
    pub style: PathStyle,
    pub metrics: &'a Metrics,
    pub sensitive: &'a [Sensitive],
    /// Homes and workspaces, computed once per policy (every rule and metric asks for them).
    pub cache: Cache,
}

/// Per-policy results that several rules share.
#[derive(Debug, Default)]
pub(crate) struct Cache {
    homes: std::cell::OnceCell<Vec<CanonPath>>,
    workspaces: std::cell::OnceCell<Vec<CanonPath>>,
    /// Instances of each sensitive location, by id.
    instances: std::cell::RefCell<std::collections::BTreeMap<String, Vec<CanonPath>>>,
    /// The path trie of the filesystem rules, for decisions in time proportional to a path's
    /// depth.
    fs_index: std::cell::OnceCell<FsIndex>,
    /// Instances of the shared temporary and profiles roots, and of the other non-workspace
    /// catalogue entries (volume roots left out), for [`Cx::is_workspace_base`].
    bases: std::cell::OnceCell<(BTreeSet<CanonPath>, BTreeSet<CanonPath>)>,
}

impl Cx<'_> {
    /// Where to report a Seatbelt switch that is on (explicitly or by its default), or `None`
    /// when the backend is not Seatbelt or the switch is off: the setting, else the section,
    /// else `containment`, else the whole policy.
    pub(crate) fn seatbelt_switch_on(
        &self,
        switch: impl Fn(&ir::policy::Seatbelt) -> ir::Setting<bool>,
        default: bool,
    ) -> Option<ir::Span> {
        if self.policy.backend() != ir::Backend::Seatbelt {
            return None;
        }
        let section = self.policy.seatbelt.as_ref();
        let setting = section.map_or(ir::Setting::default_value(default), switch);
        setting.value.then(|| {
            setting
                .span
                .or(section.map(|s| s.key.span))
                .or(self.policy.containment.requested.as_ref().map(|c| c.span))
                .unwrap_or(self.policy.span)
        })
    }

    /// The path trie of the policy's filesystem rules, built once.
    pub(crate) fn fs_index(&self) -> &FsIndex {
        self.cache
            .fs_index
            .get_or_init(|| FsIndex::new(&self.policy.filesystem.rules))
    }

    /// The reference decision for a filesystem operation under the context's semantics
    /// (`ir::decide`, answered through the path trie).
    pub(crate) fn decide_fs(&self, op: FsOp, path: &CanonPath) -> Decision {
        self.fs_index()
            .decide(&self.policy.filesystem.rules, op, path, self.mode)
    }

    /// The rule index that allows `op` on `path`, when one does.
    pub(crate) fn allowing_rule(&self, op: FsOp, path: &CanonPath) -> Option<usize> {
        let d = self.decide_fs(op, path);
        match (d.allowed, d.cause) {
            (true, ir::Cause::FsRule(i)) => Some(i),
            _ => None,
        }
    }

    pub(crate) fn join(&self, base: &CanonPath, parts: &[String]) -> CanonPath {
        parts
            .iter()
            .fold(base.clone(), |p, name| p.join(name, self.style))
    }

    /// Every home directory the policy can reach: the symbolic `~`, `/root`, and under each
    /// profile parent every user name the policy spells plus one fresh name.
    pub(crate) fn homes(&self) -> Vec<CanonPath> {
        self.cache
            .homes
            .get_or_init(|| self.compute_homes())
            .clone()
    }

    fn compute_homes(&self) -> Vec<CanonPath> {
        let platform = self.policy.platform;
        let mut out = vec![CanonPath::from_parts(Root::Home, Vec::new(), self.style)];
        out.extend(catalog::extra_homes(platform));
        for parent in catalog::profile_parents(platform) {
            let mut names: Vec<String> = vec![FRESH.to_owned()];
            for rule in &self.policy.filesystem.rules {
                if rule.path.is_strictly_under(&parent)
                    && let Some(name) = rule.path.components.get(parent.depth())
                {
                    names.push(name.clone());
                }
            }
            names.sort();
            names.dedup();
            for name in names {
                out.push(parent.join(&name, self.style));
            }
        }
        out
    }

    /// Concrete paths standing for a sensitive location, for `decide`.
    pub(crate) fn instances(&self, s: &Sensitive) -> Vec<CanonPath> {
        if let Some(hit) = self.cache.instances.borrow().get(&s.id) {
            return hit.clone();
        }
        let computed = self.compute_instances(s);
        self.cache
            .instances
            .borrow_mut()
            .insert(s.id.clone(), computed.clone());
        computed
    }

    fn compute_instances(&self, s: &Sensitive) -> Vec<CanonPath> {
        match &s.place {
            Place::Fixed(p) => vec![p.clone()],
            Place::Home(parts) => self.homes().iter().map(|h| self.join(h, parts)).collect(),
            Place::Workspace(parts) => self.workspace_instances(parts),
        }
    }

    /// A workspace entry below every workspace of the policy (see [`Cx::workspaces`]);
    /// `decide` then says whether each instance is reachable.
    fn workspace_instances(&self, parts: &[String]) -> Vec<CanonPath> {
        self.workspaces()
            .iter()
            .map(|w| self.join(w, parts))
            .collect()
    }

    /// The workspaces of the policy: the directories where per-repository entries (`.git`,
    /// `.env`, `.vscode`, `.mcp.json`, ...) are looked for. A workspace is
    /// - the `process.cwd`, or
    /// - the directory holding a per-workspace catalogue name in a path the policy lists in
    ///   any list (`/repo` for `/repo/.git/hooks`, `/repo/vendor/lib` for
    ///   `/repo/vendor/lib/.git`), which is how a policy says "this is a checkout",
    ///
    /// except volume roots, shared temporary and profiles roots, system directories, and
    /// directories inside a catalogued location (see [`Cx::is_workspace_base`]). Granted
    /// toolchains, caches, datasets and output directories are therefore not workspaces
    /// unless the policy runs the process there or names repository files in them.
    pub(crate) fn workspaces(&self) -> Vec<CanonPath> {
        self.cache
            .workspaces
            .get_or_init(|| self.compute_workspaces())
            .clone()
    }

    fn compute_workspaces(&self) -> Vec<CanonPath> {
        let names: Vec<String> = self
            .sensitive
            .iter()
            .filter_map(|s| match &s.place {
                Place::Workspace(parts) => parts.first().map(|p| self.key(p)),
                Place::Fixed(_) | Place::Home(_) => None,
            })
            .collect();
        let mut candidates: Vec<CanonPath> = Vec::new();
        if let Some(cwd) = &self.policy.process.cwd {
            candidates.push(cwd.value.clone());
        }
        for rule in &self.policy.filesystem.rules {
            let comps = &rule.path.components;
            if let Some(i) = comps.iter().position(|c| names.contains(&self.key(c))) {
                let mut base = Some(rule.path.clone());
                for _ in i..comps.len() {
                    base = base.and_then(|b| b.parent(self.style));
                }
                candidates.extend(base);
            }
        }
        let mut out: Vec<CanonPath> = Vec::new();
        let mut seen: BTreeSet<CanonPath> = BTreeSet::new();
        for c in candidates {
            if !seen.contains(&c) && self.is_workspace_base(&c) {
                seen.insert(c.clone());
                out.push(c);
            }
        }
        out
    }

    /// A path component as compared on the platform (lower-cased where names are
    /// case-insensitive).
    fn key(&self, name: &str) -> String {
        if self.style.case_insensitive {
            name.to_lowercase()
        } else {
            name.to_owned()
        }
    }

    /// True when a named directory can hold a workspace: not a volume root, a shared temporary
    /// or profiles root, or a system directory (`/usr`, `/etc`, `C:\\Windows`), and not inside a catalogued location such as `~/.aws`.
    fn is_workspace_base(&self, path: &CanonPath) -> bool {
        const SYSTEM: [&str; 18] = [
            "usr",
            "bin",
            "sbin",
            "lib",
            "lib32",
            "lib64",
            "libx32",
            "etc",
            "proc",
            "sys",
            "dev",
            "boot",
            "system",
            "library",
            "windows",
            "program files",
            "program files (x86)",
            "programdata",
        ];
        let first = path.components.first().map(|c| c.to_lowercase());
        let second = path.components.get(1).map(|c| c.to_lowercase());
        let system = !path.root.is_symbolic()
            && (first.as_deref().is_some_and(|f| SYSTEM.contains(&f))
                || (first.as_deref() == Some("private") && second.as_deref() == Some("etc")));
        let volume_root = path.is_root() && !path.root.is_symbolic();
        if system || volume_root {
            return false;
        }
        let (shared_roots, catalogued) = self.cache.bases.get_or_init(|| self.compute_bases());
        if shared_roots.contains(path) {
            return false;
        }
        // Inside a catalogued location: the path or one of its ancestors (a root excluded) is
        // an instance.
        let mut ancestor = CanonPath {
            root: path.root.clone(),
            components: Vec::with_capacity(path.components.len()),
            display: String::new(),
        };
        for name in &path.components {
            ancestor.components.push(name.clone());
            if catalogued.contains(&ancestor) {
                return false;
            }
        }
        true
    }

    fn compute_bases(&self) -> (BTreeSet<CanonPath>, BTreeSet<CanonPath>) {
        let mut shared_roots = BTreeSet::new();
        let mut catalogued = BTreeSet::new();
        for s in self.sensitive {
            if matches!(s.kind, Kind::TempRoot | Kind::ProfilesRoot) {
                shared_roots.extend(self.instances(s));
            } else if !matches!(s.place, Place::Workspace(_)) {
                catalogued.extend(self.instances(s).into_iter().filter(|p| !p.is_root()));
            }
        }
        (shared_roots, catalogued)
    }

    /// Sensitive entries of the given kinds on which `op` is allowed, grouped by the rule
    /// that allows it: rule index → (entry index into `self.sensitive`, shown path).
    /// Workspace entries are shown at the concrete path, others as catalogued (`~/.ssh`).
    pub(crate) fn exposed(
        &self,
        op: FsOp,
        kinds: &[Kind],
        scope: Scope,
    ) -> BTreeMap<usize, Vec<(usize, String)>> {
        let mut out: BTreeMap<usize, Vec<(usize, String)>> = BTreeMap::new();
        let mut seen: BTreeSet<(usize, usize, String)> = BTreeSet::new();
        for (ei, s) in self.sensitive.iter().enumerate() {
            let in_scope = match scope {
                Scope::All => true,
                Scope::OutsideWorkspaces => !matches!(s.place, Place::Workspace(_)),
            };
            if !kinds.contains(&s.kind) || !in_scope {
                continue;
            }
            for path in self.instances(s) {
                if let Some(ri) = self.allowing_rule(op, &path) {
                    let shown = match s.place {
                        Place::Workspace(_) => path.display.clone(),
                        Place::Fixed(_) | Place::Home(_) => s.display.clone(),
                    };
                    if seen.insert((ri, ei, shown.clone())) {
                        out.entry(ri).or_default().push((ei, shown));
                    }
                }
            }
        }
        out
    }

    /// Reports one finding per granting rule, listing the exposed entries.
    pub(crate) fn report_exposed(
        &self,
        meta: &crate::rule::RuleMeta,
        op: FsOp,
        kinds: &[Kind],
        verb: &str,
        help: &str,
        out: &mut Vec<Diagnostic>,
    ) {
        self.report_exposed_in(meta, op, kinds, Scope::All, verb, help, out);
    }

    /// Like [`Cx::report_exposed`], limited to the catalogue entries in `scope`.
    #[allow(
        clippy::too_many_arguments,
        reason = "the report wording is per rule; a struct would only rename the arguments"
    )]
    pub(crate) fn report_exposed_in(
        &self,
        meta: &crate::rule::RuleMeta,
        op: FsOp,
        kinds: &[Kind],
        scope: Scope,
        verb: &str,
        help: &str,
        out: &mut Vec<Diagnostic>,
    ) {
        for (ri, entries) in self.exposed(op, kinds, scope) {
            let Some(rule) = self.policy.filesystem.rules.get(ri) else {
                continue;
            };
            let mut names: Vec<String> = Vec::new();
            let mut seen: BTreeSet<String> = BTreeSet::new();
            for (ei, shown) in &entries {
                if let Some(s) = self.sensitive.get(*ei) {
                    let item = format!("`{shown}` ({})", s.what);
                    if seen.insert(item.clone()) {
                        names.push(item);
                    }
                }
            }
            let shown = list(&names, 4);
            out.push(
                meta.diagnostic(format!("`{}` makes {shown} {verb}", rule.raw))
                    .with_label(
                        rule.span,
                        format!("{} entry grants {}", rule.access.list_name(), op),
                    )
                    .with_help(help.to_owned()),
            );
        }
    }
}

/// The persistence targets one workspace exposes.
pub(crate) struct WorkspaceExposure {
    pub workspace: CanonPath,
    /// The rule index the finding is labelled with.
    pub rule: usize,
    /// (entry index into the sensitive catalogue, path relative to the workspace).
    pub entries: Vec<(usize, String)>,
}

impl Cx<'_> {
    /// Per-workspace catalogue entries of the given kinds on which `op` is allowed, one item
    /// per workspace with at least one: (workspace, index of the rule allowing `op` in the
    /// workspace itself or else on the first exposed entry, the
    /// exposed entries as (entry index into `self.sensitive`, path relative to the workspace)).
    pub(crate) fn exposed_per_workspace(&self, op: FsOp, kinds: &[Kind]) -> Vec<WorkspaceExposure> {
        let sep = if self.style.windows { "\\" } else { "/" };
        let mut out = Vec::new();
        for ws in self.workspaces() {
            let mut first_rule: Option<usize> = None;
            let mut entries: Vec<(usize, String)> = Vec::new();
            for (ei, s) in self.sensitive.iter().enumerate() {
                let Place::Workspace(parts) = &s.place else {
                    continue;
                };
                if !kinds.contains(&s.kind) {
                    continue;
                }
                if let Some(ri) = self.allowing_rule(op, &self.join(&ws, parts)) {
                    first_rule.get_or_insert(ri);
                    entries.push((ei, parts.join(sep)));
                }
            }
            // The label goes on the grant that makes the workspace itself writable, when one
            // does, rather than on a deeper grant that exposes only some of the targets.
            if let Some(first) = first_rule {
                let whole = self.allowing_rule(op, &ws.join(FRESH, self.style));
                let ri = whole.unwrap_or(first);
                out.push(WorkspaceExposure {
                    workspace: ws,
                    rule: ri,
                    entries,
                });
            }
        }
        out
    }
}

/// Joins at most `max` items with commas, then "and N more".
pub(crate) fn list(items: &[String], max: usize) -> String {
    let shown: Vec<&str> = items.iter().take(max).map(String::as_str).collect();
    let mut s = shown.join(", ");
    if items.len() > max {
        s.push_str(&format!(" and {} more", items.len() - max));
    }
    s
}

impl Cx<'_> {
    /// Rules that make a whole location writable: writing a fresh name directly below the
    /// location is allowed by a rule at the location or above it, but not by a volume root
    /// (which MX3001 reports). Returns (rule index, location display), one per rule.
    pub(crate) fn writable_locations(&self, paths: &[(CanonPath, String)]) -> Vec<(usize, String)> {
        let mut out: Vec<(usize, String)> = Vec::new();
        let mut seen: BTreeSet<usize> = BTreeSet::new();
        for (path, display) in paths {
            let probe = path.join(FRESH, self.style);
            let Some(ri) = self.allowing_rule(FsOp::Write, &probe) else {
                continue;
            };
            let Some(rule) = self.policy.filesystem.rules.get(ri) else {
                continue;
            };
            let volume_root = rule.path.is_root() && !rule.path.root.is_symbolic();
            if !path.starts_with(&rule.path) || volume_root {
                continue;
            }
            if seen.insert(ri) {
                out.push((ri, display.clone()));
            }
        }
        out
    }

    /// Fixed paths of the catalogue entries of one kind, with their display form.
    pub(crate) fn fixed_of_kind(&self, kind: Kind) -> Vec<(CanonPath, String)> {
        let mut out = Vec::new();
        for s in self.sensitive.iter().filter(|s| s.kind == kind) {
            for p in self.instances(s) {
                out.push((p, s.display.clone()));
            }
        }
        out
    }
}

/// True when two canonical paths name the same location (the display spelling may differ).
pub(crate) fn same_path(a: &CanonPath, b: &CanonPath) -> bool {
    a.root == b.root && a.components == b.components
}
