//! Profiling aid: builds the actor index of Strakes' paper many times. The
//! first build also makes what every paper shares (the gazetteer's
//! automaton, the titles', the word lists), once a run: it is shown apart.
fn main() {
    let text = include_str!("../texts/strakes-2015-beyond-eurasian-mediation.md");
    let document = gloss::parse_text(text);
    let build = || {
        let gazetteer = gloss::actors::Gazetteer::shipped();
        gloss::actors::ActorIndex::build(&document, &gazetteer)
            .actors
            .len()
    };
    let start = std::time::Instant::now();
    let mut found = build();
    let first = start.elapsed();
    let start = std::time::Instant::now();
    for _ in 0..50 {
        found += build();
    }
    eprintln!(
        "{found} actors; the first paper {first:?}, then {:?} each",
        start.elapsed() / 50
    );
}
