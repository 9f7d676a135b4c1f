//! `mxcc schema --version V`.

use crate::Outcome;
use crate::args::SchemaArgs;

pub(crate) fn run(args: &SchemaArgs) -> Outcome {
    match compiler::schema::text(&args.version) {
        Some(text) => Outcome {
            stdout: text.to_owned(),
            stderr: String::new(),
            code: 0,
        },
        None => Outcome {
            stdout: String::new(),
            stderr: format!(
                "error[MX0003]: no schema for version `{}`\n  = help: known versions: {}\n",
                args.version,
                compiler::schema::versions().join(", ")
            ),
            code: 2,
        },
    }
}
