//! `mxcc compile --target T [--out DIR] POLICY`.

use driver::CheckReport;
use driver::compile::CompileOptions;

use crate::Outcome;
use crate::args::{CompileArgs, Format};
use crate::commands::check::options;
use crate::commands::diff::verify_options;
use crate::render;

pub(crate) fn run(args: &CompileArgs) -> Outcome {
    let Some(ids) = targets::registry::resolve(&args.target) else {
        let names: Vec<&str> = targets::TargetId::ALL
            .iter()
            .map(|t| t.as_str())
            .chain(targets::registry::GROUPS.iter().map(|(g, _)| *g))
            .collect();
        return Outcome {
            stdout: String::new(),
            stderr: format!(
                "error[MX0005]: unknown target `{}`\n  = help: known targets and groups: {}\n",
                args.target,
                names.join(", ")
            ),
            code: 2,
        };
    };
    let mut check = options(&args.policy);
    check.verify = verify_options(&args.solver, false);
    let defaults = targets::Options::default();
    let options = CompileOptions {
        check,
        targets: targets::Options {
            allow_gaps: args.allow_gaps,
            landlock_abi: args.landlock_abi,
            home_dir: args.home_dir.clone(),
            windows_build: args.windows_build.unwrap_or(defaults.windows_build),
            seatbelt_override: args.seatbelt_override,
            ..defaults
        },
    };
    let result = driver::compile::compile(&args.path, &ids, &options);
    let failed = result.report.has_errors();
    let mut stderr = String::new();
    let mut written = Vec::new();
    if let Some(dir) = &args.out {
        if let Err(e) = std::fs::create_dir_all(dir) {
            return Outcome {
                stdout: String::new(),
                stderr: format!("error[MX0001]: cannot create `{}`: {e}\n", dir.display()),
                code: 2,
            };
        }
        for (name, bytes) in &result.artifacts {
            let path = dir.join(name);
            match std::fs::write(&path, bytes) {
                Ok(()) => written.push(path.display().to_string()),
                Err(e) => stderr.push_str(&format!(
                    "error[MX0001]: cannot write `{}`: {e}\n",
                    path.display()
                )),
            }
        }
    }
    let report = CheckReport {
        files: vec![result.report],
        path_errors: Vec::new(),
        references: Vec::new(),
        skipped: Vec::new(),
    };
    let mut stdout = render::findings(&report, args.format);
    if args.format == Format::Human {
        // Soundness findings inside gaps the targets reported are warnings; unannounced ones
        // are errors (compiler bugs) and withhold the artifacts.
        let unsound = |error: bool| {
            report
                .files
                .iter()
                .flat_map(|f| &f.diagnostics)
                .filter(|d| d.code == verify::codes::ARTIFACT_UNSOUND && d.is_error() == error)
                .count()
        };
        for proof in &result.proofs {
            let sound = match &proof.soundness {
                verify::Outcome::Proved => "proved".to_owned(),
                verify::Outcome::Refuted(_) if unsound(true) == 0 => format!(
                    "holds outside the reported gaps ({} finding{} inside them)",
                    unsound(false),
                    if unsound(false) == 1 { "" } else { "s" }
                ),
                verify::Outcome::Refuted(_) => {
                    format!("REFUTED ({} unannounced findings)", unsound(true))
                }
                verify::Outcome::Unknown(r) => format!("unknown ({r})"),
            };
            let complete = match &proof.completeness {
                verify::Outcome::Proved => "complete".to_owned(),
                verify::Outcome::Refuted(f) => {
                    format!(
                        "{} completeness gap{}",
                        f.len(),
                        if f.len() == 1 { "" } else { "s" }
                    )
                }
                verify::Outcome::Unknown(r) => format!("completeness unknown ({r})"),
            };
            stdout.push_str(&format!(
                "{}: soundness {sound}; {complete}\n",
                proof.target
            ));
        }
        if args.out.is_some() {
            for path in &written {
                stdout.push_str(&format!("wrote {path}\n"));
            }
        } else {
            let names: Vec<&str> = result.artifacts.keys().map(String::as_str).collect();
            stdout.push_str(&format!(
                "artifacts (use --out DIR to write them): {}\n",
                names.join(", ")
            ));
        }
    }
    let code = if !stderr.is_empty() {
        2
    } else {
        u8::from(failed)
    };
    Outcome {
        stdout,
        stderr,
        code,
    }
}
