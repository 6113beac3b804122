//! Actions on margin notes: writing one on the paragraph at the cursor or on
//! a selected span, editing, deleting (after asking) and undoing, the margin
//! focus, and the list of all notes.

use super::action::Action;
use super::editor::{EditTarget, Editor};
use super::keymap::Mode;
use super::list_input::{self, ListKey};
use super::reader::{Focus, Reader};
use super::selection::Motion;
use super::state::{App, Effect, Overlay, Question};
use crate::margin_notes::store::tags_of;

/// One row of the notes list: the note's id, and where it is (`None`: orphan).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedMarginNote {
    pub id: String,
    pub text: String,
    pub quote: String,
    pub placed: bool,
    /// The section (and page of the original) it is in; empty for an orphan.
    pub location: String,
}

/// Saves `text` as the note `target` names: a new one on a span or on a
/// footnote (its id), or an existing note's new text.
fn save_to(
    reader: &mut Reader,
    target: &EditTarget,
    text: &str,
) -> Result<Option<String>, crate::margin_notes::store::StoreError> {
    match target {
        EditTarget::New { block, start, end } => reader.add_margin_note(*block, *start, *end, text),
        EditTarget::NewOnFootnote { note } => reader.add_margin_note_on_footnote(*note, text),
        EditTarget::Existing(id) => reader.edit_margin_note(id, text).map(|()| Some(id.clone())),
    }
}

/// Where a new note goes: the selected span, else the paragraph at the
/// cursor; with the text it is on.
fn new_note_target(reader: &mut Reader) -> (EditTarget, String) {
    // Working in the notes pane: a note on the footnote selected there.
    if reader.focus() == Focus::Footnotes
        && reader.bottom() == crate::app::reader::Bottom::Footnotes
        && let Some(note) = reader.footnotes().selected()
        && let Some(footnote) = reader.document().footnotes.get(note)
    {
        let quote = footnote.text().to_owned();
        return (EditTarget::NewOnFootnote { note }, quote);
    }
    let (block, start, end) = match reader.take_visual() {
        Some(selection) => (selection.block, selection.start, selection.end),
        None => {
            let block = reader.cursor_block();
            let len = reader
                .document()
                .blocks
                .get(block)
                .map_or(0, |b| b.text().len());
            (block, 0, len)
        }
    };
    let quote = reader
        .document()
        .blocks
        .get(block)
        .and_then(|b| b.text().get(start..end))
        .unwrap_or("")
        .to_owned();
    (EditTarget::New { block, start, end }, quote)
}

