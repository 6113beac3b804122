//! One open paper: where the reader is, what is on the page, and how they move.
//!
//! The reading position is a place in the document ([`Position`]); the top
//! line of the page is derived from it for the current width, so a resize
//! re-pages without losing the sentence being read.

use std::collections::HashMap;
use std::ops::Range;

use super::jumps::{JumpList, Place};
use super::list_input::stepped;
use super::search::Search;
use super::selection::Selection;
use crate::actors::{ActorIndex, ActorKind};
use crate::document::{Document, NoteKind, Position};
use crate::layout::{Layout, SegmentKind, layout_window};
use crate::notes::anchor::TextIndex;
use crate::notes::{Anchor, NotesStore, Placement};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Text,
    Footnotes,
    Actors,
    /// The margin notes.
    Margin,
}

/// What the bottom pane shows: the notes of the page, or the mentions of the
/// active actor. It keeps showing it, focused or not, until the reader asks
/// for the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bottom {
    Notes,
    Mentions,
    /// Every place a source is cited (index into the bibliography's sources).
    Citations {
        source: usize,
    },
}

/// A margin note and where it is in the text now (`None`: an orphan).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlacedNote {
    pub id: String,
    pub placement: Option<Placement>,
}

/// Bytes of text laid out around the reading position in a very large
/// paper: laying out 50 MB takes most of a second and 160 MB, a window of
/// this much a few milliseconds. Papers under twice this are laid out whole.
const WINDOW_BYTES: usize = 1 << 20;

/// A note set beside the text: `rows` rows from screen row `row` (counted
/// from the top of the text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sidenote {
    pub note: usize,
    pub row: usize,
    pub rows: usize,
}

/// A footnote marker visible on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageMarker {
    pub line: usize,
    pub segment: usize,
    pub note: usize,
}

#[derive(Debug, Clone)]
pub struct Reader {
    /// Index of the paper in the library.
    pub paper: usize,
    pub document: Document,
    /// Where each block's text ends, counted through the paper's text: what
    /// the window laid out and the page estimate of a very large paper go by.
    text_ends: Vec<usize>,
    pub actors: ActorIndex,
    pub layout: Layout,
    /// First line on screen.
    pub top: usize,
    /// The reading position: what stays on screen through any re-wrap.
    pub anchor: Position,
    /// Lines of text per page.
    pub height: usize,
    pub focus: Focus,
    pub bottom: Bottom,
    jumps: JumpList,
    /// The note selected in the footnote pane (index into the footnotes).
    pub note_selected: Option<usize>,
    /// The marker selected on the page.
    pub marker_selected: Option<PageMarker>,
    /// Which citation of the selected note `follow` goes to next.
    pub citation_cursor: usize,
    /// Selected row of the actor list (index into [`Reader::visible_actors`]).
    pub actor_selected: usize,
    pub actor_filter: Option<ActorKind>,
    /// The actor list grouped by kind (else ordered by salience).
    pub actors_grouped: bool,
    /// The actor whose mentions are highlighted in the text.
    pub actor_active: Option<usize>,
    pub mention_selected: usize,
    /// What the notes cite, and how.
    pub bibliography: crate::citations::Bibliography,
    /// The row selected in the list of a source's citations.
    pub citation_selected: usize,
    pub search: Option<Search>,
    /// The paper's margin notes, and where each is now, in reading order.
    pub notes: NotesStore,
    pub placed: Vec<PlacedNote>,
    /// Where each note's anchor was placed, kept while the anchor is the same:
    /// a note that cannot be placed costs a fuzzy search once, not at every edit.
    placements: HashMap<String, (Anchor, Option<Placement>)>,
    /// The paper's bigrams, for the fuzzy search, built when first needed.
    text_index: Option<TextIndex>,
    /// The margin note selected (by id).
    pub margin_selected: Option<String>,
    /// A span being selected to write a note on.
    pub visual: Option<Selection>,
    /// Columns a table wider than the text is scrolled sideways by.
    pub table_shift: usize,
    /// Only the first pages of a very large paper, shown while the whole
    /// paper is read; with where to go once it is, if the reader has not moved.
    preview: Option<Option<Position>>,
}

impl Reader {
    pub fn new(
        paper: usize,
        document: Document,
        actors: ActorIndex,
        notes: NotesStore,
        width: u16,
        height: usize,
        start: Option<Position>,
    ) -> Self {
        let text_ends = text_ends(&document);
        let layout = layout_window(&document, width, window_around(&text_ends, 0));
        let bibliography = crate::citations::Bibliography::of(&document);
        let mut reader = Self {
            paper,
            document,
            text_ends,
            actors,
            layout,
            top: 0,
            anchor: Position::default(),
            height: height.max(1),
            focus: Focus::Text,
            bottom: Bottom::Notes,
            jumps: JumpList::default(),
            note_selected: None,
            marker_selected: None,
            citation_cursor: 0,
            actor_selected: 0,
            actor_filter: None,
            actors_grouped: false,
            actor_active: None,
            mention_selected: 0,
            bibliography,
            citation_selected: 0,
            search: None,
            notes,
            placed: Vec::new(),
            placements: HashMap::new(),
            text_index: None,
            margin_selected: None,
            visual: None,
            table_shift: 0,
            preview: None,
        };
        reader.reanchor_notes();
        let start = start
            .filter(|p| p.block < reader.document.blocks.len())
            .unwrap_or_default();
        reader.go(start);
        reader
    }

    /// Lays the text out again if the width changed, keeping the reading position.
    pub fn resize(&mut self, width: u16, height: usize) {
        self.height = height.max(1);
        if self.layout.width != width.max(10) {
            self.lay_out_around(self.anchor.block, width);
            self.top = self.layout.line_of(self.anchor);
        }
        self.top = self.top.min(self.last_line());
        self.marker_selected = None;
    }

    fn last_line(&self) -> usize {
        self.layout.lines.len().saturating_sub(1)
    }

