//! What the library says of a paper before it is opened: its title,
//! authors and year, read from papers as converters give them.

use std::path::{Path, PathBuf};

use gloss::papers::{Listing, PaperOrigin};

fn listing(name: &str) -> Listing {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus/shared")
        .join(name);
    let document = gloss::parse_file(Path::new(&path)).unwrap();
    Listing::of(&PaperOrigin::File(path), &document)
}

#[test]
fn a_preprints_authors_set_apart_by_affiliation_marks_are_read() {
    let longformer = listing("marker_2004.05150.md");
    assert_eq!(
        longformer.authors,
        ["Iz Beltagy", "Matthew E. Peters", "Arman Cohan"]
    );
    assert_eq!(longformer.year, Some(2020), "from its arXiv identifier");
    let rlaif = listing("marker_2309.00267.md");
    assert_eq!(
        rlaif.authors.first().map(String::as_str),
        Some("Harrison Lee")
    );
    assert_eq!(rlaif.authors.len(), 11);
    // Not "Bai et al. (2022b)", cited in its abstract.
    assert_eq!(rlaif.year, Some(2023));
}

#[test]
fn a_chapter_of_a_book_is_not_titled_by_its_chapter_line() {
    let name = "gutenberg_17074_pianoforte-sonata_ch10-11-index-footnotes.txt";
    let chapter = listing(name);
    assert!(!chapter.title.starts_with("CHAPTER"), "{}", chapter.title);
}
