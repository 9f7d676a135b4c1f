#!/usr/bin/env python3
"""Benchmark: how `mxcc` scales with the size of one policy.

Generates policies of 100 / 1k / 10k / 100k filesystem entries in several shapes and of
100 / 1k / 10k network rules, runs the release `mxcc` on each (`check`, `check --baseline`,
`diff`, `prove --properties` with `secrets`, `compile --target all-linux`), and prints the
wall-clock time (the fastest of up to `--runs` repeats of a short run) and the peak
resident memory of each run, then the growth exponent of each
command per shape: the least-squares slope of log(time) against log(size), over the sizes whose
time is well above the start-up cost (the time of the same command on a one-entry policy is
subtracted first). An exponent near 1 is linear, near 2 quadratic.

This is not a test: it prints figures and asserts nothing. A run that exceeds `--timeout` is
shown as `>T` and the larger sizes of that command and shape are skipped.

Usage: bench/scale.py [--sizes 100,1000,10000] [--shapes siblings,nested] [--before OLD_MXCC]
                      [--commands check,diff] [--timeout 60] [--no-build]
"""
import argparse
import json
import math
import os
import pathlib
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
MXCC = ROOT / "target/release/mxcc"
GNU_TIME = "/usr/bin/time" if pathlib.Path("/usr/bin/time").exists() else None
VERSION = "0.8.0-alpha"


def linux_policy(rw, ro, denied, allow=(), deny=()):
    policy = {
        "version": VERSION,
        "containment": "bubblewrap",
        "process": {"commandLine": "make test", "cwd": "/srv/w0"},
        "filesystem": {"readwritePaths": rw, "readonlyPaths": ro, "deniedPaths": denied},
    }
    if allow or deny:
        egress = {"default": "deny"}
        if allow:
            egress["allow"] = list(allow)
        if deny:
            egress["deny"] = list(deny)
        policy["network"] = {"egress": egress, "ingress": {"default": "deny", "hostLoopback": "deny"}}
    return policy


def siblings(n):
    """n read-only siblings under one directory."""
    return linux_policy(["/srv/w0/out"], [f"/data/set/f{i}" for i in range(n - 1)], [])


def nested(n):
    """Chains 16 deep, each entry a prefix of the next, alternating read-write and read-only."""
    rw, ro = [], []
    for i in range(n):
        chain, depth = divmod(i, 16)
        path = f"/repo/m{chain}/" + "/".join(f"l{d}" for d in range(depth + 1))
        (rw if depth % 2 == 0 else ro).append(path)
    return linux_policy(rw, ro, [])


def denies(n):
    """Workspaces of 10 entries: a read-write checkout, denied repository files and secrets,
    and read-only entries re-opened under the denied ones."""
    rw, ro, denied = [], [], []
    for i in range(n):
        w, k = divmod(i, 10)
        base = f"/srv/w{w}"
        if k == 0:
            rw.append(base)
        elif k in (1, 2, 3):
            denied.append(f"{base}/{['.git/hooks', '.env', '.vscode'][k - 1]}")
        elif k in (4, 5, 6):
            denied.append(f"{base}/secret{k}")
        else:
            ro.append(f"{base}/secret{k - 3}/pub{k}")
    return linux_policy(rw, ro, denied)


def windows_case(n):
    """Windows paths where every fifth entry respells an earlier one in another case."""
    rw, ro, denied = [], [], []
    for i in range(n):
        if i % 5 == 4:
            j = i - 3
            ro.append(f"c:\\USERS\\DEV\\PROJ{j}\\SRC")
        elif i % 5 == 3:
            denied.append(f"C:\\Users\\dev\\proj{i - 2}\\src\\.env")
        else:
            rw.append(f"C:\\Users\\dev\\proj{i}\\Src")
    return {
        "version": VERSION,
        "containment": "processcontainer",
        "process": {"commandLine": "build.cmd", "cwd": "C:\\Users\\dev\\proj0"},
        "filesystem": {"readwritePaths": rw, "readonlyPaths": ro, "deniedPaths": denied},
    }


def network(n):
    """Egress allows to single hosts on TCP 443, and every tenth rule a deny of a /24."""
    allow, deny = [], []
    for i in range(n):
        a, b, c = (i >> 16) & 0xFF, (i >> 8) & 0xFF, i & 0xFF
        if i % 10 == 9:
            deny.append({"to": [{"cidr": f"10.{a}.{b}.0/24"}]})
        else:
            allow.append({"to": [{"cidr": f"10.{a}.{b}.{c}/32"}], "ports": [{"protocol": "tcp", "port": 443}]})
    return linux_policy(["/srv/w0"], ["/usr"], [], allow, deny)


SHAPES = {
    "siblings": siblings,
    "nested": nested,
    "denies": denies,
    "windows": windows_case,
    "network": network,
}
NETWORK_SIZES = (100, 1000, 10000)
COMMANDS = ("check", "check-baseline", "diff", "prove", "compile")


def measure(cmd, timeout, runs):
    """Runs cmd up to `runs` times while the runs stay short (other work on the machine only
    ever adds time); returns (fastest seconds, largest peak RSS in MB) or None on timeout."""
    best = None
    spent = 0.0
    for _ in range(runs):
        result = run(cmd, timeout)
        if result is None:
            return None
        spent += result[0]
        best = result if best is None else (min(best[0], result[0]), max(best[1], result[1]))
        if spent > 2.0:
            break
    return best


