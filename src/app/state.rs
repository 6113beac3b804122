//! The whole application state. No terminal types here: the screen geometry
//! is computed in plain numbers, so paging can be tested without one.

use std::sync::Arc;

use super::editor::Editor;
use super::keymap::{Keymap, Mode};
use super::library::PaperEntry;
use super::palette::Palette;
use super::positions::{Positions, Saved};
pub use super::reader::Focus;
use super::reader::Reader;
use crate::margin_notes::MarginNoteStore;
use crate::papers::PaperOrigin;
use crate::text::clean_line;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Library,
    Reader,
}

#[derive(Debug, Clone)]
pub enum Overlay {
    None,
    Help {
        scroll: usize,
    },
    Palette(Box<Palette>),
    Search(String),
    /// Problems to read before going on (a bad keymap, an unreadable file).
    Problems(Vec<String>),
    /// Writing or editing a margin note.
    Editor(Box<Editor>),
    /// A yes-or-no question.
    Confirm(Question),
    /// All margin notes of the paper, filtered by a query.
    MarginNotesList {
        query: String,
        selected: usize,
    },
    /// Words searched across every paper of the library.
    Find(Box<super::find::Find>),
    /// The library's filter being typed (at the status line).
    LibraryFilter,
    /// Actors or sources across the library's papers.
    Across(Box<super::across::AcrossView>),
    /// Every source the paper cites, filtered by a query.
    Sources {
        query: String,
        selected: usize,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Question {
    /// Delete the margin note with this id?
    DeleteNote(String),
}

/// Something `update` asks the outside world to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    OpenUrl(String),
    Copy(String),
    /// Write a margin note (a new one, or an existing one's text) in
    /// `$EDITOR`, then call [`App::finish_external_edit`].
    EditNote {
        target: super::editor::EditTarget,
        text: String,
    },
}

/// A rectangle of terminal cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Area {
    pub x: u16,
    pub y: u16,
    pub width: u16,
    pub height: u16,
}

impl Area {
    pub fn contains(&self, x: u16, y: u16) -> bool {
        x >= self.x && x < self.x + self.width && y >= self.y && y < self.y + self.height
    }
}

/// Where each pane goes for a terminal size. Views draw into these areas;
/// `update` pages with the text area's height.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Geometry {
    pub too_small: bool,
    pub sidebar: Option<Area>,
    /// The text pane, border included.
    pub text_pane: Area,
    /// Where the text itself goes, inside border and padding.
    pub text: Area,
    pub margin: Option<Area>,
    /// Where the page's notes are set beside the text, on wide screens.
    pub sidenotes: Option<Area>,
    pub bottom: Area,
    pub status: Area,
}

/// From this width on, footnotes are set beside the text as sidenotes.
pub const SIDENOTES_WIDTH: u16 = 150;
/// The sidenotes' column: at least this wide, this wide if the text can
/// spare it, at most that.
const SIDENOTE_WIDTHS: (u16, u16, u16) = (24, 34, 44);
/// Between the text and its sidenotes.
const SIDENOTE_GAP: u16 = 3;
/// The narrowest the text gets to make room for sidenotes.
const NARROWEST_BESIDE_SIDENOTES: u16 = 50;

pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;
/// Below this width the sidebar and margin fold away unless toggled on.
pub const WIDE: u16 = 100;
const SIDEBAR_WIDTH: u16 = 26;
const MARGIN_WIDTH: u16 = 24;

impl Geometry {
    /// The text no wider than `measure`, centred in its pane.
    pub fn with_measure(mut self, measure: u16) -> Self {
        let room = self.text.width;
        if room > measure {
            self.text.width = measure;
            self.text.x += (room - measure) / 2;
        }
        self
    }

