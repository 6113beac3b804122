//! The one place the state changes: keys become actions through the keymap,
//! and [`App::update`] carries each action out.

use super::action::Action;
use super::focus::SidePane;
use super::key::Key;
use super::keymap::Mode;
use super::list_input::stepped;
use super::palette::{Palette, Target};
use super::reader::{Bottom, Focus};
use super::state::{App, Effect, Overlay, Screen};
use crate::layout::SegmentKind;

/// Mouse input, in terminal cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mouse {
    /// The wheel, turned over the cell at `x`, `y`.
    Wheel {
        down: bool,
        x: u16,
        y: u16,
    },
    Click {
        x: u16,
        y: u16,
    },
}

const WHEEL_LINES: isize = 3;

/// The most characters a paste types (a query, a filter, a note's text).
pub const MOST_PASTED: usize = 4_000;

impl App {
    /// A key press: its actions in the current mode, or typed text.
    pub fn handle_key(&mut self, key: Key) -> Vec<Effect> {
        let effects = self.carry_out_key(key);
        self.remember_message();
        self.fit_bottom_pane();
        effects
    }

    /// Keeps the last messages, for help to show in full what the status
    /// line had to shorten.
    fn remember_message(&mut self) {
        const KEPT: usize = 20;
        if let Some(message) = &self.message
            && self.messages.last() != Some(message)
        {
            if self.messages.len() == KEPT {
                self.messages.remove(0);
            }
            self.messages.push(message.clone());
        }
    }

    fn carry_out_key(&mut self, key: Key) -> Vec<Effect> {
        if let Overlay::Problems(_) = self.overlay {
            // Problems are read, then any key goes on.
            self.overlay = Overlay::None;
            return Vec::new();
        }
        self.message = None;
        // esc or q stops a PDF's conversion before anything else.
        if self.converting.is_some()
            && (key.code == super::key::KeyCode::Esc || key == Key::char('q'))
        {
            self.cancel_conversion();
            self.message = Some("the conversion was cancelled".to_owned());
            return Vec::new();
        }
        let mode = self.mode();
        if let Some(actions) = self.keymap.lookup(mode, key).map(<[Action]>::to_vec) {
            let mut effects = Vec::new();
            for action in actions {
                effects.extend(self.update(action));
            }
            return effects;
        }
        if mode == Mode::Editor
            && let Overlay::Editor(editor) = &mut self.overlay
        {
            editor.width = super::editor::text_width(self.arrangement.size().0);
            if editor.move_cursor(key) {
                return Vec::new();
            }
        }
        match (mode, key.typed_char()) {
            (mode, Some(c)) if mode.takes_text() => self.type_char(c),
            (Mode::Reader | Mode::Footnotes, Some(c)) if c.is_ascii_digit() => {
                self.pending_number.push(c);
                let hint = self
                    .keymap
                    .key_for(Mode::Reader, Action::Follow)
                    .map_or_else(|| "follow".to_owned(), |k| k.to_string());
                self.message = Some(format!("note {}… ({hint} to follow)", self.pending_number));
            }
            _ => {
                let help = self
                    .keymap
                    .key_for(mode, Action::Help)
                    .map_or_else(|| "help".to_owned(), |k| k.to_string());
                self.message = Some(format!("'{key}' does nothing here; {help} lists the keys"));
            }
        }
        Vec::new()
    }