def run(cmd, timeout):
    """Runs cmd once; returns (seconds, peak RSS in MB) or None on timeout.

    The peak comes from GNU time when it is installed: Linux carries a process's peak RSS
    across `exec`, so a child forked straight from this script would report at least this
    script's own size. Without GNU time, the child's rusage is used (an upper bound).
    """
    with tempfile.NamedTemporaryFile(prefix="mxcc-scale-rss-") as rss:
        wrapped = [GNU_TIME, "-f", "%M", "-o", rss.name, *cmd] if GNU_TIME else cmd
        start = time.perf_counter()
        proc = subprocess.Popen(
            wrapped, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        )
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid != 0:
                proc.returncode = os.waitstatus_to_exitcode(status)
                secs = time.perf_counter() - start
                peak_kb = usage.ru_maxrss
                if GNU_TIME:
                    lines = pathlib.Path(rss.name).read_text().split()
                    peak_kb = int(lines[-1]) if lines and lines[-1].isdigit() else peak_kb
                return secs, peak_kb / 1024
            if time.perf_counter() > deadline:
                # GNU time and mxcc share the new session's process group.
                os.killpg(proc.pid, 9)
                os.wait4(proc.pid, 0)
                return None
            time.sleep(0.002)


def command(mxcc, name, policy, base, props, outdir):
    return {
        "check": [mxcc, "check", "--format", "json", policy],
        "check-baseline": [mxcc, "check", "--format", "json", "--baseline", base, policy],
        "diff": [mxcc, "diff", "--format", "json", base, policy],
        "prove": [mxcc, "prove", "--format", "json", "--properties", props, policy],
        "compile": [mxcc, "compile", "--target", "all-linux", "--allow-gaps", "--output", outdir, policy],
    }[name]


def write(path, policy):
    path.write_text(json.dumps(policy, indent=1))


def baseline_of(policy):
    """The same policy with one more read-write grant, so the containment proof holds."""
    base = json.loads(json.dumps(policy))
    fs = base.setdefault("filesystem", {})
    extra = "C:\\Extra" if base.get("containment") == "processcontainer" else "/extra"
    fs.setdefault("readwritePaths", []).append(extra)
    return base


def fit(points):
    """Least-squares slope of log(t) over log(n)."""
    pts = [(math.log(n), math.log(t)) for n, t in points if t > 0]
    if len(pts) < 2:
        return None
    mx = sum(x for x, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    var = sum((x - mx) ** 2 for x, _ in pts)
    return sum((x - mx) * (y - my) for x, y in pts) / var if var else None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="100,1000,10000,100000")
    parser.add_argument("--shapes", default=",".join(SHAPES))
    parser.add_argument("--commands", default=",".join(COMMANDS))
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--runs", type=int, default=3, help="repeats of a run shorter than 2 s; the fastest counts")
    parser.add_argument("--no-build", action="store_true")
    parser.add_argument("--mxcc", default=str(MXCC), help="the binary to measure")
    parser.add_argument("--before", help="another mxcc binary, measured in the same run for comparison")
    args = parser.parse_args()
    if not args.no_build:
        subprocess.run(["cargo", "build", "--release", "--quiet", "-p", "cli", "--bin", "mxcc"], cwd=ROOT, check=True)
    binaries = [("after", args.mxcc)]
    if args.before:
        binaries.insert(0, ("before", args.before))
    sizes = [int(s) for s in args.sizes.split(",")]
    shapes = args.shapes.split(",")
    commands = args.commands.split(",")
    with tempfile.TemporaryDirectory(prefix="mxcc-scale-") as tmp:
        tmp = pathlib.Path(tmp)
        props = tmp / "secrets.properties"
        props.write_text("secrets\n")
        header = f"{'shape':<9} {'command':<15} {'size':>7}"
        for label, _ in binaries:
            header += f" {label + ' s':>10} {label + ' MB':>10}"
        print(header)
        summary = []
        for shape in shapes:
            make = SHAPES[shape]
            shape_sizes = [s for s in sizes if shape != "network" or s in NETWORK_SIZES]
            for name in commands:
                startup = {label: 0.0 for label, _ in binaries}
                points = {label: [] for label, _ in binaries}
                stopped = set()
                for n in [1, *shape_sizes]:
                    policy, base = tmp / f"{shape}-{n}.json", tmp / f"{shape}-{n}-base.json"
                    if not policy.exists():
                        p = make(n)
                        write(policy, p)
                        write(base, baseline_of(p))
                    row = f"{shape:<9} {name:<15} {n:>7}"
                    for label, binary in binaries:
                        if label in stopped:
                            row += f" {'-':>10} {'':>10}"
                            continue
                        out = tmp / f"out-{label}-{shape}-{n}-{name}"
                        cmd = command(binary, name, str(policy), str(base), str(props), str(out))
                        result = measure(cmd, args.timeout, args.runs)
                        if n == 1:
                            startup[label] = result[0] if result else 0.0
                            continue
                        if result is None:
                            row += f" {'>' + format(args.timeout, '.0f'):>10} {'':>10}"
                            stopped.add(label)
                            continue
                        secs, mb = result
                        row += f" {secs:>10.3f} {mb:>10.1f}"
                        net = secs - startup[label]
                        # Sizes whose time is mostly start-up say nothing about growth.
                        if net > 0.02:
                            points[label].append((n, net))
                    if n != 1:
                        print(row, flush=True)
                    if len(stopped) == len(binaries):
                        break
                summary.append((shape, name, {label: fit(points[label]) for label, _ in binaries}))
        print()
        print(f"{'shape':<9} {'command':<15}" + "".join(f" {label + ' exp':>11}" for label, _ in binaries)
              + "  (log-log slope of time minus start-up, sizes above 20 ms)")
        for shape, name, slopes in summary:
            cells = "".join(f" {(format(slopes[l], '.2f') if slopes[l] is not None else '-'):>11}" for l, _ in binaries)
            print(f"{shape:<9} {name:<15}{cells}")


if __name__ == "__main__":
    sys.exit(main())