    /// Marks the paper as the first pages of a very large one; `start` is
    /// where to go when the whole paper comes, if the reader has not moved.
    pub fn mark_preview(&mut self, start: Option<Position>) {
        self.preview = Some(start);
    }

    pub fn is_preview(&self) -> bool {
        self.preview.is_some()
    }

    /// Takes the whole paper in place of its first pages, at the same place
    /// in the file (or at the saved place if the reader has not moved).
    pub fn take_whole(&mut self, opened: super::opening::Opened) {
        let saved = self.preview.take().flatten();
        let here = self
            .document
            .source_offset(self.anchor.block, self.anchor.offset);
        let block_start = |d: &Document, b: usize| d.blocks.get(b)?.source.first().map(|r| r.start);
        // The first pages parse as the whole paper's first blocks: the same
        // block, from the same place in the file, is the same place, found
        // by its words (a marker whose note was not read yet showed as text).
        let same_block = (block_start(&self.document, self.anchor.block)
            == block_start(&opened.document, self.anchor.block))
        .then(|| {
            let before = self.document.blocks.get(self.anchor.block)?.text();
            let probe: String = before
                .get(self.anchor.offset..)?
                .chars()
                .take_while(|c| !matches!(c, '[' | '<' | '^'))
                .take(40)
                .collect();
            if probe.trim().is_empty() {
                return None;
            }
            let after = opened.document.blocks.get(self.anchor.block)?.text();
            let offset = after
                .match_indices(probe.as_str())
                .map(|(at, _)| at)
                .min_by_key(|at| at.abs_diff(self.anchor.offset))?;
            Some(Position {
                block: self.anchor.block,
                offset,
            })
        })
        .flatten();
        let moved = self.anchor != Position::default();
        self.document = opened.document;
        self.actors = opened.actors;
        self.bibliography = opened.bibliography;
        self.notes = opened.notes;
        self.text_ends = text_ends(&self.document);
        self.placements.clear();
        self.text_index = None;
        // Lists and hits counted in the first pages start over.
        self.search = None;
        self.visual = None;
        self.note_selected = None;
        self.actor_selected = 0;
        self.actor_active = None;
        self.mention_selected = 0;
        self.citation_selected = 0;
        self.jumps.clear();
        // A list of a source's citations points into the bibliography just replaced.
        self.bottom = Bottom::Notes;
        self.marker_selected = None;
        self.citation_cursor = 0;
        self.margin_selected = None;
        let position = match (saved, moved) {
            (Some(saved), false) => saved,
            _ => same_block
                .or_else(|| here.and_then(|offset| self.document.position_at_source(offset)))
                .unwrap_or(self.anchor),
        };
        self.lay_out_around(position.block, self.layout.width);
        self.reanchor_notes();
        self.go(position);
    }

    /// Lays out the window of text around `block` (the whole paper unless
    /// it is very large).
    fn lay_out_around(&mut self, block: usize, width: u16) {
        let window = window_around(&self.text_ends, block);
        self.layout = layout_window(&self.document, width, window);
    }

    /// Whether only a window of the paper is laid out.
    pub fn is_windowed(&self) -> bool {
        self.layout.blocks.len() < self.document.blocks.len()
    }

    /// Lays out the window around `block` if it is outside the one laid out.
    fn cover(&mut self, block: usize) {
        if !self.layout.covers(block) && block < self.document.blocks.len() {
            self.lay_out_around(block, self.layout.width);
        }
    }

    /// Moves the window along when the page comes near its edge, keeping
    /// the same top line.
    fn keep_window(&mut self) {
        let near_start = self.layout.blocks.start > 0 && self.top < self.height * 2;
        let near_end = self.layout.blocks.end < self.document.blocks.len()
            && self.top + self.height * 3 > self.layout.lines.len();
        if near_start || near_end {
            let line = self.layout.lines.get(self.top).cloned();
            self.lay_out_around(self.anchor.block, self.layout.width);
            self.top = match line {
                // The same line: the first of its block's lines that starts there.
                Some(line) => self
                    .layout
                    .lines_of(line.block)
                    .find(|&l| self.layout.lines[l].range == line.range)
                    .unwrap_or_else(|| self.layout.line_of(self.anchor)),
                None => self.layout.line_of(self.anchor),
            };
        }
    }

    /// Moves to `position` without recording a jump.
    pub fn go(&mut self, position: Position) {
        self.cover(position.block);
        self.anchor = position;
        self.top = self.layout.line_of(position).min(self.last_line());
        self.marker_selected = None;
    }

    /// Jumps so that `position` shows a third of the way down the page, with
    /// the text before it for context (citations, hits, mentions).
    pub fn jump_to_show(&mut self, position: Position) {
        self.jump_to(position);
        let line = self.layout.line_of(position);
        self.set_top(line.saturating_sub(self.height / 3));
    }

    /// Moves to `position`, recording where the reader was on the jump list.
    pub fn jump_to(&mut self, position: Position) {
        self.jumps.record(self.place());
        self.go(position);
    }

    /// Where the reader is, for the jump list.
    fn place(&self) -> Place {
        Place {
            position: self.anchor,
            top: self.top,
            width: self.layout.width,
            window: self.layout.blocks.start,
        }
    }

    /// Goes back to `place`: the same top line if the width is the same.
    fn return_to(&mut self, place: Place) {
        if place.width == self.layout.width
            && place.window == self.layout.blocks.start
            && place.top < self.layout.lines.len()
        {
            self.anchor = place.position;
            self.top = place.top;
            self.marker_selected = None;
        } else {
            self.go(place.position);
        }
    }

    pub fn jump_back(&mut self) -> bool {
        let Some(place) = self.jumps.back(self.place()) else {
            return false;
        };
        self.return_to(place);
        true
    }

    pub fn jump_forward(&mut self) -> bool {
        let Some(place) = self.jumps.forward(self.place()) else {
            return false;
        };
        self.return_to(place);
        true
    }