impl App {
    /// Carries out a margin-note action; `None` if `action` is not one here.
    pub(super) fn update_margin_notes(
        &mut self,
        action: Action,
        mode: Mode,
    ) -> Option<Vec<Effect>> {
        let writes = matches!(
            action,
            Action::WriteNote
                | Action::Visual
                | Action::EditNote
                | Action::EditNoteExternally
                | Action::DeleteNote
        );
        if writes && let Some(reading) = self.still_reading() {
            // Notes are kept by the whole file's fingerprint, known once it is read.
            self.message = Some(format!(
                "{reading} margin notes can be written once it is read"
            ));
            return Some(Vec::new());
        }
        match (mode, action) {
            (Mode::Editor, Action::SaveNote) => self.save_editor(),
            (Mode::Editor, Action::Back) => {
                if let Overlay::Editor(editor) = &mut self.overlay {
                    if editor.changed() {
                        editor.confirming_discard = true;
                        self.message = Some("discard what you wrote? y or n".to_owned());
                    } else {
                        self.overlay = Overlay::None;
                    }
                }
            }
            (Mode::Editor, Action::NewLine | Action::DeleteBack | Action::DeleteForward) => {
                if let Overlay::Editor(editor) = &mut self.overlay {
                    match action {
                        Action::NewLine => editor.newline(),
                        Action::DeleteBack => editor.backspace(),
                        _ => editor.delete(),
                    }
                }
            }
            (Mode::Confirm, Action::Yes | Action::No) => self.answer(action == Action::Yes),
            (Mode::Notes, _) => return self.update_margin_notes_list(action),
            (
                Mode::Visual,
                Action::ExtendLine
                | Action::ShrinkLine
                | Action::ExtendWord
                | Action::ShrinkWord
                | Action::ExtendSentence
                | Action::ShrinkSentence,
            ) => {
                let motion = match action {
                    Action::ExtendLine | Action::ShrinkLine => Motion::Line,
                    Action::ExtendWord | Action::ShrinkWord => Motion::Word,
                    _ => Motion::Sentence,
                };
                let forward = matches!(
                    action,
                    Action::ExtendLine | Action::ExtendWord | Action::ExtendSentence
                );
                self.reader_mut()?.move_visual(motion, forward);
            }
            (Mode::Visual, Action::SwapEnds) => self.reader_mut()?.swap_visual_ends(),
            (Mode::Visual, Action::QuotePassage) => return Some(self.quote_passage()),
            (Mode::Visual, Action::Back) => self.reader_mut()?.cancel_visual(),
            (_, Action::WriteNote) => self.open_editor_for_new(),
            (_, Action::Visual) => {
                self.reader_mut()?.start_visual();
                self.message = Some(
                    "select: w b words, ) ( sentences, j k lines, o the other end; m writes the note, esc cancels"
                        .to_owned(),
                );
            }
            (_, Action::EditNote) => self.open_editor_for_existing(),
            (_, Action::EditNoteExternally) => {
                let reader = self.reader.as_mut()?;
                // The note here, or a new one on the selection or paragraph.
                let (target, text) = match reader.margin_note_at_cursor() {
                    Some(id) => {
                        let text = reader
                            .margin()
                            .get(&id)
                            .map(|n| n.text.clone())
                            .unwrap_or_default();
                        (EditTarget::Existing(id), text)
                    }
                    None => (new_note_target(reader).0, String::new()),
                };
                return Some(vec![Effect::EditNote { target, text }]);
            }
            (_, Action::DeleteNote) => match self.reader.as_ref()?.margin_note_at_cursor() {
                Some(id) => {
                    self.overlay = Overlay::Confirm(Question::DeleteNote(id));
                    self.message = Some("delete this margin note? y or n".to_owned());
                }
                None => self.message = Some("no margin note here to delete".to_owned()),
            },
            (_, Action::UndoDelete) => {
                let reader = self.reader.as_mut()?;
                match reader.undo_delete_margin_note() {
                    Ok(Some(_)) => {
                        self.message = Some("note restored".to_owned());
                    }
                    Ok(None) => self.message = Some("no deleted note to bring back".to_owned()),
                    Err(error) => self.message = Some(error.to_string()),
                }
            }
            (_, Action::MarginNotesList) => {
                self.reader.as_ref()?;
                self.overlay = Overlay::MarginNotesList {
                    query: String::new(),
                    selected: 0,
                };
            }
            (_, Action::FocusMargin) => {
                let reader = self.reader_mut()?;
                reader.set_focus(Focus::Margin);
                reader.select_margin_step(0);
            }
            (Mode::Margin, Action::Back) => self.reader_mut()?.set_focus(Focus::Text),
            _ => return None,
        }
        Some(Vec::new())
    }

    fn reader_mut(&mut self) -> Option<&mut Reader> {
        self.reader.as_mut()
    }

    fn open_editor_for_new(&mut self) {
        let Some(reader) = self.reader.as_mut() else {
            return;
        };
        let (target, quote) = new_note_target(reader);
        let mut editor = Editor::new(target, quote, "");
        editor.width = super::editor::text_width(self.arrangement.size().0);
        self.overlay = Overlay::Editor(Box::new(editor));
    }

    fn open_editor_for_existing(&mut self) {
        let Some(reader) = self.reader.as_ref() else {
            return;
        };
        let Some(note) = reader
            .margin_note_at_cursor()
            .and_then(|id| reader.margin().get(&id).cloned())
        else {
            self.message = Some("no margin note here to edit".to_owned());
            return;
        };
        let editor = Editor::new(
            EditTarget::Existing(note.id.clone()),
            note.anchor.quote.clone(),
            &note.text,
        );
        self.overlay = Overlay::Editor(Box::new(editor));
    }

    fn save_editor(&mut self) {
        let Overlay::Editor(editor) = std::mem::replace(&mut self.overlay, Overlay::None) else {
            return;
        };
        let Some(reader) = self.reader.as_mut() else {
            return;
        };
        let text = editor.text();
        if text.is_empty() {
            self.message = Some("an empty note is not saved".to_owned());
            return;
        }
        let result = save_to(reader, &editor.target, &text);
        match result {
            Ok(_) => {
                let tags = tags_of(&text);
                self.message = Some(if tags.is_empty() {
                    "note saved".to_owned()
                } else {
                    format!("note saved, tagged #{}", tags.join(" #"))
                });
            }
            Err(error) => {
                // Keep what was written: put the editor back.
                self.overlay = Overlay::Editor(editor);
                self.message = Some(error.to_string());
            }
        }
    }

