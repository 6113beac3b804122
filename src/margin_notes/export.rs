//! `gloss notes export` and `import`: the notes of a paper as Markdown (for
//! people) or JSON (the storage schema, for tools and for importing back).

use super::anchor::Placement;
use super::store::{MarginNote, MarginNoteStore, MarginNotesFile};
use crate::document::Document;

/// The title of the section a placed note is in.
fn section_title(document: &Document, placement: &Placement) -> String {
    document
        .section_of(placement.block)
        .map_or("Front matter".to_owned(), |s| {
            document.sections[s].title.clone()
        })
}

/// Where a placed note is, in words that do not depend on pages or widths:
/// the section and the paragraph within it (as `gloss --at` reads them),
/// the span, and the page of the original where the paper has pages.
pub fn location(document: &Document, placement: &Placement) -> String {
    let title = section_title(document, placement);
    let paragraph = document.paragraph_location(placement.position());
    let on = |length: usize, whole: &str| {
        if placement.start == 0 && placement.end >= length {
            whole.to_owned()
        } else {
            format!("characters {}–{}", placement.start, placement.end)
        }
    };
    let span = match placement.footnote.and_then(|n| document.footnotes.get(n)) {
        Some(note) => format!(
            "note {}, {}",
            note.label,
            on(note.text().len(), "the whole note")
        ),
        None => on(
            document
                .blocks
                .get(placement.block)
                .map_or(0, |b| b.text().len()),
            "the whole paragraph",
        ),
    };
    let page = page_of(document, placement)
        .map(|p| format!(", page {p}"))
        .unwrap_or_default();
    format!("{title}, {paragraph}, {span}{page}")
}

/// The page of the original a placed note is on, where the paper has pages.
pub fn page_of(document: &Document, placement: &Placement) -> Option<String> {
    let at = placement.position();
    let offset = document.source_offset(at.block, at.offset)?;
    document.page_at(offset)
}

/// Where a note is, briefly, for lists: "Introduction · p. 3", or
/// "Introduction · §2 ¶3" where the paper shows no pages.
pub fn brief_location(document: &Document, placement: &Placement) -> String {
    let title = section_title(document, placement);
    format!("{title} · {}", document.location_of(placement.position()))
}

/// The notes with their placements, in reading order; orphans last.
pub fn in_reading_order<'a>(
    store: &'a MarginNoteStore,
    document: &Document,
) -> Vec<(&'a MarginNote, Option<Placement>)> {
    let mut notes: Vec<(&MarginNote, Option<Placement>)> = store
        .notes()
        .map(|n| (n, n.anchor.place(document)))
        .collect();
    notes.sort_by_key(|(note, placement)| match placement {
        Some(p) => (0, p.block, p.start, note.created),
        None => (1, note.anchor.block, note.anchor.start, note.created),
    });
    notes
}

fn quote_block(text: &str) -> String {
    const LONGEST: usize = 400;
    let mut quote: String = text.chars().take(LONGEST).collect();
    if quote.len() < text.len() {
        quote.push('…');
    }
    format!("> {}", quote.replace('\n', "\n> "))
}

/// A note's text as Markdown that keeps its line breaks: a line followed by
/// another ends in a hard break (two spaces); blank lines stay paragraph breaks.
fn with_line_breaks(text: &str) -> String {
    let lines: Vec<&str> = text.trim().lines().map(str::trim_end).collect();
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        out.push_str(line);
        if let Some(next) = lines.get(i + 1) {
            if !line.is_empty() && !next.is_empty() {
                out.push_str("  ");
            }
            out.push('\n');
        }
    }
    out
}

pub fn to_markdown(store: &MarginNoteStore, document: &Document) -> String {
    to_markdown_from(store, document, None)
}

/// A shell word: `text` in single quotes, its own quotes escaped.
fn shell_word(text: &str) -> String {
    format!("'{}'", text.replace('\'', "'\\''"))
}