    /// The text and, beside it, a column for its notes, the two centred
    /// in the text pane (the text narrowed to make room, down to 50
    /// columns); the screen as it is when there is not room for both.
    pub fn with_sidenotes(mut self, measure: u16) -> Self {
        let (least, wanted, most) = SIDENOTE_WIDTHS;
        let room = self.text_pane.width.saturating_sub(4);
        if room < NARROWEST_BESIDE_SIDENOTES + SIDENOTE_GAP + least {
            return self.with_measure(measure);
        }
        let text = measure
            .min(room.saturating_sub(SIDENOTE_GAP + wanted))
            .max(NARROWEST_BESIDE_SIDENOTES)
            .min(room - SIDENOTE_GAP - least);
        let side = (room - text - SIDENOTE_GAP).min(most);
        let left = self.text_pane.x + 2 + (room - text - SIDENOTE_GAP - side) / 2;
        self.text.x = left;
        self.text.width = text;
        self.sidenotes = Some(Area {
            x: left + text + SIDENOTE_GAP,
            y: self.text.y,
            width: side,
            height: self.text.height,
        });
        self
    }

    /// The screen with the bottom pane as tall as `rows` of content need,
    /// from one row up to `most` rows, border included.
    pub fn fitted(
        width: u16,
        height: u16,
        (sidebar, margin): (Option<bool>, Option<bool>),
        rows: usize,
        most: u16,
    ) -> Self {
        let most = most.min(height.saturating_sub(MIN_HEIGHT / 2)).max(3);
        let wanted = u16::try_from(rows.saturating_add(2)).unwrap_or(u16::MAX);
        Self::with_bottom(width, height, sidebar, margin, wanted.clamp(3, most))
    }

    /// The bottom pane's usual height: three tenths of the screen.
    pub fn bottom_height(height: u16) -> u16 {
        (height * 3 / 10).max(5)
    }

    pub fn of(width: u16, height: u16, sidebar: Option<bool>, margin: Option<bool>) -> Self {
        Self::with_bottom(width, height, sidebar, margin, Self::bottom_height(height))
    }

    pub(super) fn with_bottom(
        width: u16,
        height: u16,
        sidebar: Option<bool>,
        margin: Option<bool>,
        bottom_height: u16,
    ) -> Self {
        if width < MIN_WIDTH || height < MIN_HEIGHT {
            return Self {
                too_small: true,
                ..Self::default()
            };
        }
        let wide = width >= WIDE;
        let show_sidebar = sidebar.unwrap_or(wide) && width >= MIN_WIDTH + SIDEBAR_WIDTH;
        let show_margin = margin.unwrap_or(wide)
            && width >= MIN_WIDTH + MARGIN_WIDTH + if show_sidebar { SIDEBAR_WIDTH } else { 0 };
        let main_height = height - 1 - bottom_height;
        let sidebar_width = if show_sidebar { SIDEBAR_WIDTH } else { 0 };
        let margin_width = if show_margin { MARGIN_WIDTH } else { 0 };
        let text_pane = Area {
            x: sidebar_width,
            y: 0,
            width: width - sidebar_width - margin_width,
            height: main_height,
        };
        Self {
            too_small: false,
            sidebar: show_sidebar.then_some(Area {
                x: 0,
                y: 0,
                width: sidebar_width,
                height: main_height,
            }),
            text_pane,
            text: Area {
                x: text_pane.x + 2,
                y: 1,
                width: text_pane.width.saturating_sub(4),
                height: main_height.saturating_sub(2),
            },
            sidenotes: None,
            margin: show_margin.then_some(Area {
                x: width - margin_width,
                y: 0,
                width: margin_width,
                height: main_height,
            }),
            bottom: Area {
                x: 0,
                y: main_height,
                width,
                height: bottom_height,
            },
            status: Area {
                x: 0,
                y: height - 1,
                width,
                height: 1,
            },
        }
    }
}

