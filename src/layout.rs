//! Wrapping a document into lines for a given width.
//!
//! Every line knows the block it shows and the byte range of the block's text
//! it covers, so a reading position (block + offset) survives any re-wrap, and
//! search hits, actor mentions and markers can be found on screen. A layout is
//! computed once per width and cached by the reader.

use std::ops::Range;

use textwrap::WordSeparator;
use textwrap::core::{Word, break_words};
use textwrap::wrap_algorithms::wrap_first_fit;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::document::{Block, BlockKind, Document, Position, Style, Table, TocEntry};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineStyle {
    Body,
    Title,
    Heading(u8),
    Quote,
    Front,
    Back,
    Caption,
    TableHeader,
    Table,
    /// Decorations gloss adds: "image not in the text", table rules.
    Decoration,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SegmentKind {
    Text(Style),
    /// A footnote marker, shown as a superscript; `note` indexes the footnotes.
    Marker {
        note: usize,
    },
    /// Text gloss adds (bullets, table borders, page numbers of the contents).
    Decoration,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub text: String,
    pub kind: SegmentKind,
    /// The bytes of the block's text this segment shows.
    pub span: Option<Range<usize>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub block: usize,
    /// Byte range of the block's text on this line (empty for blank lines).
    pub range: Range<usize>,
    pub indent: u16,
    pub style: LineStyle,
    pub segments: Vec<Segment>,
}

impl Line {
    pub fn is_blank(&self) -> bool {
        self.segments.is_empty()
    }

    pub fn position(&self) -> Position {
        Position {
            block: self.block,
            offset: self.range.start,
        }
    }

    /// The line as plain text (for search and tests).
    pub fn text(&self) -> String {
        let mut text = " ".repeat(usize::from(self.indent));
        for segment in &self.segments {
            text.push_str(&segment.text);
        }
        text
    }
}

#[derive(Debug, Clone, Default)]
pub struct Layout {
    pub width: u16,
    pub lines: Vec<Line>,
    /// The blocks laid out: all of them, or a window of a very large paper.
    pub blocks: Range<usize>,
    /// For each block of the window, the range of its lines (blank separators excluded).
    block_lines: Vec<Range<usize>>,
}

impl Layout {
    /// The lines of `block` (blank separators excluded); empty when the
    /// block is outside the window laid out.
    pub fn lines_of(&self, block: usize) -> Range<usize> {
        block
            .checked_sub(self.blocks.start)
            .and_then(|i| self.block_lines.get(i))
            .cloned()
            .unwrap_or(0..0)
    }

    /// Whether `block` is in the window laid out.
    pub fn covers(&self, block: usize) -> bool {
        self.blocks.contains(&block)
    }

    /// The line showing `position` (the first or last line when it lies
    /// before or after the window).
    pub fn line_of(&self, position: Position) -> usize {
        if position.block < self.blocks.start {
            return 0;
        }
        let Some(range) = self.block_lines.get(position.block - self.blocks.start) else {
            return self.lines.len().saturating_sub(1);
        };
        if range.is_empty() {
            return range.start.min(self.lines.len().saturating_sub(1));
        }
        let lines = &self.lines[range.clone()];
        let within = lines
            .iter()
            .rposition(|line| line.range.start <= position.offset && !line.is_blank())
            .unwrap_or(0);
        range.start + within
    }
}

/// Lays `document` out for a text column `width` cells wide.
pub fn layout(document: &Document, width: u16) -> Layout {
    layout_window(document, width, 0..document.blocks.len())
}

/// Lays out only `blocks` of `document`: a very large paper is laid out a
/// window at a time around the reading position.
pub fn layout_window(document: &Document, width: u16, blocks: Range<usize>) -> Layout {
    let width = width.max(10);
    let blocks = blocks.start.min(document.blocks.len())..blocks.end.min(document.blocks.len());
    let mut out = Layout {
        width,
        lines: Vec::new(),
        blocks: blocks.clone(),
        block_lines: Vec::with_capacity(blocks.len()),
    };
    // The first front-matter block is the title, wherever the window starts.
    let mut title_done = document.blocks[..blocks.start]
        .iter()
        .any(|b| matches!(b.kind, BlockKind::FrontMatter));
    for (index, block) in document
        .blocks
        .iter()
        .enumerate()
        .skip(blocks.start)
        .take(blocks.len())
    {
        let needs_gap = !out.lines.is_empty() && !out.lines.last().is_some_and(Line::is_blank);
        let is_heading = matches!(block.kind, BlockKind::Heading { .. });
        if needs_gap && is_heading {
            push_blank(&mut out, index.saturating_sub(1), document);
        }
        let first = out.lines.len();
        let context = Context {
            document,
            block,
            index,
            width,
        };
        match &block.kind {
            BlockKind::Heading { level, .. } => {
                context.wrap(&mut out, 0, LineStyle::Heading(*level), None)
            }
            BlockKind::Paragraph => context.wrap(&mut out, 0, LineStyle::Body, None),
            BlockKind::Quote => context.wrap(&mut out, 4, LineStyle::Quote, None),
            BlockKind::ListItem { number } => {
                let bullet = number.map_or_else(|| "• ".to_owned(), |n| format!("{n}. "));
                context.wrap(&mut out, 0, LineStyle::Body, Some(bullet));
            }
            BlockKind::FrontMatter => {
                let style = if title_done {
                    LineStyle::Front
                } else {
                    LineStyle::Title
                };
                title_done = true;
                context.wrap(&mut out, 0, style, None);
            }
            BlockKind::BackMatter => context.wrap(&mut out, 0, LineStyle::Back, None),
            BlockKind::Figure { image } => {
                context.wrap(&mut out, 0, LineStyle::Caption, None);
                let note = match image {
                    Some(path) => format!("[image: {path}]"),
                    None => "[figure: the image is not in the text]".to_owned(),
                };
                push_decoration(
                    &mut out,
                    index,
                    block.text().len(),
                    2,
                    LineStyle::Decoration,
                    note,
                );
            }
            BlockKind::Table(table) => {
                if !block.text().is_empty() {
                    context.wrap(&mut out, 0, LineStyle::Caption, None);
                }
                table_lines(&mut out, index, block.text().len(), table, width);
            }
            BlockKind::Toc(entries) => {
                context.wrap(&mut out, 0, LineStyle::Heading(2), None);
                toc_lines(&mut out, index, block.text().len(), entries, width);
            }
        }
        out.block_lines.push(first..out.lines.len());
        push_blank(&mut out, index, document);
    }
    out
}

fn push_blank(out: &mut Layout, block: usize, document: &Document) {
    let end = document.blocks.get(block).map_or(0, |b| b.text().len());
    out.lines.push(Line {
        block,
        range: end..end,
        indent: 0,
        style: LineStyle::Body,
        segments: Vec::new(),
    });
}

fn push_decoration(
    out: &mut Layout,
    block: usize,
    at: usize,
    indent: u16,
    style: LineStyle,
    text: String,
) {
    out.lines.push(Line {
        block,
        range: at..at,
        indent,
        style,
        segments: vec![Segment {
            text,
            kind: SegmentKind::Decoration,
            span: None,
        }],
    });
}

struct Context<'a> {
    document: &'a Document,
    block: &'a Block,
    index: usize,
    width: u16,
}