    /// Scrolls by `lines` (negative: up), keeping at least one line of text on screen.
    pub fn scroll(&mut self, lines: isize) {
        let total = self.layout.lines.len();
        let limit = if lines > 0 {
            total
                .saturating_sub(self.height)
                .max(self.top.min(total.saturating_sub(1)))
        } else {
            self.last_line()
        };
        let top = self.top.saturating_add_signed(lines).min(limit);
        self.set_top(top);
    }

    pub fn set_top(&mut self, top: usize) {
        self.top = top.min(self.last_line());
        if let Some(line) = self.layout.lines.get(self.top) {
            self.anchor = line.position();
        }
        self.marker_selected = None;
        self.keep_window();
    }

    pub fn next_page(&mut self) {
        if self.top + self.height < self.layout.lines.len() {
            self.set_top(self.top + self.height);
        }
    }

    pub fn previous_page(&mut self) {
        self.set_top(self.top.saturating_sub(self.height));
    }

    pub fn top_of_paper(&mut self) {
        self.jump_to(Position::default());
        self.set_top(0);
    }

    pub fn end_of_paper(&mut self) {
        let last = self.document.blocks.len().saturating_sub(1);
        self.jump_to(Position {
            block: last,
            offset: 0,
        });
        let top = self.layout.lines.len().saturating_sub(self.height);
        self.set_top(top);
    }

    /// The lines of the whole paper, and the lines before the window laid
    /// out: counted where the paper is laid out whole, else estimated from
    /// the window's lines per byte of text.
    fn lines_overall(&self) -> (usize, usize) {
        let lines = self.layout.lines.len();
        if !self.is_windowed() {
            return (lines, 0);
        }
        let before = |block: usize| block.checked_sub(1).map_or(0, |b| self.text_ends[b]);
        let window = self.layout.blocks.clone();
        let window_bytes = (before(window.end) - before(window.start)).max(1);
        let estimate = |bytes: usize| {
            usize::try_from(bytes as u128 * lines as u128 / window_bytes as u128)
                .unwrap_or(usize::MAX)
        };
        let total = estimate(self.text_ends.last().copied().unwrap_or(0)).max(lines);
        (total, estimate(before(window.start)))
    }

    /// Page number and page count, for the status line.
    pub fn page(&self) -> (usize, usize) {
        let (total, before) = self.lines_overall();
        let total = total.max(1);
        let top = before + self.top;
        let pages = total.div_ceil(self.height);
        let page = if top + self.height >= total {
            pages
        } else {
            top / self.height + 1
        };
        (page.min(pages), pages)
    }

    /// The page of the original the top line stands on, as printed there
    /// (or counted, where the page shows no number).
    pub fn original_page(&self) -> Option<String> {
        let line = self.layout.lines.get(self.top)?;
        let offset = self.document.source_offset(line.block, line.range.start)?;
        self.document.page_at(offset)
    }

    /// How far through the paper the bottom of the page is, in percent.
    pub fn percent(&self) -> u8 {
        let (total, before) = self.lines_overall();
        let total = total.max(1);
        let seen = (before + self.top + self.height).min(total);
        u8::try_from(seen * 100 / total).unwrap_or(100)
    }

    pub fn visible_lines(&self) -> Range<usize> {
        self.lines_from_top(self.height)
    }

    /// The lines of a page `height` lines tall from the top line.
    fn lines_from_top(&self, height: usize) -> Range<usize> {
        self.top..(self.top + height.max(1)).min(self.layout.lines.len())
    }

    pub fn visible_blocks(&self) -> Range<usize> {
        self.blocks_of_lines(self.visible_lines())
    }

    fn blocks_of_lines(&self, lines: Range<usize>) -> Range<usize> {
        let first = self.layout.lines.get(lines.start).map_or(0, |l| l.block);
        let last = lines
            .end
            .checked_sub(1)
            .and_then(|l| self.layout.lines.get(l))
            .map_or(first, |l| l.block);
        first..last + 1
    }

    /// The section the reading position is in.
    pub fn current_section(&self) -> Option<usize> {
        self.document.section_of(self.anchor.block)
    }

    pub fn next_section(&mut self) {
        let after = self
            .document
            .sections
            .iter()
            .position(|s| s.block > self.anchor.block);
        if let Some(section) = after {
            self.jump_to_section(section);
        }
    }

    pub fn previous_section(&mut self) {
        let current = self.current_section();
        let at_start = current.is_some_and(|s| {
            let heading = self.document.sections[s].block;
            self.layout.line_of(Position {
                block: heading,
                offset: 0,
            }) >= self.top
        });
        let target = match current {
            Some(s) if at_start => s.checked_sub(1),
            other => other,
        };
        if let Some(section) = target {
            self.jump_to_section(section);
        }
    }

    pub fn jump_to_section(&mut self, section: usize) {
        if let Some(s) = self.document.sections.get(section) {
            self.jump_to(Position {
                block: s.block,
                offset: 0,
            });
        }
    }

    /// The markers on the page, in reading order.
    pub fn page_markers(&self) -> Vec<PageMarker> {
        self.markers_of_lines(self.visible_lines())
    }

    fn markers_of_lines(&self, lines: Range<usize>) -> Vec<PageMarker> {
        let mut markers = Vec::new();
        for line in lines {
            for (segment, s) in self.layout.lines[line].segments.iter().enumerate() {
                if let SegmentKind::Marker { note } = s.kind {
                    markers.push(PageMarker {
                        line,
                        segment,
                        note,
                    });
                }
            }
        }
        markers
    }

