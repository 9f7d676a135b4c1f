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

    /// The documentation, parsed.
    pub fn docs(&self) -> ir::codes::Doc {
        ir::codes::Doc(self.doc)
    }

    /// The documentation as Markdown, without the comment indentation.
    pub fn markdown(&self) -> String {
        self.docs().markdown()
    }

    /// The body of one `## <title>` section, trimmed.
    pub fn section(&self, title: &str) -> Option<String> {
        self.docs().section(title)
    }

    /// The first sentence of "What it does", for short descriptions.
    pub fn summary(&self) -> String {
        self.docs().summary()
    }

    /// The first ```json block of a section, with its optional first-line marker.
    pub fn example(&self, title: &str) -> Option<ir::codes::Example> {
        self.docs().example(title)
    }

    /// The rule as an entry of the code registry.
    pub fn info(&self) -> ir::codes::CodeInfo {
        ir::codes::CodeInfo {
            code: self.code(),
            name: self.name,
            family: self.category.as_str(),
            severity: self.severity,
            doc: self.docs(),
        }
    }

    /// A diagnostic of this rule at its default severity.
    pub fn diagnostic(&self, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(self.code(), self.severity, message)
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
