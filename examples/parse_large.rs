//! Profiling aid: `parse_large bare|parse` runs pulldown-cmark's bare pass or
//! gloss's parse over 8 MB of the two papers repeated (for perf and callgrind).
fn main() {
    let fuller = include_str!("../texts/fuller-2013-azerbaijan-foreign-policy.txt");
    let strakes = include_str!("../texts/strakes-2015-beyond-eurasian-mediation.md");
    let mut text = String::new();
    while text.len() < 8 * 1024 * 1024 {
        text.push_str(fuller);
        text.push_str("\n\n");
        text.push_str(strakes);
        text.push_str("\n\n");
    }
    let mode = std::env::args().nth(1).unwrap_or_default();
    let start = std::time::Instant::now();
    if mode == "bare" {
        let events = pulldown_cmark::Parser::new_ext(&text, gloss::document::markdown_options())
            .into_offset_iter()
            .count();
        eprintln!("{events} events in {:?}", start.elapsed());
    } else {
        let document = gloss::parse_text(&text);
        eprintln!("{} blocks in {:?}", document.blocks.len(), start.elapsed());
    }
}