    /// The page's notes set beside it, for a page `height` lines tall and
    /// notes `width` columns wide: each on the row of its marker's line (a
    /// note printed without a marker, of its paragraph's first line), or
    /// below the note before it; with the row after the last.
    pub fn sidenotes(&self, height: usize, width: usize) -> (Vec<Sidenote>, usize) {
        let lines = self.lines_from_top(height);
        let mut placed: Vec<(usize, usize)> = Vec::new();
        for marker in self.markers_of_lines(lines.clone()) {
            if !placed.iter().any(|&(note, _)| note == marker.note) {
                placed.push((marker.note, marker.line.saturating_sub(self.top)));
            }
        }
        for note in self.notes_of_lines(lines) {
            if !placed.iter().any(|&(n, _)| n == note) {
                let block = self.document.footnotes[note].anchor_block.unwrap_or(0);
                let line = self.layout.lines_of(block).start.max(self.top);
                placed.push((note, line - self.top));
            }
        }
        placed.sort_by_key(|&(_, row)| row);
        let mut next = 0;
        let notes = placed
            .into_iter()
            .map(|(note, row)| {
                let row = row.max(next);
                let rows = self.note_rows(note, width);
                next = row + rows;
                Sidenote { note, row, rows }
            })
            .collect();
        (notes, next)
    }

    /// A note set `width` columns wide: the gutter its label takes, and the
    /// byte ranges of its text's rows after it. The notes pane draws these
    /// rows, and pages are fitted by their count: one computation for both.
    pub fn note_text_rows(
        &self,
        note: usize,
        width: usize,
    ) -> (usize, Vec<std::ops::Range<usize>>) {
        let Some(footnote) = self.document.footnotes.get(note) else {
            return (0, Vec::new());
        };
        let gutter = unicode_width::UnicodeWidthStr::width(note_label(footnote)) + 1;
        let rows =
            crate::layout::wrap_ranges(note_text(footnote), width.saturating_sub(gutter).max(5));
        (gutter, rows)
    }

    /// The short forms of note `note` ("Ibid.", a short title), each shown
    /// on a row of its own under the note with what it stands for.
    pub fn short_forms(&self, note: usize) -> impl Iterator<Item = &crate::citations::Citation> {
        self.bibliography
            .citations(note)
            .iter()
            .filter(|c| c.form != crate::citations::Form::Full)
    }

    /// Rows a note takes `width` columns wide: its text after its label,
    /// and a row for each short form it resolves.
    fn note_rows(&self, note: usize, width: usize) -> usize {
        if note >= self.document.footnotes.len() {
            return 0;
        }
        self.note_text_rows(note, width).1.len().max(1) + self.short_forms(note).count()
    }

    /// Rows the notes pane needs for the page `height` lines tall from the
    /// top: each of its notes wrapped to `width` after its label, and a line
    /// for each short form it resolves; one row for a page without notes.
    /// Mentions and sources take all the rows the pane can have.
    pub fn notes_rows(&self, height: usize, width: usize) -> usize {
        if self.bottom != Bottom::Notes {
            return usize::MAX;
        }
        let notes = self.notes_of_lines(self.lines_from_top(height));
        if notes.is_empty() {
            return 1;
        }
        notes.iter().map(|&note| self.note_rows(note, width)).sum()
    }

    /// The page is `height` lines tall from now on (the notes pane took or
    /// gave back rows).
    pub fn set_height(&mut self, height: usize) {
        self.height = height.max(1);
        self.top = self.top.min(self.last_line());
    }

    /// How far the widest table line on the page runs past the text's
    /// width (0 when every table on the page fits).
    pub fn table_overflow(&self) -> usize {
        let width = usize::from(self.layout.width);
        self.visible_lines()
            .map(|l| &self.layout.lines[l])
            .filter(|line| {
                matches!(
                    line.style,
                    crate::layout::LineStyle::Table
                        | crate::layout::LineStyle::TableHeader
                        | crate::layout::LineStyle::Note
                )
            })
            .map(|line| unicode_width::UnicodeWidthStr::width(line.text().as_str()))
            .max()
            .unwrap_or(0)
            .saturating_sub(width)
    }

    /// Scrolls a wide table on the page sideways by `columns`; `false` when
    /// the page has none.
    pub fn shift_table(&mut self, columns: isize) -> bool {
        let overflow = self.table_overflow();
        if overflow == 0 {
            self.table_shift = 0;
            return false;
        }
        self.table_shift = self
            .table_shift
            .saturating_add_signed(columns)
            .min(overflow);
        true
    }

    /// The first `count` notes cited after the page, for a page without any.
    pub fn next_notes(&self, count: usize) -> Vec<usize> {
        let mut notes: Vec<usize> = Vec::new();
        for line in &self.layout.lines[self.visible_lines().end.min(self.layout.lines.len())..] {
            for segment in &line.segments {
                if let SegmentKind::Marker { note } = segment.kind
                    && !notes.contains(&note)
                {
                    notes.push(note);
                    if notes.len() == count {
                        return notes;
                    }
                }
            }
        }
        notes
    }

    /// The notes of the page, like the foot of a printed page: those cited
    /// on it in order, then unmarked notes that belong beside its blocks.
    pub fn page_notes(&self) -> Vec<usize> {
        self.notes_of_lines(self.visible_lines())
    }

    /// [`Self::page_notes`] for a page of `lines`.
    fn notes_of_lines(&self, lines: Range<usize>) -> Vec<usize> {
        let mut notes: Vec<usize> = Vec::new();
        for marker in self.markers_of_lines(lines.clone()) {
            if !notes.contains(&marker.note) {
                notes.push(marker.note);
            }
        }
        let blocks = self.blocks_of_lines(lines);
        for (i, note) in self.document.footnotes.iter().enumerate() {
            let beside = note.kind == NoteKind::Unmarked
                && note.anchor_block.is_some_and(|b| blocks.contains(&b));
            if beside && !notes.contains(&i) {
                notes.push(i);
            }
        }
        notes
    }

