//! Filesystem path checks of MXC's parser (`validate_paths`) and the seatbelt runner.

use ir::{Backend, Diagnostic};

use crate::validate::{Cx, EMPTY_PATH, NUL_IN_PATH, QUOTE_IN_PATH, SEATBELT_DOTDOT, at};

const LISTS: [&str; 3] = ["readwritePaths", "readonlyPaths", "deniedPaths"];

pub(crate) fn check(cx: &mut Cx<'_>) {
    if !cx.production() {
        return;
    }
    let seatbelt = cx.header.backend() == Backend::Seatbelt && !cx.header.is_state_aware();
    for list in LISTS {
        let Some(items) = at(cx.root, &["filesystem", list]) else {
            continue;
        };
        for (i, item) in items.items().iter().enumerate() {
            let Some(path) = item.as_str() else { continue };
            let at_path = format!("filesystem.{list}[{i}]");
            if path.trim().is_empty() {
                cx.push(
                    Diagnostic::error(EMPTY_PATH, format!("`{at_path}` is empty"))
                        .with_label(item.span, "empty or whitespace-only path")
                        .with_help("MXC rejects blank filesystem paths; write the path to grant or deny, or remove the entry"),
                );
            } else if path.contains('\0') {
                cx.push(
                    Diagnostic::error(NUL_IN_PATH, format!("`{at_path}` contains an embedded NUL character"))
                        .with_label(item.span, "contains `\\u0000`")
                        .with_help("OS path APIs stop at the first NUL, so the path would name a different file; remove the `\\u0000` escape"),
                );
            } else if path.contains('"') {
                cx.push(
                    Diagnostic::error(QUOTE_IN_PATH, format!("`{at_path}` contains the character `\"`"))
                        .with_label(item.span, "contains `\"`")
                        .with_help("MXC rejects `\"` in paths because backends quote paths in generated profiles and command lines; remove it"),
                );
            } else if seatbelt && path.split(['/', '\\']).any(|c| c == "..") {
                cx.push(
                    Diagnostic::error(SEATBELT_DOTDOT, format!("`{at_path}` contains a `..` component"))
                        .with_label(item.span, "`..` here")
                        .with_help("the seatbelt backend refuses `..` because SBPL `subpath` filters match the literal text, not the resolved directory; write the path without `..`"),
                );
            }
        }
    }
}
