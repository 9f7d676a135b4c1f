//! The Linux backends, one file each.

pub mod bwrap;
pub mod landlock;
pub mod nftables;
pub mod seccomp;
