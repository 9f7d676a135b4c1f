//! `mxcc check`.

use driver::{CheckOptions, PlatformChoice};

use crate::Outcome;
use crate::args::{CheckArgs, Format, PolicyArgs};
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
    }
}

pub(crate) fn run(args: &CheckArgs) -> Outcome {
    let report = driver::check_paths(&args.paths, &options(&args.policy));
    let stdout = match args.format {
        Format::Human => render::human::report(&report),
        Format::Json => render::json::report(&report),
        Format::Sarif => render::sarif(&report),
        Format::Github => render::github(&report),
    };
    let code = if !report.path_errors.is_empty() {
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
