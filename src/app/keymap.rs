//! Keys to actions: the default `keymap.toml` embedded in the binary, with a
//! user's `$XDG_CONFIG_HOME/gloss/keymap.toml` replacing keys per mode.

use std::collections::HashMap;
use std::path::Path;

use super::action::Action;
use super::key::Key;
use crate::actors::line_of;
use crate::text::clean_line;

/// The default keymap (`keymap.toml` at the repository root).
pub const DEFAULT_KEYMAP: &str = include_str!("../../keymap.toml");

/// Where keys are looked up: derived from what is on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    Global,
    Reader,
    Footnotes,
    Actors,
    Palette,
    Search,
    Library,
    Help,
    Margin,
    Visual,
    Editor,
    Notes,
    Confirm,
    Sources,
    Find,
    Filter,
}

impl Mode {
    pub const ALL: [Mode; 16] = [
        Mode::Global,
        Mode::Reader,
        Mode::Footnotes,
        Mode::Actors,
        Mode::Palette,
        Mode::Search,
        Mode::Library,
        Mode::Help,
        Mode::Margin,
        Mode::Visual,
        Mode::Editor,
        Mode::Notes,
        Mode::Confirm,
        Mode::Sources,
        Mode::Find,
        Mode::Filter,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Mode::Global => "global",
            Mode::Reader => "reader",
            Mode::Footnotes => "footnotes",
            Mode::Actors => "actors",
            Mode::Palette => "palette",
            Mode::Search => "search",
            Mode::Library => "library",
            Mode::Help => "help",
            Mode::Margin => "margin",
            Mode::Visual => "visual",
            Mode::Editor => "editor",
            Mode::Notes => "notes",
            Mode::Confirm => "confirm",
            Mode::Sources => "sources",
            Mode::Find => "find",
            Mode::Filter => "filter",
        }
    }

    fn from_name(name: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.name() == name)
    }

    /// Where keys not bound here are looked up next: a pane's keys fall
    /// through to the reader's (so `m` or `>` work wherever the focus is),
    /// the reader's, the library's and help's to the global keys. Typing,
    /// answering and selecting take no other keys.
    pub fn parent(self) -> Option<Mode> {
        match self {
            Mode::Footnotes | Mode::Actors | Mode::Margin => Some(Mode::Reader),
            Mode::Reader | Mode::Library | Mode::Help => Some(Mode::Global),
            Mode::Global
            | Mode::Palette
            | Mode::Search
            | Mode::Visual
            | Mode::Editor
            | Mode::Notes
            | Mode::Sources
            | Mode::Find
            | Mode::Filter
            | Mode::Confirm => None,
        }
    }

    /// This mode and those it falls through to, in order.
    fn chain(self) -> impl Iterator<Item = Mode> {
        std::iter::successors(Some(self), |m| m.parent())
    }

    /// Modes where unbound printable keys are typed text, and global keys do not apply.
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Mode::Palette
                | Mode::Search
                | Mode::Editor
                | Mode::Notes
                | Mode::Sources
                | Mode::Find
                | Mode::Filter
        )
    }
}

/// Keys to actions, per mode. A mode's own keys win over the global ones.
#[derive(Debug, Clone, Default)]
pub struct Keymap {
    modes: HashMap<Mode, Vec<(Key, Vec<Action>)>>,
}

/// The action whose name is closest to a misspelt `name`, if one is close.
fn nearest_action(name: &str) -> Option<&'static str> {
    Action::ALL
        .iter()
        .map(|a| (strsim::levenshtein(name, a.name()), a.name()))
        .filter(|(distance, known)| *distance <= 3.max(known.len() / 3))
        .min()
        .map(|(_, known)| known)
}

/// A keymap file: sections of keys, each bound to one action name or a list.
type KeymapFile = HashMap<String, HashMap<String, toml::Spanned<toml::Value>>>;

impl Keymap {
    /// The embedded default keymap.
    pub fn defaults() -> Self {
        // The embedded file is checked by a test to parse without a problem.
        Self::parse(DEFAULT_KEYMAP, "keymap.toml").0
    }

