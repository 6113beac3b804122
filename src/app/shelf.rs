//! The library screen's list: which papers show (a filter typed over
//! title, authors, year, keywords and file name) and in what order (as
//! listed, recently read, title, author, year, progress).

use super::library::PaperEntry;
use super::positions::Positions;
use super::state::App;
use crate::papers::PaperOrigin;

/// The order of the library's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// As the folders list them.
    #[default]
    Listed,
    RecentlyRead,
    Title,
    Author,
    Year,
    Progress,
}

impl Sort {
    pub fn name(self) -> &'static str {
        match self {
            Sort::Listed => "as listed",
            Sort::RecentlyRead => "recently read",
            Sort::Title => "by title",
            Sort::Author => "by author",
            Sort::Year => "by year",
            Sort::Progress => "by progress",
        }
    }

    fn next(self) -> Self {
        match self {
            Sort::Listed => Sort::RecentlyRead,
            Sort::RecentlyRead => Sort::Title,
            Sort::Title => Sort::Author,
            Sort::Author => Sort::Year,
            Sort::Year => Sort::Progress,
            Sort::Progress => Sort::Listed,
        }
    }
}

/// The library's list: every paper, the one selected, the filter typed
/// and the order asked for. The selection is kept on a paper shown.
#[derive(Debug, Default)]
pub struct Shelf {
    papers: Vec<PaperEntry>,
    /// The selected paper (index into `papers`).
    selected: usize,
    /// Words the list is filtered by.
    filter: String,
    sort: Sort,
}

impl Shelf {
    pub fn new(papers: Vec<PaperEntry>) -> Self {
        Self {
            papers,
            ..Self::default()
        }
    }

    pub fn papers(&self) -> &[PaperEntry] {
        &self.papers
    }

    /// Paper `index`, to update what is known of it (its listing, its notes).
    pub fn paper_mut(&mut self, index: usize) -> Option<&mut PaperEntry> {
        self.papers.get_mut(index)
    }

    /// The paper read from `path`.
    pub fn paper_at_mut(&mut self, path: &std::path::Path) -> Option<&mut PaperEntry> {
        self.papers.iter_mut().find(|p| match &p.origin {
            PaperOrigin::File(file) => file == path,
            PaperOrigin::BuiltIn(_) => false,
        })
    }

    /// Where the paper from `path` is in the list.
    pub fn position_of(&self, path: &std::path::Path) -> Option<usize> {
        self.papers.iter().position(|p| p.origin.path() == path)
    }

    /// The whole library, listed, in place of what was shown: the same paper
    /// stays selected.
    pub fn replace(&mut self, papers: Vec<PaperEntry>) {
        let selected = self.papers.get(self.selected).map(|p| p.origin.path());
        self.papers = papers;
        self.selected = selected
            .and_then(|path| self.position_of(&path))
            .unwrap_or(0);
    }

    pub fn selected(&self) -> usize {
        self.selected
    }

    pub fn select(&mut self, index: usize) {
        self.selected = index.min(self.papers.len().saturating_sub(1));
    }

    pub fn filter(&self) -> &str {
        &self.filter
    }

    pub fn sort(&self) -> Sort {
        self.sort
    }

    /// The papers shown, in order: indices into [`Shelf::papers`]. Orders
    /// by reading go by the positions saved.
    pub fn shown(&self, positions: &Positions) -> Vec<usize> {
        let words: Vec<String> = self
            .filter
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        let mut shown: Vec<usize> = (0..self.papers.len())
            .filter(|&i| {
                if words.is_empty() {
                    return true;
                }
                let paper = &self.papers[i];
                let text = format!(
                    "{} {} {} {} {}",
                    paper.listing.title,
                    paper.listing.authors.join(" "),
                    paper
                        .listing
                        .year
                        .map(|y| y.to_string())
                        .unwrap_or_default(),
                    paper.listing.keywords.join(" "),
                    paper.origin.file_name()
                )
                .to_lowercase();
                words.iter().all(|w| text.contains(w.as_str()))
            })
            .collect();
        let key = |i: usize| -> (i64, String) {
            let paper = &self.papers[i];
            let saved = positions.get(paper.key());
            match self.sort {
                Sort::Listed => (0, String::new()),
                // Most recent first; never read last.
                Sort::RecentlyRead => (
                    -i64::try_from(saved.and_then(|s| s.read_at).unwrap_or(0)).unwrap_or(0),
                    String::new(),
                ),
                Sort::Title => (0, paper.listing.title.to_lowercase()),
                Sort::Author => (
                    0,
                    paper
                        .listing
                        .authors
                        .first()
                        .and_then(|a| a.split_whitespace().last())
                        .unwrap_or("\u{10FFFF}")
                        .to_lowercase(),
                ),
                Sort::Year => (-i64::from(paper.listing.year.unwrap_or(0)), String::new()),
                Sort::Progress => (-i64::from(saved.map_or(0, |s| s.percent)), String::new()),
            }
        };
        if self.sort != Sort::Listed {
            // Equal keys, then titles, in the order people read numbers in.
            shown.sort_by_cached_key(|&i| key(i));
            if self.sort == Sort::Title {
                shown.sort_by(|&a, &b| {
                    crate::text::natural_order(
                        &self.papers[a].listing.title,
                        &self.papers[b].listing.title,
                    )
                });
            }
        }
        shown
    }

