//! MX4xxx: proofs (refuted, unknown, internal).

crate::codes::declare_codes! {
    family: "proofs";

    /// The new policy grants access the baseline policy does not.
    ///
    /// ## What it means
    /// `mxcc diff BASE NEW` and `mxcc check --baseline BASE` prove that every request NEW allows, BASE
    /// allows too. Each counterexample region is reported once, with a witness request replayed
    /// through the reference semantics, the NEW rule that grants it and the BASE rule that decides
    /// against it. `diff` exits 1 when there is any.
    ///
    /// ## Example
    /// ```text
    /// $ mxcc diff --platform linux base.json new.json
    /// error[MX4001]: new policy grants access the baseline does not
    ///   ┌─ new.json:6:23
    /// 6 │     "readonlyPaths": ["/home/dev/.ssh"]
    ///   │                       ^^^^^^^^^^^^^^^^ grants `read /home/dev/.ssh/id_rsa` (`/home/dev/.ssh` in `readonlyPaths`)
    ///   ┌─ base.json:6:21
    /// 6 │     "deniedPaths": ["/home/dev/.ssh"]
    ///   │                     ---------------- the baseline decides here: `/home/dev/.ssh` in `deniedPaths`
    ///   = note: witness: read /home/dev/.ssh/id_rsa (region: read, execute, metadata under `/home/dev/.ssh`)
    /// ```
    ///
    /// ## What to do
    /// Remove or narrow the grant in NEW, or, if the wider access is intended, update the baseline.
    CONTAINMENT_REFUTED = "MX4001", "containment-refuted", Error;

    /// The new policy removes access the baseline policy granted.
    ///
    /// ## What it means
    /// The reverse direction of MX4001, reported by `mxcc diff` only: a request BASE allows and NEW
    /// denies. It is information, since removing access never weakens the sandbox, but it can break
    /// the command. `mxcc check --baseline` drops it; `mxcc diff --fail-on info` fails on it.
    ///
    /// ## Example
    /// ```text
    /// $ mxcc diff --platform linux new.json base.json
    /// note[MX4002]: new policy removes access the baseline granted
    ///   ┌─ new.json:6:23
    /// 6 │     "readonlyPaths": ["/home/dev/.ssh"]
    ///   │                       ^^^^^^^^^^^^^^^^ grants `read /home/dev/.ssh/id_rsa` (`/home/dev/.ssh` in `readonlyPaths`)
    ///   ┌─ base.json:6:21
    /// 6 │     "deniedPaths": ["/home/dev/.ssh"]
    ///   │                     ---------------- the new policy decides here: `/home/dev/.ssh` in `deniedPaths`
    ///   = note: witness: read /home/dev/.ssh/id_rsa (region: read, execute, metadata under `/home/dev/.ssh`)
    /// ```
    ///
    /// ## What to do
    /// Nothing if the removal is intended; otherwise grant the access again in the new policy.
    ACCESS_REMOVED = "MX4002", "access-removed", Info;

    /// The policy grants access a guardrail policy forbids.
    ///
    /// ## What it means
    /// A guardrail is a policy that bounds others: `mxcc prove --guardrail G` and
    /// `mxcc check --guardrail G` prove that every request the policy allows, G allows too. Each
    /// counterexample comes with a replayed witness, the granting rule and the guardrail rule that
    /// decides against it.
    ///
    /// ## Example
    /// ```text
    /// $ mxcc prove --platform linux --guardrail guard.json new.json
    /// error[MX4003]: policy grants access the guardrail forbids
    ///   ┌─ new.json:6:23
    /// 6 │     "readonlyPaths": ["/home/dev/.ssh"]
    ///   │                       ^^^^^^^^^^^^^^^^ grants `read /home/dev/.ssh/id_rsa` (`/home/dev/.ssh` in `readonlyPaths`)
    ///   ┌─ guard.json:6:21
    /// 6 │     "deniedPaths": ["/home/dev/.ssh"]
    ///   │                     ---------------- the guardrail decides here: `/home/dev/.ssh` in `deniedPaths`
    ///   = note: witness: read /home/dev/.ssh/id_rsa (region: read, execute, metadata under `/home/dev/.ssh`)
    /// refuted    guardrail #1
    /// ```
    ///
    /// ## What to do
    /// Narrow the policy until it fits inside the guardrail; change the guardrail only by review.
    GUARDRAIL_REFUTED = "MX4003", "guardrail-refuted", Error;

    /// The policy violates a property of the properties file.
    ///
    /// ## What it means
    /// `mxcc prove --properties FILE` proves each line (`never read PATH`, `never egress CIDR`,
    /// `secrets`, ... as listed in `verify/PROPERTIES.md`) against the policy. A refuted property is
    /// reported with a replayed witness, the rule that grants it and the property line.
    ///
    /// ## Example
    /// ```text
    /// $ cat props.txt
    /// never read /home/dev/.ssh
    /// $ mxcc prove --platform linux --properties props.txt new.json
    /// error[MX4004]: policy violates `never read /home/dev/.ssh`
    ///   ┌─ new.json:6:23
    /// 6 │     "readonlyPaths": ["/home/dev/.ssh"]
    ///   │                       ^^^^^^^^^^^^^^^^ grants `read /home/dev/.ssh/id_rsa` (`/home/dev/.ssh` in `readonlyPaths`)
    ///   ┌─ props.txt:1:1
    /// 1 │ never read /home/dev/.ssh
    ///   │ ------------------------- the property decides here: `never read /home/dev/.ssh` forbids it
    ///   = note: witness: read /home/dev/.ssh/id_rsa (region: read under `/home/dev/.ssh`)
    /// ```
    ///
    /// ## What to do
    /// Remove the grant (or deny the path) so the property holds, or fix the property if it is wrong.
    PROPERTY_REFUTED = "MX4004", "property-refuted", Error;

    /// A proof could not be decided (solver timeout, or a question no engine answers).
    ///
    /// ## What it means
    /// Unknown is never treated as proved. Policy-against-policy and property proofs use the exact
    /// interval engine, so in practice this comes from the z3 queries of `mxcc compile`: the seccomp
    /// bytecode proof and artifact soundness, when a query exceeds `--timeout-ms`. An artifact whose
    /// soundness is unknown is withheld. `mxcc prove --allow-unknown` lets unknown proofs pass.
    ///
    /// ## Example
    /// ```text
    /// $ mxcc compile --platform linux --target seccomp --timeout-ms 1 ok.json
    /// error[MX4005]: the seccomp bytecode proof is unknown
    ///  = help: raise the solver timeout; unknown is never treated as proved
    ///  = note: timeout
    /// ```
    ///
    /// ## What to do
    /// Raise `--timeout-ms` (default 5000); if it persists, simplify the policy and report it.
    UNKNOWN = "MX4005", "proof-unknown", Error;

    /// The emitted artifacts allow access the policy denies.
    ///
    /// ## What it means
    /// `mxcc compile` proves that the composition of every emitted artifact allows nothing the policy
    /// denies. A counterexample the targets did not announce is a compiler bug: an error that withholds
    /// every artifact. One that falls inside a gap a target reported (an MX5xxx diagnostic on the same
    /// domain) is downgraded to a warning that names that gap; the summary line then reads "soundness
    /// holds outside the reported gaps".
    ///
    /// ## Example
    /// ```text
    /// $ mxcc compile -v --platform linux --target landlock ok.json
    /// warning[MX4006]: `landlock` allows access the policy denies
    ///  = note: witness: metadata / (region: metadata `/` itself)
    ///  = note: granted by the model
    ///  = note: the policy decides by no filesystem rule covers the path
    ///  = note: inside a gap the targets reported: MX5003 landlock cannot hide the metadata (`stat`) of paths the policy denies
    /// landlock: soundness holds outside the reported gaps (14 findings inside them); complete
    /// ```
    ///
    /// ## What to do
    /// As a warning: close the named gap (emit the target its help names, e.g. `--target all-linux`).
    /// As an error: report it with the policy; the artifacts are not emitted.
    ARTIFACT_UNSOUND = "MX4006", "artifact-unsound", Error;

    /// The emitted artifacts deny access the policy grants.
    ///
    /// ## What it means
    /// The completeness direction of translation validation in `mxcc compile`: a request the policy
    /// allows that the artifacts block, with a replayed witness. The sandbox is stricter than written,
    /// so the command may fail, but nothing leaks. It usually accompanies a target's own gap report,
    /// e.g. a `~` path that has no host location (MX5002).
    ///
    /// ## Example
    /// ```text
    /// $ mxcc compile -v --platform linux --target landlock --allow-gaps tilde.json
    /// warning[MX4007]: `landlock` does not enforce access the policy grants
    ///   ┌─ tilde.json:4:74
    /// 4 │   "filesystem": {"readwritePaths": ["/tmp/cd456/app"], "readonlyPaths": ["~/.config/tool"]}
    ///   │                                                                          ^^^^^^^^^^^^^^^^ grants `read /home/user/.config/tool/id_rsa` (`~/.config/tool` in `readonlyPaths`)
    ///   = note: witness: read /home/user/.config/tool/id_rsa (region: read, execute under `/home/user/.config/tool`)
    ///   = note: the artifact decides by the model
    /// ```
    ///
    /// ## What to do
    /// Fix the construct the target reported next to it (here: an absolute path or `--home-dir`), or
    /// accept the stricter sandbox.
    ARTIFACT_INCOMPLETE = "MX4007", "artifact-incomplete", Warning;

    /// Internal verifier error: the two engines disagree, or a witness does not replay.
    ///
    /// ## What it means
    /// Every counterexample is replayed through the reference semantics before it is reported; one
    /// that does not replay, or a disagreement between the interval engine and z3, is a bug in mxcc,
    /// never a finding about the policy. It can appear in `mxcc diff`, `prove`, `check --baseline`
    /// or `--guardrail` and `compile`, and makes the command fail. It cannot be provoked on purpose.
    ///
    /// ## Example
    /// ```text
    /// $ mxcc diff base.json new.json
    /// error[MX4008]: internal verifier error
    ///  = help: this is a bug in mxcc; please report it with both policies
    ///  = note: <which obligation failed, and how>
    /// ```
    ///
    /// ## What to do
    /// Report it with the policies involved (and `--dump-smt DIR` output); do not trust that run.
    INTERNAL = "MX4008", "internal-verifier-error", Error;

    /// An artifact does not model a domain (filesystem, network, ...), so no proof covers it there.
    ///
    /// ## What it means
    /// The verifier library reports this for each domain an artifact model leaves out, when one
    /// artifact is validated on its own. No `mxcc` command emits it today: `mxcc compile` validates
    /// the composition of all emitted artifacts, and reports a domain no target enforces through the
    /// targets' own gap codes (for example MX5022) and MX4006/MX4007 witnesses instead.
    ///
    /// ## Example
    /// ```text
    /// (not emitted by any mxcc command; the library message is:)
    /// note[MX4009]: `<target>` does not enforce the <domain> domain
    /// ```
    ///
    /// ## What to do
    /// Nothing; emit a target that enforces the domain if the targets report it as a gap.
    NOT_APPLICABLE = "MX4009", "domain-not-modelled", Info;

    /// A line of a properties file is not a property form.
    ///
    /// ## What it means
    /// `mxcc prove --properties FILE` reads one property per line (forms in `verify/PROPERTIES.md`).
    /// A line that matches no form, names an unknown operation or has a malformed number, CIDR or port
    /// is reported with its span; the other lines are still proved, and `prove` exits 1.
    ///
    /// ## Example
    /// ```text
    /// $ mxcc prove --platform linux --properties bad.txt base.json
    /// error[MX4010]: cannot read property `never chmod /etc`
    ///   ┌─ bad.txt:2:1
    /// 2 │ never chmod /etc
    ///   │ ^^^^^^^^^^^^^^^^ unknown operation `chmod`
    ///   = help: see verify/PROPERTIES.md for the property forms
    /// ```
    ///
    /// ## What to do
    /// Rewrite the line in one of the documented forms, e.g. `never write /etc`.
    PROPERTY_SYNTAX = "MX4010", "property-syntax", Error;

    /// Reserved, never emitted: a property construct the verifier does not support.
    ///
    /// ## What it means
    /// The code is reserved for a property that parses but cannot be proved. No code path emits it:
    /// every parsed property form is supported, and a line that is no property form is MX4010.
    ///
    /// ## Example
    /// ```text
    /// (reserved, never emitted; kept because codes are never reused)
    /// ```
    ///
    /// ## What to do
    /// Nothing; a malformed property line is reported as MX4010.
    PROPERTY_UNSUPPORTED = "MX4011", "property-unsupported", Error;

    /// The seccomp bytecode does not implement its specification.
    ///
    /// ## What it means
    /// When `mxcc compile` emits seccomp, the cBPF program is executed symbolically and proved (with
    /// z3) to return the specification's action for every architecture, syscall number and argument.
    /// A counterexample is a bug in mxcc's cBPF compiler: the filter is withheld and the command fails.
    /// It cannot be provoked on purpose.
    ///
    /// ## Example
    /// ```text
    /// $ mxcc compile --target seccomp policy.json
    /// error[MX4012]: the seccomp program does not implement its specification
    ///  = help: this is a bug in mxcc's cBPF compiler; the filter is not emitted
    ///  = note: witness: <arch, syscall and arguments, with both actions>
    /// ```
    ///
    /// ## What to do
    /// Report it with the policy; do not use a filter from that run.
    SECCOMP_UNEQUAL = "MX4012", "seccomp-unequal", Error;
}
