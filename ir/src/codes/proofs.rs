//! MX4xxx: proofs (refuted, unknown, internal).

crate::codes::declare_codes! {
    family: "proofs";

    /// The new policy grants access the baseline does not.
    CONTAINMENT_REFUTED = "MX4001", "containment-refuted", Error;

    /// The new policy removes access the baseline granted.
    ACCESS_REMOVED = "MX4002", "access-removed", Info;

    /// The policy grants access a guardrail forbids.
    GUARDRAIL_REFUTED = "MX4003", "guardrail-refuted", Error;

    /// The policy violates a property.
    PROPERTY_REFUTED = "MX4004", "property-refuted", Error;

    /// A proof is unknown (solver timeout or unsupported construct).
    UNKNOWN = "MX4005", "proof-unknown", Error;

    /// An artifact allows access the policy denies (unsound translation).
    ARTIFACT_UNSOUND = "MX4006", "artifact-unsound", Error;

    /// An artifact denies access the policy grants (incomplete translation).
    ARTIFACT_INCOMPLETE = "MX4007", "artifact-incomplete", Warning;

    /// Internal verifier error (engines disagree, or a witness does not replay).
    INTERNAL = "MX4008", "internal-verifier-error", Error;

    /// An artifact does not model a domain.
    NOT_APPLICABLE = "MX4009", "domain-not-modelled", Info;

    /// A line of a properties file is malformed.
    PROPERTY_SYNTAX = "MX4010", "property-syntax", Error;

    /// A property construct is not supported.
    PROPERTY_UNSUPPORTED = "MX4011", "property-unsupported", Error;

    /// The seccomp bytecode differs from its specification.
    SECCOMP_UNEQUAL = "MX4012", "seccomp-unequal", Error;
}
