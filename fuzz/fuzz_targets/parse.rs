//! A paper's bytes through everything that reads them: loading and cleaning,
//! parsing (the page pass and the Markdown passes), layout at three widths,
//! the actor index and the JSON dump. Nothing may panic, and every source
//! range must lie inside the text on character boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = gloss::Source::from_bytes(std::path::Path::new("fuzz.md"), data) else {
        return;
    };
    let document = gloss::parse(&source);
    for range in document.source_ranges() {
        assert!(source.text.get(range.clone()).is_some(), "{range:?}");
    }
    for width in [20, 80, 200] {
        let _ = gloss::layout::layout(&document, width);
    }
    let actors = gloss::actors::ActorIndex::build(&document, &gloss::actors::Gazetteer::shipped());
    let _ = gloss::dump::to_json(&document, &actors);
});
