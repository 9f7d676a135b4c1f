//! The sources a code frame shows, with long lines cut.
//!
//! A line longer than [`MAX_LINE`] bytes (a minified policy is one line of megabytes) is shown
//! as a window of at most [`WIDTH`] bytes around the labels on it, with `…` where text was
//! left out, so a frame stays a few hundred bytes whatever the file. Line and column numbers
//! are those of the original file.

use std::ops::Range;

use codespan_reporting::files::{Error, Files};

/// Lines longer than this many bytes are cut.
pub(crate) const MAX_LINE: usize = 200;
/// The most bytes of a cut line a frame shows.
const WIDTH: usize = 160;
/// Bytes shown before the first label on a cut line.
const CONTEXT: usize = 60;
/// Marks text left out of a cut line.
const ELLIPSIS: &str = "…";

/// One source file, indexed once for every frame that points into it.
pub(crate) struct Source<'a> {
    id: ir::SourceId,
    name: String,
    text: &'a str,
    starts: Vec<usize>,
    /// True when some line is longer than [`MAX_LINE`].
    long: bool,
}

impl<'a> Source<'a> {
    pub(crate) fn new(id: ir::SourceId, name: String, text: &'a str) -> Source<'a> {
        let starts: Vec<usize> = codespan_reporting::files::line_starts(text).collect();
        let long = starts
            .iter()
            .zip(starts.iter().skip(1).chain([&text.len()]))
            .any(|(s, e)| e - s > MAX_LINE);
        Source {
            id,
            name,
            text,
            starts,
            long,
        }
    }

    pub(crate) fn id(&self) -> ir::SourceId {
        self.id
    }

    fn line_of(&self, byte: usize) -> usize {
        self.starts
            .partition_point(|s| *s <= byte)
            .saturating_sub(1)
    }

    fn line_range(&self, line: usize) -> Range<usize> {
        let start = self.starts.get(line).copied().unwrap_or(self.text.len());
        let end = self
            .starts
            .get(line + 1)
            .copied()
            .unwrap_or(self.text.len());
        start..end
    }
}

/// One kept line of a cut file.
struct Line {
    /// Where the line starts in the cut text.
    view_start: usize,
    /// Where the line starts in the original text.
    start: usize,
    /// The original bytes kept, and the bytes of the leading `…` (0 when nothing was cut).
    kept: Range<usize>,
    prefix: usize,
}

/// The lines a frame needs of a file with long lines, cut.
struct Cut<'a> {
    source: &'a Source<'a>,
    first_line: usize,
    text: String,
    lines: Vec<Line>,
}

impl<'a> Cut<'a> {
    /// Keeps the lines from the first to the last of `points` (byte offsets the labels start and
    /// end at), each long line cut to a window around the points on it.
    fn new(source: &'a Source<'a>, points: &[usize]) -> Cut<'a> {
        let first_line = points.iter().map(|p| source.line_of(*p)).min().unwrap_or(0);
        let last_line = points.iter().map(|p| source.line_of(*p)).max().unwrap_or(0);
        let mut text = String::new();
        let mut lines = Vec::new();
        for line in first_line..=last_line {
            let range = source.line_range(line);
            let body = source.text.get(range.clone()).unwrap_or_default();
            let end = range.start + body.trim_end_matches(['\n', '\r']).len();
            let view_start = text.len();
            if range.len() <= MAX_LINE {
                text.push_str(body);
                lines.push(Line {
                    view_start,
                    start: range.start,
                    kept: range.clone(),
                    prefix: 0,
                });
                continue;
            }
            let on_line: Vec<usize> = points
                .iter()
                .copied()
                .filter(|p| (range.start..=end).contains(p))
                .collect();
            let low = on_line.iter().copied().min().unwrap_or(range.start);
            let high = on_line.iter().copied().max().unwrap_or(range.start);
            let from = floor(source.text, low.saturating_sub(CONTEXT).max(range.start));
            let to = ceil(
                source.text,
                (high.max(low + CONTEXT) + CONTEXT)
                    .min(from + WIDTH)
                    .min(end),
            );
            let prefix = if from > range.start {
                text.push_str(ELLIPSIS);
                ELLIPSIS.len()
            } else {
                0
            };
            text.push_str(source.text.get(from..to).unwrap_or_default());
            if to < end {
                text.push_str(ELLIPSIS);
            }
            text.push_str(source.text.get(end..range.end).unwrap_or_default());
            lines.push(Line {
                view_start,
                start: range.start,
                kept: from..to,
                prefix,
            });
        }
        Cut {
            source,
            first_line,
            text,
            lines,
        }
    }

    /// Where an original byte offset is shown: clamped into its line's window.
    fn map(&self, byte: usize) -> usize {
        let index = self.source.line_of(byte).saturating_sub(self.first_line);
        let Some(line) = self.lines.get(index).or(self.lines.last()) else {
            return 0;
        };
        let clamped = byte.clamp(line.kept.start, line.kept.end);
        line.view_start + line.prefix + (clamped - line.kept.start)
    }

    /// The original byte offset of a byte of the cut text.
    fn unmap(&self, line_index: usize, byte: usize) -> usize {
        match self.lines.get(line_index) {
            Some(line) => {
                let inside = byte.saturating_sub(line.view_start + line.prefix);
                (line.kept.start + inside).min(line.kept.end)
            }
            None => self.source.text.len(),
        }
    }
}

