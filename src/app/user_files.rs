//! Where the user's own files are: the keymap and settings to edit, the
//! notes, positions and index gloss keeps. The help and the plain mode name
//! them, so that nobody has to guess an XDG folder.

use std::path::PathBuf;

use crate::files::Folder;

/// What the keymap is called among the files.
pub const KEYMAP: &str = "your keys";

/// Each file a user may look for, with what it is.
pub fn user_files() -> Vec<(&'static str, PathBuf)> {
    let config = Folder::Config.path();
    [
        (KEYMAP, config.as_ref().map(|dir| dir.join("keymap.toml"))),
        (
            "your settings",
            config.as_ref().map(|dir| dir.join("config.toml")),
        ),
        (
            "margin notes",
            crate::margin_notes::store::margin_notes_dir(),
        ),
        (
            "reading positions",
            super::positions::Positions::default_file(),
        ),
        ("library index", crate::index::default_path()),
    ]
    .into_iter()
    .filter_map(|(what, path)| Some((what, path?)))
    .collect()
}

/// The files, a line each, saying which do not exist yet.
pub fn describe(files: &[(&'static str, PathBuf)]) -> String {
    files
        .iter()
        .map(|(what, path)| {
            let state = if path.exists() { "" } else { " (not made yet)" };
            format!(
                "{what}: {}{state}\n",
                crate::text::clean_line(&path.display().to_string())
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_say_whether_they_exist() {
        let dir = std::env::temp_dir();
        let files = [
            ("here", dir.clone()),
            ("missing", dir.join("gloss-no-such-file-\u{1b}[31m")),
        ];
        let text = describe(&files);
        assert!(text.starts_with(&format!("here: {}\n", dir.display())));
        assert!(
            text.contains("gloss-no-such-file- (not made yet)\n"),
            "{text}"
        );
    }
}
