//! Pressing keys in tests, in the keymap's notation.

use super::{App, Key};

/// Presses `keys`, separated by spaces ("ctrl-p i r a n enter").
pub fn press(app: &mut App, keys: &str) {
    for key in keys.split(' ') {
        app.handle_key(Key::parse(key).unwrap_or_else(|| panic!("not a key: {key}")));
    }
}

/// Types `text`, one character a key.
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.handle_key(Key::char(c));
    }
}
