//! Lists the actors gloss finds in a paper (`actors_list PAPER`): kind,
//! mentions and name, one a line, for labelling and checking by hand.
fn main() -> anyhow::Result<()> {
    let Some(path) = std::env::args().nth(1) else {
        anyhow::bail!("usage: actors_list PAPER");
    };
    let path = std::path::PathBuf::from(path);
    let document = gloss::parse_file(&path)?;
    let (gazetteer, _) = gloss::actors::Gazetteer::for_paper(&path);
    let index = gloss::actors::ActorIndex::build(&document, &gazetteer);
    for actor in &index.actors {
        println!(
            "{}\t{}\t{}",
            actor.kind.name(),
            actor.mentions.len(),
            actor.name
        );
    }
    Ok(())
}
