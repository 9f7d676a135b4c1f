//! `mxcc completions SHELL` and `mxcc man`: generated from the clap definition, so they always
//! list the options this binary has.

use clap::CommandFactory as _;

use crate::Outcome;
use crate::args::{Cli, CompletionsArgs, ManArgs};
use crate::exit;

pub(crate) fn completions(args: &CompletionsArgs) -> Outcome {
    let mut command = Cli::command();
    let mut bytes = Vec::new();
    clap_complete::generate(args.shell, &mut command, "mxcc", &mut bytes);
    Outcome {
        stdout: String::from_utf8_lossy(&bytes).into_owned(),
        stderr: String::new(),
        code: exit::SUCCESS,
    }
}

/// The man page of `mxcc`, or of one subcommand (`mxcc man check` is `mxcc-check(1)`), in roff.
pub(crate) fn man(args: &ManArgs) -> Outcome {
    let mut command = Cli::command();
    command.build();
    let page = match &args.command {
        None => Some(clap_mangen::Man::new(command)),
        Some(name) => command
            .find_subcommand(name)
            .map(|sub| clap_mangen::Man::new(sub.clone()).title(format!("mxcc-{name}"))),
    };
    let Some(page) = page else {
        return Outcome {
            stdout: String::new(),
            stderr: format!(
                "error: no subcommand `{}`\n  = help: `mxcc --help` lists the subcommands\n",
                args.command.as_deref().unwrap_or_default()
            ),
            code: exit::FAILURE,
        };
    };
    let mut bytes = Vec::new();
    match page.render(&mut bytes) {
        Ok(()) => Outcome {
            stdout: String::from_utf8_lossy(&bytes).into_owned(),
            stderr: String::new(),
            code: exit::SUCCESS,
        },
        Err(e) => Outcome {
            stdout: String::new(),
            stderr: format!(
                "error[{}]: cannot render the man page: {e}\n",
                ir::codes::io::IO_ERROR.as_str()
            ),
            code: exit::FAILURE,
        },
    }
}