/// [`to_markdown`], each placed note with the command that reopens gloss
/// at it when the paper's `path` is known.
pub fn to_markdown_from(
    store: &MarginNoteStore,
    document: &Document,
    path: Option<&str>,
) -> String {
    let title = document
        .metadata
        .title
        .clone()
        .unwrap_or_else(|| store.file.paper.clone());
    let mut out = format!("# Notes on {title}\n\n");
    let notes = in_reading_order(store, document);
    if notes.is_empty() {
        out.push_str("No notes yet.\n");
        return out;
    }
    let mut current_section: Option<Option<usize>> = None;
    let mut orphans_started = false;
    for (note, placement) in notes {
        match placement {
            Some(p) => {
                let section = document.section_of(p.block);
                if current_section != Some(section) {
                    let heading = section.map_or("Front matter".to_owned(), |s| {
                        document.sections[s].title.clone()
                    });
                    out.push_str(&format!("## {heading}\n\n"));
                    current_section = Some(section);
                }
                out.push_str(&quote_block(
                    &document.blocks[p.block].text()[p.start..p.end],
                ));
                out.push_str(&format!("\n\n{}\n\n", with_line_breaks(&note.text)));
                out.push_str(&format!("*Location:* {}", location(document, &p)));
                if let Some(path) = path {
                    let at = document.location_of(p.position());
                    out.push_str(&format!(
                        " · *Open:* `gloss {} --at {}`",
                        shell_word(&crate::text::clean_line(path)),
                        shell_word(&at.to_string())
                    ));
                }
            }
            None => {
                if !orphans_started {
                    out.push_str(
                        "## Notes that could not be placed in this version of the paper\n\n",
                    );
                    orphans_started = true;
                }
                out.push_str(&quote_block(&note.anchor.quote));
                out.push_str(&format!(
                    "\n\n{}\n\n*Location:* was at paragraph {} of the earlier text",
                    with_line_breaks(&note.text),
                    note.anchor.block
                ));
            }
        }
        let tags = note.tags();
        if !tags.is_empty() {
            let tags: Vec<String> = tags.iter().map(|t| format!("#{t}")).collect();
            out.push_str(&format!(" · *Tags:* {}", tags.join(" ")));
        }
        out.push_str("\n\n");
    }
    out
}

pub fn to_json(store: &MarginNoteStore) -> String {
    let file = MarginNotesFile {
        notes: store.notes().cloned().collect(),
        ..store.file.clone()
    };
    serde_json::to_string_pretty(&file).unwrap_or_default()
}

/// Where an imported note landed in the paper.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Landing {
    /// The note's first words.
    pub note: String,
    /// Where it is placed (`None`: an orphan).
    pub location: Option<String>,
}

/// Merges an export into `store`, the notes of `document`. An export of
/// another paper (another name and another fingerprint) is refused unless
/// `force`: its notes would attach to whatever text resembles theirs.
pub fn import(
    store: &mut MarginNoteStore,
    document: &Document,
    export: MarginNotesFile,
    force: bool,
) -> Result<Vec<Landing>, String> {
    let same_text = export.fingerprint == store.file.fingerprint;
    let same_name = export.paper == store.file.paper;
    if !same_text && !same_name && !force {
        return Err(format!(
            "these notes were written on '{}', not on '{}' (another name, and another text); nothing was imported. Import them anyway with --force",
            crate::text::clean_line(&export.paper),
            crate::text::clean_line(&store.file.paper)
        ));
    }
    // One bigram index for every note that needs the fuzzy search (built
    // per note, 1,000 notes that cannot be placed took 25 s).
    let mut index = None;
    let landings = export
        .notes
        .iter()
        .map(|note| {
            let first: String = note.text.split_whitespace().collect::<Vec<_>>().join(" ");
            let mut short: String = first.chars().take(40).collect();
            if short.len() < first.len() {
                short.push('…');
            }
            Landing {
                note: crate::text::clean_line(&short),
                location: note
                    .anchor
                    .place_with(document, &mut index)
                    .map(|p| location(document, &p)),
            }
        })
        .collect();
    store.merge(export.notes);
    Ok(landings)
}