    fn answer(&mut self, yes: bool) {
        match std::mem::replace(&mut self.overlay, Overlay::None) {
            Overlay::Editor(mut editor) => {
                if yes {
                    self.message = Some("note discarded".to_owned());
                } else {
                    editor.confirming_discard = false;
                    self.overlay = Overlay::Editor(editor);
                }
            }
            Overlay::Confirm(Question::DeleteNote(id)) if yes => {
                if let Some(reader) = self.reader.as_mut() {
                    match reader.delete_margin_note(&id) {
                        Ok(()) => {
                            let undo = self
                                .keymap
                                .key_for(Mode::Reader, Action::UndoDelete)
                                .map_or_else(String::new, |k| format!(" ({k} to undo)"));
                            self.message = Some(format!("note deleted{undo}"));
                        }
                        Err(error) => self.message = Some(error.to_string()),
                    }
                }
            }
            _ => {}
        }
    }

    /// The notes list as shown: all notes in reading order, orphans last,
    /// filtered by the query (a `#tag`, or words of the note or its quote).
    pub fn listed_margin_notes(&self, query: &str) -> Vec<ListedMarginNote> {
        let Some(reader) = &self.reader else {
            return Vec::new();
        };
        let query = query.trim().to_lowercase();
        reader
            .margin()
            .placed()
            .iter()
            .filter_map(|placed| {
                let note = reader.margin().get(&placed.id)?;
                let matches = if let Some(tag) = query.strip_prefix('#') {
                    note.tags().iter().any(|t| t.starts_with(tag))
                } else {
                    query.split_whitespace().all(|w| {
                        note.text.to_lowercase().contains(w)
                            || note.anchor.quote.to_lowercase().contains(w)
                    })
                };
                matches.then(|| ListedMarginNote {
                    id: note.id.clone(),
                    text: note.text.clone(),
                    quote: note.anchor.quote.clone(),
                    placed: placed.placement.is_some(),
                    location: placed.placement.map_or_else(String::new, |p| {
                        crate::margin_notes::export::brief_location(reader.document(), &p)
                    }),
                })
            })
            .collect()
    }

    fn update_margin_notes_list(&mut self, action: Action) -> Option<Vec<Effect>> {
        let Overlay::MarginNotesList { query, selected } = &self.overlay else {
            return None;
        };
        let (mut query, mut selected) = (query.clone(), *selected);
        let listed = self.listed_margin_notes(&query);
        match list_input::edit(action, &mut query, &mut selected, listed.len()) {
            ListKey::Other => return None,
            ListKey::Back => self.overlay = Overlay::None,
            ListKey::Edited => self.overlay = Overlay::MarginNotesList { query, selected },
            ListKey::Confirm => {
                self.overlay = Overlay::None;
                if let Some(note) = listed.get(selected)
                    && let Some(reader) = self.reader.as_mut()
                {
                    if reader.jump_to_margin_note(&note.id) {
                        reader.set_focus(Focus::Margin);
                    } else {
                        self.message = Some(
                            "this note's text is no longer in the paper (an orphan)".to_owned(),
                        );
                    }
                }
            }
        }
        Some(Vec::new())
    }

    /// Types into the notes list's query.
    pub(super) fn type_into_margin_notes_list(&mut self, c: char) {
        if let Overlay::MarginNotesList { query, selected } = &mut self.overlay {
            query.push(c);
            *selected = 0;
        }
    }

    /// After `$EDITOR` returns: saves the note's new text, or the new note.
    pub fn finish_external_edit(&mut self, target: &EditTarget, text: &str) {
        let Some(reader) = self.reader.as_mut() else {
            return;
        };
        let text = text.trim_end();
        if let EditTarget::Existing(id) = target
            && (text.is_empty() || reader.margin().get(id).is_some_and(|n| n.text == text))
        {
            self.message = Some("note unchanged".to_owned());
            return;
        }
        if text.is_empty() {
            self.message = Some("an empty note is not saved".to_owned());
            return;
        }
        match save_to(reader, target, text) {
            Ok(_) => {
                self.message = Some("note saved".to_owned());
            }
            Err(error) => self.message = Some(error.to_string()),
        }
    }
}

