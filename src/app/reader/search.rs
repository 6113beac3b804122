//! `/`: searching the text, its footnotes and the reader's margin notes
//! together. A hit in a note counts where the note is cited (a margin note:
//! where it is anchored), so `n` and `N` walk every hit in reading order.

use std::ops::Range;

use super::{Bottom, Reader};
use crate::document::NoteStatus;
use crate::document::Position;

/// Where a hit is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HitPlace {
    /// In the text of a block.
    Text(usize),
    /// In a footnote (by index).
    Footnote(usize),
    /// In a margin note (by id).
    Margin(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub place: HitPlace,
    /// Bytes of the block's, note's or margin note's text.
    pub range: Range<usize>,
    /// Where the hit counts in reading order.
    pub at: Position,
}

#[derive(Debug, Clone, Default)]
pub struct Search {
    pub query: String,
    pub hits: Vec<Hit>,
    pub current: usize,
}

impl Search {
    /// The hits in `place`, with whether each is the current one.
    pub fn hits_in<'a>(
        &'a self,
        place: &'a HitPlace,
    ) -> impl Iterator<Item = (&'a Range<usize>, bool)> + 'a {
        self.hits
            .iter()
            .enumerate()
            .filter(move |(_, hit)| hit.place == *place)
            .map(|(i, hit)| (&hit.range, i == self.current))
    }
}

/// Byte ranges of `query` in `text`, ignoring case.
fn matches_in(text: &str, query: &str, needle: &str) -> Vec<Range<usize>> {
    let lower = text.to_lowercase();
    // Lower-casing keeps byte offsets for nearly all text; where it does not, match exactly.
    let (haystack, needle) = if lower.len() == text.len() {
        (lower.as_str(), needle)
    } else {
        (text, query)
    };
    haystack
        .match_indices(needle)
        .map(|(start, _)| start..start + needle.len())
        .collect()
}

impl Reader {
    /// Finds `query` (ignoring case) in the text, the footnotes and the
    /// margin notes, and goes to the first hit at or after the reading position.
    pub fn search_for(&mut self, query: &str) -> usize {
        let needle = query.to_lowercase();
        let mut hits = Vec::new();
        if !needle.is_empty() {
            // Past the last block: where notes cited nowhere count.
            let end = Position {
                block: self.document.blocks.len(),
                offset: 0,
            };
            for (b, block) in self.document.blocks.iter().enumerate() {
                for range in matches_in(block.text(), query, &needle) {
                    let at = Position {
                        block: b,
                        offset: range.start,
                    };
                    hits.push(Hit {
                        place: HitPlace::Text(b),
                        range,
                        at,
                    });
                }
            }
            for (n, note) in self.document.footnotes.iter().enumerate() {
                if note.status != NoteStatus::Ok {
                    continue;
                }
                let at = self.citation(n, 0).unwrap_or(end);
                for range in matches_in(note.text(), query, &needle) {
                    hits.push(Hit {
                        place: HitPlace::Footnote(n),
                        range,
                        at,
                    });
                }
            }
            for placed in self.margin.placed() {
                let Some(note) = self.margin.get(&placed.id) else {
                    continue;
                };
                let at = placed.placement.map_or(end, |p| p.position());
                for range in matches_in(&note.text, query, &needle) {
                    hits.push(Hit {
                        place: HitPlace::Margin(placed.id.clone()),
                        range,
                        at,
                    });
                }
            }
        }
        // Reading order; at one place, the text before its notes.
        hits.sort_by_key(|hit| {
            let kind = match hit.place {
                HitPlace::Text(_) => 0,
                HitPlace::Footnote(_) => 1,
                HitPlace::Margin(_) => 2,
            };
            (hit.at, kind)
        });
        let count = hits.len();
        let current = hits
            .iter()
            .position(|hit| hit.at >= self.position())
            .unwrap_or(0);
        self.search = Some(Search {
            query: query.to_owned(),
            hits,
            current,
        });
        if count > 0 {
            self.go_to_hit(current);
        }
        count
    }

    /// Goes to the next (or previous) hit: its number and the count.
    pub fn search_step(&mut self, forward: bool) -> Option<(usize, usize)> {
        let search = self.search.as_ref()?;
        let count = search.hits.len();
        if count == 0 {
            return None;
        }
        let next = if forward {
            (search.current + 1) % count
        } else {
            (search.current + count - 1) % count
        };
        self.go_to_hit(next);
        Some((next + 1, count))
    }

