//! The papers as the library lists them: each with what its index row or
//! its first reading says (title, authors, year, notes), read whole or in
//! part for the listing.

use crate::document::Document;
use crate::paper_text::{LoadError, PaperText};
use crate::papers::{Listing, PaperOrigin};
use crate::text::clean_line;

/// A paper as the library lists it.
#[derive(Debug, Clone)]
pub struct PaperEntry {
    pub origin: PaperOrigin,
    /// What the index or a first reading says of it.
    pub listing: Listing,
    /// The paper as read and parsed for the listing, until it is first opened.
    pub loaded: Option<Box<Loaded>>,
    /// The paper's key, resolved once: it is asked for at every key press
    /// and for every row drawn, and resolving a path is a system call.
    key: std::sync::OnceLock<String>,
}

/// A paper read and parsed: whole, or only its first pages when it is very
/// large (the rest is read in the background once it is opened).
#[derive(Debug, Clone)]
pub struct Loaded {
    pub text: PaperText,
    pub document: Document,
    pub first_pages: bool,
}

impl Loaded {
    pub fn read(paper: &PaperOrigin) -> Result<Self, LoadError> {
        Self::read_unless(paper, &std::sync::atomic::AtomicBool::new(false))
    }

    /// [`Self::read`], a PDF's conversion stopped when `cancel` is set.
    pub fn read_unless(
        paper: &PaperOrigin,
        cancel: &std::sync::atomic::AtomicBool,
    ) -> Result<Self, LoadError> {
        let first_pages = match paper {
            PaperOrigin::File(path) => super::opening::preview(path),
            PaperOrigin::BuiltIn(_) => None,
        };
        let (source, first_pages) = match first_pages {
            Some(source) => (source, true),
            None => (paper.load_unless(cancel)?, false),
        };
        let document = crate::parse(&source);
        Ok(Self {
            text: source,
            document,
            first_pages,
        })
    }
}

impl PaperEntry {
    /// Reads and parses the paper to list it (or records why it cannot be read).
    pub fn load(source: PaperOrigin) -> Self {
        match Loaded::read(&source) {
            Ok(loaded) => {
                let mut entry = Self::from_document(source, &loaded.document);
                entry.loaded = Some(Box::new(loaded));
                entry
            }
            Err(error) => {
                let listing = Listing::unreadable(&source, clean_line(&error.to_string()));
                Self::with(source, listing, std::sync::OnceLock::new())
            }
        }
    }

    pub fn from_document(source: PaperOrigin, document: &Document) -> Self {
        let listing = Listing::of(&source, document);
        Self::with(source, listing, std::sync::OnceLock::new())
    }

    /// A paper as the index last saw it: listed without being read.
    pub fn from_row(source: PaperOrigin, row: &crate::index::PaperRow) -> Self {
        let key = std::sync::OnceLock::from(row.file.key.clone());
        Self::with(source, row.listing.clone(), key)
    }

    /// A paper as the index knows it (`row`), or by its file name until it is indexed.
    pub fn listed(source: PaperOrigin, row: Option<&crate::index::PaperRow>) -> Self {
        match row {
            Some(row) => Self::from_row(source, row),
            None => Self::pending(source),
        }
    }

    /// A paper the index does not know yet: its file name until it is read.
    pub fn pending(source: PaperOrigin) -> Self {
        let listing = Listing::pending(&source);
        Self::with(source, listing, std::sync::OnceLock::new())
    }

    fn with(source: PaperOrigin, listing: Listing, key: std::sync::OnceLock<String>) -> Self {
        Self {
            origin: source,
            listing,
            loaded: None,
            key,
        }
    }

    /// The key the paper's reading position is saved under (see [`PaperOrigin::key`]).
    pub fn key(&self) -> &str {
        self.key.get_or_init(|| self.origin.key())
    }

    /// "Fuller 2013": how the status line and titles name the paper.
    pub fn short_name(&self) -> String {
        let author = self
            .listing
            .authors
            .first()
            .and_then(|a| a.split_whitespace().last())
            .map_or_else(|| self.origin.file_name(), str::to_owned);
        match self.listing.year {
            Some(year) => format!("{author} {year}"),
            None => author,
        }
    }

    /// "E. Fuller": the first author's initials and surname, and "et al.".
    pub fn author_line(&self) -> String {
        let Some(first) = self.listing.authors.first() else {
            return String::new();
        };
        let words: Vec<&str> = first.split_whitespace().collect();
        let mut name = String::new();
        if let Some((last, given)) = words.split_last() {
            for word in given {
                name.push_str(&word.chars().take(1).collect::<String>());
                name.push_str(". ");
            }
            name.push_str(last);
        }
        if self.listing.authors.len() > 1 {
            name.push_str(" et al.");
        }
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::papers::discover;

    #[test]
    fn built_in_papers_when_there_is_no_texts_folder() {
        let dir = tempfile::tempdir().unwrap();
        let (sources, problems) = discover(&[], dir.path());
        assert_eq!(
            sources,
            vec![PaperOrigin::BuiltIn(0), PaperOrigin::BuiltIn(1)]
        );
        assert!(problems.is_empty());
        let source = sources[0].load().unwrap();
        let entry = PaperEntry::from_document(sources[0].clone(), &crate::parse(&source));
        assert_eq!(entry.short_name(), "Fuller 2013");
        assert_eq!(entry.author_line(), "E. Fuller");
    }
}
