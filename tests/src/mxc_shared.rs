//! Where MXC's own files are: the directory named by `MXCC_MXC_SHARED`, set by
//! `scripts/mxc-differential`. A suite that needs them fails loudly when they are missing; it
//! never skips.

use std::path::PathBuf;

/// The directory holding `conformance/mxc-contract` and `conformance/mxc-schemas`.
pub(crate) fn conformance_dir() -> PathBuf {
    let Some(root) = std::env::var_os("MXCC_MXC_SHARED") else {
        panic!("MXCC_MXC_SHARED is not set: run these suites through scripts/mxc-differential");
    };
    let dir = PathBuf::from(root).join("conformance");
    assert!(
        dir.join("mxc-contract").is_dir() && dir.join("mxc-schemas").is_dir(),
        "`{}` lacks mxc-contract/ and mxc-schemas/",
        dir.display()
    );
    dir
}
