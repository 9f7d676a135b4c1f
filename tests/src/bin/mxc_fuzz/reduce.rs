//! One small example per class: the shortest disagreement of the class, then cut down by
//! removing members and elements while both verdicts stay the same and the disagreement stays
//! in its class (each try asks the oracle again, within a budget per class).

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use crate::json::{self, Json};
use crate::{Outcome, classes};

/// Oracle runs allowed for reducing one example.
const BUDGET: usize = 150;

/// A reduced example of a class.
pub(crate) struct Example {
    /// The mutant it was cut down from.
    pub(crate) index: u64,
    pub(crate) text: String,
    pub(crate) mxc: Option<String>,
    pub(crate) mxcc: String,
}

/// The class of each disagreement, `None` for an unclassified one, mapped to its example.
pub(crate) fn examples(
    outcomes: &[Outcome],
    oracle: &Path,
    scratch: &Path,
    timeout: Duration,
    jobs: usize,
) -> BTreeMap<Option<usize>, Example> {
    let mut shortest: BTreeMap<Option<usize>, &Outcome> = BTreeMap::new();
    for outcome in outcomes {
        if let Some(class) = outcome.class() {
            let entry = shortest.entry(class).or_insert(outcome);
            if outcome.text.len() < entry.text.len() {
                *entry = outcome;
            }
        }
    }
    let work: Vec<(Option<usize>, &Outcome)> = shortest.into_iter().collect();
    let next = AtomicUsize::new(0);
    let done: Mutex<BTreeMap<Option<usize>, Example>> = Mutex::new(BTreeMap::new());
    std::thread::scope(|scope| {
        for worker in 0..jobs {
            let (next, done, work) = (&next, &done, &work);
            scope.spawn(move || {
                let config = scratch.join(format!("reduce-{worker}.json"));
                let log = scratch.join(format!("reduce-{worker}.log"));
                while let Some((class, outcome)) = work.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let example = reduce(outcome, *class, oracle, timeout, &config, &log);
                    if let Ok(mut done) = done.lock() {
                        done.insert(*class, example);
                    }
                }
            });
        }
    });
    done.into_inner().unwrap_or_default()
}

fn reduce(
    outcome: &Outcome,
    class: Option<usize>,
    oracle: &Path,
    timeout: Duration,
    config: &Path,
    log: &Path,
) -> Example {
    let mut best = Example {
        index: outcome.index,
        text: outcome.text.clone(),
        mxc: outcome.mxc.clone(),
        mxcc: outcome.mxcc.message.clone(),
    };
    let (Some(mut tree), Some(class)) = (outcome.tree.clone(), class) else {
        return best;
    };
    let accepts = outcome.facts().accepts;
    let mut budget = BUDGET;
    let mut skip = 0;
    'outer: while budget > 0 {
        let mut paths: Vec<json::Path> = json::paths(&tree)
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect();
        paths.sort_by_key(Vec::len);
        for (n, path) in paths.iter().enumerate().skip(skip) {
            if budget == 0 {
                break 'outer;
            }
            let mut candidate: Json = tree.clone();
            if json::remove(&mut candidate, path).is_none() {
                continue;
            }
            let text = candidate.to_text();
            budget -= 1;
            let Ok((mxc, timed_out, _, mxcc, _)) =
                crate::judge_with(oracle, timeout, &text, config, log)
            else {
                continue;
            };
            let same_sides = !timed_out
                && mxc.is_none() == (accepts == classes::Accepts::Mxc)
                && mxcc.accepts() == (accepts == classes::Accepts::Mxcc);
            let facts = classes::Facts {
                accepts,
                ops: &outcome.ops,
                text: &text,
                mxc: mxc.as_deref().unwrap_or(""),
                mxcc_codes: &mxcc.codes,
                mxcc_message: &mxcc.message,
            };
            if same_sides && classes::classify(&facts) == Some(class) {
                tree = candidate;
                best = Example {
                    index: outcome.index,
                    text,
                    mxc,
                    mxcc: mxcc.message,
                };
                // Paths before this one were tried on a larger tree and did not go; start
                // again just before the removed one.
                skip = n.saturating_sub(1);
                continue 'outer;
            }
        }
        break;
    }
    best
}
