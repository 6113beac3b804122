//! One open paper: the paper itself, and the state of each concern of
//! reading it, each owned by its own type: the [`Viewport`] (where the
//! reader is and what is on the page), the [`JumpList`], the
//! [`FootnotePane`]'s selection, the [`ActorList`], the [`MarginNotes`] and
//! a search. `Reader` holds them and carries out what spans several (to
//! follow a note is to move the page and select the note).
//!
//! The reading position is a place in the document ([`Position`]); the top
//! line of the page is derived from it for the current width, so a resize
//! re-pages without losing the sentence being read.

mod actor_list;
mod footnote_pane;
mod margin;
pub mod search;
pub mod selection;
mod sources;
mod viewport;

use std::ops::Range;
use std::sync::Arc;

pub use actor_list::ActorList;
pub use footnote_pane::FootnotePane;
pub use margin::{MarginNotes, PlacedNote};
pub use sources::CitedPlace;
pub use viewport::{PageCut, Viewport};

use super::findings::Findings;
use super::jumps::JumpList;
use super::list_input::stepped;
use crate::actors::ActorIndex;
use crate::citations::Bibliography;
use crate::document::{Document, NoteKind, Position};
use crate::layout::Layout;
use crate::margin_notes::MarginNoteStore;
use search::Search;

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
    Footnotes,
    Mentions,
    /// Every place a source is cited (index into the bibliography's
    /// sources), with the one selected.
    Citations {
        source: usize,
        selected: usize,
    },
}

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

#[derive(Debug)]
pub struct Reader {
    /// Index of the paper in the library.
    paper: usize,
    /// Shared with the thread finding its actors and sources.
    document: Arc<Document>,
    actors: ActorIndex,
    /// What the notes cite, and how.
    bibliography: Bibliography,
    /// Whether the actors and sources are still being found.
    finding: bool,
    /// Rows each note takes in the notes pane, at the width they were
    /// counted for (see [`Reader::footnote_rows`]).
    note_rows: std::cell::RefCell<(usize, Vec<Option<usize>>)>,
    view: Viewport,
    focus: Focus,
    bottom: Bottom,
    jumps: JumpList,
    footnotes: FootnotePane,
    actor_list: ActorList,
    margin: MarginNotes,
    search: Option<Search>,
    /// Only the first pages of a very large paper, shown while the whole
    /// paper is read; with where to go once it is, if the reader has not moved.
    preview: Option<Option<Position>>,
}

impl Reader {
    /// The reader of `document` at `start`, with its findings, or with none
    /// yet while they are found (see [`Reader::take_findings`]).
    pub fn new(
        paper: usize,
        document: Arc<Document>,
        findings: Option<Findings>,
        notes: MarginNoteStore,
        width: u16,
        height: usize,
        start: Option<Position>,
    ) -> Self {
        let view = Viewport::new(&document, width, height);
        let margin = MarginNotes::new(notes, &document);
        let finding = findings.is_none();
        let Findings {
            actors,
            bibliography,
        } = findings.unwrap_or_default();
        let mut reader = Self {
            paper,
            document,
            actors,
            bibliography,
            finding,
            note_rows: std::cell::RefCell::default(),
            view,
            focus: Focus::Text,
            bottom: Bottom::Footnotes,
            jumps: JumpList::default(),
            footnotes: FootnotePane::default(),
            actor_list: ActorList::default(),
            margin,
            search: None,
            preview: None,
        };
        let start = start
            .filter(|p| p.block < reader.document().blocks.len())
            .unwrap_or_default();
        reader.go(start);
        reader
    }

    /// Index of the paper in the library.
    pub fn paper(&self) -> usize {
        self.paper
    }

    /// The library was sorted again: the paper is at `index` now.
    pub fn set_paper(&mut self, index: usize) {
        self.paper = index;
    }

    pub fn document(&self) -> &Document {
        &self.document
    }

    pub fn actors(&self) -> &ActorIndex {
        &self.actors
    }

    pub fn bibliography(&self) -> &Bibliography {
        &self.bibliography
    }

    /// Whether the actors and sources are still being found.
    pub fn is_finding(&self) -> bool {
        self.finding
    }

    /// Whether `document` is the text shown (not an earlier one).
    pub fn shares_document(&self, document: &Arc<Document>) -> bool {
        Arc::ptr_eq(&self.document, document)
    }

    /// Takes the actors and sources found after the first screen: the
    /// lists that counted them start over; the page stays where it is.
    pub fn take_findings(&mut self, findings: Findings) {
        self.actors = findings.actors;
        self.bibliography = findings.bibliography;
        self.finding = false;
        self.note_rows.take();
        self.actor_list = self.actor_list.restarted();
    }

    pub fn view(&self) -> &Viewport {
        &self.view
    }

