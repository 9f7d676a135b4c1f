//! MX5xxx: target gaps (what a backend cannot enforce exactly).

crate::codes::declare_codes! {
    family: "targets";

    /// The policy is lowered for another platform than the target's.
    ///
    /// ## What it means
    /// Each target belongs to one platform (landlock, seccomp, bwrap, nftables and lxc to Linux,
    /// seatbelt to macOS, appcontainer, firewall and wsb to Windows). A policy checked for another
    /// platform, for instance one whose `containment` is `seatbelt`, is not emitted for it. It is a
    /// refusal: an error that withholds the artifact (a warning with `--allow-gaps`, which still emits
    /// nothing for that target).
    ///
    /// ## Example
    /// ```text
    /// $ mxcc compile --target landlock mac.json
    /// error[MX5001]: the policy is lowered for `macos`, not for linux
    ///   ┌─ mac.json:1:1
    ///   = help: compile with the `--platform` of the target to emit its artifacts
    ///   = note: target `landlock`, construct `platform`
    /// ```
    ///
    /// ## What to do
    /// Pick the targets of the policy's platform (`all-linux`, `all-macos`, `all-windows`), or pass
    /// `--platform` if the platform was inferred wrongly.
    WRONG_PLATFORM = "MX5001", "wrong-platform", Error;

    /// A path has no fixed host location (`~` without a home directory, `$VAR`, `%VAR%`, relative).
    ///
    /// ## What it means
    /// Linux targets bind and open host paths verbatim, so a path with a symbolic root cannot be
    /// written into the artifact; seatbelt expands only `~`. The rule is left out and reported as a
    /// refusal: an error that withholds the artifact, a warning with `--allow-gaps` (the grant is then
    /// missing, see MX4007, and `mxcc run` refuses it as MX6017).
    ///
    /// ## Example
    /// ```text
    /// $ mxcc compile --platform linux --target landlock tilde.json
    /// error[MX5002]: `~/.config/tool` has no fixed host location
    ///   ┌─ tilde.json:4:74
    /// 4 │   "filesystem": {"readwritePaths": ["/tmp/cd456/app"], "readonlyPaths": ["~/.config/tool"]}
    ///   │                                                                          ^^^^^^^^^^^^^^^^ refused
    ///   = help: pass the home directory (`home_dir`) or write an absolute path
    ///   = note: target `landlock`, construct `filesystem.readonlyPaths[0]`
    /// ```
    ///
    /// ## What to do
    /// Write an absolute path, or pass `--home-dir /home/dev` so that `~` resolves.
    SYMBOLIC_PATH = "MX5002", "symbolic-path", Error;

    /// Landlock cannot hide file metadata (`stat`) of paths the policy denies.
    ///
    /// ## What it means
    /// Landlock mediates opening, reading and writing, but `stat` of any path still succeeds, so a
    /// denied or unlisted path's existence, size and times stay visible. It is a refusal: an error
    /// that withholds the landlock artifact when it is compiled alone, information ("covered") when
    /// `bwrap` or `nftables` is emitted alongside (their mount namespace shows only the policy's
    /// paths), a warning with `--allow-gaps`. `mxcc run` closes it with its own mount view.
    ///
    /// ## Example
    /// ```text
    /// $ mxcc compile --platform linux --target landlock ok.json
    /// error[MX5003]: landlock cannot hide the metadata (`stat`) of paths the policy denies
    ///   ┌─ ok.json:4:17
    /// 4 │     "filesystem": {
    ///   │ ╭─────────────────^
    ///   = help: emit `bwrap` alongside: its mount namespace shows only the policy's paths
    ///   = note: target `landlock`, construct `filesystem.metadata`
    /// ```
    ///
    /// ## What to do
    /// Compile `--target all-linux` (or add `bwrap`), or accept the gap with `--allow-gaps`.
    LANDLOCK_METADATA = "MX5003", "landlock-metadata", Error;

    /// The landlock ABI chosen with `--landlock-abi` is too old for a construct the policy needs.
    ///
    /// ## What it means
    /// Without `--landlock-abi` the target picks the lowest ABI that enforces the policy (3 for the
    /// truncate right, 4 for TCP ports, 6 for scoping abstract UNIX sockets and signals). A lower ABI
    /// leaves those constructs unenforced: a refusal, an error that withholds the artifact when landlock
    /// is compiled alone, information when `bwrap` or `nftables` is emitted alongside, a warning with
    /// `--allow-gaps`.
    ///
    /// ## Example
    /// ```text
    /// $ mxcc compile --platform linux --target landlock --landlock-abi 1 ok.json
    /// error[MX5004]: landlock ABI 1 is too old: filesystem writes need the truncate right (ABI 3)
    ///  = help: raise the target ABI, or emit `bwrap` alongside
    ///  = note: target `landlock`, construct `landlock.abi`
    /// ```
    ///
    /// ## What to do
    /// Drop `--landlock-abi` (or raise it to the ABI the message names) and run on a kernel that has it.
    LANDLOCK_ABI = "MX5004", "landlock-abi", Error;

    /// Landlock filters TCP by port only, so a rule limited to some addresses is enforced more strictly.
    ///
    /// ## What it means
    /// Landlock can allow `connect` or `bind` on a TCP port, but for every address or none. A rule that
    /// opens a port only towards some CIDRs (or accepts ingress from some sources only) is enforced as
    /// a deny on that port: stricter than the policy, never looser. It is a warning; the command may
    /// fail to reach the addresses the rule names.
    ///
    /// ## Example
    /// ```text
    /// $ mxcc compile -v --platform linux --target landlock net.json
    /// warning[MX5005]: landlock filters TCP by port only; `network.egress.allow[0]` is enforced as deny on the ports it does not open for every address
    ///   ┌─ net.json:7:7
    /// 7 │       {"to": [{"cidr": "140.82.112.0/20"}], "ports": [{"protocol": "tcp", "port": 443}]}
    ///   │       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ approximated
    ///   = help: accept the stricter rule, or emit `nftables` alongside to filter by address
    /// ```
    ///
    /// ## What to do
    /// Emit `nftables` alongside (`--target all-linux`), which filters by address and port.
    LANDLOCK_NET_ADDRESS = "MX5005", "landlock-net-address", Warning;

    /// Landlock cannot restrict UDP or ICMP (nor, next to nftables, any network traffic).
    ///
    /// ## What it means
    /// Landlock's network rules cover TCP `connect` and `bind` only. A policy that restricts UDP or
    /// ICMP in either direction (for example with an egress default of `deny`) cannot be
    /// enforced by landlock; with `nftables` selected, landlock leaves the whole network to it. It is a
    /// refusal: an error that withholds the landlock artifact when it is compiled alone, information
    /// when `bwrap` or `nftables` is emitted alongside, a warning with `--allow-gaps`.
    ///
    /// ## Example
    /// ```text
    /// $ mxcc compile --platform linux --target landlock udp.json
    /// error[MX5006]: landlock cannot restrict udp egress, which the policy restricts
    ///   ┌─ udp.json:5:14
    /// 5 │     "network": {
    ///   │ ╭──────────────^
    ///   = help: emit `bwrap` (network namespace) or `nftables` alongside
    ///   = note: target `landlock`, construct `network.egress.udp`
    /// ```
    ///
    /// ## What to do
    /// Compile `--target all-linux`, or add `bwrap` or `nftables` to the targets.
    LANDLOCK_NET_PROTOCOL = "MX5006", "landlock-net-protocol", Error;

    /// Reserved, never emitted: a restriction nested inside a wider landlock grant.
    ///
    /// ## What it means
    /// Landlock grants are unions, so a denied path below a granted one cannot be expressed in the
    /// ruleset. The landlock target records such paths as mount masks that the executor applies
    /// before landlock (reported as enforced, with that assumption in `report.json`); this code was
    /// meant to report them and is never emitted.
    ///
    /// ## Example
    /// ```text
    /// (never emitted; kept because codes are never reused)
    /// ```
    ///
    /// ## What to do
    /// Nothing; the mount masks are listed in `landlock.json` and applied by `mxcc run`.
    LANDLOCK_NESTED_RESTRICTION = "MX5007", "landlock-nested-restriction", Warning;

    /// Landlock cannot single out the host loopback or the proxy endpoint.
    ///
    /// ## What it means
    /// Landlock opens TCP ports for every address. With `hostLoopback: deny` and TCP ports opened to
    /// all destinations, the loopback is reachable on those ports: a refusal, an error that withholds
    /// the artifact when landlock is compiled alone, information when `bwrap` or `nftables` is emitted
    /// alongside, a warning with `--allow-gaps`. When the loopback is allowed, or a proxy port stays
    /// closed, the result is only stricter and is reported as a warning.
    ///
    /// ## Example
    /// ```text
    /// $ mxcc compile --platform linux --target landlock lo.json
    /// error[MX5008]: landlock cannot close the host loopback on the TCP ports it opens
    ///   ┌─ lo.json:9:52
    /// 9 │     "ingress": {"default": "deny", "hostLoopback": "deny"}
    ///   │                                                    ^^^^^^ refused
    ///   = help: emit `bwrap` or `nftables` alongside: their network namespace closes the host loopback
    /// ```
    ///
    /// ## What to do
    /// Compile `--target all-linux`: the network namespace of bwrap or nftables closes the loopback.
    LANDLOCK_LOOPBACK = "MX5008", "landlock-loopback", Error;

    /// The seccomp filter exceeds the kernel's limit of 4096 instructions.
    ///
    /// ## What it means
    /// The kernel refuses a longer cBPF program. The filter mxcc emits depends only on the
    /// architecture and on whether the policy uses the network, and is far below the limit (about 70
    /// instructions), so this appears only on a bug in mxcc's cBPF compiler. It is a refusal: an error
    /// that withholds the artifact, a warning with `--allow-gaps`.
    ///
    /// ## Example
    /// ```text
    /// $ mxcc compile --target seccomp policy.json
    /// error[MX5020]: the filter has <n> instructions; the kernel accepts 4096
    ///  = help: report this as a compiler bug
    ///  = note: target `seccomp`, construct `seccomp`
    /// ```
    ///
    /// ## What to do
    /// Report it with the policy.
    SECCOMP_TOO_LARGE = "MX5020", "seccomp-too-large", Error;

    /// The seccomp filter restricts socket families, not the addresses and ports the policy names.
    ///
    /// ## What it means
    /// When the policy allows some network traffic, the filter must allow IP sockets, and seccomp
    /// cannot see the destination (it sits behind a pointer). It is a refusal: an error that withholds
    /// the artifact when seccomp is compiled alone, information when `nftables` is emitted alongside
    /// and filters addresses and ports, a warning with `--allow-gaps`. A policy without network access
    /// gets a filter that allows only `AF_UNIX` sockets, which is exact.
    ///
    /// ## Example
    /// ```text
    /// $ mxcc compile --platform linux --target seccomp net.json
    /// error[MX5021]: seccomp restricts socket families, not the addresses and ports the policy names
    ///    ┌─ net.json:5:14
    ///  5 │     "network": {
    ///    │ ╭──────────────^
    ///    = help: emit `nftables` alongside to filter by address and port
    ///    = note: target `seccomp`, construct `network`
    /// ```
    ///
    /// ## What to do
    /// Compile `--target all-linux` (or add `nftables`).
    SECCOMP_NET_COARSE = "MX5021", "seccomp-net-coarse", Error;

    /// The seccomp filter does not restrict filesystem paths.
    ///
    /// ## What it means
    /// Seccomp sees syscall numbers and register values, never the path strings behind them, so it
    /// cannot enforce `filesystem`. It is a refusal: an error that withholds the artifact when seccomp
    /// is compiled alone, information when `bwrap` or `landlock` is emitted alongside, a warning with
    /// `--allow-gaps`.
    ///
    /// ## Example
    /// ```text
    /// $ mxcc compile --platform linux --target seccomp ok.json
    /// error[MX5022]: seccomp does not restrict filesystem paths
    ///   ┌─ ok.json:4:17
    /// 4 │     "filesystem": {
    ///   │ ╭─────────────────^
    ///   = help: emit `bwrap` or `landlock` alongside
    ///   = note: target `seccomp`, construct `filesystem`
    /// ```
    ///
    /// ## What to do
    /// Compile `--target all-linux` (or add `landlock` or `bwrap`).
    SECCOMP_FS = "MX5022", "seccomp-fs", Error;

    /// Bubblewrap mounts system directories the policy does not list (MXC's runtime baseline).
    ///
    /// ## What it means
    /// Like MXC's bubblewrap backend, the `bwrap` artifact binds `/usr`, `/etc`, `/lib` and other
    /// system directories read-only, plus `/dev`, `/proc` and a private `/tmp`, so that `sh -c` can
    /// start. The sandbox can therefore read more than the policy lists: a warning (a
    /// compatibility grant).
    ///
    /// ## Example
    /// ```text
    /// $ mxcc compile -v --platform linux --target bwrap base.json
    /// warning[MX5030]: bwrap mounts system directories, `/dev` and `/proc` that the policy does not list (MXC baseline)
    ///  = help: list them in `readonlyPaths` to make the grant explicit, or build with the baseline off
    ///  = note: target `bwrap`, construct `runtime baseline`
    /// ```
    ///
    /// ## What to do
    /// List the system directories in `readonlyPaths` to make the grant explicit, or accept it.
    BWRAP_BASELINE = "MX5030", "bwrap-baseline", Warning;

    /// The policy allows some network traffic, but bwrap alone isolates the network.
    ///
    /// ## What it means
    /// `bwrap --unshare-net` leaves the sandbox with no network at all, which is stricter than a
    /// policy that allows some egress. It is a warning when bwrap is compiled without `nftables`;
    /// with `nftables` the executor connects the namespace and nftables filters it, reported as
    /// information.
    ///
    /// ## Example
    /// ```text
    /// $ mxcc compile -v --platform linux --target bwrap net.json
    /// warning[MX5031]: the policy allows some network traffic, but bwrap alone isolates the network namespace
    ///    ┌─ net.json:5:14
    ///  5 │     "network": {
    ///    │ ╭──────────────^
    ///    = help: emit `nftables` alongside so the executor can connect and filter the namespace
    ///    = note: target `bwrap`, construct `network`
    /// ```
    ///
    /// ## What to do
    /// Compile `--target all-linux` (or add `nftables`) when the command needs the network.
    BWRAP_NET_ISOLATED = "MX5031", "bwrap-net-isolated", Warning;

    /// The host loopback cannot be reached, or closed, the way the policy says.
    ///
    /// ## What it means
    /// A sandbox in its own network namespace (nftables, lxc) has its own loopback, so the host's is
    /// unreachable even when `hostLoopback` allows it: a warning, stricter than the policy. The Windows
    /// firewall target is the other way round: its rules do not apply to loopback traffic, so it cannot
    /// close it; that is a refusal (an error alone, information next to `appcontainer`).
    ///
    /// ## Example
    /// ```text
    /// $ mxcc compile -v --platform linux --target nftables legacy-open.json
    /// warning[MX5032]: the host loopback is unreachable from the sandbox's network namespace
    ///   ┌─ legacy-open.json:5:14
    /// 5 │   "network": {"defaultPolicy": "allow", "allowLocalNetwork": true}
    ///   │              ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ approximated
    ///   = help: use a proxy on the host loopback for the services the sandbox needs
    ///   = note: target `nftables`, construct `network.ingress.hostLoopback`
    /// ```
    ///
    /// ## What to do
    /// Reach host services through a loopback proxy (`runtimeConfig.networkProxy`); on Windows, emit
    /// `--target all-windows`.
    HOST_LOOPBACK = "MX5032", "host-loopback", Warning;

    /// A path's kind is unknown (not examined, or neither a directory nor a file on this host), so
    /// the stricter form was chosen.
    ///
    /// ## What it means
    /// Masks and mounts depend on the kind of path: bwrap hides a denied directory with an empty
    /// read-only directory and a denied file with `/dev/null`. A denied path that is missing (or a
    /// device, socket or FIFO) gets the directory mask, and bwrap creates the mount point. It is a
    /// warning: the path stays hidden, and bwrap fails to start if it is a file at run time.
    /// With `--assume-host none` (the default of `mxcc compile`) no path is examined: every such
    /// mask (bwrap) and mount (lxc) gets the directory form and this warning, and each target
    /// whose artifact would follow a symbolic link reports once that it assumes there is none.
    ///
    /// ## Example
    /// ```text
    /// $ mxcc compile -v --assume-host current --platform linux --target bwrap base.json
    /// warning[MX5033]: `/home/dev/.ssh` is not a directory or file on this host; it is masked by an empty read-only directory
    ///   ┌─ base.json:6:21
    /// 6 │     "deniedPaths": ["/home/dev/.ssh"]
    ///   │                     ^^^^^^^^^^^^^^^^ approximated
    ///   = help: bwrap creates the mount point; check the path
    /// ```
    ///
    /// ## What to do
    /// Compile with `--assume-host current` on the machine that runs the sandbox, where the path
    /// exists, or check the spelling.
    PATH_KIND = "MX5033", "path-kind", Warning;

    /// A policy path is, or passes through, a symbolic link on this host.
    ///
    /// ## What it means
    /// Mounts and landlock rules follow symbolic links, so a mask would hide the link's target (bwrap)
    /// and a grant would grant it (landlock, lxc), not the path the policy names. It is a refusal:
    /// an error that withholds the artifact, a warning with `--allow-gaps`. Only reported with
    /// `--assume-host current`; otherwise the assumption that no path is a link is (MX5033).
    ///
    /// ## Example
    /// ```text
    /// $ mxcc compile --assume-host current --platform linux --target bwrap sym.json
    /// error[MX5034]: `/tmp/cd456/link` is or passes through a symbolic link; a mask would hide its target instead
    ///   ┌─ sym.json:4:72
    /// 4 │   "filesystem": {"readwritePaths": ["/tmp/cd456/app"], "deniedPaths": ["/tmp/cd456/link"]}
    ///   │                                                                        ^^^^^^^^^^^^^^^^^ refused
    ///   = help: list the resolved path in `deniedPaths`
    /// ```
    ///
    /// ## What to do
    /// List the resolved path (`realpath`) instead of the link.
    SYMLINK_PATH = "MX5034", "symlink-path", Error;

    /// A path the policy grants does not exist on this host.
    ///
    /// ## What it means
    /// bwrap refuses to start when a bind source is missing, and landlock cannot open a missing path
    /// to grant it, so the grant is left out (landlock) or the run fails (bwrap). Both are stricter
    /// than the policy, so it is a warning. `mxcc run` skips such a grant; a path that disappears after
    /// compiling is refused at run time (MX6013).
    ///
    /// ## Example
    /// ```text
    /// $ mxcc compile -v --assume-host current --platform linux --target bwrap base.json
    /// warning[MX5035]: `/home/dev/app` does not exist; bwrap will refuse to start
    ///   ┌─ base.json:5:24
    /// 5 │     "readwritePaths": ["/home/dev/app"],
    ///   │                        ^^^^^^^^^^^^^^^ approximated
    ///   = help: create the path before running, or remove it from the policy
    /// ```
    ///
    /// ## What to do
    /// Create the path before running, or remove it from the policy.
    MISSING_PATH = "MX5035", "missing-path", Warning;

    /// A legacy host-list entry names a host, and the firewall filters addresses only.
    ///
    /// ## What it means
    /// In 0.6/0.7 policies `allowedHosts` and `blockedHosts` may name DNS hosts. nftables (and the
    /// lxc firewall) cannot match names: an allowed name is not opened (a warning, stricter), and a
    /// blocked name cannot be blocked, a refusal (an error that withholds the artifact, a warning with
    /// `--allow-gaps`).
    ///
    /// ## Example
    /// ```text
    /// $ mxcc compile -v --platform linux --target nftables hosts.json
    /// warning[MX5040]: `github.com` is a host name; nftables cannot allow it
    ///   ┌─ hosts.json:5:77
    /// 5 │   "network": {"defaultPolicy": "block", "allowedHosts": ["140.82.112.0/20", "github.com"]}
    ///   │                                                                             ^^^^^^^^^^^^ approximated
    ///   = help: use a proxy that filters names, or list addresses
    /// ```
    ///
    /// ## What to do
    /// List the addresses (CIDRs) instead, or filter names in a proxy.
    NFT_HOST_NAME = "MX5040", "nft-host-name", Warning;

    /// An egress rule covers the namespace gateway, which stands for the host and stays closed.
    ///
    /// ## What it means
    /// The executor connects the sandbox's network namespace through a gateway address (`10.0.2.2`)
    /// that reaches the host. nftables keeps it closed (the host loopback is not part of egress), so an
    /// allow rule covering it does not open it; a proxy not on the host loopback is reachable only
    /// through the egress rules. Both are stricter than the policy: a warning.
    ///
    /// ## Example
    /// ```text
    /// $ mxcc compile -v --platform linux --target nftables open.json
    /// warning[MX5041]: `10.0.2.2` is the namespace gateway (the host); `network.egress.allow[0]` does not reach it
    ///   ┌─ open.json:7:7
    /// 7 │       {"to": [{"cidr": "0.0.0.0/0"}], "ports": [{"protocol": "tcp", "port": 443}]}
    ///   │       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ approximated
    ///   = help: nothing to do unless the sandbox must reach that address
    /// ```
    ///
    /// ## What to do
    /// Nothing, unless the sandbox must reach the host: then use a proxy on the host loopback.
    NFT_PROXY_GATEWAY = "MX5041", "nft-proxy-gateway", Warning;

    /// Inbound traffic is accepted in the namespace, but only forwarded ports reach it.
    ///
    /// ## What it means
    /// With an ingress default of `allow` (a legacy `allowLocalNetwork: true`), the nftables ruleset
    /// accepts inbound packets, but the sandbox sits in its own network namespace behind a user-mode
    /// network stack, so connections arrive only on ports forwarded into it. Stricter than the policy:
    /// a warning.
    ///
    /// ## Example
    /// ```text
    /// $ mxcc compile -v --platform linux --target nftables legacy-open.json
    /// warning[MX5042]: inbound traffic is accepted in the namespace, but arrives only through ports the executor forwards
    ///   ┌─ legacy-open.json:5:62
    /// 5 │   "network": {"defaultPolicy": "allow", "allowLocalNetwork": true}
    ///   │                                                              ^^^^ approximated
    ///   = help: configure port forwarding in the executor
    /// ```
    ///
    /// ## What to do
    /// Deny ingress if the command does not listen; `mxcc run` forwards no ports today.
    NFT_INGRESS = "MX5042", "nft-ingress", Warning;

    /// Reserved, never emitted: a gap of one target closed by another target emitted alongside.
    ///
    /// ## What it means
    /// A covered gap is reported under the gap's own code (for example MX5003 or MX5022) as
    /// information, with the note "the `T` artifact closes this gap", and recorded as `covered` in
    /// `report.json`. This separate code was never emitted.
    ///
    /// ## Example
    /// ```text
    /// (never emitted; kept because codes are never reused)
    /// ```
    ///
    /// ## What to do
    /// Nothing; read the covered gap's own code.
    GAP_COVERED = "MX5090", "gap-covered", Warning;

    /// A path (or Mach service name) cannot be written into a Seatbelt profile.
    ///
    /// ## What it means
    /// SBPL string literals cannot carry control characters, so a path with a tab, newline or other
    /// control character cannot be granted or denied in the profile. It is a refusal: an error that
    /// withholds the profile, a warning with `--allow-gaps`.
    ///
    /// ## Example
    /// ```text
    /// $ mxcc compile --platform macos --target seatbelt mac3.json
    /// error[MX5100]: `/Users/dev/tab	name` contains a control character SBPL strings cannot carry
    ///   ┌─ mac3.json:5:55
    /// 5 │   "filesystem": {"readwritePaths": ["/Users/dev/app", "/Users/dev/tab\u0009name"]}
    ///   │                                                       ^^^^^^^^^^^^^^^^^^^^^^^^^^ refused
    ///   = help: rename the path
    /// ```
    ///
    /// ## What to do
    /// Rename the path (or the service) so it has no control characters.
    PATH_SPELLING = "MX5100", "path-spelling", Error;

    /// The Seatbelt profile grants system locations the policy does not list, so programs can start.
    ///
    /// ## What it means
    /// Like MXC's Seatbelt backend, the profile reads `/bin`, `/usr/lib`, `/System` and a few other
    /// system locations, runs programs from `/bin` and `/usr/bin`, opens `/dev/null`, `/dev/tty` and
    /// the random devices, and allows `stat` on the ancestors of granted paths. The sandbox therefore
    /// reads more than the policy lists: a warning (a compatibility grant).
    ///
    /// ## Example
    /// ```text
    /// $ mxcc compile -v --platform macos --target seatbelt mac1.json
    /// warning[MX5101]: `stat` is allowed on 5 ancestor directories of granted paths
    ///  = help: this reveals only the existence and attributes of those directories
    ///  = note: target `seatbelt`, construct `baseline.ancestors`
    /// ```
    ///
    /// ## What to do
    /// Nothing, unless a system location itself holds secrets; then deny it in `deniedPaths`.
    SEATBELT_BASELINE = "MX5101", "seatbelt-baseline", Warning;

    /// Seatbelt network filters name only `*` or `localhost`: no address, CIDR or host-name rules.
    ///
    /// ## What it means
    /// SBPL cannot filter outbound traffic by remote address, so egress rules and host lists cannot be
    /// enforced. It is a refusal (an error that withholds the profile, a warning with `--allow-gaps`),
    /// but validation rejects the policies that would reach it on the `seatbelt` backend (MX2408 for
    /// egress rules, MX2414 for host lists), so it is not expected from a policy `mxcc check` accepts.
    ///
    /// ## Example
    /// ```text
    /// $ mxcc compile --platform macos --target seatbelt policy.json
    /// error[MX5102]: Seatbelt cannot filter by address or CIDR; `network.egress.allow[0]` cannot be enforced
    ///  = help: route egress through `runtimeConfig.networkProxy` on the host loopback and filter in the proxy
    /// ```
    ///
    /// ## What to do
    /// Deny egress and filter in a loopback proxy (`runtimeConfig.networkProxy`).
    SEATBELT_NET_ADDRESS = "MX5102", "seatbelt-net-address", Error;

    /// SBPL's `localhost` does not cover all of the host loopback.
    ///
    /// ## What it means
    /// Seatbelt names the loopback only as `localhost` (`127.0.0.1` and `::1`). With egress allowed and
    /// `hostLoopback: deny`, `127.0.0.2` and `::ffff:127.0.0.1` stay reachable, and allowed ingress
    /// cannot exclude loopback peers: refusals, errors that withhold the profile (warnings with
    /// `--allow-gaps`). With `hostLoopback: allow`, other loopback addresses stay closed: a warning.
    ///
    /// ## Example
    /// ```text
    /// $ mxcc compile --platform macos --target seatbelt mac1.json
    /// error[MX5103]: egress is allowed and the host loopback must stay closed, but SBPL's `localhost` covers only `127.0.0.1` and `::1`: `127.0.0.2` and `::ffff:127.0.0.1` stay reachable
    ///    ┌─ mac1.json:21:18
    /// 21 │       "default": "allow"
    ///    │                  ^^^^^^^ refused
    ///    = help: deny egress and use a loopback proxy (`runtimeConfig.networkProxy`)
    /// ```
    ///
    /// ## What to do
    /// Deny egress and use a loopback proxy, or allow the host loopback.
    SEATBELT_LOOPBACK = "MX5103", "seatbelt-loopback", Error;

    /// Seatbelt cannot tell clipboard directions apart, so a one-way clipboard is denied.
    ///
    /// ## What it means
    /// The pasteboard is one Mach service: a profile can allow it or deny it, not read only or write
    /// only. `ui.clipboard: read` or `write` is therefore enforced as no clipboard at all, which is
    /// stricter: a warning.
    ///
    /// ## Example
    /// ```text
    /// $ mxcc compile -v --platform macos --target seatbelt mac1.json
    /// warning[MX5104]: Seatbelt cannot allow only `read` on the pasteboard; the pasteboard is denied
    ///    ┌─ mac1.json:30:18
    /// 30 │     "clipboard": "read"
    ///    │                  ^^^^^^ approximated
    ///    = help: use `all` if both directions are acceptable
    /// ```
    ///
    /// ## What to do
    /// Use `all` if both directions are acceptable, or `none`.
    SEATBELT_CLIPBOARD = "MX5104", "seatbelt-clipboard", Warning;

    /// A grant nested under a denied path stays denied, because MXC's Seatbelt emits denials last.
    ///
    /// ## What it means
    /// In SBPL the last matching rule wins, and MXC writes every `deniedPaths` rule after the grants,
    /// so a path granted below a denied directory is denied too. mxcc emits the same order, so the
    /// profile is stricter than the policy's most-specific-wins reading: a warning.
    ///
    /// ## Example
    /// ```text
    /// $ mxcc compile -v --platform macos --target seatbelt mac1.json
    /// warning[MX5105]: `/Users/dev/app/vault/public` stays denied below `/Users/dev/app/vault`, although the policy grants it (MXC's Seatbelt emits denials last)
    ///    ┌─ mac1.json:16:7
    /// 16 │       "/Users/dev/app/vault"
    ///    │       ^^^^^^^^^^^^^^^^^^^^^^ approximated
    ///    = help: move the grant out of the denied directory, or deny narrower paths
    /// ```
    ///
    /// ## What to do
    /// Move the grant out of the denied directory, or deny narrower paths beside it.
    SEATBELT_DENY_LAST = "MX5105", "seatbelt-deny-last", Warning;

    /// `seatbelt.profileOverride` replaces the generated profile, so none of the policy is enforced.
    ///
    /// ## What it means
    /// MXC runs a `profileOverride` verbatim instead of the profile it would generate, so the policy's
    /// filesystem, network and UI sections are not what the sandbox enforces. mxcc cannot verify an
    /// arbitrary profile. It is a refusal: an error that withholds the profile, a warning with
    /// `--allow-gaps`.
    ///
    /// ## Example
    /// ```text
    /// $ mxcc compile --target seatbelt corpus/seatbelt-profile-override/policy.json
    /// error[MX5106]: `profileOverride` replaces the generated profile, so MXC would enforce none of this policy
    ///    ┌─ corpus/seatbelt-profile-override/policy.json:35:24
    /// 35 │     "profileOverride": "(version 1)\n(allow default)\n(deny file-write* (subpath \"/System\"))",
    ///    │                        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ refused
    /// ```
    ///
    /// ## What to do
    /// Remove `profileOverride`; `--seatbelt-override` emits an MXC config carrying the verified profile.
    SEATBELT_OVERRIDE = "MX5106", "seatbelt-override", Error;

    /// A `seatbelt` setting grants more than the policy's vocabulary can express, or cannot be granted.
    ///
    /// ## What it means
    /// `keychainAccess`, `guiAccess` and `nestedPty` (on by default) open Mach services, IOKit or
    /// terminal devices that `filesystem`, `network` and `ui` do not describe; input injection needs
    /// IOKit access that only `guiAccess` grants. These are compatibility grants (or stricter
    /// denials): warnings.
    ///
    /// ## Example
    /// ```text
    /// $ mxcc compile -v --platform macos --target seatbelt mac1.json
    /// warning[MX5107]: `keychainAccess` opens the Security framework's services; MXC's read-write `/private/var/folders` and `~/Library/Keychains` are not granted
    ///    ┌─ mac1.json:33:23
    /// 33 │     "keychainAccess": true
    ///    │                       ^^^^ compat-grant
    ///    = help: list the keychain files the command needs in `readwritePaths`
    /// ```
    ///
    /// ## What to do
    /// Turn the setting off unless the command needs it; set `seatbelt.nestedPty: false` without a terminal.
    SEATBELT_SETTING = "MX5107", "seatbelt-setting", Warning;

    /// The sandbox cannot reach the configured proxy.
    ///
    /// ## What it means
    /// The target cannot open the proxy endpoint: AppContainer keeps loopback isolation closed without
    /// `hostLoopback: allow` (PSEC's `allowedProxyPeer` is not modelled); Seatbelt can allow only a
    /// proxy on the host loopback; MXC's LXC backend has no proxy support. The sandbox then has less
    /// network than the policy says: a warning.
    ///
    /// ## Example
    /// ```text
    /// $ mxcc compile -v --platform windows --target appcontainer win3.json
    /// warning[MX5108]: the loopback proxy is unreachable: AppContainer loopback isolation stays closed without `hostLoopback: allow` (PSEC's `allowedProxyPeer` is not modelled)
    ///    ┌─ win3.json:23:21
    /// 23 │     "networkProxy": "http://127.0.0.1:3128"
    ///    │                     ^^^^^^^^^^^^^^^^^^^^^^^ approximated
    ///    = help: set `hostLoopback: allow` for the identity-less proxy path
    /// ```
    ///
    /// ## What to do
    /// Set `hostLoopback: allow` (AppContainer), or run the proxy on the host loopback (Seatbelt).
    PROXY_UNREACHABLE = "MX5108", "proxy-unreachable", Warning;

    /// AppContainer network capabilities do not match the policy's network exactly.
    ///
    /// ## What it means
    /// AppContainer filters the network with coarse capabilities: `internetClient` opens every public
    /// destination, `privateNetworkClientServer` opens private networks in both directions. Private
    /// networks left closed, or ingress limited to private peers, are warnings (stricter). Egress rules
    /// that `internetClient` would widen are a refusal: an error that withholds the artifact when
    /// appcontainer is compiled alone, information next to `firewall`, a warning with `--allow-gaps`.
    ///
    /// ## Example
    /// ```text
    /// $ mxcc compile --platform windows --target appcontainer win1.json
    /// error[MX5120]: `internetClient` opens all public destinations; the egress rules need the firewall rules
    ///   ┌─ win1.json:9:7
    /// 9 │       {"to": [{"cidr": "140.82.112.0/20"}], "ports": [{"protocol": "tcp", "port": 443}]}
    ///   │       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ refused
    ///   = help: emit the `firewall` target alongside (`--target all-windows`)
    /// ```
    ///
    /// ## What to do
    /// Compile `--target all-windows` so the firewall rules enforce the egress rules.
    APPCONTAINER_CAPABILITY = "MX5120", "appcontainer-capability", Warning;

    /// Packaged processes read system locations through stock `ALL APPLICATION PACKAGES` ACEs.
    ///
    /// ## What it means
    /// Windows grants every AppContainer read access to `C:\Windows`, `C:\Program Files` and similar
    /// locations through ACEs for `ALL APPLICATION PACKAGES`. The policy does not list them, yet the
    /// sandbox can read them: a warning (a compatibility grant). Less-privileged AppContainers (LPAC)
    /// drop most of these ACEs.
    ///
    /// ## Example
    /// ```text
    /// $ mxcc compile -v --platform windows --target appcontainer corpus/pwsh-win-dangerous/policy.json
    /// warning[MX5121]: stock `ALL APPLICATION PACKAGES` ACEs let the package read `C:\Windows`, `C:\Program Files`, `C:\Program Files (x86)`
    ///  = help: set `processContainer.leastPrivilege: true` (LPAC) to drop most package-wide grants
    ///  = note: target `appcontainer`, construct `baseline`
    /// ```
    ///
    /// ## What to do
    /// Set `processContainer.leastPrivilege: true`.
    APPCONTAINER_PACKAGE_ACES = "MX5121", "appcontainer-package-aces", Warning;

    /// A grant on a volume root (`C:\`) is applied to the root only, without inheritance.
    ///
    /// ## What it means
    /// Granting a whole volume would rewrite the ACLs of every file on it, so the ACE is set on the
    /// root directory only and not inherited. The sandbox gets less than the policy says: a warning.
    ///
    /// ## Example
    /// ```text
    /// $ mxcc compile -v --platform windows --target appcontainer corpus/pwsh-win-dangerous/policy.json
    /// warning[MX5122]: `C:\` is a volume root: the ACE is set on the root only, not inherited by the whole volume
    ///    ┌─ corpus/pwsh-win-dangerous/policy.json:14:7
    /// 14 │       "C:\\"
    ///    │       ^^^^^^ approximated
    ///    = help: list the directories under the root that the command needs
    /// ```
    ///
    /// ## What to do
    /// List the directories under the root that the command needs.
    APPCONTAINER_VOLUME_ROOT = "MX5122", "appcontainer-volume-root", Warning;

    /// The Windows build chosen with `--windows-build` lacks a UI limit the policy needs.
    ///
    /// ## What it means
    /// Job-object UI limits such as IME (build 22621) and input injection (26100) exist only on newer
    /// builds. With `ui.disable` (the default) no UI is possible anyway, so a missing limit is a
    /// warning. When the policy enables UI, the limit cannot be enforced: a refusal, an error that
    /// withholds the artifact (a warning with `--allow-gaps`).
    ///
    /// ## Example
    /// ```text
    /// $ mxcc compile --platform windows --target appcontainer --windows-build 19045 win1.json
    /// error[MX5123]: Windows build 19045 lacks `IME`, `INJECTION`; the job object cannot enforce it
    ///    ┌─ win1.json:13:9
    /// 13 │   "ui": {"disable": false, "clipboard": "none", "injection": false},
    ///    │         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ refused
    ///    = help: run on a newer build (IME: 22621, injection: 26100)
    /// ```
    ///
    /// ## What to do
    /// Target a newer build (`--windows-build 26100`, the default) and run on it, or disable UI.
    WINDOWS_BUILD = "MX5123", "windows-build", Warning;

    /// Network capabilities listed in `processContainer.capabilities` are dropped and re-derived.
    ///
    /// ## What it means
    /// In the legacy network shape MXC keeps listed network capabilities such as `internetClient`,
    /// granting network access the policy's `network` section blocks. mxcc drops them and derives the
    /// capabilities from `network`, so the sandbox gets only what the policy says: a warning, as the
    /// result differs from MXC's. In the 0.8 shape they are re-derived silently.
    ///
    /// ## Example
    /// ```text
    /// $ mxcc compile -v --platform windows --target appcontainer corpus/pwsh-win-dangerous/policy.json
    /// warning[MX5124]: `internetClient` is dropped: MXC keeps it in the legacy shape and grants network the policy blocks
    ///    ┌─ corpus/pwsh-win-dangerous/policy.json:22:7
    /// 22 │       "internetClient"
    ///    │       ^^^^^^^^^^^^^^^^ approximated
    ///    = help: express network access with `network`, not capabilities
    /// ```
    ///
    /// ## What to do
    /// Remove network capabilities from `capabilities` and express the access in `network`.
    APPCONTAINER_NET_CAPS = "MX5124", "appcontainer-net-caps", Warning;

    /// A Windows setting changes what the AppContainer enforces in a way mxcc does not model.
    ///
    /// ## What it means
    /// No `containerId` (every run shares MXC's default identity) and `preservePolicy` (ACEs left on
    /// the host) are warnings. `captureDenials.mode: allow` (learning mode: every access allowed and
    /// only logged) and `allowDaclMutation: false` where the filesystem can only be enforced through
    /// host ACLs are refusals: errors that withhold the artifact, warnings with `--allow-gaps`.
    ///
    /// ## Example
    /// ```text
    /// $ mxcc compile -v --platform windows --target appcontainer corpus/pwsh-win-dangerous/policy.json
    /// warning[MX5125]: no `containerId`: every run shares MXC's default identity `CLI`, its ACEs and firewall rules
    ///  = help: set a unique `containerId` per sandbox
    ///  = note: target `appcontainer`, construct `containerId`
    /// ```
    ///
    /// ## What to do
    /// Set a unique `containerId`; use `captureDenials.mode: block`; allow DACL mutation if needed.
    APPCONTAINER_SETTING = "MX5125", "appcontainer-setting", Warning;

    /// Windows Firewall (and AppContainer capabilities) cannot filter host names.
    ///
    /// ## What it means
    /// Firewall rules match addresses, so a host name in a legacy host list cannot be enforced. It is
    /// a refusal (an error that withholds the artifact, a warning with `--allow-gaps`), but validation
    /// rejects host lists on Windows today (MX2414), so no policy `mxcc check` accepts reaches it.
    ///
    /// ## Example
    /// ```text
    /// $ mxcc compile --platform windows --target firewall policy.json
    /// error[MX5130]: `github.com` is a host name; Windows Firewall filters addresses
    ///  = help: list the addresses instead
    /// ```
    ///
    /// ## What to do
    /// List the addresses (CIDRs) in the rules instead of names.
    FIREWALL_HOST_NAME = "MX5130", "firewall-host-name", Error;

    /// The firewall rules and MXC's handling of host firewall state differ.
    ///
    /// ## What it means
    /// In the legacy `capabilities` enforcement mode MXC installs no firewall rules, while mxcc's rules
    /// enforce `defaultPolicy` anyway; with `preservePolicy` the rules stay on the host after the
    /// command exits. Both make the host's firewall state differ from what MXC alone would leave: a
    /// warning.
    ///
    /// ## Example
    /// ```text
    /// $ mxcc compile -v --platform windows --target all-windows corpus/pwsh-win-dangerous/policy.json
    /// warning[MX5131]: MXC installs no firewall rules in `capabilities` mode; mxcc's rules enforce `defaultPolicy` anyway
    ///  = help: nothing to do
    ///  = note: target `firewall`, construct `network.enforcementMode`
    /// ```
    ///
    /// ## What to do
    /// Nothing in `capabilities` mode; leave `preservePolicy` off unless the rules must persist.
    FIREWALL_HOST_STATE = "MX5131", "firewall-host-state", Warning;

    /// The firewall mediates network traffic only, not files or UI.
    ///
    /// ## What it means
    /// The `firewall` artifact enforces `network` and nothing else. Compiled alone, the policy's
    /// filesystem and UI sections are unenforced: a refusal, an error that withholds the artifact
    /// (a warning with `--allow-gaps`). With `appcontainer` alongside (`--target all-windows`) it is
    /// information ("covered").
    ///
    /// ## Example
    /// ```text
    /// $ mxcc compile --platform windows --target firewall corpus/pwsh-win-dangerous/policy.json
    /// error[MX5132]: firewall rules do not restrict files or UI
    ///  = help: emit the `appcontainer` target alongside (`--target all-windows`)
    ///  = note: target `firewall`, construct `filesystem, ui`
    /// ```
    ///
    /// ## What to do
    /// Compile `--target all-windows`.
    FIREWALL_SCOPE = "MX5132", "firewall-scope", Error;

    /// Windows Sandbox cannot express a construct of the policy.
    ///
    /// ## What it means
    /// A `.wsb` file maps host folders into a VM and switches networking on or off. A denied path
    /// inside a mapped folder, a file or network-share grant, overlapping grants, egress rules and
    /// host lists cannot be enforced: refusals, errors that withhold the artifact (warnings with `--allow-gaps`). Ingress,
    /// the host loopback, a one-way clipboard and `env`/`cwd`/`timeout` become stricter or move to the
    /// executor: warnings.
    ///
    /// ## Example
    /// ```text
    /// $ mxcc compile --platform windows --target wsb wsb1.json
    /// error[MX5140]: `C:\Users\dev\Downloads\tool\keys` overlaps the mapped folder `C:\Users\dev\Downloads\tool`; Windows Sandbox cannot hide part of a mapped folder
    ///    ┌─ wsb1.json:10:7
    /// 10 │       "C:\\Users\\dev\\Downloads\\tool\\keys"
    ///    │       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ refused
    ///    = help: move the secret out of the mapped folder, or map narrower folders
    /// ```
    ///
    /// ## What to do
    /// Move secrets out of mapped folders, map narrower folders, or use the processcontainer targets.
    WSB_UNSUPPORTED = "MX5140", "wsb-unsupported", Error;

    /// Windows Sandbox runs a full Windows image beyond the mapped folders.
    ///
    /// ## What it means
    /// The command sees the VM's own system drive, programs and settings, which the policy does not
    /// list. They are disposable guest files, not host files, but the command can read and change
    /// them: a warning (a compatibility grant).
    ///
    /// ## Example
    /// ```text
    /// $ mxcc compile -v --platform windows --target wsb corpus/windows-sandbox-provision/policy.json
    /// warning[MX5141]: the VM runs a full Windows image of its own (not host files)
    ///  = help: nothing to do: guest files are disposable
    ///  = note: target `wsb`, construct `baseline`
    /// ```
    ///
    /// ## What to do
    /// Nothing; map only the host folders the command needs.
    WSB_GUEST = "MX5141", "wsb-guest", Warning;

    /// In the legacy `capabilities` enforcement mode MXC installs no LXC firewall.
    ///
    /// ## What it means
    /// MXC's LXC backend enforces `defaultPolicy` only in `firewall` mode. mxcc's `lxc-firewall.nft`
    /// enforces it in both modes, so the container is stricter than under MXC alone: a warning.
    ///
    /// ## Example
    /// ```text
    /// $ mxcc compile -v --platform linux --target lxc corpus/lxc-legacy-capabilities/policy.json
    /// warning[MX5150]: MXC installs no firewall in `capabilities` mode, so `defaultPolicy` would not be enforced; mxcc's `lxc-firewall.nft` enforces it
    ///    ┌─ corpus/lxc-legacy-capabilities/policy.json:24:24
    /// 24 │     "enforcementMode": "capabilities"
    ///    │                        ^^^^^^^^^^^^^^ approximated
    ///    = help: set `enforcementMode: firewall` so MXC's own runner enforces it too
    /// ```
    ///
    /// ## What to do
    /// Set `network.enforcementMode: firewall`.
    LXC_NO_FIREWALL = "MX5150", "lxc-no-firewall", Warning;

    /// The legacy LXC chain accepts DNS to any destination.
    ///
    /// ## What it means
    /// For 0.6/0.7 policies MXC's LXC firewall accepts UDP and TCP port 53 to every address ahead of
    /// the deny rules, and mxcc keeps that for compatibility. DNS to an arbitrary server can carry
    /// data out: a warning (a compatibility grant).
    ///
    /// ## Example
    /// ```text
    /// $ mxcc compile -v --platform linux --target lxc corpus/lxc-legacy-capabilities/policy.json
    /// warning[MX5151]: legacy LXC policies accept DNS (UDP/TCP 53) to any destination ahead of every deny rule, a tunnel for exfiltration
    ///    ┌─ corpus/lxc-legacy-capabilities/policy.json:23:22
    /// 23 │     "defaultPolicy": "block",
    ///    │                      ^^^^^^^ compat-grant
    ///    = help: move to the 0.8 directional shape, which has no DNS exemption
    /// ```
    ///
    /// ## What to do
    /// Move the policy to the 0.8 directional `network` shape.
    LXC_DNS = "MX5151", "lxc-dns", Warning;

    /// LXC bridge traffic outside the policy's rules: DHCP, neighbour discovery and the bridge gateway.
    ///
    /// ## What it means
    /// The container must reach the bridge to get an address (DHCP, ARP, IPv6 neighbour discovery),
    /// and traffic to the bridge gateway is the host's own input, which mxcc filters with the same
    /// chain on the host's input hook. These are compatibility grants: warnings.
    ///
    /// ## Example
    /// ```text
    /// $ mxcc compile -v --platform linux --target lxc corpus/lxc-legacy-capabilities/policy.json
    /// warning[MX5152]: the container may send DHCP requests (UDP 67), ARP and IPv6 neighbour discovery so it gets an address on the bridge
    ///  = help: nothing to do
    ///  = note: target `lxc`, construct `network.dhcp`
    /// ```
    ///
    /// ## What to do
    /// Nothing.
    LXC_GATEWAY = "MX5152", "lxc-gateway", Warning;

    /// Reserved, never emitted: the container's own root filesystem is readable beyond the policy.
    ///
    /// ## What it means
    /// An LXC container runs on its distribution's root filesystem, which the policy does not list.
    /// The `lxc` target does not report this with a diagnostic today; this code is never emitted.
    ///
    /// ## Example
    /// ```text
    /// (never emitted; kept because codes are never reused)
    /// ```
    ///
    /// ## What to do
    /// Nothing.
    LXC_ROOTFS = "MX5153", "lxc-rootfs", Warning;
}
