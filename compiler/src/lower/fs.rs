//! `filesystem` to [`ir::Filesystem`].

use ir::{CanonPath, Filesystem, FsAccess, FsRule};

use crate::header::Header;
use crate::syntax::Node;

pub(crate) fn lower(node: Option<&Node>, header: &Header) -> Filesystem {
    let mut fs = Filesystem {
        rules: Vec::new(),
        span: node.map(|n| n.span),
    };
    let Some(node) = node else { return fs };
    let style = header.platform.path_style();
    for access in FsAccess::ALL {
        let Some(list) = node.get_present(access.list_name()) else {
            continue;
        };
        for (index, item) in list.items().iter().enumerate() {
            let Some(raw) = item.as_str() else { continue };
            // Paths MXC rejects (blank, NUL, `"`) are reported by validation and left out.
            if raw.trim().is_empty() || raw.contains(['\0', '"']) {
                continue;
            }
            let canon = CanonPath::parse(raw, style);
            fs.rules.push(FsRule {
                access,
                raw: raw.to_owned(),
                path: canon.path,
                changes: canon.changes,
                index,
                span: item.span,
            });
        }
    }
    fs
}
