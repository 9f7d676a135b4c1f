//! `process.commandLine`: required and non-empty on one-shot and `exec` requests.

use ir::{Diagnostic, Phase, Span};

use crate::validate::{
    Cx, EMPTY_COMMAND_LINE, MISSING_COMMAND_LINE, NUL_IN_COMMAND_LINE, key_span,
};

pub(crate) fn check(cx: &mut Cx<'_>) {
    let root = cx.root;
    let needs_command = match cx.header.phase.as_ref() {
        Some(p) => p.value == Phase::Exec,
        // An unknown phase value is a schema error; say nothing more.
        None => root.get_present("phase").is_none(),
    };
    if !needs_command {
        return;
    }
    let what = if cx.header.is_state_aware() {
        "an `exec` request"
    } else {
        "a one-shot request"
    };
    let Some(process) = root.get_present("process") else {
        let start = root.span.start as usize;
        cx.push(
            Diagnostic::error(MISSING_COMMAND_LINE, format!("{what} needs a `process` section"))
                .with_label(Span::new(root.span.source, start, start + 1), "no `process` in this config")
                .with_help("MXC runs `process.commandLine` in the sandbox; add `\"process\": { \"commandLine\": \"...\" }`"),
        );
        return;
    };
    if !process.is_object() {
        return;
    }
    let Some(command) = process.get_present("commandLine") else {
        cx.push(
            Diagnostic::error(MISSING_COMMAND_LINE, format!("{what} needs `process.commandLine`"))
                .with_label(key_span(root, "process", process.span), "this section has no `commandLine`")
                .with_help("MXC runs `commandLine` in the sandbox (through `sh -c` on Linux and macOS); add the command to run"),
        );
        return;
    };
    let Some(text) = command.as_str() else { return };
    if text.is_empty() {
        cx.push(
            Diagnostic::error(EMPTY_COMMAND_LINE, "`process.commandLine` is empty")
                .with_label(command.span, "empty string")
                .with_help(
                    "MXC refuses to start a sandbox with nothing to run; write the command to run",
                ),
        );
    } else if text.contains('\0') && cx.production() {
        cx.push(
            Diagnostic::error(NUL_IN_COMMAND_LINE, "`process.commandLine` contains a NUL character")
                .with_label(command.span, "contains `\\u0000`")
                .with_help("a command line is passed to the OS as a C string, which ends at the first NUL; remove the `\\u0000` escape"),
        );
    }
}