    /// Where `note` is cited for the `nth` time: the block and the marker's offset.
    pub fn citation(&self, note: usize, nth: usize) -> Option<Position> {
        let footnote = self.document.footnotes.get(note)?;
        if footnote.cited_in.is_empty() {
            return footnote
                .anchor_block
                .map(|block| Position { block, offset: 0 });
        }
        let mut places = Vec::new();
        for &block in &footnote.cited_in {
            for marker in &self.document.blocks[block].content.markers {
                if marker.note == note {
                    places.push(Position {
                        block,
                        offset: marker.offset,
                    });
                }
            }
        }
        places.get(nth % places.len().max(1)).copied()
    }

    pub fn citation_count(&self, note: usize) -> usize {
        self.document.footnotes.get(note).map_or(0, |f| {
            f.cited_in
                .iter()
                .map(|&b| {
                    self.document.blocks[b]
                        .content
                        .markers
                        .iter()
                        .filter(|m| m.note == note)
                        .count()
                })
                .sum::<usize>()
                .max(1)
        })
    }

    /// Selects `note` in the footnote pane, turning to where it is cited if
    /// it is not on this page.
    pub fn follow_note(&mut self, note: usize) {
        if note >= self.document.footnotes.len() {
            return;
        }
        if !self.page_notes().contains(&note)
            && let Some(place) = self.citation(note, 0)
        {
            self.jump_to_show(place);
        }
        self.note_selected = Some(note);
        self.citation_cursor = 0;
        self.focus = Focus::Footnotes;
        self.bottom = Bottom::Notes;
        self.select_marker_of(note);
    }

    /// From the selected note, to the next place it is cited.
    pub fn follow_citation(&mut self) {
        let Some(note) = self.note_selected else {
            return;
        };
        if let Some(place) = self.citation(note, self.citation_cursor) {
            self.jump_to_show(place);
            self.citation_cursor += 1;
            self.select_marker_of(note);
        }
    }

    fn select_marker_of(&mut self, note: usize) {
        self.marker_selected = self.page_markers().into_iter().find(|m| m.note == note);
    }

    pub fn cycle_marker(&mut self, forward: bool) {
        let markers = self.page_markers();
        if markers.is_empty() {
            self.marker_selected = None;
            return;
        }
        let current = self
            .marker_selected
            .and_then(|m| markers.iter().position(|x| *x == m));
        let next = match (current, forward) {
            (None, true) => 0,
            (None, false) => markers.len() - 1,
            (Some(i), true) => (i + 1) % markers.len(),
            (Some(i), false) => (i + markers.len() - 1) % markers.len(),
        };
        self.marker_selected = Some(markers[next]);
        self.note_selected = Some(markers[next].note);
    }

    /// Moves the selection of what the bottom pane shows `step` rows: the
    /// page's notes, an actor's mentions, or a source's citations.
    pub fn step_bottom(&mut self, step: isize) {
        let moved = |current: usize, count: usize| stepped(current, count, step);
        match self.bottom {
            Bottom::Mentions => {
                let count = self
                    .actor_active
                    .and_then(|a| self.actors.actors.get(a))
                    .map_or(0, |a| a.mentions.len());
                self.mention_selected = moved(self.mention_selected, count);
            }
            Bottom::Citations { source } => {
                let count = self.source_places(source).len();
                self.citation_selected = moved(self.citation_selected, count);
            }
            Bottom::Notes => self.select_note_step(step.clamp(-100_000, 100_000)),
        }
    }

    /// Notes of the page, with the selection kept valid.
    pub fn select_note_step(&mut self, step: isize) {
        let notes = self.page_notes();
        if notes.is_empty() {
            self.note_selected = None;
            return;
        }
        let current = self
            .note_selected
            .and_then(|n| notes.iter().position(|&x| x == n));
        let index = current.map_or(0, |i| stepped(i, notes.len(), step));
        self.note_selected = Some(notes[index]);
        self.citation_cursor = 0;
        self.select_marker_of(notes[index]);
    }

    /// The actor list as the sidebar shows it: grouped by kind, most mentioned first.
    /// The actor list as the sidebar shows it: by salience in this paper
    /// (mentions, every kind together), or grouped by kind when asked.
    pub fn visible_actors(&self) -> Vec<usize> {
        let shown = |kind: ActorKind| self.actor_filter.is_none_or(|f| f == kind);
        if !self.actors_grouped {
            let mut list: Vec<usize> = (0..self.actors.actors.len())
                .filter(|&i| shown(self.actors.actors[i].kind))
                .collect();
            // Most mentioned first; the index's order between equals.
            list.sort_by_key(|&i| std::cmp::Reverse(self.actors.actors[i].mentions.len()));
            return list;
        }
        let mut list = Vec::new();
        for kind in ActorKind::ALL {
            if !shown(kind) {
                continue;
            }
            list.extend(
                self.actors
                    .actors
                    .iter()
                    .enumerate()
                    .filter(|(_, a)| a.kind == kind)
                    .map(|(i, _)| i),
            );
        }
        list
    }

    /// Groups the actor list by kind, or orders it by salience again.
    pub fn toggle_actor_grouping(&mut self) {
        let selected = self.selected_actor();
        self.actors_grouped = !self.actors_grouped;
        self.actor_selected = selected
            .and_then(|a| self.visible_actors().iter().position(|&x| x == a))
            .unwrap_or(0);
    }

    pub fn selected_actor(&self) -> Option<usize> {
        self.visible_actors().get(self.actor_selected).copied()
    }

    pub fn cycle_actor_filter(&mut self) {
        self.actor_filter = match self.actor_filter {
            None => Some(ActorKind::State),
            Some(ActorKind::State) => Some(ActorKind::Organisation),
            Some(ActorKind::Organisation) => Some(ActorKind::Person),
            Some(ActorKind::Person) => Some(ActorKind::Group),
            Some(ActorKind::Group) => None,
        };
        self.actor_selected = 0;
    }

