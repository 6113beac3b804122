//! The parser on the two papers gloss ships with.

use std::path::Path;

use gloss::document::{BlockKind, NoteKind, NoteStatus};
use gloss::{Document, parse_file};

fn fuller() -> Document {
    parse_file(Path::new("texts/fuller-2013-azerbaijan-foreign-policy.txt")).unwrap()
}

fn strakes() -> Document {
    parse_file(Path::new("texts/strakes-2015-beyond-eurasian-mediation.md")).unwrap()
}

fn sections(doc: &Document) -> Vec<(u8, &str)> {
    doc.sections
        .iter()
        .map(|s| (s.level, s.title.as_str()))
        .collect()
}

fn contains_text(doc: &Document, needle: &str) -> bool {
    doc.blocks.iter().any(|b| b.text().contains(needle))
}

/// No note's text is in the reading text.
fn assert_no_note_in_body(doc: &Document) {
    for note in &doc.footnotes {
        let text = note.text();
        if text.len() < 30 {
            continue;
        }
        let mut cut = text.len().min(80);
        while !text.is_char_boundary(cut) {
            cut += 1;
        }
        let probe = &text[..cut];
        assert!(
            !contains_text(doc, probe),
            "note {} text found in the body: {probe}",
            note.label
        );
    }
}

#[test]
fn fuller_notes() {
    let doc = fuller();
    let numbered: Vec<_> = doc
        .footnotes
        .iter()
        .filter(|f| f.kind == NoteKind::Numbered)
        .collect();
    assert_eq!(numbered.len(), 18);
    for (i, note) in numbered.iter().enumerate() {
        assert_eq!(note.label, (i + 1).to_string());
        assert_eq!(note.status, NoteStatus::Ok);
        assert!(
            !note.cited_in.is_empty(),
            "note {} is not cited",
            note.label
        );
    }
    let author = doc.footnotes.iter().find(|f| f.label == "*").unwrap();
    assert!(author.text().starts_with("Elizabeth Fuller is the editor"));
    assert_eq!(author.cited_in.len(), 1);
    let unmarked: Vec<_> = doc
        .footnotes
        .iter()
        .filter(|f| f.kind == NoteKind::Unmarked)
        .collect();
    assert_eq!(unmarked.len(), 1);
    assert!(
        unmarked[0]
            .text()
            .starts_with("Paper prepared for the Istituto Affari Internazionali")
    );
    assert_eq!(doc.footnotes.len(), 20);
    assert_no_note_in_body(&doc);
}

#[test]
fn fuller_stitched_paragraphs() {
    let doc = fuller();
    assert!(contains_text(
        &doc,
        "has not prevented sporadic exchanges of fire along the Line of Contact"
    ));
    assert!(contains_text(
        &doc,
        "the first of over a dozen to extract and export Azerbaijan's Caspian oil wealth"
    ));
    assert!(contains_text(
        &doc,
        "military support to Azerbaijan, which in turn would seriously damage"
    ));
    assert!(contains_text(
        &doc,
        "there have been protracted and at times acrimonious negotiations"
    ));
    assert!(contains_text(
        &doc,
        "in December 2011 - just months after the adoption"
    ));
    assert!(!contains_text(&doc, "Paper prepared for"));
}

#[test]
fn fuller_structure() {
    let doc = fuller();
    assert_eq!(
        sections(&doc),
        [
            (1, "Introduction"),
            (1, "1. Background"),
            (1, "2. Karabakh as a factor in foreign policy"),
            (1, "3. Regional context"),
            (2, "3.1. Russia"),
            (2, "3.2. Iran"),
            (2, "3.3. Turkey"),
            (2, "3.4. Georgia"),
            (1, "4. The US and the EU as “strategic partners”"),
            (
                1,
                "5. Other international partners and international organizations"
            ),
            (1, "Conclusion"),
        ]
    );
    assert_eq!(doc.sections[5].parent, Some(3));
    let meta = &doc.metadata;
    assert_eq!(
        meta.title.as_deref(),
        Some("Azerbaijan's Foreign Policy and the Nagorno-Karabakh Conflict")
    );
    assert_eq!(meta.authors, ["Elizabeth Fuller"]);
    assert!(
        meta.abstract_text
            .as_deref()
            .unwrap()
            .starts_with("The over-riding objective")
    );
    assert_eq!(meta.keywords.len(), 12);
    assert_eq!(meta.keywords[2], "Nagorno-Karabakh conflict");
    // Publisher pages after "Updated: 8 April 2013" are back matter.
    let updated = doc
        .blocks
        .iter()
        .position(|b| b.text() == "Updated: 8 April 2013")
        .unwrap();
    assert!(
        doc.blocks[updated..]
            .iter()
            .all(|b| b.kind == BlockKind::BackMatter)
    );
    assert!(
        doc.blocks[..updated]
            .iter()
            .all(|b| b.kind != BlockKind::BackMatter)
    );
    let front = doc
        .blocks
        .iter()
        .take_while(|b| b.kind == BlockKind::FrontMatter)
        .count();
    assert_eq!(doc.blocks[front].text(), "Introduction");
}

#[test]
fn strakes_notes() {
    let doc = strakes();
    assert_eq!(doc.footnotes.len(), 188);
    let labels: Vec<String> = doc.footnotes.iter().map(|f| f.label.clone()).collect();
    let expected: Vec<String> = (1..=188).map(|n| n.to_string()).collect();
    assert_eq!(labels, expected);
    let with = |status| {
        doc.footnotes
            .iter()
            .filter(|f| f.status == status)
            .map(|f| f.label.as_str())
            .collect::<Vec<_>>()
    };
    assert_eq!(with(NoteStatus::Ok).len(), 179);
    assert_eq!(
        with(NoteStatus::Empty),
        ["39", "53", "59", "68", "71", "83", "148"]
    );
    assert_eq!(with(NoteStatus::Missing), ["105", "106"]);
    assert!(doc.footnotes.iter().all(|f| !f.cited_in.is_empty()));
    assert_no_note_in_body(&doc);
}

