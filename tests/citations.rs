//! Citations on the shipped papers and on the corpus's Turner files:
//! short forms resolved, one source per work.

mod common;

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

/// The item types of CSL 1.0.2 (the `type` enumeration of csl-data.json).
const CSL_TYPES: [&str; 45] = [
    "article",
    "article-journal",
    "article-magazine",
    "article-newspaper",
    "bill",
    "book",
    "broadcast",
    "chapter",
    "classic",
    "collection",
    "dataset",
    "document",
    "entry",
    "entry-dictionary",
    "entry-encyclopedia",
    "event",
    "figure",
    "graphic",
    "hearing",
    "interview",
    "legal_case",
    "legislation",
    "manuscript",
    "map",
    "motion_picture",
    "musical_score",
    "pamphlet",
    "paper-conference",
    "patent",
    "performance",
    "periodical",
    "personal_communication",
    "post",
    "post-weblog",
    "regulation",
    "report",
    "review",
    "review-book",
    "software",
    "song",
    "speech",
    "standard",
    "thesis",
    "treaty",
    "webpage",
];

fn sources_command(path: &str, format: &str) -> String {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_gloss"))
        .args(["sources", path, "--format", format])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// The constraints csl-data.json puts on what gloss writes, checked item by
/// item, and the items read back by a CSL consumer (citationberg, Typst's).
#[test]
fn csl_json_is_valid_and_reads_back() {
    let json = sources_command(
        "texts/strakes-2015-beyond-eurasian-mediation.md",
        "csl-json",
    );
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let items = value
        .as_array()
        .expect("a CSL-JSON file is an array of items");
    assert!(items.len() > 150);
    let mut ids = std::collections::HashSet::new();
    for item in items {
        let object = item.as_object().unwrap();
        let id = object["id"].as_str().expect("id is a string");
        assert!(ids.insert(id.to_owned()), "duplicate id {id}");
        let kind = object["type"].as_str().unwrap();
        assert!(CSL_TYPES.contains(&kind), "{id}: type {kind}");
        for (key, value) in object {
            match key.as_str() {
                "id" | "type" => {}
                "author" | "editor" => {
                    for name in value.as_array().unwrap() {
                        let name = name.as_object().unwrap();
                        assert!(
                            name.contains_key("literal") || name.contains_key("family"),
                            "{id}: {name:?}"
                        );
                        assert!(name.values().all(serde_json::Value::is_string));
                    }
                }
                "issued" => {
                    let parts = value["date-parts"].as_array().unwrap();
                    assert_eq!(parts.len(), 1);
                    let date = parts[0].as_array().unwrap();
                    assert!((1..=3).contains(&date.len()) && date.iter().all(|d| d.is_u64()));
                }
                "title" | "container-title" | "publisher" | "publisher-place" | "volume"
                | "issue" | "URL" => assert!(value.is_string(), "{id}: {key}"),
                other => panic!("{id}: {other} is not a CSL variable gloss writes"),
            }
        }
    }
    let read: Vec<citationberg::json::Item> = serde_json::from_str(&json).unwrap();
    assert_eq!(read.len(), items.len());
    assert!(
        read.iter()
            .all(|item| item.id().is_some() && item.type_().is_some())
    );
    // And pandoc, which researchers cite with, reads every item.
    if !common::pandoc() {
        return;
    }
    let mut pandoc = std::process::Command::new("pandoc")
        .args(["-f", "csljson", "-t", "csljson"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("pandoc is installed (.ci/run installs it)");
    use std::io::Write;
    pandoc
        .stdin
        .take()
        .unwrap()
        .write_all(json.as_bytes())
        .unwrap();
    let output = pandoc.wait_with_output().unwrap();
    assert!(output.status.success());
    let again: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let ids = |v: &serde_json::Value| -> Vec<String> {
        let mut ids: Vec<String> = v
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["id"].as_str().unwrap().to_owned())
            .collect();
        ids.sort();
        ids
    };
    assert_eq!(ids(&again), ids(&value));
}

#[test]
fn bibtex_parses_back_with_the_crate_that_wrote_it() {
    for path in [
        "texts/strakes-2015-beyond-eurasian-mediation.md",
        "tests/corpus/shared/pdftotext-layout_turner-old-west_a4-10.txt",
    ] {
        let bibtex = sources_command(path, "bibtex");
        let parsed = biblatex::Bibliography::parse(&bibtex).unwrap();
        let document = gloss::parse_file(std::path::Path::new(path)).unwrap();
        let b = Bibliography::of(&document);
        assert_eq!(parsed.len(), b.sources.len(), "{path}");
        for source in &b.sources {
            let entry = parsed
                .get(&source.id)
                .unwrap_or_else(|| panic!("{}", source.id));
            if let Some(title) = &source.fields.title {
                let read: String = entry
                    .get("title")
                    .unwrap()
                    .iter()
                    .map(|c| c.v.get())
                    .collect();
                assert_eq!(&read, title, "{}", source.id);
            }
        }
    }
}

#[test]
fn bibtex_keeps_special_characters_and_addresses_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let paper = dir.path().join("paper.md");
    std::fs::write(
        &paper,
        "A Paper\n\nSome text.[^1]\n\n[^1]: John Smith, “A Title with 100% & a ~ tilde,” \
         Journal of Things 3 (2001): 4-5, https://example.org/a%20b}{c~d_e.\n",
    )
    .unwrap();
    let bibtex = sources_command(paper.to_str().unwrap(), "bibtex");
    let parsed = biblatex::Bibliography::parse(&bibtex).unwrap();
    let entry = parsed.iter().next().expect("one entry");
    let field = |name: &str| -> String {
        entry
            .get(name)
            .unwrap_or_else(|| panic!("no {name} in {bibtex}"))
            .iter()
            .map(|c| c.v.get())
            .collect()
    };
    assert_eq!(field("title"), "A Title with 100% & a ~ tilde", "{bibtex}");
    // The same address: the braces BibTeX cannot hold are percent-encoded.
    assert_eq!(
        field("url"),
        "https://example.org/a%20b%7D%7Bc~d_e",
        "{bibtex}"
    );
}

#[test]
fn the_markdown_list_names_the_notes_citing_each_source() {
    let md = sources_command("texts/strakes-2015-beyond-eurasian-mediation.md", "md");
    assert!(md.starts_with("# Sources of Beyond Eurasian Mediation"));
    assert!(md.contains("*Cited in notes 126, 127, 134, 179.*"), "{md}");
}
