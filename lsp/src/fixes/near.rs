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

/// The distance of `written` from `candidate` when it is close enough to be a typo of it.
pub(crate) fn distance(written: &str, candidate: &str) -> Option<usize> {
    let wanted = candidate.to_lowercase();
    let d = edit_distance(&written.to_lowercase(), &wanted);
    let len = wanted.chars().count();
    (d <= 2.max(len / 4) && d < len).then_some(d)
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

/// The Levenshtein distance of two words, in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        // `diagonal` is the previous row's value one column to the left.
        let mut diagonal = i;
        if let Some(first) = row.first_mut() {
            *first = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let above = row.get(j + 1).copied().unwrap_or(0);
            let left = row.get(j).copied().unwrap_or(0);
            let value = (above + 1)
                .min(left + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = above;
            if let Some(cell) = row.get_mut(j + 1) {
                *cell = value;
            }
        }
    }
    row.last().copied().unwrap_or(0)
}
