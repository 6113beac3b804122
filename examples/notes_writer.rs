//! Test helper: adds notes to a paper's notes file, saving after each one.
//! `notes_writer DIR COUNT LABEL` (COUNT 0: until killed). Used by the
//! durability tests, which kill it at random instants.

use gloss::margin_notes::{Anchor, MarginNoteStore};

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(dir), Some(count), Some(label)) = (args.next(), args.next(), args.next()) else {
        eprintln!("usage: notes_writer DIR COUNT LABEL");
        std::process::exit(2);
    };
    let count: usize = count.parse().unwrap_or(1);
    let document = gloss::parse_text(
        "Title\n\nIntroduction\n\nA paragraph to write notes on, long enough for context.\n",
    );
    let (mut store, problem) = MarginNoteStore::open(
        std::path::Path::new(&dir),
        "paper.md",
        "here",
        "f00d",
        || None,
    );
    if let Some(problem) = problem {
        eprintln!("{problem}");
        std::process::exit(1);
    }
    let mut written = 0;
    while count == 0 || written < count {
        let Some(anchor) = Anchor::new(&document, 2, 2, 11) else {
            std::process::exit(1);
        };
        if let Err(error) = store.add(anchor, &format!("{label} note {written} #test")) {
            eprintln!("{error}");
            std::process::exit(1);
        }
        written += 1;
    }
}
