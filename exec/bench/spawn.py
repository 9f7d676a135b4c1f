#!/usr/bin/env python3
"""Spawn overhead of `mxcc-run` against bare exec and bubblewrap, in one run.

Usage: cargo build --release -p exec && python3 exec/bench/spawn.py [ITERATIONS]

Every variant runs `/bin/true` ITERATIONS times (default 300), interleaved round-robin so that
machine noise hits all variants alike; the figures are medians of wall time per spawn, measured
around `subprocess.run` from this process. Variants:

- bare: `/bin/true`;
- mxcc fs (compile): `mxcc-run fs.json -- /bin/true`, compiling the policy in process;
- mxcc fs (artifacts): the same with `--artifacts DIR` precompiled by the executor's targets;
- bwrap fs: bubblewrap with the MXC-equivalent argv (user, pid, ipc, uts namespaces, the
  read-only baseline, the policy's binds, `--dev`, `--proc`, `--tmpfs /tmp`), no network ns;
- mxcc net: the proxy policy (network namespace, slirp4netns, nftables);
- bwrap net: the same bubblewrap argv plus `--unshare-net` (no connectivity at all).

This is a benchmark, not a test: it prints figures and asserts nothing.
"""

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EXE = os.path.join(ROOT, "target", "release", "mxcc-run")
N = int(sys.argv[1]) if len(sys.argv) > 1 else 300

BASELINE = ["/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/usr/bin", "/usr/sbin",
            "/usr/lib", "/usr/lib32", "/usr/lib64", "/usr/libexec", "/usr/share", "/etc"]


def policy(work, proxy_port=None):
    p = {
        "version": "0.8.0-alpha",
        "containment": "bubblewrap",
        "process": {"commandLine": "true", "cwd": work, "env": ["PATH=/usr/bin:/bin"]},
        "filesystem": {"readwritePaths": [work], "deniedPaths": [work + "/.git/hooks"]},
        "network": {"egress": {"default": "deny"},
                    "ingress": {"default": "deny", "hostLoopback": "deny"}},
    }
    if proxy_port:
        p["runtimeConfig"] = {"networkProxy": f"http://127.0.0.1:{proxy_port}"}
    return p


def bwrap_argv(work, net):
    a = ["bwrap", "--unshare-user", "--unshare-pid", "--unshare-ipc", "--unshare-uts",
         "--unshare-cgroup-try", "--new-session", "--die-with-parent", "--cap-drop", "ALL"]
    if net:
        a.append("--unshare-net")
    for p in BASELINE:
        a += ["--ro-bind-try", p, p]
    a += ["--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp", "--bind", work, work,
          "--perms", "0000", "--tmpfs", work + "/.git/hooks", "--remount-ro", work + "/.git/hooks",
          "--chdir", work, "--clearenv", "--setenv", "PATH", "/usr/bin:/bin", "--", "/bin/true"]
    return a


def main():
    if not os.path.exists(EXE):
        sys.exit(f"build first: cargo build --release -p exec ({EXE} missing)")
    tmp = tempfile.mkdtemp(prefix="mxcc-bench-", dir="/var/tmp")
    work = os.path.join(tmp, "work")
    os.makedirs(work + "/.git/hooks")
    fs = os.path.join(tmp, "fs.json")
    net = os.path.join(tmp, "net.json")
    with open(fs, "w") as f:
        json.dump(policy(work), f)
    with open(net, "w") as f:
        json.dump(policy(work, 18999), f)
    art = os.path.join(tmp, "artifacts")
    subprocess.run([EXE, fs, "--emit-artifacts", art], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    variants = {
        "bare": ["/bin/true"],
        "mxcc fs (compile)": [EXE, fs, "--", "/bin/true"],
        "mxcc fs (artifacts)": [EXE, fs, "--artifacts", art, "--", "/bin/true"],
        "bwrap fs": bwrap_argv(work, False),
        "mxcc net": [EXE, net, "--", "/bin/true"],
        "bwrap net": bwrap_argv(work, True),
    }
    for name, argv in variants.items():
        r = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if r.returncode != 0:
            sys.exit(f"{name} fails: {r.stderr.decode()}")
    times = {k: [] for k in variants}
    for i in range(N):
        for name, argv in variants.items():
            if name == "mxcc net" and i % 5:
                continue  # slirp4netns makes this variant slow; sample a fifth as often
            t = time.perf_counter()
            subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times[name].append((time.perf_counter() - t) * 1e3)
    med = {k: statistics.median(v) for k, v in times.items()}
    bare = med["bare"]
    print(f"spawn of /bin/true, medians over {N} iterations (mxcc net: {len(times['mxcc net'])})")
    print(f"{'variant':<22}{'ms':>8}{'overhead ms':>14}")
    for k, v in med.items():
        print(f"{k:<22}{v:>8.3f}{v - bare:>14.3f}")
    bw = med["bwrap fs"] - bare
    for k in ("mxcc fs (compile)", "mxcc fs (artifacts)"):
        o = med[k] - bare
        print(f"{k}: {o / bw:.2f}x bwrap's overhead (goal <= 0.5x), +{o:.3f} ms over bare (goal <= 0.5 ms)")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
