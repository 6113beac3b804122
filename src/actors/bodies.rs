//! Organisations a paper names by the kind of body they are: "the
//! Reparation Commission", "the Department of Justice", "the Fraternal Order
//! of Police", "the Pennsylvania Supreme Court". A capitalised name that
//! holds a word such as `Commission`, `Council`, `Court` or `Bank` is an
//! organisation (a party or a front is a group), found in the paper even
//! where the gazetteer lacks it.

use super::ActorKind;
use super::people::without_possessive;
use crate::document::{BlockKind, Document};

/// Words that make a capitalised name a body.
const HEADS: &[&str] = &[
    "Commission",
    "Council",
    "Court",
    "Department",
    "Ministry",
    "Bank",
    "Society",
    "Association",
    "Union",
    "Institute",
    "Institution",
    "Office",
    "Order",
    "Committee",
    "League",
    "Agency",
    "Senate",
    "Treasury",
    "Parliament",
    "Congress",
    "Assembly",
    "Foundation",
    "University",
    "Academy",
    "Company",
    "Corporation",
    "Organization",
    "Organisation",
    "Bureau",
    "Board",
    "Authority",
    "Tribunal",
    "Secretariat",
    "Party",
    "Front",
];

/// Heads that make a group rather than an organisation.
const GROUP_HEADS: &[&str] = &["Party", "Front"];

/// The most words before a head ("National District Attorneys Association").
const MOST_MODIFIERS: usize = 4;

/// Small words inside a body's name ("Order of Police", "Institute for
/// Artificial Intelligence", "Senate of the United States").
const CONNECTORS: &[&str] = &["of", "for", "and", "on", "the", "de", "du", "des"];

/// Capitalised words that open a sentence or a clause, not a name.
const OPENERS: &[&str] = &[
    "The", "A", "An", "In", "On", "At", "Of", "And", "But", "For", "To", "As", "By", "With",
    "When", "While", "After", "Before", "Since", "Under", "Both", "Each", "Its", "Their", "His",
    "Her", "This", "That", "These", "Those", "Then", "Yet", "So", "If", "Although", "Unlike",
    "Like", "From", "Through", "Between", "Among", "Against", "Without", "Within", "See",
];

/// The bodies named in `document`'s text (outside `skipped` blocks and the
/// front matter, whose affiliations are the authors', not actors), each
/// once with its kind, in the order first named; none that `is_named`
/// (names of actors already known) holds.
pub fn discover(
    document: &Document,
    skipped: &[bool],
    is_named: impl Fn(&str) -> bool,
) -> Vec<(String, ActorKind)> {
    let mut found: Vec<(String, ActorKind)> = Vec::new();
    for (block, skip) in document.blocks.iter().zip(skipped) {
        if *skip
            || matches!(
                block.kind,
                BlockKind::FrontMatter | BlockKind::Heading { .. }
            )
        {
            continue;
        }
        for name in names_in(block.text()) {
            if is_named(&name) || found.iter().any(|(n, _)| *n == name) {
                continue;
            }
            let kind = if GROUP_HEADS.iter().any(|h| name.split(' ').any(|w| w == *h)) {
                ActorKind::Group
            } else {
                ActorKind::Organisation
            };
            found.push((name, kind));
        }
    }
    found
}

/// A word without the punctuation after it, and whether there was some.
fn bare(raw: &str) -> (&str, bool) {
    let word = raw.trim_end_matches([
        ',', ';', ':', '.', ')', '"', '”', '’', '?', '!', '*', '∗', '†', '‡',
    ]);
    (
        word.trim_start_matches(['(', '"', '“']),
        word.len() != raw.len(),
    )
}

fn is_capitalised(word: &str) -> bool {
    word.starts_with(char::is_uppercase) && word.chars().any(char::is_alphabetic)
}

