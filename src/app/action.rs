//! The keymap's vocabulary: everything a key can ask gloss to do.

/// Declares [`Action`] once: its keymap name, and the description the help
/// screen shows (also the variant's documentation).
macro_rules! actions {
    ($($(#[$attr:meta])* $variant:ident = $name:literal, $doc:literal;)*) => {
        /// An action a key can be bound to in `keymap.toml`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Action {
            $($(#[$attr])* #[doc = $doc] $variant,)*
        }

        impl Action {
            /// Every action, in the order the help screen lists them.
            pub const ALL: &'static [Action] = &[$(Action::$variant,)*];

            /// The name used in `keymap.toml`.
            pub fn name(self) -> &'static str {
                match self { $(Action::$variant => $name,)* }
            }

            /// What the action does, for the help screen.
            pub fn description(self) -> &'static str {
                match self { $(Action::$variant => $doc,)* }
            }

            /// The action named `name` in `keymap.toml`.
            pub fn from_name(name: &str) -> Option<Action> {
                match name { $($name => Some(Action::$variant),)* _ => None }
            }
        }
    };
}

// One name per action, wherever it is written: serialised by its keymap name.
impl serde::Serialize for Action {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

impl<'de> serde::Deserialize<'de> for Action {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        Action::from_name(&name)
            .ok_or_else(|| serde::de::Error::custom(format!("'{name}' is not an action")))
    }
}

actions! {
    Quit = "quit", "Quit gloss, remembering where you are in each paper";
    Help = "help", "Show the keys of the current pane";
    Back = "back", "Back out: close an overlay, clear the search or selection, return the focus to the text";
    OpenPalette = "open_palette", "Jump anywhere: sections, notes, actors, by typing a few letters";
    Search = "search", "Search the text, its footnotes and your margin notes";
    SearchNext = "search_next", "Go to the next search hit";
    SearchPrevious = "search_previous", "Go to the previous search hit";
    NextPage = "next_page", "Turn to the next page";
    PreviousPage = "previous_page", "Turn to the previous page";
    HalfPageDown = "half_page_down", "Scroll down half a page";
    HalfPageUp = "half_page_up", "Scroll up half a page";
    ScrollDown = "scroll_down", "Scroll down one line";
    ScrollUp = "scroll_up", "Scroll up one line";
    Top = "top", "Go to the start of the paper";
    Bottom = "bottom", "Go to the end of the paper";
    NextSection = "next_section", "Go to the next section";
    PreviousSection = "previous_section", "Go to the previous section";
    CycleFocus = "cycle_focus", "Move the focus to the next pane on screen: text, notes, actors, margin";
    CycleFocusBack = "cycle_focus_back", "Move the focus the other way";
    FocusFootnotes = "focus_footnotes", "Focus the footnote pane";
    FocusActors = "focus_actors", "Focus the actor sidebar";
    FocusMargin = "focus_margin", "Focus the margin notes";
    Follow = "follow", "Follow: a marker to its note (or type the note's number first), a note to where it is cited, an actor to its mentions";
    JumpBack = "jump_back", "Go back to where you were before the last jump";
    JumpForward = "jump_forward", "Go forward again in the jump list";
    NextMarker = "next_marker", "Select the next footnote marker on the page";
    PreviousMarker = "previous_marker", "Select the previous footnote marker on the page";
    SelectNext = "select_next", "Select the next item";
    SelectPrevious = "select_previous", "Select the previous item";
    SelectFirst = "select_first", "Select the first item";
    SelectLast = "select_last", "Select the last item";
    OpenUrl = "open_url", "Open the selected note's web address in the browser";
    CopyUrl = "copy_url", "Copy the selected note's web address to the clipboard";
    ToggleSidebar = "toggle_sidebar", "Show or hide the actor sidebar";
    ToggleMargin = "toggle_margin", "Show or hide the margin";
    Wider = "wider", "Widen the text column by 4 characters (its measure; set it in config.toml)";
    Narrower = "narrower", "Narrow the text column by 4 characters";
    GroupActors = "group_actors", "Group the actors by kind, or order them by how often the paper mentions them";
    CycleActorFilter = "cycle_actor_filter", "Show all actors, or only states, organisations, people or groups";
    OpenLibrary = "open_library", "Go to the library of papers";
    Confirm = "confirm", "Open or jump to the selected item";
    WriteNote = "write_note", "Write a margin note on the first paragraph that starts on the page (or the selected span)";
    ExpandFootnotes = "expand_notes", "Let the notes pane take two thirds of the screen for long notes, or give the room back";
    TableRight = "scroll_table_right", "Scroll a table wider than the text to the right";
    TableLeft = "scroll_table_left", "Scroll a wide table back to the left";
    Visual = "visual", "Select a span to write a note on: from the search hit, or the first sentence on the page";
    ExtendLine = "extend_line", "Move the selection's moving end down a line";
    ShrinkLine = "shrink_line", "Move the selection's moving end up a line";
    ExtendWord = "extend_word", "Move the selection's moving end a word forward";
    ShrinkWord = "shrink_word", "Move the selection's moving end a word back";
    ExtendSentence = "extend_sentence", "Move the selection's moving end a sentence forward";
    ShrinkSentence = "shrink_sentence", "Move the selection's moving end a sentence back";
    SwapEnds = "swap_ends", "Swap the ends of the selection: the other end moves";
    SameWork = "same_work", "List every citation of the work the selected note cites, to go from one to the next";
    QuotePassage = "quote_passage", "Copy the selected passage with its citation and page (quote = pandoc, chicago or author-date in config.toml)";
    EditNote = "edit_note", "Edit the margin note of this paragraph (or the selected note)";
    EditNoteExternally = "edit_note_externally", "Write the margin note of this paragraph in $EDITOR (a new one if it has none)";
    DeleteNote = "delete_note", "Delete the margin note of this paragraph (or the selected note), after asking";
    UndoDelete = "undo_delete", "Bring back the last deleted margin note";
    MarginNotesList = "notes_list", "List all margin notes of the paper, filtered by what you type (#tag)";
    FilterLibrary = "filter_library", "Show only the papers whose title, authors, year, keywords or file hold what you type";
    ActorsAcross = "actors_across", "The actors of every paper: which papers mention each, how often";
    SourcesAcross = "sources_across", "The sources of every paper: which papers cite each";
    SortLibrary = "sort_library", "Order the papers: as listed, recently read, by title, author, year or progress";
    SourcesList = "sources_list", "List every source the notes cite, filtered by author, title, year or outlet";
    SaveNote = "save_note", "Save the note being written";
    NewLine = "new_line", "Start a new line in the note";
    DeleteForward = "delete_forward", "Delete the character under the cursor";
    Yes = "yes", "Answer yes";
    No = "no", "Answer no";
    DeleteBack = "delete_back", "Delete the character before the cursor";
    ClearInput = "clear_input", "Clear what you typed";
    Noop = "none", "Do nothing (unbinds a default key)";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_unique() {
        let mut names = std::collections::HashSet::new();
        for &action in Action::ALL {
            assert_eq!(Action::from_name(action.name()), Some(action));
            assert!(names.insert(action.name()));
            assert!(!action.description().is_empty());
        }
    }

    #[test]
    fn serde_uses_the_keymap_names() {
        for &action in Action::ALL {
            let written = serde_json::to_string(&action).unwrap();
            assert_eq!(written, format!("\"{}\"", action.name()));
            assert_eq!(serde_json::from_str::<Action>(&written).unwrap(), action);
        }
        assert_eq!(
            serde_json::to_string(&Action::TableRight).unwrap(),
            "\"scroll_table_right\""
        );
        assert!(serde_json::from_str::<Action>("\"table_right\"").is_err());
    }
}
