//! The registry of every diagnostic code: MX0xxx IO and configuration, MX1xxx syntax and schema,
//! MX2xxx MXC validation, MX4xxx proofs, MX5xxx target gaps, MX6xxx the executor. The lint
//! rules (MX3xxx) keep their entries beside their checks in the `lints` crate, in the same
//! documentation shape; `lints::codes` joins both into the one list that `mxcc explain`,
//! `mxcc rules`, SARIF, the language server's hover and the generated pages under `docs/codes/`
//! read.
//!
//! Codes are stable and never reused. Every stage names codes through the constants declared
//! here, never through string literals.

pub mod executor;
pub mod io;
pub mod proofs;
pub mod syntax;
pub mod targets;
pub mod validation;

use executor::CODES as EXECUTOR;
use io::CODES as IO;
use proofs::CODES as PROOFS;
use syntax::CODES as SYNTAX;
use targets::CODES as TARGETS;
use validation::CODES as VALIDATION;

use crate::diag::{Code, Severity};

/// One registered code: what `mxcc explain CODE` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CodeInfo {
    pub code: Code,
    /// Kebab-case name of what the code reports.
    pub name: &'static str,
    /// The family, e.g. `syntax`, `validation`, `permissiveness`.
    pub family: &'static str,
    /// The severity the code is reported with unless configured otherwise.
    pub severity: Severity,
    pub doc: Doc,
}

/// Every code outside the lint rules, in code order.
pub fn all() -> impl Iterator<Item = &'static CodeInfo> {
    [IO, SYNTAX, VALIDATION, PROOFS, TARGETS, EXECUTOR]
        .into_iter()
        .flatten()
}

/// The registered entry of a code, outside the lint rules.
pub fn lookup(code: &str) -> Option<&'static CodeInfo> {
    all().find(|c| c.code.as_str().eq_ignore_ascii_case(code) || c.name == code)
}

/// A code's documentation as written in its source: Markdown, one doc-comment line per line
/// with the single leading space of a `///` comment. Its first paragraph is the summary; the
/// sections follow as `## Title` headings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Doc(pub &'static str);

impl Doc {
    /// The documentation as Markdown, without the comment indentation.
    pub fn markdown(self) -> String {
        let mut out = String::new();
        for line in self.0.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out
    }

    /// The body of one `## <title>` section, trimmed.
    pub fn section(self, title: &str) -> Option<String> {
        let md = self.markdown();
        let heading = format!("## {title}");
        let mut lines = md.lines();
        lines.by_ref().find(|l| l.trim() == heading)?;
        let mut body = Vec::new();
        let mut in_code = false;
        for line in lines {
            if line.starts_with("```") {
                in_code = !in_code;
            }
            if !in_code && line.starts_with("## ") {
                break;
            }
            body.push(line);
        }
        Some(body.join("\n").trim().to_owned())
    }

    /// The section titles, in order.
    pub fn titles(self) -> Vec<String> {
        let md = self.markdown();
        let mut titles = Vec::new();
        let mut in_code = false;
        for line in md.lines() {
            if line.starts_with("```") {
                in_code = !in_code;
            }
            if let Some(title) = line.strip_prefix("## ")
                && !in_code
            {
                titles.push(title.trim().to_owned());
            }
        }
        titles
    }

    /// The first sentence of the first section ("What it does" of a rule) or, without
    /// sections before it, of the leading paragraph.
    pub fn summary(self) -> String {
        let md = self.markdown();
        let lead: Vec<&str> = md.lines().take_while(|l| !l.starts_with("## ")).collect();
        let text = if lead.iter().all(|l| l.trim().is_empty()) {
            self.titles()
                .first()
                .and_then(|t| self.section(t))
                .unwrap_or_default()
        } else {
            lead.join("\n")
        };
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        match flat.find(". ") {
            Some(i) => flat.get(..=i).unwrap_or(&flat).to_owned(),
            None => flat,
        }
    }

    /// The first ```json block of a section, with its optional first-line marker.
    pub fn example(self, title: &str) -> Option<Example> {
        let body = self.section(title)?;
        let mut lines = body.lines().skip_while(|l| !l.starts_with("```json"));
        lines.next()?;
        let code: Vec<&str> = lines.take_while(|l| !l.starts_with("```")).collect();
        Some(Example::parse(&code.join("\n")))
    }
}

/// A documentation example: JSON plus the `// mxcc --platform P --strict --exact` marker line.
///
/// The marker is the optional first line of a ```json block. It says how to check the
/// example (platform default `linux`, strict and exact default off); it is not part of the
/// policy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Example {
    pub platform: crate::Platform,
    pub strict: bool,
    pub exact: bool,
    pub json: String,
}

impl Example {
    /// Splits an optional `// mxcc --platform P --strict --exact` first line from the JSON.
    pub fn parse(text: &str) -> Example {
        let mut example = Example {
            platform: crate::Platform::Linux,
            strict: false,
            exact: false,
            json: text.to_owned(),
        };
        let (first, rest) = text.split_once('\n').unwrap_or((text, ""));
        if let Some(marker) = first.trim().strip_prefix("// mxcc") {
            let mut words = marker.split_whitespace();
            while let Some(word) = words.next() {
                match word {
                    "--strict" => example.strict = true,
                    "--exact" => example.exact = true,
                    "--platform" => {
                        if let Some(p) = words.next().and_then(crate::Platform::parse) {
                            example.platform = p;
                        }
                    }
                    _ => {}
                }
            }
            rest.clone_into(&mut example.json);
        }
        example
    }
}

/// Declares a family's codes: one `pub const NAME: Code` each, and `CODES`, the family's
/// registry entries, documented by the doc comment above each code.
macro_rules! declare_codes {
    (
        family: $family:literal;
        $(
            $(#[doc = $doc:literal])*
            $constant:ident = $code:literal, $name:literal, $severity:ident;
        )*
    ) => {
        $(
            #[doc = concat!("`", $code, "` ", $name, " (see [`CODES`]).")]
            pub const $constant: $crate::Code = $crate::Code($code);
        )*

        /// This family's registry entries, in code order.
        pub const CODES: &[$crate::codes::CodeInfo] = &[
            $(
                $crate::codes::CodeInfo {
                    code: $constant,
                    name: $name,
                    family: $family,
                    severity: $crate::Severity::$severity,
                    doc: $crate::codes::Doc(concat!($($doc, "\n"),*)),
                },
            )*
        ];
    };
}

pub(crate) use declare_codes;

#[cfg(test)]
mod tests;
