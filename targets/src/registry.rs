//! The registry of targets and target groups, by command-line name.

use crate::backends::{
    appcontainer::AppContainer, firewall::Firewall, lxc::Lxc, seatbelt::Seatbelt, wsb::Wsb,
};
use crate::backends::{bwrap::Bwrap, landlock::Landlock, nftables::Nftables, seccomp::Seccomp};
use crate::target::{Target, TargetId};

/// Named groups of targets.
pub const GROUPS: &[(&str, &[TargetId])] = &[
    ("all-linux", &TargetId::LINUX),
    ("all-macos", &[TargetId::Seatbelt]),
    ("all-windows", &TargetId::WINDOWS),
    ("all", &TargetId::ALL),
];

/// The implementation of a target.
pub fn target(id: TargetId) -> &'static dyn Target {
    match id {
        TargetId::Landlock => &Landlock,
        TargetId::Seccomp => &Seccomp,
        TargetId::Bwrap => &Bwrap,
        TargetId::Nftables => &Nftables,
        TargetId::Seatbelt => &Seatbelt,
        TargetId::AppContainer => &AppContainer,
        TargetId::Firewall => &Firewall,
        TargetId::Wsb => &Wsb,
        TargetId::Lxc => &Lxc,
    }
}

/// The targets a command-line name stands for: one target or a group.
pub fn resolve(name: &str) -> Option<Vec<TargetId>> {
    if let Some(id) = TargetId::ALL.into_iter().find(|t| t.as_str() == name) {
        return Some(vec![id]);
    }
    GROUPS
        .iter()
        .find(|(group, _)| *group == name)
        .map(|(_, ids)| ids.to_vec())
}

/// Every name `resolve` accepts, targets first.
pub fn names() -> Vec<&'static str> {
    TargetId::ALL
        .iter()
        .map(|t| t.as_str())
        .chain(GROUPS.iter().map(|(g, _)| *g))
        .collect()
}
