//! Fresh names for witnesses and synthetic atoms.

/// The first of `base`, `base1`, `base2`, ... that is not taken.
pub fn fresh(base: &str, mut taken: impl FnMut(&str) -> bool) -> String {
    (0u32..)
        .map(|i| {
            if i == 0 {
                base.to_owned()
            } else {
                format!("{base}{i}")
            }
        })
        .find(|name| !taken(name))
        .unwrap_or_else(|| base.to_owned())
}
