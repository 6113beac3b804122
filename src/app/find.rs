//! `/` in the library: words found in every paper at once (the index's
//! full-text search, ranked by bm25), each hit shown in context; `enter`
//! opens the paper at the hit.

use super::action::Action;
use super::reader::Focus;
use super::state::{App, Effect, Overlay};
use crate::papers::PaperOrigin;

use crate::document::Position;
use crate::index::Hit;

/// How many hits the search shows at the most.
const MOST_HITS: usize = 200;

/// The search across papers: what was typed and what it found.
#[derive(Debug, Clone, Default)]
pub struct Find {
    pub query: String,
    pub hits: Vec<Hit>,
    pub selected: usize,
    /// Why the index could not be asked, if it could not.
    pub problem: Option<String>,
}

impl App {
    /// Opens the search across papers (there must be an index to ask).
    pub(super) fn open_find(&mut self) {
        if self.index.is_none() {
            self.message = Some("searching across papers needs the library index".to_owned());
            return;
        }
        self.overlay = Overlay::Find(Box::default());
    }

    /// Runs the query again after it changed.
    fn refresh_find(&mut self) {
        let Overlay::Find(find) = &mut self.overlay else {
            return;
        };
        find.selected = 0;
        find.hits.clear();
        find.problem = None;
        let Some(index) = &self.index else {
            return;
        };
        if find.query.trim().is_empty() {
            return;
        }
        // Only this library's papers (the index may know others), by key.
        let within: Vec<&str> = self
            .library
            .papers()
            .iter()
            .filter(|p| matches!(p.origin, PaperOrigin::File(_)))
            .map(super::library::PaperEntry::key)
            .collect();
        if within.is_empty() {
            return;
        }
        if crate::index::query_is_cut(&find.query) {
            self.message = Some(format!(
                "only the first {} different words are searched",
                crate::index::MOST_QUERY_WORDS
            ));
        }
        match index.search(&find.query, &within, MOST_HITS) {
            Ok(hits) => find.hits = hits,
            Err(error) => find.problem = Some(crate::text::clean_line(&error.to_string())),
        }
    }

    /// Types pasted text into the query: one search for all of it.
    pub(super) fn type_str_into_find(&mut self, text: &str) {
        if let Overlay::Find(find) = &mut self.overlay {
            find.query.push_str(text);
        }
        self.refresh_find();
    }

    pub(super) fn type_into_find(&mut self, c: char) {
        if let Overlay::Find(find) = &mut self.overlay {
            find.query.push(c);
        }
        self.refresh_find();
    }

    /// An action in the search across papers; `None` if it is not one there.
    pub(super) fn update_find(&mut self, action: Action) -> Option<Vec<Effect>> {
        let Overlay::Find(find) = &mut self.overlay else {
            return None;
        };
        match action {
            Action::Back => self.overlay = Overlay::None,
            Action::SelectNext => {
                find.selected = (find.selected + 1).min(find.hits.len().saturating_sub(1));
            }
            Action::SelectPrevious => find.selected = find.selected.saturating_sub(1),
            Action::DeleteBack => {
                find.query.pop();
                self.refresh_find();
            }
            Action::ClearInput => {
                find.query.clear();
                self.refresh_find();
            }
            Action::Confirm => {
                let hit = find.hits.get(find.selected).cloned();
                self.overlay = Overlay::None;
                if let Some(hit) = hit {
                    self.open_at_hit(&hit);
                }
            }
            _ => return None,
        }
        Some(Vec::new())
    }

