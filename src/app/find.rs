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
    /// `enter` was pressed before the hits came: the first is opened then.
    pub open_when_found: bool,
}

impl Find {
    /// Takes in the hits of the query as it now is.
    fn found(&mut self, hits: Result<Vec<Hit>, String>) {
        self.selected = 0;
        match hits {
            Ok(hits) => {
                self.hits = hits;
                self.problem = None;
            }
            Err(problem) => {
                self.hits.clear();
                self.problem = Some(problem);
            }
        }
    }
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

    /// Asks for the query again after it changed: on the searcher's thread
    /// when there is one (the hits come in [`App::poll_searching`]; those
    /// of the query before stay shown until then), here otherwise.
    fn refresh_find(&mut self) {
        let Overlay::Find(find) = &mut self.overlay else {
            return;
        };
        // Only this library's papers (the index may know others), by key.
        let within: Vec<String> = self
            .library
            .papers()
            .iter()
            .filter(|p| matches!(p.origin, PaperOrigin::File(_)))
            .map(|p| p.key().to_owned())
            .collect();
        if find.query.trim().is_empty() || within.is_empty() {
            find.found(Ok(Vec::new()));
            if let Some(searcher) = &mut self.searcher {
                searcher.forget();
            }
            return;
        }
        if crate::index::query_is_cut(&find.query) {
            self.message = Some(format!(
                "only the first {} different words are searched",
                crate::index::MOST_QUERY_WORDS
            ));
        }
        if let Some(searcher) = &mut self.searcher {
            searcher.ask(&find.query, within, MOST_HITS);
        } else if let Some(index) = &self.index {
            let within: Vec<&str> = within.iter().map(String::as_str).collect();
            let hits = index.search(&find.query, &within, MOST_HITS);
            find.found(hits.map_err(|e| crate::text::clean_line(&e.to_string())));
        }
    }

    /// Whether the hits shown are those of an older query than the one typed.
    pub fn is_searching(&self) -> bool {
        self.searcher
            .as_ref()
            .is_some_and(super::searching::Searcher::is_waiting)
    }

    /// Takes in the hits the searcher found; `true` if any came.
    pub fn poll_searching(&mut self) -> bool {
        let Some(answer) = self.searcher.as_mut().and_then(|s| s.take()) else {
            return false;
        };
        let Overlay::Find(find) = &mut self.overlay else {
            return false;
        };
        find.found(answer.hits);
        if std::mem::take(&mut find.open_when_found) {
            self.confirm_find();
        }
        true
    }

    /// `enter`: opens the selected hit, or the first once the hits of the
    /// query as typed have come.
    fn confirm_find(&mut self) {
        let searching = self.is_searching();
        let Overlay::Find(find) = &mut self.overlay else {
            return;
        };
        if searching {
            find.open_when_found = true;
            return;
        }
        let hit = find.hits.get(find.selected).cloned();
        self.overlay = Overlay::None;
        if let Some(hit) = hit {
            self.open_at_hit(&hit);
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
            Action::Back => {
                self.overlay = Overlay::None;
                if let Some(searcher) = &mut self.searcher {
                    searcher.forget();
                }
            }
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
            Action::Confirm => self.confirm_find(),
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

    /// Polls as the event loop does until the searcher has answered.
    fn until_answered(app: &mut App) {
        while app.is_searching() {
            app.poll_searching();
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        app.poll_searching();
    }

    #[test]
    fn searches_run_off_the_drawing_thread_and_the_latest_query_wins() {
        let (dir, mut app) = indexed_library();
        let db = dir.path().join("library.sqlite");
        app.searcher = Some(crate::app::searching::Searcher::spawn(db));
        app.handle_key(Key::char('/'));
        type_text(&mut app, "Gabala");
        // Six queries asked (G, Ga, … Gabala); the keys came back at once.
        assert!(app.is_searching());
        let screen = crate::render::screen_text(&crate::render::draw(&app));
        assert!(screen.contains("searching…"), "{screen}");
        until_answered(&mut app);
        let Overlay::Find(find) = &app.overlay else {
            panic!("no search")
        };
        assert!(!find.hits.is_empty());
        assert!(find.hits.iter().all(|h| h.snippet.contains("[Gabala]")));
        // The query changed again and enter pressed before its hits came:
        // the first hit of the query as typed is opened once they do.
        crate::app::testing::press(
            &mut app,
            "backspace backspace backspace backspace backspace backspace",
        );
        type_text(&mut app, "Hopmann");
        app.handle_key(Key::parse("enter").unwrap());
        until_answered(&mut app);
        assert_eq!(app.screen, Screen::Reader);
        let reader = app.reader.as_ref().unwrap();
        let note = reader.footnotes().selected().expect("the hit's note");
        assert!(reader.document().footnotes[note].text().contains("Hopmann"));
    }

    #[test]
    fn the_searcher_answers_only_the_newest_query() {
        let (dir, _app) = indexed_library();
        let mut searcher =
            crate::app::searching::Searcher::spawn(dir.path().join("library.sqlite"));
        for query in ["Gabala", "Mammadyarov", "Hopmann"] {
            searcher.ask(query, Vec::new(), 50);
        }
        let answer = searcher.wait().expect("an answer");
        let hits = answer.hits.unwrap();
        assert!(!hits.is_empty());
        assert!(
            hits.iter().all(|h| h.snippet.contains("[Hopmann]")),
            "{hits:?}"
        );
        assert!(!searcher.is_waiting());
        assert!(searcher.take().is_none(), "older answers are dropped");
        // A query forgotten (the search closed) is never answered.
        searcher.ask("Gabala", Vec::new(), 50);
        searcher.forget();
        std::thread::sleep(std::time::Duration::from_millis(50));
        assert!(searcher.take().is_none());
    }
}