    pub fn layout(&self) -> &Layout {
        self.view.layout()
    }

    /// First line on screen.
    pub fn top(&self) -> usize {
        self.view.top()
    }

    /// Lines of text per page.
    pub fn height(&self) -> usize {
        self.view.height()
    }

    /// The reading position.
    pub fn position(&self) -> Position {
        self.view.position()
    }

    pub fn focus(&self) -> Focus {
        self.focus
    }

    pub fn set_focus(&mut self, focus: Focus) {
        self.focus = focus;
    }

    /// What the bottom pane shows.
    pub fn bottom(&self) -> Bottom {
        self.bottom
    }

    pub fn footnotes(&self) -> &FootnotePane {
        &self.footnotes
    }

    pub fn actor_list(&self) -> &ActorList {
        &self.actor_list
    }

    pub fn margin(&self) -> &MarginNotes {
        &self.margin
    }

    pub fn current_search(&self) -> Option<&Search> {
        self.search.as_ref()
    }

    /// Lays the text out again if the width changed, keeping the reading position.
    pub fn resize(&mut self, width: u16, height: usize) {
        self.view.resize(&self.document, width, height);
        self.footnotes.forget_marker();
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
        let anchor = self.position();
        let here = self.document.source_offset(anchor.block, anchor.offset);
        let block_start = |d: &Document, b: usize| d.blocks.get(b)?.spans.first().map(|r| r.start);
        // The first pages parse as the whole paper's first blocks: the same
        // block, from the same place in the file, is the same place, found
        // by its words (a marker whose note was not read yet showed as text).
        let same_block = (block_start(&self.document, anchor.block)
            == block_start(&opened.document, anchor.block))
        .then(|| {
            let before = self.document.blocks.get(anchor.block)?.text();
            let probe: String = before
                .get(anchor.offset..)?
                .chars()
                .take_while(|c| !matches!(c, '[' | '<' | '^'))
                .take(40)
                .collect();
            if probe.trim().is_empty() {
                return None;
            }
            let after = opened.document.blocks.get(anchor.block)?.text();
            let offset = after
                .match_indices(probe.as_str())
                .map(|(at, _)| at)
                .min_by_key(|at| at.abs_diff(anchor.offset))?;
            Some(Position {
                block: anchor.block,
                offset,
            })
        })
        .flatten();
        let moved = anchor != Position::default();
        let position = match (saved, moved) {
            (Some(saved), false) => saved,
            _ => same_block
                .or_else(|| here.and_then(|offset| opened.document.position_at_source(offset)))
                .unwrap_or(anchor),
        };
        // Every list, selection and hit was counted in the first pages:
        // each concern starts over on the whole paper; the focus stays.
        self.document = Arc::new(opened.document);
        self.take_findings(opened.findings);
        self.margin = MarginNotes::new(opened.notes, &self.document);
        self.footnotes = FootnotePane::default();
        self.bottom = Bottom::Footnotes;
        self.search = None;
        self.jumps.clear();
        self.view.replace_document(&self.document, position);
    }

    /// Whether only a window of the paper is laid out.
    pub fn is_windowed(&self) -> bool {
        self.view.is_windowed()
    }

    /// Moves to `position` without recording a jump.
    pub fn go(&mut self, position: Position) {
        self.view.go(&self.document, position);
        self.footnotes.forget_marker();
    }

    /// Jumps so that `position` shows a third of the way down the page, with
    /// the text before it for context (citations, hits, mentions).
    pub fn jump_to_show(&mut self, position: Position) {
        self.jump_to(position);
        let line = self.layout().line_of(position);
        // On a paper cut into pages: the page that holds it.
        if self.view.page_of_line(line).is_some() {
            self.turn_to_page_of_position();
        } else {
            self.set_top(line.saturating_sub(self.height() / 3));
        }
    }

    /// Moves to `position`, recording where the reader was on the jump list.
    pub fn jump_to(&mut self, position: Position) {
        self.jumps.record(self.view.place());
        self.go(position);
    }

    pub fn jump_back(&mut self) -> bool {
        let place = self.jumps.back(self.view.place());
        self.return_to(place)
    }

    pub fn jump_forward(&mut self) -> bool {
        let place = self.jumps.forward(self.view.place());
        self.return_to(place)
    }

    /// Goes back to a place from the jump list; `false` when there is none.
    fn return_to(&mut self, place: Option<super::jumps::Place>) -> bool {
        let Some(place) = place else {
            return false;
        };
        self.view.return_to(&self.document, place);
        self.footnotes.forget_marker();
        true
    }

    /// Scrolls by `lines` (negative: up), keeping at least one line of text on screen.
    pub fn scroll(&mut self, lines: isize) {
        self.view.scroll(&self.document, lines);
        self.footnotes.forget_marker();
    }