/// The names of bodies in `text`: runs of capitalised words (small words
/// between them) that hold a head word, without the words opening them.
fn names_in(text: &str) -> Vec<String> {
    let words: Vec<&str> = text.split(' ').collect();
    let mut names = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let (first, _) = bare(words[i]);
        if !is_capitalised(first) || words[i].starts_with('(') {
            i += 1;
            continue;
        }
        // The run: capitalised words, and small words followed by one.
        let mut run: Vec<&str> = Vec::new();
        let mut j = i;
        while let Some(&raw) = words.get(j) {
            let (word, stops) = bare(raw);
            // "NATO and the World Trade Organization", "the Soviet Union and
            // Yugoslavia" are two; "Institute of World Economy and
            // International Relations" is one: "and" joins inside a complement.
            let joins_two = word == "and"
                && (words.get(j + 1).is_some_and(|next| *next == "the")
                    || !run.iter().any(|w| matches!(*w, "of" | "for")));
            let small = CONNECTORS.contains(&word)
                && !stops
                && !joins_two
                && words.get(j + 1).is_some_and(|next| {
                    let (next, _) = bare(next);
                    is_capitalised(next) || CONNECTORS.contains(&next)
                });
            if !(is_capitalised(word) || small) || (j > i && raw.starts_with('(')) {
                break;
            }
            run.push(word);
            j += 1;
            if stops {
                break;
            }
        }
        i = j.max(i + 1);
        while run
            .first()
            .is_some_and(|w| OPENERS.contains(w) || CONNECTORS.contains(w))
        {
            run.remove(0);
        }
        while run.last().is_some_and(|w| CONNECTORS.contains(w)) {
            run.pop();
        }
        // "Ohio Company’s" is the Ohio Company.
        let last = run.len().saturating_sub(1);
        if let Some(word) = run.get_mut(last) {
            *word = without_possessive(word);
        }
        // A head with a word before it ("Reparation Commission") or a name
        // after it ("Council of Four"); a head alone ("the Council") is none.
        let Some(head) = run.iter().position(|w| HEADS.contains(w)) else {
            continue;
        };
        // Before the head only capitalised words that qualify it, a few at
        // most: "the Covenant of the League of Nations" is the League's, and
        // "Lyman’s Mississippi Company" the Mississippi Company.
        let start = run[..head]
            .iter()
            .rposition(|w| CONNECTORS.contains(w) || without_possessive(w).len() != w.len())
            .map_or(0, |c| c + 1)
            .max(head.saturating_sub(MOST_MODIFIERS));
        let run = &run[start..];
        let head = head - start;
        if run.len() < 2 {
            continue;
        }
        // After the head only its complement ("of Police", "for Artificial
        // Intelligence"): "European Council President Donald Tusk" is the
        // European Council.
        let end = match run.get(head + 1) {
            Some(next) if CONNECTORS.contains(next) => run.len(),
            _ => head + 1,
        };
        // An order is a body with its complement ("Fraternal Order of
        // Police"); "the New World Information Order" is an idea.
        if run[head] == "Order" && end == head + 1 {
            continue;
        }
        if end >= 2 {
            names.push(run[..end].join(" "));
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitalised_names_with_a_head_word_are_bodies() {
        assert_eq!(
            names_in("It set up a Reparation Commission, on which France sat."),
            ["Reparation Commission"]
        );
        assert_eq!(
            names_in(
                "a speech to the Fraternal Order of Police in August 2019, and the Department of Justice opened"
            ),
            ["Fraternal Order of Police", "Department of Justice"]
        );
        assert_eq!(
            names_in("The Senate of the United States never ratified it."),
            ["Senate of the United States"]
        );
        assert_eq!(
            names_in("The Pennsylvania Supreme Court applied the same rule"),
            ["Pennsylvania Supreme Court"]
        );
        assert_eq!(
            names_in("Allen Institute for Artificial Intelligence, Seattle"),
            ["Allen Institute for Artificial Intelligence"]
        );
    }

    #[test]
    fn a_possessive_before_or_after_a_body_is_no_part_of_its_name() {
        assert_eq!(
            names_in("like the Susquehanna Company and Lyman’s Mississippi Company, exhibit"),
            ["Susquehanna Company", "Mississippi Company"]
        );
        assert_eq!(
            names_in("New England’s Ohio Company of Associates, and the Ohio Company’s grant"),
            ["Ohio Company of Associates", "Ohio Company"]
        );
    }

    #[test]
    fn a_head_alone_or_a_sentence_opener_is_no_body() {
        assert!(names_in("The Council met in Paris.").is_empty());
        assert!(names_in("In Court, he said nothing.").is_empty());
        assert!(names_in("the president of the Conference spoke").is_empty());
        assert!(names_in("a New World Information Order").is_empty());
        assert_eq!(
            names_in("the dissolution of the Soviet Union and Yugoslavia, which"),
            ["Soviet Union"]
        );
        assert_eq!(
            names_in("the Institute of World Economy and International Relations. His"),
            ["Institute of World Economy and International Relations"]
        );
    }
}
