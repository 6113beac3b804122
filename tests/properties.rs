//! Properties of the whole pipeline (load → parse → layout → actors →
//! citations → dump → note anchoring) on texts composed from the pieces
//! converters write: page breaks, superscript and bracketed markers, note
//! lines, headings, tables, escapes, wide and combining characters. The
//! fuzz targets in `fuzz/` search the same ground at length; these run in
//! `cargo test`.

use gloss::actors::{ActorIndex, Gazetteer};
use gloss::citations::Bibliography;
use gloss::layout::layout;
use gloss::margin_notes::anchor::Anchor;
use gloss::{Document, PaperText};
use proptest::prelude::*;
use unicode_width::UnicodeWidthStr;

/// The pieces a paper is made of, as converters write them.
const PIECES: &[&str] = &[
    "The ministers met in Baku",
    " and Moscow",
    ", then Armenia and Azerbaijan",
    ". ",
    "word",
    " ",
    "\n",
    "\n\n",
    "\x0c",
    "¹",
    "²³",
    "*",
    "†",
    "[^1]",
    "[^a]: A note.",
    "<sup>3</sup>",
    "<sup>144 145</sup>",
    "\n1 A note at the foot of the page.",
    "\n12 Ibid., p. 4.",
    "\n3 Op. cit.",
    "# Heading",
    "\n## 2.1 Sub heading\n",
    "1. ",
    "* ",
    "> ",
    "|a|b|\n|-|-|\n|1|2|",
    "Year\tEvent\tNote\n1994\tCeasefire\tBishkek",
    "\t",
    "Notes\n",
    "Abstract\n",
    "Keywords: Azerbaijan, Iran\n",
    "— 12 —\n",
    "http://example.org/a_b?c=d",
    "Fuller, E. (2013). Azerbaijan. Rome: IAI.",
    "Ibid.",
    "(OSCE)",
    "Organization for Security and Co-operation in Europe (OSCE)",
    "President Ilham Aliyev",
    "é",
    "e\u{301}",
    "漢字",
    "👩‍👩‍👧",
    "\u{202e}",
    "\u{1b}[31m",
    "\u{1b}]0;title\u{7}",
    "\r\n",
    "\u{0}",
    "```",
    "<!--",
    "[link](http://x.y)",
    "**bold** _it_",
    "Table 1 Evaluations\n",
    "PaperText: the author.",
];

fn paper() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..120).prop_map(|pieces| pieces.concat())
}

fn load(text: &str) -> Option<(PaperText, Document)> {
    let source = PaperText::from_bytes(std::path::Path::new("p.md"), text.as_bytes()).ok()?;
    let document = gloss::parse(&source);
    Some((source, document))
}

fn check_document(source: &PaperText, document: &Document) {
    for range in document.source_ranges() {
        assert!(source.text.get(range.clone()).is_some(), "{range:?}");
    }
    for block in &document.blocks {
        let text = block.text();
        for marker in &block.content.markers {
            assert!(text.is_char_boundary(marker.offset.min(text.len())));
            assert!(marker.offset <= text.len());
            assert!(marker.note < document.footnotes.len());
        }
        let mut end = 0;
        for span in &block.content.spans {
            assert!(
                span.range.start >= end,
                "spans overlap: {:?}",
                block.content.spans
            );
            assert!(text.get(span.range.clone()).is_some());
            end = span.range.end;
        }
    }
    for section in &document.sections {
        assert!(section.block < document.blocks.len());
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 500,
        // Failures are kept as regression tests by hand, not in files.
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_paper_parses_within_its_bounds(text in paper()) {
        let Some((source, document)) = load(&text) else { return Ok(()) };
        check_document(&source, &document);
        // Parsing is a function of the text.
        let again = gloss::parse(&source);
        prop_assert_eq!(&again.blocks, &document.blocks);
    }

    #[test]
    fn any_paper_lays_out_within_its_width(text in paper(), width in 1u16..140) {
        let Some((_, document)) = load(&text) else { return Ok(()) };
        let laid = layout(&document, width);
        let width = usize::from(width.max(10));
        for line in &laid.lines {
            let text = document.blocks[line.block].text();
            prop_assert!(text.get(line.range.clone()).is_some(), "{:?}", line);
            // Tables and contents draw their own rules; prose keeps to the width.
            if matches!(line.style, gloss::layout::LineStyle::Body | gloss::layout::LineStyle::Quote) {
                prop_assert!(line.text().width() <= width, "{:?} wider than {width}", line.text());
            }
            prop_assert!(!line.text().contains(char::from(0x1b)), "an escape on screen");
        }
    }

    #[test]
    fn any_paper_gives_actors_sources_and_a_dump_within_bounds(text in paper()) {
        let Some((_, document)) = load(&text) else { return Ok(()) };
        let actors = ActorIndex::build(&document, &Gazetteer::shipped());
        for actor in &actors.actors {
            for mention in &actor.mentions {
                let text = document.blocks[mention.block].text();
                prop_assert!(text.get(mention.range.clone()).is_some());
            }
        }
        let bibliography = Bibliography::of(&document);
        for note in 0..document.footnotes.len() {
            for citation in bibliography.citations(note) {
                prop_assert!(document.footnotes[note].text().get(citation.range.clone()).is_some());
                prop_assert!(citation.source.is_none_or(|s| s < bibliography.sources.len()));
            }
        }
        let dump = gloss::dump::to_json(&document, &actors);
        prop_assert!(serde_json::from_str::<serde_json::Value>(&dump).is_ok());
    }

    #[test]
    fn a_note_anchored_in_a_paper_is_found_again_there_and_within_an_edit(
        text in paper(),
        cut in 0usize..400,
    ) {
        let Some((_, document)) = load(&text) else { return Ok(()) };
        let anchors: Vec<Anchor> = (0..document.blocks.len())
            .filter_map(|b| {
                let len = document.blocks[b].text().len();
                Anchor::new(&document, b, len / 4, len / 2)
            })
            .collect();
        for anchor in &anchors {
            let place = anchor.place(&document);
            prop_assert!(place.is_some() || anchor.quote.is_empty());
            if let Some(place) = place {
                prop_assert_eq!(place.block, anchor.block);
                prop_assert_eq!(place.start, anchor.start);
            }
        }
        // The paper edited: a piece cut out of it.
        let boundary = |mut at: usize| {
            at = at.min(text.len());
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            at
        };
        let (from, to) = (boundary(cut / 2), boundary(cut));
        let edited = format!("{}{}", &text[..from], &text[to..]);
        let Some((_, changed)) = load(&edited) else { return Ok(()) };
        let mut index = None;
        for anchor in &anchors {
            if let Some(place) = anchor.place_with(&changed, &mut index) {
                prop_assert!(changed.blocks[place.block].text().get(place.start..place.end).is_some());
            }
        }
    }
}
