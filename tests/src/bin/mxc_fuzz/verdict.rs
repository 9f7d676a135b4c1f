//! mxcc's production verdict for Linux: the frontend (syntax, header, schema, validation and
//! lowering: MX0–MX2) in production mode, as `mxcc check --platform linux` runs it before the
//! lints. MXC's dry run runs no lints, so lints are not part of the comparison.

use compiler::{Options, compile};
use ir::{Backend, Platform, SourceId};

pub(crate) struct MxccVerdict {
    /// Sorted distinct error codes; empty when mxcc accepts.
    pub(crate) codes: Vec<String>,
    /// The first error's message.
    pub(crate) message: String,
    /// The backend a `containment` value names when it is not a Linux one.
    pub(crate) foreign_backend: Option<&'static str>,
}

impl MxccVerdict {
    pub(crate) fn accepts(&self) -> bool {
        self.codes.is_empty()
    }
}

pub(crate) fn check(text: &str) -> MxccVerdict {
    let options = Options {
        platform: Platform::Linux,
        exact: false,
        ..Options::default()
    };
    let result = std::panic::catch_unwind(|| compile(SourceId(0), text.as_bytes(), &options));
    let Ok(output) = result else {
        return MxccVerdict {
            codes: vec!["PANIC".to_owned()],
            message: "the compiler panicked".to_owned(),
            foreign_backend: None,
        };
    };
    let errors: Vec<_> = output.diagnostics.iter().filter(|d| d.is_error()).collect();
    let mut codes: Vec<String> = errors.iter().map(|d| d.code.as_str().to_owned()).collect();
    codes.sort();
    codes.dedup();
    let message = errors
        .first()
        .map(|d| format!("{}: {}", d.code.as_str(), d.message))
        .unwrap_or_default();
    let foreign_backend = output
        .header
        .as_ref()
        .filter(|h| h.containment.requested.is_some())
        .map(compiler::Header::backend)
        .filter(|b| !matches!(b, Backend::Bubblewrap | Backend::Lxc))
        .map(Backend::as_str);
    MxccVerdict {
        codes,
        message,
        foreign_backend,
    }
}
