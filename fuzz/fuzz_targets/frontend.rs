//! The whole frontend (syntax, header, schema, validation, lowering) on arbitrary bytes, for
//! every platform and both modes. The oracle: no panic, no stack overflow, no hang, and every
//! diagnostic span inside the input.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for platform in [ir::Platform::Linux, ir::Platform::Macos, ir::Platform::Windows] {
        for exact in [false, true] {
            let options = compiler::Options { platform, exact, limits: compiler::Limits::default() };
            let out = compiler::compile(ir::SourceId(0), data, &options);
            for d in &out.diagnostics {
                for l in &d.labels {
                    assert!(l.span.end as usize <= data.len() && l.span.start <= l.span.end);
                }
            }
            if let Some(policy) = &out.policy {
                let _ = ir::printer::print(policy);
            }
        }
    }
});