    /// The defaults with a user's file applied, and what was wrong with the
    /// file (each problem names the file, the line and the entry). A bad
    /// entry is skipped and the user's other keys are kept; a file that is
    /// not TOML at all leaves the defaults.
    pub fn with_user_file(path: &Path) -> (Self, Vec<String>) {
        let defaults = Self::defaults();
        let text = match crate::files::read_limited_text(path, crate::files::limits::SETTINGS) {
            Ok(text) => text,
            Err(error) if error.is_not_found() => {
                return (defaults, Vec::new());
            }
            Err(error) => {
                return (
                    defaults,
                    vec![format!(
                        "keymap '{}': {}; using the default keys",
                        clean_line(&path.display().to_string()),
                        error
                    )],
                );
            }
        };
        let (user, mut problems) = Self::parse(&text, &path.display().to_string());
        if !problems.is_empty() {
            problems.push(if user.modes.is_empty() {
                "using the default keys".to_owned()
            } else {
                "those entries are skipped; your other keys are used".to_owned()
            });
        }
        (defaults.merged(user), problems)
    }

    /// Parses a keymap file: the entries that make sense, and a sentence for
    /// each one that does not (every problem, not just the first).
    pub fn parse(text: &str, path: &str) -> (Self, Vec<String>) {
        let path = clean_line(path);
        let file: KeymapFile = match toml::from_str(text) {
            Ok(file) => file,
            Err(error) => {
                let line = error
                    .span()
                    .map(|s| format!(" line {}:", line_of(text, s.start)))
                    .unwrap_or_default();
                let problem = format!("keymap '{path}':{line} {}", clean_line(error.message()));
                return (Keymap::default(), vec![problem]);
            }
        };
        let mut keymap = Keymap::default();
        let mut problems = Vec::new();
        let mut sections: Vec<_> = file.into_iter().collect();
        sections.sort_by(|a, b| a.0.cmp(&b.0));
        for (section, bindings) in sections {
            let Some(mode) = Mode::from_name(&section) else {
                let names: Vec<&str> = Mode::ALL.iter().map(|m| m.name()).collect();
                problems.push(format!(
                    "keymap '{path}': unknown section [{}] (sections are {})",
                    clean_line(&section),
                    names.join(", ")
                ));
                continue;
            };
            let mut bindings: Vec<_> = bindings.into_iter().collect();
            bindings.sort_by(|a, b| a.0.cmp(&b.0));
            for (key_text, binding) in bindings {
                let line = line_of(text, binding.span().start);
                let shown_key = clean_line(&key_text);
                let names: Vec<Option<&str>> = match binding.get_ref() {
                    toml::Value::String(name) => vec![Some(name.as_str())],
                    toml::Value::Array(names) => names.iter().map(toml::Value::as_str).collect(),
                    _ => vec![None],
                };
                let Some(key) = Key::parse(&key_text) else {
                    problems.push(format!(
                        "keymap '{path}' line {line}: [{section}] \"{shown_key}\": '{shown_key}' is not a key (try \"q\", \"ctrl-p\", \"pagedown\")"
                    ));
                    continue;
                };
                let mut actions = Vec::new();
                for name in &names {
                    match name.map(|n| (n, Action::from_name(n))) {
                        Some((_, Some(action))) => actions.push(action),
                        Some((name, None)) => problems.push(format!(
                            "keymap '{path}' line {line}: [{section}] \"{shown_key}\": unknown action '{}'{}",
                            clean_line(name),
                            nearest_action(name)
                                .map(|a| format!(" (did you mean {a}?)"))
                                .unwrap_or_default()
                        )),
                        None => problems.push(format!(
                            "keymap '{path}' line {line}: [{section}] \"{shown_key}\": expected an action name or a list of them"
                        )),
                    }
                }
                if actions.len() == names.len() {
                    keymap.modes.entry(mode).or_default().push((key, actions));
                }
            }
        }
        (keymap, problems)
    }

    /// `self` with `user`'s keys replacing the same keys in the same modes.
    pub fn merged(mut self, user: Keymap) -> Self {
        for (mode, bindings) in user.modes {
            let entries = self.modes.entry(mode).or_default();
            for (key, actions) in bindings {
                entries.retain(|(k, _)| *k != key);
                entries.push((key, actions));
            }
        }
        self
    }

