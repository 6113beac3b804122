//! People a paper names with a title: "President Heydar Aliyev", "Foreign
//! Minister Elmar Mammadyarov", "Secretary-General Amr Moussa". The gazetteer
//! lists no people: who matters differs from paper to paper, and a name
//! list made for one misleads in the next ("Mr. Cheney" in a folklore paper
//! of 1890 is not the vice-president).

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::document::{BlockKind, Document};

/// A person found in the paper: the full name, and the surname that may
/// stand for it alone (unless another person found has it too).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    pub surname: Option<String>,
}

/// Titles a name follows, longest first so that "Deputy Foreign Minister"
/// wins over "Minister". Matched with a capital or without ("Azerbaijani
/// president Ilham Aliyev").
const TITLES: &[&str] = &[
    "Deputy Foreign Minister",
    "Deputy Prime Minister",
    "Minister of Foreign Affairs",
    "Foreign Affairs Minister",
    "Secretary of State",
    "Foreign Minister",
    "Defence Minister",
    "Defense Minister",
    "Foreign Secretary",
    "Prime Minister",
    "Vice President",
    "Vice-President",
    "Secretary-General",
    "Secretary General",
    "Special Representative",
    "Special Envoy",
    "President",
    "Chancellor",
    "Ambassador",
    "Minister",
    "Senator",
    "Congressman",
    "Congresswoman",
    "Governor",
    "General",
    "Admiral",
    "King",
    "Queen",
    "Prince",
    "Emir",
    "Sheikh",
    "Ayatollah",
    "Pope",
    "Patriarch",
    "Chairman",
    "Speaker",
    "Premier",
    "Mayor",
    "Envoy",
    "Co-Chair",
    "Field Marshal",
    "Marshal",
    "Colonel",
    "Lieutenant",
    "Major",
    "Captain",
];

/// Capitalised words that end a name rather than continue it.
const NOT_NAMES: &[&str] = &[
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "Of",
    "And",
    "But",
    "For",
    "To",
    "As",
    "With",
    "By",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Administration",
    "Government",
    "Cabinet",
    "Office",
    "Doctrine",
    "Foundation",
    "Institute",
    "University",
    "Center",
    "Centre",
    "Fund",
    "Party",
    "Assembly",
    "Council",
    "Committee",
    "Republic",
    "State",
    "States",
    "Ministry",
    "Palace",
    "Plan",
    "Final",
    "Document",
    "Declaration",
    "Summit",
    "Conference",
    "Meeting",
    "Session",
];

/// The most words a name has after its title.
const MOST_WORDS: usize = 4;

