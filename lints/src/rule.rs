//! Rule metadata and the `declare_rule!` macro every rule file starts with.

use ir::{Code, Diagnostic, Severity};

/// The three lint families; the code's third digit names the family.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// MX30xx: the policy grants more than it appears to, or more than is safe.
    Permissiveness,
    /// MX31xx: the policy does not mean what it says.
    Correctness,
    /// MX32xx: the policy means different things on different backends or hosts.
    Portability,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Permissiveness => "permissiveness",
            Category::Correctness => "correctness",
            Category::Portability => "portability",
        }
    }

    /// The code prefix of the category, e.g. `MX30`.
    pub fn prefix(self) -> &'static str {
        match self {
            Category::Permissiveness => "MX30",
            Category::Correctness => "MX31",
            Category::Portability => "MX32",
        }
    }
}

/// Whether a rule's behaviour is settled.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// New; its findings may still change between releases.
    Preview,
    Stable,
}

/// Everything known about a rule, for `mxcc rules`, `mxcc explain`, SARIF and the docs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RuleMeta {
    pub code: &'static str,
    /// Kebab-case name of the flagged pattern; reads as "allow <name>".
    pub name: &'static str,
    pub category: Category,
    pub severity: Severity,
    pub status: Status,
    /// The rule's documentation as written in its file: one doc line per line, each with the
    /// single leading space of a `///` comment.
    pub doc: &'static str,
}

impl RuleMeta {
    pub fn code(&self) -> Code {
        Code(self.code)
    }

    /// The documentation as Markdown, without the comment indentation.
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        for line in self.doc.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out
    }

    /// The body of one `## <title>` section, trimmed.
    pub fn section(&self, title: &str) -> Option<String> {
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

    /// The first sentence of "What it does", for short descriptions.
    pub fn summary(&self) -> String {
        let what = self.section("What it does").unwrap_or_default();
        let flat = what.split_whitespace().collect::<Vec<_>>().join(" ");
        match flat.find(". ") {
            Some(i) => flat.get(..=i).unwrap_or(&flat).to_owned(),
            None => flat,
        }
    }

    /// The first ```json block of a section, with its optional first-line marker.
    pub fn example(&self, title: &str) -> Option<Example> {
        let body = self.section(title)?;
        let mut lines = body.lines().skip_while(|l| !l.starts_with("```json"));
        lines.next()?;
        let code: Vec<&str> = lines.take_while(|l| !l.starts_with("```")).collect();
        Some(Example::parse(&code.join("\n")))
    }

    /// A diagnostic of this rule at its default severity.
    pub fn diagnostic(&self, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(self.code(), self.severity, message)
    }
}

/// A documentation example: JSON plus the `// mxcc --platform P --strict` marker line.
///
/// The marker is the optional first line of a ```json block. It says how to check the
/// example (platform default `linux`, strict default off); it is not part of the policy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Example {
    pub platform: ir::Platform,
    pub strict: bool,
    pub json: String,
}

impl Example {
    /// Splits an optional `// mxcc --platform P --strict` first line from the JSON.
    pub fn parse(text: &str) -> Example {
        let mut example = Example {
            platform: ir::Platform::Linux,
            strict: false,
            json: text.to_owned(),
        };
        let (first, rest) = text.split_once('\n').unwrap_or((text, ""));
        if let Some(marker) = first.trim().strip_prefix("// mxcc") {
            let mut words = marker.split_whitespace();
            while let Some(word) = words.next() {
                match word {
                    "--strict" => example.strict = true,
                    "--platform" => {
                        if let Some(p) = words.next().and_then(ir::Platform::parse) {
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

/// Declares a rule's metadata from its doc comment: `pub(crate) const META: RuleMeta`.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        code: $code:literal,
        name: $name:literal,
        category: $category:ident,
        severity: $severity:ident,
        status: $status:ident $(,)?
    ) => {
        pub(crate) const META: $crate::rule::RuleMeta = $crate::rule::RuleMeta {
            code: $code,
            name: $name,
            category: $crate::rule::Category::$category,
            severity: ir::Severity::$severity,
            status: $crate::rule::Status::$status,
            doc: concat!($($doc, "\n"),*),
        };
    };
}

pub(crate) use declare_rule;