    /// The actions `key` is bound to in `mode` (falling back to the global
    /// keys, except in modes where keys type text).
    pub fn lookup(&self, mode: Mode, key: Key) -> Option<&[Action]> {
        let find = |mode: Mode| {
            self.modes
                .get(&mode)
                .and_then(|bindings| bindings.iter().find(|(k, _)| *k == key))
                .map(|(_, actions)| actions.as_slice())
        };
        mode.chain().find_map(find)
    }

    /// The keys bound to each action in `mode` (global keys included), for help.
    pub fn bindings(&self, mode: Mode) -> Vec<(Action, Vec<Key>)> {
        let mut out: Vec<(Action, Vec<Key>)> = Vec::new();
        for m in mode.chain() {
            for (key, actions) in self.modes.get(&m).map(Vec::as_slice).unwrap_or_default() {
                // A mode's own binding hides the one it falls through to.
                if m != mode && self.lookup(mode, *key) != Some(actions.as_slice()) {
                    continue;
                }
                for &action in actions {
                    if action == Action::Noop {
                        continue;
                    }
                    match out.iter_mut().find(|(a, _)| *a == action) {
                        Some((_, keys)) if !keys.contains(key) => keys.push(*key),
                        Some(_) => {}
                        None => out.push((action, vec![*key])),
                    }
                }
            }
        }
        out.sort_by_key(|(action, _)| Action::ALL.iter().position(|a| a == action));
        out
    }

