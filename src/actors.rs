//! The actors a paper is about: states, organisations, people and non-state
//! groups, found from a gazetteer (`texts/actors.toml`) and from acronyms the
//! paper defines itself ("Organization for Islamic Cooperation (OIC)").

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::Path;

use aho_corasick::{AhoCorasick, MatchKind};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::document::{BlockKind, Document};

/// The gazetteer shipped with gloss, used where a paper's folder has none.
pub const DEFAULT_GAZETTEER: &str = include_str!("../texts/actors.toml");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    State,
    Organisation,
    Person,
    Group,
}

impl ActorKind {
    pub const ALL: [ActorKind; 4] = [
        ActorKind::State,
        ActorKind::Organisation,
        ActorKind::Person,
        ActorKind::Group,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ActorKind::State => "state",
            ActorKind::Organisation => "organisation",
            ActorKind::Person => "person",
            ActorKind::Group => "group",
        }
    }

    /// The heading the sidebar groups actors of this kind under.
    pub fn plural(self) -> &'static str {
        match self {
            ActorKind::State => "States",
            ActorKind::Organisation => "Organisations",
            ActorKind::Person => "People",
            ActorKind::Group => "Groups",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GazetteerEntry {
    pub name: String,
    pub kind: ActorKind,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub acronyms: Vec<String>,
    #[serde(default)]
    pub metonyms: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Gazetteer {
    #[serde(default, rename = "actor")]
    pub actors: Vec<GazetteerEntry>,
}

#[derive(Debug, Error)]
#[error("the actors file '{path}' could not be read: {message}")]
pub struct GazetteerError {
    pub path: String,
    pub message: String,
}

impl Gazetteer {
    pub fn parse(text: &str, path: &str) -> Result<Self, GazetteerError> {
        let parsed: Result<Self, _> = toml::from_str(text);
        // Names are shown on screen: no control characters from a user's file.
        parsed.map(Self::cleaned).map_err(|error| GazetteerError {
            path: crate::source::clean_line(path),
            message: crate::source::clean_line(error.message())
                + &error
                    .span()
                    .map(|span| format!(" (line {})", line_of(text, span.start)))
                    .unwrap_or_default(),
        })
    }

    fn cleaned(mut self) -> Self {
        use crate::source::clean_line;
        for entry in &mut self.actors {
            entry.name = clean_line(&entry.name);
            for list in [&mut entry.aliases, &mut entry.acronyms, &mut entry.metonyms] {
                for name in list.iter_mut() {
                    *name = clean_line(name);
                }
            }
        }
        self
    }

    /// The gazetteer shipped with gloss.
    pub fn shipped() -> Self {
        Self::parse(DEFAULT_GAZETTEER, "texts/actors.toml").unwrap_or_default()
    }

    /// `actors.toml` beside the paper if there is one, else the shipped one.
    pub fn for_paper(paper: &Path) -> (Self, Option<GazetteerError>) {
        let beside = paper.parent().map(|dir| dir.join("actors.toml"));
        match beside {
            Some(path) if path.is_file() => {
                let shown = path.display().to_string();
                match std::fs::read_to_string(&path) {
                    Ok(text) => match Self::parse(&text, &shown) {
                        Ok(gazetteer) => (gazetteer, None),
                        Err(error) => (Self::shipped(), Some(error)),
                    },
                    Err(error) => (
                        Self::shipped(),
                        Some(GazetteerError {
                            path: shown,
                            message: error.to_string(),
                        }),
                    ),
                }
            }
            _ => (Self::shipped(), None),
        }
    }
}

pub(crate) fn line_of(text: &str, offset: usize) -> usize {
    1 + text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
}

/// One place an actor is mentioned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub block: usize,
    /// Bytes of the block's text.
    pub range: Range<usize>,
    /// Through a capital city standing for the state.
    pub metonym: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub name: String,
    pub kind: ActorKind,
    /// Every name gloss looks for, the actor's own first.
    pub aliases: Vec<String>,
    pub metonyms: Vec<String>,
    pub mentions: Vec<Mention>,
    /// Found from a definition in the paper, not the gazetteer.
    pub discovered: bool,
}

impl Actor {
    /// Mentions through each metonym, in the order of `metonyms`.
    pub fn metonym_counts(&self) -> Vec<(&str, usize)> {
        self.metonyms
            .iter()
            .enumerate()
            .map(|(i, m)| {
                (
                    m.as_str(),
                    self.mentions
                        .iter()
                        .filter(|x| x.metonym == Some(i))
                        .count(),
                )
            })
            .filter(|(_, n)| *n > 0)
            .collect()
    }

    /// "Russia 41, as Moscow 9": the count line the sidebar shows.
    pub fn summary(&self) -> String {
        let mut text = format!("{} {}", self.name, self.mentions.len());
        let metonyms = self.metonym_counts();
        if !metonyms.is_empty() {
            let parts: Vec<String> = metonyms.iter().map(|(m, n)| format!("{m} {n}")).collect();
            text.push_str(&format!(", as {}", parts.join(", ")));
        }
        text
    }
}

/// The actors of one paper, most mentioned first.
#[derive(Debug, Clone, Default)]
pub struct ActorIndex {
    pub actors: Vec<Actor>,
}

/// Words that may stand between the capitals of a name and its acronym.
const CONNECTIVES: &[&str] = &[
    "of", "for", "and", "the", "on", "in", "de", "des", "du", "&", "to",
];
/// Words that make a defined name an actor rather than a document or a plan.
const INSTITUTION_WORDS: &[&str] = &[
    "organization",
    "organisation",
    "movement",
    "council",
    "conference",
    "committee",
    "assembly",
    "union",
    "group",
    "bureau",
    "commission",
    "forum",
    "party",
    "parties",
    "association",
    "alliance",
    "institute",
    "centre",
    "center",
    "agency",
    "bank",
    "fund",
    "office",
    "secretariat",
    "league",
    "community",
    "society",
    "trust",
    "commonwealth",
    "court",
    "parliament",
    "ministry",
    "department",
    "foundation",
    "network",
];
/// Words before a capital that make it a place, not the state acting.
const LOCATIVES: &[&str] = &["in", "at", "to", "near", "via"];

/// "Full Name (ACR)": the names a paper defines for its acronyms.
pub fn defined_acronyms(document: &Document) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = Vec::new();
    for block in &document.blocks {
        let text = block.text();
        for (open, _) in text.match_indices('(') {
            let Some(close) = text[open..].find(')').map(|c| c + open) else {
                continue;
            };
            let acronym = &text[open + 1..close];
            let capitals: Vec<char> = acronym.chars().filter(char::is_ascii_uppercase).collect();
            let valid = (2..=8).contains(&acronym.len())
                && acronym.chars().all(|c| c.is_ascii_alphabetic())
                && acronym.starts_with(|c: char| c.is_ascii_uppercase())
                && capitals.len() >= 2;
            if !valid {
                continue;
            }
            if let Some(name) = name_before(&text[..open], &capitals)
                && !found.iter().any(|(_, a)| a == acronym)
            {
                found.push((name, acronym.to_owned()));
            }
        }
    }
    found
}