    /// Selects `actor` in the sidebar (clearing a filter that hides it).
    pub fn select_actor(&mut self, actor: usize) {
        if self
            .actor_filter
            .is_some_and(|f| self.actors.actors.get(actor).is_some_and(|a| a.kind != f))
        {
            self.actor_filter = None;
        }
        if let Some(row) = self.visible_actors().iter().position(|&a| a == actor) {
            self.actor_selected = row;
        }
        self.actor_active = Some(actor);
        self.mention_selected = 0;
    }

    /// Jumps to the first mention of `actor` at or after the reading position.
    pub fn jump_to_actor(&mut self, actor: usize) {
        self.select_actor(actor);
        let Some(mentions) = self.actors.actors.get(actor).map(|a| &a.mentions) else {
            return;
        };
        let after = mentions
            .iter()
            .position(|m| (m.block, m.range.start) >= (self.anchor.block, self.anchor.offset))
            .unwrap_or(0);
        if let Some(mention) = mentions.get(after) {
            self.mention_selected = after;
            let place = Position {
                block: mention.block,
                offset: mention.range.start,
            };
            self.jump_to_show(place);
        }
    }

    pub fn jump_to_mention(&mut self) {
        let Some(actor) = self.actor_active else {
            return;
        };
        if let Some(mention) = self
            .actors
            .actors
            .get(actor)
            .and_then(|a| a.mentions.get(self.mention_selected))
        {
            let place = Position {
                block: mention.block,
                offset: mention.range.start,
            };
            self.jump_to_show(place);
        }
    }

    /// The web addresses in a note, in order.
    pub fn note_urls(&self, note: usize) -> Vec<String> {
        let Some(footnote) = self.document.footnotes.get(note) else {
            return Vec::new();
        };
        footnote
            .text()
            .split_whitespace()
            .map(|word| {
                word.trim_matches(|c: char| {
                    matches!(c, '<' | '>' | '(' | ')' | ',' | ';' | '"' | '“' | '”')
                })
            })
            .map(|word| word.trim_end_matches('.'))
            .filter(|word| word.starts_with("http://") || word.starts_with("https://"))
            .map(str::to_owned)
            .collect()
    }
}

impl Reader {
    /// Places every note in the text. Notes written on another version of
    /// the paper that are found again are re-anchored to this version.
    pub fn reanchor_notes(&mut self) {
        let fingerprint = crate::notes::anchor::fingerprint_hex(&self.document);
        let stale: Vec<(String, Anchor)> = self
            .notes
            .notes()
            .filter(|n| n.anchor.fingerprint != fingerprint)
            .map(|n| (n.id.clone(), n.anchor.clone()))
            .collect();
        let mut moved = Vec::new();
        for (id, anchor) in stale {
            let placement = self.placement_of(&id, &anchor);
            if let Some(p) = placement
                && let Some(new) = Anchor::new(&self.document, p.block, p.start, p.end)
            {
                // The new anchor lands exactly where the old one was placed.
                self.placements.insert(id.clone(), (new.clone(), Some(p)));
                moved.push((id, new));
            }
        }
        if !moved.is_empty() {
            // One save for all of them. A failed save leaves the notes placed
            // for this session; the next save retries.
            let _ = self.notes.set_anchors(moved);
        }
        self.refresh_notes();
    }

    /// Where a note's anchor lands in this document, found once per anchor.
    fn placement_of(&mut self, id: &str, anchor: &Anchor) -> Option<Placement> {
        if let Some((cached, placement)) = self.placements.get(id)
            && cached == anchor
        {
            return *placement;
        }
        let placement = anchor.place_with(&self.document, &mut self.text_index);
        self.placements
            .insert(id.to_owned(), (anchor.clone(), placement));
        placement
    }

    /// Recomputes where the notes are, in reading order (orphans last).
    pub fn refresh_notes(&mut self) {
        let anchors: Vec<(String, Anchor)> = self
            .notes
            .notes()
            .map(|n| (n.id.clone(), n.anchor.clone()))
            .collect();
        let mut placed: Vec<PlacedNote> = anchors
            .into_iter()
            .map(|(id, anchor)| PlacedNote {
                placement: self.placement_of(&id, &anchor),
                id,
            })
            .collect();
        placed.sort_by_key(|p| p.placement.map_or((1, 0, 0), |x| (0, x.block, x.start)));
        self.placed = placed;
        if self
            .margin_selected
            .as_ref()
            .is_some_and(|id| self.notes.get(id).is_none())
        {
            self.margin_selected = None;
        }
    }

    /// The block at the reading cursor: the first paragraph that starts on
    /// the page (not the tail of one begun on the page before), else the
    /// block at the top.
    pub fn cursor_block(&self) -> usize {
        let starts_here = self.visible_lines().find_map(|l| {
            let line = &self.layout.lines[l];
            let first = self.layout.lines_of(line.block).start == l;
            let text = self.document.blocks.get(line.block)?;
            let readable = !matches!(
                text.kind,
                crate::document::BlockKind::Heading { .. } | crate::document::BlockKind::Toc(_)
            ) && !line.is_blank();
            (first && readable).then_some(line.block)
        });
        starts_here.unwrap_or_else(|| {
            self.visible_lines()
                .map(|l| &self.layout.lines[l])
                .find(|line| !line.is_blank())
                .map_or(self.anchor.block, |line| line.block)
        })
    }

    /// The placed notes on the current page.
    pub fn page_margin_notes(&self) -> Vec<&PlacedNote> {
        let blocks = self.visible_blocks();
        self.placed
            .iter()
            .filter(|p| p.placement.is_some_and(|x| blocks.contains(&x.block)))
            .collect()
    }

    /// The note an edit or delete applies to: the selected one in the margin,
    /// else the first note on the paragraph at the cursor, else the first
    /// note on the page.
    pub fn note_at_cursor(&self) -> Option<String> {
        if self.focus == Focus::Margin {
            return self.margin_selected.clone();
        }
        let block = self.cursor_block();
        self.placed
            .iter()
            .find(|p| p.placement.is_some_and(|x| x.block == block))
            .or_else(|| self.page_margin_notes().into_iter().next())
            .map(|p| p.id.clone())
    }