    /// Moves the selection `step` rows through the shown papers.
    fn step(&mut self, positions: &Positions, step: isize) {
        let shown = self.shown(positions);
        if shown.is_empty() {
            return;
        }
        let at = shown.iter().position(|&i| i == self.selected).unwrap_or(0);
        let row = super::list_input::stepped(at, shown.len(), step);
        self.selected = shown[row];
    }

    /// After the filter or order changed: the selection moves to the first
    /// paper shown if it is not one of them.
    fn keep_selection_shown(&mut self, positions: &Positions) {
        let shown = self.shown(positions);
        if !shown.contains(&self.selected)
            && let Some(&first) = shown.first()
        {
            self.selected = first;
        }
    }

    /// Changes the filter by `edit`, keeping the selection on a paper shown.
    pub fn edit_filter(&mut self, positions: &Positions, edit: impl FnOnce(&mut String)) {
        edit(&mut self.filter);
        self.keep_selection_shown(positions);
    }

    fn next_sort(&mut self, positions: &Positions) {
        self.sort = self.sort.next();
        self.keep_selection_shown(positions);
    }
}

impl App {
    /// The library's list of papers.
    pub fn library(&self) -> &Shelf {
        &self.library
    }

    /// The papers the library shows, in order: indices into its papers.
    pub fn shelf(&self) -> Vec<usize> {
        self.library.shown(&self.positions)
    }

    /// Moves the library's selection `step` rows through the shown papers.
    pub(super) fn step_shelf(&mut self, step: isize) {
        self.library.step(&self.positions, step);
    }

    /// `o`: the next order, said in the status line.
    pub(super) fn cycle_sort(&mut self) {
        self.library.next_sort(&self.positions);
        self.message = Some(format!("papers {}", self.library.sort().name()));
    }

    /// Changes the library's filter by `edit`.
    pub(super) fn edit_library_filter(&mut self, edit: impl FnOnce(&mut String)) {
        self.library.edit_filter(&self.positions, edit);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::positions::{Positions, Saved};
    use crate::app::{Key, Keymap};
    use crate::papers::{BUILT_IN, PaperOrigin};

    fn library() -> App {
        let mut positions = Positions::in_memory();
        positions.set(
            &PaperOrigin::BuiltIn(1).key(),
            Saved {
                block: 3,
                offset: 0,
                percent: 40,
                read_at: Some(10),
            },
        );
        App::new(
            (0..BUILT_IN.len()).map(PaperOrigin::BuiltIn).collect(),
            Keymap::defaults(),
            positions,
            100,
            30,
        )
    }

    #[test]
    fn typing_a_filter_narrows_the_list() {
        let mut app = library();
        assert_eq!(app.shelf(), [0, 1]);
        app.handle_key(Key::char('f'));
        for c in "strakes".chars() {
            app.handle_key(Key::char(c));
        }
        assert_eq!(app.shelf(), [1]);
        assert_eq!(
            app.library.selected(),
            1,
            "the selection follows the filter"
        );
        app.handle_key(Key::parse("enter").unwrap());
        assert_eq!(app.shelf(), [1], "enter keeps the filter");
        app.handle_key(Key::char('f'));
        app.handle_key(Key::parse("esc").unwrap());
        assert_eq!(app.shelf(), [0, 1], "esc clears it");
    }

    #[test]
    fn the_list_sorts_by_each_order_in_turn() {
        let mut app = library();
        app.handle_key(Key::char('o'));
        assert_eq!(app.library.sort(), Sort::RecentlyRead);
        assert_eq!(app.shelf(), [1, 0], "the paper read comes first");
        app.handle_key(Key::char('o'));
        assert_eq!(app.library.sort(), Sort::Title);
        assert_eq!(app.shelf(), [0, 1], "Azerbaijan's… before Beyond…");
        app.handle_key(Key::char('o'));
        app.handle_key(Key::char('o'));
        assert_eq!(app.library.sort(), Sort::Year);
        assert_eq!(app.shelf(), [1, 0], "2015 before 2013");
        assert!(app.message.as_deref().unwrap().contains("by year"));
    }
}
