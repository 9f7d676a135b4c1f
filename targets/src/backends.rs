//! The Linux backends, one file each.

pub mod bwrap;
pub mod landlock;
pub mod nftables;
pub mod seccomp;

// macOS, Windows and LXC targets.
pub mod appcontainer;
pub mod firewall;
pub mod lxc;
pub mod seatbelt;
pub mod wsb;

#[cfg(test)]
mod platform_tests;
