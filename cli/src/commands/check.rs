//! `mxcc check`.

use driver::{CheckOptions, PlatformChoice};

use crate::Outcome;
use crate::args::{CheckArgs, PolicyArgs};
use crate::exit::{self, Thresholds};
use crate::progress::Indicator;
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
        rules: render::ui().rules,
        progress: None,
    }
}

pub(crate) fn run(args: &CheckArgs) -> Outcome {
    let mut options = options(&args.policy);
    options.baseline.clone_from(&args.baseline);
    options.guardrails.clone_from(&args.guardrails);
    let progress = Indicator::start(&mut options, render::ui().quiet);
    let report = driver::check_paths(&args.paths, &options);
    drop(progress);
    let stdout = render::report(&report, args.format);
    let code = exit::report_code(&report, &Thresholds::new(&args.policy));
    Outcome {
        stdout,
        stderr: String::new(),
        code,
    }
}
