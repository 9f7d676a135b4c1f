//! Conformance suite over MXC's contract fixtures (placeholder).
