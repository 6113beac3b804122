//! People a paper names: after a title or an honorific ("President Heydar
//! Aliyev", "Foreign Minister Elmar Mammadyarov", "M. Clemenceau", "Dr.
//! Bell"), with a given name ("Larry Krasner", "Chad Flanders"), or in both
//! its text and its notes. The gazetteer lists no people: who matters
//! differs from paper to paper, and a name list made for one misleads in the
//! next ("Mr. Cheney" in a folklore paper of 1890 is not the vice-president);
//! a list of given names only says that the word after one is a surname.

use foldhash::{HashMap, HashMapExt, HashSet};
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::document::names::is_given_name;
use crate::document::{BlockKind, Document};

/// A person found in the paper: the full name, and the surname that may
/// stand for it alone (unless another person found has it too).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    pub surname: Option<String>,
    /// The surname when another person found has it too: it stands for
    /// whichever of them the text named last (see `ActorIndex::build`).
    pub shared_surname: Option<String>,
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
    "Permanent Representative",
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

/// Honorifics and ranks a surname alone may follow ("M. Clemenceau", "Herr
/// Müller", "Justice Stewart"), matched only with their capital.
const HONORIFICS: &[&str] = &[
    "Attorney General",
    "District Attorney",
    "Solicitor General",
    "Chief Justice",
    "Justice",
    "Judge",
    "Professor",
    "Prof.",
    "Secretary",
    "Commissioner",
    "Mr.",
    "Mr",
    "Mrs.",
    "Mrs",
    "Ms.",
    "Miss",
    "Dr.",
    "Dr",
    "M.",
    "Mme.",
    "Mme",
    "Mlle.",
    "Herr",
    "Frau",
    "Signor",
    "Signora",
    "Señor",
    "Baron",
    "Baroness",
    "Count",
    "Countess",
    "Lord",
    "Lady",
    "Sir",
    "Dame",
    "Duke",
    "Duchess",
    "Earl",
    "Archduke",
    "Archduchess",
    "Emperor",
    "Empress",
    "Kaiser",
    "Tsar",
    "Czar",
    "Sultan",
    "Cardinal",
    "Bishop",
    "Archbishop",
    "Rabbi",
];

/// Capitalised words that end a name rather than continue it.
const NOT_NAMES: &[&str] = &[
    // An adjective far more often than a given name: "a Roman Wall".
    "Roman",
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
    "God",
    "Department",
    "Court",
    "Bench",
];

/// The most words a name has after its title.
const MOST_WORDS: usize = 4;

