//! The diagnostic codes of the verifier (MX4001–MX4099); the table is in the crate docs.

use ir::Code;

pub const CONTAINMENT_REFUTED: Code = Code("MX4001");
pub const ACCESS_REMOVED: Code = Code("MX4002");
pub const GUARDRAIL_REFUTED: Code = Code("MX4003");
pub const PROPERTY_REFUTED: Code = Code("MX4004");
pub const UNKNOWN: Code = Code("MX4005");
pub const ARTIFACT_UNSOUND: Code = Code("MX4006");
pub const ARTIFACT_INCOMPLETE: Code = Code("MX4007");
pub const INTERNAL: Code = Code("MX4008");
pub const NOT_APPLICABLE: Code = Code("MX4009");
pub const PROPERTY_SYNTAX: Code = Code("MX4010");
pub const PROPERTY_UNSUPPORTED: Code = Code("MX4011");
pub const SECCOMP_UNEQUAL: Code = Code("MX4012");
