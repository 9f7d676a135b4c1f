"""Hover, completion, quick fixes and document symbols."""

from conftest import Doc, apply_edits
from lsprotocol import types

POLICY = """{
  "version": "0.8.0-alpha",
  "containment": "bubblewrap",
  "process": { "commandLine": "/usr/bin/true" },
  "network": {
    "defaultPolicy": "block",
    "allowedHosts": ["example.com"]
  },
  "ui": { "clipboard": "none" }
}
"""


async def hover(client, doc, pos):
    return await client.text_document_hover_async(
        types.HoverParams(text_document=doc.ident(), position=pos)
    )


async def complete(client, doc, pos):
    result = await client.text_document_completion_async(
        types.CompletionParams(text_document=doc.ident(), position=pos)
    )
    items = result.items if isinstance(result, types.CompletionList) else result
    return {item.label: item for item in items or []}


async def test_hover_on_a_key_shows_schema_documentation(client):
    doc = Doc(client, "hover.json", POLICY)
    await doc.open()
    result = await hover(client, doc, doc.at('"defaultPolicy"', 3))
    assert result is not None
    text = result.contents.value
    assert "defaultPolicy" in text and "`allow`" in text and "`block`" in text
    assert "0.8.0-alpha" in text
    assert result.range.start == doc.at('"defaultPolicy"')


async def test_hover_on_a_diagnostic_shows_its_code(client):
    doc = Doc(client, "hover-diag.json", POLICY.replace('"ui"', '"bogus": 1,\n  "ui"'))
    await doc.open()
    result = await hover(client, doc, doc.at('"bogus"', 2))
    assert result is not None
    assert "MX1101" in result.contents.value
    # The code's page from the registry (the same text as `mxcc explain MX1101`).
    assert "## What it means" in result.contents.value


async def test_complete_keys_of_the_object_at_the_cursor(client):
    doc = Doc(client, "complete-key.json", POLICY)
    await doc.open()
    # Type a new key inside `network`: `"` then ask for completion after it.
    at = doc.text.index('"allowedHosts"')
    await doc.edit(at, at, '"e\n    ')
    items = await complete(client, doc, doc.at('"e\n', 2))
    assert "egress" in items and "blockedHosts" in items
    # Keys already present are not offered again.
    assert "defaultPolicy" not in items and "allowedHosts" not in items
    item = items["egress"]
    assert item.kind == types.CompletionItemKind.Property
    edit = item.text_edit
    new = apply_edits(doc.text, [edit])
    assert '"egress": ' in new


async def test_complete_top_level_keys(client):
    doc = Doc(client, "complete-top.json", POLICY)
    await doc.open()
    items = await complete(client, doc, doc.at('"containment"'))
    assert "filesystem" in items and "lifecycle" in items
    assert "containment" not in items and "network" not in items


async def test_complete_enum_values(client):
    doc = Doc(client, "complete-enum.json", POLICY)
    await doc.open()
    at = doc.text.index('"bubblewrap"')
    await doc.edit(at, at + len('"bubblewrap"'), '"l"')
    items = await complete(client, doc, doc.at('"l"', 2))
    assert {"lxc", "process", "seatbelt", "bubblewrap"} <= set(items)
    new = apply_edits(doc.text, [items["lxc"].text_edit])
    assert '"containment": "lxc"' in new
    # An empty value after the colon: clipboard values.
    at = doc.text.index('"none"')
    await doc.edit(at, at + len('"none"'), "")
    items = await complete(client, doc, doc.at('"clipboard": ', len('"clipboard": ')))
    assert "write" in items and "none" in items, list(items)


async def test_quick_fix_removes_an_unknown_field(client):
    doc = Doc(client, "fix-unknown.json", POLICY.replace('"defaultPolicy"', '"bogus": [1, 2],\n    "defaultPolicy"'))
    diagnostics = await doc.open()
    unknown = [d for d in diagnostics if d.code == "MX1101"]
    assert unknown
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=doc.ident(),
            range=unknown[0].range,
            context=types.CodeActionContext(diagnostics=unknown),
        )
    )
    fixes = [a for a in actions if a.title.startswith("Remove unknown field")]
    assert len(fixes) == 1, [a.title for a in actions]
    fix = fixes[0]
    assert fix.kind == types.CodeActionKind.QuickFix
    assert fix.diagnostics[0].code == "MX1101"
    # Removing drops content, so it is never preferred and its title says what it drops.
    assert not fix.is_preferred
    assert "drops its 2 entries" in fix.title, fix.title
    diagnostics = await doc.apply(fix.edit.changes[doc.uri])
    assert doc.text == POLICY
    assert not [d for d in diagnostics if d.code == "MX1101"]


async def code_actions(client, doc, diagnostic):
    return await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=doc.ident(),
            range=diagnostic.range,
            context=types.CodeActionContext(diagnostics=[diagnostic]),
        )
    )


async def test_quick_fix_prefers_renaming_a_misspelt_key_over_removing_it(client):
    denied = POLICY.replace(
        '"ui"', '"filesystem": {\n    "deniedPath": ["/etc/shadow", "/root"]\n  },\n  "ui"'
    )
    doc = Doc(client, "fix-rename.json", denied)
    diagnostics = await doc.open()
    unknown = [d for d in diagnostics if d.code == "MX1101"]
    assert len(unknown) == 1, diagnostics
    actions = await code_actions(client, doc, unknown[0])
    titles = [(a.title, a.is_preferred) for a in actions]
    preferred = [a for a in actions if a.is_preferred]
    assert len(preferred) == 1, titles
    assert preferred[0].title == "Rename to `deniedPaths`", titles
    removal = next(a for a in actions if a.title.startswith("Remove unknown field"))
    assert not removal.is_preferred
    assert "drops its 2 entries" in removal.title, titles
    diagnostics = await doc.apply(preferred[0].edit.changes[doc.uri])
    assert doc.text == denied.replace('"deniedPath"', '"deniedPaths"')
    assert not [d for d in diagnostics if d.code == "MX1101"]