    /// Pasted text: typed into the field that takes text, at once (one
    /// search, not one a character), cleaned of controls, on one line but in
    /// the editor, and no longer than [`MOST_PASTED`] characters.
    pub fn paste(&mut self, text: &str) {
        self.message = None;
        let mode = self.mode();
        if !mode.takes_text() {
            self.message = Some("there is nothing to paste into here".to_owned());
            return;
        }
        let clean = if mode == Mode::Editor {
            crate::text::clean_text(text)
        } else {
            crate::text::clean_line(text)
        };
        let count = clean.chars().count();
        let pasted: String = clean.chars().take(MOST_PASTED).collect();
        match &mut self.overlay {
            Overlay::Find(_) => self.type_str_into_find(&pasted),
            Overlay::Palette(palette) => palette.type_str(&pasted),
            Overlay::Editor(editor) => {
                for c in pasted.chars() {
                    if c == '\n' {
                        editor.newline();
                    } else {
                        editor.insert(c);
                    }
                }
            }
            _ => {
                for c in pasted.chars() {
                    self.type_char(c);
                }
            }
        }
        if count > MOST_PASTED {
            let cut =
                format!("only the first {MOST_PASTED} of the {count} characters pasted were taken");
            self.message = Some(match self.message.take() {
                Some(said) => format!("{cut}; {said}"),
                None => cut,
            });
        }
        self.remember_message();
        self.fit_bottom_pane();
    }

    fn type_char(&mut self, c: char) {
        match &mut self.overlay {
            Overlay::Palette(palette) => palette.type_char(c),
            Overlay::Search(query) => query.push(c),
            Overlay::Editor(editor) => editor.insert(c),
            Overlay::MarginNotesList { .. } => self.type_into_margin_notes_list(c),
            Overlay::Sources { .. } => self.type_into_sources(c),
            Overlay::Find(_) => self.type_into_find(c),
            Overlay::LibraryFilter => {
                self.edit_library_filter(|filter| filter.push(c));
            }
            Overlay::Across(_) => self.type_into_across(c),
            _ => {}
        }
    }

    pub fn handle_mouse(&mut self, mouse: Mouse) {
        self.carry_out_mouse(mouse);
        self.fit_bottom_pane();
    }

    fn carry_out_mouse(&mut self, mouse: Mouse) {
        if !matches!(self.overlay, Overlay::None) || self.screen != Screen::Reader {
            return;
        }
        let geometry = self.geometry();
        let Some(reader) = &mut self.reader else {
            return;
        };
        match mouse {
            // The wheel scrolls the pane under the pointer: the text, or a
            // list (notes, mentions, actors, margin notes) by its selection.
            Mouse::Wheel { down, x, y } => {
                let step: isize = if down { 1 } else { -1 };
                let over =
                    |area: Option<crate::app::state::Area>| area.is_some_and(|a| a.contains(x, y));
                if over(Some(geometry.bottom)) {
                    reader.step_bottom(step);
                } else if over(geometry.sidebar) {
                    reader.scroll_actors(step);
                } else if over(geometry.margin) {
                    reader.select_margin_step(step);
                } else {
                    reader.scroll(step * WHEEL_LINES);
                }
            }
            Mouse::Click { x, y } => {
                if !geometry.text.contains(x, y) {
                    return;
                }
                // Below a page that ends early there is no text.
                let row = usize::from(y - geometry.text.y);
                if row >= reader.height() {
                    return;
                }
                let Some(line) = reader.layout().lines.get(reader.top() + row) else {
                    return;
                };
                // Find the segment under the column; a marker opens its note.
                let mut column = geometry.text.x + line.indent;
                for segment in &line.segments {
                    let width = unicode_width::UnicodeWidthStr::width(segment.text.as_str()) as u16;
                    if x >= column && x < column + width.max(1) {
                        if let SegmentKind::Marker { note } = segment.kind {
                            reader.follow_footnote(note);
                        }
                        return;
                    }
                    column += width;
                }
            }
        }
    }