impl App {
    /// `y` on a selection: the passage with its citation and location, in
    /// the style the user set, copied; the selection ends.
    fn quote_passage(&mut self) -> Vec<Effect> {
        let Some(reader) = self.reader.as_mut() else {
            return Vec::new();
        };
        let Some(selection) = reader.take_visual() else {
            return Vec::new();
        };
        let document = reader.document();
        let Some(passage) = document
            .blocks
            .get(selection.block)
            .and_then(|b| b.text().get(selection.start..selection.end))
        else {
            return Vec::new();
        };
        let location = document.location_of(crate::document::Position {
            block: selection.block,
            offset: selection.start,
        });
        // The paper as the library describes it, else as its front matter does.
        let listing = self
            .library
            .papers()
            .get(reader.paper())
            .map(|p| &p.listing);
        let title = listing
            .map(|l| l.title.as_str())
            .filter(|t| !t.is_empty())
            .or(document.metadata.title.as_deref());
        let authors = listing
            .map(|l| l.authors.as_slice())
            .filter(|a| !a.is_empty())
            .unwrap_or(&document.metadata.authors);
        let work = crate::citations::quote::QuotedWork {
            authors,
            title,
            year: listing.and_then(|l| l.year),
        };
        let text = crate::citations::quote::quote(passage, &work, &location, self.quote_style);
        self.message = Some(format!(
            "copied the passage with its citation ({}, {location})",
            self.quote_style.name()
        ));
        vec![Effect::Copy(text)]
    }
}

#[cfg(test)]
mod tests {
    use crate::app::editor::EditTarget;
    use crate::app::positions::Positions;
    use crate::app::testing::{press, type_text};
    use crate::app::{App, Key, Keymap, Mode, Overlay};
    use crate::papers::PaperOrigin;

    fn strakes(margin_notes_dir: Option<std::path::PathBuf>) -> App {
        App::with_notes(
            vec![PaperOrigin::BuiltIn(1)],
            Keymap::defaults(),
            Positions::in_memory(),
            margin_notes_dir,
            (120, 40),
        )
    }

    #[test]
    fn write_a_note_on_the_paragraph_at_the_cursor_and_find_it_again() {
        let dir = tempfile::tempdir().unwrap();
        let mut app = strakes(Some(dir.path().to_path_buf()));
        press(&mut app, "ctrl-p i n t r o d u c t i o n enter j j m");
        assert_eq!(app.mode(), Mode::Editor);
        type_text(&mut app, "Compare Fuller on NAM #question");
        press(&mut app, "ctrl-s");
        assert_eq!(app.message.as_deref(), Some("note saved, tagged #question"));
        let reader = app.reader.as_ref().unwrap();
        let block = reader.cursor_block();
        assert_eq!(reader.margin().placed().len(), 1);
        assert_eq!(reader.margin().placed()[0].placement.unwrap().block, block);
        // A new session reads it back from disk, on the same paragraph.
        let again = strakes(Some(dir.path().to_path_buf()));
        let reader = again.reader.as_ref().unwrap();
        assert_eq!(reader.margin().placed()[0].placement.unwrap().block, block);
        assert_eq!(again.listed_margin_notes("#quest").len(), 1);
        // The list says where each note is.
        assert!(
            again.listed_margin_notes("#quest")[0]
                .location
                .starts_with("Introduction"),
            "{:?}",
            again.listed_margin_notes("#quest")[0].location
        );
        assert_eq!(again.listed_margin_notes("#other").len(), 0);
    }

    #[test]
    fn notes_written_by_an_earlier_gloss_are_found_and_moved_to_the_new_name() {
        let dir = tempfile::tempdir().unwrap();
        let mut app = strakes(Some(dir.path().to_path_buf()));
        press(&mut app, "ctrl-p i n t r o d u c t i o n enter j j m");
        type_text(&mut app, "written long ago");
        press(&mut app, "ctrl-s");
        let block = app.reader.as_ref().unwrap().cursor_block();
        // Make it the file an earlier gloss wrote: named, and its anchors
        // stamped, by the 64-bit fingerprint, under another file name.
        let saved = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| Some(e.ok()?.path()))
            .find(|p| p.extension().is_some_and(|e| e == "json"))
            .unwrap();
        let new = app
            .reader
            .as_ref()
            .unwrap()
            .document()
            .fingerprint
            .to_string();
        let legacy = PaperOrigin::BuiltIn(1).legacy_fingerprint().unwrap();
        let text = std::fs::read_to_string(&saved)
            .unwrap()
            .replace(&new, &legacy);
        std::fs::remove_file(&saved).unwrap();
        let old = dir
            .path()
            .join(format!("renamed.md.elsewhere.{legacy}.json"));
        std::fs::write(&old, text).unwrap();

