//! Prints how the citation model labels each word of a citation, and the
//! fields read from it: `cargo run --example tag_citation -- "Smith, J. (1999). Title."`

fn main() {
    let text = std::env::args().skip(1).collect::<Vec<_>>().join(" ");
    match gloss::citations::sequence::tag(&text) {
        Some(tagged) => {
            for (range, label) in tagged {
                println!("{:12} {}", label.name(), &text[range]);
            }
        }
        None => println!("the citation model cannot be read"),
    }
    println!("{:#?}", gloss::citations::fields::parse(&text, None));
}
