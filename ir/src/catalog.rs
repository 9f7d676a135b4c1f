//! The built-in catalogue of sensitive locations (placeholder until the lints work lands).