#[derive(Debug)]
pub struct App {
    /// The library's list of papers.
    pub(super) library: super::shelf::Shelf,
    pub(super) screen: Screen,
    pub(super) reader: Option<Reader>,
    pub(super) overlay: Overlay,
    pub(super) keymap: Keymap,
    /// How the screen is shared out.
    pub(super) arrangement: super::arrangement::Arrangement,
    pub(super) should_quit: bool,
    /// Why gloss stops without a paper to read (a lone PDF it cannot convert).
    pub(super) failure: Option<String>,
    /// A sentence for the status line, until the next key.
    pub(super) message: Option<String>,
    /// The last messages shown, oldest first (help shows the last in full).
    pub(super) messages: Vec<String>,
    pub(super) positions: Positions,
    /// Digits typed before `follow`: the number of a note to follow.
    pub(super) pending_number: String,
    /// How `y` cites a quoted passage.
    pub(super) quote_style: crate::citations::quote::QuoteStyle,
    /// A place to go to once the paper opens (`--at`, a PDF converting).
    pub(super) pending_place: Option<super::places::Place>,
    /// Where margin notes are saved; `None` keeps them in memory.
    pub(super) margin_notes_dir: Option<std::path::PathBuf>,
    /// Draw without colour (the user set `NO_COLOR`).
    pub(super) no_color: bool,
    /// The library's index catching up in the background.
    pub(super) indexing: Option<super::indexing::Indexing>,
    /// The library's index, kept open to look across papers and to keep
    /// margin notes in it.
    pub(super) index: Option<crate::index::Index>,
    /// Where the library's index lives, to open it again once rebuilt.
    pub(super) index_path: Option<std::path::PathBuf>,
    /// Searches across papers, on their own thread.
    pub(super) searcher: Option<super::searching::Searcher>,
    /// A very large paper being read whole in the background.
    pub(super) opening: Option<super::opening::Opening>,
    /// A PDF being converted in the background before it opens.
    pub(super) converting: Option<super::opening::Converting>,
    /// Whether a paper's actors and sources are found after its first
    /// screen, on a thread (the reader in a terminal), or before it.
    pub(super) findings_later: bool,
    /// The open paper's actors and sources being found.
    pub(super) finding: Option<super::findings::Finding>,
    /// The user's files the help names (keymap, settings, notes…).
    pub(super) user_files: Vec<(&'static str, std::path::PathBuf)>,
}

/// What the views, the terminal and the tests read of the app; every
/// change goes through [`App::update`] and the methods beside it.
impl App {
    pub fn screen(&self) -> Screen {
        self.screen
    }

    /// The open paper.
    pub fn reader(&self) -> Option<&Reader> {
        self.reader.as_ref()
    }

    pub fn overlay(&self) -> &Overlay {
        &self.overlay
    }

    pub fn keymap(&self) -> &Keymap {
        &self.keymap
    }

    /// The terminal's size: columns, rows.
    pub fn size(&self) -> (u16, u16) {
        self.arrangement.size()
    }

    pub fn should_quit(&self) -> bool {
        self.should_quit
    }

    /// Why gloss stopped without a paper to read, said once the terminal is back.
    pub fn failure(&self) -> Option<&str> {
        self.failure.as_deref()
    }

    /// The sentence for the status line.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The last messages shown, oldest first.
    pub fn messages(&self) -> &[String] {
        &self.messages
    }

    pub fn positions(&self) -> &Positions {
        &self.positions
    }

    /// Draw without colour.
    pub fn no_color(&self) -> bool {
        self.no_color
    }

    /// Draw without colour from now on (the user set `NO_COLOR`).
    pub fn set_no_color(&mut self, no_color: bool) {
        self.no_color = no_color;
    }

    /// The library's index catching up in the background.
    pub fn indexing(&self) -> Option<&super::indexing::Indexing> {
        self.indexing.as_ref()
    }

    /// Whether work goes on in the background (indexing, reading a large
    /// paper whole, converting a PDF): the terminal polls for it.
    pub fn is_busy(&self) -> bool {
        self.indexing.is_some()
            || self.opening.is_some()
            || self.converting.is_some()
            || self.finding.is_some()
            || self.is_searching()
    }
}

impl App {
    /// An app listing `sources` (opening the paper directly if there is one),
    /// with margin notes kept in memory.
    pub fn new(
        sources: Vec<PaperOrigin>,
        keymap: Keymap,
        positions: Positions,
        width: u16,
        height: u16,
    ) -> Self {
        Self::with_notes(sources, keymap, positions, None, (width, height))
    }