#[test]
fn strakes_notes_that_run_over() {
    let doc = strakes();
    let note = |label: &str| {
        doc.footnotes
            .iter()
            .find(|f| f.label == label)
            .unwrap()
            .text()
            .to_owned()
    };
    assert!(
        note("56").contains(
            "under the auspices of the OSCE (\"Minsk Conference\"), Vienna, 23 March 1995"
        )
    );
    assert!(note("37").ends_with("(Helsinki) Declaration), Minnesota Human Rights Library."));
    assert!(note("19").contains("(New York: St. Martin's), 1995, pp. 1-24"));
    assert!(
        note("112").contains(
            "Conflict Studies Research Centre, Caucasus Series, May 2005, p. 3 file:///C:/"
        )
    );
    assert!(note("121").contains("Marcelo Caballero Torres”, Trend.Az, 28 December 2009."));
    assert!(note("101").contains("Putin's Grand Strategy: The Eurasian Union and Its Discontents"));
    assert!(note("9").ends_with("ministerial%20meeting.pdf"));
    assert!(note("152").ends_with("act=news&c_id=1594"));
}

#[test]
fn strakes_stitched_paragraphs() {
    let doc = strakes();
    assert!(contains_text(
        &doc,
        "introduced by second post-independence President Heydar Aliyev in the early 1990s, on 25 May 2011"
    ));
    assert!(contains_text(
        &doc,
        "the consolidation of the permanent Co-Chairs in 1997. Relative political capacity"
    ));
    assert!(contains_text(
        &doc,
        "Minsk Conference. In December 1996, the position held by Finland"
    ));
    assert!(contains_text(
        &doc,
        "contribute to the United Nations Fund for South-South Cooperation (UNFSSC)"
    ));
    assert!(contains_text(
        &doc,
        "the ICAPP 7th General Assembly by Caucasus Elections Watch:"
    ));
    assert!(contains_text(
        &doc,
        "This negative evaluation was also expressed through an increasing appeal"
    ));
}

#[test]
fn strakes_structure() {
    let doc = strakes();
    assert_eq!(
        sections(&doc),
        [
            (1, "Introduction"),
            (1, "Conceptual and Theoretical Foundations"),
            (
                1,
                "Evolution of the Minsk Process: From Conference to Hierarchy"
            ),
            (
                1,
                "Azerbaijan and Global South Diplomacy: A New Approach to Nagorno-Karabakh?"
            ),
            (2, "NAM as an Alternative to European Institutions"),
            (2, "NAM and Azerbaijan's Extraregional Diplomacy"),
            (
                2,
                "Azerbaijan’s Participation in Other Asian-African Institutions"
            ),
            (
                1,
                "“Feedback Loop”: Potential Impacts on Conflict Resolution"
            ),
            (1, "Conclusion and Policy Recommendations"),
        ]
    );
    for sub in 4..=6 {
        assert_eq!(doc.sections[sub].parent, Some(3));
    }
    assert_eq!(
        doc.metadata.title.as_deref(),
        Some(
            "Beyond Eurasian Mediation: The Nagorno-Karabakh Conflict and Azerbaijan's Global South Diplomacy"
        )
    );
    assert_eq!(doc.metadata.authors, ["Jason E. Strakes"]);
    let toc = doc.blocks.iter().find_map(|b| match &b.kind {
        BlockKind::Toc(entries) => Some(entries),
        _ => None,
    });
    let toc = toc.unwrap();
    assert_eq!(toc.len(), 9);
    assert_eq!(toc.iter().filter(|e| e.level == 2).count(), 3);
    assert_eq!(toc[8].page, Some(36));
}

#[test]
fn strakes_table_and_figures() {
    let doc = strakes();
    let table = doc
        .blocks
        .iter()
        .find(|b| matches!(b.kind, BlockKind::Table(_)))
        .unwrap();
    assert_eq!(
        table.text(),
        "Table 1 Azerbaijani Status Quo Evaluations and Participation in NAM 1995-2004"
    );
    let BlockKind::Table(t) = &table.kind else {
        unreachable!()
    };
    assert_eq!(t.header_rows, 2);
    assert_eq!(t.rows.len(), 12);
    assert!(t.rows.iter().all(|r| r.len() == 5));
    assert_eq!(t.rows[1][2], "Response to Settlement Proposal");
    assert_eq!(t.rows[2][4], "Ministerial Meeting, 11th Summit");
    assert_eq!(t.rows[11][0], "2004");
    let figures: Vec<_> = doc
        .blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Figure { image: None }))
        .collect();
    assert_eq!(figures.len(), 2);
    assert!(
        figures[1]
            .text()
            .contains("\nSource: Marina Arbetman-Rabinowitz")
    );
    let quotes = doc
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Quote)
        .count();
    assert_eq!(quotes, 2);
}

#[test]
fn every_block_traces_to_its_source() {
    for doc in [fuller(), strakes()] {
        let text = std::fs::read_to_string(&doc.path).unwrap();
        for block in &doc.blocks {
            assert!(!block.spans.is_empty());
            for range in &block.spans {
                assert!(range.start < range.end && range.end <= text.len());
                assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
            }
        }
    }
}
