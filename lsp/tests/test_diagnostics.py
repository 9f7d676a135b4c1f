"""Diagnostics: published on open and after incremental changes, with exact UTF-16 ranges."""

from conftest import Doc, position
from lsprotocol import types

POLICY = """{
  "version": "0.8.0-alpha",
  "_comment": "ünïcödé 😀 — “quotes”",
  "containment": "bubblewrap",
  "process": { "commandLine": "/usr/bin/true" },
  "filesystem": { "readonlyPaths": ["/usr"] }
}
"""


def codes(diagnostics):
    return sorted(d.code for d in diagnostics)


async def test_unknown_field_has_exact_range_and_code(client):
    # The unknown key follows astral and other non-ASCII characters on the same line.
    text = POLICY.replace('“quotes”",', '“quotes”", "bogüs😀": 1,')
    doc = Doc(client, "unknown.json", text)
    diagnostics = await doc.open()
    unknown = [d for d in diagnostics if d.code == "MX1101"]
    assert len(unknown) == 1, diagnostics
    d = unknown[0]
    start = text.index('"bogüs😀"')
    assert d.range.start == position(text, start)
    assert d.range.end == position(text, start + len('"bogüs😀"'))
    # 😀 is two UTF-16 code units: the end column counts it twice.
    assert d.range.end.character - d.range.start.character == len('"bogüs😀"') + 1
    assert d.source == "mxcc"
    assert d.severity == types.DiagnosticSeverity.Error
    # No link: the code's documentation is served by hover, from the code registry.
    assert d.code_description is None
    assert "bogüs😀" in d.message


async def test_incremental_changes_update_diagnostics(client):
    doc = Doc(client, "incremental.json", POLICY)
    assert "MX1101" not in codes(await doc.open())
    # Insert an unknown field after the non-ASCII comment (an incremental change).
    at = doc.text.index('"containment"')
    diagnostics = await doc.edit(at, at, '"extra": true,\n  ')
    assert "MX1101" in codes(diagnostics)
    # Retype one character of the key inside it: still unknown, range moved by nothing.
    at = doc.text.index('"extra"') + 1
    diagnostics = await doc.edit(at, at + 1, "E")
    assert [d for d in diagnostics if d.code == "MX1101" and "Extra" in d.message]
    # Remove the member again.
    start = doc.text.index('"Extra"')
    end = doc.text.index('"containment"')
    assert "MX1101" not in codes(await doc.edit(start, end, ""))
    assert doc.text == POLICY


async def test_syntax_error_then_fixed(client):
    doc = Doc(client, "syntax.json", POLICY)
    await doc.open()
    at = doc.text.index('"containment"')
    diagnostics = await doc.edit(at, at, '"broken": ')
    assert any(c.startswith("MX10") for c in codes(diagnostics)), diagnostics
    diagnostics = await doc.edit(at, at + len('"broken": '), "")
    assert not any(c.startswith("MX10") for c in codes(diagnostics))


async def test_duplicate_key_has_related_information(client):
    text = POLICY.replace('"containment": "bubblewrap",', '"containment": "bubblewrap",\n  "containment": "lxc",')
    doc = Doc(client, "duplicate.json", text)
    diagnostics = await doc.open()
    duplicate = [d for d in diagnostics if d.code == "MX1006"]
    assert len(duplicate) == 1, diagnostics
    d = duplicate[0]
    second = text.index('"containment"', text.index('"containment"') + 1)
    assert d.range.start == position(text, second)
    related = d.related_information
    assert related and related[0].location.uri == doc.uri
    assert related[0].location.range.start == position(text, text.index('"containment"'))
    assert "first" in related[0].message


async def test_json_that_is_not_a_policy_is_left_alone(client):
    doc = Doc(client, "package.json", '{ "name": "x", "scripts": { "a": [ } }')
    assert list(await doc.open()) == []
    other = Doc(client, "policy.txt", '{ "version": 3, "bogus": 1 }')
    assert list(await other.open()) == []


async def test_schema_mention_makes_a_policy(client):
    doc = Doc(client, "tagged.json", '{ "$schema": "https://example.test/mxc-config.json", "bogus": 1 }')
    assert "MX1101" in codes(await doc.open())
