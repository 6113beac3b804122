//! A cited work's places in the paper, listed in the bottom pane: each a
//! place in the text to go to and come back from.

use super::{Bottom, Focus, Reader};
use crate::document::Position;

/// One place a source is cited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitedPlace {
    /// The footnote citing it.
    pub note: usize,
    pub pages: Option<String>,
    /// Where the note's marker is in the text, if it is cited there.
    pub at: Option<Position>,
}

impl Reader {
    /// Every place `source` is cited, in reading order.
    pub fn source_places(&self, source: usize) -> Vec<CitedPlace> {
        let Some(source) = self.bibliography.sources.get(source) else {
            return Vec::new();
        };
        source
            .cited_in
            .iter()
            .map(|cited| CitedPlace {
                note: cited.note,
                pages: cited.pages.clone(),
                at: self.citation(cited.note, 0),
            })
            .collect()
    }

    /// The sources whose authors, title, container, publisher or year hold
    /// every word of `query`, sorted by author then title.
    pub fn listed_sources(&self, query: &str) -> Vec<usize> {
        let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
        let mut list: Vec<usize> = self
            .bibliography
            .sources
            .iter()
            .enumerate()
            .filter(|(_, source)| {
                let text = source.search_text().to_lowercase();
                words.iter().all(|w| text.contains(w.as_str()))
            })
            .map(|(i, _)| i)
            .collect();
        list.sort_by_cached_key(|&i| self.bibliography.sources[i].sort_key());
        list
    }

    /// Shows `source`'s citations in the bottom pane and goes to the first.
    pub fn show_source(&mut self, source: usize) {
        if source >= self.bibliography.sources.len() {
            return;
        }
        self.bottom = Bottom::Citations {
            source,
            selected: 0,
        };
        self.focus = Focus::Footnotes;
        self.jump_to_citation();
    }

    /// Goes to the selected citation of the source in the bottom pane, with
    /// its note selected and its marker picked.
    pub fn jump_to_citation(&mut self) {
        let Bottom::Citations { source, selected } = self.bottom else {
            return;
        };
        let places = self.source_places(source);
        let Some(place) = places.get(selected) else {
            return;
        };
        if let Some(at) = place.at {
            self.jump_to_show(at);
        }
        self.footnotes
            .select(place.note, self.marker_of(place.note));
    }

    /// The works the selected note cites, in the order it cites them.
    pub fn works_of_selected_note(&self) -> Vec<usize> {
        let Some(note) = self.footnotes.selected() else {
            return Vec::new();
        };
        let mut works = Vec::new();
        for citation in self.bibliography.citations(note) {
            if let Some(work) = citation.source
                && !works.contains(&work)
            {
                works.push(work);
            }
        }
        works
    }

    /// The web address of the source shown in the bottom pane.
    pub fn source_url(&self) -> Option<String> {
        match self.bottom {
            Bottom::Citations { source, .. } => self
                .bibliography
                .sources
                .get(source)
                .and_then(|s| s.fields.url.clone()),
            _ => None,
        }
    }
}
