//! Seccomp benchmark (being written).

fn main() {}