/// The people the paper names: with a title, in order of first mention,
/// then full names it gives both in its text and in its notes, outside the
/// `skipped` blocks (no prose: see `not_prose`). `known` holds the words of
/// the names of every actor already known, which are no one's name here.
/// `demonyms` ("German", "Irish") are adjectives, never a given name.
pub fn discover(
    document: &Document,
    skipped: &[bool],
    known: &HashSet<String>,
    demonyms: &HashSet<String>,
) -> Vec<Person> {
    let mut names: Vec<String> = Vec::new();
    let texts = document
        .blocks
        .iter()
        .zip(skipped)
        // Not the byline: the paper's authors are not its actors.
        .filter(|(b, skip)| !**skip && b.kind != BlockKind::FrontMatter)
        .map(|(b, _)| (b.text(), matches!(b.kind, BlockKind::Heading { .. })))
        .chain(document.footnotes.iter().map(|n| (n.text(), false)));
    let texts: Vec<(&str, bool)> = texts.collect();
    let blocks = texts.len() - document.footnotes.len();
    // Each text's words, split once for every pass.
    let words: Vec<Vec<&str>> = texts.iter().map(|(text, _)| words_of(text)).collect();
    let (text_words, note_words) = words.split_at(blocks);
    let usage = Usage::of(text_words);
    for (text, heading) in &texts {
        names_in(text, *heading, known, &mut names);
    }
    // A name opening with a given name in a note is mostly an author cited;
    // one the text discusses is in the text as well.
    let given = |word: &str| {
        is_given_name(word) && !demonyms.contains(word) && !usage.places.contains(word)
    };
    let people = |word: &str| demonyms.contains(word) || is_group_word(word);
    for words in text_words {
        given_names_in(words, known, &given, &people, &usage, &mut names);
    }
    for name in repeated_names(text_words, note_words, known) {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    // Surnames alone, by what is said of them: the text's blocks only (a
    // note's "Cf. Fétis" cites).
    for name in surnames_by_context(text_words, known, &usage, &names) {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    // Names by their last word, to compare a name only with its namesakes.
    let mut by_surname: HashMap<String, Vec<String>> = HashMap::new();
    for name in names.iter().filter(|n| n.contains(' ')) {
        if let Some(last) = name.rsplit(' ').next() {
            by_surname
                .entry(last.to_owned())
                .or_default()
                .push(name.clone());
        }
    }
    let namesakes = |name: &str| {
        name.rsplit(' ')
            .next()
            .and_then(|last| by_surname.get(last))
            .map_or(&[][..], Vec::as_slice)
    };
    names.retain(|name| {
        // "T.A. Arne" where the paper names Thomas Augustine Arne is he.
        let spelled_out =
            name.contains('.') && namesakes(name).iter().any(|other| initials_of(other, name));
        // "President Wilson" where the paper names Woodrow Wilson too is he;
        // "President Aliyev" beside two Aliyevs is neither, and no third.
        let surname_of_another = !name.contains(' ') && !namesakes(name).is_empty();
        !spelled_out && !surname_of_another
    });
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
            let last = surname_of(&name);
            let shared = last.as_ref().is_some_and(|s| surnames.get(s) > Some(&1));
            Person {
                surname: last.clone().filter(|_| !shared),
                shared_surname: last.filter(|_| shared),
                name,
            }
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

/// A text's words, as every pass reads them.
fn words_of(text: &str) -> Vec<&str> {
    text.split_whitespace().collect()
}

/// What the paper's own use of its words says of them, gathered once.
struct Usage<'a> {
    /// The words it writes in lower case: a capitalised one among them is
    /// a common word ("Sonata", "sonata"; "Wall", "wall").
    lower: HashSet<&'a str>,
    /// Capitalised words it writes alone after "in", "at" or "from" more
    /// than once: places here ("in Virginia"), whatever else they name
    /// elsewhere ("in Andrew Jackson", "in Jefferson a powerful exponent").
    places: HashSet<&'a str>,
}

impl<'a> Usage<'a> {
    fn of(texts: &[Vec<&'a str>]) -> Self {
        let mut lower = HashSet::default();
        let mut placed: HashMap<&str, usize> = HashMap::new();
        for words in texts {
            for (i, word) in words.iter().enumerate() {
                if word.starts_with(char::is_lowercase) {
                    lower.insert(bare(word));
                } else if i > 0
                    && matches!(words[i - 1], "in" | "at" | "from")
                    && words
                        .get(i + 1)
                        .is_none_or(|next| !next.starts_with(char::is_uppercase))
                {
                    *placed.entry(without_possessive(bare(word))).or_default() += 1;
                }
            }
        }
        let places = placed
            .into_iter()
            .filter(|&(_, times)| times >= 2)
            .map(|(word, _)| word)
            .collect();
        Self { lower, places }
    }

    /// Whether the paper also writes `word` (capitalised) in lower case.
    fn is_common(&self, word: &str) -> bool {
        self.lower.contains(word.to_lowercase().as_str())
    }
}

/// Full names of two capitalised words found both in the paper's text and
/// in its notes (a person discussed and cited: "Dmitry Medvedev"), neither
/// word known as a part of another actor's name nor common in other names.
fn repeated_names(
    text_words: &[Vec<&str>],
    note_words: &[Vec<&str>],
    known: &HashSet<String>,
) -> Vec<String> {
    let notes: HashSet<(&str, &str)> = note_words
        .iter()
        .flat_map(|words| pairs_in(words, known))
        .collect();
    let mut found: Vec<String> = Vec::new();
    for pair in text_words.iter().flat_map(|words| pairs_in(words, known)) {
        let name = format!("{} {}", pair.0, pair.1);
        if notes.contains(&pair) && !found.contains(&name) {
            found.push(name);
        }
    }
    found
}

/// Two capitalised words standing alone together in `words` (no
/// capitalised word before or after them), that could be a first name and
/// a surname.
fn pairs_in<'a>(words: &[&'a str], known: &HashSet<String>) -> Vec<(&'a str, &'a str)> {
    let is_name_word = |word: &str| {
        word.chars().count() >= 2
            && word.starts_with(|c: char| c.is_uppercase())
            && word.chars().skip(1).all(|c| c.is_lowercase() || c == '-')
            && !lists().not_names.contains(word)
            && !known.contains(word)
    };
    let capitalised = |word: &str| word.starts_with(|c: char| c.is_uppercase());
    let mut pairs = Vec::new();
    for i in 0..words.len().saturating_sub(1) {
        let (first, raw_second) = (words[i], words[i + 1]);
        let second = raw_second.trim_end_matches([',', ';', ':', '.', ')', '\'', '’', '"', '”']);
        let second = without_possessive(second);
        // The first word begins no sentence, and the pair stands alone.
        let after_sentence = i == 0 || words[i - 1].ends_with(['.', ':', '?', '!']);
        let alone = (i == 0 || !capitalised(words[i - 1]))
            && (raw_second.len() != second.len()
                || words.get(i + 2).is_none_or(|next| !capitalised(next)));
        if !after_sentence && alone && is_name_word(first) && is_name_word(second) {
            pairs.push((first, second));
        }
    }
    pairs
}

/// Makes the lists and automata every paper uses, once a run.
pub fn prepare() {
    titles();
    lists();
    crate::document::names::warm_given_names();
}

/// Every title, with its first letter in either case, and every honorific
/// with its capital, in one automaton (the longest title at a place wins:
/// "Deputy Foreign Minister").
fn titles() -> Option<&'static AhoCorasick> {
    static TITLES_FOUND: OnceLock<Option<AhoCorasick>> = OnceLock::new();
    TITLES_FOUND
        .get_or_init(|| {
            // "President", "president"; "Special Representative",
            // "special Representative", "special representative".
            let mut patterns: Vec<String> = TITLES
                .iter()
                .flat_map(|title| {
                    let mut first = title.to_string();
                    first[..1].make_ascii_lowercase();
                    [title.to_string(), first, title.to_lowercase()]
                })
                .chain(HONORIFICS.iter().map(|h| h.to_string()))
                .collect();
            patterns.sort();
            patterns.dedup();
            // Built once and run over every paper: a DFA.
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .kind(Some(AhoCorasickKind::DFA))
                .build(patterns)
                .ok()
        })
        .as_ref()
}