fn floor(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil(text: &str, mut i: usize) -> usize {
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i.min(text.len())
}

enum ViewFile<'a> {
    Whole(&'a Source<'a>),
    Cut(Cut<'a>),
}

/// Where a label is shown: a file id of the [`View`] and a byte range in it.
pub(crate) type Placed = Option<(usize, Range<usize>)>;

/// The files of one diagnostic's frame; ids are indexes.
pub(crate) struct View<'a> {
    files: Vec<ViewFile<'a>>,
}

impl<'a> View<'a> {
    /// The view for labels given as (source, byte range); returns it with each label's file id
    /// and range in the view, in order (`None` for a label in no known source).
    pub(crate) fn new(
        sources: &'a [Source<'a>],
        labels: &[(ir::SourceId, Range<usize>)],
    ) -> (View<'a>, Vec<Placed>) {
        let mut files = Vec::new();
        let mut ids: Vec<(ir::SourceId, usize)> = Vec::new();
        for (id, _) in labels {
            let Some(source) = sources.iter().find(|s| s.id == *id) else {
                continue;
            };
            if ids.iter().any(|(s, _)| s == id) {
                continue;
            }
            let file = if source.long {
                let points: Vec<usize> = labels
                    .iter()
                    .filter(|(s, _)| s == id)
                    .flat_map(|(_, r)| [r.start, r.end])
                    .collect();
                ViewFile::Cut(Cut::new(source, &points))
            } else {
                ViewFile::Whole(source)
            };
            ids.push((*id, files.len()));
            files.push(file);
        }
        let view = View { files };
        let mapped = labels
            .iter()
            .map(|(id, range)| {
                let (_, index) = ids.iter().find(|(s, _)| s == id)?;
                let range = match view.files.get(*index)? {
                    ViewFile::Whole(_) => range.clone(),
                    ViewFile::Cut(cut) => cut.map(range.start)..cut.map(range.end),
                };
                Some((*index, range))
            })
            .collect();
        (view, mapped)
    }

    fn file(&self, id: usize) -> Result<&ViewFile<'a>, Error> {
        self.files.get(id).ok_or(Error::FileMissing)
    }
}

impl<'f> Files<'f> for View<'_> {
    type FileId = usize;
    type Name = &'f str;
    type Source = &'f str;

    fn name(&'f self, id: usize) -> Result<&'f str, Error> {
        Ok(match self.file(id)? {
            ViewFile::Whole(s) => &s.name,
            ViewFile::Cut(c) => &c.source.name,
        })
    }

    fn source(&'f self, id: usize) -> Result<&'f str, Error> {
        Ok(match self.file(id)? {
            ViewFile::Whole(s) => s.text,
            ViewFile::Cut(c) => &c.text,
        })
    }

    fn line_index(&'f self, id: usize, byte_index: usize) -> Result<usize, Error> {
        Ok(match self.file(id)? {
            ViewFile::Whole(s) => s.line_of(byte_index),
            ViewFile::Cut(c) => c
                .lines
                .partition_point(|l| l.view_start <= byte_index)
                .saturating_sub(1),
        })
    }

    fn line_number(&'f self, id: usize, line_index: usize) -> Result<usize, Error> {
        Ok(match self.file(id)? {
            ViewFile::Whole(_) => line_index + 1,
            ViewFile::Cut(c) => c.first_line + line_index + 1,
        })
    }

    fn column_number(
        &'f self,
        id: usize,
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, Error> {
        let (text, start, byte) = match self.file(id)? {
            ViewFile::Whole(s) => (s.text, s.line_range(line_index).start, byte_index),
            ViewFile::Cut(c) => {
                let start = c.lines.get(line_index).map_or(0, |l| l.start);
                (c.source.text, start, c.unmap(line_index, byte_index))
            }
        };
        Ok(text.get(start..byte).map_or(0, |s| s.chars().count()) + 1)
    }

    fn line_range(&'f self, id: usize, line_index: usize) -> Result<Range<usize>, Error> {
        match self.file(id)? {
            ViewFile::Whole(s) => {
                if line_index >= s.starts.len() {
                    return Err(Error::LineTooLarge {
                        given: line_index,
                        max: s.starts.len().saturating_sub(1),
                    });
                }
                Ok(s.line_range(line_index))
            }
            ViewFile::Cut(c) => {
                let Some(line) = c.lines.get(line_index) else {
                    return Err(Error::LineTooLarge {
                        given: line_index,
                        max: c.lines.len().saturating_sub(1),
                    });
                };
                let end = c
                    .lines
                    .get(line_index + 1)
                    .map_or(c.text.len(), |l| l.view_start);
                Ok(line.view_start..end)
            }
        }
    }
}
