//! `mxcc check`.

use std::io::Read as _;
use std::path::PathBuf;

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
    let (paths, stdin) = match read_stdin(args) {
        Ok(split) => split,
        Err(stderr) => {
            return Outcome {
                stdout: String::new(),
                stderr,
                code: exit::FAILURE,
            };
        }
    };
    let report = driver::check_inputs(&paths, stdin.as_ref(), &options);
    drop(progress);
    let stdout = render::report(&report, args.format);
    let code = exit::report_code(&report, &Thresholds::new(&args.policy));
    Outcome {
        stdout,
        stderr: String::new(),
        code,
    }
}

/// The paths without `-`, and standard input's policy when `-` is among them.
fn read_stdin(args: &CheckArgs) -> Result<(Vec<PathBuf>, Option<driver::Stdin>), String> {
    let is_stdin = |p: &&PathBuf| p.as_os_str() == "-";
    let paths: Vec<PathBuf> = args
        .paths
        .iter()
        .filter(|p| !is_stdin(p))
        .cloned()
        .collect();
    if !args.paths.iter().any(|p| is_stdin(&p)) {
        return match &args.stdin_filename {
            Some(_) => Err(
                "error: `--stdin-filename` names standard input, which is read only when `-` is \
                 among the paths\n"
                    .to_owned(),
            ),
            None => Ok((paths, None)),
        };
    }
    let mut bytes = Vec::new();
    std::io::stdin().read_to_end(&mut bytes).map_err(|e| {
        format!(
            "error[{}]: cannot read standard input: {e}\n",
            ir::codes::io::IO_ERROR
        )
    })?;
    let name = args
        .stdin_filename
        .clone()
        .unwrap_or_else(|| PathBuf::from(driver::STDIN_NAME));
    Ok((paths, Some(driver::Stdin { name, bytes })))
}
