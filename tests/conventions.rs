//! What the scorer cannot see in the conventions fixtures
//! (`tests/corpus/conventions/`): which marker binds to which note, the
//! words small capitals make, the levels of headings.

use gloss::document::Document;

fn fixture(name: &str) -> Document {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus/conventions")
        .join(name);
    gloss::parse_file(&path).expect("fixture reads")
}

/// (label, whether cited, first words) of every note.
fn notes(doc: &Document) -> Vec<(String, bool, String)> {
    doc.footnotes
        .iter()
        .map(|f| {
            let words: Vec<&str> = f.text().split_whitespace().take(3).collect();
            (f.label.clone(), !f.cited_in.is_empty(), words.join(" "))
        })
        .collect()
}

fn sections(doc: &Document) -> Vec<(u8, String)> {
    doc.sections
        .iter()
        .map(|s| (s.level, s.title.clone()))
        .collect()
}

#[test]
fn latex_superscripts_bind_to_footnote_lines() {
    let doc = fixture("pandoc_footnote-lines_latex-markers.md");
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
    assert_eq!(doc.footnotes.len(), 5);
    assert!(doc.footnotes.iter().all(|f| f.cited_in.len() == 1));
    assert!(
        doc.blocks
            .iter()
            .all(|b| !b.text().contains('$') && !b.text().contains("{}^")),
        "no LaTeX left in the text"
    );
}

#[test]
fn period_labels_and_a_numbering_afresh_in_an_appendix() {
    let doc = fixture("marker_sup-period-labels_appendix.md");
    let found = notes(&doc);
    assert_eq!(
        found[0],
        ("*".to_owned(), true, "The author thanks".to_owned())
    );
    // The appendix cites its own 1 and 2.
    let appendix = doc
        .blocks
        .iter()
        .find(|b| b.text().starts_with("The interviews"))
        .expect("the appendix paragraph");
    let cited: Vec<&str> = appendix
        .content
        .markers
        .iter()
        .map(|m| doc.footnotes[m.note].text())
        .collect();
    assert_eq!(cited.len(), 2);
    assert!(
        cited[0].starts_with("Interview with a former envoy"),
        "{cited:?}"
    );
    assert!(cited[1].starts_with("Recordings are held"), "{cited:?}");
}

#[test]
fn ocr_note_paragraphs_and_markers_set_apart() {
    let doc = fixture("docling_law-review_ocr.md");
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
    let labels: Vec<String> = notes(&doc).into_iter().map(|n| n.0).collect();
    assert_eq!(labels, ["*", "1", "2", "3", "4", "5", "6", "7", "8"]);
    assert!(doc.footnotes.iter().all(|f| f.cited_in.len() == 1));
    let body = doc
        .blocks
        .iter()
        .find(|b| b.text().starts_with("Prosecutors hold"))
        .expect("the first paragraph");
    assert!(!body.text().contains(" 1 "), "{}", body.text());
}

#[test]
fn small_capitals_read_as_words() {
    let doc = fixture("pdftotext_small-caps.txt");
    let titles: Vec<String> = sections(&doc).into_iter().map(|s| s.1).collect();
    assert_eq!(titles, ["INTRODUCTION", "THE FIRST YEARS"]);
    assert!(
        doc.footnotes[0]
            .text()
            .starts_with("CHARLES FRANCIS ADAMS, ed.")
    );
    assert!(
        doc.footnotes[3]
            .text()
            .ends_with("in BUTTERFIELD, ii, p. 349.")
    );
}

#[test]
fn parts_chapters_and_numerals_nest() {
    let doc = fixture("pdftotext-layout_part-and-roman-headings.txt");
    assert_eq!(
        sections(&doc),
        [
            (1, "PART I. THE CONFERENCE".to_owned()),
            (2, "CHAPTER I. The Council.".to_owned()),
            (3, "I".to_owned()),
            (3, "II".to_owned()),
            (2, "CHAPTER II. The Treaty.".to_owned()),
            (1, "PART II. THE SETTLEMENT".to_owned()),
        ]
    );
    // "II" heads a page's text; the page is numbered 2 below it.
    assert_eq!(doc.pages.len(), 2);
    assert_eq!(doc.pages[1].number.as_deref(), Some("2"));
}

#[test]
fn superscript_endnotes_and_return_links() {
    let doc = fixture("html2text_superscript-endnotes.txt");
    assert_eq!(doc.footnotes.len(), 9);
    assert!(doc.footnotes.iter().all(|f| f.cited_in.len() == 1));
    let doc = fixture("gutenberg-html_footnote-return.txt");
    assert!(doc.footnotes.iter().all(|f| !f.text().contains("(return)")));
    assert!(doc.footnotes.iter().all(|f| f.cited_in.len() == 1));
}

#[test]
fn a_marker_raised_over_its_title_and_titles_over_two_lines() {
    let doc = fixture("pdfplumber_raised-markers_two-line-titles.txt");
    assert_eq!(doc.metadata.title.as_deref(), Some("The Middle West"));
    // The "∗" pdfplumber set on a line above the title marks the title.
    let first = &doc.footnotes[0];
    assert_eq!(first.label, "*");
    assert_eq!(first.cited_in, [0]);
    assert!(doc.footnotes.iter().all(|f| f.cited_in.len() == 1));
    // Two lines of a title, hyphenated or not, are one heading; a line of
    // words run together is a sentence, not a heading.
    assert_eq!(
        sections(&doc),
        [
            (
                1,
                "The Significance of the Mississippi Valley in American History".to_owned()
            ),
            (1, "The Ohio Valley in American History".to_owned()),
        ]
    );
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
}
