//! The footnote pane's selection: the note selected, the marker picked on
//! the page, and which of the note's citations `follow` goes to next.

use super::PageMarker;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FootnotePane {
    /// The note selected (index into the footnotes).
    selected: Option<usize>,
    /// The marker selected on the page.
    marker: Option<PageMarker>,
    /// Which citation of the selected note `follow` goes to next.
    citation_cursor: usize,
}

impl FootnotePane {
    pub fn selected(&self) -> Option<usize> {
        self.selected
    }

    pub fn marker(&self) -> Option<PageMarker> {
        self.marker
    }

    pub fn citation_cursor(&self) -> usize {
        self.citation_cursor
    }

    /// Selects `note`, from its first citation, with its marker on the page if any.
    pub fn select(&mut self, note: usize, marker: Option<PageMarker>) {
        self.selected = Some(note);
        self.citation_cursor = 0;
        self.marker = marker;
    }

    /// Nothing selected: a page without notes.
    pub fn clear(&mut self) {
        self.selected = None;
    }

    /// `follow` went to the next citation, where `marker` is.
    pub fn advance_citation(&mut self, marker: Option<PageMarker>) {
        self.citation_cursor += 1;
        self.marker = marker;
    }

    /// Picks `marker` on the page (and its note), or none.
    pub fn pick_marker(&mut self, marker: Option<PageMarker>) {
        self.marker = marker;
        if let Some(marker) = marker {
            self.selected = Some(marker.note);
        }
    }

    /// The page moved: a marker picked on it is gone.
    pub fn forget_marker(&mut self) {
        self.marker = None;
    }
}
