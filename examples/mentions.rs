//! Prints where an actor is mentioned in a paper (`mentions PAPER ACTOR`),
//! with a little context: for checking what the actor rules count.
fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let (Some(path), Some(name)) = (args.next(), args.next()) else {
        anyhow::bail!("usage: mentions PAPER ACTOR");
    };
    let path = std::path::PathBuf::from(path);
    let document = gloss::parse_file(&path)?;
    let (gazetteer, _) = gloss::actors::Gazetteer::for_paper(&path);
    let index = gloss::actors::ActorIndex::build(&document, &gazetteer);
    for actor in index.actors.iter().filter(|a| a.name == name) {
        for mention in &actor.mentions {
            let text = document.blocks[mention.block].text();
            let from = text.floor_char_boundary(mention.range.start.saturating_sub(30));
            let to = text.ceil_char_boundary((mention.range.end + 30).min(text.len()));
            println!("{:>5} {}", mention.block, &text[from..to]);
        }
    }
    Ok(())
}
