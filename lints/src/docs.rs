//! The documentation pages of every diagnostic code, `docs/codes/<CODE>.md` plus an index,
//! rendered from the one code registry ([`crate::codes`]). The pages are generated and
//! committed; the `code_pages_are_fresh` test rewrites stale ones.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use ir::codes::CodeInfo;

/// The family headings of the index, in code order.
const FAMILIES: &[(&str, &str)] = &[
    ("MX0", "IO, configuration and command line"),
    ("MX1", "JSON syntax and schema"),
    ("MX2", "MXC validation"),
    ("MX3", "Lints"),
    ("MX4", "Proofs"),
    ("MX5", "Target gaps"),
    ("MX6", "Executor (`mxcc run`)"),
];

/// One page per code and `README.md`, the index, keyed by file name.
pub fn pages() -> BTreeMap<String, String> {
    let codes = crate::codes();
    let mut pages = BTreeMap::new();
    for code in &codes {
        pages.insert(format!("{}.md", code.code), page(code));
    }
    pages.insert("README.md".to_owned(), index(&codes));
    pages
}

fn page(code: &CodeInfo) -> String {
    let mut out = format!(
        "<!-- generated from the code registry by `cargo test -p lints`, do not edit -->\n\
         # {} {}\n\nfamily: {}, default severity: {}\n\n",
        code.code, code.name, code.family, code.severity
    );
    out.push_str(code.doc.markdown().trim());
    out.push('\n');
    out
}

fn index(codes: &[CodeInfo]) -> String {
    let mut out = String::from(
        "<!-- generated from the code registry by `cargo test -p lints`, do not edit -->\n\
         # Diagnostic codes\n\n\
         Every code mxcc reports. Codes are stable and never reused; `mxcc explain CODE` prints \
         the same page.\n",
    );
    for (prefix, title) in FAMILIES {
        let _ = write!(
            out,
            "\n## {prefix}xxx: {title}\n\n| code | name | severity | summary |\n|---|---|---|---|\n"
        );
        for code in codes.iter().filter(|c| c.code.as_str().starts_with(prefix)) {
            let summary = code.doc.summary().replace('|', "\\|");
            let _ = writeln!(
                out,
                "| [{0}]({0}.md) | {1} | {2} | {summary} |",
                code.code, code.name, code.severity
            );
        }
    }
    out
}