/// The people the paper names: with a title, in order of first mention,
/// then full names it gives both in its text and in its notes. `known` holds
/// the words of the names of every actor already known, which are no one's
/// name here.
pub fn discover(document: &Document, known: &HashSet<&str>) -> Vec<Person> {
    let mut names: Vec<String> = Vec::new();
    for block in &document.blocks {
        if matches!(block.kind, BlockKind::BackMatter | BlockKind::Toc(_)) {
            continue;
        }
        names_in(block.text(), &mut names);
    }
    for note in &document.footnotes {
        names_in(note.text(), &mut names);
    }
    for name in repeated_names(document, known) {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    // A surname two people share stands for neither.
    let mut surnames: HashMap<String, usize> = HashMap::new();
    for name in &names {
        if let Some(surname) = surname_of(name) {
            *surnames.entry(surname).or_default() += 1;
        }
    }
    names
        .into_iter()
        .map(|name| {
            let surname = surname_of(&name).filter(|s| surnames.get(s) == Some(&1));
            Person { name, surname }
        })
        .collect()
}

/// Capitalised words that are parts of places, titles of works and
/// institutions more often than of a person's name (besides [`NOT_NAMES`]).
const NOT_PERSONAL: &[&str] = &[
    "Sea",
    "Ocean",
    "Gulf",
    "Lake",
    "River",
    "Mountains",
    "Caucasus",
    "Caspian",
    "Black",
    "East",
    "West",
    "North",
    "South",
    "Central",
    "Eastern",
    "Western",
    "Northern",
    "Southern",
    "Middle",
    "New",
    "Cold",
    "War",
    "World",
    "Foreign",
    "Policy",
    "Affairs",
    "Journal",
    "Review",
    "Quarterly",
    "Press",
    "Studies",
    "Study",
    "International",
    "National",
    "Security",
    "Energy",
    "Oil",
    "Gas",
    "Pipeline",
    "Agreement",
    "Treaty",
    "Accord",
    "Accords",
    "Principles",
    "Process",
    "Group",
    "Union",
    "Minister",
    "Report",
    "News",
    "Times",
    "Post",
    "Daily",
    "Weekly",
    "Radio",
    "Free",
    "Europe",
    "European",
    "Asia",
    "Asian",
    "Africa",
    "African",
    "America",
    "Latin",
    "Islamic",
    "Muslim",
    "Christian",
    "Orthodox",
    "Church",
    "Peace",
    "Partnership",
    "Program",
    "Programme",
    "Action",
    "Strategy",
    "Strategic",
    "Relations",
    "Cooperation",
    "Development",
    "Economic",
    "Political",
    "College",
    "Library",
    "Archive",
    "Archives",
    "Index",
    "Table",
    "Figure",
    "Chapter",
    "Section",
    "Part",
    "Vol",
    "Volume",
    "No",
    "Page",
    "Edition",
    "Karabakh",
    "Nagorno",
    "Kingdom",
    "Empire",
    "Federation",
    "Parliament",
    "Congress",
    "Senate",
    "House",
    "Court",
    "Movement",
    "Resolution",
    "Online",
    "Web",
    "Internet",
    "Google",
    "Retrieved",
    "Accessed",
    "Available",
    "Valley",
    "County",
    "Company",
    "Collection",
    "Collections",
    "Concert",
    "Concerts",
    "Representative",
    "Representatives",
    "Official",
    "Officials",
    "Senior",
    "Permanent",
    "Popular",
    "Town",
    "City",
    "Township",
    "Fort",
    "Mount",
    "Island",
    "Islands",
    "Bay",
    "Creek",
    "Street",
    "Square",
    "Hall",
    "Society",
    "Association",
    "Club",
    "Museum",
    "Gallery",
    "Theatre",
    "Theater",
    "Hospital",
    "School",
    "Academy",
    "Corporation",
    "Bank",
    "Trust",
    "Agency",
    "Service",
    "Services",
    "Forces",
    "Army",
    "Navy",
    "Guard",
    "Police",
    "Campaign",
    "Region",
    "Province",
    "District",
    "Territory",
    "Colony",
    "Colonies",
    "Frontier",
    "Road",
    "Trail",
    "Canal",
    "Railroad",
    "Railway",
];

/// Full names of two capitalised words found both in the paper's text and
/// in its notes (a person discussed and cited: "Dmitry Medvedev"), neither
/// word known as a part of another actor's name nor common in other names.
fn repeated_names(document: &Document, known: &HashSet<&str>) -> Vec<String> {
    let body: Vec<String> = document
        .blocks
        .iter()
        .filter(|b| !matches!(b.kind, BlockKind::BackMatter | BlockKind::Toc(_)))
        .flat_map(|b| pairs_in(b.text(), known))
        .collect();
    let notes: HashSet<String> = document
        .footnotes
        .iter()
        .flat_map(|n| pairs_in(n.text(), known))
        .collect();
    let mut found: Vec<String> = Vec::new();
    for name in body {
        if notes.contains(&name) && !found.contains(&name) {
            found.push(name);
        }
    }
    found
}

/// Two capitalised words standing alone together in `text` (no capitalised
/// word before or after them), that could be a first name and a surname.
fn pairs_in(text: &str, known: &HashSet<&str>) -> Vec<String> {
    let words: Vec<&str> = text.split(' ').collect();
    let is_name_word = |word: &str| {
        word.chars().count() >= 2
            && word.starts_with(|c: char| c.is_uppercase())
            && word.chars().skip(1).all(|c| c.is_lowercase() || c == '-')
            && !NOT_NAMES.contains(&word)
            && !NOT_PERSONAL.contains(&word)
            && !known.contains(word)
    };
    let capitalised = |word: &str| word.starts_with(|c: char| c.is_uppercase());
    let mut pairs = Vec::new();
    for i in 0..words.len().saturating_sub(1) {
        let (first, raw_second) = (words[i], words[i + 1]);
        let second = raw_second.trim_end_matches([',', ';', ':', '.', ')', '\'', '’', '"', '”']);
        let second = second
            .strip_suffix("’s")
            .or_else(|| second.strip_suffix("'s"))
            .unwrap_or(second);
        // The first word begins no sentence, and the pair stands alone.
        let after_sentence = i == 0 || words[i - 1].ends_with(['.', ':', '?', '!']);
        let alone = (i == 0 || !capitalised(words[i - 1]))
            && (raw_second.len() != second.len()
                || words.get(i + 2).is_none_or(|next| !capitalised(next)));
        if !after_sentence && alone && is_name_word(first) && is_name_word(second) {
            pairs.push(format!("{first} {second}"));
        }
    }
    pairs
}

/// Every title, with its first letter in either case, in one automaton
/// (the longest title at a place wins: "Deputy Foreign Minister").
fn titles() -> Option<&'static AhoCorasick> {
    static TITLES_FOUND: OnceLock<Option<AhoCorasick>> = OnceLock::new();
    TITLES_FOUND
        .get_or_init(|| {
            let patterns: Vec<String> = TITLES
                .iter()
                .flat_map(|title| {
                    let mut small = title.to_string();
                    small[..1].make_ascii_lowercase();
                    [title.to_string(), small]
                })
                .collect();
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .build(patterns)
                .ok()
        })
        .as_ref()
}

