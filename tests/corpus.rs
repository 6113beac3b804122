//! The converter corpus (`tests/corpus/`) scored as `../shared/corpus/score`
//! scores it: notes found whole, note text kept out of the body, paragraphs
//! cut by a page joined again, headings at their level. Each document has a
//! floor; a change that lowers a score below it fails here.

mod common;

use std::path::Path;

use common::score;
use serde_json::Value;

/// Scores every document of a corpus folder against its floor (in percent).
fn check(folder: &str, floors: &[(&str, f64)]) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(folder);
    let gold: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("gold.json")).unwrap()).unwrap();
    let documents = gold.as_object().unwrap();
    assert_eq!(
        documents.len(),
        floors.len(),
        "a floor for every document of {folder}"
    );
    let mut failures = Vec::new();
    let mut report = String::new();
    for (name, floor) in floors {
        let doc = gloss::parse_file(&dir.join(name)).unwrap();
        let score = score(&doc, &documents[*name]);
        assert!(score.checks > 0, "{name}: its gold checks nothing");
        let percent = score.ratio() * 100.0;
        report.push_str(&format!("{percent:6.1}%  {name}\n"));
        if percent + 1e-9 < *floor {
            failures.push(format!(
                "{name}: {percent:.1}% (floor {floor}%): {:#?}",
                &score.misses[..score.misses.len().min(8)]
            ));
        }
    }
    eprintln!("{report}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn shared_corpus() {
    check(
        "shared",
        &[
            ("pdftotext_turner-frontier_letter11.txt", 99.9),
            ("pdfplumber_turner-frontier_a4-12.txt", 99.1),
            ("pymupdf4llm_turner-massachusetts_a4-11.md", 99.9),
            ("pdfminer_turner-massachusetts_twocol-letter10.txt", 99.9),
            ("pdftotext-layout_turner-old-west_a4-10.txt", 99.1),
            ("pymupdf4llm_turner-old-west_letter11.md", 99.9),
            ("marker_2004.05150.md", 95.9),
            ("marker_2309.00267.md", 95.5),
            (
                "gutenberg_17074_pianoforte-sonata_ch10-11-index-footnotes.txt",
                99.9,
            ),
        ],
    );
}