/// Adds the names after a title in `text` to `names` (once each, in the
/// order they stand). After a title with its capital a surname alone is a
/// name ("President Wilson"); after one in lower case ("the president"), it
/// takes a full name. `known` holds words of other actors' names.
fn names_in(text: &str, heading: bool, known: &HashSet<String>, names: &mut Vec<String>) {
    let Some(titles) = titles() else {
        return;
    };
    for hit in titles.find_iter(text) {
        let before = &text[..hit.start()];
        // The title is a whole word, and "M." after an initial is one too
        // ("J. M. Keynes").
        if before
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        let title = &text[hit.range()];
        let initial_before = before.trim_end().rsplit(' ').next().is_some_and(is_initial);
        // "M. Self-Consistency": a heading's letter, not Monsieur.
        if title == "M." && (initial_before || heading && before.trim().is_empty()) {
            continue;
        }
        let capital = title.starts_with(char::is_uppercase);
        let Some(name) = name_at(&text[hit.end()..]) else {
            continue;
        };
        // "King Philip’s War", "Shays’ Rebellion": an event named for one.
        let rest = text[hit.end()..].trim_start();
        let event = rest.get(name.len()..).is_some_and(|after| {
            let after = after.trim_start_matches(['’', '\'', 's']).trim_start();
            ["War", "Rebellion", "Revolt", "Uprising"]
                .iter()
                .any(|event| after.starts_with(event))
        });
        if event {
            continue;
        }
        let single = !name.contains(' ');
        if single && (!capital || !may_be_surname(&name, known) || is_title_word(&name)) {
            continue;
        }
        if !names.contains(&name) {
            names.push(name);
        }
    }
}

/// Whether a capitalised word standing alone after a title may be a
/// surname: not a word of another actor's name, of a place or an
/// institution, nor an acronym.
fn may_be_surname(word: &str, known: &HashSet<String>) -> bool {
    // An apostrophe after a letter or two ("O’Neill", "d’Indy"), not inside
    // a contraction ("Maj’tie").
    let contracted = word
        .char_indices()
        .any(|(i, c)| matches!(c, '\'' | '’') && i > 2);
    word.chars().count() >= 2
        && word.chars().any(char::is_lowercase)
        && !contracted
        && !known.contains(word)
        && !lists().not_names.contains(word)
        && !is_group_word(word)
}

/// Peoples, faiths and parties in the plural ("Quakers", "Presbyterians",
/// "Whigs"): no one's name.
fn is_group_word(word: &str) -> bool {
    const GROUPS: &[&str] = &[
        "Quakers",
        "Protestants",
        "Catholics",
        "Huguenots",
        "Palatines",
        "Puritans",
        "Lutherans",
        "Dissenters",
        "Separatists",
        "Tories",
        "Whigs",
        "Jews",
        "Moors",
        "Turks",
        "Highlanders",
        "Regulators",
        "Loyalists",
        "Patriots",
        "Democrats",
        "Republicans",
        "Federalists",
        "Bolsheviks",
        "Mennonites",
    ];
    GROUPS.contains(&word)
        || ["ists", "ians", "ites"]
            .iter()
            .any(|end| word.ends_with(end))
}

/// Whether `words` are a title of two words ("Permanent Representative").
fn is_title(words: &str) -> bool {
    lists().titles.contains(words)
}

/// Whether `word` is a title or an honorific ("General", "Secretary"):
/// after another title it is a rank, no name ("General Secretary").
fn is_title_word(word: &str) -> bool {
    lists().titles.contains(word)
}

/// The word lists above as sets, made once: they are asked about every
/// capitalised word of a paper.
struct Lists {
    /// [`NOT_NAMES`] and [`NOT_PERSONAL`].
    not_names: HashSet<&'static str>,
    /// [`TITLES`] and [`HONORIFICS`] (without their points).
    titles: HashSet<&'static str>,
}

fn lists() -> &'static Lists {
    static LISTS: OnceLock<Lists> = OnceLock::new();
    LISTS.get_or_init(|| Lists {
        not_names: NOT_NAMES.iter().chain(NOT_PERSONAL).copied().collect(),
        titles: TITLES
            .iter()
            .chain(HONORIFICS)
            .map(|t| t.trim_end_matches('.'))
            .collect(),
    })
}

/// Whether `name` opens with a given name or initials ("William Tryon",
/// "J. M. Keynes"), as a person's full name does.
pub(super) fn opens_with_given_name(name: &str) -> bool {
    name.split(' ')
        .next()
        .is_some_and(|first| is_given_name(first) || is_initials(first))
        && name.contains(' ')
}

/// "Beethoven" of "Beethoven's" or "Beethoven’s".
pub(super) fn without_possessive(word: &str) -> &str {
    word.strip_suffix("’s")
        .or_else(|| word.strip_suffix("'s"))
        .unwrap_or(word)
}

/// Initials: "J." or "T.A.".
fn is_initials(raw: &str) -> bool {
    raw.ends_with('.')
        && raw.len() >= 2
        && raw
            .split_terminator('.')
            .all(|part| part.chars().count() == 1 && part.starts_with(char::is_uppercase))
}

/// One initial: "J.".
fn is_initial(raw: &str) -> bool {
    raw.len() == 2 && is_initials(raw)
}

/// A word without the punctuation around it.
fn bare(raw: &str) -> &str {
    raw.trim_start_matches(['(', '"', '“', '‘', '\''])
        .trim_end_matches([
            ',', ';', ':', '.', ')', '\'', '’', '"', '”', '?', '!', '*', '∗', '†', '‡', '§',
        ])
}

