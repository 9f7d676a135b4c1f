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
                "error[{}]: no schema for version `{}`\n  = help: known versions: {}\n",
                ir::codes::io::UNKNOWN_SCHEMA_VERSION.as_str(),
                args.version,
                compiler::schema::versions().join(", ")
            ),
            code: 2,
        },
    }
}
