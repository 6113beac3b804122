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
    for _ in 0..3 {
        let t = std::time::Instant::now();
        let n = pulldown_cmark::Parser::new_ext(&text, gloss::document::markdown_options())
            .into_offset_iter()
            .count();
        let bare = t.elapsed();
        let t = std::time::Instant::now();
        let doc = gloss::parse_text(&text);
        let parse = t.elapsed();
        let t = std::time::Instant::now();
        drop(doc);
        eprintln!(
            "{n} events {bare:?}; parse {parse:?}; drop {:?}; ratio {:.2}",
            t.elapsed(),
            parse.as_secs_f64() / bare.as_secs_f64()
        );
    }
}
