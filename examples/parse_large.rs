//! Profiling aid: `parse_large MODE [MB] [times]` runs gloss's parse
//! (`parse`, `converted`) or pulldown-cmark's bare pass (`bare`,
//! `bare-converted`) over the two papers or over converter output (the
//! corpus's pdftotext and pymupdf4llm files), repeated to MB megabytes (8
//! unless given), `times` times, and prints the time of a pass (for perf and
//! callgrind; below 4 MB the parse stays on one thread).
fn main() {
    let mut args = std::env::args().skip(1);
    let mode = args.next().unwrap_or_default();
    let megabytes: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(8);
    let times: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(1);
    let parts = if mode.ends_with("converted") {
        [
            include_str!("../tests/corpus/shared/pdftotext_turner-frontier_letter11.txt"),
            include_str!("../tests/corpus/shared/pymupdf4llm_turner-old-west_letter11.md"),
        ]
    } else {
        [
            include_str!("../texts/fuller-2013-azerbaijan-foreign-policy.txt"),
            include_str!("../texts/strakes-2015-beyond-eurasian-mediation.md"),
        ]
    };
    let mut text = String::new();
    while text.len() < megabytes * 1024 * 1024 {
        for part in parts {
            text.push_str(part);
            text.push_str("\n\n");
        }
    }
    let start = std::time::Instant::now();
    for _ in 0..times {
        if mode.starts_with("bare") {
            let events =
                pulldown_cmark::Parser::new_ext(&text, gloss::document::markdown_options())
                    .into_offset_iter()
                    .count();
            std::hint::black_box(events);
        } else {
            let document = gloss::parse_text(&text);
            std::hint::black_box(document.blocks.len());
        }
    }
    eprintln!("{mode}: {:?} a pass", start.elapsed() / times.max(1) as u32);
}
