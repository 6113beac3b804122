//! Views across the library (`a` and `c` in the library): an actor, or a
//! source, and the papers that mention or cite it, how often, from the
//! index; `enter` on a paper opens it at that actor's mentions or that
//! source's citations.

use std::collections::HashMap;
use std::path::PathBuf;

use super::action::Action;
use super::state::{App, Effect, Overlay};
use crate::index::Across;
use crate::papers::PaperOrigin;

/// A name across the library: how often it comes, in how many papers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    pub name: String,
    pub kind: String,
    pub count: i64,
    /// Each paper with it, most first: (path, how often).
    pub papers: Vec<(PathBuf, i64)>,
}

/// The view: the names, filtered by what is typed, and the chosen one.
#[derive(Debug, Clone)]
pub struct AcrossView {
    pub what: Across,
    pub query: String,
    pub names: Vec<Name>,
    pub selected: usize,
    /// The name whose papers are listed (index into `names`).
    pub chosen: Option<usize>,
    pub paper_selected: usize,
}

impl AcrossView {
    /// The names the query lets through, most mentioned first.
    pub fn shown(&self) -> Vec<usize> {
        let query = self.query.to_lowercase();
        (0..self.names.len())
            .filter(|&i| self.names[i].name.to_lowercase().contains(&query))
            .collect()
    }
}

impl App {
    /// Opens the view of actors or sources across the library's papers.
    pub(super) fn open_across(&mut self, what: Across) {
        let Some(index) = &self.index else {
            self.message = Some("views across papers need the library index".to_owned());
            return;
        };
        let rows = match index.mentions(what) {
            Ok(rows) => rows,
            Err(error) => {
                self.message = Some(crate::text::clean_line(&error.to_string()));
                return;
            }
        };
        // Only this library's papers count, by key (the index may know
        // others, or these under another spelling of their folder).
        let mine: HashMap<&str, PathBuf> = self
            .library
            .papers()
            .iter()
            .filter_map(|p| match &p.origin {
                PaperOrigin::File(path) => Some((p.key(), path.clone())),
                PaperOrigin::BuiltIn(_) => None,
            })
            .collect();
        let mut by_name: HashMap<String, Name> = HashMap::new();
        for (key, name, kind, count) in rows {
            let Some(path) = mine.get(key.as_str()).cloned() else {
                continue;
            };
            // An index written by an older gloss may hold what names no work.
            let untitled = name.starts_with('(')
                || name
                    .strip_prefix('“')
                    .and_then(|n| n.strip_suffix('”'))
                    .is_some_and(|title| !title.contains(' '));
            if count == 0 || (what == Across::Sources && untitled) {
                continue;
            }
            let entry = by_name.entry(name.clone()).or_insert_with(|| Name {
                name,
                kind,
                count: 0,
                papers: Vec::new(),
            });
            entry.count += count;
            entry.papers.push((path, count));
        }
        let mut names: Vec<Name> = by_name.into_values().collect();
        for name in &mut names {
            name.papers
                .sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        }
        names.sort_by(|a, b| {
            (b.papers.len(), b.count)
                .cmp(&(a.papers.len(), a.count))
                .then(a.name.cmp(&b.name))
        });
        self.overlay = Overlay::Across(Box::new(AcrossView {
            what,
            query: String::new(),
            names,
            selected: 0,
            chosen: None,
            paper_selected: 0,
        }));
    }

    pub(super) fn type_into_across(&mut self, c: char) {
        if let Overlay::Across(view) = &mut self.overlay
            && view.chosen.is_none()
        {
            view.query.push(c);
            view.selected = 0;
        }
    }