/// The capitalised words before `(` whose initials spell `capitals`.
fn name_before(before: &str, capitals: &[char]) -> Option<String> {
    let words: Vec<&str> = before.split_whitespace().rev().take(16).collect();
    let mut wanted = capitals.len();
    let mut skipped = 0;
    let mut taken = 0;
    for word in &words {
        let clean = word.trim_matches(|c: char| !c.is_alphanumeric());
        let initial = clean.chars().next()?;
        taken += 1;
        if initial == capitals[wanted - 1] {
            wanted -= 1;
            if wanted == 0 {
                break;
            }
        } else if CONNECTIVES.contains(&clean) {
            continue;
        } else if initial.is_uppercase() && skipped < 3 {
            skipped += 1;
        } else {
            return None;
        }
    }
    if wanted > 0 {
        return None;
    }
    let mut name_words: Vec<&str> = words[..taken].to_vec();
    name_words.reverse();
    let name = name_words
        .join(" ")
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '.')
        .to_owned();
    let is_institution = name.split([' ', '-']).any(|word| {
        let word = word.to_lowercase();
        INSTITUTION_WORDS
            .iter()
            .any(|w| word.trim_end_matches('s') == w.trim_end_matches('s'))
    });
    is_institution.then_some(name)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

impl ActorIndex {
    /// Finds the actors of `document`: the gazetteer's, plus acronyms the
    /// document defines that the gazetteer lacks.
    pub fn build(document: &Document, gazetteer: &Gazetteer) -> Self {
        let mut actors: Vec<Actor> = gazetteer
            .actors
            .iter()
            .map(|entry| Actor {
                name: entry.name.clone(),
                kind: entry.kind,
                aliases: std::iter::once(entry.name.clone())
                    .chain(entry.aliases.iter().cloned())
                    .chain(entry.acronyms.iter().cloned())
                    .collect(),
                metonyms: entry.metonyms.clone(),
                mentions: Vec::new(),
                discovered: false,
            })
            .collect();
        let known: HashSet<String> = actors
            .iter()
            .flat_map(|a| a.aliases.iter().cloned())
            .collect();
        for (name, acronym) in defined_acronyms(document) {
            if known.contains(&acronym) || known.contains(&name) {
                continue;
            }
            let kind = if name.contains("Party") || name.contains("Parties") {
                ActorKind::Group
            } else {
                ActorKind::Organisation
            };
            actors.push(Actor {
                name: name.clone(),
                kind,
                aliases: vec![name, acronym],
                metonyms: Vec::new(),
                mentions: Vec::new(),
                discovered: true,
            });
        }
        find_mentions(document, &mut actors);
        actors.retain(|a| !a.mentions.is_empty());
        actors.sort_by(|a, b| {
            b.mentions
                .len()
                .cmp(&a.mentions.len())
                .then_with(|| a.name.cmp(&b.name))
        });
        Self { actors }
    }

