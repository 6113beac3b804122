//! Profiling aid: parses converter output (the corpus's pdftotext and
//! pymupdf4llm files) repeated to about 8 MB, for perf and callgrind.
fn main() {
    let pdftotext = include_str!("../tests/corpus/shared/pdftotext_turner-frontier_letter11.txt");
    let pymupdf = include_str!("../tests/corpus/shared/pymupdf4llm_turner-old-west_letter11.md");
    let mut text = String::new();
    while text.len() < 8 * 1024 * 1024 {
        text.push_str(pdftotext);
        text.push_str("\n\n");
        text.push_str(pymupdf);
        text.push_str("\n\n");
    }
    let start = std::time::Instant::now();
    let document = gloss::parse_text(&text);
    eprintln!(
        "{} blocks, {} notes in {:?}",
        document.blocks.len(),
        document.footnotes.len(),
        start.elapsed()
    );
}