/// Reads an export; a sentence saying what is wrong if it is not one.
pub fn read_export(text: &str, name: &str) -> Result<MarginNotesFile, String> {
    let file: MarginNotesFile = serde_json::from_str(text)
        .map_err(|e| format!("'{name}' is not a gloss notes export: {e}"))?;
    let file = file.cleaned();
    if file.schema > super::store::SCHEMA {
        return Err(format!(
            "'{name}' was written by a newer gloss (schema {})",
            file.schema
        ));
    }
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::margin_notes::anchor::Anchor;

    #[test]
    fn line_breaks_in_a_note_survive_the_markdown_export() {
        assert_eq!(
            with_line_breaks("First line\nsecond line\n\nA new paragraph\n"),
            "First line  \nsecond line\n\nA new paragraph"
        );
        let doc = crate::parse_text("T\n\nIntroduction\n\nSome text.\n");
        let mut store = MarginNoteStore::in_memory("p.md", "f");
        store
            .add(Anchor::new(&doc, 2, 0, 4).unwrap(), "one\ntwo")
            .unwrap();
        assert!(to_markdown(&store, &doc).contains("one  \ntwo"));
    }

    #[test]
    fn locations_name_the_page_of_the_original() {
        let sentence = "The text of this page goes on about policy and mediation at some length. ";
        let mut text = String::from("A Paper Title\n\nIntroduction\n\n");
        for page in 1..=3 {
            for _ in 0..30 {
                text.push_str(&format!("{sentence}\n"));
            }
            text.push_str(&format!(
                "Paragraph on page {page} ends here.\n\n{page}\n\u{c}"
            ));
        }
        let doc = crate::parse_text(&text);
        assert!(doc.pages.len() >= 3, "{:?}", doc.pages);
        let block = doc
            .blocks
            .iter()
            .position(|b| b.text().contains("on page 3"))
            .unwrap();
        let at = doc.blocks[block].text().find("on page 3").unwrap();
        let placement = Placement {
            block,
            start: at,
            end: at + 9,
            footnote: None,
        };
        assert!(
            location(&doc, &placement).ends_with("page 3"),
            "{}",
            location(&doc, &placement)
        );
        assert!(brief_location(&doc, &placement).ends_with("· p. 3"));
    }

    #[test]
    fn another_papers_notes_are_refused_unless_forced() {
        let fuller = crate::parse_text(
            "Fuller\n\nIntroduction\n\nAzerbaijan balances Russia and the West.\n",
        );
        let strakes = crate::parse_text(
            "Strakes\n\nIntroduction\n\nThe Minsk Group mediates the conflict.\n",
        );
        // As `parse` of a file would give them: one per text.
        let (fuller_fp, strakes_fp) = ("00000000000000aa", "00000000000000bb");
        let mut theirs = MarginNoteStore::in_memory("fuller.txt", fuller_fp);
        theirs
            .add(Anchor::new(&fuller, 2, 0, 20).unwrap(), "Balancing")
            .unwrap();
        let export = read_export(&to_json(&theirs), "e.json").unwrap();
        let mut mine = MarginNoteStore::in_memory("strakes.md", strakes_fp);
        let refused = import(&mut mine, &strakes, export.clone(), false).unwrap_err();
        assert!(
            refused.contains("'fuller.txt'") && refused.contains("--force"),
            "{refused}"
        );
        assert_eq!(mine.notes().count(), 0);
        let landed = import(&mut mine, &strakes, export.clone(), true).unwrap();
        assert_eq!(landed.len(), 1);
        assert_eq!(landed[0].note, "Balancing");
        assert_eq!(landed[0].location, None, "orphaned in the other paper");
        assert_eq!(mine.notes().count(), 1);
        // The same paper, renamed: accepted and placed.
        let mut renamed = MarginNoteStore::in_memory("copy.txt", fuller_fp);
        let landed = import(&mut renamed, &fuller, export, false).unwrap();
        assert!(
            landed[0]
                .location
                .as_deref()
                .unwrap()
                .starts_with("Introduction")
        );
    }

    #[test]
    fn markdown_lists_notes_by_section_with_quote_location_and_tags() {
        let doc = crate::parse_text(
            "T\n\nIntroduction\n\nFirst paragraph.\n\nSecond paragraph with a claim.\n\nConclusion\n\nEnd.\n",
        );
        let mut store = MarginNoteStore::in_memory("p.md", "f");
        let second = doc
            .blocks
            .iter()
            .position(|b| b.text().starts_with("Second"))
            .unwrap();
        let claim = doc.blocks[second].text().find("claim").unwrap();
        store
            .add(
                Anchor::new(&doc, second, claim, claim + 5).unwrap(),
                "Really? #question",
            )
            .unwrap();
        let end = doc.blocks.iter().position(|b| b.text() == "End.").unwrap();
        store
            .add(Anchor::new(&doc, end, 0, 4).unwrap(), "Fine.")
            .unwrap();
        let md = to_markdown(&store, &doc);
        assert!(md.contains("## Introduction\n\n> claim\n\nReally? #question\n\n*Location:* Introduction, §1 ¶2, characters 24–29 · *Tags:* #question"), "{md}");
        assert!(md.contains("## Conclusion\n\n> End.\n\nFine.\n\n*Location:* Conclusion, §2 ¶1, the whole paragraph"), "{md}");
        let json = to_json(&store);
        assert_eq!(read_export(&json, "x").unwrap().notes.len(), 2);
        assert!(read_export("[]", "x.json").unwrap_err().contains("x.json"));
    }
}
