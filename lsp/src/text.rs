//! Document text and positions: byte offsets to and from LSP positions, whose `character`
//! counts UTF-16 code units, and incremental edits.
//!
//! Lines end at `\n`; a `\r` just before it belongs to the line break, so a character past
//! the end of a `\r\n` line lands before the `\r`.

use lsp_types::{Position, Range, TextDocumentContentChangeEvent};

/// The text of an open document with its line index.
#[derive(Clone, Debug)]
pub(crate) struct Text {
    text: String,
    /// Byte offset of the start of every line; the first is always 0.
    line_starts: Vec<usize>,
}

impl Text {
    pub(crate) fn new(text: String) -> Text {
        let mut line_starts = vec![0];
        line_starts.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        Text { text, line_starts }
    }

    pub(crate) fn as_str(&self) -> &str {
        &self.text
    }

    /// The byte offset of a position. A line past the end maps to the end of the text, a
    /// character past the end of its line to the end of the line (before its line break), and
    /// a character in the middle of a surrogate pair to the start of that character.
    pub(crate) fn offset(&self, position: Position) -> usize {
        let line = position.line as usize;
        let Some(&start) = self.line_starts.get(line) else {
            return self.text.len();
        };
        let end = self
            .line_starts
            .get(line + 1)
            .copied()
            .unwrap_or(self.text.len());
        let content = self.text.get(start..end).unwrap_or("");
        let content = match content.strip_suffix('\n') {
            Some(line) => line.strip_suffix('\r').unwrap_or(line),
            None => content,
        };
        let target = position.character as usize;
        let mut units = 0;
        for (i, c) in content.char_indices() {
            let next = units + c.len_utf16();
            if units >= target || next > target {
                return start + i;
            }
            units = next;
        }
        start + content.len()
    }

    /// The position of a byte offset (clamped to the text, snapped back to a character
    /// boundary).
    pub(crate) fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while offset > 0 && !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self
            .line_starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let start = self.line_starts.get(line).copied().unwrap_or(0);
        let character: usize = self
            .text
            .get(start..offset)
            .map_or(0, |s| s.chars().map(char::len_utf16).sum());
        Position::new(to_u32(line), to_u32(character))
    }

    pub(crate) fn range(&self, start: usize, end: usize) -> Range {
        Range::new(self.position(start), self.position(end.max(start)))
    }

    /// Applies one change of a `didChange` notification: a range edit, or the whole text when
    /// the change has no range.
    pub(crate) fn apply(&mut self, change: TextDocumentContentChangeEvent) {
        let Some(range) = change.range else {
            *self = Text::new(change.text);
            return;
        };
        let a = self.offset(range.start);
        let b = self.offset(range.end);
        let (start, end) = (a.min(b), a.max(b));
        let (Some(before), Some(after)) = (self.text.get(..start), self.text.get(end..)) else {
            return;
        };
        let mut text = String::with_capacity(before.len() + change.text.len() + after.len());
        text.push_str(before);
        text.push_str(&change.text);
        text.push_str(after);
        *self = Text::new(text);
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
