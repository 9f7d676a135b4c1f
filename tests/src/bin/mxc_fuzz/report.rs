//! The table the run prints: figures, the classes with counts and one example each, and the
//! unclassified disagreements.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::time::Duration;

use crate::Outcome;
use crate::classes::CLASSES;
use crate::reduce::Example;
use crate::seeds::Seed;

pub(crate) struct Summary {
    pub(crate) seed: u64,
    pub(crate) seeds: usize,
    pub(crate) accepted_seeds: usize,
    pub(crate) jobs: usize,
    pub(crate) floor: f64,
    pub(crate) elapsed: Duration,
}

/// The table, and whether the run passes (agreement at or above the floor, nothing unclassified).
pub(crate) fn render(
    summary: &Summary,
    outcomes: &[Outcome],
    examples: &BTreeMap<Option<usize>, Example>,
    seeds: &[Seed],
) -> (String, bool) {
    let foreign = outcomes.iter().filter(|o| o.foreign()).count();
    let total = outcomes.len() - foreign;
    let agreed = outcomes
        .iter()
        .filter(|o| o.agrees() && !o.foreign())
        .count();
    let percent = if total == 0 {
        0.0
    } else {
        100.0 * agreed as f64 / total as f64
    };
    let mxc_accepts = outcomes
        .iter()
        .filter(|o| o.mxc.is_none() && !o.foreign())
        .count();
    let mut counts: BTreeMap<Option<usize>, usize> = BTreeMap::new();
    for class in outcomes.iter().filter_map(Outcome::class) {
        *counts.entry(class).or_default() += 1;
    }
    let unclassified = counts.get(&None).copied().unwrap_or(0);
    let oracle: Duration = outcomes.iter().map(|o| o.oracle_time).sum();
    let mxcc: Duration = outcomes.iter().map(|o| o.mxcc_time).sum();
    let per = |d: Duration| {
        if total == 0 {
            0.0
        } else {
            d.as_secs_f64() * 1000.0 / total as f64
        }
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "mxc-fuzz: seed {}, {} mutants of {} seeds ({} accepted by MXC), {} jobs, {:.1} s",
        summary.seed,
        outcomes.len(),
        summary.seeds,
        summary.accepted_seeds,
        summary.jobs,
        summary.elapsed.as_secs_f64()
    );
    let _ = writeln!(
        out,
        "MXC accepted {mxc_accepts}, rejected {}",
        total - mxc_accepts
    );
    let _ = writeln!(
        out,
        "agreement: {agreed}/{total} = {percent:.2}% (floor {:.2}%)",
        summary.floor
    );
    let _ = writeln!(
        out,
        "time per config: MXC's dry run {:.2} ms (a process each), mxcc's frontend {:.3} ms (in process)",
        per(oracle),
        per(mxcc)
    );
    write_operators(&mut out, outcomes);
    let _ = writeln!(out, "\n{:>6}  {:14}  class", "count", "side");
    for (i, class) in CLASSES.iter().enumerate() {
        let count = counts.get(&Some(i)).copied().unwrap_or(0);
        let _ = writeln!(
            out,
            "{count:>6}  {:14}  {}",
            class.accepts.as_str(),
            class.name
        );
        let _ = writeln!(out, "        {}", class.reason);
        if let Some(example) = examples.get(&Some(i)) {
            write_example(&mut out, example, outcomes, seeds);
        }
    }
    let _ = writeln!(out, "{unclassified:>6}  {:14}  unclassified", "");
    if let Some(example) = examples.get(&None) {
        write_example(&mut out, example, outcomes, seeds);
    }
    let unlisted = outcomes.iter().filter(|o| o.class() == Some(None));
    for (listed, outcome) in unlisted.enumerate() {
        if listed == 20 {
            let _ = writeln!(out, "        ... and {} more", unclassified - listed);
            break;
        }
        let _ = writeln!(
            out,
            "        #{} [{}] MXC: {} | mxcc: {}",
            outcome.index,
            outcome.ops.join("; "),
            outcome.mxc.as_deref().unwrap_or("accepted"),
            if outcome.mxcc.accepts() {
                "accepted"
            } else {
                &outcome.mxcc.message
            }
        );
    }
    let ok = unclassified == 0 && percent >= summary.floor;
    if unclassified > 0 {
        let _ = writeln!(
            out,
            "\nFAIL: {unclassified} disagreement(s) fit no class in tests/src/bin/mxc_fuzz/classes.rs"
        );
    }
    if percent < summary.floor {
        let _ = writeln!(
            out,
            "\nFAIL: agreement {percent:.2}% is below the floor {:.2}%",
            summary.floor
        );
    }
    (out, ok)
}

/// How often each operator was applied, and in how many disagreements.
fn write_operators(out: &mut String, outcomes: &[Outcome]) {
    let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for outcome in outcomes.iter().filter(|o| !o.foreign()) {
        for op in &outcome.ops {
            let name = op.split(' ').next().unwrap_or("");
            let entry = counts.entry(name).or_default();
            entry.0 += 1;
            entry.1 += usize::from(!outcome.agrees());
        }
    }
    let _ = writeln!(out, "\noperators (applied, in disagreements):");
    let line: Vec<String> = counts
        .iter()
        .map(|(name, (applied, disagreeing))| format!("{name} {applied}/{disagreeing}"))
        .collect();
    for chunk in line.chunks(6) {
        let _ = writeln!(out, "  {}", chunk.join(", "));
    }
}

fn write_example(out: &mut String, example: &Example, outcomes: &[Outcome], seeds: &[Seed]) {
    let origin = outcomes.iter().find(|o| o.index == example.index);
    if let Some(outcome) = origin {
        let seed = seeds.get(outcome.seed).map_or("?", |s| s.name.as_str());
        let _ = writeln!(
            out,
            "        e.g. #{} from {seed}: {}",
            outcome.index,
            outcome.ops.join("; ")
        );
    }
    let _ = writeln!(out, "          {}", example.text);
    let _ = writeln!(
        out,
        "          MXC: {}",
        example.mxc.as_deref().unwrap_or("accepted")
    );
    let mxcc = if example.mxcc.is_empty() {
        "accepted"
    } else {
        example.mxcc.as_str()
    };
    let _ = writeln!(out, "          mxcc: {mxcc}");
}

/// Every disagreement as one JSON object a line.
pub(crate) fn disagreements_jsonl(outcomes: &[Outcome]) -> String {
    let mut out = String::new();
    for outcome in outcomes.iter().filter(|o| !o.agrees()) {
        let class = match outcome.class() {
            Some(Some(i)) => CLASSES.get(i).map_or("?", |c| c.name),
            _ => "unclassified",
        };
        let line = serde_json::json!({
            "index": outcome.index,
            "class": class,
            "ops": outcome.ops,
            "mxc": outcome.mxc,
            "mxcc": outcome.mxcc.codes,
            "mxcc_message": outcome.mxcc.message,
            "text": outcome.text,
        });
        let _ = writeln!(out, "{line}");
    }
    out
}