    /// Carries out `action`; what it means depends on the mode. A list
    /// open over the page (sources, a search of the library, the filter)
    /// takes the action first; then margin notes, whose keys work in the
    /// text and in their own editor and list; then what every mode shares
    /// and, last, the reader's own actions.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        let mode = self.mode();
        let taken = match mode {
            Mode::Sources => self.update_sources_list(action),
            Mode::Find => match self.overlay {
                Overlay::Across(_) => self.update_across(action),
                _ => self.update_find(action),
            },
            Mode::Filter => Some(self.update_filter(action)),
            _ => None,
        };
        if let Some(effects) = taken.or_else(|| self.update_margin_notes(action, mode)) {
            return effects;
        }
        self.update_shared(action, mode)
    }

    /// The library's filter being typed.
    fn update_filter(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Back => {
                self.edit_library_filter(String::clear);
                self.overlay = Overlay::None;
            }
            Action::Confirm => self.overlay = Overlay::None,
            Action::DeleteBack => self.edit_library_filter(|filter| {
                filter.pop();
            }),
            Action::ClearInput => self.edit_library_filter(String::clear),
            _ => {}
        }
        Vec::new()
    }

    /// What every mode shares (quit, help, palette, search, lists, panes),
    /// then the reader's own actions.
    fn update_shared(&mut self, action: Action, mode: Mode) -> Vec<Effect> {
        let number = std::mem::take(&mut self.pending_number);
        match action {
            Action::Noop => {}
            Action::Quit => {
                self.save_position();
                self.should_quit = true;
            }
            Action::Help => self.overlay = Overlay::Help { scroll: 0 },
            Action::Back => self.back(mode),
            Action::OpenPalette => {
                // The palette jumps to actors and sources too.
                self.wait_for_findings();
                if let Some(reader) = &self.reader
                    && self.screen == Screen::Reader
                {
                    let margin_notes: Vec<(String, String)> = reader
                        .margin()
                        .placed()
                        .iter()
                        .filter_map(|p| reader.margin().get(&p.id))
                        .map(|n| (n.text.clone(), n.anchor.quote.clone()))
                        .collect();
                    let palette = Palette::with_margin_notes(
                        reader.document(),
                        reader.actors(),
                        &margin_notes,
                    )
                    .with_sources(reader.bibliography());
                    self.overlay = Overlay::Palette(Box::new(palette));
                }
            }
            Action::Search => {
                if self.screen == Screen::Reader {
                    self.overlay = Overlay::Search(String::new());
                } else {
                    self.open_find();
                }
            }
            Action::Confirm => return self.confirm(mode),
            Action::DeleteBack => match &mut self.overlay {
                Overlay::Palette(palette) => palette.delete_back(),
                Overlay::Search(query) => {
                    query.pop();
                }
                _ => {}
            },
            Action::ClearInput => match &mut self.overlay {
                Overlay::Palette(palette) => palette.clear(),
                Overlay::Search(query) => query.clear(),
                _ => {}
            },
            Action::SelectNext
            | Action::SelectPrevious
            | Action::SelectFirst
            | Action::SelectLast => {
                self.select(mode, action);
            }
            Action::ScrollDown | Action::ScrollUp | Action::NextPage | Action::PreviousPage
                if mode == Mode::Help =>
            {
                if let Overlay::Help { scroll } = &mut self.overlay {
                    let step = if matches!(action, Action::NextPage | Action::PreviousPage) {
                        10
                    } else {
                        1
                    };
                    *scroll = if matches!(action, Action::ScrollDown | Action::NextPage) {
                        *scroll + step
                    } else {
                        scroll.saturating_sub(step)
                    };
                }
            }
            Action::ToggleSidebar => self.toggle(SidePane::Sidebar),
            Action::ToggleMargin => self.toggle(SidePane::Margin),
            Action::ExpandFootnotes if self.screen == Screen::Reader => {
                let expanded = self.arrangement.toggle_footnotes_expanded();
                self.message = Some(
                    if expanded {
                        "the notes pane may take two thirds of the screen (z again gives it back)"
                    } else {
                        "the notes pane takes three tenths of the screen at most"
                    }
                    .to_owned(),
                );
            }
            Action::TableRight | Action::TableLeft if self.screen == Screen::Reader => {
                let step: isize = if action == Action::TableRight { 8 } else { -8 };
                if let Some(reader) = self.reader.as_mut()
                    && !reader.shift_table(step)
                {
                    self.message = Some("no table wider than the text on this page".to_owned());
                }
            }
            Action::Wider | Action::Narrower if self.screen == Screen::Reader => {
                let step: i32 = if action == Action::Wider { 4 } else { -4 };
                let current = self.arrangement.measure();
                let measure = (i32::from(current) + step).clamp(0, i32::from(u16::MAX));
                self.set_measure(u16::try_from(measure).unwrap_or(current));
                let measure = self.arrangement.measure();
                let shown = self.geometry().text.width;
                self.message = Some(if shown < measure {
                    format!("text up to {measure} characters wide: {shown} fit here")
                } else {
                    format!("text {measure} characters wide")
                });
            }
            Action::SourcesList if self.screen == Screen::Reader => self.open_sources(),
            Action::FilterLibrary if self.screen == Screen::Library => {
                self.overlay = Overlay::LibraryFilter;
            }
            Action::SortLibrary if self.screen == Screen::Library => self.cycle_sort(),
            Action::ActorsAcross if self.screen == Screen::Library => {
                self.open_across(crate::index::Across::Actors)
            }
            Action::SourcesAcross if self.screen == Screen::Library => {
                self.open_across(crate::index::Across::Sources)
            }
            Action::OpenLibrary => {
                self.save_position();
                self.screen = Screen::Library;
                self.overlay = Overlay::None;
            }
            _ => return self.update_reader(action, number),
        }
        Vec::new()
    }

    fn back(&mut self, mode: Mode) {
        match mode {
            Mode::Palette | Mode::Search | Mode::Help => self.overlay = Overlay::None,
            Mode::Footnotes | Mode::Actors => {
                if let Some(reader) = &mut self.reader {
                    reader.leave_pane();
                }
                self.keep_focus_visible();
            }
            Mode::Reader => {
                let Some(reader) = &mut self.reader else {
                    return;
                };
                if !reader.clear_highlights()
                    && let Some(key) = self.keymap.key_for(Mode::Reader, Action::OpenLibrary)
                {
                    // esc never leaves the paper: the library has its own key.
                    self.message = Some(format!("{key} opens the library"));
                }
            }
            Mode::Library
            | Mode::Global
            | Mode::Margin
            | Mode::Visual
            | Mode::Editor
            | Mode::Notes
            | Mode::Sources
            | Mode::Find
            | Mode::Filter
            | Mode::Confirm => {}
        }
    }

    fn select(&mut self, mode: Mode, action: Action) {
        let step: isize = match action {
            Action::SelectNext => 1,
            Action::SelectPrevious => -1,
            Action::SelectFirst => isize::MIN / 2,
            _ => isize::MAX / 2,
        };
        let moved = |current: usize, len: usize| stepped(current, len, step);
        match mode {
            Mode::Palette => {
                if let Overlay::Palette(palette) = &mut self.overlay {
                    match action {
                        Action::SelectNext => palette.select_next(),
                        Action::SelectPrevious => palette.select_previous(),
                        _ => palette.selected = moved(palette.selected, palette.matches.len()),
                    }
                }
            }
            Mode::Library => self.step_shelf(step.clamp(-1_000_000, 1_000_000)),
            Mode::Actors => {
                if let Some(reader) = &mut self.reader {
                    reader.step_actors(step);
                }
            }
            Mode::Margin => {
                if let Some(reader) = &mut self.reader {
                    reader.select_margin_step(step.clamp(-100_000, 100_000));
                }
            }
            Mode::Footnotes => {
                if let Some(reader) = &mut self.reader {
                    reader.step_bottom(step);
                }
            }
            _ => {}
        }
    }

    fn confirm(&mut self, mode: Mode) -> Vec<Effect> {
        match mode {
            Mode::Library if self.shelf().contains(&self.library.selected()) => {
                self.open_paper(self.library.selected());
            }
            Mode::Palette => {
                let (target, place) = match &self.overlay {
                    Overlay::Palette(palette) => (palette.selected_target(), palette.place.clone()),
                    _ => (None, None),
                };
                self.overlay = Overlay::None;
                if let Some(place) = place {
                    self.go_to_place(&place);
                    return Vec::new();
                }
                let Some(reader) = &mut self.reader else {
                    return Vec::new();
                };
                match target {
                    Some(Target::Section(section)) => {
                        reader.jump_to_section(section);
                        reader.set_focus(Focus::Text);
                    }
                    Some(Target::Block(block)) => {
                        reader.jump_to(crate::document::Position { block, offset: 0 });
                        reader.set_focus(Focus::Text);
                    }
                    Some(Target::Footnote(note)) => reader.follow_footnote(note),
                    Some(Target::MarginNote(index)) => {
                        if let Some(id) = reader.margin().placed().get(index).map(|p| p.id.clone())
                        {
                            if reader.jump_to_margin_note(&id) {
                                self.focus(Focus::Margin);
                            } else {
                                self.message = Some(
                                    "this note's text is no longer in the paper (an orphan)"
                                        .to_owned(),
                                );
                            }
                        }
                    }
                    Some(Target::Actor(actor)) => {
                        reader.jump_to_actor(actor);
                        self.focus(Focus::Actors);
                    }
                    Some(Target::Source(source)) => self.show_source_in_pane(source),
                    None => {}
                }
            }
            Mode::Search => {
                let query = match &self.overlay {
                    Overlay::Search(query) => query.clone(),
                    _ => String::new(),
                };
                self.overlay = Overlay::None;
                if let Some(reader) = &mut self.reader {
                    let hits = reader.search_for(&query);
                    let place = reader.current_hit_place();
                    self.message = Some(match hits {
                        0 => format!("no match for '{query}' in the text, its notes or yours"),
                        1 => format!("1 match for '{query}'{place}"),
                        n => format!("{n} matches for '{query}'{place}"),
                    });
                }
            }
            _ => {}
        }
        Vec::new()
    }

    fn update_reader(&mut self, action: Action, number: String) -> Vec<Effect> {
        let half = usize::from(self.geometry().text.height / 2).max(1) as isize;
        let Some(reader) = self
            .reader
            .as_mut()
            .filter(|_| self.screen == Screen::Reader)
        else {
            return Vec::new();
        };
        match action {
            Action::NextPage => reader.next_page(),
            Action::PreviousPage => reader.previous_page(),
            Action::HalfPageDown => reader.scroll(half),
            Action::HalfPageUp => reader.scroll(-half),
            Action::ScrollDown => reader.scroll(1),
            Action::ScrollUp => reader.scroll(-1),
            Action::Top => reader.top_of_paper(),
            Action::Bottom => reader.end_of_paper(),
            Action::NextSection => reader.next_section(),
            Action::PreviousSection => reader.previous_section(),
            Action::JumpBack => {
                if !reader.jump_back() {
                    self.message = Some("no earlier place on the jump list".to_owned());
                } else if reader.focus() == Focus::Footnotes && reader.bottom() == Bottom::Footnotes
                {
                    // Back from a note's jump: back to reading.
                    reader.set_focus(Focus::Text);
                }
            }
            Action::JumpForward if !reader.jump_forward() => {
                self.message = Some("no later place on the jump list".to_owned());
            }
            Action::NextMarker | Action::PreviousMarker => {
                reader.cycle_marker(action == Action::NextMarker);
                if reader.footnotes().marker().is_none() {
                    self.message = Some("no footnote markers on this page".to_owned());
                }
            }
            Action::SearchNext | Action::SearchPrevious => {
                match reader.search_step(action == Action::SearchNext) {
                    Some((n, count)) => {
                        let place = reader.current_hit_place();
                        self.message = Some(format!("match {n} of {count}{place}"));
                    }
                    None => self.message = Some("no search (press / to search)".to_owned()),
                }
            }
            Action::CycleFocus | Action::CycleFocusBack => {
                self.cycle_focus(action == Action::CycleFocus);
            }
            Action::FocusFootnotes => {
                reader.show_footnotes();
                self.focus(Focus::Footnotes);
            }
            Action::FocusActors => {
                self.focus(Focus::Actors);
            }
            Action::GroupActors => {
                reader.toggle_actor_grouping();
                self.message = Some(if reader.actor_list().is_grouped() {
                    "actors grouped by kind".to_owned()
                } else {
                    "actors by how often the paper mentions them".to_owned()
                });
            }
            Action::CycleActorFilter => {
                reader.cycle_actor_filter();
            }
            Action::Follow => self.follow(number),
            Action::OpenUrl | Action::CopyUrl => return self.note_url(action),
            Action::SameWork => self.same_work(),
            _ => {}
        }
        Vec::new()
    }

    fn follow(&mut self, number: String) {
        let Some(reader) = &mut self.reader else {
            return;
        };
        if !number.is_empty() {
            match reader
                .document()
                .footnotes
                .iter()
                .position(|f| f.label == number)
            {
                Some(note) => reader.follow_footnote(note),
                None => self.message = Some(format!("there is no note {number}")),
            }
            return;
        }
        match reader.focus() {
            Focus::Text => match reader.footnotes().marker() {
                Some(marker) => reader.follow_footnote(marker.note),
                None => {
                    let next = self
                        .keymap
                        .key_for(Mode::Reader, Action::NextMarker)
                        .map_or_else(String::new, |k| k.to_string());
                    self.message = Some(format!(
                        "select a marker with {next}, or type a note's number, then follow"
                    ));
                }
            },
            Focus::Footnotes if reader.bottom() == Bottom::Mentions => reader.jump_to_mention(),
            Focus::Footnotes if matches!(reader.bottom(), Bottom::Citations { .. }) => {
                reader.jump_to_citation();
            }
            Focus::Footnotes => {
                reader.follow_citation();
                let count = reader
                    .footnotes()
                    .selected()
                    .map_or(0, |n| reader.citation_count(n));
                if count > 1 {
                    let nth = (reader.footnotes().citation_cursor().saturating_sub(1)) % count + 1;
                    self.message =
                        Some(format!("cited {count} times: this is the {}", ordinal(nth)));
                }
            }
            Focus::Actors => {
                reader.show_mentions();
            }
            Focus::Margin => {
                if let Some(id) = reader.margin().selected().map(str::to_owned) {
                    reader.jump_to_margin_note(&id);
                }
            }
        }
    }

    fn note_url(&mut self, action: Action) -> Vec<Effect> {
        let Some(reader) = &self.reader else {
            return Vec::new();
        };
        if let Bottom::Citations { .. } = reader.bottom() {
            let Some(url) = reader.source_url() else {
                self.message = Some("this source has no web address".to_owned());
                return Vec::new();
            };
            return self.url_effect(action, url);
        }
        let Some(note) = reader.footnotes().selected() else {
            self.message = Some("select a note first".to_owned());
            return Vec::new();
        };
        let Some(url) = reader.footnote_urls(note).into_iter().next() else {
            self.message = Some("this note has no http or https address".to_owned());
            return Vec::new();
        };
        self.url_effect(action, url)
    }

    fn url_effect(&mut self, action: Action, url: String) -> Vec<Effect> {
        if action == Action::OpenUrl {
            self.message = Some(format!("opening {url}"));
            vec![Effect::OpenUrl(url)]
        } else {
            self.message = Some(format!("copied {url}"));
            vec![Effect::Copy(url)]
        }
    }
}

fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (1, 11) | (2, 12) | (3, 13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::keymap::Keymap;
    use crate::app::positions::Positions;
    use crate::papers::{BUILT_IN, PaperOrigin};

    fn fuller() -> App {
        crate::app::testing::open_built_in(0, (120, 40))
    }

    fn press(app: &mut App, keys: &str) -> Vec<Effect> {
        let mut effects = Vec::new();
        for key in keys.split(' ') {
            effects.extend(app.handle_key(Key::parse(key).unwrap()));
        }
        effects
    }

    fn top_text(app: &App) -> String {
        let reader = app.reader.as_ref().unwrap();
        reader.layout().lines[reader.top()].text()
    }

    #[test]
    fn palette_jumps_to_iran_at_the_top_of_the_page() {
        let mut app = fuller();
        press(&mut app, "ctrl-p i r a n enter");
        assert_eq!(top_text(&app), "3.2. Iran");
        assert!(matches!(app.overlay, Overlay::None));
    }

    #[test]
    fn following_note_12_and_coming_back() {
        let mut app = fuller();
        press(&mut app, "space");
        let page = app.reader.as_ref().unwrap().top();
        press(&mut app, "1 2 enter");
        let reader = app.reader.as_ref().unwrap();
        let note = reader.footnotes().selected().unwrap();
        assert_eq!(reader.document().footnotes[note].label, "12");
        assert!(reader.page_footnotes().contains(&note));
        assert_eq!(reader.focus(), Focus::Footnotes);
        press(&mut app, "ctrl-o");
        assert_eq!(app.reader.as_ref().unwrap().top(), page);
        // Back where the note was cited, reading again: the keys are the text's.
        assert_eq!(app.reader.as_ref().unwrap().focus(), Focus::Text);
        assert_eq!(app.mode(), Mode::Reader);
    }

    #[test]
    fn markers_cycle_and_follow() {
        let mut app = fuller();
        press(&mut app, "1 enter esc");
        assert_eq!(app.mode(), Mode::Reader);
        let reader = app.reader.as_ref().unwrap();
        let markers = reader.page_markers();
        let selected = markers
            .iter()
            .position(|m| Some(*m) == reader.footnotes().marker())
            .unwrap();
        // The followed note's marker stays selected, so `>` moves on to the next one.
        press(&mut app, "> enter");
        let reader = app.reader.as_ref().unwrap();
        assert_eq!(reader.focus(), Focus::Footnotes);
        assert_eq!(
            reader.footnotes().selected(),
            Some(markers[(selected + 1) % markers.len()].note)
        );
    }

    #[test]
    fn notes_lead_back_to_their_citations_and_urls_become_effects() {
        let mut app = fuller();
        press(&mut app, "1 enter");
        let effects = press(&mut app, "o");
        assert_eq!(
            effects,
            vec![Effect::OpenUrl(
                "http://www.cablegatesearch.net/cable.php?id=09BAKU976".into()
            )]
        );
        let effects = press(&mut app, "y");
        assert!(matches!(&effects[0], Effect::Copy(url) if url.contains("cablegatesearch")));
        press(&mut app, "g enter");
        assert!(app.reader.as_ref().unwrap().footnotes().marker().is_some());
    }

    #[test]
    fn search_finds_and_steps() {
        let mut app = fuller();
        press(&mut app, "/ g a b a l a enter");
        assert_eq!(
            app.message.as_deref(),
            Some("1 match for 'gabala' at §5 ¶12")
        );
        press(&mut app, "/ r u s s i a enter n N");
        assert!(app.message.as_deref().unwrap().starts_with("match"));
    }

    #[test]
    fn focus_cycles_and_esc_backs_out() {
        let mut app = fuller();
        press(&mut app, "tab");
        assert_eq!(app.mode(), Mode::Footnotes);
        press(&mut app, "tab");
        assert_eq!(app.mode(), Mode::Actors);
        press(&mut app, "j enter");
        assert_eq!(app.reader.as_ref().unwrap().bottom(), Bottom::Mentions);
        press(&mut app, "j enter esc esc");
        assert_eq!(app.mode(), Mode::Reader);
        press(&mut app, "q");
        assert!(app.should_quit);
    }

    #[test]
    fn library_opens_papers_and_shows_progress() {
        let mut app = App::new(
            (0..BUILT_IN.len()).map(PaperOrigin::BuiltIn).collect(),
            Keymap::defaults(),
            Positions::in_memory(),
            120,
            40,
        );
        assert_eq!(app.screen, Screen::Library);
        press(&mut app, "j enter");
        assert_eq!(app.screen, Screen::Reader);
        press(&mut app, "G");
        // esc never leaves the paper, however often it is pressed.
        press(&mut app, "tab esc esc esc");
        assert_eq!(app.screen, Screen::Reader);
        assert_eq!(app.message.as_deref(), Some("L opens the library"));
        press(&mut app, "L");
        assert_eq!(app.screen, Screen::Library);
        assert_eq!(app.progress(1), Some(100));
    }

    #[test]
    fn resize_keeps_the_reading_position() {
        let mut app = fuller();
        press(&mut app, "space space");
        let anchor = app.reader.as_ref().unwrap().position();
        // However often the screen changes, the page shown holds the place
        // read, which stays where it was (it does not drift to page starts).
        for (width, height) in [(80, 24), (160, 50), (100, 30), (160, 50)] {
            app.resize(width, height);
            let reader = app.reader.as_ref().unwrap();
            assert_eq!(reader.position(), anchor);
            let line = reader.layout().line_of(anchor);
            assert!(reader.visible_lines().contains(&line), "{width}×{height}");
        }
        app.resize(30, 8);
        assert!(app.geometry().too_small);
    }

    #[test]
    fn the_wheel_scrolls_the_pane_under_the_pointer() {
        let mut app = fuller();
        press(&mut app, "1 2 enter g esc");
        let reader = app.reader.as_ref().unwrap();
        let (top, notes) = (reader.top(), reader.page_footnotes());
        assert!(notes.len() > 1, "{notes:?}");
        let first = reader.footnotes().selected();
        let bottom = app.geometry().bottom;
        app.handle_mouse(Mouse::Wheel {
            down: true,
            x: bottom.x + 5,
            y: bottom.y + 2,
        });
        let reader = app.reader.as_ref().unwrap();
        assert_eq!(reader.top(), top, "the text did not move");
        assert_ne!(reader.footnotes().selected(), first, "the notes did");
        let sidebar = app.geometry().sidebar.unwrap();
        let before = reader.actor_list().row();
        app.handle_mouse(Mouse::Wheel {
            down: true,
            x: sidebar.x + 2,
            y: sidebar.y + 3,
        });
        let reader = app.reader.as_ref().unwrap();
        assert_eq!(reader.actor_list().row(), before + 1);
        assert_eq!(reader.top(), top);
    }

    #[test]
    fn the_sidebar_orders_actors_by_salience_and_groups_on_request() {
        let mut app = crate::app::testing::open_built_in(1, (120, 40));
        let names = |app: &App| -> Vec<String> {
            let reader = app.reader.as_ref().unwrap();
            reader
                .visible_actors()
                .iter()
                .take(3)
                .map(|&a| reader.actors().actors[a].name.clone())
                .collect()
        };
        // A paper about the Non-Aligned Movement: it comes second, not after 22 states.
        assert_eq!(names(&app)[..2], ["Azerbaijan", "Non-Aligned Movement"]);
        press(&mut app, "a T");
        assert_eq!(app.message.as_deref(), Some("actors grouped by kind"));
        assert_eq!(names(&app), ["Azerbaijan", "Armenia", "Russia"]);
    }

    #[test]
    fn unknown_keys_say_so() {
        let mut app = fuller();
        press(&mut app, "ctrl-x");
        assert!(app.message.as_deref().unwrap().contains("does nothing"));
    }

    #[test]
    fn mouse_wheel_scrolls_and_clicks_open_notes() {
        let mut app = fuller();
        let text = app.geometry().text;
        app.handle_mouse(Mouse::Wheel {
            down: true,
            x: text.x + 1,
            y: text.y + 1,
        });
        assert_eq!(app.reader.as_ref().unwrap().top(), 3);
        press(&mut app, "1 enter esc");
        let geometry = app.geometry();
        let reader = app.reader.as_ref().unwrap();
        let marker = reader.page_markers()[0];
        let line = &reader.layout().lines[marker.line];
        let column: usize = line.segments[..marker.segment]
            .iter()
            .map(|s| unicode_width::UnicodeWidthStr::width(s.text.as_str()))
            .sum();
        let x = geometry.text.x + line.indent + column as u16;
        let y = geometry.text.y + (marker.line - reader.top()) as u16;
        app.handle_mouse(Mouse::Click { x, y });
        assert_eq!(app.reader.as_ref().unwrap().focus(), Focus::Footnotes);
    }
}
