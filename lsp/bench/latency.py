#!/usr/bin/env python3
"""Latency of `mxcc lsp`: time from `didChange` to the matching `publishDiagnostics`.

Generates a policy with 500 egress rules, opens it, then sends incremental edits (each
changes one port of one rule) and waits for the diagnostics of that document version.
Prints p50, p95 and max in milliseconds, and the same for a hover sent right after each
change (answered by the main loop while the check runs on the checker thread). A benchmark, not a test: build the release server
first (`cargo build --release -p lsp --bin mxcc-lsp`).

Usage: python3 lsp/bench/latency.py [--iterations N] [--rules N] [--ignore RULE...]
                                    [--server CMD...]
"""

import argparse
import json
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]


def policy(rules: int) -> str:
    allow = []
    for i in range(rules):
        allow.append(
            {
                "to": [{"cidr": f"10.{i // 250}.{i % 250}.0/24"}],
                "ports": [{"protocol": "tcp", "port": 1000 + i}],
            }
        )
    doc = {
        "version": "0.8.0-alpha",
        "containment": "bubblewrap",
        "process": {"commandLine": "/usr/bin/true", "cwd": "/work"},
        "filesystem": {"readonlyPaths": ["/usr", "/etc"], "readwritePaths": ["/work"]},
        "network": {"egress": {"default": "deny", "allow": allow}},
    }
    return json.dumps(doc, indent=2) + "\n"


class Server:
    def __init__(self, command: list[str]):
        self.proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.next_id = 0

    def send(self, message: dict) -> None:
        body = json.dumps(message).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def read(self) -> dict:
        length = None
        while True:
            line = self.proc.stdout.readline()
            if not line:
                raise RuntimeError("the server closed its output")
            line = line.strip()
            if not line:
                break
            name, _, value = line.partition(b":")
            if name.lower() == b"content-length":
                length = int(value)
        return json.loads(self.proc.stdout.read(length))

    def request(self, method: str, params) -> dict:
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        while True:
            message = self.read()
            if message.get("id") == self.next_id:
                return message

    def notify(self, method: str, params) -> None:
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def diagnostics(self, uri: str, version: int) -> list:
        while True:
            message = self.read()
            params = message.get("params") or {}
            if (
                message.get("method") == "textDocument/publishDiagnostics"
                and params.get("uri") == uri
                and params.get("version") == version
            ):
                return params["diagnostics"]


def position(text: str, offset: int) -> dict:
    before = text[:offset]
    line = before.count("\n")
    column = len(before[before.rfind("\n") + 1 :].encode("utf-16-le")) // 2
    return {"line": line, "character": column}


def report(what: str, timings: list[float]) -> None:
    timings = sorted(timings)
    p50 = statistics.median(timings)
    p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
    print(
        f"{what} over {len(timings)} edits: "
        f"p50 {p50:.2f} ms, p95 {p95:.2f} ms, max {timings[-1]:.2f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--iterations", type=int, default=300)
    parser.add_argument("--rules", type=int, default=500)
    parser.add_argument("--server", nargs="+", default=[str(ROOT / "target/release/mxcc-lsp")])
    parser.add_argument(
        "--ignore",
        nargs="*",
        default=[],
        help="lint rules to leave out, through an mxcc.toml beside the (unsaved) policy",
    )
    args = parser.parse_args()

    text = policy(args.rules)
    folder = pathlib.Path(tempfile.mkdtemp(prefix="mxcc-bench-"))
    if args.ignore:
        (folder / "mxcc.toml").write_text(f"ignore = {json.dumps(args.ignore)}\n")
    uri = (folder / "policy.json").as_uri()
    server = Server(args.server)
    server.request("initialize", {"capabilities": {}, "initializationOptions": {"platform": "linux"}})
    server.notify("initialized", {})
    server.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "json", "version": 1, "text": text}},
    )
    diagnostics = server.diagnostics(uri, 1)
    print(f"policy: {args.rules} rules, {len(text)} bytes, {len(diagnostics)} diagnostics on open")

    timings = []
    hovers = []
    version = 1
    for i in range(args.iterations):
        rule = i % args.rules
        needle = f'"port": {1000 + rule}' if i // args.rules % 2 == 0 else f'"port": {2000 + rule}'
        replacement = f'"port": {2000 + rule}' if i // args.rules % 2 == 0 else f'"port": {1000 + rule}'
        at = text.index(needle)
        change = {
            "range": {"start": position(text, at), "end": position(text, at + len(needle))},
            "text": replacement,
        }
        text = text[:at] + replacement + text[at + len(needle) :]
        version += 1
        started = time.perf_counter()
        server.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]},
        )
        # A hover sent right after the change: answered while the check runs.
        server.next_id += 1
        hover_id = server.next_id
        server.send(
            {
                "jsonrpc": "2.0",
                "id": hover_id,
                "method": "textDocument/hover",
                "params": {"textDocument": {"uri": uri}, "position": position(text, at + 2)},
            }
        )
        published = answered = None
        while published is None or answered is None:
            message = server.read()
            params = message.get("params") or {}
            if message.get("id") == hover_id:
                answered = time.perf_counter()
            elif (
                message.get("method") == "textDocument/publishDiagnostics"
                and params.get("uri") == uri
                and params.get("version") == version
            ):
                published = time.perf_counter()
        timings.append((published - started) * 1000)
        hovers.append((answered - started) * 1000)

    server.request("shutdown", None)
    server.notify("exit", None)
    server.proc.wait(timeout=30)
    shutil.rmtree(folder, ignore_errors=True)

    report("didChange -> publishDiagnostics", timings)
    report("didChange -> hover answered", hovers)
    return 0


if __name__ == "__main__":
    sys.exit(main())
