//! `mxcc check`.

use driver::{CheckOptions, PlatformChoice};

use crate::Outcome;
use crate::args::{CheckArgs, PolicyArgs};
use crate::render;

pub(crate) fn options(args: &PolicyArgs) -> CheckOptions {
    CheckOptions {
        platform: match args.platform {
            Some(p) => PlatformChoice::Fixed(p.platform()),
            None => PlatformChoice::Implied {
                host: ir::Platform::host(),
            },
        },
        exact: args.exact,
        strict: args.strict,
        limits: compiler::Limits {
            max_bytes: args.max_file_size,
            ..compiler::Limits::default()
        },
        config: args.config.clone(),
        baseline: None,
        guardrails: Vec::new(),
        verify: verify::Options::default(),
    }
}

pub(crate) fn run(args: &CheckArgs) -> Outcome {
    let mut options = options(&args.policy);
    options.baseline.clone_from(&args.baseline);
    options.guardrails.clone_from(&args.guardrails);
    let report = driver::check_paths(&args.paths, &options);
    let stdout = render::report(&report, args.format);
    let references_broken = report.references.iter().any(driver::FileReport::has_errors);
    let code = if !report.path_errors.is_empty() || references_broken {
        2
    } else if report.has_errors() {
        1
    } else {
        0
    };
    Outcome {
        stdout,
        stderr: String::new(),
        code,
    }
}
