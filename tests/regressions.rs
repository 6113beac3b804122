//! Every input that once crashed or hung the parser (found by hand or by
//! `cargo fuzz run parse`, see `fuzz/`), kept here: each must parse, with
//! every source range inside the text on character boundaries.

use std::path::Path;

#[test]
fn inputs_that_once_failed_parse_cleanly() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let Ok(source) = gloss::Source::from_bytes(&path, &bytes) else {
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
        count += 1;
    }
    assert!(count >= 3, "the regression inputs are there");
}