/// Adds to `names` the full names in `text` that open with a given name:
/// "Larry Krasner (Philadelphia)", "Matthew E. Peters", "John Christian
/// Bach", "Cyrus Vance Jr.". The name stands alone (no capitalised word just
/// before or after it: "George Washington University" is none), and its
/// surname is no word of another actor's name, place or institution.
/// `is_given` says whether a word opens a name in this paper, `is_people`
/// whether one is a people ("Germans").
fn given_names_in(
    words: &[&str],
    known: &HashSet<String>,
    is_given: &dyn Fn(&str) -> bool,
    is_people: &dyn Fn(&str) -> bool,
    usage: &Usage,
    names: &mut Vec<String>,
) {
    let capitalised = |raw: &str| bare(raw).starts_with(char::is_uppercase);
    let mut i = 0;
    // Where the last name found ended: the next may follow it at once.
    let mut after_name = usize::MAX;
    while i < words.len() {
        let first = words[i];
        // After a lower-case word, a sentence's end, a comma or another
        // name: "thank Noah Smith, Dan Weld and…".
        // Or after a people: "the Germans Conrad Weiser and Christian Post".
        let opens = i == 0
            || i == after_name
            || !capitalised(words[i - 1])
            || words[i - 1].ends_with(['.', ':', '?', '!', ',', ';'])
            || is_people(words[i - 1]);
        let given = bare(first);
        // Only the first word may open a quotation or a parenthesis.
        if !opens
            || given.len() != first.trim_start_matches(['(', '"', '“', '‘', '\'']).len()
            || !is_given(given)
            || lists().not_names.contains(given)
        {
            i += 1;
            continue;
        }
        let mut name = vec![given];
        let mut j = i + 1;
        let mut ended = false;
        // More given names and initials, then the surname.
        while let Some(&raw) = words.get(j) {
            let word = bare(raw);
            if is_initials(raw) {
                name.push(raw);
                j += 1;
                continue;
            }
            // Another given name, unless the word after it is "Jr.".
            // Not "Paul Dudley (Attorney-General)": a name ends at a parenthesis.
            let surname_follows = words.get(j + 1).is_some_and(|n| {
                !n.starts_with(['(', '"', '“', '‘'])
                    && capitalised(n)
                    && !matches!(bare(n), "Jr" | "Sr")
            });
            if is_given_name(word) && raw.len() == word.len() && surname_follows {
                name.push(word);
                j += 1;
                continue;
            }
            // "a kind of Roman Wall": a word the paper writes in lower case
            // is no surname.
            if word.starts_with(char::is_uppercase)
                && may_be_surname(word, known)
                && !usage.is_common(without_possessive(word))
                && word
                    .chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
            {
                name.push(without_possessive(word));
                ended = raw.len() != bare(raw).len() || raw.ends_with("’s") || raw.ends_with("'s");
                j += 1;
                // "Jr." and "Sr." belong to it.
                if let Some(&suffix) = words.get(j)
                    && matches!(bare(suffix), "Jr" | "Sr")
                {
                    name.push(suffix.trim_end_matches([',', ';', ':', ')']));
                    ended = true;
                    j += 1;
                }
                break;
            }
            break;
        }
        let has_surname = name.len() >= 2
            && !name
                .last()
                .is_some_and(|w| w.ends_with('.') && w.len() <= 3 && !matches!(*w, "Jr." | "Sr."));
        // Alone: nothing capitalised follows, but a parenthesis ("Larry
        // Krasner (Philadelphia)") or the next name of a list whose marks the
        // conversion lost ("Iz Beltagy Matthew E. Peters").
        let next_name = |k: usize| {
            words.get(k).is_some_and(|w| is_given_name(w))
                && words
                    .get(k + 1)
                    .is_some_and(|w| w.starts_with(char::is_uppercase))
        };
        let alone = ended
            || words
                .get(j)
                .is_none_or(|next| !next.starts_with(char::is_uppercase))
            || next_name(j);
        if has_surname && alone {
            let full = name.join(" ");
            if !names.contains(&full) {
                names.push(full);
            }
            i = j;
            after_name = j;
        } else {
            i += 1;
        }
    }
}

