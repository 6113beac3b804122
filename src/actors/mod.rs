//! The actors a paper is about: states, organisations, people and non-state
//! groups. States and organisations come from a general gazetteer
//! (`gazetteer.toml`: every UN member and observer state, the main
//! intergovernmental organisations); people and other organisations are
//! found in the paper itself ([`people`], and acronyms it defines:
//! "Organization for Islamic Cooperation (OIC)"). A name counts only as far
//! as the paper bears it out: a demonym ("Indian") or a capital ("Moscow")
//! only where the paper names the state, a surname only where it gives the
//! full name.

mod bodies;
mod people;

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::ops::Range;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use aho_corasick::{AhoCorasick, AhoCorasickKind, Input, Match, MatchKind};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::document::{BlockKind, Document};

/// The gazetteer shipped with gloss; an `actors.toml` beside a paper adds to it.
pub const DEFAULT_GAZETTEER: &str = include_str!("gazetteer.toml");

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
    pub demonyms: Vec<String>,
    #[serde(default)]
    pub metonyms: Vec<String>,
    /// Words one of which the paper must have for the actor to count there.
    #[serde(default)]
    pub requires: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Gazetteer {
    #[serde(default, rename = "actor")]
    actors: Vec<GazetteerEntry>,
    /// Every name of `actors` in one automaton, built on first use and
    /// shared by the clones: the shipped gazetteer's once a run, not once
    /// a paper.
    #[serde(skip)]
    matcher: Arc<OnceLock<Matcher>>,
}

/// A gazetteer's names, ready to be looked for.
#[derive(Debug)]
struct Matcher {
    /// `None` only if the automaton could not be built (too large).
    automaton: Option<AhoCorasick>,
    /// Pattern i is name form `owners[i].1` of entry `owners[i].0`.
    owners: Vec<(usize, Form)>,
    /// Every name, and every word of one.
    names: HashSet<String>,
    words: HashSet<String>,
    /// The demonyms: "German", "Irish".
    demonyms: HashSet<String>,
}