    /// An app listing `sources` (opening the paper directly if there is one),
    /// keeping margin notes in `margin_notes_dir`.
    pub fn with_notes(
        sources: Vec<PaperOrigin>,
        keymap: Keymap,
        positions: Positions,
        margin_notes_dir: Option<std::path::PathBuf>,
        size: (u16, u16),
    ) -> Self {
        let mut app = Self::listing(sources, keymap, positions, margin_notes_dir, size);
        app.open_alone();
        app
    }

    /// An app listing `sources`, none opened yet.
    pub fn listing(
        sources: Vec<PaperOrigin>,
        keymap: Keymap,
        positions: Positions,
        margin_notes_dir: Option<std::path::PathBuf>,
        (width, height): (u16, u16),
    ) -> Self {
        let single = sources.len() == 1;
        let papers: Vec<PaperEntry> = sources
            .into_iter()
            .map(|source| {
                // A PDF opened alone is converted once the screen is up, in the
                // background, where esc can stop it.
                if single && super::opening::is_pdf_source(&source) {
                    PaperEntry::pending(source)
                } else {
                    PaperEntry::load(source)
                }
            })
            .collect();
        Self::with_entries(papers, keymap, positions, margin_notes_dir, (width, height))
    }

    /// Opens the paper if the library holds only one.
    pub fn open_alone(&mut self) {
        if self.library.papers().len() == 1 {
            self.open_paper(0);
        }
    }

    /// Finds each paper's actors and sources on a thread after its first
    /// screen (see [`super::findings`]).
    pub fn find_after_first_screen(&mut self) {
        self.findings_later = true;
    }

    /// An app listing `papers` as they are (from the index, or read).
    pub fn with_entries(
        papers: Vec<PaperEntry>,
        keymap: Keymap,
        positions: Positions,
        margin_notes_dir: Option<std::path::PathBuf>,
        (width, height): (u16, u16),
    ) -> Self {
        Self {
            library: super::shelf::Shelf::new(papers),
            screen: Screen::Library,
            reader: None,
            overlay: Overlay::None,
            arrangement: super::arrangement::Arrangement::new(width, height),
            keymap,
            should_quit: false,
            failure: None,
            message: None,
            messages: Vec::new(),
            positions,
            pending_number: String::new(),
            pending_place: None,
            quote_style: crate::citations::quote::QuoteStyle::default(),
            margin_notes_dir,
            no_color: false,
            user_files: Vec::new(),
            indexing: None,
            index: None,
            index_path: None,
            searcher: None,
            opening: None,
            converting: None,
            findings_later: false,
            finding: None,
        }
    }

    pub fn geometry(&self) -> Geometry {
        self.arrangement
            .geometry(self.screen == Screen::Reader, self.sidenotes_wanted())
    }

    /// Where keys are looked up now.
    pub fn mode(&self) -> Mode {
        match &self.overlay {
            Overlay::Palette(_) => return Mode::Palette,
            Overlay::Search(_) => return Mode::Search,
            Overlay::Help { .. } | Overlay::Problems(_) => return Mode::Help,
            Overlay::Editor(editor) if editor.confirming_discard => return Mode::Confirm,
            Overlay::Editor(_) => return Mode::Editor,
            Overlay::Confirm(_) => return Mode::Confirm,
            Overlay::MarginNotesList { .. } => return Mode::Notes,
            Overlay::Sources { .. } => return Mode::Sources,
            Overlay::Find(_) => return Mode::Find,
            Overlay::LibraryFilter => return Mode::Filter,
            Overlay::Across(_) => return Mode::Find,
            Overlay::None => {}
        }
        self.mode_without_overlay()
    }

