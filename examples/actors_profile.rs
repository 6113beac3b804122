//! Profiling aid: builds the actor index of Strakes' paper many times.
fn main() {
    let text = include_str!("../texts/strakes-2015-beyond-eurasian-mediation.md");
    let document = gloss::parse_text(text);
    let start = std::time::Instant::now();
    let mut found = 0;
    for _ in 0..50 {
        let gazetteer = gloss::actors::Gazetteer::shipped();
        found += gloss::actors::ActorIndex::build(&document, &gazetteer)
            .actors
            .len();
    }
    eprintln!("{found} actors, {:?} each", start.elapsed() / 50);
}