    /// Moves the margin selection through the notes of the page.
    pub fn select_margin_step(&mut self, step: isize) {
        let ids: Vec<String> = self
            .page_margin_notes()
            .iter()
            .map(|p| p.id.clone())
            .collect();
        if ids.is_empty() {
            self.margin_selected = None;
            return;
        }
        let current = self
            .margin_selected
            .as_ref()
            .and_then(|id| ids.iter().position(|x| x == id));
        let index = current.map_or(0, |i| stepped(i, ids.len(), step));
        self.margin_selected = Some(ids[index].clone());
    }

    /// Goes to a note's place in the text and selects it.
    pub fn jump_to_margin_note(&mut self, id: &str) -> bool {
        let Some(placement) = self
            .placed
            .iter()
            .find(|p| p.id == id)
            .and_then(|p| p.placement)
        else {
            return false;
        };
        self.jump_to_show(Position {
            block: placement.block,
            offset: placement.start,
        });
        self.margin_selected = Some(id.to_owned());
        true
    }
}

/// The row `step` rows from `current` in a list of `len` (> 0) rows,
/// kept in the list; the first row when nothing is selected.
/// A note's label as the notes pane shows it ("·" for a note printed without one).
pub fn note_label(footnote: &crate::document::Footnote) -> &str {
    match footnote.kind {
        NoteKind::Unmarked => "·",
        _ => &footnote.label,
    }
}

/// A note's text as the notes pane shows it, or what is wrong with it.
pub fn note_text(footnote: &crate::document::Footnote) -> &str {
    match footnote.status {
        crate::document::NoteStatus::Ok => footnote.text(),
        crate::document::NoteStatus::Empty => "(empty note: the source has its number but no text)",
        crate::document::NoteStatus::Missing => {
            "(missing: cited in the text, but its text is not in the source)"
        }
    }
}

fn text_ends(document: &Document) -> Vec<usize> {
    let mut end = 0;
    document
        .blocks
        .iter()
        .map(|block| {
            end += block.text().len() + 1;
            end
        })
        .collect()
}

