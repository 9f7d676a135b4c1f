//! When a misspelt word is close enough to an allowed one to be a typo of it: the rule behind
//! the "did you mean" help of the schema stage, shared with the language server's quick fixes.

/// The edit distance of `written` from `candidate` (case-insensitive) when it is close enough
/// to be a typo: at most 2 or a quarter of the candidate's length, whichever is larger, and
/// less than the candidate's length.
pub fn typo_distance(written: &str, candidate: &str) -> Option<usize> {
    let wanted = candidate.to_lowercase();
    let d = edit_distance(&written.to_lowercase(), &wanted);
    let len = wanted.chars().count();
    (d <= 2.max(len / 4) && d < len).then_some(d)
}

/// The Levenshtein distance of two words, in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        // `diagonal` is the previous row's value one column to the left.
        let mut diagonal = row.first().copied().unwrap_or(0);
        if let Some(first) = row.first_mut() {
            *first = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let above = row.get(j + 1).copied().unwrap_or(0);
            let left = row.get(j).copied().unwrap_or(0);
            let cost = usize::from(ca != *cb);
            let value = (above + 1).min(left + 1).min(diagonal + cost);
            diagonal = above;
            if let Some(cell) = row.get_mut(j + 1) {
                *cell = value;
            }
        }
    }
    row.last().copied().unwrap_or(0)
}
