#!/usr/bin/env python3
"""Benchmark: `mxcc check` (release) against check-jsonschema with MXC's 0.9-dev schema.

Both tools read the same files in the same run: the shipped corpus and MXC's contract fixtures.
mxcc does more (syntax with spans, schema, MXC validation, lowering, lints); check-jsonschema only
validates against the schema. Prints wall-clock medians over repeated runs and the ratio.

Usage: bench/check.py [--runs N]   (installs check-jsonschema from PyPI when missing)
"""
import argparse
import pathlib
import shutil
import statistics
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SCHEMA = SHARED / "conformance/mxc-schemas/dev/mxc-config.schema.0.9.0-dev.json"


def timed(cmd, runs):
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), min(samples)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "mxcc"], cwd=ROOT, check=True)
    mxcc = ROOT / "target/release/mxcc"
    cjs = shutil.which("check-jsonschema")
    if cjs is None:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "check-jsonschema"], check=True)
        cjs = shutil.which("check-jsonschema") or "check-jsonschema"
    sets = {
        "corpus": sorted(str(p) for p in (ROOT / "corpus").glob("*/policy.json")),
        "mxc fixtures": sorted(str(p) for p in (SHARED / "conformance/mxc-contract").rglob("*.json")),
    }
    print(f"{'file set':<14} {'files':>5} {'mxcc (ms)':>10} {'check-jsonschema (ms)':>22} {'speed-up':>9}")
    for name, files in sets.items():
        mx, _ = timed([str(mxcc), "check", "--format", "json", *files], args.runs)
        cj, _ = timed([cjs, "--schemafile", str(SCHEMA), *files], max(3, args.runs // 3))
        print(f"{name:<14} {len(files):>5} {mx * 1000:>10.1f} {cj * 1000:>22.1f} {cj / mx:>8.1f}x")
    print("medians of wall-clock time per invocation (process start included)")


if __name__ == "__main__":
    main()