    /// The first key bound to `action` in `mode`, for hints.
    pub fn key_for(&self, mode: Mode, action: Action) -> Option<Key> {
        self.bindings(mode)
            .into_iter()
            .find(|(a, _)| *a == action)
            .and_then(|(_, keys)| keys.first().copied())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_keymap_parses_and_has_the_required_keys() {
        let (keymap, problems) = Keymap::parse(DEFAULT_KEYMAP, "keymap.toml");
        assert!(problems.is_empty(), "{problems:?}");
        let at = |mode, key: &str| {
            keymap
                .lookup(mode, Key::parse(key).unwrap())
                .map(<[Action]>::to_vec)
        };
        use Action::*;
        for (key, action) in [
            ("q", Quit),
            ("?", Help),
            ("ctrl-p", OpenPalette),
            ("/", Search),
            ("n", SearchNext),
            ("N", SearchPrevious),
            ("space", NextPage),
            ("pagedown", NextPage),
            ("b", PreviousPage),
            ("pageup", PreviousPage),
            ("j", ScrollDown),
            ("k", ScrollUp),
            ("down", ScrollDown),
            ("up", ScrollUp),
            ("g", Top),
            ("G", Bottom),
            ("]", NextSection),
            ("[", PreviousSection),
            ("tab", CycleFocus),
            ("enter", Follow),
            ("ctrl-o", JumpBack),
            ("ctrl-i", JumpForward),
            ("esc", Back),
        ] {
            assert_eq!(at(Mode::Reader, key), Some(vec![action]), "{key}");
        }
        // Typing modes do not inherit global keys: "q" types a q in the palette.
        assert_eq!(at(Mode::Palette, "q"), None);
    }

    #[test]
    fn keys_parse_and_print_back() {
        for text in [
            "q",
            "G",
            "ctrl-p",
            "alt-x",
            "shift-tab",
            "pagedown",
            "space",
            "f5",
            "/",
        ] {
            assert_eq!(Key::parse(text).unwrap().to_string(), text);
        }
        for bad in ["", "ctrl-", "shift-q", "f13", "qq", "\u{1b}"] {
            assert_eq!(Key::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn user_keys_replace_defaults_per_mode() {
        let (user, problems) = Keymap::parse(
            "[reader]\n\"x\" = \"quit\"\n\"j\" = \"none\"\n\"z\" = [\"top\", \"focus_actors\"]\n",
            "u",
        );
        assert!(problems.is_empty());
        let keymap = Keymap::defaults().merged(user);
        assert_eq!(
            keymap.lookup(Mode::Reader, Key::char('x')),
            Some(&[Action::Quit][..])
        );
        assert_eq!(
            keymap.lookup(Mode::Reader, Key::char('j')),
            Some(&[Action::Noop][..])
        );
        assert_eq!(
            keymap.lookup(Mode::Reader, Key::char('z')),
            Some(&[Action::Top, Action::FocusActors][..])
        );
        assert_eq!(
            keymap.lookup(Mode::Reader, Key::char('k')),
            Some(&[Action::ScrollUp][..])
        );
    }

    #[test]
    fn bad_keymaps_name_file_line_and_entry() {
        let (_, problems) = Keymap::parse(
            "[reader]\n\"x\" = \"fly\"\n\"ctrl-\" = \"quit\"\n[nowhere]\n\"q\" = \"quit\"\n",
            "my/keymap.toml",
        );
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems.iter().any(|p| p.contains("my/keymap.toml")
            && p.contains("line 2")
            && p.contains("unknown action 'fly'")));
        assert!(
            problems
                .iter()
                .any(|p| p.contains("line 3") && p.contains("'ctrl-' is not a key"))
        );
        assert!(
            problems
                .iter()
                .any(|p| p.contains("unknown section [nowhere]"))
        );
        let (_, syntax) = Keymap::parse("[reader\n", "k.toml");
        assert!(
            syntax[0].contains("k.toml") && syntax[0].contains("line 1"),
            "{syntax:?}"
        );
    }

    #[test]
    fn unreadable_user_file_falls_back_to_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keymap.toml");
        std::fs::write(&path, "this is = = not toml").unwrap();
        let (keymap, problems) = Keymap::with_user_file(&path);
        assert!(!problems.is_empty());
        assert!(problems.last().unwrap().contains("default keys"));
        assert_eq!(
            keymap.lookup(Mode::Reader, Key::char('q')),
            Some(&[Action::Quit][..])
        );
        let (_, none) = Keymap::with_user_file(&dir.path().join("missing.toml"));
        assert!(none.is_empty());
    }

    #[test]
    fn one_typo_skips_its_entry_keeps_the_others_and_suggests_a_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keymap.toml");
        std::fs::write(
            &path,
            "[reader]\n\"x\" = \"quit\"\n\"p\" = \"previos_page\"\n\"z\" = \"top\"\n",
        )
        .unwrap();
        let (keymap, problems) = Keymap::with_user_file(&path);
        assert!(
            problems[0].contains("line 3")
                && problems[0]
                    .contains("unknown action 'previos_page' (did you mean previous_page?)"),
            "{problems:?}"
        );
        assert!(
            problems
                .last()
                .unwrap()
                .contains("your other keys are used")
        );
        assert_eq!(
            keymap.lookup(Mode::Reader, Key::char('x')),
            Some(&[Action::Quit][..])
        );
        assert_eq!(
            keymap.lookup(Mode::Reader, Key::char('z')),
            Some(&[Action::Top][..])
        );
        assert_eq!(keymap.lookup(Mode::Reader, Key::char('p')), None);
        assert_eq!(nearest_action("qwertyuiop"), None);
    }

    #[test]
    fn pane_keys_fall_through_to_the_reader_and_the_library_lists_only_its_own() {
        let keymap = Keymap::defaults();
        for mode in [Mode::Footnotes, Mode::Actors, Mode::Margin] {
            assert_eq!(
                keymap.lookup(mode, Key::char('m')),
                Some(&[Action::WriteNote][..]),
                "{mode:?}"
            );
            assert_eq!(
                keymap.lookup(mode, Key::char('>')),
                Some(&[Action::NextMarker][..])
            );
        }
        // The pane's own key wins over the reader's.
        assert_eq!(
            keymap.lookup(Mode::Footnotes, Key::char('j')),
            Some(&[Action::SelectNext][..])
        );
        let library: Vec<Action> = keymap
            .bindings(Mode::Library)
            .into_iter()
            .map(|(a, _)| a)
            .collect();
        assert!(!library.contains(&Action::OpenPalette), "{library:?}");
        assert!(!library.contains(&Action::Back), "{library:?}");
        assert!(library.contains(&Action::Quit));
    }

    #[test]
    fn help_lists_mode_and_global_keys() {
        let keymap = Keymap::defaults();
        let bindings = keymap.bindings(Mode::Reader);
        assert!(
            bindings
                .iter()
                .any(|(a, keys)| *a == Action::NextPage && keys.len() == 2)
        );
        assert!(bindings.iter().any(|(a, _)| *a == Action::Quit));
    }
}
