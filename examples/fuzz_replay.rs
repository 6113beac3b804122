//! Replays an input of the `parse` fuzz target, timing each step
//! (`fuzz_replay FILE`): for inputs the fuzzer found slow.
use std::time::Instant;

fn load(data: &[u8]) -> Option<gloss::Document> {
    let source = gloss::Source::from_bytes(std::path::Path::new("fuzz.md"), data).ok()?;
    Some(gloss::parse(&source))
}

fn main() -> anyhow::Result<()> {
    let path = std::env::args().nth(1).unwrap_or_default();
    let data = std::fs::read(&path)?;
    let t = Instant::now();
    let Some(document) = load(&data) else {
        return Ok(());
    };
    eprintln!("parse {:?}", t.elapsed());
    let t = Instant::now();
    for width in [20, 80, 200] {
        let _ = gloss::layout::layout(&document, width);
    }
    eprintln!("layout x3 {:?}", t.elapsed());
    let t = Instant::now();
    let actors = gloss::actors::ActorIndex::build(&document, &gloss::actors::Gazetteer::shipped());
    eprintln!("actors {:?}", t.elapsed());
    let t = Instant::now();
    let _ = gloss::dump::to_json(&document, &actors);
    eprintln!("dump {:?}", t.elapsed());
    let t = Instant::now();
    let _ = gloss::citations::Bibliography::of(&document);
    eprintln!("citations {:?}", t.elapsed());
    let t = Instant::now();
    let anchors: Vec<_> = (0..document.blocks.len())
        .step_by(7)
        .filter_map(|block| {
            let len = document.blocks[block].text().len();
            gloss::notes::anchor::Anchor::new(&document, block, len / 3, len / 2 + 5)
        })
        .collect();
    if let Some(edited) = load(&data[data.len() / 10..]) {
        let mut index = None;
        for anchor in &anchors {
            let t = Instant::now();
            let _ = anchor.place_with(&edited, &mut index);
            eprintln!(
                "  quote of {} bytes in block {} of {} bytes: {:?}",
                anchor.quote.len(),
                anchor.block,
                document.blocks[anchor.block].text().len(),
                t.elapsed()
            );
        }
    }
    eprintln!("anchoring {} notes {:?}", anchors.len(), t.elapsed());
    Ok(())
}