/// Adds the names after a title in `text` to `names` (once each, in the
/// order they stand).
fn names_in(text: &str, names: &mut Vec<String>) {
    let Some(titles) = titles() else {
        return;
    };
    for hit in titles.find_iter(text) {
        // The title is a whole word.
        if text[..hit.start()]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        if let Some(name) = name_at(&text[hit.end()..])
            && !names.contains(&name)
        {
            names.push(name);
        }
    }
}

/// The name that starts `after` (just past a title): two to four words, each
/// capitalised or an initial, particles between them.
fn name_at(after: &str) -> Option<String> {
    let mut rest = after.strip_prefix(' ')?;
    // "Prime Minister Colonel Surat Huseynov": a rank after the title.
    while let Some(title) = TITLES
        .iter()
        .find(|t| rest.starts_with(**t) && rest[t.len()..].starts_with(' '))
    {
        rest = &rest[title.len() + 1..];
    }
    let mut words: Vec<&str> = Vec::new();
    for raw in rest.split(' ').take(MOST_WORDS + 2) {
        let word = raw.trim_end_matches([',', ';', ':', ')', '.', '’', '\'', '"', '”']);
        let word = word
            .strip_suffix("’s")
            .or_else(|| word.strip_suffix("'s"))
            .unwrap_or(word);
        let is_initial =
            word.len() == 1 && word.starts_with(|c: char| c.is_uppercase()) && raw.ends_with('.');
        let capitalised = word.starts_with(|c: char| c.is_uppercase())
            && word.chars().skip(1).any(char::is_lowercase)
            && word
                .chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’');
        if crate::document::names::is_particle(word) && !words.is_empty() {
            words.push(word);
        } else if (capitalised && !NOT_NAMES.contains(&word)) || is_initial {
            words.push(if is_initial { raw } else { word });
        } else {
            break;
        }
        // Punctuation after a word (not an initial's point) ends the name.
        if raw.len() != word.len() && !is_initial {
            break;
        }
        if words.len() == MOST_WORDS {
            break;
        }
    }
    while words
        .last()
        .is_some_and(|w| crate::document::names::is_particle(w))
    {
        words.pop();
    }
    let capitalised = words
        .iter()
        .filter(|w| !crate::document::names::is_particle(w))
        .count();
    (capitalised >= 2).then(|| words.join(" "))
}

/// The last word of a name, when it can stand for the name alone.
fn surname_of(name: &str) -> Option<String> {
    let last = name.split(' ').next_back()?;
    let roman = last.chars().all(|c| matches!(c, 'I' | 'V' | 'X'));
    (last.chars().count() >= 3 && !roman && !last.ends_with('.')).then(|| last.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<String> {
        let mut names = Vec::new();
        names_in(text, &mut names);
        names
    }

    #[test]
    fn names_after_titles_are_people() {
        assert_eq!(
            found("when President Heydar Aliyev came"),
            ["Heydar Aliyev"]
        );
        assert_eq!(
            found(
                "Foreign Minister Elmar Mammadyarov said, and Secretary-General Amr Moussa's visit"
            ),
            ["Elmar Mammadyarov", "Amr Moussa"]
        );
        assert_eq!(
            found("the Azerbaijani president Ilham Aliyev."),
            ["Ilham Aliyev"]
        );
        assert_eq!(
            found("President George H. W. Bush met"),
            ["George H. W. Bush"]
        );
        assert_eq!(
            found("Crown Prince Mohammed bin Salman"),
            ["Mohammed bin Salman"]
        );
        assert_eq!(
            found("Prime Minister Colonel Surat Huseynov"),
            ["Surat Huseynov"]
        );
    }

    #[test]
    fn titles_without_a_full_name_find_nobody() {
        assert!(found("President Putin said").is_empty());
        assert!(found("the UN General Assembly met; General Secretary of").is_empty());
        assert!(found("the President of Azerbaijan").is_empty());
        assert!(found("Presidential Administration").is_empty());
        assert!(found("Mr. Cheney and Mrs. Brown").is_empty());
        assert!(found("President Aliyev In").is_empty());
    }

    #[test]
    fn a_shared_surname_stands_for_neither() {
        let document = crate::parse_text(
            "T\n\nIntroduction\n\nPresident Heydar Aliyev and later President Ilham Aliyev; Foreign Minister Elmar Mammadyarov.\n",
        );
        let people = discover(&document, &HashSet::new());
        let surnames: Vec<Option<&str>> = people.iter().map(|p| p.surname.as_deref()).collect();
        assert_eq!(surnames, [None, None, Some("Mammadyarov")]);
    }
}