        let again = strakes(Some(dir.path().to_path_buf()));
        let reader = again.reader.as_ref().unwrap();
        assert_eq!(reader.margin().placed().len(), 1);
        assert_eq!(reader.margin().placed()[0].placement.unwrap().block, block);
        assert!(!old.exists());
        let files: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| n.ends_with(".json"))
            .collect();
        assert_eq!(files.len(), 1, "{files:?}");
        assert!(files[0].ends_with(&format!(".{new}.json")), "{files:?}");
        let on_disk = std::fs::read_to_string(dir.path().join(&files[0])).unwrap();
        assert!(
            !on_disk.contains(&legacy),
            "anchors stamped anew: {on_disk}"
        );
    }

    #[test]
    fn visual_span_edit_delete_undo() {
        let mut app = strakes(None);
        press(&mut app, "ctrl-p i n t r o d u c t i o n enter j j v w w m");
        let Overlay::Editor(editor) = &app.overlay else {
            panic!("no editor")
        };
        assert!(
            editor.quote.split_whitespace().count() > 3,
            "{:?}",
            editor.quote
        );
        type_text(&mut app, "On a span");
        press(&mut app, "ctrl-s e");
        type_text(&mut app, "!");
        press(&mut app, "ctrl-s");
        let reader = app.reader.as_ref().unwrap();
        let id = reader.margin().placed()[0].id.clone();
        assert_eq!(reader.margin().get(&id).unwrap().text, "On a span!");
        press(&mut app, "d n");
        assert!(app.reader.as_ref().unwrap().margin().get(&id).is_some());
        press(&mut app, "d y");
        assert!(app.reader.as_ref().unwrap().margin().placed().is_empty());
        press(&mut app, "u");
        assert_eq!(app.reader.as_ref().unwrap().margin().placed().len(), 1);
    }

    #[test]
    fn a_note_keeps_its_paragraph_at_every_width() {
        let mut app = strakes(None);
        press(&mut app, "ctrl-p c o n c e p t u a l enter j j m");
        type_text(&mut app, "here");
        press(&mut app, "ctrl-s");
        let block = app.reader.as_ref().unwrap().margin().placed()[0]
            .placement
            .unwrap()
            .block;
        for (width, height) in [(80, 24), (120, 40), (160, 50), (200, 60), (60, 20)] {
            app.resize(width, height);
            let reader = app.reader.as_ref().unwrap();
            let placement = reader.margin().placed()[0].placement.unwrap();
            assert_eq!(placement.block, block);
            let line = reader.layout().line_of(crate::document::Position {
                block,
                offset: placement.start,
            });
            assert_eq!(
                line,
                reader.layout().lines_of(block).start,
                "at {width}x{height}"
            );
        }
    }

    #[test]
    fn notes_whose_text_is_gone_are_listed_as_orphans() {
        let dir = tempfile::tempdir().unwrap();
        let mut app = strakes(Some(dir.path().to_path_buf()));
        let reader = app.reader.as_mut().unwrap();
        let other = crate::parse_text(
            "T\n\nIntroduction\n\nA paragraph that is not in this paper at all.\n",
        );
        let anchor = crate::margin_notes::Anchor::new(&other, 2, 0, 20).unwrap();
        reader.add_anchored_note(anchor, "lost").unwrap();
        let listed = app.listed_margin_notes("");
        assert_eq!(listed.len(), 1);
        assert!(!listed[0].placed);
        let again = strakes(Some(dir.path().to_path_buf()));
        assert_eq!(again.listed_margin_notes("lost")[0].text, "lost");
    }

    #[test]
    fn capital_e_writes_a_new_note_in_the_external_editor_where_there_is_none() {
        let mut app = strakes(None);
        let effects = app.handle_key(Key::char('E'));
        let [crate::app::Effect::EditNote { target, text }] = effects.as_slice() else {
            panic!("no external edit: {effects:?} {:?}", app.message)
        };
        assert!(matches!(target, EditTarget::New { .. }));
        assert!(text.is_empty());
        app.finish_external_edit(target, "Written in vi\n");
        let reader = app.reader.as_ref().unwrap();
        assert_eq!(reader.margin().placed().len(), 1);
        let id = &reader.margin().placed()[0].id;
        assert_eq!(reader.margin().get(id).unwrap().text, "Written in vi");
        // Now there is a note here: E edits it.
        let effects = app.handle_key(Key::char('E'));
        assert!(matches!(
            effects.as_slice(),
            [crate::app::Effect::EditNote {
                target: EditTarget::Existing(_),
                ..
            }]
        ));
    }

    #[test]
    fn cancelling_asks_before_discarding_typed_text() {
        let mut app = strakes(None);
        press(&mut app, "m esc");
        assert!(
            matches!(app.overlay, Overlay::None),
            "nothing typed: closes at once"
        );
        press(&mut app, "m");
        type_text(&mut app, "draft");
        press(&mut app, "esc");
        assert_eq!(app.mode(), Mode::Confirm);
        press(&mut app, "n");
        assert_eq!(app.mode(), Mode::Editor);
        press(&mut app, "esc y");
        assert!(matches!(app.overlay, Overlay::None));
        assert!(app.reader.as_ref().unwrap().margin().placed().is_empty());
    }

    #[test]
    fn y_copies_the_selected_passage_with_its_citation_and_location() {
        let mut app = strakes(None);
        press(&mut app, "ctrl-p i n t r o d u c t i o n enter");
        press(&mut app, "v");
        let effects = app.handle_key(Key::char('y'));
        let [crate::app::Effect::Copy(text)] = effects.as_slice() else {
            panic!("{effects:?}")
        };
        assert!(text.starts_with("> "), "{text}");
        assert!(text.contains("[@strakes2015beyond, §"), "{text}");
        assert!(app.message().unwrap().starts_with("copied the passage"));
        assert_eq!(app.mode(), Mode::Reader, "the selection ends");
        app.set_quote_style(crate::citations::quote::QuoteStyle::AuthorDate);
        press(&mut app, "v");
        let effects = app.handle_key(Key::char('y'));
        let [crate::app::Effect::Copy(text)] = effects.as_slice() else {
            panic!("{effects:?}")
        };
        assert!(text.contains("(Strakes 2015, §"), "{text}");
    }

    #[test]
    fn a_note_is_never_written_on_a_heading_or_a_table_of_contents() {
        let mut app = crate::app::testing::open_built_in(1, (60, 20));
        // Page 2 at 60×20 holds only the contents and the next heading.
        press(&mut app, "space m");
        let crate::app::Overlay::Editor(editor) = app.overlay() else {
            panic!("no editor")
        };
        let crate::app::editor::EditTarget::New { block, .. } = editor.target else {
            panic!("not a new note")
        };
        let reader = app.reader().unwrap();
        let kind = &reader.document().blocks[block].kind;
        assert!(
            matches!(kind, crate::document::BlockKind::Paragraph),
            "{kind:?}: {}",
            reader.document().blocks[block].text()
        );
    }

    #[test]
    fn a_margin_note_on_a_footnote_is_written_kept_and_found_again() {
        let dir = tempfile::tempdir().unwrap();
        let mut app = strakes(Some(dir.path().to_path_buf()));
        press(&mut app, "5 7 enter m");
        let crate::app::Overlay::Editor(editor) = app.overlay() else {
            panic!("no editor")
        };
        assert!(matches!(editor.target, EditTarget::NewOnFootnote { .. }));
        type_text(&mut app, "Check this source #verify");
        press(&mut app, "ctrl-s");
        let reader = app.reader().unwrap();
        let note = reader
            .document()
            .footnotes
            .iter()
            .position(|f| f.label == "57")
            .unwrap();
        assert_eq!(reader.margin().on_footnote(note).count(), 1);
        let listed = app.listed_margin_notes("#verify");
        assert_eq!(listed.len(), 1);
        assert!(listed[0].placed);
        // The same note next time, on the same footnote; the export says where.
        let mut again = strakes(Some(dir.path().to_path_buf()));
        let reader = again.reader().unwrap();
        assert_eq!(reader.margin().on_footnote(note).count(), 1);
        let store = reader.margin().store();
        let exported = crate::margin_notes::export::to_markdown(store, reader.document());
        assert!(exported.contains("note 57, the whole note"), "{exported}");
        // From the notes list, to the footnote, selected in its pane.
        press(&mut again, "# enter");
        let reader = again.reader().unwrap();
        assert_eq!(reader.footnotes().selected(), Some(note));
        assert!(reader.page_footnotes().contains(&note));
    }
}
