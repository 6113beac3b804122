//! What the index keeps of a paper, read from the parsed paper.

use std::path::PathBuf;

use crate::actors::ActorIndex;
use crate::citations::Bibliography;
use crate::document::{Document, NoteStatus};
use crate::papers::{Listing, PaperOrigin};

/// One row of the full-text table: a block of text, a footnote or a margin note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextRow {
    /// "text", "note" or "margin".
    pub kind: &'static str,
    /// The section it is in ("" before the first).
    pub section: String,
    /// The block's index, or the note's label.
    pub place: String,
    pub body: String,
}

/// The full-text rows of a paper's margin notes (each note's text and the
/// text it is on).
pub fn margin_rows(margin: &[(String, String)]) -> impl Iterator<Item = TextRow> + '_ {
    margin.iter().map(|(text, quote)| TextRow {
        kind: "margin",
        section: String::new(),
        place: String::new(),
        body: format!("{text}\n{quote}"),
    })
}

/// The file a paper was read from, as the index saw it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PaperFile {
    /// The paper's key (its full path, see `PaperOrigin::key`).
    pub key: String,
    pub path: PathBuf,
    /// The file's name, as shown.
    pub name: String,
    pub size: u64,
    pub mtime: i64,
    /// The fingerprint its margin notes are filed under, or `unreadable-…`.
    pub fingerprint: String,
}

/// A paper read afresh, as the index stores it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PaperRecord {
    pub file: PaperFile,
    pub listing: Listing,
    /// (level, title) of each section.
    pub sections: Vec<(u8, String)>,
    /// (name, kind, mentions) of each actor.
    pub actors: Vec<(String, &'static str, usize)>,
    /// (label, kind, year, times cited) of each source.
    pub sources: Vec<(String, &'static str, Option<String>, usize)>,
    pub texts: Vec<TextRow>,
}

impl PaperRecord {
    /// What the index keeps of a parsed paper; `margin` holds the paper's
    /// margin notes (text and the text they are on).
    pub fn of(
        source: &PaperOrigin,
        document: &Document,
        actors: &ActorIndex,
        bibliography: &Bibliography,
        margin: &[(String, String)],
    ) -> Self {
        let section_of = |block: usize| {
            document
                .section_of(block)
                .map_or_else(String::new, |s| document.sections[s].title.clone())
        };
        let mut texts: Vec<TextRow> = document
            .blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| !b.text().is_empty())
            .map(|(i, b)| TextRow {
                kind: "text",
                section: section_of(i),
                // Where the hit is, as `gloss --at` reads it ("§3 ¶12", "p. 12").
                place: document
                    .location_of(crate::document::Position {
                        block: i,
                        offset: 0,
                    })
                    .to_string(),
                body: b.text().to_owned(),
            })
            .collect();
        texts.extend(
            document
                .footnotes
                .iter()
                .filter(|f| f.status == NoteStatus::Ok)
                .map(|f| TextRow {
                    kind: "note",
                    section: f.home_block.map(section_of).unwrap_or_default(),
                    place: f.label.clone(),
                    body: f.text().to_owned(),
                }),
        );
        texts.extend(margin_rows(margin));
        Self {
            listing: Listing {
                margin_notes: margin.len(),
                ..Listing::of(source, document)
            },
            sections: document
                .sections
                .iter()
                .map(|s| (s.level, s.title.clone()))
                .collect(),
            actors: actors
                .actors
                .iter()
                .map(|a| (a.name.clone(), a.kind.name(), a.mentions.len()))
                .collect(),
            sources: bibliography
                .sources
                .iter()
                .filter(|s| s.names_a_work())
                .map(|s| {
                    (
                        s.label(200),
                        s.kind.name(),
                        s.fields.year.clone(),
                        s.cited_in.len(),
                    )
                })
                .collect(),
            texts,
            ..Self::default()
        }
    }
}