    /// An action in the view across papers; `None` if it is not one there.
    pub(super) fn update_across(&mut self, action: Action) -> Option<Vec<Effect>> {
        let Overlay::Across(view) = &mut self.overlay else {
            return None;
        };
        let shown = view.shown();
        match (action, view.chosen) {
            (Action::Back, Some(_)) => view.chosen = None,
            (Action::Back, None) => self.overlay = Overlay::None,
            (Action::SelectNext, None) => {
                view.selected = (view.selected + 1).min(shown.len().saturating_sub(1));
            }
            (Action::SelectPrevious, None) => view.selected = view.selected.saturating_sub(1),
            (Action::SelectNext, Some(name)) => {
                let count = view.names[name].papers.len();
                view.paper_selected = (view.paper_selected + 1).min(count.saturating_sub(1));
            }
            (Action::SelectPrevious, Some(_)) => {
                view.paper_selected = view.paper_selected.saturating_sub(1);
            }
            (Action::DeleteBack, None) => {
                view.query.pop();
                view.selected = 0;
            }
            (Action::ClearInput, None) => view.query.clear(),
            (Action::Confirm, None) => {
                if let Some(&name) = shown.get(view.selected) {
                    view.chosen = Some(name);
                    view.paper_selected = 0;
                }
            }
            (Action::Confirm, Some(name)) => {
                let what = view.what;
                let name = view.names[name].clone();
                let paper = name.papers.get(view.paper_selected).map(|p| p.0.clone());
                self.overlay = Overlay::None;
                if let Some(path) = paper {
                    self.open_with(&path, what, &name.name);
                }
            }
            _ => return None,
        }
        Some(Vec::new())
    }

    /// Opens the paper at `path` at the actor's mentions, or the source's citations.
    fn open_with(&mut self, path: &PathBuf, what: Across, name: &str) {
        let Some(index) = self
            .library
            .papers()
            .iter()
            .position(|p| matches!(&p.origin, PaperOrigin::File(p) if p == path))
        else {
            return;
        };
        self.open_paper(index);
        let Some(reader) = self.reader.as_mut() else {
            return;
        };
        match what {
            Across::Actors => {
                if let Some(actor) = reader.actors().actors.iter().position(|a| a.name == name) {
                    reader.jump_to_actor(actor);
                    reader.list_mentions();
                }
            }
            Across::Sources => {
                if let Some(source) = reader
                    .bibliography()
                    .sources
                    .iter()
                    .position(|s| s.label(200) == name)
                {
                    self.show_source_in_pane(source);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Screen;
    use crate::app::reader::Bottom;
    use crate::app::testing::{indexed_library, press, type_text};

    #[test]
    fn an_actor_across_the_library_lists_its_papers_and_opens_at_its_mentions() {
        let (_dir, mut app) = indexed_library();
        press(&mut app, "a");
        type_text(&mut app, "russia");
        let Overlay::Across(view) = &app.overlay else {
            panic!("no view")
        };
        let shown = view.shown();
        let russia = &view.names[shown[0]];
        assert_eq!(russia.name, "Russia");
        assert_eq!(russia.papers.len(), 2, "both papers mention Russia");
        assert!(russia.papers[0].1 >= russia.papers[1].1, "most first");
        press(&mut app, "enter enter");
        assert_eq!(app.screen, Screen::Reader);
        let reader = app.reader.as_ref().unwrap();
        assert_eq!(reader.bottom(), Bottom::Mentions);
        let actor = reader.actor_list().active().unwrap();
        assert_eq!(reader.actors().actors[actor].name, "Russia");
    }

    #[test]
    fn a_source_across_the_library_opens_at_its_citations() {
        let (_dir, mut app) = indexed_library();
        press(&mut app, "c");
        type_text(&mut app, "hopmann");
        press(&mut app, "enter enter");
        let reader = app.reader.as_ref().unwrap();
        assert!(matches!(reader.bottom(), Bottom::Citations { .. }));
    }

    #[test]
    fn the_sources_across_the_library_are_works_not_lone_words() {
        let (_dir, mut app) = indexed_library();
        press(&mut app, "c");
        let Overlay::Across(view) = &app.overlay else {
            panic!("no view")
        };
        assert!(!view.names.is_empty());
        for name in &view.names {
            assert!(!name.name.starts_with('('), "{}", name.name);
            let lone = name
                .name
                .strip_prefix('“')
                .and_then(|n| n.strip_suffix('”'))
                .is_some_and(|t| !t.contains(' '));
            assert!(!lone, "{}", name.name);
        }
        let screen = crate::render::screen_text(&crate::render::draw(&app));
        assert!(screen.contains(" sources"), "{screen}");
        assert!(!screen.contains(" names"), "{screen}");
    }
}