impl Matcher {
    fn of(entries: &[GazetteerEntry]) -> Self {
        let mut patterns: Vec<&str> = Vec::new();
        let mut owners = Vec::new();
        let mut names = HashSet::new();
        for (e, entry) in entries.iter().enumerate() {
            for (name, form) in entry_names(entry) {
                if !name.is_empty() && names.insert(name.to_owned()) {
                    patterns.push(name);
                    owners.push((e, form));
                }
            }
        }
        // Not a DFA: for this many names it takes 10 ms more to build, which
        // the first paper pays, and runs no faster over a paper.
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&patterns)
            .ok();
        let words = names
            .iter()
            .flat_map(|n| n.split(' '))
            .map(str::to_owned)
            .collect();
        let demonyms = entries
            .iter()
            .flat_map(|entry| entry.demonyms.iter().cloned())
            .collect();
        Self {
            automaton,
            owners,
            names,
            words,
            demonyms,
        }
    }
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
            path: crate::text::clean_line(path),
            message: crate::text::clean_line(error.message())
                + &error
                    .span()
                    .map(|span| format!(" (line {})", line_of(text, span.start)))
                    .unwrap_or_default(),
        })
    }

    fn cleaned(mut self) -> Self {
        use crate::text::clean_line;
        for entry in &mut self.actors {
            entry.name = clean_line(&entry.name);
            let lists = [
                &mut entry.aliases,
                &mut entry.acronyms,
                &mut entry.demonyms,
                &mut entry.metonyms,
                &mut entry.requires,
            ];
            for list in lists {
                for name in list.iter_mut() {
                    *name = clean_line(name);
                }
            }
        }
        self
    }

    /// The gazetteer shipped with gloss (read once a run).
    pub fn shipped() -> Self {
        static SHIPPED: OnceLock<Gazetteer> = OnceLock::new();
        SHIPPED
            .get_or_init(|| Self::parse(DEFAULT_GAZETTEER, "gazetteer.toml").unwrap_or_default())
            .clone()
    }

    /// This gazetteer with `other`'s actors added; one of the same name
    /// replaces this one's.
    pub fn with(mut self, other: Gazetteer) -> Self {
        for entry in other.actors {
            match self.actors.iter_mut().find(|a| a.name == entry.name) {
                Some(known) => *known = entry,
                None => self.actors.push(entry),
            }
        }
        // Other names: another automaton.
        self.matcher = Arc::default();
        self
    }

    /// The actors this gazetteer knows.
    pub fn entries(&self) -> &[GazetteerEntry] {
        &self.actors
    }

    fn matcher(&self) -> &Matcher {
        self.matcher.get_or_init(|| Matcher::of(&self.actors))
    }

    /// The shipped gazetteer, with the actors of an `actors.toml` beside the
    /// paper if there is one.
    pub fn for_paper(paper: &Path) -> (Self, Option<GazetteerError>) {
        let beside = paper.parent().map(|dir| dir.join("actors.toml"));
        match beside {
            Some(path) if path.is_file() => {
                let shown = path.display().to_string();
                match crate::files::read_limited_text(&path, crate::files::limits::SETTINGS) {
                    Ok(text) => match Self::parse(&text, &shown) {
                        Ok(gazetteer) => (Self::shipped().with(gazetteer), None),
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

/// Makes, on a thread of its own, what finding the actors of any paper
/// needs once a run (the shipped gazetteer and its automaton, the lists of
/// titles and given names), while the first paper is still being read.
pub fn prepare_in_background() {
    // Without a thread the first paper makes them itself.
    let _ = std::thread::Builder::new().name("actors".into()).spawn(|| {
        Gazetteer::shipped().matcher();
        people::prepare();
    });
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

/// How a name names its actor, which decides when it counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    /// The actor's name, another name, an acronym: counts wherever it stands.
    Name,
    /// "Russian", "Russians": only where the paper names the state.
    Demonym,
    /// A person's surname alone: only where the paper gives the full name.
    Surname,
    /// The capital standing for the state, `metonyms[i]`: only where the
    /// paper names the state.
    Metonym(usize),
}

/// An actor before its mentions are found: its names and how each counts.
struct Wanted {
    actor: Actor,
    names: Vec<(String, Form)>,
}

/// Capitalised words that open a sentence rather than a name ("Then
/// Moscow refused", not "George Washington").
const SENTENCE_OPENERS: &[&str] = &[
    "Then",
    "But",
    "And",
    "When",
    "While",
    "Yet",
    "So",
    "Now",
    "Meanwhile",
    "However",
    "Thus",
    "Still",
    "Today",
    "Since",
    "After",
    "Before",
    "If",
    "Although",
    "As",
    "Once",
    "Only",
    "Even",
    "Hence",
    "Instead",
    "Indeed",
    "Moreover",
    "Furthermore",
    "Nevertheless",
    "Consequently",
    "Officially",
    "Initially",
    "Subsequently",
    "Eventually",
    "Finally",
    "First",
    "Second",
    "Third",
];

/// Words after a demonym that make it a place ("the Indian Ocean").
const PLACE_WORDS: &[&str] = &[
    "Ocean",
    "Sea",
    "Gulf",
    "Subcontinent",
    "Peninsula",
    "Plain",
    "Plains",
];
/// Words before a demonym that make it another people ("Latin American",
/// "Native American", "Anglo-Saxon").
const OTHER_PEOPLES: &[&str] = &[
    "Latin", "North", "South", "Central", "Native", "Pan", "Anglo", "Afro", "Indo", "Euro", "East",
    "West", "Scotch", "Scots",
];

impl ActorIndex {
    /// Finds the actors of `document`: the gazetteer's, the people it names
    /// with a title, and the acronyms it defines that the gazetteer lacks.
    pub fn build(document: &Document, gazetteer: &Gazetteer) -> Self {
        let matcher = gazetteer.matcher();
        let known = &matcher.names;
        // The actors this paper names that the gazetteer lacks.
        let mut found_here: Vec<Wanted> = Vec::new();
        for (name, acronym) in defined_acronyms(document) {
            if known.contains(&acronym) || known.contains(&name) {
                continue;
            }
            let kind = if name.contains("Party") || name.contains("Parties") {
                ActorKind::Group
            } else {
                ActorKind::Organisation
            };
            found_here.push(Wanted::discovered(&name, kind, vec![(acronym, Form::Name)]));
        }
        // Surnames two people share: (surname, their names).
        let mut shared: HashMap<String, Vec<String>> = HashMap::new();
        // Blocks where no actor is looked for, found once for every pass.
        let skipped = not_prose(document);
        // Bodies named by their kind ("the Reparation Commission"), unless
        // known or defined with an acronym.
        let defined: HashSet<&str> = found_here.iter().map(|w| w.actor.name.as_str()).collect();
        let is_named = |name: &str| known.contains(name) || defined.contains(name);
        for (name, kind) in bodies::discover(document, &skipped, is_named) {
            found_here.push(Wanted::discovered(&name, kind, Vec::new()));
        }
        for person in people::discover(document, &skipped, &matcher.words, &matcher.demonyms) {
            if known.contains(&person.name)
                || found_here.iter().any(|w| w.actor.name == person.name)
            {
                continue;
            }
            if let Some(surname) = person.shared_surname.filter(|s| !known.contains(s)) {
                shared.entry(surname).or_default().push(person.name.clone());
            }
            let surname = person
                .surname
                .filter(|s| !known.contains(s))
                .map(|s| (s, Form::Surname));
            found_here.push(Wanted::discovered(
                &person.name,
                ActorKind::Person,
                surname.into_iter().collect(),
            ));
        }
        let mut actors = find_mentions(document, &skipped, gazetteer, found_here);
        shared_surnames(document, &skipped, &shared, &mut actors);
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

/// Every name of a gazetteer entry with how it counts, its own first.
fn entry_names(entry: &GazetteerEntry) -> Vec<(&str, Form)> {
    // A person's one-word alias that ends the full name is a surname.
    let last_word = entry.name.split_whitespace().next_back().unwrap_or("");
    let alias_form = |alias: &str| {
        let surname = entry.kind == ActorKind::Person
            && !alias.contains(' ')
            && alias == last_word
            && entry.name.contains(' ');
        if surname { Form::Surname } else { Form::Name }
    };
    let mut names = vec![(entry.name.as_str(), Form::Name)];
    names.extend(entry.aliases.iter().map(|a| (a.as_str(), alias_form(a))));
    names.extend(entry.acronyms.iter().map(|a| (a.as_str(), Form::Name)));
    names.extend(entry.demonyms.iter().map(|d| (d.as_str(), Form::Demonym)));
    names.extend(
        entry
            .metonyms
            .iter()
            .enumerate()
            .map(|(i, m)| (m.as_str(), Form::Metonym(i))),
    );
    names
}

impl Wanted {
    fn of(entry: &GazetteerEntry) -> Self {
        let more = entry_names(entry)
            .into_iter()
            .skip(1)
            .map(|(name, form)| (name.to_owned(), form))
            .collect();
        let mut wanted = Self::named(&entry.name, entry.kind, more, false);
        wanted.actor.metonyms = entry.metonyms.clone();
        wanted
    }

    fn discovered(name: &str, kind: ActorKind, more: Vec<(String, Form)>) -> Self {
        Self::named(name, kind, more, true)
    }

    /// An actor called `name`, known also by `more`; its aliases are every
    /// name but the capitals standing for it.
    fn named(name: &str, kind: ActorKind, more: Vec<(String, Form)>, discovered: bool) -> Self {
        let mut names = vec![(name.to_owned(), Form::Name)];
        names.extend(more);
        let aliases = names
            .iter()
            .filter(|(_, form)| !matches!(form, Form::Metonym(_)))
            .map(|(n, _)| n.clone())
            .collect();
        Self {
            actor: Actor {
                name: name.to_owned(),
                kind,
                aliases,
                metonyms: Vec::new(),
                mentions: Vec::new(),
                discovered,
            },
            names,
        }
    }
}

/// The word just before `at` in `text` (hyphenated parts apart), and the
/// character between it and `at`.
fn word_before(text: &str, at: usize) -> (&str, Option<char>) {
    let before = &text[..at];
    let gap = before.chars().next_back();
    let trimmed = before.trim_end_matches([' ', '-']);
    let start = trimmed
        .rfind(|c: char| !c.is_alphanumeric() && c != '.' && c != '\'')
        .map_or(0, |i| {
            i + trimmed[i..].chars().next().map_or(1, char::len_utf8)
        });
    (&trimmed[start..], gap)
}

/// The word just after `at` in `text`.
fn word_after(text: &str, at: usize) -> &str {
    let after = text[at..].trim_start_matches(' ');
    let end = after
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(after.len());
    &after[..end]
}

/// Whether a mention through a name of this form stands for the actor here.
fn counts_here(form: Form, text: &str, range: &Range<usize>) -> bool {
    match form {
        // "the Commonwealth" in "the Commonwealth of Independent States"
        // is the start of another name.
        Form::Name => {
            !(text[range.clone()].starts_with("the ")
                && text[range.end..]
                    .strip_prefix(" of ")
                    .is_some_and(|rest| rest.starts_with(char::is_uppercase)))
        }
        Form::Surname => true,
        Form::Demonym => {
            let (before, _) = word_before(text, range.start);
            !PLACE_WORDS.contains(&word_after(text, range.end)) && !OTHER_PEOPLES.contains(&before)
        }
        Form::Metonym(_) => {
            let (before, gap) = word_before(text, range.start);
            // "in Moscow" is a place; "George Washington" a person; "the
            // Minsk Group", "the Washington Post" and "the Minsk format" are
            // not the state acting.
            let named = gap == Some(' ')
                && before.starts_with(char::is_uppercase)
                && !before.ends_with(['.', '!', '?'])
                && !SENTENCE_OPENERS.contains(&before);
            let names_more = text[range.end..].starts_with(' ')
                && word_after(text, range.end).starts_with(char::is_uppercase);
            let attributive = before.eq_ignore_ascii_case("the");
            !LOCATIVES.contains(&before) && !named && !names_more && !attributive
        }
    }
}

/// Gives each mention of a surname two people share ("President Aliyev")
/// to the one of them the text named in full last before it: a reader takes
/// it so. A surname before either is named in full counts for neither.
fn shared_surnames(
    document: &Document,
    skipped: &[bool],
    shared: &HashMap<String, Vec<String>>,
    actors: &mut [Actor],
) {
    if shared.is_empty() {
        return;
    }
    // Every mention counted, by block: a surname inside one is not another.
    let mut counted: HashMap<usize, Vec<Range<usize>>> = HashMap::new();
    for mention in actors.iter().flat_map(|a| &a.mentions) {
        counted
            .entry(mention.block)
            .or_default()
            .push(mention.range.clone());
    }
    for (surname, names) in shared {
        let owners: Vec<usize> = names
            .iter()
            .filter_map(|n| actors.iter().position(|a| a.name == *n))
            .collect();
        let mut taken: Vec<(usize, Mention)> = Vec::new();
        for (b, block) in document.blocks.iter().enumerate() {
            if skipped[b] || block.kind == BlockKind::FrontMatter {
                continue;
            }
            let text = block.text();
            for (at, _) in text.match_indices(surname.as_str()) {
                let end = at + surname.len();
                let whole = !text[..at].chars().next_back().is_some_and(is_word_char)
                    && !text[end..].chars().next().is_some_and(is_word_char);
                // Not inside a name already counted ("Ilham Aliyev").
                let inside = counted
                    .get(&b)
                    .is_some_and(|ranges| ranges.iter().any(|r| r.start <= at && end <= r.end));
                if !whole || inside {
                    continue;
                }
                // Mentions are in reading order: the last before this one.
                let last_named = owners
                    .iter()
                    .filter_map(|&o| {
                        let mentions = &actors[o].mentions;
                        let before =
                            mentions.partition_point(|m| (m.block, m.range.start) < (b, at));
                        before
                            .checked_sub(1)
                            .map(|i| ((mentions[i].block, mentions[i].range.start), o))
                    })
                    .max();
                if let Some((_, owner)) = last_named {
                    let mention = Mention {
                        block: b,
                        range: at..end,
                        metonym: None,
                    };
                    taken.push((owner, mention));
                }
            }
        }
        for (owner, mention) in taken {
            actors[owner].mentions.push(mention);
        }
        for &owner in &owners {
            actors[owner]
                .mentions
                .sort_by_key(|m| (m.block, m.range.start));
        }
    }
}

/// Headings of a reference list or a book's index.
const REFERENCE_HEADINGS: &[&str] = &[
    "index",
    "general index",
    "index of names",
    "references",
    "reference list",
    "bibliography",
    "select bibliography",
    "selected bibliography",
    "works cited",
    "literature cited",
    "literature",
    "sources",
    "sources cited",
    "further reading",
    "bibliographie",
    "literatur",
];

/// For each block, whether it is no prose of the paper: back matter, a
/// table of contents, a reference list ("References", "Bibliography", "7
/// Works Cited") or an index. The names there are of authors cited and of
/// entries, not mentions of the paper's actors.
fn not_prose(document: &Document) -> Vec<bool> {
    let listing: Vec<bool> = document
        .sections
        .iter()
        .map(|section| {
            let title = section
                .title
                .trim_start_matches(|c: char| !c.is_alphabetic())
                .trim_end_matches(|c: char| !c.is_alphabetic())
                .to_lowercase();
            REFERENCE_HEADINGS.contains(&title.as_str())
        })
        .collect();
    let listed = |mut section: Option<usize>| {
        while let Some(s) = section {
            if listing.get(s).copied().unwrap_or(false) {
                return true;
            }
            section = document.sections.get(s).and_then(|s| s.parent);
        }
        false
    };
    document
        .blocks
        .iter()
        .enumerate()
        .map(|(b, block)| {
            matches!(block.kind, BlockKind::BackMatter | BlockKind::Toc(_))
                || listed(document.section_of(b))
                || is_index_entry(block.text())
        })
        .collect()
}

/// "Field J. Sonatas: 229.", "Frederick the Great, 22, 40, 83 (note).": a
/// line of a book's index, which a converter may give as a paragraph: a
/// short line ending in page numbers set off by a comma, colon or point.
fn is_index_entry(text: &str) -> bool {
    if text.len() >= 200 {
        return false;
    }
    let is_page = |token: &str| {
        let token = token.trim_end_matches([',', '.', ';']);
        token == "(note)"
            || !token.is_empty()
                && token
                    .chars()
                    .all(|c| c.is_ascii_digit() || matches!(c, '-' | '–'))
                && token.starts_with(|c: char| c.is_ascii_digit())
    };
    let mut tokens = text.split_whitespace().rev().peekable();
    let mut pages = 0;
    while tokens.next_if(|t| is_page(t)).is_some() {
        pages += 1;
    }
    pages > 0 && tokens.next().is_some_and(|t| t.ends_with([',', ':', '.']))
}

/// The actors with their mentions: the gazetteer's found in the paper, and
/// every one of `found_here` (named in the paper) that is mentioned.
fn find_mentions(
    document: &Document,
    skipped: &[bool],
    gazetteer: &Gazetteer,
    found_here: Vec<Wanted>,
) -> Vec<Actor> {
    let matcher = gazetteer.matcher();
    let entries = &gazetteer.actors;
    // The paper's own names in an automaton of their own: the gazetteer's
    // is built once. Owner `entries.len() + i` is `found_here[i]`.
    let mut patterns: Vec<&str> = Vec::new();
    let mut owners: Vec<(usize, Form)> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    for (a, want) in found_here.iter().enumerate() {
        for (name, form) in &want.names {
            if name.is_empty() || matcher.names.contains(name) || !seen.insert(name.as_str()) {
                continue;
            }
            patterns.push(name);
            owners.push((entries.len() + a, *form));
        }
    }
    let own = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&patterns)
        .ok()
        .filter(|_| !patterns.is_empty());
    let kind_of = |owner: usize| match entries.get(owner) {
        Some(entry) => entry.kind,
        None => found_here[owner - entries.len()].actor.kind,
    };
    let mut found: Vec<Vec<(Mention, Form)>> = vec![Vec::new(); entries.len() + found_here.len()];
    for (b, block) in document.blocks.iter().enumerate() {
        if skipped[b] {
            continue;
        }
        let text = block.text();
        let automata = [matcher.automaton.as_ref(), own.as_ref()];
        for_each_hit(text, automata, |which, hit| {
            let before = text[..hit.start()].chars().next_back();
            let after = text[hit.end()..].chars().next();
            if before.is_some_and(is_word_char) || after.is_some_and(is_word_char) {
                return;
            }
            let pattern = hit.pattern().as_usize();
            let (owner, form) = if which == 0 {
                matcher.owners[pattern]
            } else {
                owners[pattern]
            };
            // A person in the front matter is an author, or thanked there.
            if block.kind == BlockKind::FrontMatter && kind_of(owner) == ActorKind::Person {
                return;
            }
            let range = hit.start()..hit.end();
            if !counts_here(form, text, &range) {
                return;
            }
            let metonym = match form {
                Form::Metonym(i) => Some(i),
                _ => None,
            };
            let mention = Mention {
                block: b,
                range,
                metonym,
            };
            found[owner].push((mention, form));
        });
    }
    // Unless a paper has one of its words, an actor with `requires` is
    // another place of the same name.
    let has_word = |word: &String| {
        document
            .blocks
            .iter()
            .any(|b| b.text().contains(word.as_str()))
    };
    let mut found_here: Vec<Option<Wanted>> = found_here.into_iter().map(Some).collect();
    let mut actors = Vec::new();
    for (owner, mentions) in found.into_iter().enumerate() {
        if mentions.is_empty() {
            continue;
        }
        let want = match entries.get(owner) {
            Some(entry) if entry.requires.is_empty() || entry.requires.iter().any(has_word) => {
                Wanted::of(entry)
            }
            Some(_) => continue,
            None => match found_here[owner - entries.len()].take() {
                Some(want) => want,
                None => continue,
            },
        };
        let mut actor = want.actor;
        // Demonyms, capitals and surnames lean on the name itself: in the
        // text, or for a person in a note ("Governor William Tryon" in a
        // note, "Governor Tryon" in the text).
        let named_in_notes = || {
            actor.kind == ActorKind::Person
                && people::opens_with_given_name(&actor.name)
                && document
                    .footnotes
                    .iter()
                    .any(|note| note.text().contains(actor.name.as_str()))
        };
        if mentions.iter().any(|(_, form)| *form == Form::Name) || named_in_notes() {
            actor.mentions = mentions.into_iter().map(|(mention, _)| mention).collect();
            actors.push(actor);
        }
    }
    actors
}

/// Calls `each` with the hits of the automata together (which one, and
/// the hit), as one automaton of all their patterns would give them:
/// leftmost first, the longest of those starting there, none overlapping.
fn for_each_hit(
    text: &str,
    automata: [Option<&AhoCorasick>; 2],
    mut each: impl FnMut(usize, Match),
) {
    // Each automaton's next hit from `at`, and whether it may have more.
    let mut next: [Option<Match>; 2] = [None; 2];
    let mut more = automata.map(|a| a.is_some());
    let mut at = 0;
    loop {
        for (i, automaton) in automata.iter().enumerate() {
            if more[i] && next[i].is_none_or(|hit| hit.start() < at) {
                next[i] = automaton.and_then(|a| a.find(Input::new(text).span(at..text.len())));
                more[i] = next[i].is_some();
            }
        }
        let chosen = (0..2)
            .filter_map(|i| next[i].map(|hit| (i, hit)))
            .min_by_key(|(i, hit)| (hit.start(), std::cmp::Reverse(hit.len()), *i));
        let Some((i, hit)) = chosen else {
            return;
        };
        each(i, hit);
        at = hit.end();
        next[i] = None;
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
            "T\n\nIntroduction\n\nMoscow has sought influence. Russia and the Russian Federation agreed. A summit in Moscow. Then Moscow refused, George Washington left, the Minsk format and the Minsk Group.\n",
        );
        let russia = index.actors.iter().find(|a| a.name == "Russia").unwrap();
        assert_eq!(russia.mentions.len(), 4);
        assert_eq!(russia.summary(), "Russia 4, as Moscow 2");
    }

    #[test]
    fn longest_name_wins_and_words_stay_whole() {
        let index = index(
            "T\n\nIntroduction\n\nThe OSCE Minsk Group met; the OSCE did not. Russia, Russian. Prussia.\n",
        );
        let names: Vec<(&str, usize)> = index
            .actors
            .iter()
            .map(|a| (a.name.as_str(), a.mentions.len()))
            .collect();
        assert!(names.contains(&("OSCE Minsk Group", 1)));
        assert!(names.contains(&("OSCE", 1)));
        assert!(names.contains(&("Russia", 2)));
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

    fn counts(index: &ActorIndex) -> Vec<(&str, usize)> {
        index
            .actors
            .iter()
            .map(|a| (a.name.as_str(), a.mentions.len()))
            .collect()
    }

    #[test]
    fn a_demonym_counts_only_where_the_paper_names_the_state() {
        let alone =
            index("T\n\nIntroduction\n\nThe Indian tribes and the German settlers moved west.\n");
        assert!(counts(&alone).is_empty(), "{:?}", counts(&alone));
        let named = index(
            "T\n\nIntroduction\n\nIndia and the Indian government; the Indian Ocean; Latin American and North American states, and the United States.\n",
        );
        assert_eq!(counts(&named), [("India", 2), ("United States", 1)]);
    }

    #[test]
    fn a_surname_counts_only_where_the_paper_gives_the_full_name() {
        let gazetteer = Gazetteer::parse(
            "[[actor]]\nname = \"Dick Cheney\"\nkind = \"person\"\naliases = [\"Cheney\"]\n",
            "a.toml",
        )
        .unwrap();
        let folklore =
            parse_text("T\n\nIntroduction\n\nMr. Cheney told the tale, and Cheney laughed.\n");
        assert!(ActorIndex::build(&folklore, &gazetteer).actors.is_empty());
        let politics = parse_text("T\n\nIntroduction\n\nDick Cheney came; Cheney spoke.\n");
        let cheney = ActorIndex::build(&politics, &gazetteer);
        assert_eq!(counts(&cheney), [("Dick Cheney", 2)]);
        // Found by title, the same holds.
        let found = index(
            "T\n\nIntroduction\n\nForeign Minister Elmar Mammadyarov arrived. Mammadyarov said so.\n",
        );
        assert_eq!(counts(&found), [("Elmar Mammadyarov", 2)]);
    }

    #[test]
    fn a_users_actors_are_added_and_replace_the_shipped_ones_of_that_name() {
        let user = Gazetteer::parse(
            "[[actor]]\nname = \"Russia\"\nkind = \"state\"\naliases = [\"Muscovy\"]\n\n[[actor]]\nname = \"Passamaquoddy\"\nkind = \"group\"\n",
            "a.toml",
        )
        .unwrap();
        let gazetteer = Gazetteer::shipped().with(user);
        let shipped = Gazetteer::shipped().actors.len();
        assert_eq!(gazetteer.actors.len(), shipped + 1);
        let russia = gazetteer
            .actors
            .iter()
            .find(|a| a.name == "Russia")
            .unwrap();
        assert_eq!(russia.aliases, ["Muscovy"]);
    }

    #[test]
    fn the_shipped_gazetteer_knows_every_un_state_and_no_person() {
        let gazetteer = Gazetteer::shipped();
        let states = gazetteer
            .actors
            .iter()
            .filter(|a| a.kind == ActorKind::State)
            .count();
        assert!(states >= 195, "{states}");
        assert!(gazetteer.actors.iter().all(|a| a.kind != ActorKind::Person));
        for name in [
            "Tuvalu",
            "Holy See",
            "Palestine",
            "Eswatini",
            "North Macedonia",
        ] {
            assert!(gazetteer.actors.iter().any(|a| a.name == name), "{name}");
        }
    }
}
