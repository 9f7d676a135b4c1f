//! `mxcc diff BASE NEW`: exit 1 when NEW grants anything BASE does not (or a finding at or
//! above `--fail-on`, such as access NEW removes with `--fail-on info`).

use driver::{CheckReport, FileReport, proofs::Reference};
use ir::SourceId;

use crate::Outcome;
use crate::args::{DiffArgs, SolverArgs};
use crate::commands::check::options;
use crate::exit::{self, Thresholds};
use crate::render;

pub(crate) fn verify_options(solver: &SolverArgs, strict: bool) -> verify::Options {
    verify::Options {
        mode: if strict {
            ir::Mode::Strict
        } else {
            ir::Mode::Mxc
        },
        timeout_ms: solver.timeout_ms,
        dump_smt: solver.dump_smt.clone(),
        ..verify::Options::default()
    }
}

pub(crate) fn run(args: &DiffArgs) -> Outcome {
    let options = options(&args.policy);
    let base = Reference::load(&args.base, SourceId(1), &options);
    let new = Reference::load(&args.new, SourceId(0), &options);
    let (Some(base_policy), Some(new_policy)) = (base.policy(), new.policy()) else {
        // A policy MXC would reject cannot be compared: show why, exit 1 (2 when a file cannot
        // be read).
        let report = CheckReport {
            files: [new.report, base.report]
                .into_iter()
                .filter(FileReport::has_errors)
                .collect(),
            path_errors: Vec::new(),
            references: Vec::new(),
            skipped: Vec::new(),
            supporting: 0,
        };
        let code = exit::report_code(&report, &Thresholds::new(&args.policy)).max(exit::FINDINGS);
        return Outcome {
            stdout: render::findings(&report, args.format),
            stderr: String::new(),
            code,
        };
    };
    let diff = verify::diff(
        base_policy,
        new_policy,
        &verify_options(&args.solver, args.policy.strict),
    );
    let grants_more = !diff.grants_more.is_empty();
    let undecided = !diff.unknown.is_empty();
    let mut report_file = new.report.clone();
    report_file.diagnostics = diff.diagnostics();
    ir::diag::sort(&mut report_file.diagnostics);
    let report = CheckReport {
        files: vec![report_file],
        path_errors: Vec::new(),
        references: vec![base.report],
        skipped: Vec::new(),
        supporting: 0,
    };
    let mut stdout = render::findings(&report, args.format);
    if args.format == crate::args::Format::Human {
        stdout.push_str(&format!(
            "{}: {} grant{} more than {}, {} grant{} less\n",
            args.new.display(),
            diff.grants_more.len(),
            if diff.grants_more.len() == 1 { "" } else { "s" },
            args.base.display(),
            diff.grants_less.len(),
            if diff.grants_less.len() == 1 { "" } else { "s" },
        ));
    }
    let code = exit::report_code(&report, &Thresholds::new(&args.policy));
    let code = if grants_more || undecided {
        code.max(exit::FINDINGS)
    } else {
        code
    };
    Outcome {
        stdout,
        stderr: String::new(),
        code,
    }
}
