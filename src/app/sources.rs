//! Sources in the reader: the list of every work the paper cites (`S`),
//! filtered by what is typed; a source's citations in the bottom pane, each
//! a place in the text to go to and come back from.

use super::action::Action;
use super::list_input::{self, ListKey};
use super::state::{App, Effect, Overlay};

impl App {
    /// `S`: the list of sources.
    pub(super) fn open_sources(&mut self) {
        // Asked for at once after opening: found in a few milliseconds more.
        self.wait_for_findings();
        match &self.reader {
            Some(reader) if reader.bibliography().sources.is_empty() => {
                self.message = Some("this paper's notes cite no sources gloss can read".to_owned());
            }
            Some(_) => {
                self.overlay = Overlay::Sources {
                    query: String::new(),
                    selected: 0,
                };
            }
            None => {}
        }
    }

    /// An action in the sources list; `None` if it is not one there.
    pub(super) fn update_sources_list(&mut self, action: Action) -> Option<Vec<Effect>> {
        let Overlay::Sources { query, selected } = &self.overlay else {
            return None;
        };
        let (mut query, mut selected) = (query.clone(), *selected);
        let listed = self.reader.as_ref()?.listed_sources(&query);
        match list_input::edit(action, &mut query, &mut selected, listed.len()) {
            ListKey::Other => return None,
            ListKey::Back => self.overlay = Overlay::None,
            ListKey::Edited => self.overlay = Overlay::Sources { query, selected },
            ListKey::Confirm => {
                self.overlay = Overlay::None;
                if let Some(&source) = listed.get(selected) {
                    self.show_source_in_pane(source);
                }
            }
        }
        Some(Vec::new())
    }

    /// Shows a source's citations and says how many there are.
    pub(super) fn show_source_in_pane(&mut self, source: usize) {
        let Some(reader) = self.reader.as_mut() else {
            return;
        };
        reader.show_source(source);
        let count = reader.source_places(source).len();
        let follow = self
            .keymap
            .key_for(super::keymap::Mode::Footnotes, Action::Follow)
            .map_or_else(String::new, |k| k.to_string());
        self.message = Some(match count {
            1 => "cited once".to_owned(),
            n => format!("cited {n} times: j k to choose, {follow} to go, ctrl-o to come back"),
        });
    }

    /// From the selected note to every citation of the work it cites (the
    /// first, when it cites several).
    pub(super) fn same_work(&mut self) {
        let Some(reader) = self.reader.as_ref() else {
            return;
        };
        if reader.footnotes().selected().is_none() {
            self.say("select a note first (f, then j k)");
            return;
        }
        let works = reader.works_of_selected_note();
        let Some(&work) = works.first() else {
            self.say("this note cites no work gloss can read");
            return;
        };
        self.show_source_in_pane(work);
        if works.len() > 1 {
            let said = self.message.take().unwrap_or_default();
            self.say(format!(
                "the first of {} works it cites: {said}",
                works.len()
            ));
        }
    }

    /// Types into the sources list's filter.
    pub(super) fn type_into_sources(&mut self, c: char) {
        if let Overlay::Sources { query, selected } = &mut self.overlay {
            query.push(c);
            *selected = 0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Key;
    use crate::app::testing::{press, type_text};

    fn strakes() -> App {
        crate::app::testing::open_built_in(1, (120, 40))
    }

    #[test]
    fn a_source_is_found_its_citations_walked_and_left() {
        let mut app = strakes();
        let start = app.reader.as_ref().unwrap().top();
        press(&mut app, "S");
        type_text(&mut app, "mehdiyev");
        press(&mut app, "enter");
        let reader = app.reader.as_ref().unwrap();
        let crate::app::reader::Bottom::Citations { source, .. } = reader.bottom() else {
            panic!("no citations shown")
        };
        let places = reader.source_places(source);
        assert_eq!(places.len(), 4);
        assert_eq!(
            reader
                .footnotes()
                .selected()
                .map(|n| reader.document().footnotes[n].label.as_str()),
            Some("126")
        );
        assert!(reader.page_footnotes().contains(&places[0].note));
        let first_top = reader.top();
        press(&mut app, "j enter");
        let reader = app.reader.as_ref().unwrap();
        assert_eq!(
            reader
                .footnotes()
                .selected()
                .map(|n| reader.document().footnotes[n].label.as_str()),
            Some("127")
        );
        press(&mut app, "j j enter");
        let reader = app.reader.as_ref().unwrap();
        assert_ne!(reader.top(), first_top, "note 179 is elsewhere");
        // Back through the jumps to where the reader started.
        for _ in 0..8 {
            press(&mut app, "ctrl-o");
        }
        assert_eq!(app.reader.as_ref().unwrap().top(), start);
    }

    #[test]
    fn the_list_filters_and_sorts_by_author() {
        let app = strakes();
        let reader = app.reader.as_ref().unwrap();
        let all = reader.listed_sources("");
        assert_eq!(all.len(), reader.bibliography().sources.len());
        let keys: Vec<String> = all
            .iter()
            .map(|&i| reader.bibliography().sources[i].sort_key())
            .collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted);
        let kugler = reader.listed_sources("kugler");
        assert!(kugler.len() >= 4, "{kugler:?}");
        assert!(!reader.listed_sources("hopmann 2013").is_empty());
    }

    #[test]
    fn a_sources_address_opens() {
        let mut app = strakes();
        press(&mut app, "S");
        type_text(&mut app, "vestnik");
        press(&mut app, "enter");
        let effects = app.handle_key(Key::char('o'));
        assert!(
            matches!(effects.as_slice(), [Effect::OpenUrl(url)] if url.contains("vestnikkavkaza")),
            "{effects:?}"
        );
    }

    #[test]
    fn from_a_note_to_every_note_citing_the_same_work() {
        let mut app = strakes();
        press(&mut app, "1 2 6 enter");
        press(&mut app, "c");
        let reader = app.reader().unwrap();
        let crate::app::reader::Bottom::Citations { source, .. } = reader.bottom() else {
            panic!("no citations shown: {:?}", app.message())
        };
        let labels: Vec<&str> = reader
            .source_places(source)
            .iter()
            .map(|p| reader.document().footnotes[p.note].label.as_str())
            .collect();
        assert!(
            labels.contains(&"126") && labels.contains(&"127"),
            "{labels:?}"
        );
        // The palette: "126" is note 126, then its work and the notes citing it.
        press(&mut app, "esc ctrl-p 1 2 6");
        let crate::app::Overlay::Palette(palette) = app.overlay() else {
            panic!("no palette")
        };
        let targets: Vec<crate::app::palette::Target> = palette
            .matches
            .iter()
            .map(|m| palette.items[m.item].target)
            .collect();
        assert!(matches!(
            targets[0],
            crate::app::palette::Target::Footnote(_)
        ));
        assert!(targets.contains(&crate::app::palette::Target::Source(source)));
        assert!(
            targets.len() < 10,
            "only what cites the same work: {}",
            targets.len()
        );
    }
}