    /// Actors with a mention in `blocks` (by index in `actors`).
    pub fn on_blocks(&self, blocks: Range<usize>) -> HashSet<usize> {
        self.actors
            .iter()
            .enumerate()
            .filter(|(_, a)| a.mentions.iter().any(|m| blocks.contains(&m.block)))
            .map(|(i, _)| i)
            .collect()
    }
}

fn find_mentions(document: &Document, actors: &mut [Actor]) {
    // Pattern i names actor `owner[i]`, through metonym `metonym[i]` if any.
    let mut patterns: Vec<&str> = Vec::new();
    let mut owners: Vec<(usize, Option<usize>)> = Vec::new();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (a, actor) in actors.iter().enumerate() {
        let names = actor.aliases.iter().map(|n| (n, None));
        let metonyms = actor.metonyms.iter().enumerate().map(|(i, n)| (n, Some(i)));
        for (name, metonym) in names.chain(metonyms) {
            if name.is_empty() || seen.contains_key(name.as_str()) {
                continue;
            }
            seen.insert(name, a);
            patterns.push(name);
            owners.push((a, metonym));
        }
    }
    let Ok(automaton) = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&patterns)
    else {
        return;
    };
    let mut found: Vec<Vec<Mention>> = vec![Vec::new(); actors.len()];
    for (b, block) in document.blocks.iter().enumerate() {
        if matches!(block.kind, BlockKind::BackMatter | BlockKind::Toc(_)) {
            continue;
        }
        let text = block.text();
        for hit in automaton.find_iter(text) {
            let before = text[..hit.start()].chars().next_back();
            let after = text[hit.end()..].chars().next();
            if before.is_some_and(is_word_char) || after.is_some_and(is_word_char) {
                continue;
            }
            let (actor, metonym) = owners[hit.pattern().as_usize()];
            if metonym.is_some() {
                let previous_word = text[..hit.start()]
                    .split_whitespace()
                    .next_back()
                    .unwrap_or("");
                if LOCATIVES.contains(&previous_word) {
                    continue;
                }
            }
            found[actor].push(Mention {
                block: b,
                range: hit.start()..hit.end(),
                metonym,
            });
        }
    }
    for (actor, mentions) in actors.iter_mut().zip(found) {
        actor.mentions = mentions;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse_text;

    fn index(text: &str) -> ActorIndex {
        ActorIndex::build(&parse_text(text), &Gazetteer::shipped())
    }

    #[test]
    fn shipped_gazetteer_parses() {
        let gazetteer = Gazetteer::parse(DEFAULT_GAZETTEER, "actors.toml").unwrap();
        assert!(gazetteer.actors.len() > 100);
        assert!(
            gazetteer
                .actors
                .iter()
                .any(|a| a.name == "Non-Aligned Movement")
        );
    }

    #[test]
    fn metonyms_count_for_the_state_but_not_as_places() {
        let index = index(
            "T\n\nIntroduction\n\nMoscow has sought influence. Russia and the Russian Federation agreed. A summit in Moscow.\n",
        );
        let russia = index.actors.iter().find(|a| a.name == "Russia").unwrap();
        assert_eq!(russia.mentions.len(), 3);
        assert_eq!(russia.summary(), "Russia 3, as Moscow 1");
    }

    #[test]
    fn longest_name_wins_and_words_stay_whole() {
        let index = index(
            "T\n\nIntroduction\n\nThe OSCE Minsk Group met; the OSCE did not. Russian. Prussia.\n",
        );
        let names: Vec<(&str, usize)> = index
            .actors
            .iter()
            .map(|a| (a.name.as_str(), a.mentions.len()))
            .collect();
        assert!(names.contains(&("OSCE Minsk Group", 1)));
        assert!(names.contains(&("OSCE", 1)));
        assert!(names.contains(&("Russia", 1)));
    }

    #[test]
    fn acronyms_defined_in_the_text_are_found() {
        let doc = parse_text(
            "T\n\nIntroduction\n\nThe Conference on Interaction and Confidence Building Measures in Asia (CICA) met. The Shanghai Cooperation Organisation (SCO) too, and the SCO again. The line of contact (LoC) is not an actor, nor the Millennium Development Goals (MDGs).\n",
        );
        let defined = defined_acronyms(&doc);
        assert!(defined.contains(&(
            "Conference on Interaction and Confidence Building Measures in Asia".into(),
            "CICA".into()
        )));
        assert!(defined.contains(&("Shanghai Cooperation Organisation".into(), "SCO".into())));
        assert!(!defined.iter().any(|(_, a)| a == "LoC" || a == "MDGs"));
        let index = ActorIndex::build(&doc, &Gazetteer::default());
        let sco = index
            .actors
            .iter()
            .find(|a| a.name == "Shanghai Cooperation Organisation")
            .unwrap();
        assert_eq!(sco.mentions.len(), 3);
        assert!(sco.discovered);
    }

    #[test]
    fn names_from_a_users_file_carry_no_escape_sequences() {
        let gazetteer = Gazetteer::parse("[[actor]]\nname = \"Evil\\u001b[2J\"\nkind = \"state\"\naliases = [\"E\\u001b]0;x\\u0007\"]\n", "a.toml").unwrap();
        assert_eq!(gazetteer.actors[0].name, "Evil");
        assert_eq!(gazetteer.actors[0].aliases, ["E"]);
    }

    #[test]
    fn bad_gazetteer_names_file_and_line() {
        let error = Gazetteer::parse(
            "[[actor]]\nname = \"X\"\nkind = \"planet\"\n",
            "my/actors.toml",
        )
        .unwrap_err();
        let message = error.to_string();
        assert!(
            message.contains("my/actors.toml") && message.contains("line 3"),
            "{message}"
        );
    }
}
