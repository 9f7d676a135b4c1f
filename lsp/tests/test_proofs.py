"""Proofs against a baseline given in the initialization options: findings point into the
baseline file through related information."""

import json
import pathlib

import pytest_lsp
import server
from conftest import Doc
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

BASELINE = {
    "version": "0.8.0-alpha",
    "containment": "bubblewrap",
    "process": {"commandLine": "/usr/bin/true"},
    "filesystem": {"readonlyPaths": ["/usr"]},
}


@pytest_lsp.fixture(config=ClientServerConfig(server_command=server.command()))
async def baseline_client(lsp_client: LanguageClient, tmp_path: pathlib.Path):
    (tmp_path / "base.json").write_text(json.dumps(BASELINE, indent=2))
    params = types.InitializeParams(
        capabilities=types.ClientCapabilities(),
        root_uri=tmp_path.as_uri(),
        initialization_options={"platform": "linux", "baseline": "base.json"},
    )
    await lsp_client.initialize_session(params)
    yield
    await lsp_client.shutdown_session()


async def test_a_policy_granting_more_than_its_baseline(baseline_client):
    client = baseline_client
    wider = dict(BASELINE, filesystem={"readwritePaths": ["/usr"]})
    doc = Doc(client, "wider.json", json.dumps(wider, indent=2))
    diagnostics = await doc.open()
    proofs = [d for d in diagnostics if d.code.startswith("MX4")]
    assert proofs, [(d.code, d.message) for d in diagnostics]
    related = [r for d in proofs for r in d.related_information or []]
    assert any(r.location.uri.endswith("/base.json") for r in related), related
    same = Doc(client, "same.json", json.dumps(BASELINE, indent=2))
    assert not [d for d in await same.open() if d.code.startswith("MX4")]