    pub fn set_top(&mut self, top: usize) {
        self.view.set_top(&self.document, top);
        self.footnotes.forget_marker();
    }

    pub fn next_page(&mut self) {
        if let Some(top) = self.view.next_page_top() {
            self.set_top(top);
        }
    }

    pub fn previous_page(&mut self) {
        self.set_top(self.view.previous_page_top());
    }

    /// The paper cut into pages for the screen (see `app::pages`).
    pub fn set_cuts(&mut self, plan: crate::app::pages::FitPlan, cuts: Vec<PageCut>) {
        self.view.set_cuts(plan, cuts);
    }

    /// Turns to the page that holds the reading position, which stays
    /// where it is.
    pub fn turn_to_page_of_position(&mut self) {
        let top = self.view.page_top_of_position();
        if top != self.top() {
            self.view.turn_to(&self.document, top);
            self.footnotes.forget_marker();
        }
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
        let top = match self.view.cuts().last() {
            Some(cut) => cut.start,
            None => self.layout().lines.len().saturating_sub(self.height()),
        };
        self.set_top(top);
    }

    /// Page number and page count, for the status line.
    pub fn page(&self) -> (usize, usize) {
        self.view.page()
    }

    /// Where the top line is in the paper, as a location that outlives the
    /// screen: the page of the original (`p. 12`) where the text shows its
    /// pages, else the section and paragraph (`§3 ¶12`).
    pub fn location(&self) -> crate::document::Location {
        let position = self
            .layout()
            .lines
            .get(self.top())
            .map_or(self.position(), |line| Position {
                block: line.block,
                offset: line.range.start,
            });
        self.document.location_of(position)
    }

    /// How far through the paper the bottom of the page is, in percent.
    pub fn percent(&self) -> u8 {
        self.view.percent()
    }

    pub fn visible_lines(&self) -> Range<usize> {
        self.view.visible_lines()
    }

    pub fn visible_blocks(&self) -> Range<usize> {
        self.view.visible_blocks()
    }

    /// The page is `height` lines tall from now on (the notes pane took or
    /// gave back rows).
    pub fn set_height(&mut self, height: usize) {
        self.view.set_height(height);
    }

    /// How far the widest table line on the page runs past the text's width.
    pub fn table_overflow(&self) -> usize {
        self.view.table_overflow()
    }

    /// Scrolls a wide table on the page sideways by `columns`; `false` when
    /// the page has none.
    pub fn shift_table(&mut self, columns: isize) -> bool {
        self.view.shift_table(columns)
    }

    /// The section the reading position is in.
    pub fn current_section(&self) -> Option<usize> {
        self.document.section_of(self.position().block)
    }

    pub fn next_section(&mut self) {
        let anchor = self.position();
        let after = self
            .document
            .sections
            .iter()
            .position(|s| s.block > anchor.block);
        if let Some(section) = after {
            self.jump_to_section(section);
        }
    }

