//! Every input that once crashed, hung or slowed the pipeline (found by hand
//! or by `cargo fuzz run parse`, see `fuzz/`), kept here: each goes through
//! what the fuzz target does (parse, layout at three widths, actors,
//! citations, the dump, margin notes placed in an edited copy), with every
//! source range inside the text on character boundaries.

use std::path::Path;

#[test]
fn inputs_that_once_failed_parse_cleanly() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let Ok(source) = gloss::PaperText::from_bytes(&path, &bytes) else {
            continue;
        };
        let document = gloss::parse(&source);
        for range in document.source_ranges() {
            assert!(
                source.text.get(range.clone()).is_some(),
                "{}: {range:?}",
                path.display()
            );
        }
        for width in [20, 80, 200] {
            let _ = gloss::layout::layout(&document, width);
        }
        let actors =
            gloss::actors::ActorIndex::build(&document, &gloss::actors::Gazetteer::shipped());
        let _ = gloss::dump::to_json(&document, &actors);
        let _ = gloss::citations::Bibliography::of(&document);
        let anchors: Vec<_> = (0..document.blocks.len())
            .step_by(7)
            .filter_map(|block| {
                let len = document.blocks[block].text().len();
                gloss::margin_notes::anchor::Anchor::new(&document, block, len / 3, len / 2 + 5)
            })
            .collect();
        if let Ok(edited) = gloss::PaperText::from_bytes(&path, &bytes[bytes.len() / 10..]) {
            let edited = gloss::parse(&edited);
            let mut index = None;
            for anchor in &anchors {
                if let Some(place) = anchor.place_with(&edited, &mut index) {
                    let text = edited.blocks[place.block].text();
                    assert!(text.get(place.start..place.end).is_some());
                }
            }
        }
        count += 1;
    }
    assert!(count >= 3, "the regression inputs are there");
}
