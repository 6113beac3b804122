//! Reads Strakes' citations many times, for a profiler (`perf record`).

fn main() {
    let text = include_str!("../texts/strakes-2015-beyond-eurasian-mediation.md");
    let document = gloss::parse_text(text);
    let mut sources = 0;
    for _ in 0..200 {
        sources += gloss::citations::Bibliography::of(&document).sources.len();
    }
    println!("{sources}");
}
