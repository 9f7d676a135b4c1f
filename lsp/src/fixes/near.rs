//! Which allowed words a misspelt one is close to, closest first.
//!
//! The rule is the one behind the "did you mean" help of `mxcc check` (the compiler's schema
//! stage): the edit distance of the lowercased words is at most 2 or a quarter of the
//! candidate's length, whichever is larger, and less than the candidate's length. The
//! preferred rename of an unknown key is the one the diagnostic's help names; this rule ranks
//! the further candidates and the replacements of a value, which the command line does not
//! suggest.

/// The most candidates offered for one misspelling.
pub(crate) const MAX: usize = 3;

/// The candidates close enough to `written` to be a typo of it, each with its distance,
/// closest first; ties keep the order of `candidates`. At most [`MAX`].
pub(crate) fn ranked<T>(
    written: &str,
    candidates: Vec<T>,
    name: impl Fn(&T) -> &str,
) -> Vec<(usize, T)> {
    let mut close: Vec<(usize, T)> = candidates
        .into_iter()
        .filter_map(|c| Some((distance(written, name(&c))?, c)))
        .collect();
    close.sort_by_key(|(d, _)| *d);
    close.truncate(MAX);
    close
}

/// The distance of `written` from `candidate` when it is close enough to be a typo of it: the
/// schema stage's own rule.
pub(crate) fn distance(written: &str, candidate: &str) -> Option<usize> {
    compiler::schema::typo_distance(written, candidate)
}

/// Whether the first of `ranked` is the one obvious choice: strictly closer than the next.
/// On a tie the editor offers both and prefers neither, where the command line names the
/// first.
pub(crate) fn obvious<T>(ranked: &[(usize, T)]) -> bool {
    match ranked {
        [] => false,
        [_] => true,
        [(first, _), (second, _), ..] => first < second,
    }
}
