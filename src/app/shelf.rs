//! The library screen's list: which papers show (a filter typed over
//! title, authors, year, keywords and file name) and in what order (as
//! listed, recently read, title, author, year, progress).

use super::state::App;

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

impl App {
    /// The papers the library shows, in order: indices into `papers`.
    pub fn shelf(&self) -> Vec<usize> {
        let words: Vec<String> = self
            .library_filter
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
                    paper.source.file_name()
                )
                .to_lowercase();
                words.iter().all(|w| text.contains(w.as_str()))
            })
            .collect();
        let key = |i: usize| -> (i64, String) {
            let paper = &self.papers[i];
            let saved = self.positions.get(paper.key());
            match self.library_sort {
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
        if self.library_sort != Sort::Listed {
            shown.sort_by_cached_key(|&i| key(i));
        }
        shown
    }

    /// Moves the library's selection `step` rows through the shown papers.
    pub(super) fn step_shelf(&mut self, step: isize) {
        let shown = self.shelf();
        if shown.is_empty() {
            return;
        }
        let at = shown
            .iter()
            .position(|&i| i == self.library_selected)
            .unwrap_or(0);
        let row = super::list_input::stepped(at, shown.len(), step);
        self.library_selected = shown[row];
    }

    /// `o`: the next order, said in the status line.
    pub(super) fn cycle_sort(&mut self) {
        self.library_sort = self.library_sort.next();
        self.message = Some(format!("papers {}", self.library_sort.name()));
        self.keep_selection_shown();
    }

    /// After the filter changed: the selection moves to the first paper
    /// shown if it is not one of them.
    pub(super) fn keep_selection_shown(&mut self) {
        let shown = self.shelf();
        if !shown.contains(&self.library_selected)
            && let Some(&first) = shown.first()
        {
            self.library_selected = first;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::positions::{Positions, Saved};
    use crate::app::{Key, Keymap};
    use crate::papers::{BUILT_IN, PaperSource};

    fn library() -> App {
        let mut positions = Positions::in_memory();
        positions.set(
            &PaperSource::BuiltIn(1).key(),
            Saved {
                block: 3,
                offset: 0,
                percent: 40,
                read_at: Some(10),
            },
        );
        App::new(
            (0..BUILT_IN.len()).map(PaperSource::BuiltIn).collect(),
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
        assert_eq!(app.library_selected, 1, "the selection follows the filter");
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
        assert_eq!(app.library_sort, Sort::RecentlyRead);
        assert_eq!(app.shelf(), [1, 0], "the paper read comes first");
        app.handle_key(Key::char('o'));
        assert_eq!(app.library_sort, Sort::Title);
        assert_eq!(app.shelf(), [0, 1], "Azerbaijan's… before Beyond…");
        app.handle_key(Key::char('o'));
        app.handle_key(Key::char('o'));
        assert_eq!(app.library_sort, Sort::Year);
        assert_eq!(app.shelf(), [1, 0], "2015 before 2013");
        assert!(app.message.as_deref().unwrap().contains("by year"));
    }
}