#[test]
fn generated_corpus() {
    check(
        "generated",
        &[
            ("pdftotext_turner-ch1_perpage-letter11.txt", 99.9),
            ("pdftotext_turner-ch3_twocol-letter10-head.txt", 98.8),
            ("pdftotext-layout_turner-ch2_symbols-a4-11-head.txt", 99.9),
            ("pdftotext-raw_turner-ch3_footnotes-letter12.txt", 99.9),
            ("pdftotext-raw_turner-ch4-8_endnotes-letter12.txt", 99.9),
            ("pdfplumber_turner-ch2_endnotes-letter11-head.txt", 99.1),
            ("pdfminer_turner-ch1_twocol-a4-10.txt", 93.9),
            ("pdfminer_turner-ch12-13_perpage-a4-11.txt", 99.9),
            ("pypdf_turner-ch3_perpage-a4-11-head.txt", 99.2),
            ("pypdf_turner-ch9-13_symbols-letter11.txt", 98.5),
            ("mutool_turner-ch2_footnotes-a4-12.txt", 99.9),
            ("mutool_turner-ch1_symbols-letter12-head.txt", 99.9),
            ("pymupdf4llm_turner-ch1_endnotes-a4-12.md", 96.5),
            ("pymupdf4llm_turner-ch6-13_footnotes-letter10.md", 97.4),
            (
                "pdftotext_turner-ch4-6_endnotes-letter12-palatino-head.txt",
                99.9,
            ),
            (
                "pymupdf4llm_turner-ch4-6_footnotes-letter12-palatino-head.md",
                92.3,
            ),
            (
                "mutool_turner-ch4-6_twocol-letter12-palatino-head.txt",
                94.4,
            ),
            (
                "pdfminer_turner-ch4-6_symbols-letter12-palatino-head.txt",
                98.4,
            ),
            (
                "pypdf_turner-ch4-6_perpage-letter12-palatino-head.txt",
                98.4,
            ),
            // One note a page, its label on a line of its own, rising like
            // the page numbers the running head already prints.
            (
                "pdftotext-raw_turner-ch12_footnotes-letter12-charter-head.txt",
                99.9,
            ),
            (
                "pdftotext-layout_turner-ch12_footnotes-letter12-charter-head.txt",
                99.9,
            ),
            // Labels set apart from their notes' text: above it past a blank
            // line, or after the page's last note.
            ("pdftotext_turner-ch1_footnotes-a4-11-charter.txt", 98.2),
            // A petition's numbered list ("1 That yor Honrs…") above a page's
            // notes, numbered through the chapter and afresh on each page.
            ("pdftotext_turner-ch2_footnotes-a4-10-times.txt", 99.2),
            ("pdftotext_turner-ch2_perpage-a4-10-times.txt", 99.2),
            // Symbols set apart from their notes: "†" alone after the page's
            // last note, its text run into the "*" note before.
            ("pdftotext_turner-ch3_symbols-a4-12-lm-head.txt", 97.4),
            // Two columns read in turn: the page number between them, a
            // note's label alone at the page's end, a note's last line after
            // the right column.
            (
                "pdftotext_turner-ch12_twocol-letter12-charter-head.txt",
                99.9,
            ),
            (
                "pdftotext-layout_turner-ch12_twocol-letter12-charter-head.txt",
                99.9,
            ),
            // Words glued together on tight lines (pdfplumber): a marker
            // glued on both sides ("Andover,11Billerica"); a petition's
            // numbered list above a page of notes marked with symbols.
            ("pdfplumber_turner-ch2_footnotes-a4-10-times.txt", 96.7),
            ("pdfplumber_turner-ch2_symbols-a4-10-times.txt", 99.1),
            // The same petition in Markdown, above notes in blockquotes
            // numbered afresh on each page.
            ("pymupdf4llm_turner-ch2_perpage-a4-10-times.md", 97.5),
            // The list's last item just above the blockquoted notes.
            (
                "pymupdf4llm_turner-ch2_perpage-letter11-charter-head.md",
                99.1,
            ),
            // A symbol note written as a list item ("- ∗ _Atlantic Monthly_").
            ("pymupdf4llm_turner-ch9-11_symbols-a4-12-lm-head.md", 99.9),
            // A column printed before the one whose sentence it finishes
            // (the right column's top, higher than the left's under the
            // title); two columns' notes set on one line ("…Coun35 Hale").
            ("pdftotext_turner-ch1_twocol-letter11.txt", 95.0),
            ("pymupdf4llm_turner-ch4-6_twocol-a4-10-head.md", 96.0),
            // Without blank lines, a column's notes giving way to the next
            // column: a note's tail from the column before between the cut
            // body and the notes; the next column's first words glued.
            ("pdfminer_turner-ch2_twocol-letter10-lm-head.txt", 97.0),
            ("pypdf_turner-ch2_twocol-letter10-lm-head.txt", 91.1),
        ],
    );
}

/// Conventions no document of the shared corpus shows, each in a small
/// fixture written from how its converter behaves.
#[test]
fn conventions_corpus() {
    check(
        "conventions",
        &[
            // <sup>3.</sup> note lines, a <sup>∗</sup> author note, numbering
            // afresh in an appendix.
            ("marker_sup-period-labels_appendix.md", 99.9),
            // "Footnote 3:" paragraphs, markers as \({}^{3}\), $^{3}$, ^3^.
            ("pandoc_footnote-lines_latex-markers.md", 99.9),
            // Endnotes marked ¹⁷ in the text and listed as "¹⁷." lines.
            ("html2text_superscript-endnotes.txt", 99.9),
            // "Footnote 3: (return) …" under FOOTNOTES:.
            ("gutenberg-html_footnote-return.txt", 99.9),
            // OCR: "## " headings, note paragraphs "12 …" among the body's,
            // markers set apart ("actor. 1 Their"), an author note "*", Id.
            ("docling_law-review_ocr.md", 99.9),
            // Letter-spaced small capitals in headings and notes.
            ("pdftotext_small-caps.txt", 99.9),
            // PART I. over its title, CHAPTER I. The Council., IV alone.
            ("pdftotext-layout_part-and-roman-headings.txt", 99.9),
            // A "∗" pdfplumber set on its own line above the title it marks,
            // titles over two lines, lines of words run together.
            ("pdfplumber_raised-markers_two-line-titles.txt", 99.9),
            // Without blank lines, a column's notes, then the next column
            // going on with the body's cut sentence in lowercase.
            ("pdftotext-raw_column-notes-then-body.txt", 99.9),
            // A note's further paragraphs written without its `>`, between
            // the body's cut sentence and its going on.
            ("pymupdf4llm_note-paragraphs-without-quote.md", 99.9),
        ],
    );
}