    /// The mode of the screen and focus, ignoring any overlay.
    pub fn mode_without_overlay(&self) -> Mode {
        match (&self.screen, &self.reader) {
            (Screen::Reader, Some(reader)) if reader.margin().visual().is_some() => Mode::Visual,
            (Screen::Reader, Some(reader)) => match reader.focus() {
                Focus::Text => Mode::Reader,
                Focus::Margin => Mode::Margin,
                Focus::Footnotes => Mode::Footnotes,
                Focus::Actors => Mode::Actors,
            },
            _ => Mode::Library,
        }
    }

    /// Opens the library's paper `index` at its saved position.
    pub fn open_paper(&mut self, index: usize) {
        // The paper being left keeps its place; at start there is none, and
        // nothing to write before the first screen.
        if self.reader.is_some() {
            self.save_position();
        }
        let Some(entry) = self.library.paper_mut(index) else {
            return;
        };
        if let Some(problem) = &entry.listing.problem {
            self.message = Some(problem.clone());
            return;
        }
        // The listing read and parsed the paper already; later opens read it
        // again. A very large paper opens on its first pages while the rest
        // is read.
        // A PDF not read yet is converted in the background: the screen
        // answers meanwhile, and esc stops it.
        if entry.loaded.is_none() && self.convert_in_background(index) {
            return;
        }
        let Some(entry) = self.library.paper_mut(index) else {
            return;
        };
        let loaded = match entry.loaded.take() {
            Some(loaded) => *loaded,
            None => match super::library::Loaded::read(&entry.origin) {
                Ok(loaded) => loaded,
                Err(error) => {
                    self.message = Some(clean_line(&error.to_string()));
                    return;
                }
            },
        };
        let super::library::Loaded {
            text: source,
            document,
            first_pages: is_preview,
        } = loaded;
        let entry = &self.library.papers()[index];
        let document = Arc::new(document);
        let mut problems: Vec<String> = source.warnings.iter().map(|w| clean_line(w)).collect();
        problems.extend(document.reading_problems().map(clean_line));
        let findings = if self.findings_later {
            self.finding = Some(super::findings::Finding::start(
                index,
                Arc::clone(&document),
                entry.origin.clone(),
            ));
            None
        } else {
            self.finding = None;
            let (findings, problem) = super::findings::Findings::of(&document, &entry.origin);
            problems.extend(problem);
            Some(findings)
        };
        let saved = self.positions.get(entry.key()).map(Saved::position);
        let geometry = self.geometry();
        let name = entry.origin.file_name();
        let fingerprint = crate::margin_notes::anchor::fingerprint_hex(&document);
        let notes = match &self.margin_notes_dir {
            // The notes file is named by the whole file's fingerprint: the
            // notes come with the whole paper.
            _ if is_preview => MarginNoteStore::in_memory(&name, ""),
            Some(dir) => {
                let place = entry.origin.place();
                let (store, problem) =
                    MarginNoteStore::open(dir, &name, &place, &fingerprint, || {
                        entry.origin.legacy_fingerprint()
                    });
                problems.extend(problem);
                store
            }
            None => MarginNoteStore::in_memory(&name, &fingerprint),
        };
        let mut reader = Reader::new(
            index,
            document,
            findings,
            notes,
            geometry.text.width,
            usize::from(geometry.text.height),
            saved,
        );
        self.opening = None;
        if is_preview && let PaperOrigin::File(path) = &entry.origin {
            reader.mark_preview(saved);
            let bytes = std::fs::metadata(path).map_or(0, |m| m.len());
            let notes = super::opening::NotesPlace {
                dir: self.margin_notes_dir.clone(),
                name: name.clone(),
                place: entry.origin.place(),
            };
            self.opening = Some(super::opening::read_whole(index, path, bytes, notes));
        }
        self.reader = Some(reader);
        // Pages are cut for the reader's screen.
        self.screen = Screen::Reader;
        self.fit_bottom_pane();
        self.library.select(index);
        self.show_problems(problems);
        self.go_to_pending_place();
    }

