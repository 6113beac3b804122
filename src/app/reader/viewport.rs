//! The window onto the text: the paper laid out for the screen's width (a
//! window of it in a very large paper), the top line, the reading position
//! that survives a re-wrap, and the page it makes.

use std::ops::Range;

use crate::document::{Document, Position};
use crate::layout::{Layout, SegmentKind, layout_window};

use super::PageMarker;
use crate::app::jumps::Place;
use crate::app::pages::FitPlan;

/// A page of the paper cut for the screen: `lines` lines from line
/// `start`, its footnotes in a pane of `pane_rows` rows below it, or beside
/// it (`None`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageCut {
    pub start: usize,
    pub lines: usize,
    pub pane_rows: Option<usize>,
}

/// Bytes of text laid out around the reading position in a very large
/// paper: laying out 50 MB takes most of a second and 160 MB, a window of
/// this much a few milliseconds. Papers under twice this are laid out whole.
const WINDOW_BYTES: usize = 1 << 20;

#[derive(Debug, Clone)]
pub struct Viewport {
    /// Where each block's text ends, counted through the paper's text: what
    /// the window laid out and the page estimate of a very large paper go by.
    text_ends: Vec<usize>,
    layout: Layout,
    /// First line on screen.
    top: usize,
    /// The reading position: what stays on screen through any re-wrap.
    position: Position,
    /// Lines of text per page.
    height: usize,
    /// Columns a table wider than the text is scrolled sideways by.
    table_shift: usize,
    /// The paper cut into pages for the screen, in order; empty until cut
    /// (and for a very large paper, laid out a window at a time).
    cuts: Vec<PageCut>,
    /// What the cuts were made for.
    cut_plan: Option<FitPlan>,
    /// Whether the top line started a page when the cuts were last dropped
    /// (the text laid out again): the new cuts then turn to a page too.
    was_on_page: bool,
}

impl Viewport {
    /// `document` laid out `width` columns wide from its start, pages of `height` lines.
    pub fn new(document: &Document, width: u16, height: usize) -> Self {
        let text_ends = text_ends(document);
        let layout = layout_window(document, width, window_around(&text_ends, 0));
        Self {
            text_ends,
            layout,
            top: 0,
            position: Position::default(),
            height: height.max(1),
            table_shift: 0,
            cuts: Vec::new(),
            cut_plan: None,
            was_on_page: false,
        }
    }

    /// Whether the reader was on a page start when the text was laid out again.
    pub fn was_on_page(&self) -> bool {
        self.was_on_page
    }

    pub fn cuts(&self) -> &[PageCut] {
        &self.cuts
    }

    pub fn cut_plan(&self) -> Option<&FitPlan> {
        self.cut_plan.as_ref()
    }

    /// The paper cut into pages for `plan`.
    pub fn set_cuts(&mut self, plan: FitPlan, cuts: Vec<PageCut>) {
        self.cut_plan = Some(plan);
        self.cuts = cuts;
        self.was_on_page = false;
    }

    /// The page the top line starts, if it starts one.
    pub fn cut_at_top(&self) -> Option<&PageCut> {
        let at = self.cuts.partition_point(|cut| cut.start < self.top);
        self.cuts.get(at).filter(|cut| cut.start == self.top)
    }

    /// The page (index into the cuts) that holds `line`.
    pub fn page_of_line(&self, line: usize) -> Option<usize> {
        let after = self.cuts.partition_point(|cut| cut.start <= line);
        after.checked_sub(1)
    }

    pub fn layout(&self) -> &Layout {
        &self.layout
    }

    pub fn top(&self) -> usize {
        self.top
    }

    pub fn position(&self) -> Position {
        self.position
    }

    pub fn height(&self) -> usize {
        self.height
    }

    pub fn table_shift(&self) -> usize {
        self.table_shift
    }

    /// Lays the text out again if the width changed, keeping the reading position.
    pub fn resize(&mut self, document: &Document, width: u16, height: usize) {
        self.height = height.max(1);
        if self.layout.width != width.max(10) {
            self.lay_out_around(document, self.position.block, width);
            self.top = self.layout.line_of(self.position);
        }
        self.top = self.top.min(self.last_line());
    }

    /// The same place in a new version of the paper (the whole of a paper
    /// whose first pages were shown).
    pub fn replace_document(&mut self, document: &Document, position: Position) {
        self.text_ends = text_ends(document);
        self.lay_out_around(document, position.block, self.layout.width);
        self.go(document, position);
    }

    fn last_line(&self) -> usize {
        self.layout.lines.len().saturating_sub(1)
    }

    /// Lays out the window of text around `block` (the whole paper unless
    /// it is very large).
    fn lay_out_around(&mut self, document: &Document, block: usize, width: u16) {
        let window = window_around(&self.text_ends, block);
        self.layout = layout_window(document, width, window);
        // Pages are cut from the lines laid out.
        self.was_on_page = self.cut_at_top().is_some();
        self.cuts.clear();
        self.cut_plan = None;
    }

    /// Whether only a window of the paper is laid out.
    pub fn is_windowed(&self) -> bool {
        self.layout.blocks.len() < self.text_ends.len()
    }

    /// Lays out the window around `block` if it is outside the one laid out.
    fn cover(&mut self, document: &Document, block: usize) {
        if !self.layout.covers(block) && block < document.blocks.len() {
            self.lay_out_around(document, block, self.layout.width);
        }
    }