    /// Opens the paper of `hit` at the hit: its block, or its note.
    fn open_at_hit(&mut self, hit: &Hit) {
        let Some(index) = self
            .library
            .papers()
            .iter()
            .position(|p| matches!(&p.origin, PaperOrigin::File(path) if *path == hit.path))
        else {
            return;
        };
        self.open_paper(index);
        let Some(reader) = self.reader.as_mut() else {
            return;
        };
        let words: Vec<String> = hit
            .snippet
            .split('[')
            .skip(1)
            .filter_map(|s| s.split(']').next())
            .map(str::to_owned)
            .collect();
        match hit.kind.as_str() {
            "text" => {
                // A location ("§3 ¶12", "p. 12"); a block's number in an
                // index written by an older gloss.
                let at = match hit.place.parse::<usize>() {
                    Ok(block) => Some(Position { block, offset: 0 }),
                    Err(_) => crate::document::Location::parse(&hit.place)
                        .and_then(|location| reader.document().position_of(&location)),
                };
                if let Some(at) = at {
                    reader.jump_to_show(at);
                }
                // The hit marked as a search on the page, n and N to go on.
                if let Some(word) = words.first() {
                    reader.search_for(word);
                }
                reader.set_focus(Focus::Text);
            }
            "note" => {
                if let Some(note) = reader
                    .document()
                    .footnotes
                    .iter()
                    .position(|f| f.label == hit.place)
                {
                    reader.follow_footnote(note);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::reader::Bottom;
    use crate::app::testing::{indexed_library, type_text};
    use crate::app::{Key, Screen};

    #[test]
    fn words_are_found_across_papers_and_open_at_the_hit() {
        let (_dir, mut app) = indexed_library();
        app.handle_key(Key::char('/'));
        type_text(&mut app, "Hopmann");
        let Overlay::Find(find) = &app.overlay else {
            panic!("no search")
        };
        assert!(find.hits.len() >= 3, "{:?}", find.hits);
        assert!(
            find.hits
                .iter()
                .all(|h| h.title.starts_with("Beyond Eurasian"))
        );
        app.handle_key(Key::parse("enter").unwrap());
        assert_eq!(app.screen, Screen::Reader);
        let reader = app.reader.as_ref().unwrap();
        let note = reader
            .footnotes()
            .selected()
            .expect("the hit's note is selected");
        assert!(reader.document().footnotes[note].text().contains("Hopmann"));
        assert_eq!(reader.bottom(), Bottom::Footnotes);
        assert!(reader.page_footnotes().contains(&note));
    }

    #[test]
    fn a_long_paste_is_one_bounded_search() {
        let (_dir, mut app) = indexed_library();
        app.handle_key(Key::char('/'));
        // 12 KB of words, pasted: one search of the first few dozen words.
        let words: Vec<String> = (0..2_000).map(|i| format!("w{i}")).collect();
        app.paste(&format!("Hopmann {}\n", words.join(" ")));
        let Overlay::Find(find) = &app.overlay else {
            panic!("no search")
        };
        assert_eq!(find.query.chars().count(), crate::app::update::MOST_PASTED);
        assert!(!find.query.contains('\n'));
        let message = app.message.as_deref().unwrap_or("");
        assert!(message.contains("pasted were taken"), "{message}");
        // Hopmann and 31 words no paper has: nothing, found at once.
        assert!(find.hits.is_empty());
        assert!(find.problem.is_none());
    }

    #[test]
    fn a_text_hit_opens_on_its_paragraph_with_the_word_marked() {
        let (_dir, mut app) = indexed_library();
        app.handle_key(Key::char('/'));
        type_text(&mut app, "Gabala");
        app.handle_key(Key::parse("enter").unwrap());
        let reader = app.reader.as_ref().unwrap();
        let search = reader.current_search().expect("the word is searched");
        let hit = &search.hits[search.current];
        let crate::app::search::HitPlace::Text(block) = hit.place else {
            panic!("not in the text")
        };
        assert!(reader.visible_blocks().contains(&block));
        assert!(reader.document().blocks[block].text().contains("Gabala"));
    }

    #[test]
    fn a_margin_note_just_written_is_found_across_the_library() {
        let (_dir, mut app) = indexed_library();
        app.open_paper(0);
        let paper = app.library().selected();
        crate::app::testing::press(&mut app, "m");
        type_text(&mut app, "zanzibarian thought");
        crate::app::testing::press(&mut app, "ctrl-s L");
        assert_eq!(app.screen, Screen::Library);
        assert_eq!(app.library().papers()[paper].listing.margin_notes, 1);
        app.handle_key(Key::char('/'));
        type_text(&mut app, "zanzibarian");
        let Overlay::Find(find) = &app.overlay else {
            panic!("no search")
        };
        assert_eq!(find.hits.len(), 1, "{:?}", find.hits);
        assert_eq!(find.hits[0].kind, "margin");
        // Deleted, it is gone from the index too.
        crate::app::testing::press(&mut app, "escape");
        app.open_paper(paper);
        crate::app::testing::press(&mut app, "tab tab d y L");
        assert_eq!(
            app.library().papers()[paper].listing.margin_notes,
            0,
            "{:?}",
            app.message
        );
        let index = app.index.as_ref().unwrap();
        assert!(index.search("zanzibarian", &[], 10).unwrap().is_empty());
    }
}
