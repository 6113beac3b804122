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

/// Built-in paper `paper` (0: Fuller, 1: Strakes) open on a `width`×`height`
/// screen, positions and margin notes in memory.
pub fn open_built_in(paper: usize, (width, height): (u16, u16)) -> App {
    App::new(
        vec![crate::papers::PaperOrigin::BuiltIn(paper)],
        super::Keymap::defaults(),
        super::positions::Positions::in_memory(),
        width,
        height,
    )
}

/// A library of the two built-in papers as files in a folder, indexed, with
/// the app listing them from the index (which it keeps open).
pub fn indexed_library() -> (tempfile::TempDir, App) {
    use crate::index::{Index, indexer};
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for (name, text) in crate::papers::BUILT_IN {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        files.push(path);
    }
    let (mut index, _) = Index::open(&dir.path().join("library.sqlite")).unwrap();
    let stop = std::sync::atomic::AtomicBool::new(false);
    indexer::update(&mut index, &files, None, &stop, &mut |_| {}).unwrap();
    let sources = files
        .into_iter()
        .map(crate::papers::PaperOrigin::File)
        .collect();
    let entries = super::indexing::entries(sources, &index).unwrap();
    let mut app = App::with_entries(
        entries,
        super::Keymap::defaults(),
        super::positions::Positions::in_memory(),
        None,
        (120, 40),
    );
    app.index = Some(index);
    (dir, app)
}