/// A marker's glyph: superscript digits, or the label in brackets.
pub fn marker_glyph(label: &str) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    if !label.is_empty() && label.chars().all(|c| c.is_ascii_digit()) {
        label
            .chars()
            .filter_map(|c| c.to_digit(10).map(|d| DIGITS[d as usize]))
            .collect()
    } else if label == "*" || label == "†" || label == "‡" {
        label.to_owned()
    } else {
        format!("[{label}]")
    }
}

/// Display text of a block: its text with marker glyphs inserted.
struct Display {
    text: String,
    /// Inserted glyphs: display range, note index, text offset; in order.
    inserts: Vec<(Range<usize>, usize, usize)>,
    /// `shift[i]`: the bytes the first `i` glyphs add, so that offsets are
    /// mapped by a binary search, not a walk over every marker (a paragraph
    /// may hold tens of thousands).
    shift: Vec<usize>,
}

impl Display {
    fn new(document: &Document, block: &Block) -> Self {
        let text = block.text();
        let mut out = String::with_capacity(text.len() + block.content.markers.len() * 4);
        let mut inserts = Vec::new();
        let mut copied = 0;
        for (i, marker) in block.content.markers.iter().enumerate() {
            let offset = marker.offset.min(text.len()).max(copied);
            out.push_str(&text[copied..offset]);
            copied = offset;
            let follows_marker = i > 0 && block.content.markers[i - 1].offset == marker.offset;
            let label = document
                .footnotes
                .get(marker.note)
                .map_or(marker.label.as_str(), |note| note.label.as_str());
            let glyph = marker_glyph(label);
            let start = out.len();
            if follows_marker {
                out.push(',');
            }
            out.push_str(&glyph);
            inserts.push((start..out.len(), marker.note, offset));
        }
        out.push_str(&text[copied..]);
        let mut shift = Vec::with_capacity(inserts.len() + 1);
        shift.push(0);
        for (range, _, _) in &inserts {
            shift.push(shift[shift.len() - 1] + range.len());
        }
        Self {
            text: out,
            inserts,
            shift,
        }
    }

