//! Going to a place a reader names: a printed page (`p. 12`), a section
//! and paragraph (`§3 ¶12`) or a note (`note:57`), from the command line
//! (`gloss PATH --at …`) or the palette.

use super::state::App;
use crate::document::Location;

/// A place named by a reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    Location(Location),
    /// A footnote, by its label.
    Note(String),
}

impl Place {
    /// Reads `p. 12`, `§3 ¶12`, `¶4`, `note:57`, `note 57`; `None` when
    /// the text names no place.
    pub fn parse(text: &str) -> Option<Self> {
        let trimmed = text.trim();
        let lower = trimmed.to_lowercase();
        if let Some(label) = lower
            .strip_prefix("note:")
            .or_else(|| lower.strip_prefix("note "))
            .or_else(|| lower.strip_prefix("n:"))
        {
            let label = label.trim();
            let start = trimmed.len() - label.len();
            return (!label.is_empty() && !label.contains(char::is_whitespace))
                .then(|| Place::Note(trimmed[start..].to_owned()));
        }
        Location::parse(trimmed).map(Place::Location)
    }
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Place::Location(location) => write!(f, "{location}"),
            Place::Note(label) => write!(f, "note {label}"),
        }
    }
}

/// What `go_to` says of a text that names no place.
pub const PLACE_FORMS: &str = "write p. 12, §3 ¶12 or note:57";

impl App {
    /// Goes to the place `text` names in the open paper, or, before a paper
    /// is open (a PDF still converting), once it is. Says why it cannot.
    pub fn go_to(&mut self, text: &str) {
        let Some(place) = Place::parse(text) else {
            let shown = crate::text::clean_line(text);
            self.say(format!("'{shown}' names no place: {PLACE_FORMS}"));
            return;
        };
        if self.reader.is_none() {
            self.pending_place = Some(place);
            return;
        }
        self.go_to_place(&place);
    }

    /// Goes to the place asked for before the paper (or the whole of it)
    /// was there, if one was.
    pub(super) fn go_to_pending_place(&mut self) {
        if let Some(place) = self.pending_place.take() {
            self.go_to_place(&place);
            self.fit_bottom_pane();
        }
    }

    /// Goes to a place in the open paper, jump list and all.
    pub(super) fn go_to_place(&mut self, place: &Place) {
        let Some(reader) = self.reader.as_mut() else {
            return;
        };
        match place {
            Place::Note(label) => {
                match reader
                    .document()
                    .footnotes
                    .iter()
                    .position(|f| f.label == *label)
                {
                    Some(note) => reader.follow_footnote(note),
                    None => self.say(format!("there is no note {label} in this paper")),
                }
            }
            Place::Location(location) => match reader.document().position_of(location) {
                Some(position) => {
                    reader.jump_to_show(position);
                    self.say(format!("at {location}"));
                }
                None if reader.is_preview() => {
                    self.pending_place = Some(place.clone());
                    self.say(format!("{location} is not in the pages read so far"));
                }
                None => self.say(format!("there is no {location} in this paper")),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::App;

    fn strakes() -> App {
        crate::app::testing::open_built_in(1, (120, 40))
    }

    #[test]
    fn places_are_read_as_written() {
        assert_eq!(Place::parse("note:57"), Some(Place::Note("57".into())));
        assert_eq!(Place::parse("Note 57"), Some(Place::Note("57".into())));
        assert!(matches!(Place::parse("§2 ¶3"), Some(Place::Location(_))));
        assert_eq!(Place::parse("Iran"), None);
    }

    #[test]
    fn a_location_leads_to_its_page_and_the_status_line_names_it() {
        let mut app = strakes();
        app.go_to("§3 ¶2");
        let reader = app.reader().unwrap();
        let position = reader
            .document()
            .position_of(&Location::parse("§3 ¶2").unwrap())
            .unwrap();
        let line = reader.layout().line_of(position);
        assert!(reader.visible_lines().contains(&line));
        assert_eq!(app.message(), Some("at §3 ¶2"));
        app.go_to("note:57");
        let reader = app.reader().unwrap();
        let note = reader.footnotes().selected().unwrap();
        assert_eq!(reader.document().footnotes[note].label, "57");
        assert!(reader.page_footnotes().contains(&note));
        app.go_to("§99 ¶1");
        assert_eq!(app.message(), Some("there is no §99 ¶1 in this paper"));
        app.go_to("somewhere");
        assert!(app.message().unwrap().contains("names no place"));
    }
}