/// The name that starts `after` (just past a title): two to four words, each
/// capitalised or an initial, particles between them.
fn name_at(after: &str) -> Option<String> {
    let mut rest = after.strip_prefix(' ')?;
    // "President of Armenia Serzh Sargsyan", "special representative for the
    // South Caucasus Robert Simmons": the name opens with a given name.
    if let Some(of) = rest
        .strip_prefix("of ")
        .or_else(|| rest.strip_prefix("for "))
    {
        let words: Vec<&str> = of.split(' ').take(6).collect();
        let at = words.iter().position(|w| is_given_name(w)).filter(|&at| {
            at > 0
                && words[..at].iter().all(|w| {
                    *w == "the"
                        || w.starts_with(char::is_uppercase) && !w.ends_with([',', ';', ':', '.'])
                })
        })?;
        rest = of.splitn(at + 1, ' ').last()?;
    }
    // "Prime Minister Colonel Surat Huseynov": a rank after the title.
    while let Some(title) = TITLES
        .iter()
        .find(|t| rest.starts_with(**t) && rest[t.len()..].starts_with(' '))
    {
        rest = &rest[title.len() + 1..];
    }
    // "Dr. T.A. Arne--the first composer": a dash ends the name.
    let rest = rest.split(['—', '–']).next().unwrap_or(rest);
    let rest = rest.split("--").next().unwrap_or(rest);
    let mut words: Vec<&str> = Vec::new();
    let mut raws = rest.split(' ').take(MOST_WORDS + 2).peekable();
    while let Some(raw) = raws.next() {
        // "Agshin Mehdiyev Permanent Representative of…": a title after
        // the name is none of it.
        if words.len() >= 2
            && raws
                .peek()
                .is_some_and(|next| is_title(&format!("{raw} {next}")))
        {
            break;
        }
        let word = raw.trim_end_matches([',', ';', ':', ')', '.', '’', '\'', '"', '”']);
        let word = without_possessive(word);
        let is_initial = is_initials(raw);
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
    // A name ends with a word, not an initial.
    let last_is_word = words.last().is_some_and(|w| !w.ends_with('.'))
        || words.len() >= 2
            && words
                .last()
                .is_some_and(|w| is_roman(w.trim_end_matches('.')));
    (!words.is_empty() && last_is_word).then(|| words.join(" "))
}

/// Verbs that say a person did something: "Purcell frankly admits",
/// "Vitali undoubtedly exerted", "Clementi wrote".
const PERSONAL_VERBS: &[&str] = &[
    "wrote",
    "writes",
    "composed",
    "composes",
    "says",
    "said",
    "remarks",
    "remarked",
    "admits",
    "admitted",
    "supposes",
    "supposed",
    "published",
    "publishes",
    "declared",
    "declares",
    "thought",
    "thinks",
    "believed",
    "believes",
    "argued",
    "argues",
    "tells",
    "told",
    "claims",
    "claimed",
    "replied",
    "insisted",
    "dedicated",
    "studied",
    "taught",
    "died",
    "married",
    "exerted",
    "led",
    "describes",
    "described",
    "states",
    "observes",
    "adds",
    "himself",
    "herself",
    "visited",
    "resigned",
    "refused",
    "agreed",
    "proposed",
];

/// Nouns whose "of" leads to a person: "the sonatas of Mozart", "a pupil of
/// Clementi", "the death of Purcell".
const PERSONAL_OF: &[&str] = &[
    "sonatas",
    "works",
    "music",
    "style",
    "influence",
    "death",
    "life",
    "pupil",
    "pupils",
    "letters",
    "letter",
    "son",
    "daughter",
    "wife",
    "widow",
    "father",
    "mother",
    "brother",
    "sister",
    "reign",
    "friend",
    "disciple",
    "followers",
    "successor",
    "predecessor",
    "memoirs",
    "biography",
    "writings",
    "speeches",
    "views",
    "portrait",
    "pages",
    "leadership",
];

/// Nouns that say who a person is, in an apposition: "Sheldon, the careful
/// historian of Deerfield".
const PERSONAL_NOUNS: &[&str] = &[
    "historian",
    "minister",
    "chaplain",
    "leader",
    "author",
    "writer",
    "composer",
    "poet",
    "painter",
    "founder",
    "son",
    "daughter",
    "wife",
    "husband",
    "father",
    "mother",
    "brother",
    "sister",
    "pupil",
    "teacher",
    "friend",
    "editor",
    "biographer",
    "preacher",
    "pastor",
    "merchant",
    "trader",
    "prosecutor",
    "lawyer",
    "judge",
    "diplomat",
    "ambassador",
    "envoy",
    "economist",
    "philosopher",
    "scholar",
];

/// Verbs before a name that say it speaks: "says Burney in his History".
const SPEAKING: &[&str] = &[
    "says", "said", "writes", "wrote", "remarks", "observes", "adds",
];

/// Participles after a name and a comma that say it acts: "Jahn, speaking
/// of Mozart's duets".
const PARTICIPLES: &[&str] = &["speaking", "writing", "referring", "commenting", "replying"];

/// Words before "to" that make what follows a person: "dedicated to Haydn".
const PERSONAL_TO: &[&str] = &[
    "dedicated",
    "writing",
    "wrote",
    "letter",
    "addressed",
    "sent",
];

/// Nouns after a capitalised word that make it a place: "Braintree people",
/// "a Dedham man", "Deerfield River", "Orange County".
const PLACE_NOUNS: &[&str] = &[
    "man",
    "men",
    "people",
    "folk",
    "town",
    "towns",
    "settlers",
    "proprietors",
    "inhabitants",
    "church",
    "grant",
    "grants",
    "lands",
    "road",
    "region",
    "district",
    "frontier",
    "settlement",
    "settlements",
    "garrison",
    "River",
    "County",
    "Valley",
    "Creek",
    "Lake",
    "Bay",
    "Mountain",
    "Mountains",
    "Island",
    "Falls",
    "Springs",
    "Township",
    "Parish",
    "Harbor",
    "Harbour",
];

/// Nouns whose "of" leads to a place: "the inhabitants of Concord", "the
/// historian of Deerfield".
const PLACE_OF: &[&str] = &[
    "inhabitants",
    "residents",
    "citizens",
    "people",
    "town",
    "towns",
    "city",
    "county",
    "province",
    "colony",
    "region",
    "settlers",
    "settlement",
    "frontier",
    "site",
    "outskirts",
    "north",
    "south",
    "east",
    "west",
    "historian",
    "history",
    "mayor",
    "governor",
    "siege",
    "battle",
];

/// Words before a name that make it a thing: "our Longformer", "the Saar".
const DETERMINERS: &[&str] = &["the", "a", "an", "our", "this", "their", "its", "each"];

/// Words before a name that make it a place: "in London", "at Rome".
const LOCATIVES: &[&str] = &[
    "in",
    "at",
    "from",
    "near",
    "into",
    "via",
    "across",
    "throughout",
    "around",
    "within",
];

/// Surnames a paper uses alone, known by what is said of them: a possessive
/// before a lower-case word ("Beethoven's sonatas"), "by Vitali", a verb of
/// writing or saying after it ("Hawkins supposes"), or a place in a list
/// with a person ("Mendelssohn, Schumann, Chopin and Heller"). None is ever
/// written in lower case in the paper, follows "in" or "at" (a place), or is
/// a word of another actor's name.
fn surnames_by_context<'a>(
    tokens: &[Vec<&'a str>],
    known: &HashSet<String>,
    usage: &Usage,
    people: &'a [String],
) -> Vec<String> {
    let stem = |raw| without_possessive(bare(raw));
    // "BlockSparse" is a program; "McCrady", "O'Callaghan" and "d'Indy" are people.
    let camel = |word: &str| {
        let mut previous = ' ';
        word.char_indices().any(|(i, c)| {
            let inner = i > 0
                && c.is_uppercase()
                && !matches!(previous, '\'' | '’' | '-')
                && !word[..i].ends_with("Mc")
                && !word[..i].ends_with("Mac");
            previous = c;
            inner
        })
    };
    // "Englishman", "Frenchmen": peoples.
    let people_word = |word: &str| {
        word.strip_suffix("man")
            .or_else(|| word.strip_suffix("men"))
            .is_some_and(|stem| stem.len() >= 4 && stem.ends_with(['h', 'e']))
    };
    // Cheapest first: most words are in lower case.
    let candidate = |word: &str| {
        word.starts_with(char::is_uppercase)
            && word.chars().count() >= 3
            && !camel(word)
            && !people_word(word)
            && !is_title_word(word)
            && word.chars().skip(1).any(char::is_lowercase)
            && word
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
            && may_be_surname(word, known)
            && !is_given_name(word)
            && !SENTENCE_STARTS.contains(&word)
            && !usage.is_common(word)
    };
    let mut evidence: HashMap<&'a str, (usize, usize)> = HashMap::new();
    let mut order: Vec<&'a str> = Vec::new();
    let mut persons: HashSet<&'a str> =
        people.iter().filter_map(|p| p.rsplit(' ').next()).collect();
    for words in tokens {
        for (i, raw) in words.iter().enumerate() {
            // "Longformer-large": the name of a thing, with a variant.
            let (raw, variant) = match raw.split_once('-') {
                Some((name, rest)) if rest.starts_with(char::is_lowercase) => (name, true),
                _ => (*raw, false),
            };
            let word = stem(raw);
            let previous = i.checked_sub(1).map(|p| words[p]);
            let before_previous = i.checked_sub(2).map(|p| words[p]);
            // "San Martini", "Grand Dutch Fleet", "the Ballad of Pigwacket":
            // part of a longer name.
            let name_word = |w: &str| {
                w.starts_with(char::is_uppercase) && !w.ends_with(['.', ',', ';', ':', '!', '?'])
            };
            let inside_name = previous.is_some_and(name_word)
                || previous == Some("of")
                    && before_previous.is_some_and(|w| name_word(w) && !is_title_word(w));
            if !candidate(word) || inside_name {
                continue;
            }
            let next = words.get(i + 1).copied();
            let after_next = words.get(i + 2).copied();
            let possessive = (raw.contains("'s") || raw.contains("’s"))
                && next.is_some_and(|n| n.starts_with(char::is_lowercase));
            // "Braintree people", "a Dedham man", "Deerfield River": a place
            // named before what is in it.
            let placed_before =
                next.is_some_and(|n| PLACE_NOUNS.contains(&bare(n))) && raw.len() == word.len();
            // "by I. Worgan": the initials before a surname are passed over.
            let by_initials = previous.is_some_and(is_initial) && before_previous == Some("by");
            // "says Burney", "writes Hawkins": a quotation's speaker.
            let speaks = previous.is_some_and(|p| SPEAKING.contains(&p))
                && !raw.starts_with(['"', '“', '‘', '\'']);
            // "Veracini and Geminiani, who came", "Jahn, speaking of".
            let relative = next.is_some_and(|n| {
                matches!(bare(n), "who" | "whose" | "whom") || PARTICIPLES.contains(&bare(n))
            });
            // "Sheldon, the careful historian of Deerfield": an apposition
            // saying who one is.
            let apposition = raw.ends_with(',')
                && next == Some("the")
                && words
                    .iter()
                    .skip(i + 2)
                    .take(3)
                    .any(|w| PERSONAL_NOUNS.contains(&bare(w)));
            // "Rogers leading his New England Rangers".
            let leads = next.is_some_and(|n| n.ends_with("ing"))
                && after_next.is_some_and(|w| matches!(w, "his" | "her"));
            let by = previous == Some("by") && !placed_before
                || apposition
                || leads
                || by_initials
                || speaks
                || relative
                || previous == Some("of")
                    && before_previous.is_some_and(|w| PERSONAL_OF.contains(&w))
                || previous == Some("to")
                    && before_previous.is_some_and(|w| PERSONAL_TO.contains(&w));
            // "Mediterranean states such as": "states" says only "states that".
            let verb_word = |w: Option<&str>| {
                w.is_some_and(|w| PERSONAL_VERBS.contains(&bare(w)))
                    && (w != Some("states") || after_next == Some("that"))
            };
            // Not at the end of a quotation: "Sorts of Banks,” remarks".
            let acts = !raw.ends_with([',', '.', ';', ':', '”', '"', '’', ')'])
                && (verb_word(next)
                    || next.is_some_and(|n| n.ends_with("ly")) && verb_word(after_next));
            // "in London", but "in Mozart's duets".
            let place = previous.is_some_and(|p| LOCATIVES.contains(&p))
                && !raw.contains("'s")
                && !raw.contains("’s")
                || previous.is_some_and(|p| DETERMINERS.contains(&p))
                || previous == Some("of") && before_previous.is_some_and(|w| PLACE_OF.contains(&w))
                || placed_before
                || variant;
            let entry = evidence.entry(word).or_insert_with(|| {
                order.push(word);
                (0, 0)
            });
            entry.0 += usize::from(possessive || by || acts);
            entry.1 += usize::from(place);
        }
    }
    let is_person =
        |word: &str, evidence: &HashMap<&str, (usize, usize)>, persons: &HashSet<&str>| {
            evidence
                .get(word)
                .is_some_and(|&(said, place)| said.max(usize::from(persons.contains(word))) > place)
        };
    // Lists: a word beside a person in "A, B, C and D" is one too.
    for _ in 0..2 {
        for words in tokens {
            let mut i = 0;
            while i < words.len() {
                let mut list: Vec<&'a str> = Vec::new();
                let mut j = i;
                while let Some(raw) = words.get(j) {
                    let word = stem(raw);
                    if !word.starts_with(char::is_uppercase) {
                        break;
                    }
                    list.push(word);
                    j += 1;
                    let conjunction = words.get(j).is_some_and(|w| matches!(*w, "and" | "or"));
                    if conjunction {
                        j += 1;
                    } else if !raw.ends_with(',') {
                        break;
                    }
                }
                i = j.max(i + 1);
                if list.len() >= 2 {
                    // "Concord, Sudbury, and Dedham" after "inhabitants of":
                    // a list of more places than people is of places.
                    let people_in = list
                        .iter()
                        .filter(|w| is_person(w, &evidence, &persons))
                        .count();
                    let places_in = list
                        .iter()
                        .filter(|w| {
                            !persons.contains(*w)
                                && evidence.get(*w).is_some_and(|&(said, place)| place > said)
                        })
                        .count();
                    let anchored = people_in > places_in;
                    if places_in > 0 && !anchored {
                        for word in &list {
                            if let Some(entry) = evidence.get_mut(word)
                                && !persons.contains(word)
                            {
                                entry.1 = entry.1.max(entry.0 + 1);
                            }
                        }
                    } else if anchored {
                        for word in &list {
                            if evidence
                                .get(word)
                                .is_some_and(|&(said, place)| said >= place)
                            {
                                persons.insert(word);
                            }
                        }
                    }
                }
            }
        }
    }
    order
        .into_iter()
        .filter(|w| is_person(w, &evidence, &persons))
        .map(str::to_owned)
        .collect()
}

/// Capitalised words that open sentences and clauses, not surnames.
const SENTENCE_STARTS: &[&str] = &[
    "The",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "Then",
    "Thus",
    "Here",
    "His",
    "Her",
    "Its",
    "Their",
    "Our",
    "Some",
    "Many",
    "Most",
    "Such",
    "Even",
    "Still",
    "Now",
    "Yet",
    "Also",
    "Again",
    "Each",
    "Every",
    "Both",
    "All",
    "One",
    "Two",
    "Three",
    "Four",
    "Five",
    "Another",
    "Other",
    "What",
    "Which",
    "Who",
    "Whose",
    "Where",
    "Why",
    "How",
    "Although",
    "Though",
    "However",
    "Besides",
    "Lastly",
    "First",
    "Second",
    "Third",
    "Among",
    "During",
    "After",
    "Before",
    "Without",
    "With",
    "From",
    "Under",
    "Over",
    "Into",
    "Upon",
    "Like",
    "Unlike",
    "Just",
    "Only",
    "Nevertheless",
    "Moreover",
    "Indeed",
    "Perhaps",
    "Whether",
    "Op",
];

/// Whether `short` is `full` with its given names as initials ("T.A. Arne",
/// "Thomas Augustine Arne").
fn initials_of(full: &str, short: &str) -> bool {
    let (Some((given, surname)), Some((initials, short_surname))) =
        (full.rsplit_once(' '), short.rsplit_once(' '))
    else {
        return false;
    };
    let letters: String = initials.chars().filter(|c| c.is_uppercase()).collect();
    let firsts: String = given
        .split(' ')
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect();
    surname == short_surname
        && full != short
        && !letters.is_empty()
        && initials
            .chars()
            .all(|c| c.is_uppercase() || c == '.' || c == ' ')
        && letters == firsts
}

/// "I", "IV", "XIV": a sovereign's number.
fn is_roman(word: &str) -> bool {
    !word.is_empty() && word.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
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
        names_in(text, false, &HashSet::default(), &mut names);
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
    fn a_surname_alone_after_a_title_with_its_capital_is_a_person() {
        assert_eq!(found("President Putin said"), ["Putin"]);
        assert_eq!(found("Mr. Cheney and Mrs. Brown"), ["Cheney", "Brown"]);
        assert_eq!(
            found(
                "M. Clemenceau, the President of the Conference, spoke for France; Mr. Lloyd George for the British Empire"
            ),
            ["Clemenceau", "Lloyd George"]
        );
        assert_eq!(found("Herr Müller and Dr. Bell signed"), ["Müller", "Bell"]);
        assert_eq!(found("Dr. T.A. Arne--the first composer"), ["T.A. Arne"]);
        assert_eq!(found("in the reign of King James I. says"), ["James I."]);
        assert_eq!(
            found("President of Armenia Serzh Sargsyan"),
            ["Serzh Sargsyan"]
        );
    }

    #[test]
    fn titles_without_a_name_find_nobody() {
        assert!(found("the UN General Assembly met; General Secretary of").is_empty());
        assert!(found("the President of Azerbaijan").is_empty());
        assert!(found("Presidential Administration").is_empty());
        // In lower case a title takes a full name: "the president Aliyev"
        // is no new person, nor "in general Americans".
        assert!(found("the president Aliyev said").is_empty());
        assert!(found("in general Americans").is_empty());
        // "M." after an initial is one: J. M. Keynes.
        assert!(found("J. M. Keynes").is_empty());
        assert!(found("the Justice Department").is_empty());
    }

    fn given(text: &str) -> Vec<String> {
        let mut names = Vec::new();
        let known: HashSet<String> = ["Chad".to_owned(), "Philadelphia".to_owned()]
            .into_iter()
            .collect();
        let words = [words_of(text)];
        let usage = Usage::of(&words);
        given_names_in(
            &words[0],
            &known,
            &is_given_name,
            &is_group_word,
            &usage,
            &mut names,
        );
        names
    }

    #[test]
    fn a_given_name_and_a_surname_are_a_person() {
        assert_eq!(
            given("elections: Larry Krasner (Philadelphia), Kim Foxx (Chicago) and George Gascón."),
            ["Larry Krasner", "Kim Foxx", "George Gascón"]
        );
        // A first name that is also a state, with a surname.
        assert_eq!(
            given("thanks Chad Flanders, Jeffrey Bellin and"),
            ["Chad Flanders", "Jeffrey Bellin"]
        );
        assert_eq!(
            given("Matthew E. Peters and Cyrus Vance Jr. met"),
            ["Matthew E. Peters", "Cyrus Vance Jr."]
        );
        // A list whose separators the conversion lost.
        assert_eq!(
            given("Iz Beltagy Matthew E. Peters Arman Cohan"),
            ["Iz Beltagy", "Matthew E. Peters", "Arman Cohan"]
        );
    }

    #[test]
    fn a_given_name_before_a_longer_name_or_a_place_is_none() {
        assert!(given("the George Washington University Hospital").is_empty());
        assert!(given("Virginia Company of London").is_empty());
        assert!(given("Chad Philadelphia").is_empty());
        assert!(given("May Day").is_empty());
    }

    #[test]
    fn surnames_alone_are_known_by_what_is_said_of_them() {
        let texts = [
            "In his preface, Purcell frankly admits that Vitali undoubtedly exerted influence; the sonatas of Mozart and Haydn became known.",
            "Beethoven's sonatas and those by Dussek, Clementi and Heller were played in London and at Rome; our Longformer's attention and the Longformer-large model.",
        ];
        let words: Vec<Vec<&str>> = texts.iter().map(|text| words_of(text)).collect();
        let found = surnames_by_context(&words, &HashSet::default(), &Usage::of(&words), &[]);
        assert_eq!(
            found,
            [
                "Purcell",
                "Vitali",
                "Mozart",
                "Haydn",
                "Beethoven",
                "Dussek",
                "Clementi",
                "Heller"
            ]
        );
    }

    fn people_of(text: &str) -> Vec<String> {
        let document = crate::parse_text(&format!("T\n\nIntroduction\n\n{text}\n"));
        let demonyms: HashSet<String> = ["German", "Germans", "Irish"]
            .into_iter()
            .map(str::to_owned)
            .collect();
        discover(
            &document,
            &super::super::not_prose(&document),
            &HashSet::default(),
            &demonyms,
        )
        .into_iter()
        .map(|p| p.name)
        .collect()
    }

    #[test]
    fn places_peoples_and_events_are_nobody() {
        let found = people_of(
            "The inhabitants of Concord, Sudbury, and Dedham petitioned; land was held by Dedham, \
             and Braintree people settled. Many lived in Virginia, and more came from Virginia to \
             the Virginia Piedmont, with German Palatines and Irish Quakers. In King Philip’s War, \
             her Maj’tie’s plantations burned, and Egleston, the careful historian of \
             Deerfield, declares it; Rogers leading his Rangers, and the Germans Conrad Weiser and Paul \
             Dudley (Attorney-General) went too.",
        );
        assert_eq!(
            found,
            ["Conrad Weiser", "Paul Dudley", "Egleston", "Rogers"]
        );
    }

    #[test]
    fn a_shared_surname_stands_for_neither() {
        let document = crate::parse_text(
            "T\n\nIntroduction\n\nPresident Heydar Aliyev and later President Ilham Aliyev; Foreign Minister Elmar Mammadyarov.\n",
        );
        let people = discover(
            &document,
            &super::super::not_prose(&document),
            &HashSet::default(),
            &HashSet::default(),
        );
        let surnames: Vec<Option<&str>> = people.iter().map(|p| p.surname.as_deref()).collect();
        assert_eq!(surnames, [None, None, Some("Mammadyarov")]);
    }
}