    /// The glyph covering display offset `at`, if any.
    fn insert_at(&self, at: usize) -> Option<&(Range<usize>, usize, usize)> {
        let after = self.inserts.partition_point(|(r, _, _)| r.start <= at);
        after
            .checked_sub(1)
            .map(|i| &self.inserts[i])
            .filter(|(r, _, _)| at < r.end)
    }

    /// The text offset of display offset `at`.
    fn to_text(&self, at: usize) -> usize {
        if let Some((_, _, offset)) = self.insert_at(at) {
            return *offset;
        }
        let before = self.inserts.partition_point(|(r, _, _)| r.end <= at);
        at - self.shift[before]
    }

    /// The display offset of text offset `at` (before any glyph inserted there).
    fn to_display(&self, at: usize) -> usize {
        let before = self.inserts.partition_point(|(_, _, offset)| *offset < at);
        at + self.shift[before]
    }
}

impl Context<'_> {
    /// Wraps the block's text into lines at `indent`, with a `prefix` (a
    /// bullet) on the first line and a hanging indent after it.
    fn wrap(&self, out: &mut Layout, indent: u16, style: LineStyle, prefix: Option<String>) {
        let display = Display::new(self.document, self.block);
        let prefix_width = prefix.as_deref().map_or(0, UnicodeWidthStr::width) as u16;
        let right = if style == LineStyle::Quote { indent } else { 0 };
        let available = usize::from(
            self.width
                .saturating_sub(indent + prefix_width + right)
                .max(4),
        );
        // Explicit line breaks (a figure's source line) start new lines.
        let mut first_line = true;
        let mut piece_start = 0;
        for piece in display.text.split('\n') {
            let base = piece_start;
            piece_start += piece.len() + 1;
            let words: Vec<Word<'_>> = WordSeparator::AsciiSpace.find_words(piece).collect();
            let words = break_words(words, available);
            let lines = wrap_first_fit(&words, &[available as f64]);
            for line_words in lines {
                let (Some(first), Some(last)) = (line_words.first(), line_words.last()) else {
                    continue;
                };
                let start = base + offset_in(piece, first.word);
                let end = base + offset_in(piece, last.word) + last.word.len();
                let mut segments = Vec::new();
                let mut line_indent = indent + prefix_width;
                if first_line {
                    if let Some(prefix) = &prefix {
                        segments.push(Segment {
                            text: prefix.clone(),
                            kind: SegmentKind::Decoration,
                            span: None,
                        });
                        line_indent = indent;
                    }
                    first_line = false;
                }
                self.segments(&display, start..end, &mut segments);
                out.lines.push(Line {
                    block: self.index,
                    range: display.to_text(start)..display.to_text(end),
                    indent: line_indent,
                    style,
                    segments,
                });
            }
        }
        if first_line && display.text.is_empty() {
            // An empty block still takes a line, so it can be reached.
            out.lines.push(Line {
                block: self.index,
                range: 0..0,
                indent,
                style,
                segments: prefix
                    .map(|text| Segment {
                        text,
                        kind: SegmentKind::Decoration,
                        span: None,
                    })
                    .into_iter()
                    .collect(),
            });
        }
    }

    /// Cuts display bytes `range` into segments at style and marker boundaries.
    fn segments(&self, display: &Display, range: Range<usize>, out: &mut Vec<Segment>) {
        let mut cuts = vec![range.start, range.end];
        // Only the spans and glyphs on this line (found by binary search):
        // a line costs what it shows, whatever the paragraph holds.
        let spans = &self.block.content.spans;
        let (text_start, text_end) = (display.to_text(range.start), display.to_text(range.end));
        let first_span = spans.partition_point(|s| s.range.end < text_start);
        for span in spans[first_span..]
            .iter()
            .take_while(|s| s.range.start <= text_end)
        {
            cuts.push(display.to_display(span.range.start));
            cuts.push(display.to_display(span.range.end));
        }
        let first_insert = display
            .inserts
            .partition_point(|(r, _, _)| r.end < range.start);
        for (insert, _, _) in display.inserts[first_insert..]
            .iter()
            .take_while(|(r, _, _)| r.start <= range.end)
        {
            cuts.push(insert.start);
            cuts.push(insert.end);
        }
        cuts.retain(|c| (range.start..=range.end).contains(c));
        cuts.sort_unstable();
        cuts.dedup();
        for pair in cuts.windows(2) {
            let (start, end) = (pair[0], pair[1]);
            if start == end
                || !display.text.is_char_boundary(start)
                || !display.text.is_char_boundary(end)
            {
                continue;
            }
            let text = display.text[start..end].to_owned();
            if let Some((_, note, offset)) =
                display.insert_at(start).filter(|(r, _, _)| end <= r.end)
            {
                out.push(Segment {
                    text,
                    kind: SegmentKind::Marker { note: *note },
                    span: Some(*offset..*offset),
                });
                continue;
            }
            let text_start = display.to_text(start);
            let after = spans.partition_point(|s| s.range.start <= text_start);
            let style = after
                .checked_sub(1)
                .map(|i| &spans[i])
                .filter(|s| text_start < s.range.end)
                .map_or(Style::PLAIN, |s| s.style);
            out.push(Segment {
                text,
                kind: SegmentKind::Text(style),
                span: Some(text_start..display.to_text(end)),
            });
        }
    }
}