async def test_quick_fix_offers_every_value_when_none_is_close(client):
    doc = Doc(client, "fix-far.json", POLICY.replace('"clipboard": "none"', '"clipboard": "paste"'))
    diagnostics = await doc.open()
    wrong = [d for d in diagnostics if d.code == "MX1103"]
    assert len(wrong) == 1, diagnostics
    actions = await code_actions(client, doc, wrong[0])
    titles = [(a.title, a.is_preferred) for a in actions]
    assert ('Replace with `"none"`', False) in titles and ('Replace with `"write"`', False) in titles
    assert not [a for a in actions if a.is_preferred], titles


async def test_quick_fix_prefers_at_most_the_closest_value(client):
    doc = Doc(client, "fix-value.json", POLICY.replace('"bubblewrap"', '"bubblewrapp"'))
    diagnostics = await doc.open()
    bad = [d for d in diagnostics if d.code == "MX1103"]
    assert len(bad) == 1, diagnostics
    actions = await code_actions(client, doc, bad[0])
    preferred = [a for a in actions if a.is_preferred]
    assert [a.title for a in preferred] == ['Replace with `"bubblewrap"`'], [
        (a.title, a.is_preferred) for a in actions
    ]
    await doc.apply(preferred[0].edit.changes[doc.uri])
    assert doc.text == POLICY


async def test_quick_fix_removes_a_duplicate_key(client):
    doc = Doc(client, "fix-duplicate.json", POLICY.replace('"ui"', '"containment": "lxc",\n  "ui"'))
    diagnostics = await doc.open()
    duplicate = [d for d in diagnostics if d.code == "MX1006"]
    assert duplicate
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=doc.ident(),
            range=duplicate[0].range,
            context=types.CodeActionContext(diagnostics=duplicate),
        )
    )
    fix = next(a for a in actions if a.title.startswith("Remove duplicate key"))
    diagnostics = await doc.apply(fix.edit.changes[doc.uri])
    assert doc.text == POLICY
    assert not [d for d in diagnostics if d.code == "MX1006"]


async def test_quick_fix_adds_a_missing_version(client):
    text = POLICY.replace('  "version": "0.8.0-alpha",\n', "")
    doc = Doc(client, "fix-version.json", text)
    await doc.open()
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=doc.ident(),
            range=types.Range(start=doc.at("{"), end=doc.at("{")),
            context=types.CodeActionContext(diagnostics=[]),
        )
    )
    fix = next(a for a in actions if "version" in a.title)
    await doc.apply(fix.edit.changes[doc.uri])
    assert doc.text == POLICY


async def test_document_symbols(client):
    doc = Doc(client, "symbols.json", POLICY)
    await doc.open()
    symbols = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=doc.ident())
    )
    names = [s.name for s in symbols]
    assert names == ["version", "containment", "process", "network", "ui"]
    network = symbols[3]
    assert network.kind == types.SymbolKind.Object
    assert [c.name for c in network.children] == ["defaultPolicy", "allowedHosts"]
    assert network.selection_range.start == doc.at('"network"')


async def test_quick_fix_replaces_a_value_not_in_the_enum(client):
    doc = Doc(client, "fix-enum.json", POLICY.replace('"clipboard": "none"', '"clipboard": "nope"'))
    diagnostics = await doc.open()
    wrong = [d for d in diagnostics if d.code == "MX1103"]
    assert wrong, diagnostics
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=doc.ident(),
            range=wrong[0].range,
            context=types.CodeActionContext(diagnostics=wrong),
        )
    )
    # Only the values close to what was written are offered, the closest preferred.
    titles = [(a.title, a.is_preferred) for a in actions]
    assert titles == [('Replace with `"none"`', True)], titles
    fix = actions[0]
    diagnostics = await doc.apply(fix.edit.changes[doc.uri])
    assert doc.text == POLICY
    assert not [d for d in diagnostics if d.code == "MX1103"]


async def test_hover_on_a_lint_shows_the_rule_documentation(client):
    text = """{
  "version": "0.8.0-alpha",
  "containment": "bubblewrap",
  "process": { "commandLine": "/bin/true" },
  "filesystem": { "readwritePaths": ["/"] }
}
"""
    doc = Doc(client, "hover-lint.json", text)
    diagnostics = await doc.open()
    root = [d for d in diagnostics if d.code == "MX3001"]
    assert root, [(d.code, d.message) for d in diagnostics]
    result = await hover(client, doc, root[0].range.start)
    value = result.contents.value
    assert "MX3001" in value
    # The rule's own documentation, with its sections, follows the message.
    assert "\n## " in value, value


async def test_complete_in_auto_closed_quotes(client):
    doc = Doc(client, "complete-quotes.json", POLICY)
    await doc.open()
    at = doc.text.index('"ui"')
    await doc.edit(at, at, '"",\n  ')
    items = await complete(client, doc, doc.at('"",', 1))
    assert "filesystem" in items and "ui" not in items
    new = apply_edits(doc.text, [items["filesystem"].text_edit])
    assert '  "filesystem": ,\n  "ui"' in new
