//! How the screen is shared out: its size, the side panes the user asked
//! for, the widest the text grows, and where the page's footnotes go (below
//! in a pane as tall as they need, or beside the text). The state of the
//! arrangement, kept consistent here; the geometry it gives is in
//! [`Geometry`].

use super::focus::SidePane;
use super::state::{Geometry, SIDENOTES_WIDTH};

#[derive(Debug, Clone)]
pub struct Arrangement {
    width: u16,
    height: u16,
    /// The user's choice to show the sidebar or margin; `None` follows the width.
    sidebar: Option<bool>,
    margin: Option<bool>,
    /// The widest the text column grows, in characters.
    measure: u16,
    /// Rows of content the notes pane needs for the page; `None` before a
    /// page is fitted (or when the screen is too small for one).
    bottom_rows: Option<usize>,
    /// Whether the page's footnotes fit beside it.
    sidenotes_fit: bool,
    /// The notes pane let grow to two thirds of the screen.
    footnotes_expanded: bool,
}

impl Arrangement {
    pub fn new(width: u16, height: u16) -> Self {
        Self {
            width,
            height,
            sidebar: None,
            margin: None,
            measure: super::config::DEFAULT_MEASURE,
            bottom_rows: None,
            sidenotes_fit: true,
            footnotes_expanded: false,
        }
    }

    /// The terminal's size: columns, rows.
    pub fn size(&self) -> (u16, u16) {
        (self.width, self.height)
    }

    pub fn set_size(&mut self, width: u16, height: u16) {
        self.width = width;
        self.height = height;
    }

    /// The user's choice for a side pane (`None`: as the width allows).
    pub fn pane(&self, pane: SidePane) -> Option<bool> {
        match pane {
            SidePane::Sidebar => self.sidebar,
            SidePane::Margin => self.margin,
        }
    }

    pub fn set_pane(&mut self, pane: SidePane, shown: Option<bool>) {
        match pane {
            SidePane::Sidebar => self.sidebar = shown,
            SidePane::Margin => self.margin = shown,
        }
    }

    pub fn measure(&self) -> u16 {
        self.measure
    }

    /// The widest the text grows, within the measures a user can set.
    pub fn set_measure(&mut self, measure: u16) {
        let range = super::config::MEASURES;
        self.measure = measure.clamp(*range.start(), *range.end());
    }

    pub fn footnotes_expanded(&self) -> bool {
        self.footnotes_expanded
    }

    /// Lets the notes pane grow to two thirds of the screen, or gives the
    /// room back; whether it is expanded now.
    pub fn toggle_footnotes_expanded(&mut self) -> bool {
        self.footnotes_expanded = !self.footnotes_expanded;
        self.footnotes_expanded
    }

    /// Whether the page's footnotes fit beside it.
    pub fn sidenotes_fit(&self) -> bool {
        self.sidenotes_fit
    }

    /// A page fitted: its footnotes beside it (`None`), or below in a pane
    /// of `rows` rows of content.
    pub fn fitted(&mut self, pane_rows: Option<usize>) {
        self.sidenotes_fit = pane_rows.is_none();
        self.bottom_rows = Some(pane_rows.unwrap_or(0));
    }

    /// No page could be fitted (the screen is too small).
    pub fn unfitted(&mut self) {
        self.sidenotes_fit = false;
        self.bottom_rows = None;
    }

    /// The screen as it is shared out now: with the footnotes beside the
    /// text when `beside` (a reader on a wide screen whose page's notes fit
    /// there), else below in a pane fitted to the page's notes when `reading`.
    pub fn geometry(&self, reading: bool, beside: bool) -> Geometry {
        let panes = (self.sidebar, self.margin);
        if beside && self.sidenotes_fit {
            let geometry = self.beside();
            if geometry.sidenotes.is_some() {
                return geometry;
            }
        }
        match self.bottom_rows {
            Some(rows) if reading => {
                Geometry::fitted(self.width, self.height, panes, rows, self.notes_most())
            }
            _ => Geometry::of(self.width, self.height, self.sidebar, self.margin),
        }
        .with_measure(self.text_measure())
    }

    /// The screen with the footnotes beside the text, where there is room.
    pub fn beside(&self) -> Geometry {
        Geometry::with_bottom(self.width, self.height, self.sidebar, self.margin, 0)
            .with_sidenotes(self.measure)
    }

    /// The screen with the notes pane `rows` rows of content tall.
    pub fn below(&self, rows: usize) -> Geometry {
        Geometry::fitted(
            self.width,
            self.height,
            (self.sidebar, self.margin),
            rows,
            self.notes_most(),
        )
    }

    /// Whether the screen is wide enough for footnotes beside the text.
    pub fn wide_enough_for_sidenotes(&self) -> bool {
        self.width >= SIDENOTES_WIDTH
    }

    /// The tallest the notes pane grows, border included: three tenths of
    /// the screen, or two thirds when expanded to read long notes.
    pub fn notes_most(&self) -> u16 {
        if self.footnotes_expanded {
            self.height * 2 / 3
        } else {
            Geometry::bottom_height(self.height)
        }
    }

    /// The widest the text is set on this screen: the measure, or less
    /// where footnotes set beside the text need the room. Every page is set
    /// at this one width, whether its footnotes go beside it or below (a
    /// page of long notes, the notes pane in use): the text is never wrapped
    /// wider than it is drawn, nor wrapped again from page to page.
    pub fn text_measure(&self) -> u16 {
        if self.wide_enough_for_sidenotes() {
            let beside = self.beside();
            if beside.sidenotes.is_some() {
                return beside.text.width.min(self.measure);
            }
        }
        self.measure
    }

    /// The width the text is laid out at on this screen.
    pub fn text_width(&self) -> u16 {
        Geometry::of(self.width, self.height, self.sidebar, self.margin)
            .with_measure(self.text_measure())
            .text
            .width
    }
}
