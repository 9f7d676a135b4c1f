//! Values paired with where they were written.

use crate::span::Span;

/// A value with the span it was written at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Spanned<T> {
    pub fn new(value: T, span: Span) -> Spanned<T> {
        Spanned { value, span }
    }
}

/// A value that is either written in the policy (with its span) or MXC's default.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Setting<T> {
    pub value: T,
    pub span: Option<Span>,
}

impl<T> Setting<T> {
    pub fn default_value(value: T) -> Setting<T> {
        Setting { value, span: None }
    }

    pub fn explicit(value: T, span: Span) -> Setting<T> {
        Setting {
            value,
            span: Some(span),
        }
    }

    pub fn is_explicit(&self) -> bool {
        self.span.is_some()
    }
}

impl<T: Default> Default for Setting<T> {
    fn default() -> Setting<T> {
        Setting::default_value(T::default())
    }
}