    /// Where the current hit is, for the status line: " at §3 ¶2" (or
    /// " at p. 12") in the text, " (note 45)" or " (margin note)" elsewhere.
    pub fn current_hit_place(&self) -> String {
        let Some(hit) = self.search.as_ref().and_then(|s| s.hits.get(s.current)) else {
            return String::new();
        };
        match &hit.place {
            HitPlace::Text(_) => format!(" at {}", self.document.location_of(hit.at)),
            HitPlace::Footnote(n) => {
                let label = self
                    .document
                    .footnotes
                    .get(*n)
                    .map_or("", |f| f.label.as_str());
                format!(" (note {label})")
            }
            HitPlace::Margin(_) => " (margin note)".to_owned(),
        }
    }

    fn go_to_hit(&mut self, index: usize) {
        let Some(hit) = self
            .search
            .as_ref()
            .and_then(|s| s.hits.get(index).cloned())
        else {
            return;
        };
        if let Some(search) = &mut self.search {
            search.current = index;
        }
        let line = self.layout().line_of(hit.at);
        if hit.at.block < self.document.blocks.len() && !self.visible_lines().contains(&line) {
            self.jump_to_show(hit.at);
        }
        match hit.place {
            HitPlace::Text(_) => {}
            HitPlace::Footnote(note) => {
                // The note is selected in the pane, with the hit marked there.
                self.footnotes.select(note, self.marker_of(note));
                self.bottom = Bottom::Footnotes;
            }
            HitPlace::Margin(id) => self.margin.select(Some(id)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::positions::Positions;
    use crate::app::testing::press;
    use crate::app::{App, Key, Keymap};
    use crate::papers::PaperOrigin;

    fn paper(index: usize) -> App {
        App::new(
            vec![PaperOrigin::BuiltIn(index)],
            Keymap::defaults(),
            Positions::in_memory(),
            120,
            40,
        )
    }

    fn find(app: &mut App, query: &str) {
        press(app, "/");
        for c in query.chars() {
            app.handle_key(Key::char(c));
        }
        press(app, "enter");
    }

    #[test]
    fn hopmann_is_found_in_strakes_notes_and_selected_in_the_pane() {
        let mut app = paper(1);
        find(&mut app, "Hopmann");
        let message = app.message.clone().unwrap();
        assert!(
            message.contains("3 matches") || message.contains("matches"),
            "{message}"
        );
        let reader = app.reader.as_ref().unwrap();
        let search = reader.current_search().unwrap();
        assert!(search.hits.len() >= 3, "{:?}", search.hits);
        assert!(
            search
                .hits
                .iter()
                .all(|h| matches!(h.place, HitPlace::Footnote(_)))
        );
        let HitPlace::Footnote(note) = search.hits[search.current].place else {
            panic!("not a note hit");
        };
        assert_eq!(reader.footnotes().selected(), Some(note));
        assert!(
            reader.page_footnotes().contains(&note),
            "the note is on the page"
        );
        let label = reader.document().footnotes[note].label.clone();
        press(&mut app, "n");
        let message = app.message.clone().unwrap();
        assert!(message.starts_with("match 2 of"), "{message}");
        assert!(message.contains("(note "), "{message}");
        let _ = label;
    }

    #[test]
    fn body_and_note_hits_are_walked_in_reading_order() {
        let mut app = paper(0);
        find(&mut app, "cablegate");
        let reader = app.reader.as_ref().unwrap();
        let found = reader.current_search().unwrap();
        assert!(!found.hits.is_empty(), "cablegate is in Fuller's notes");
        let places: Vec<Position> = found.hits.iter().map(|h| h.at).collect();
        let mut sorted = places.clone();
        sorted.sort();
        assert_eq!(places, sorted);
        let count = found.hits.len();
        for _ in 0..count {
            press(&mut app, "n");
        }
        assert!(
            app.message.as_deref().unwrap().starts_with("match "),
            "{:?}",
            app.message
        );
        // Russia is in the text and in notes: both kinds are hits.
        find(&mut app, "russia");
        let reader = app.reader.as_ref().unwrap();
        let hits = &reader.current_search().unwrap().hits;
        assert!(hits.iter().any(|h| matches!(h.place, HitPlace::Text(_))));
        assert!(
            hits.iter()
                .any(|h| matches!(h.place, HitPlace::Footnote(_)))
        );
    }

    #[test]
    fn margin_notes_are_searched_too() {
        let mut app = paper(0);
        press(&mut app, "m");
        for c in "zanzibar thought".chars() {
            app.handle_key(Key::char(c));
        }
        press(&mut app, "ctrl-s G");
        find(&mut app, "zanzibar");
        let reader = app.reader.as_ref().unwrap();
        let hits = &reader.current_search().unwrap().hits;
        assert_eq!(hits.len(), 1);
        assert!(matches!(hits[0].place, HitPlace::Margin(_)));
        assert!(reader.margin().selected().is_some());
        assert!(app.message.as_deref().unwrap().contains("(margin note)"));
    }
}