    /// Shows `problems` (with a keymap, a config, a paper) before anything
    /// else; any key goes on. Nothing shows when there are none.
    pub fn show_problems(&mut self, mut problems: Vec<String>) {
        if problems.is_empty() {
            return;
        }
        // Problems found earlier stay on the list.
        if let Overlay::Problems(shown) = &mut self.overlay {
            shown.append(&mut problems);
        } else {
            self.overlay = Overlay::Problems(problems);
        }
    }

    /// Says `message` in the status line until the next key.
    pub fn say(&mut self, message: impl Into<String>) {
        self.message = Some(message.into());
    }

    /// Remembers where the reader is in the open paper, and saves all
    /// positions; the library's index learns the paper's margin notes.
    pub fn save_position(&mut self) {
        self.save_position_in_memory();
        if let Err(error) = self.positions.save() {
            self.message = Some(format!("could not save your place: {error}"));
        }
        self.mirror_margin_notes();
    }

    /// Mirrors the open paper's margin notes into the library's index and
    /// its entry's count (a paper still being read whole has none yet).
    fn mirror_margin_notes(&mut self) {
        let Some(reader) = self.reader.as_ref().filter(|r| !r.is_preview()) else {
            return;
        };
        let Some(entry) = self.library.paper_mut(reader.paper()) else {
            return;
        };
        let margin: Vec<(String, String)> = reader
            .margin()
            .store()
            .notes()
            .map(|n| (n.text.clone(), n.anchor.quote.clone()))
            .collect();
        if entry.listing.margin_notes == margin.len() && margin.is_empty() {
            return;
        }
        entry.listing.margin_notes = margin.len();
        if let Some(index) = &mut self.index
            && let Err(error) = index.mirror_margin_notes(entry.key(), &margin)
        {
            self.message = Some(clean_line(&error.to_string()));
        }
    }

    /// Records where the reader is in the open paper, without writing it out.
    pub fn save_position_in_memory(&mut self) {
        let Some(reader) = &self.reader else {
            return;
        };
        let Some(entry) = self.library.papers().get(reader.paper()) else {
            return;
        };
        let saved = Saved {
            block: reader.position().block,
            offset: reader.position().offset,
            percent: reader.percent(),
            read_at: Some(crate::files::now_millis()),
        };
        self.positions.set(entry.key(), saved);
    }

    /// Reading progress of a paper in the library, in percent.
    pub fn progress(&self, index: usize) -> Option<u8> {
        if let Some(reader) = self.reader.as_ref().filter(|r| r.paper() == index) {
            return Some(reader.percent());
        }
        self.library
            .papers()
            .get(index)
            .and_then(|entry| self.positions.get(entry.key()))
            .map(|saved| saved.percent)
    }

    /// How `y` cites a quoted passage from now on (`quote` in `config.toml`).
    pub fn set_quote_style(&mut self, style: crate::citations::quote::QuoteStyle) {
        self.quote_style = style;
    }

