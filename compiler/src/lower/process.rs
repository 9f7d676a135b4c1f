//! `process` and `ui`.

use ir::policy::{EnvEntry, Process, Ui};
use ir::{CanonPath, Clipboard, Setting, Spanned};

use crate::header::Header;
use crate::lower::lost::{self, Lost};
use crate::lower::read;
use crate::syntax::Node;

pub(crate) fn lower(node: Option<&Node>, header: &Header, lost: &mut Vec<Lost>) -> Process {
    let Some(node) = node else {
        return Process::default();
    };
    let style = header.platform.path_style();
    let env = node
        .get_present("env")
        .map_or(&[][..], Node::items)
        .iter()
        .filter_map(|item| {
            let raw = item.as_str()?;
            let (name, value) = match raw.split_once('=') {
                Some((n, v)) if !n.is_empty() => (Some(n.to_owned()), Some(v.to_owned())),
                _ => (None, None),
            };
            Some(EnvEntry {
                raw: raw.to_owned(),
                name,
                value,
                span: item.span,
            })
        })
        .collect();
    Process {
        command_line: read::string(node.get_present("commandLine")),
        cwd: read::string(node.get_present("cwd"))
            .filter(|c| !c.value.trim().is_empty())
            .map(|c| Spanned::new(CanonPath::parse(&c.value, style).path, c.span)),
        env,
        timeout: match lost::int::<u32>(node.get_present("timeout"), "process.timeout", lost) {
            Some((value, span)) => Setting::explicit(value, span),
            None => Setting::default_value(0),
        },
        span: Some(node.span),
    }
}

pub(crate) fn ui(node: Option<&Node>) -> Ui {
    let Some(node) = node else {
        return Ui::default();
    };
    Ui {
        disable: read::boolean(node.get_present("disable"), true),
        clipboard: read::choice(
            node.get_present("clipboard"),
            Clipboard::None,
            |s| match s {
                "none" => Some(Clipboard::None),
                "read" => Some(Clipboard::Read),
                "write" => Some(Clipboard::Write),
                "all" => Some(Clipboard::All),
                _ => None,
            },
        ),
        injection: read::boolean(node.get_present("injection"), false),
        span: Some(node.span),
    }
}
