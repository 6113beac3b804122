//! Citations on the shipped papers and on the corpus's Turner files:
//! short forms resolved, one source per work.

use gloss::citations::{Bibliography, Form};
use gloss::document::NoteStatus;

fn read(path: &str) -> (gloss::Document, Bibliography) {
    let document = gloss::parse_file(std::path::Path::new(path)).unwrap();
    let bibliography = Bibliography::of(&document);
    (document, bibliography)
}

fn note(document: &gloss::Document, label: &str) -> usize {
    document
        .footnotes
        .iter()
        .position(|f| f.label == label)
        .unwrap_or_else(|| panic!("no note {label}"))
}

fn first_source(document: &gloss::Document, b: &Bibliography, label: &str) -> Option<usize> {
    b.citations(note(document, label))
        .first()
        .and_then(|c| c.source)
}

#[test]
fn strakes_ibids_resolve_to_the_note_before() {
    let (document, b) = read("texts/strakes-2015-beyond-eurasian-mediation.md");
    for (ibid, full) in [("35", "34"), ("50", "49"), ("87", "86"), ("127", "126")] {
        let citations = b.citations(note(&document, ibid));
        assert_eq!(citations.len(), 1, "note {ibid}: {citations:?}");
        assert_eq!(citations[0].form, Form::Ibid, "note {ibid}");
        assert!(citations[0].source.is_some(), "note {ibid} unresolved");
        assert_eq!(
            citations[0].source,
            first_source(&document, &b, full),
            "note {ibid} should cite the source of note {full}"
        );
    }
    assert_eq!(
        b.citations(note(&document, "50"))[0].pages.as_deref(),
        Some("470-471")
    );
}

#[test]
fn strakes_interview_is_one_source() {
    let (document, b) = read("texts/strakes-2015-beyond-eurasian-mediation.md");
    let interview = first_source(&document, &b, "126").unwrap();
    for label in ["127", "134", "179"] {
        assert_eq!(
            first_source(&document, &b, label),
            Some(interview),
            "note {label}"
        );
    }
    let cited: Vec<&str> = b.sources[interview]
        .cited_in
        .iter()
        .map(|c| document.footnotes[c.note].label.as_str())
        .collect();
    assert_eq!(cited, ["126", "127", "134", "179"]);
}

#[test]
fn every_strakes_note_with_text_cites_or_comments() {
    let (document, b) = read("texts/strakes-2015-beyond-eurasian-mediation.md");
    let mut commentary = 0;
    for (i, f) in document.footnotes.iter().enumerate() {
        if f.status != NoteStatus::Ok {
            assert!(b.citations(i).is_empty());
            continue;
        }
        if b.is_commentary(i) {
            commentary += 1;
        }
    }
    // Notes 24, 79 and the like only comment; most notes cite.
    assert!(
        (3..20).contains(&commentary),
        "{commentary} commentary notes"
    );
    for label in ["24", "77", "79"] {
        assert!(b.is_commentary(note(&document, label)), "note {label}");
    }
    for label in ["1", "5", "45", "97"] {
        assert!(!b.is_commentary(note(&document, label)), "note {label}");
    }
}

#[test]
fn every_ibid_and_loc_cit_in_turners_old_west_resolves_to_an_earlier_source() {
    for path in [
        "tests/corpus/shared/pdftotext-layout_turner-old-west_a4-10.txt",
        "tests/corpus/shared/pymupdf4llm_turner-old-west_letter11.md",
    ] {
        let (document, b) = read(path);
        let mut short = 0;
        for (n, citations) in b.notes.iter().enumerate() {
            for citation in citations {
                if !matches!(citation.form, Form::Ibid | Form::LocCit | Form::OpCit) {
                    continue;
                }
                short += 1;
                let source = citation.source.unwrap_or_else(|| {
                    panic!("{path}: note {} unresolved", document.footnotes[n].label)
                });
                // Cited earlier: its first citation is in an earlier note (or earlier in this one).
                let first = b.sources[source].cited_in.first().unwrap().note;
                assert!(first <= n, "{path}: note {}", document.footnotes[n].label);
                let cited_before = b.notes[..=n]
                    .iter()
                    .flatten()
                    .any(|c| c.source == Some(source) && c.form == Form::Full);
                assert!(cited_before, "{path}: note {}", document.footnotes[n].label);
            }
        }
        assert!(short >= 15, "{path}: {short} short forms");
    }
}