    /// The user's files the help names ([`super::user_files::user_files`]).
    pub fn set_user_files(&mut self, files: Vec<(&'static str, std::path::PathBuf)>) {
        self.user_files = files;
    }

    pub fn user_files(&self) -> &[(&'static str, std::path::PathBuf)] {
        &self.user_files
    }

    /// Sets the widest the text column grows (within the measures a user
    /// can set), laying the text out again.
    pub fn set_measure(&mut self, measure: u16) {
        self.arrangement.set_measure(measure);
        self.resize_as_is();
    }

    /// Lays the screen out again at its size (a pane or the measure changed).
    pub(super) fn resize_as_is(&mut self) {
        let (width, height) = self.arrangement.size();
        self.resize(width, height);
    }

    pub fn resize(&mut self, width: u16, height: u16) {
        self.arrangement.set_size(width, height);
        let geometry = self.geometry();
        if let Some(reader) = &mut self.reader
            && !geometry.too_small
        {
            reader.resize(geometry.text.width, usize::from(geometry.text.height));
        }
        self.fit_bottom_pane();
        self.keep_focus_visible();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn geometry_folds_panes_on_narrow_terminals() {
        let wide = Geometry::of(120, 40, None, None);
        assert!(wide.sidebar.is_some() && wide.margin.is_some());
        assert_eq!(wide.status.y, 39);
        let narrow = Geometry::of(80, 24, None, None);
        assert!(narrow.sidebar.is_none() && narrow.margin.is_none());
        assert_eq!(narrow.text.width, 76);
        let toggled = Geometry::of(80, 24, Some(true), None);
        assert!(toggled.sidebar.is_some());
        assert!(Geometry::of(39, 24, None, None).too_small);
        assert!(Geometry::of(80, 9, None, None).too_small);
    }

    #[test]
    fn the_text_column_keeps_its_measure_centred_and_keys_change_it() {
        use crate::app::testing::press;
        let mut app = crate::app::testing::open_built_in(1, (200, 50));
        let widest = |app: &App| {
            let reader = app.reader.as_ref().unwrap();
            reader
                .layout()
                .lines
                .iter()
                .map(|l| unicode_width::UnicodeWidthStr::width(l.text().as_str()))
                .max()
                .unwrap()
        };
        let geometry = app.geometry();
        let text = geometry.text;
        assert_eq!(text.width, 76);
        // So wide a screen sets the footnotes beside the text from the
        // first page; without them the text is centred in its pane.
        let area = geometry.sidenotes.expect("footnotes beside the text");
        assert!(area.x >= text.x + text.width);
        press(&mut app, "tab");
        let text = app.geometry().text;
        let pane = app.geometry().text_pane;
        let (left, right) = (text.x - pane.x, pane.x + pane.width - text.x - text.width);
        assert!(left.abs_diff(right) <= 1, "centred: {left} and {right}");
        assert!(widest(&app) <= 76);
        press(&mut app, "+");
        assert_eq!(
            (app.arrangement.measure(), app.geometry().text.width),
            (80, 80)
        );
        assert!(widest(&app) <= 80 && widest(&app) > 76);
        press(&mut app, "- - -");
        assert_eq!(app.geometry().text.width, 68);
        assert!(widest(&app) <= 68);
        // Where the pane is narrower than the measure, the pane decides.
        app.resize(120, 40);
        assert_eq!(app.geometry().text.width, 66);
        app.set_measure(0);
        assert_eq!(app.arrangement.measure(), 30);
    }

    #[test]
    fn a_page_without_notes_gives_its_rows_back_to_the_text() {
        let mut app = crate::app::testing::open_built_in(0, (120, 40));
        crate::app::testing::press(&mut app, "ctrl-p i r a n enter");
        let reader = app.reader.as_ref().unwrap();
        assert!(reader.page_footnotes().is_empty());
        assert!(app.geometry().bottom.height <= 3);
        // The page ends before the marker whose note would not fit.
        assert!(reader.height() >= 30, "{}", reader.height());
        assert!(reader.height() <= usize::from(app.geometry().text.height));
    }

    #[test]
    fn every_page_shows_its_notes_whole_in_a_pane_as_tall_as_they_need() {
        for paper in [0, 1] {
            let mut app = App::new(
                vec![PaperOrigin::BuiltIn(paper)],
                Keymap::defaults(),
                Positions::in_memory(),
                120,
                40,
            );
            let usual = usize::from(Geometry::of(120, 40, None, None).bottom.height);
            let mut pages = 0;
            loop {
                let geometry = app.geometry();
                let reader = app.reader.as_mut().unwrap();
                let height = reader.height();
                let rows = reader.footnote_pane_rows(height, 116);
                let pane = usize::from(geometry.bottom.height);
                if rows + 2 <= usual {
                    assert_eq!(pane, (rows + 2).max(3), "paper {paper}, page {pages}");
                } else {
                    assert_eq!(pane, usual);
                }
                assert!(height <= usize::from(geometry.text.height));
                let top = reader.top();
                crate::app::testing::press(&mut app, "space");
                pages += 1;
                if app.reader.as_ref().unwrap().top() == top {
                    break;
                }
            }
            assert!(pages > 15, "{pages}");
            assert_eq!(app.reader.as_ref().unwrap().percent(), 100);
        }
    }

    #[test]
    fn on_a_wide_screen_each_note_is_set_beside_its_markers_line() {
        for paper in [0, 1] {
            let mut app = App::new(
                vec![PaperOrigin::BuiltIn(paper)],
                Keymap::defaults(),
                Positions::in_memory(),
                160,
                50,
            );
            let (mut pages, mut notes, mut beside, mut cut) = (0, 0, 0, 0);
            let (mut shortest, mut lines) = (usize::MAX, 0);
            let mut below = 0;
            loop {
                let geometry = app.geometry();
                let Some(area) = geometry.sidenotes else {
                    // Too many long notes together: they go below the page.
                    below += 1;
                    assert!(
                        app.reader.as_ref().unwrap().height() * 2
                            >= usize::from(geometry.text.height)
                    );
                    let top = app.reader.as_ref().unwrap().top();
                    crate::app::testing::press(&mut app, "space");
                    pages += 1;
                    if app.reader.as_ref().unwrap().top() == top {
                        break;
                    }
                    continue;
                };
                assert_eq!(geometry.bottom.height, 0);
                let reader = app.reader.as_ref().unwrap();
                let (placed, end) = reader.sidenotes(reader.height(), usize::from(area.width));
                let markers = reader.page_markers();
                let page_footnotes = reader.page_footnotes();
                assert_eq!(
                    placed.len(),
                    page_footnotes.len(),
                    "every note of the page is set"
                );
                let mut next_row = 0;
                for sidenote in &placed {
                    notes += 1;
                    // On its marker's row, or pushed down by the note above.
                    if let Some(marker) = markers.iter().find(|m| m.note == sidenote.note) {
                        let row = marker.line - reader.top();
                        assert!(
                            sidenote.row == row.max(next_row),
                            "paper {paper} page {pages}"
                        );
                        beside += usize::from(sidenote.row == row);
                    }
                    assert!(sidenote.row < usize::from(area.height));
                    next_row = sidenote.row + sidenote.rows;
                }
                assert!(end <= usize::from(area.height), "a note cut");
                cut += usize::from(end > usize::from(area.height));
                shortest = shortest.min(reader.height());
                lines += reader.height();
                let top = reader.top();
                crate::app::testing::press(&mut app, "space");
                pages += 1;
                if app.reader.as_ref().unwrap().top() == top {
                    break;
                }
            }
            eprintln!(
                "paper {paper}: {pages} pages, {below} with notes below, {notes} notes beside, \
                 {beside} on their marker's row, {cut} pages with a note cut, \
                 pages of {} lines on average, {shortest} at least",
                lines / pages.max(1)
            );
            // Notes off their marker's row stand directly below the note
            // before them (asserted above); few pages send theirs below.
            assert!(
                below * 10 <= pages,
                "{below} of {pages} pages with notes below"
            );
        }
    }

    #[test]
    fn the_notes_pane_expands_in_place_for_long_notes() {
        let mut app = crate::app::testing::open_built_in(1, (120, 40));
        crate::app::testing::press(&mut app, "1 0 5 enter");
        let usual = app.geometry().bottom.height;
        assert_eq!(usual, Geometry::bottom_height(40));
        crate::app::testing::press(&mut app, "z");
        assert!(app.arrangement.footnotes_expanded());
        let expanded = app.geometry().bottom.height;
        assert!(expanded > usual, "{expanded} > {usual}");
        assert!(expanded <= 40 * 2 / 3);
        crate::app::testing::press(&mut app, "z");
        assert_eq!(app.geometry().bottom.height, usual);
    }
}
