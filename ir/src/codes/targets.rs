//! MX5xxx: target gaps (what a backend cannot enforce exactly).

crate::codes::declare_codes! {
    family: "targets";

    /// The policy is for another platform.
    WRONG_PLATFORM = "MX5001", "wrong-platform", Warning;

    /// A path with a symbolic root (`~`, `$VAR`, relative) cannot be bound or opened.
    SYMBOLIC_PATH = "MX5002", "symbolic-path", Warning;

    /// Landlock cannot hide file metadata (`stat`) of paths it does not grant.
    LANDLOCK_METADATA = "MX5003", "landlock-metadata", Warning;

    /// The configured landlock ABI is too old for a construct the policy needs.
    LANDLOCK_ABI = "MX5004", "landlock-abi", Warning;

    /// Landlock filters TCP by port only, never by address.
    LANDLOCK_NET_ADDRESS = "MX5005", "landlock-net-address", Warning;

    /// Landlock cannot restrict UDP or ICMP.
    LANDLOCK_NET_PROTOCOL = "MX5006", "landlock-net-protocol", Warning;

    /// A restriction inside a more permissive grant needs mount masks from the executor.
    LANDLOCK_NESTED_RESTRICTION = "MX5007", "landlock-nested-restriction", Warning;

    /// Landlock cannot single out the host loopback or the proxy endpoint.
    LANDLOCK_LOOPBACK = "MX5008", "landlock-loopback", Warning;

    /// The seccomp filter exceeds the kernel's 4096-instruction limit.
    SECCOMP_TOO_LARGE = "MX5020", "seccomp-too-large", Warning;

    /// The seccomp filter restricts socket families, never addresses or ports.
    SECCOMP_NET_COARSE = "MX5021", "seccomp-net-coarse", Warning;

    /// The seccomp filter does not restrict filesystem paths.
    SECCOMP_FS = "MX5022", "seccomp-fs", Warning;

    /// The runtime baseline grants access the policy does not list (MXC compatibility).
    BWRAP_BASELINE = "MX5030", "bwrap-baseline", Warning;

    /// Egress the policy allows is blocked because bwrap alone isolates the network.
    BWRAP_NET_ISOLATED = "MX5031", "bwrap-net-isolated", Warning;

    /// The host loopback cannot be reached from the sandbox's network namespace.
    HOST_LOOPBACK = "MX5032", "host-loopback", Warning;

    /// A path kind could not be determined; the stricter mask was chosen.
    PATH_KIND = "MX5033", "path-kind", Warning;

    /// A policy path is a symbolic link on the host.
    SYMLINK_PATH = "MX5034", "symlink-path", Warning;

    /// A path listed for access does not exist on the host; bwrap will refuse to start.
    MISSING_PATH = "MX5035", "missing-path", Warning;

    /// A legacy host-list entry names a host; nftables filters addresses only.
    NFT_HOST_NAME = "MX5040", "nft-host-name", Warning;

    /// The proxy endpoint is reached through the network namespace gateway.
    NFT_PROXY_GATEWAY = "MX5041", "nft-proxy-gateway", Warning;

    /// Ingress is accepted in the namespace but needs port forwarding from the executor.
    NFT_INGRESS = "MX5042", "nft-ingress", Warning;

    /// A gap of one target is closed by another target emitted alongside it.
    GAP_COVERED = "MX5090", "gap-covered", Warning;

    /// A path cannot be written into the artifact (control characters, unsupported root).
    PATH_SPELLING = "MX5100", "path-spelling", Warning;

    /// Seatbelt grants system locations the policy does not list, so programs can start.
    SEATBELT_BASELINE = "MX5101", "seatbelt-baseline", Warning;

    /// Seatbelt network filters name only `*` or `localhost`: no address or CIDR rules.
    SEATBELT_NET_ADDRESS = "MX5102", "seatbelt-net-address", Warning;

    /// Seatbelt's `localhost` does not cover all of the host loopback.
    SEATBELT_LOOPBACK = "MX5103", "seatbelt-loopback", Warning;

    /// Seatbelt cannot tell clipboard directions apart.
    SEATBELT_CLIPBOARD = "MX5104", "seatbelt-clipboard", Warning;

    /// A grant nested under a denied path stays denied (MXC's Seatbelt emits denials last).
    SEATBELT_DENY_LAST = "MX5105", "seatbelt-deny-last", Warning;

    /// `seatbelt.profileOverride` replaces the verified profile.
    SEATBELT_OVERRIDE = "MX5106", "seatbelt-override", Warning;

    /// A seatbelt setting grants more than the policy's vocabulary can express.
    SEATBELT_SETTING = "MX5107", "seatbelt-setting", Warning;

    /// The proxy is not on the host loopback and cannot be reached.
    PROXY_UNREACHABLE = "MX5108", "proxy-unreachable", Warning;

    /// AppContainer capabilities open more of the network than the policy allows.
    APPCONTAINER_CAPABILITY = "MX5120", "appcontainer-capability", Warning;

    /// Packaged processes read system locations through `ALL APPLICATION PACKAGES` ACEs.
    APPCONTAINER_PACKAGE_ACES = "MX5121", "appcontainer-package-aces", Warning;

    /// A grant on a volume root is applied to the root only, without inheritance.
    APPCONTAINER_VOLUME_ROOT = "MX5122", "appcontainer-volume-root", Warning;

    /// The configured Windows build lacks a UI limit the policy needs.
    WINDOWS_BUILD = "MX5123", "windows-build", Warning;

    /// Caller-supplied network capabilities are stripped and re-derived from the policy.
    APPCONTAINER_NET_CAPS = "MX5124", "appcontainer-net-caps", Warning;

    /// A Windows setting mxcc does not model (learning mode, capture, DACL mutation).
    APPCONTAINER_SETTING = "MX5125", "appcontainer-setting", Warning;

    /// Windows Firewall cannot filter host names.
    FIREWALL_HOST_NAME = "MX5130", "firewall-host-name", Warning;

    /// The firewall rules need the executor to run elevated and to remove them afterwards.
    FIREWALL_HOST_STATE = "MX5131", "firewall-host-state", Warning;

    /// The firewall mediates network traffic only, not files or UI.
    FIREWALL_SCOPE = "MX5132", "firewall-scope", Warning;

    /// Windows Sandbox cannot express a construct (denied paths, files, egress rules).
    WSB_UNSUPPORTED = "MX5140", "wsb-unsupported", Warning;

    /// Windows Sandbox exposes the whole VM image beyond the mapped folders.
    WSB_GUEST = "MX5141", "wsb-guest", Warning;

    /// LXC: the legacy `capabilities` enforcement mode installs no firewall.
    LXC_NO_FIREWALL = "MX5150", "lxc-no-firewall", Warning;

    /// LXC: the legacy chain accepts DNS to any destination.
    LXC_DNS = "MX5151", "lxc-dns", Warning;

    /// LXC: the bridge gateway is reached through the host's INPUT chain.
    LXC_GATEWAY = "MX5152", "lxc-gateway", Warning;

    /// LXC: the container's own root filesystem is readable beyond the policy.
    LXC_ROOTFS = "MX5153", "lxc-rootfs", Warning;
}