    pub fn previous_section(&mut self) {
        let current = self.current_section();
        let at_start = current.is_some_and(|s| {
            let heading = self.document.sections[s].block;
            self.layout().line_of(Position {
                block: heading,
                offset: 0,
            }) >= self.top()
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
        self.view.markers_of_lines(self.visible_lines())
    }

    /// The page's notes set beside it, for a page `height` lines tall and
    /// notes `width` columns wide: each on the row of its marker's line (a
    /// note printed without a marker, of its paragraph's first line), or
    /// below the note before it; with the row after the last.
    pub fn sidenotes(&self, height: usize, width: usize) -> (Vec<Sidenote>, usize) {
        self.sidenotes_from(self.top(), height, width)
    }

    /// [`Self::sidenotes`] for a page from line `top`.
    pub fn sidenotes_from(
        &self,
        top: usize,
        height: usize,
        width: usize,
    ) -> (Vec<Sidenote>, usize) {
        let lines = self.view.lines_from(top, height);
        let mut placed: Vec<(usize, usize)> = Vec::new();
        for marker in self.view.markers_of_lines(lines.clone()) {
            if !placed.iter().any(|&(note, _)| note == marker.note) {
                placed.push((marker.note, marker.line.saturating_sub(top)));
            }
        }
        for note in self.footnotes_of_lines(lines) {
            if !placed.iter().any(|&(n, _)| n == note) {
                let block = self.document.footnotes[note].home_block.unwrap_or(0);
                let line = self.layout().lines_of(block).start.max(top);
                placed.push((note, line - top));
            }
        }
        placed.sort_by_key(|&(_, row)| row);
        let mut next = 0;
        let notes = placed
            .into_iter()
            .map(|(note, row)| {
                let row = row.max(next);
                let rows = self.footnote_rows(note, width);
                next = row + rows;
                Sidenote { note, row, rows }
            })
            .collect();
        (notes, next)
    }

    /// A note set `width` columns wide: the gutter its label takes, and the
    /// byte ranges of its text's rows after it. The notes pane draws these
    /// rows, and pages are fitted by their count: one computation for both.
    pub fn footnote_text_rows(&self, note: usize, width: usize) -> (usize, Vec<Range<usize>>) {
        let Some(footnote) = self.document.footnotes.get(note) else {
            return (0, Vec::new());
        };
        let gutter = unicode_width::UnicodeWidthStr::width(footnote_label(footnote)) + 1;
        let rows = crate::layout::wrap_ranges(
            footnote_text(footnote),
            width.saturating_sub(gutter).max(5),
        );
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
    fn footnote_rows(&self, note: usize, width: usize) -> usize {
        if note >= self.document.footnotes.len() {
            return 0;
        }
        // Cutting the paper into pages asks of each note several times.
        let mut known = self.note_rows.borrow_mut();
        if known.0 != width || known.1.len() != self.document.footnotes.len() {
            *known = (width, vec![None; self.document.footnotes.len()]);
        }
        *known.1[note].get_or_insert_with(|| {
            self.footnote_text_rows(note, width).1.len().max(1) + self.short_forms(note).count()
        })
    }

    /// Rows the notes pane needs for the page `height` lines tall from the
    /// top: each of its notes wrapped to `width` after its label, and a line
    /// for each short form it resolves; one row for a page without notes.
    /// Mentions and sources take all the rows the pane can have.
    pub fn footnote_pane_rows(&self, height: usize, width: usize) -> usize {
        self.footnote_pane_rows_from(self.top(), height, width)
    }

    /// [`Self::footnote_pane_rows`] for a page from line `top`.
    pub fn footnote_pane_rows_from(&self, top: usize, height: usize, width: usize) -> usize {
        if self.bottom != Bottom::Footnotes {
            return usize::MAX;
        }
        let notes = self.footnotes_of_lines(self.view.lines_from(top, height));
        if notes.is_empty() {
            return 1;
        }
        notes
            .iter()
            .map(|&note| self.footnote_rows(note, width))
            .sum()
    }

    /// The first `count` notes cited after the page, for a page without any.
    pub fn next_footnotes(&self, count: usize) -> Vec<usize> {
        self.view.notes_after_page(count)
    }

    /// The notes of the page, like the foot of a printed page: those cited
    /// on it in order, then unmarked notes that belong beside its blocks.
    pub fn page_footnotes(&self) -> Vec<usize> {
        self.footnotes_of_lines(self.visible_lines())
    }

    /// [`Self::page_footnotes`] for a page of `lines`.
    fn footnotes_of_lines(&self, lines: Range<usize>) -> Vec<usize> {
        let mut notes: Vec<usize> = Vec::new();
        for marker in self.view.markers_of_lines(lines.clone()) {
            if !notes.contains(&marker.note) {
                notes.push(marker.note);
            }
        }
        let blocks = self.view.blocks_of_lines(lines);
        for (i, note) in self.document.footnotes.iter().enumerate() {
            let beside = note.kind == NoteKind::Unmarked
                && note.home_block.is_some_and(|b| blocks.contains(&b));
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
                .home_block
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

    /// The note's marker on the page, if it is on it.
    fn marker_of(&self, note: usize) -> Option<PageMarker> {
        self.page_markers().into_iter().find(|m| m.note == note)
    }

    /// Selects `note` in the footnote pane, turning to where it is cited if
    /// it is not on this page.
    pub fn follow_footnote(&mut self, note: usize) {
        if note >= self.document.footnotes.len() {
            return;
        }
        if !self.page_footnotes().contains(&note)
            && let Some(place) = self.citation(note, 0)
        {
            self.jump_to_show(place);
        }
        self.footnotes.select(note, self.marker_of(note));
        self.focus = Focus::Footnotes;
        self.bottom = Bottom::Footnotes;
    }

    /// From the selected note, to the next place it is cited.
    pub fn follow_citation(&mut self) {
        let Some(note) = self.footnotes.selected() else {
            return;
        };
        if let Some(place) = self.citation(note, self.footnotes.citation_cursor()) {
            self.jump_to_show(place);
            self.footnotes.advance_citation(self.marker_of(note));
        }
    }

    pub fn cycle_marker(&mut self, forward: bool) {
        let markers = self.page_markers();
        if markers.is_empty() {
            self.footnotes.pick_marker(None);
            return;
        }
        let current = self
            .footnotes
            .marker()
            .and_then(|m| markers.iter().position(|x| *x == m));
        let next = match (current, forward) {
            (None, true) => 0,
            (None, false) => markers.len() - 1,
            (Some(i), true) => (i + 1) % markers.len(),
            (Some(i), false) => (i + markers.len() - 1) % markers.len(),
        };
        self.footnotes.pick_marker(Some(markers[next]));
    }

    /// Moves the selection of what the bottom pane shows `step` rows: the
    /// page's notes, an actor's mentions, or a source's citations.
    pub fn step_bottom(&mut self, step: isize) {
        match self.bottom {
            Bottom::Mentions => self.actor_list.step_mention(&self.actors, step),
            Bottom::Citations { source, selected } => {
                let count = self.source_places(source).len();
                self.bottom = Bottom::Citations {
                    source,
                    selected: stepped(selected, count, step),
                };
            }
            Bottom::Footnotes => self.select_footnote_step(step.clamp(-100_000, 100_000)),
        }
    }

    /// Notes of the page, with the selection kept valid.
    pub fn select_footnote_step(&mut self, step: isize) {
        let notes = self.page_footnotes();
        if notes.is_empty() {
            self.footnotes.clear();
            return;
        }
        let current = self
            .footnotes
            .selected()
            .and_then(|n| notes.iter().position(|&x| x == n));
        let index = current.map_or(0, |i| stepped(i, notes.len(), step));
        self.footnotes
            .select(notes[index], self.marker_of(notes[index]));
    }

    /// Shows the page's notes in the bottom pane again.
    pub fn show_footnotes(&mut self) {
        self.bottom = Bottom::Footnotes;
    }

    /// Esc on the page: clears a search, a picked marker and an active
    /// actor; `false` when there was none of them.
    pub fn clear_highlights(&mut self) -> bool {
        let any = self.search.is_some()
            || self.footnotes.marker().is_some()
            || self.actor_list.active().is_some();
        if any {
            self.search = None;
            self.footnotes.forget_marker();
            self.actor_list.deactivate();
            self.bottom = Bottom::Footnotes;
        }
        any
    }

    /// Esc in a pane: out of an actor's mentions back to the actor list,
    /// else back to the text with the page's notes below it.
    pub fn leave_pane(&mut self) {
        if self.focus == Focus::Footnotes && self.bottom == Bottom::Mentions {
            self.focus = Focus::Actors;
        } else {
            self.focus = Focus::Text;
            self.actor_list.deactivate();
            self.bottom = Bottom::Footnotes;
        }
    }

    /// The actor list as the sidebar shows it.
    pub fn visible_actors(&self) -> Vec<usize> {
        self.actor_list.visible(&self.actors)
    }

    pub fn selected_actor(&self) -> Option<usize> {
        self.actor_list.selected(&self.actors)
    }

    /// Moves the actor list's selection `step` rows, making that actor the active one.
    pub fn step_actors(&mut self, step: isize) {
        self.actor_list.step(&self.actors, step);
        self.actor_list.activate_selected(&self.actors);
    }

    /// Scrolls the actor list's selection `step` rows (the wheel), leaving
    /// the active actor as it is.
    pub fn scroll_actors(&mut self, step: isize) {
        self.actor_list.step(&self.actors, step);
    }

    /// The actor selected in the list becomes the active one.
    pub fn activate_selected_actor(&mut self) {
        self.actor_list.activate_selected(&self.actors);
    }

    /// Groups the actor list by kind, or orders it by salience again.
    pub fn toggle_actor_grouping(&mut self) {
        self.actor_list.toggle_grouping(&self.actors);
    }

    pub fn cycle_actor_filter(&mut self) {
        self.actor_list.cycle_filter(&self.actors);
    }

    /// Selects `actor` in the sidebar (clearing a filter that hides it).
    pub fn select_actor(&mut self, actor: usize) {
        self.actor_list.select(&self.actors, actor);
    }

    /// Lists the selected actor's mentions in the bottom pane, focused.
    pub fn show_mentions(&mut self) {
        if let Some(actor) = self.selected_actor() {
            self.select_actor(actor);
            self.bottom = Bottom::Mentions;
            self.focus = Focus::Footnotes;
        }
    }

    /// Lists the active actor's mentions in the bottom pane, focused.
    pub fn list_mentions(&mut self) {
        self.bottom = Bottom::Mentions;
        self.focus = Focus::Footnotes;
    }

    /// Jumps to the first mention of `actor` at or after the reading position.
    pub fn jump_to_actor(&mut self, actor: usize) {
        self.select_actor(actor);
        let anchor = self.position();
        let Some(mentions) = self.actors.actors.get(actor).map(|a| &a.mentions) else {
            return;
        };
        let after = mentions
            .iter()
            .position(|m| (m.block, m.range.start) >= (anchor.block, anchor.offset))
            .unwrap_or(0);
        if let Some(mention) = mentions.get(after) {
            let place = Position {
                block: mention.block,
                offset: mention.range.start,
            };
            self.actor_list.set_mention(after);
            self.jump_to_show(place);
        }
    }

    pub fn jump_to_mention(&mut self) {
        let Some(actor) = self.actor_list.active() else {
            return;
        };
        if let Some(mention) = self
            .actors
            .actors
            .get(actor)
            .and_then(|a| a.mentions.get(self.actor_list.mention()))
        {
            let place = Position {
                block: mention.block,
                offset: mention.range.start,
            };
            self.jump_to_show(place);
        }
    }

    /// The web addresses in a note, in order.
    pub fn footnote_urls(&self, note: usize) -> Vec<String> {
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

/// Margin notes: what the reader writes, where it is placed, what is selected.
impl Reader {
    /// The block at the reading cursor: the first paragraph that starts on
    /// the page (not the tail of one begun on the page before); else the
    /// paragraph running over the page; else the first paragraph after it.
    /// Headings and tables of contents are never it: a note is written on
    /// what is read.
    pub fn cursor_block(&self) -> usize {
        let layout = self.layout();
        let readable = |block: usize| {
            self.document.blocks.get(block).is_some_and(|b| {
                !matches!(
                    b.kind,
                    crate::document::BlockKind::Heading { .. } | crate::document::BlockKind::Toc(_)
                )
            })
        };
        let starts_here = self.visible_lines().find_map(|l| {
            let line = &layout.lines[l];
            let first = layout.lines_of(line.block).start == l;
            (first && readable(line.block) && !line.is_blank()).then_some(line.block)
        });
        starts_here
            .or_else(|| {
                self.visible_lines()
                    .map(|l| &layout.lines[l])
                    .find(|line| !line.is_blank() && readable(line.block))
                    .map(|line| line.block)
            })
            .or_else(|| {
                let after = self.visible_blocks().end;
                (after..self.document.blocks.len()).find(|&b| readable(b))
            })
            .unwrap_or(self.position().block)
    }

    /// The placed notes on the current page.
    pub fn page_margin_notes(&self) -> Vec<&PlacedNote> {
        self.margin.in_blocks(self.visible_blocks())
    }

    /// The note an edit or delete applies to: the selected one in the margin,
    /// else the first note on the paragraph at the cursor, else the first
    /// note on the page.
    pub fn margin_note_at_cursor(&self) -> Option<String> {
        if self.focus == Focus::Margin {
            return self.margin.selected().map(str::to_owned);
        }
        // In the notes pane: a note on the footnote selected there.
        if self.focus == Focus::Footnotes
            && let Some(note) = self.footnotes.selected()
            && let Some(placed) = self.margin.on_footnote(note).next()
        {
            return Some(placed.id.clone());
        }
        self.margin
            .first_on(self.cursor_block())
            .or_else(|| self.page_margin_notes().into_iter().next())
            .map(|p| p.id.clone())
    }

    /// Moves the margin selection through the notes of the page.
    pub fn select_margin_step(&mut self, step: isize) {
        let blocks = self.visible_blocks();
        self.margin.select_step(blocks, step);
    }

    /// Goes to a note's place in the text and selects it.
    pub fn jump_to_margin_note(&mut self, id: &str) -> bool {
        let Some(placement) = self.margin.placement(id) else {
            return false;
        };
        // A note on a footnote: where its marker is.
        let at = placement
            .footnote
            .and_then(|note| self.citation(note, 0))
            .unwrap_or(placement.position());
        self.jump_to_show(at);
        if let Some(note) = placement.footnote {
            // A note on a footnote: that footnote selected in its pane.
            self.footnotes.select(note, self.marker_of(note));
            self.bottom = Bottom::Footnotes;
        }
        self.margin.select(Some(id.to_owned()));
        true
    }

    /// Saves a new margin note on bytes `start..end` of `block`, selected:
    /// its id (`None` if the span is not in the paper).
    pub fn add_margin_note(
        &mut self,
        block: usize,
        start: usize,
        end: usize,
        text: &str,
    ) -> Result<Option<String>, crate::margin_notes::store::StoreError> {
        let Some(anchor) = crate::margin_notes::Anchor::new(&self.document, block, start, end)
        else {
            return Ok(None);
        };
        self.add_anchored_note(anchor, text).map(Some)
    }

    /// Saves a new margin note on the whole text of footnote `note`,
    /// selected: its id (`None` if there is no such footnote).
    pub fn add_margin_note_on_footnote(
        &mut self,
        note: usize,
        text: &str,
    ) -> Result<Option<String>, crate::margin_notes::store::StoreError> {
        let Some(length) = self.document.footnotes.get(note).map(|f| f.text().len()) else {
            return Ok(None);
        };
        let Some(anchor) =
            crate::margin_notes::Anchor::on_footnote(&self.document, note, 0, length)
        else {
            return Ok(None);
        };
        self.add_anchored_note(anchor, text).map(Some)
    }

    /// Saves a new margin note on `anchor` (made on any version of the
    /// paper), selected: its id.
    pub fn add_anchored_note(
        &mut self,
        anchor: crate::margin_notes::Anchor,
        text: &str,
    ) -> Result<String, crate::margin_notes::store::StoreError> {
        self.margin.add(&self.document, anchor, text)
    }

    /// Saves margin note `id`'s new text, selected.
    pub fn edit_margin_note(
        &mut self,
        id: &str,
        text: &str,
    ) -> Result<(), crate::margin_notes::store::StoreError> {
        self.margin.edit(&self.document, id, text)
    }

    pub fn delete_margin_note(
        &mut self,
        id: &str,
    ) -> Result<(), crate::margin_notes::store::StoreError> {
        self.margin.delete(&self.document, id)
    }

    /// Brings back the margin note deleted last: its id, if there was one.
    pub fn undo_delete_margin_note(
        &mut self,
    ) -> Result<Option<String>, crate::margin_notes::store::StoreError> {
        self.margin.undo_delete(&self.document)
    }

    /// Ends the selection of a span, with what was selected.
    pub fn take_visual(&mut self) -> Option<selection::Selection> {
        self.margin.take_visual()
    }

    /// Stops selecting a span.
    pub fn cancel_visual(&mut self) {
        self.margin.set_visual(None);
    }
}

/// A note's label as the notes pane shows it ("·" for a note printed without one).
pub fn footnote_label(footnote: &crate::document::Footnote) -> &str {
    match footnote.kind {
        NoteKind::Unmarked => "·",
        _ => &footnote.label,
    }
}

/// A note's text as the notes pane shows it, or what is wrong with it.
pub fn footnote_text(footnote: &crate::document::Footnote) -> &str {
    match footnote.status {
        crate::document::NoteStatus::Ok => footnote.text(),
        crate::document::NoteStatus::Empty => "(empty note: the source has its number but no text)",
        crate::document::NoteStatus::Missing => {
            "(missing: cited in the text, but its text is not in the source)"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actors::Gazetteer;

    fn reader(text: &str, width: u16, height: usize) -> Reader {
        let document = crate::parse_text(text);
        let findings = Findings {
            actors: ActorIndex::build(&document, &Gazetteer::shipped()),
            bibliography: Bibliography::of(&document),
        };
        let notes = MarginNoteStore::in_memory("paper.md", "f");
        Reader::new(
            0,
            Arc::new(document),
            Some(findings),
            notes,
            width,
            height,
            None,
        )
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
        assert_eq!(r.top(), 10);
        assert_eq!(r.page().0, 2);
        for _ in 0..20 {
            r.next_page();
        }
        assert!(r.top() + r.height() >= r.layout().lines.len());
        r.previous_page();
        assert!(r.top() < r.layout().lines.len() - r.height());
    }

    #[test]
    fn jumping_back_returns_to_the_same_top_line() {
        let mut r = reader(&paper(), 40, 10);
        for top in 0..40 {
            r.set_top(top);
            r.jump_to_section(1);
            assert!(r.jump_back());
            assert_eq!(r.top(), top, "from line {top}: {:?}", r.layout().lines[top]);
            assert!(r.jump_forward());
            assert!(r.jump_back());
            assert_eq!(r.top(), top);
        }
    }

    #[test]
    fn resize_keeps_the_sentence() {
        let mut r = reader(&paper(), 40, 10);
        r.next_page();
        r.next_page();
        let before = r.position();
        r.resize(25, 6);
        let line = &r.layout().lines[r.top()];
        assert_eq!(line.block, before.block);
        assert!(line.range.start <= before.offset);
    }

    #[test]
    fn page_notes_follow_the_markers_on_the_page() {
        let mut r = reader(&paper(), 60, 8);
        let labels: Vec<String> = r
            .page_footnotes()
            .iter()
            .map(|&n| r.document().footnotes[n].label.clone())
            .collect();
        let expected: Vec<String> = (1..=labels.len()).map(|i| i.to_string()).collect();
        assert!(!labels.is_empty());
        assert_eq!(labels, expected);
        r.next_page();
        assert_eq!(
            r.document().footnotes[r.page_footnotes()[0]].label,
            (labels.len() + 1).to_string()
        );
    }

    #[test]
    fn following_a_note_and_jumping_back() {
        let mut r = reader(&paper(), 60, 8);
        let note = r
            .document()
            .footnotes
            .iter()
            .position(|f| f.label == "25")
            .unwrap();
        let start = r.top();
        r.follow_footnote(note);
        assert_ne!(r.top(), start);
        assert!(r.page_footnotes().contains(&note));
        assert_eq!(r.focus(), Focus::Footnotes);
        assert!(r.jump_back());
        assert_eq!(r.top(), start);
        assert!(r.jump_forward());
        assert!(r.page_footnotes().contains(&note));
    }

    #[test]
    fn sections_and_search() {
        let mut r = reader(&paper(), 60, 8);
        r.next_section();
        assert_eq!(
            r.document().sections[r.current_section().unwrap()].title,
            "Introduction"
        );
        r.next_section();
        assert_eq!(
            r.document().sections[r.current_section().unwrap()].title,
            "Conclusion"
        );
        r.previous_section();
        assert_eq!(r.current_section(), Some(0));
        assert_eq!(r.search_for("paragraph 2"), 11);
        assert_eq!(r.search_step(true), Some((2, 11)));
    }

    #[test]
    fn urls_and_actors() {
        let r = reader(&paper(), 60, 8);
        let note = r.page_footnotes()[0];
        assert_eq!(r.footnote_urls(note), ["http://example.org/1"]);
        let russia = r
            .actors()
            .actors
            .iter()
            .position(|a| a.name == "Russia")
            .unwrap();
        let mut r = r;
        r.next_page();
        r.jump_to_actor(russia);
        assert_eq!(r.actor_list().active(), Some(russia));
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
            "{} blocks, window {:?}",
            r.document().blocks.len(),
            r.layout().blocks
        );
        assert!(r.layout().blocks.len() < r.document().blocks.len() / 2);
        let line_at = |r: &Reader, l: usize| {
            let line = &r.layout().lines[l];
            (line.block, line.range.clone())
        };
        let mut pages = 0;
        let mut percent = 0;
        let mut windows = std::collections::HashSet::new();
        loop {
            windows.insert(r.layout().blocks.start);
            if r.top() + r.height() >= r.layout().lines.len() {
                break;
            }
            let next = line_at(&r, r.top() + r.height());
            let before = r.top();
            r.next_page();
            if r.top() == before {
                break;
            }
            // The page after is exactly the line that followed the page before.
            assert_eq!(line_at(&r, r.top()), next, "after page {pages}");
            assert!(r.percent() >= percent);
            percent = r.percent();
            pages += 1;
        }
        assert!(windows.len() > 2, "the window moved along: {windows:?}");
        assert_eq!(r.percent(), 100);
        assert_eq!(r.layout().blocks.end, r.document().blocks.len());
        let (page, count) = r.page();
        assert_eq!(page, count);
        assert!(
            count.abs_diff(pages + 1) * 50 < count,
            "{count} pages estimated, {} read",
            pages + 1
        );
        // And back up again, line for line.
        for _ in 0..200 {
            let previous = line_at(&r, r.top().saturating_sub(1));
            r.scroll(-1);
            assert_eq!(line_at(&r, r.top()), previous);
        }
        r.top_of_paper();
        assert_eq!((r.layout().blocks.start, r.top()), (0, 0));
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
        assert!(r.layout().covers(7_000));
        assert!(r.visible_blocks().contains(&7_000));
        assert!((75..=80).contains(&r.percent()), "{}", r.percent());
        r.end_of_paper();
        assert!(
            r.visible_blocks()
                .contains(&(r.document().blocks.len() - 1))
        );
        assert!(r.jump_back());
        assert!(
            r.visible_blocks().contains(&7_000),
            "{:?} {:?}",
            r.visible_blocks(),
            r.position()
        );
        r.resize(120, 40);
        assert!(r.visible_blocks().contains(&7_000));
    }

    #[test]
    fn a_table_wider_than_the_text_keeps_its_words_whole_and_scrolls_sideways() {
        let strakes = crate::papers::BUILT_IN[1].1;
        let mut r = reader(strakes, 56, 30);
        let table = r
            .document()
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
            .map(|l| r.layout().lines[l].text())
            .collect();
        let all = rows.join("\n");
        for word in ["Participation", "Institutional", "Ministerial"] {
            assert!(all.contains(word), "{word} split in\n{all}");
        }
        let overflow = r.table_overflow();
        assert!(overflow > 0);
        assert!(r.shift_table(8));
        assert_eq!(r.view().table_shift(), 8);
        assert!(r.shift_table(1000));
        assert_eq!(r.view().table_shift(), overflow);
        assert!(r.shift_table(-1000));
        assert_eq!(r.view().table_shift(), 0);
        // Away from the table there is nothing to scroll.
        r.go(Position::default());
        assert!(!r.shift_table(8));
    }
}
