//! The actors gloss finds in the shipped papers and in converter output of
//! other papers: the general gazetteer, people found in each paper, and the
//! rule that a demonym, a capital or a surname counts only where the paper
//! names the actor itself.

use gloss::actors::{ActorIndex, Gazetteer};

fn actors(path: &str) -> Vec<(String, usize)> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    let document = gloss::parse_file(&path).unwrap();
    let (gazetteer, problem) = Gazetteer::for_paper(&path);
    assert!(problem.is_none());
    ActorIndex::build(&document, &gazetteer)
        .actors
        .into_iter()
        .map(|a| (a.name, a.mentions.len()))
        .collect()
}

fn top(actors: &[(String, usize)], n: usize) -> Vec<&str> {
    actors
        .iter()
        .take(n)
        .map(|(name, _)| name.as_str())
        .collect()
}

fn count(actors: &[(String, usize)], name: &str) -> usize {
    actors
        .iter()
        .find(|(n, _)| n == name)
        .map_or(0, |(_, c)| *c)
}

#[test]
fn fuller_is_about_azerbaijan_and_its_neighbours() {
    let found = actors("texts/fuller-2013-azerbaijan-foreign-policy.txt");
    assert_eq!(
        top(&found, 6),
        [
            "Azerbaijan",
            "Russia",
            "Armenia",
            "Iran",
            "Turkey",
            "Georgia"
        ]
    );
    // People are found in the paper, by their titles and given names. Two
    // Aliyevs: "President Aliyev" alone stands for neither.
    assert!(count(&found, "Ilham Aliyev") >= 3);
    assert!(count(&found, "Heidar Aliyev") >= 1);
    assert!(count(&found, "Elmar Mammadyarov") >= 1);
    assert!(count(&found, "Dmitry Medvedev") >= 1);
    // The author is not an actor of her paper.
    assert_eq!(count(&found, "Elizabeth Fuller"), 0);
}

#[test]
fn strakes_is_about_azerbaijan_and_the_non_aligned_movement() {
    let found = actors("texts/strakes-2015-beyond-eurasian-mediation.md");
    assert_eq!(
        top(&found, 5),
        [
            "Azerbaijan",
            "Non-Aligned Movement",
            "Armenia",
            "Russia",
            "United States"
        ]
    );
    assert!(count(&found, "Amr Moussa") >= 1, "a Secretary-General");
    // "the Minsk Group" and "the Minsk Conference" are not Belarus acting.
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("texts/strakes-2015-beyond-eurasian-mediation.md");
    let document = gloss::parse_file(&path).unwrap();
    let index = ActorIndex::build(&document, &Gazetteer::shipped());
    let belarus = index.actors.iter().find(|a| a.name == "Belarus").unwrap();
    assert!(
        belarus.metonym_counts().is_empty(),
        "{:?}",
        belarus.metonym_counts()
    );
}

#[test]
fn turners_frontier_is_american_and_its_indians_are_not_india() {
    for path in [
        "tests/corpus/shared/pdftotext_turner-frontier_letter11.txt",
        "tests/corpus/shared/pdfplumber_turner-frontier_a4-12.txt",
    ] {
        let found = actors(path);
        assert_eq!(top(&found, 1), ["United States"], "{path}");
        // "Indian" without India, "Georgia" the colony, "German" settlers.
        for absent in ["India", "Georgia", "Germany"] {
            assert_eq!(count(&found, absent), 0, "{absent} in {path}");
        }
    }
}

#[test]
fn turners_old_west_counts_no_state_from_a_demonym_alone() {
    for path in [
        "tests/corpus/shared/pdftotext-layout_turner-old-west_a4-10.txt",
        "tests/corpus/shared/pymupdf4llm_turner-old-west_letter11.md",
    ] {
        let found = actors(path);
        // German and Scotch-Irish settlers; Georgia and Virginia colonies.
        for absent in ["Germany", "Georgia", "India"] {
            assert_eq!(count(&found, absent), 0, "{absent} in {path}");
        }
        assert!(count(&found, "Thomas Jefferson") >= 2, "{path}: {found:?}");
    }
}

#[test]
fn a_book_on_the_sonata_is_about_italy_germany_and_france() {
    let found =
        actors("tests/corpus/shared/gutenberg_17074_pianoforte-sonata_ch10-11-index-footnotes.txt");
    // The composers, by their surnames; "Bach" alone is the Bach the text
    // named in full last.
    assert_eq!(top(&found, 2), ["Italy", "Beethoven"]);
    assert!(count(&found, "Emanuel Bach") > 0);
    assert!(count(&found, "John Christian Bach") > 2);
    assert!(count(&found, "Germany") > 0 && count(&found, "France") > 0);
}

#[test]
fn a_states_older_spellings_are_the_state() {
    let text = "The Treaty\n\nLuxemburg and Roumania signed, as did Servia; Abyssinia and \
                Siam did not, nor did Persia. Upper Volta and Dahomey came later.\n";
    let document = gloss::parse_text(text);
    let found: Vec<String> = ActorIndex::build(&document, &Gazetteer::shipped())
        .actors
        .into_iter()
        .map(|a| a.name)
        .collect();
    for state in [
        "Luxembourg",
        "Romania",
        "Serbia",
        "Ethiopia",
        "Thailand",
        "Iran",
        "Burkina Faso",
        "Benin",
    ] {
        assert!(
            found.iter().any(|name| name == state),
            "{state} in {found:?}"
        );
    }
}