/// Byte offset of `part` within `whole` (both from the same string).
fn offset_in(whole: &str, part: &str) -> usize {
    (part.as_ptr() as usize)
        .saturating_sub(whole.as_ptr() as usize)
        .min(whole.len())
}

/// Wraps `text` to `width` columns, for table cells and contents entries.
pub fn wrap_plain(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let words: Vec<Word<'_>> = WordSeparator::AsciiSpace.find_words(text).collect();
    let words = break_words(split_long_words(words, width), width);
    let lines: Vec<String> = wrap_first_fit(&words, &[width as f64])
        .iter()
        .map(|line| {
            let mut s = String::new();
            for (i, word) in line.iter().enumerate() {
                s.push_str(word.word);
                if i + 1 < line.len() {
                    s.push_str(word.whitespace);
                }
            }
            s
        })
        .collect();
    if lines.is_empty() {
        vec![String::new()]
    } else {
        lines
    }
}

/// A word longer than a line (a web address, mostly) broken where such a
/// word breaks well: after a slash, a point, a hyphen or a query's `?` `&`
/// `=` (`http://www.cablegatesearch.net/` `cable.php?id=09BAKU976`), its
/// pieces joined without a space; only a piece still too long is cut.
fn split_long_words(words: Vec<Word<'_>>, width: usize) -> Vec<Word<'_>> {
    let mut out = Vec::with_capacity(words.len());
    for word in words {
        if word.word.chars().count() <= width {
            out.push(word);
            continue;
        }
        let text = word.word;
        let mut start = 0;
        for (i, c) in text.char_indices() {
            let end = i + c.len_utf8();
            if matches!(c, '/' | '.' | '-' | '?' | '&' | '=' | '_') && end < text.len() {
                out.push(Word::from(&text[start..end]));
                start = end;
            }
        }
        let mut last = Word::from(&text[start..]);
        last.whitespace = word.whitespace;
        out.push(last);
    }
    out
}

/// Wraps `text` like [`wrap_plain`], giving each line as its byte range in
/// `text` (trailing spaces left out), for marks and cursors.
pub fn wrap_ranges(text: &str, width: usize) -> Vec<Range<usize>> {
    let mut cursor = 0;
    wrap_plain(text, width)
        .into_iter()
        .map(|line| {
            let start = text
                .get(cursor..)
                .and_then(|rest| rest.find(line.as_str()))
                .map_or(cursor, |i| cursor + i);
            let end = (start + line.len()).min(text.len());
            cursor = end;
            start..end
        })
        .collect()
}

/// The pieces a table cell may be broken into: its words, and within a
/// word the parts after a slash or a hyphen ("Alliance/", "Institutional");
/// each with whether a space comes before it.
fn cell_pieces(text: &str) -> Vec<(bool, &str)> {
    let mut pieces = Vec::new();
    for (n, word) in text.split_whitespace().enumerate() {
        let mut start = 0;
        for (i, c) in word.char_indices() {
            let end = i + c.len_utf8();
            if matches!(c, '/' | '-') && end < word.len() && i > 0 {
                pieces.push((n > 0 && start == 0, &word[start..end]));
                start = end;
            }
        }
        pieces.push((n > 0 && start == 0, &word[start..]));
    }
    pieces
}

/// Wraps a table cell to `width` columns, breaking between words, then
/// after a slash or hyphen, and only then inside a word.
fn wrap_cell(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for (spaced, piece) in cell_pieces(text) {
        let glue = if spaced && !line.is_empty() { " " } else { "" };
        if line.width() + glue.width() + piece.width() <= width {
            line.push_str(glue);
            line.push_str(piece);
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        // A piece wider than the column is cut where it must be.
        for c in piece.chars() {
            if line.width() + c.width().unwrap_or(0) > width && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            line.push(c);
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Column widths that fit `width`: natural widths, shrunk proportionally.
fn column_widths(table: &Table, width: usize) -> Vec<usize> {
    let columns = table.rows.first().map_or(0, Vec::len);
    if columns == 0 {
        return Vec::new();
    }
    let separators = 3 * (columns - 1);
    let available = width.saturating_sub(separators).max(columns * 3);
    let natural: Vec<usize> = (0..columns)
        .map(|c| {
            table
                .rows
                .iter()
                .map(|row| row.get(c).map_or(0, |cell| cell.width()))
                .max()
                .unwrap_or(0)
                .max(1)
        })
        .collect();
    let total: usize = natural.iter().sum();
    if total <= available {
        return natural;
    }
    // Where every column can hold its longest word, no word is split: each
    // column starts at its longest word and the rest of the room goes to the
    // columns in proportion to how much more they would take.
    let longest_word: Vec<usize> = (0..columns)
        .map(|c| {
            table
                .rows
                .iter()
                .filter_map(|row| row.get(c))
                .flat_map(|cell| cell_pieces(cell))
                .map(|(_, piece)| piece.width())
                .max()
                .unwrap_or(1)
                .max(1)
        })
        .collect();
    let least: usize = longest_word.iter().sum();
    if least <= available {
        let spare = available - least;
        let wants: Vec<usize> = (0..columns)
            .map(|c| natural[c].saturating_sub(longest_word[c]))
            .collect();
        let wanted: usize = wants.iter().sum::<usize>().max(1);
        return (0..columns)
            .map(|c| longest_word[c] + wants[c] * spare / wanted)
            .collect();
    }
    // Where even that does not fit, no word is split either: the table is
    // wider than the text and scrolls sideways, so its cells need not wrap
    // at all: each column as wide as its widest cell, up to the text's
    // width (a longer cell wraps there, a longer word is cut there).
    natural.iter().map(|&w| w.min(width.max(3))).collect()
}

fn table_lines(out: &mut Layout, block: usize, at: usize, table: &Table, width: u16) {
    let widths = column_widths(table, usize::from(width));
    if widths.is_empty() {
        return;
    }
    for (r, row) in table.rows.iter().enumerate() {
        let cells: Vec<Vec<String>> = row
            .iter()
            .zip(&widths)
            .map(|(cell, &w)| wrap_cell(cell, w))
            .collect();
        let height = cells.iter().map(Vec::len).max().unwrap_or(1);
        let style = if r < table.header_rows {
            LineStyle::TableHeader
        } else {
            LineStyle::Table
        };
        for i in 0..height {
            let mut text = String::new();
            for (c, lines) in cells.iter().enumerate() {
                if c > 0 {
                    text.push_str(" │ ");
                }
                let cell = lines.get(i).map_or("", String::as_str);
                text.push_str(cell);
                text.push_str(&" ".repeat(widths[c].saturating_sub(cell.width())));
            }
            push_decoration(out, block, at, 0, style, text.trim_end().to_owned());
        }
        if r + 1 == table.header_rows || (table.header_rows == 0 && r == 0) {
            let rule: Vec<String> = widths.iter().map(|&w| "─".repeat(w)).collect();
            push_decoration(out, block, at, 0, LineStyle::Decoration, rule.join("─┼─"));
        }
    }
}

fn toc_lines(out: &mut Layout, block: usize, at: usize, entries: &[TocEntry], width: u16) {
    for entry in entries {
        let indent = 2 * usize::from(entry.level.saturating_sub(1)) + 2;
        let page = entry.page.map_or(String::new(), |p| p.to_string());
        // Room for the title, a space, at least one dot, a space, the page.
        let available = usize::from(width)
            .saturating_sub(indent + page.len() + 3)
            .max(8);
        let lines = wrap_plain(&entry.title, available);
        let count = lines.len();
        for (i, line) in lines.into_iter().enumerate() {
            let text = if i + 1 == count {
                let dots =
                    usize::from(width).saturating_sub(indent + line.width() + page.len() + 2);
                format!("{line} {} {page}", ".".repeat(dots.max(1)))
            } else {
                line
            };
            push_decoration(out, block, at, indent as u16, LineStyle::Front, text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse_text;

    #[test]
    fn lines_fit_the_width_and_keep_every_word() {
        let doc = parse_text(
            "Title\n\nIntroduction\n\nThe quick brown fox jumps over the lazy dog again and again.\n",
        );
        let layout = layout(&doc, 20);
        for line in &layout.lines {
            assert!(line.text().width() <= 20, "{:?}", line.text());
        }
        let words: Vec<String> = layout.lines.iter().map(Line::text).collect();
        assert!(words.join(" ").contains("lazy dog again"));
    }

    #[test]
    fn markers_are_superscripts_linked_to_their_notes() {
        let doc = parse_text(
            "T\n\nIntroduction\n\nIn 2011.<sup>12</sup> Then.\n\n<sup>12</sup> A note.\n",
        );
        let layout = layout(&doc, 60);
        let line = layout
            .lines
            .iter()
            .find(|l| l.text().contains("In 2011"))
            .unwrap();
        assert_eq!(line.text(), "In 2011.¹² Then.");
        let marker = line
            .segments
            .iter()
            .find(|s| matches!(s.kind, SegmentKind::Marker { .. }))
            .unwrap();
        assert_eq!(marker.kind, SegmentKind::Marker { note: 0 });
    }

    #[test]
    fn positions_survive_rewrapping() {
        let text = "T\n\nIntroduction\n\n".to_owned() + &"word ".repeat(400);
        let doc = parse_text(&text);
        let narrow = layout(&doc, 30);
        let wide = layout(&doc, 90);
        let position = narrow.lines[narrow.line_of(Position {
            block: 2,
            offset: 1000,
        })]
        .position();
        let on_wide = wide.lines[wide.line_of(position)].clone();
        assert!(on_wide.range.start <= position.offset && position.offset <= on_wide.range.end);
    }

    #[test]
    fn wide_and_combining_characters_are_measured() {
        let doc = parse_text(
            "T\n\nIntroduction\n\n日本語のテキスト 日本語のテキスト 日本語のテキスト e\u{301}te\u{301}.\n",
        );
        for line in layout(&doc, 12).lines {
            assert!(line.text().width() <= 12, "{:?}", line.text());
        }
    }

    #[test]
    fn table_cells_wrap_between_words_where_the_longest_words_fit() {
        let doc = parse_text(
            "T\n\nIntroduction\n\nYear\tParticipation\tConfidence-Building Measures and Alliance/Institutional ties\n1995\tLisbon Summit of the OSCE\tAccepted after long and difficult negotiations between all parties\n",
        );
        let layout = layout(&doc, 50);
        let rows: Vec<String> = layout
            .lines
            .iter()
            .filter(|l| matches!(l.style, LineStyle::Table | LineStyle::TableHeader))
            .map(Line::text)
            .collect();
        let all = rows.join("\n");
        // Every piece shown is a whole word, or a whole part of one after a
        // slash or hyphen: nothing is cut inside.
        let whole: std::collections::HashSet<&str> = doc
            .blocks
            .iter()
            .filter_map(|b| match &b.kind {
                crate::document::BlockKind::Table(t) => Some(t),
                _ => None,
            })
            .flat_map(|t| t.rows.iter().flatten())
            .flat_map(|cell| cell_pieces(cell))
            .map(|(_, piece)| piece)
            .collect();
        for row in &rows {
            for cell in row.split(" │ ") {
                for (_, piece) in cell_pieces(cell.trim()) {
                    assert!(whole.contains(piece), "{piece:?} is cut:\n{all}");
                }
            }
        }
        assert!(rows.iter().all(|r| r.width() <= 50), "{all}");
    }

    #[test]
    fn tables_fit_the_width() {
        let doc = parse_text(
            "T\n\nIntroduction\n\nYear\tName\tA long description of the row\n1995\tLisbon\tAccepted after long and difficult negotiations\n",
        );
        let layout = layout(&doc, 40);
        let rows: Vec<String> = layout
            .lines
            .iter()
            .filter(|l| l.style == LineStyle::Table)
            .map(Line::text)
            .collect();
        assert!(rows.iter().all(|r| r.width() <= 40), "{rows:?}");
        assert!(rows[0].starts_with("1995 │ Lisbon │"));
    }

    #[test]
    fn a_web_address_longer_than_a_line_breaks_after_its_slashes_and_points() {
        let lines = wrap_plain(
            "See http://www.cablegatesearch.net/cable.php?id=09BAKU976 now.",
            22,
        );
        assert_eq!(
            lines,
            [
                "See http://www.",
                "cablegatesearch.net/",
                "cable.php?id=09BAKU976",
                "now."
            ]
        );
        // Nothing is lost or added: the pieces read back as the address.
        assert_eq!(
            lines[..3].concat(),
            "See http://www.cablegatesearch.net/cable.php?id=09BAKU976"
        );
    }
}
