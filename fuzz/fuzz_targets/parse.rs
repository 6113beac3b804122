//! A paper's bytes through everything that reads them: loading and cleaning,
//! parsing (the page pass and the Markdown passes), layout at three widths,
//! the actor index, the citations, the JSON dump, and margin-note anchoring
//! from the paper to an edited copy of it. Nothing may panic, and every source
//! range must lie inside the text on character boundaries.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

fn load(data: &[u8]) -> Option<gloss::Document> {
    let source = gloss::PaperText::from_bytes(std::path::Path::new("fuzz.md"), data).ok()?;
    let document = gloss::parse(&source);
    for range in document.source_ranges() {
        assert!(source.text.get(range.clone()).is_some(), "{range:?}");
    }
    Some(document)
}

/// The built-in gazetteer, read once: reading it at every input took most
/// of the time of a small one.
fn gazetteer() -> &'static gloss::actors::Gazetteer {
    static GAZETTEER: OnceLock<gloss::actors::Gazetteer> = OnceLock::new();
    GAZETTEER.get_or_init(gloss::actors::Gazetteer::shipped)
}

fuzz_target!(|data: &[u8]| {
    let Some(document) = load(data) else {
        return;
    };
    for width in [20, 80, 200] {
        let _ = gloss::layout::layout(&document, width);
    }
    let actors = gloss::actors::ActorIndex::build(&document, gazetteer());
    let _ = gloss::dump::to_json(&document, &actors);
    let _ = gloss::citations::Bibliography::of(&document);

    // Notes on the paper, then the paper edited: its first tenth cut away.
    let anchors: Vec<_> = (0..document.blocks.len())
        .step_by(7)
        .filter_map(|block| {
            let len = document.blocks[block].text().len();
            gloss::margin_notes::anchor::Anchor::new(&document, block, len / 3, len / 2 + 5)
        })
        .collect();
    if let Some(edited) = load(&data[data.len() / 10..]) {
        let mut index = None;
        for anchor in &anchors {
            if let Some(place) = anchor.place_with(&edited, &mut index) {
                let text = edited.blocks[place.block].text();
                assert!(text.get(place.start..place.end).is_some(), "{place:?}");
            }
        }
    }
});
