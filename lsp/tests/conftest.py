"""The pytest-lsp client fixture and helpers shared by the end-to-end tests."""

import asyncio
import pathlib
import sys

import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

sys.path.insert(0, str(pathlib.Path(__file__).parent))

import server  # noqa: E402


@pytest_lsp.fixture(config=ClientServerConfig(server_command=server.command()))
async def client(lsp_client: LanguageClient):
    params = types.InitializeParams(
        capabilities=types.ClientCapabilities(),
        initialization_options={"platform": "linux"},
    )
    await lsp_client.initialize_session(params)
    yield
    await lsp_client.shutdown_session()


def utf16_len(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


def position(text: str, offset: int) -> types.Position:
    """The LSP position (UTF-16 columns) of a Python string offset."""
    before = text[:offset]
    line = before.count("\n")
    column = utf16_len(before[before.rfind("\n") + 1 :])
    return types.Position(line=line, character=column)


def offset(text: str, pos: types.Position) -> int:
    """The Python string offset of an LSP position."""
    lines = text.split("\n")
    start = sum(len(line) + 1 for line in lines[: pos.line])
    line = lines[pos.line] if pos.line < len(lines) else ""
    units = 0
    for i, ch in enumerate(line):
        if units >= pos.character:
            return start + i
        units += utf16_len(ch)
    return start + len(line)


def find(text: str, needle: str, nth: int = 0) -> int:
    at = -1
    for _ in range(nth + 1):
        at = text.index(needle, at + 1)
    return at


def apply_edits(text: str, edits) -> str:
    """Applies text edits (non-overlapping) from the last to the first."""
    spans = [(offset(text, e.range.start), offset(text, e.range.end), e.new_text) for e in edits]
    for start, end, new in sorted(spans, reverse=True):
        text = text[:start] + new + text[end:]
    return text


class Doc:
    """An open document whose diagnostics the test waits for after each change."""

    def __init__(self, client: LanguageClient, name: str, text: str):
        self.client = client
        self.uri = f"file:///tmp/mxcc-lsp-tests/{name}"
        self.text = text
        self.version = 1

    async def open(self):
        self.client.diagnostics.pop(self.uri, None)
        self.client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(
                    uri=self.uri, language_id="json", version=self.version, text=self.text
                )
            )
        )
        return await self.diagnostics()

    async def edit(self, start: int, end: int, new_text: str):
        """Replaces `self.text[start:end]` through an incremental change."""
        change = types.TextDocumentContentChangePartial(
            range=types.Range(start=position(self.text, start), end=position(self.text, end)),
            text=new_text,
        )
        self.text = self.text[:start] + new_text + self.text[end:]
        self.version += 1
        self.client.diagnostics.pop(self.uri, None)
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(
                    uri=self.uri, version=self.version
                ),
                content_changes=[change],
            )
        )
        return await self.diagnostics()

    async def apply(self, edits):
        """Applies a quick fix's edits, each as an incremental change."""
        for e in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
            start, end = offset(self.text, e.range.start), offset(self.text, e.range.end)
            await self.edit(start, end, e.new_text)
        return self.client.diagnostics.get(self.uri, [])

    async def diagnostics(self, timeout: float = 30.0):
        async def wait():
            while self.uri not in self.client.diagnostics:
                await asyncio.sleep(0.005)

        await asyncio.wait_for(wait(), timeout)
        return self.client.diagnostics[self.uri]

    def at(self, needle: str, delta: int = 0, nth: int = 0) -> types.Position:
        return position(self.text, find(self.text, needle, nth) + delta)

    def ident(self) -> types.TextDocumentIdentifier:
        return types.TextDocumentIdentifier(uri=self.uri)