/// The blocks to lay out around `block`: all of them in a paper of under
/// twice [`WINDOW_BYTES`], else about that much text centred on it.
fn window_around(text_ends: &[usize], block: usize) -> Range<usize> {
    let total = text_ends.last().copied().unwrap_or(0);
    if total <= 2 * WINDOW_BYTES {
        return 0..text_ends.len();
    }
    let block = block.min(text_ends.len().saturating_sub(1));
    let at = block.checked_sub(1).map_or(0, |b| text_ends[b]);
    let from = at.saturating_sub(WINDOW_BYTES / 2);
    let to = at.saturating_add(WINDOW_BYTES / 2);
    // Blocks that end after `from`, up to the first that starts at `to`.
    let start = text_ends.partition_point(|&end| end <= from).min(block);
    let end = (text_ends.partition_point(|&end| end < to) + 1)
        .max(block + 1)
        .min(text_ends.len());
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actors::Gazetteer;

    fn reader(text: &str, width: u16, height: usize) -> Reader {
        let document = crate::parse_text(text);
        let actors = ActorIndex::build(&document, &Gazetteer::shipped());
        let notes = NotesStore::in_memory("paper.md", "f");
        Reader::new(0, document, actors, notes, width, height, None)
    }

    fn paper() -> String {
        let mut text = "Title\n\nIntroduction\n\n".to_owned();
        for i in 1..=30 {
            text.push_str(&format!("Paragraph {i} mentions Russia.<sup>{i}</sup>\n\n"));
        }
        text.push_str("Conclusion\n\nThe end.\n\n");
        for i in 1..=30 {
            text.push_str(&format!(
                "<sup>{i}</sup> Note {i} http://example.org/{i}.\n\n"
            ));
        }
        text
    }

    #[test]
    fn pages_turn_and_stop_at_the_end() {
        let mut r = reader(&paper(), 40, 10);
        assert_eq!(r.page().0, 1);
        r.next_page();
        assert_eq!(r.top, 10);
        assert_eq!(r.page().0, 2);
        for _ in 0..20 {
            r.next_page();
        }
        assert!(r.top + r.height >= r.layout.lines.len());
        r.previous_page();
        assert!(r.top < r.layout.lines.len() - r.height);
    }

    #[test]
    fn jumping_back_returns_to_the_same_top_line() {
        let mut r = reader(&paper(), 40, 10);
        for top in 0..40 {
            r.set_top(top);
            r.jump_to_section(1);
            assert!(r.jump_back());
            assert_eq!(r.top, top, "from line {top}: {:?}", r.layout.lines[top]);
            assert!(r.jump_forward());
            assert!(r.jump_back());
            assert_eq!(r.top, top);
        }
    }

    #[test]
    fn resize_keeps_the_sentence() {
        let mut r = reader(&paper(), 40, 10);
        r.next_page();
        r.next_page();
        let before = r.anchor;
        r.resize(25, 6);
        let line = &r.layout.lines[r.top];
        assert_eq!(line.block, before.block);
        assert!(line.range.start <= before.offset);
    }

    #[test]
    fn page_notes_follow_the_markers_on_the_page() {
        let mut r = reader(&paper(), 60, 8);
        let labels: Vec<String> = r
            .page_notes()
            .iter()
            .map(|&n| r.document.footnotes[n].label.clone())
            .collect();
        let expected: Vec<String> = (1..=labels.len()).map(|i| i.to_string()).collect();
        assert!(!labels.is_empty());
        assert_eq!(labels, expected);
        r.next_page();
        assert_eq!(
            r.document.footnotes[r.page_notes()[0]].label,
            (labels.len() + 1).to_string()
        );
    }

    #[test]
    fn following_a_note_and_jumping_back() {
        let mut r = reader(&paper(), 60, 8);
        let note = r
            .document
            .footnotes
            .iter()
            .position(|f| f.label == "25")
            .unwrap();
        let start = r.top;
        r.follow_note(note);
        assert_ne!(r.top, start);
        assert!(r.page_notes().contains(&note));
        assert_eq!(r.focus, Focus::Footnotes);
        assert!(r.jump_back());
        assert_eq!(r.top, start);
        assert!(r.jump_forward());
        assert!(r.page_notes().contains(&note));
    }

    #[test]
    fn sections_and_search() {
        let mut r = reader(&paper(), 60, 8);
        r.next_section();
        assert_eq!(
            r.document.sections[r.current_section().unwrap()].title,
            "Introduction"
        );
        r.next_section();
        assert_eq!(
            r.document.sections[r.current_section().unwrap()].title,
            "Conclusion"
        );
        r.previous_section();
        assert_eq!(r.current_section(), Some(0));
        assert_eq!(r.search("paragraph 2"), 11);
        assert_eq!(r.search_step(true), Some((2, 11)));
    }

    #[test]
    fn urls_and_actors() {
        let r = reader(&paper(), 60, 8);
        let note = r.page_notes()[0];
        assert_eq!(r.note_urls(note), ["http://example.org/1"]);
        let russia = r
            .actors
            .actors
            .iter()
            .position(|a| a.name == "Russia")
            .unwrap();
        let mut r = r;
        r.next_page();
        r.jump_to_actor(russia);
        assert_eq!(r.actor_active, Some(russia));
    }

    /// A paper of 2.5 MB: paragraphs numbered so each line can be told apart.
    fn large_paper() -> String {
        (0..9_000)
            .map(|i| {
                let sentence = "The talks resumed in the spring, and the ministers met again. ";
                format!("In paragraph {i}, {}\n\n", sentence.repeat(4))
            })
            .collect()
    }

    #[test]
    fn a_very_large_paper_is_laid_out_a_window_at_a_time_and_read_through_seamlessly() {
        let mut r = reader(&large_paper(), 80, 30);
        assert!(
            r.is_windowed(),
            "{} blocks, {:?} total, window {:?}",
            r.document.blocks.len(),
            r.text_ends.last(),
            r.layout.blocks
        );
        assert!(r.layout.blocks.len() < r.document.blocks.len() / 2);
        let line_at = |r: &Reader, l: usize| {
            let line = &r.layout.lines[l];
            (line.block, line.range.clone())
        };
        let mut pages = 0;
        let mut percent = 0;
        let mut windows = std::collections::HashSet::new();
        loop {
            windows.insert(r.layout.blocks.start);
            if r.top + r.height >= r.layout.lines.len() {
                break;
            }
            let next = line_at(&r, r.top + r.height);
            let before = r.top;
            r.next_page();
            if r.top == before {
                break;
            }
            // The page after is exactly the line that followed the page before.
            assert_eq!(line_at(&r, r.top), next, "after page {pages}");
            assert!(r.percent() >= percent);
            percent = r.percent();
            pages += 1;
        }
        assert!(windows.len() > 2, "the window moved along: {windows:?}");
        assert_eq!(r.percent(), 100);
        assert_eq!(r.layout.blocks.end, r.document.blocks.len());
        let (page, count) = r.page();
        assert_eq!(page, count);
        assert!(
            count.abs_diff(pages + 1) * 50 < count,
            "{count} pages estimated, {} read",
            pages + 1
        );
        // And back up again, line for line.
        for _ in 0..200 {
            let previous = line_at(&r, r.top.saturating_sub(1));
            r.scroll(-1);
            assert_eq!(line_at(&r, r.top), previous);
        }
        r.top_of_paper();
        assert_eq!((r.layout.blocks.start, r.top), (0, 0));
        assert_eq!(r.page().0, 1);
    }

    #[test]
    fn a_jump_far_into_a_very_large_paper_lays_out_the_window_there() {
        let mut r = reader(&large_paper(), 80, 30);
        let far = Position {
            block: 7_000,
            offset: 0,
        };
        r.jump_to_show(far);
        assert!(r.layout.covers(7_000));
        assert!(r.visible_blocks().contains(&7_000));
        assert!((75..=80).contains(&r.percent()), "{}", r.percent());
        r.end_of_paper();
        assert!(r.visible_blocks().contains(&(r.document.blocks.len() - 1)));
        assert!(r.jump_back());
        assert!(
            r.visible_blocks().contains(&7_000),
            "{:?} {:?}",
            r.visible_blocks(),
            r.anchor
        );
        r.resize(120, 40);
        assert!(r.visible_blocks().contains(&7_000));
    }

    #[test]
    fn a_table_wider_than_the_text_keeps_its_words_whole_and_scrolls_sideways() {
        let strakes = crate::papers::BUILT_IN[1].1;
        let mut r = reader(strakes, 56, 30);
        let table = r
            .document
            .blocks
            .iter()
            .position(|b| matches!(b.kind, crate::document::BlockKind::Table(_)))
            .unwrap();
        r.go(Position {
            block: table,
            offset: 0,
        });
        let rows: Vec<String> = r
            .visible_lines()
            .map(|l| r.layout.lines[l].text())
            .collect();
        let all = rows.join("\n");
        for word in ["Participation", "Institutional", "Ministerial"] {
            assert!(all.contains(word), "{word} split in\n{all}");
        }
        let overflow = r.table_overflow();
        assert!(overflow > 0);
        assert!(r.shift_table(8));
        assert_eq!(r.table_shift, 8);
        assert!(r.shift_table(1000));
        assert_eq!(r.table_shift, overflow);
        assert!(r.shift_table(-1000));
        assert_eq!(r.table_shift, 0);
        // Away from the table there is nothing to scroll.
        r.go(Position::default());
        assert!(!r.shift_table(8));
    }
}
