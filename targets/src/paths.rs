//! Policy paths as host paths: symbolic roots resolved or refused, one rule per path.
//!
//! Targets bind or open lexical paths. `~` resolves through [`Options::home_dir`]; `$VAR`,
//! `$TMPDIR` and relative paths are refused (MX5002) because no Linux target can know them.
//! The same path in several lists keeps only the most restrictive entry, as MXC does.

use std::collections::BTreeMap;

use ir::{CanonPath, FsAccess, Platform, Root, Span};

use crate::context::{EmitContext, Options};
use crate::target::codes;

/// One effective filesystem rule on a host path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct HostRule {
    pub(crate) access: FsAccess,
    /// The absolute host path.
    pub(crate) host: String,
    /// The canonical form of `host`.
    pub(crate) canon: CanonPath,
    pub(crate) span: Span,
    /// The construct name, e.g. `filesystem.deniedPaths[0]`.
    pub(crate) construct: String,
}

/// The construct name of a filesystem rule.
pub(crate) fn construct(rule: &ir::FsRule) -> String {
    format!("filesystem.{}[{}]", rule.access.list_name(), rule.index)
}

/// The host path of a canonical policy path, when it has one.
pub(crate) fn host_path(path: &CanonPath, options: &Options) -> Option<CanonPath> {
    let style = Platform::Linux.path_style();
    match &path.root {
        Root::Posix => Some(path.clone()),
        Root::Home => {
            let home = options.home_dir.as_deref()?;
            let mut raw = home.trim_end_matches('/').to_owned();
            for c in &path.components {
                raw.push('/');
                raw.push_str(c);
            }
            let resolved = CanonPath::parse(&raw, style).path;
            (resolved.root == Root::Posix).then_some(resolved)
        }
        _ => None,
    }
}

/// Resolves every filesystem rule to a host path, refusing symbolic ones, and keeps the most
/// restrictive rule per path. The result is sorted shallow-to-deep, then by path.
pub(crate) fn host_rules(policy: &ir::Policy, cx: &mut EmitContext<'_>) -> Vec<HostRule> {
    let mut by_path: BTreeMap<CanonPath, HostRule> = BTreeMap::new();
    for rule in &policy.filesystem.rules {
        let Some(canon) = host_path(&rule.path, cx.options) else {
            let help = match rule.path.root {
                Root::Home => "pass the home directory (`home_dir`) or write an absolute path",
                _ => "write an absolute path; Linux targets bind host paths verbatim",
            };
            cx.gap(
                codes::SYMBOLIC_PATH,
                construct(rule),
                Some(rule.span),
                format!("`{}` has no fixed host location", rule.raw),
                help,
                &[],
            );
            continue;
        };
        let host = canon.display.clone();
        let candidate = HostRule {
            access: rule.access,
            host,
            canon: canon.clone(),
            span: rule.span,
            construct: construct(rule),
        };
        match by_path.get(&canon) {
            Some(existing) if existing.access >= rule.access => {
                cx.enforced(
                    construct(rule),
                    Some(rule.span),
                    &format!("shadowed by `{}` on the same path", existing.construct),
                );
            }
            _ => {
                if let Some(old) = by_path.insert(canon, candidate) {
                    cx.enforced(
                        old.construct,
                        Some(old.span),
                        "shadowed by a more restrictive list on the same path",
                    );
                }
            }
        }
    }
    let mut rules: Vec<HostRule> = by_path.into_values().collect();
    rules.sort_by(|a, b| {
        a.canon
            .depth()
            .cmp(&b.canon.depth())
            .then(a.canon.cmp(&b.canon))
    });
    rules
}
