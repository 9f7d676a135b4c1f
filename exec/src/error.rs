//! The executor's errors and the MX6001–MX6099 code table.
//!
//! Every refusal carries a code. The executor never degrades: when a layer the proof relies on
//! is missing or fails to apply, the command does not start.

use std::fmt;

use ir::Code;

/// The MX6xxx codes of the executor, documented in the registry (`ir::codes::executor`).
pub mod codes {
    pub use ir::codes::executor::*;
}

/// Why the executor did not run the command to completion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunError {
    pub code: Code,
    /// One lowercase sentence; user input in backticks.
    pub message: String,
    pub help: Option<String>,
}

impl RunError {
    pub fn new(code: Code, message: impl Into<String>) -> RunError {
        RunError {
            code,
            message: message.into(),
            help: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> RunError {
        self.help = Some(help.into());
        self
    }

    /// The exit status a command-line tool reports: 124 for a timeout (as `timeout(1)`), 126
    /// when the command could not be executed, 127 when it was not found, 125 for every
    /// refusal of the executor itself.
    pub fn exit_status(&self) -> i32 {
        match self.code {
            codes::TIMEOUT => 124,
            codes::EXEC => 126,
            codes::COMMAND_NOT_FOUND => 127,
            _ => 125,
        }
    }
}

impl fmt::Display for RunError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "error[{}]: {}", self.code.0, self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

impl std::error::Error for RunError {}