    /// Moves the window along when the page comes near its edge, keeping
    /// the same top line.
    fn keep_window(&mut self, document: &Document) {
        let near_start = self.layout.blocks.start > 0 && self.top < self.height * 2;
        let near_end = self.layout.blocks.end < document.blocks.len()
            && self.top + self.height * 3 > self.layout.lines.len();
        if near_start || near_end {
            let line = self.layout.lines.get(self.top).cloned();
            self.lay_out_around(document, self.position.block, self.layout.width);
            self.top = match line {
                // The same line: the first of its block's lines that starts there.
                Some(line) => self
                    .layout
                    .lines_of(line.block)
                    .find(|&l| self.layout.lines[l].range == line.range)
                    .unwrap_or_else(|| self.layout.line_of(self.position)),
                None => self.layout.line_of(self.position),
            };
        }
    }

    /// Moves to `position`.
    pub fn go(&mut self, document: &Document, position: Position) {
        self.cover(document, position.block);
        self.position = position;
        self.top = self.layout.line_of(position).min(self.last_line());
    }

    /// Where the reader is, for the jump list.
    pub fn place(&self) -> Place {
        Place {
            position: self.position,
            top: self.top,
            width: self.layout.width,
            window: self.layout.blocks.start,
        }
    }

    /// Goes back to `place`: the same top line if the width is the same.
    pub fn return_to(&mut self, document: &Document, place: Place) {
        if place.width == self.layout.width
            && place.window == self.layout.blocks.start
            && place.top < self.layout.lines.len()
        {
            self.position = place.position;
            self.top = place.top;
        } else {
            self.go(document, place.position);
        }
    }

    /// Scrolls by `lines` (negative: up), keeping at least one line of text on screen.
    pub fn scroll(&mut self, document: &Document, lines: isize) {
        let total = self.layout.lines.len();
        let limit = if lines > 0 {
            total
                .saturating_sub(self.height)
                .max(self.top.min(total.saturating_sub(1)))
        } else {
            self.last_line()
        };
        let top = self.top.saturating_add_signed(lines).min(limit);
        self.set_top(document, top);
    }

    /// Shows the page from line `top` with the reading position where it
    /// is (on that page): a jump's target, or the sentence read before the
    /// screen changed, stays the place to come back to.
    pub fn turn_to(&mut self, document: &Document, top: usize) {
        self.top = top.min(self.last_line());
        self.keep_window(document);
    }

    /// The top line of the page that holds the reading position.
    pub fn page_top_of_position(&self) -> usize {
        self.page_top_of(self.layout.line_of(self.position))
    }

    pub fn set_top(&mut self, document: &Document, top: usize) {
        self.top = top.min(self.last_line());
        if let Some(line) = self.layout.lines.get(self.top) {
            self.position = line.position();
        }
        self.keep_window(document);
    }

    /// The top line a page further on: the next page's start where the
    /// paper is cut into pages; `None` on the last page.
    pub fn next_page_top(&self) -> Option<usize> {
        if let Some(page) = self.page_of_line(self.top) {
            return self.cuts.get(page + 1).map(|cut| cut.start);
        }
        (self.top + self.height < self.layout.lines.len()).then_some(self.top + self.height)
    }

    /// The top line a page back: the page before the one on screen, where
    /// the paper is cut into pages.
    pub fn previous_page_top(&self) -> usize {
        match self.page_of_line(self.top) {
            Some(page) => self.cuts[page.saturating_sub(1)].start,
            None => self.top.saturating_sub(self.height),
        }
    }

    /// The top line of the page that holds `line`: its page's start where
    /// the paper is cut into pages, else `line` itself.
    pub fn page_top_of(&self, line: usize) -> usize {
        self.page_of_line(line)
            .map_or(line, |page| self.cuts[page].start)
    }

    /// The page is `height` lines tall from now on (the notes pane took or
    /// gave back rows).
    pub fn set_height(&mut self, height: usize) {
        self.height = height.max(1);
        self.top = self.top.min(self.last_line());
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
        if let Some(page) = self.page_of_line(self.top) {
            return (page + 1, self.cuts.len());
        }
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

    /// How far through the paper the bottom of the page is, in percent.
    pub fn percent(&self) -> u8 {
        let (total, before) = self.lines_overall();
        let total = total.max(1);
        let seen = (before + self.top + self.height).min(total);
        u8::try_from(seen * 100 / total).unwrap_or(100)
    }

    pub fn visible_lines(&self) -> Range<usize> {
        self.lines_from(self.top, self.height)
    }

    /// The lines of a page `height` lines tall from line `top`.
    pub fn lines_from(&self, top: usize, height: usize) -> Range<usize> {
        let end = top
            .saturating_add(height.max(1))
            .min(self.layout.lines.len());
        top.min(end)..end
    }

    pub fn visible_blocks(&self) -> Range<usize> {
        self.blocks_of_lines(self.visible_lines())
    }

    pub fn blocks_of_lines(&self, lines: Range<usize>) -> Range<usize> {
        let first = self.layout.lines.get(lines.start).map_or(0, |l| l.block);
        let last = lines
            .end
            .checked_sub(1)
            .and_then(|l| self.layout.lines.get(l))
            .map_or(first, |l| l.block);
        first..last + 1
    }

    /// The markers on `lines`, in reading order.
    pub fn markers_of_lines(&self, lines: Range<usize>) -> Vec<PageMarker> {
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

    /// The first `count` notes cited after the page.
    pub fn notes_after_page(&self, count: usize) -> Vec<usize> {
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
                        | crate::layout::LineStyle::Decoration
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
