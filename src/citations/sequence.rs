//! A citation's words labelled by a linear-chain CRF (the approach of
//! GROBID, AnyStyle and CERMINE): each word becomes a set of features (the
//! word, its shape, its punctuation, the lexicons it is in, where it stands),
//! and the model trained on labelled references (`examples/train_citations.rs`,
//! from AnyStyle's `core.xml`) picks the likeliest labels for the whole
//! sequence. The same feature function serves training and tagging; tagging
//! writes each feature straight into the model's tables (`super::crf`).

use std::ops::Range;
use std::sync::LazyLock;

use crfs::Attribute;

/// The trained model, shipped in the binary.
const MODEL: &[u8] = include_bytes!("citations.crfsuite");

static LOADED: LazyLock<Option<super::crf::Crf>> = LazyLock::new(|| super::crf::Crf::read(MODEL));

/// What a word of a citation is part of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Label {
    Author,
    Editor,
    Translator,
    Title,
    /// The book or collection a chapter or paper is in.
    Container,
    Journal,
    Collection,
    Date,
    Volume,
    Pages,
    Publisher,
    Place,
    Edition,
    Url,
    Doi,
    Genre,
    /// A reference list's own number ("[13]", "60.").
    Number,
    Note,
}

impl Label {
    pub const ALL: [Label; 18] = [
        Label::Author,
        Label::Editor,
        Label::Translator,
        Label::Title,
        Label::Container,
        Label::Journal,
        Label::Collection,
        Label::Date,
        Label::Volume,
        Label::Pages,
        Label::Publisher,
        Label::Place,
        Label::Edition,
        Label::Url,
        Label::Doi,
        Label::Genre,
        Label::Number,
        Label::Note,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Label::Author => "author",
            Label::Editor => "editor",
            Label::Translator => "translator",
            Label::Title => "title",
            Label::Container => "container",
            Label::Journal => "journal",
            Label::Collection => "collection",
            Label::Date => "date",
            Label::Volume => "volume",
            Label::Pages => "pages",
            Label::Publisher => "publisher",
            Label::Place => "place",
            Label::Edition => "edition",
            Label::Url => "url",
            Label::Doi => "doi",
            Label::Genre => "genre",
            Label::Number => "number",
            Label::Note => "note",
        }
    }

    /// The label for a segment of AnyStyle's XML.
    pub fn from_anystyle(tag: &str) -> Label {
        match tag {
            "author" => Label::Author,
            "editor" => Label::Editor,
            "translator" => Label::Translator,
            "title" => Label::Title,
            "container-title" => Label::Container,
            "journal" => Label::Journal,
            "collection-title" => Label::Collection,
            "date" => Label::Date,
            "volume" => Label::Volume,
            "pages" => Label::Pages,
            "publisher" => Label::Publisher,
            "location" => Label::Place,
            "edition" => Label::Edition,
            "url" => Label::Url,
            "doi" | "isbn" => Label::Doi,
            "genre" | "medium" => Label::Genre,
            "citation-number" => Label::Number,
            _ => Label::Note,
        }
    }

    pub(crate) fn from_name(name: &str) -> Option<Label> {
        Label::ALL.into_iter().find(|l| l.name() == name)
    }
}

/// The words of `text`: runs between white space, with their byte ranges.
pub fn words(text: &str) -> Vec<Range<usize>> {
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                words.push(s..i);
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        words.push(s..text.len());
    }
    words
}

/// Seasons and months in the other languages references come in (English
/// months are `fields::MONTHS`).
const MORE_MONTHS: &[&str] = &[
    "spring",
    "summer",
    "fall",
    "autumn",
    "winter",
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "januar",
    "februar",
    "märz",
    "juni",
    "juli",
    "oktober",
    "dezember",
];

const PUBLISHER_WORDS: &[&str] = &[
    "press",
    "verlag",
    "publishers",
    "publisher",
    "publishing",
    "publications",
    "books",
    "editions",
    "éditions",
    "edizioni",
    "editora",
    "editorial",
    "company",
    "co",
    "inc",
    "ltd",
    "sons",
    "house",
    "presses",
    "university",
    "universitaires",
    "routledge",
    "springer",
    "wiley",
    "elsevier",
    "macmillan",
    "palgrave",
    "sage",
    "blackwell",
    "brill",
    "gallimard",
    "seuil",
    "norton",
    "knopf",
];

const JOURNAL_WORDS: &[&str] = &[
    "journal",
    "review",
    "quarterly",
    "proceedings",
    "bulletin",
    "annals",
    "annales",
    "studies",
    "transactions",
    "letters",
    "magazine",
    "times",
    "news",
    "j",
    "rev",
    "zeitschrift",
    "revue",
    "rivista",
    "acta",
    "research",
    "science",
    "nature",
    "affairs",
    "history",
    "law",
    "quart",
    "proc",
    "bull",
    "int",
    "am",
    "soc",
];

const EDITOR_WORDS: &[&str] = &[
    "ed", "eds", "editor", "editors", "edited", "hrsg", "hg", "éd", "éds", "dir", "coord", "comp",
];

const VOLUME_WORDS: &[&str] = &[
    "vol", "vols", "volume", "bd", "tome", "t", "no", "nos", "nr", "issue", "number", "n", "heft",
];

const PAGE_WORDS: &[&str] = &["p", "pp", "pages", "page", "s", "at", "ff", "et", "seq"];

const PLACES: &[&str] = &[
    "london",
    "new",
    "york",
    "paris",
    "oxford",
    "cambridge",
    "chicago",
    "boston",
    "berlin",
    "princeton",
    "washington",
    "dc",
    "d.c",
    "ny",
    "ma",
    "ca",
    "nj",
    "il",
    "amsterdam",
    "leiden",
    "moscow",
    "madrid",
    "barcelona",
    "rome",
    "roma",
    "milano",
    "milan",
    "tokyo",
    "beijing",
    "stanford",
    "berkeley",
    "toronto",
    "montreal",
    "sydney",
    "melbourne",
    "frankfurt",
    "münchen",
    "munich",
    "wien",
    "vienna",
    "stuttgart",
    "leipzig",
    "göttingen",
    "tübingen",
    "heidelberg",
    "hamburg",
    "zürich",
    "basel",
    "bern",
    "genève",
    "geneva",
    "bruxelles",
    "brussels",
    "lyon",
    "edinburgh",
    "dublin",
    "philadelphia",
    "baltimore",
    "ithaca",
    "haven",
    "durham",
    "bloomington",
    "lanham",
    "thousand",
    "oaks",
    "abingdon",
    "basingstoke",
    "cheltenham",
    "hoboken",
    "malden",
    "westport",
    "boulder",
    "st",
    "louis",
    "los",
    "angeles",
    "san",
    "francisco",
    "diego",
    "mexico",
    "buenos",
    "aires",
    "lisboa",
    "lisbon",
    "são",
    "paulo",
    "rio",
    "delhi",
    "singapore",
];

const CONNECTORS: &[&str] = &["and", "&", "und", "et", "y", "e", "with"];

/// A word without the punctuation around it, in lower case.
fn core_of(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// The word's letters and digits reduced to classes, runs collapsed
/// ("Smith," → "Xx,", "1987)." → "d).", "J." → "X.").
fn shape(word: &str) -> String {
    let mut shape = String::new();
    let mut last = None;
    for c in word.chars() {
        let class = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else if matches!(c, '“' | '”' | '"' | '«' | '»' | '‘' | '’' | '„') {
            'q'
        } else if matches!(c, '–' | '—') {
            '-'
        } else {
            c
        };
        if last != Some(class) {
            shape.push(class);
            last = Some(class);
        }
    }
    shape
}

fn is_year(core: &str) -> bool {
    let digits: String = core.chars().take_while(char::is_ascii_digit).collect();
    let rest = &core[digits.len()..];
    digits.len() == 4
        && rest.chars().count() <= 1
        && digits
            .parse::<u32>()
            .is_ok_and(|year| (1400..=2099).contains(&year))
}

fn is_roman(core: &str) -> bool {
    !core.is_empty()
        && core.len() <= 7
        && core
            .chars()
            .all(|c| matches!(c, 'i' | 'v' | 'x' | 'l' | 'c' | 'd' | 'm'))
}

/// What one word says on its own; its neighbours' features are added from these.
struct WordFacts {
    core: String,
    shape: String,
    lead: char,
    trail: String,
}

fn facts(word: &str) -> WordFacts {
    let lead = word
        .chars()
        .next()
        .filter(|c| !c.is_alphanumeric())
        .unwrap_or('w');
    let trail: String = word
        .chars()
        .rev()
        .take_while(|c| !c.is_alphanumeric())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    WordFacts {
        core: core_of(word),
        shape: shape(word),
        lead,
        trail,
    }
}

/// Whether a reference's part ends after `word`: a sentence's end (a
/// period after a word, not after an initial), a question or exclamation
/// mark, or a closing quote (a quoted title's end).
fn ends_part(word: &str, core: &str) -> bool {
    let bare = word.trim_end_matches([')', ']']);
    if bare.ends_with(['”', '»', '"']) {
        return true;
    }
    let bare = bare.trim_end_matches(['’', '\'']);
    bare.ends_with(['?', '!']) || (bare.ends_with('.') && core.chars().count() > 1)
}

/// Whether a piece of a part ends after `word` (a comma, a semicolon, a
/// colon, a closing parenthesis), or the part itself does.
fn ends_piece(word: &str, core: &str) -> bool {
    word.ends_with([',', ';', ':', ')', ']']) || ends_part(word, core)
}

fn bucket(n: usize) -> &'static str {
    match n {
        0 | 1 => "1",
        2 => "2",
        3 | 4 => "3-4",
        5..=8 => "5-8",
        _ => "9+",
    }
}

/// What a run of words (a part or a piece) looks like as a whole: how long
/// it is, how many of its longer words are capitalised (a journal's name is
/// in title case, an article's title often not), whether it holds a number.
struct Run {
    index: usize,
    len: &'static str,
    caps: &'static str,
    digit: bool,
}

/// The runs `words` fall into, cut after each word `ends` says, one per word.
fn runs(facts: &[WordFacts], words: &[&str], ends: impl Fn(&str, &str) -> bool) -> Vec<Run> {
    let mut out = Vec::with_capacity(words.len());
    let mut start = 0;
    let mut index = 0;
    for i in 0..words.len() {
        if ends(words[i], &facts[i].core) || i + 1 == words.len() {
            let run = &facts[start..=i];
            let long: Vec<&WordFacts> = run
                .iter()
                .filter(|f| f.core.chars().count() >= 4 && f.core.chars().all(char::is_alphabetic))
                .collect();
            let capitalised = long.iter().filter(|f| f.shape.starts_with('X')).count();
            let caps = if long.is_empty() {
                "na"
            } else if capitalised == 0 {
                "none"
            } else if capitalised == long.len() {
                "all"
            } else if capitalised * 2 >= long.len() {
                "most"
            } else {
                "few"
            };
            let digit = run.iter().any(|f| f.shape.contains('d'));
            for _ in start..=i {
                out.push(Run {
                    index,
                    len: bucket(run.len()),
                    caps,
                    digit,
                });
            }
            start = i + 1;
            index += 1;
        }
    }
    out
}

/// The features of every word of `text` (as `words` cuts it).
pub fn features(text: &str, words: &[Range<usize>]) -> Vec<Vec<Attribute>> {
    let mut lists = Lists(Vec::with_capacity(words.len()));
    emit_features(text, words, &mut lists);
    lists.0
}

/// Where a citation's features go, word by word: the tagger's scores, or
/// training's lists.
pub(crate) trait FeatureSink {
    fn next_word(&mut self);
    fn feature(&mut self, name: &str);
}

/// The features of each word, as training reads them.
struct Lists(Vec<Vec<Attribute>>);

impl FeatureSink for Lists {
    fn next_word(&mut self) {
        self.0.push(Vec::with_capacity(48));
    }

    fn feature(&mut self, name: &str) {
        if let Some(word) = self.0.last_mut() {
            word.push(Attribute::new(name, 1.0));
        }
    }
}

/// A sink and one buffer for the features written with values, so that
/// none is allocated on its own.
struct Emitter<'s, S> {
    sink: &'s mut S,
    buffer: String,
}

impl<S: FeatureSink> Emitter<'_, S> {
    fn flag(&mut self, name: &str) {
        self.sink.feature(name);
    }

    fn value(&mut self, args: std::fmt::Arguments) {
        use std::fmt::Write;
        self.buffer.clear();
        // Writing to a String cannot fail.
        let _ = self.buffer.write_fmt(args);
        self.sink.feature(&self.buffer);
    }
}

/// The first `n` characters of `text`, and its last `n`.
fn ends(text: &str, n: usize) -> (&str, &str) {
    let head = text.char_indices().nth(n).map_or(text.len(), |(i, _)| i);
    let tail = text.char_indices().rev().nth(n - 1).map_or(0, |(i, _)| i);
    (&text[..head], &text[tail..])
}

/// Writes the features of each word of `text` (`words`) to `sink`.
pub(crate) fn emit_features(text: &str, words: &[Range<usize>], sink: &mut impl FeatureSink) {
    let facts: Vec<WordFacts> = words.iter().map(|w| facts(&text[w.clone()])).collect();
    let count = words.len();
    let texts: Vec<&str> = words.iter().map(|w| &text[w.clone()]).collect();
    let parts = runs(&facts, &texts, ends_part);
    let pieces = runs(&facts, &texts, ends_piece);
    let mut seen_quote = false;
    let mut seen_in = false;
    let mut quoted = false;
    let mut depth = 0i32;
    let mut after_colon = false;
    let mut seen_year = false;
    let mut out = Emitter {
        sink,
        buffer: String::with_capacity(64),
    };
    for (i, &word) in texts.iter().enumerate() {
        let fact = &facts[i];
        let core = fact.core.as_str();
        out.sink.next_word();
        out.flag("bias");
        let length = core.chars().count();
        if !core.is_empty() {
            out.value(format_args!("w={core}"));
            for n in 1..=3.min(length) {
                let (prefix, suffix) = ends(core, n);
                out.value(format_args!("p{n}={prefix}"));
                out.value(format_args!("s{n}={suffix}"));
            }
        }
        out.value(format_args!("shape={}", fact.shape));
        out.value(format_args!("lead={}", fact.lead));
        out.value(format_args!("trail={}", fact.trail));
        out.value(format_args!("len={}", length.min(8)));
        if is_year(core) {
            out.flag("year");
            if seen_year {
                out.flag("year_again");
            }
        }
        if !core.is_empty() && core.chars().all(|c| c.is_ascii_digit()) {
            out.flag("number");
        }
        if core.contains(['-', '–']) && core.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            out.flag("range");
        }
        if is_roman(core) {
            out.flag("roman");
        }
        if word.contains("http") || word.starts_with("www.") {
            out.flag("url");
        }
        if core.starts_with("10.") || core.starts_with("doi") || core.starts_with("isbn") {
            out.flag("doi");
        }
        if length == 1 && word.chars().next().is_some_and(char::is_uppercase) {
            out.flag("initial");
        }
        for (list, name) in [
            (&super::fields::MONTHS[..], "month"),
            (MORE_MONTHS, "month"),
            (PUBLISHER_WORDS, "publisher_word"),
            (JOURNAL_WORDS, "journal_word"),
            (EDITOR_WORDS, "editor_word"),
            (VOLUME_WORDS, "volume_word"),
            (PAGE_WORDS, "page_word"),
            (PLACES, "place_word"),
            (CONNECTORS, "connector"),
        ] {
            if list.contains(&core) {
                out.flag(name);
            }
        }
        if crate::document::names::is_particle(core) {
            out.flag("particle");
        }
        if crate::document::names::is_given_name(word.trim_matches(|c: char| !c.is_alphanumeric()))
        {
            out.flag("given");
        }
        let (part, piece) = (&parts[i], &pieces[i]);
        out.value(format_args!("part={}", part.index.min(5)));
        out.value(format_args!("part_len={}", part.len));
        out.value(format_args!("part_caps={}", part.caps));
        out.value(format_args!("piece_len={}", piece.len));
        out.value(format_args!("piece_caps={}", piece.caps));
        if part.digit {
            out.flag("part_digit");
        }
        if piece.digit {
            out.flag("piece_digit");
        }
        if i == 0 || parts[i - 1].index != part.index {
            out.flag("part_first");
        }
        if i == 0 || pieces[i - 1].index != piece.index {
            out.flag("piece_first");
        }
        if seen_year {
            out.flag("after_year");
        }
        if seen_quote {
            out.flag("after_quote");
        }
        if seen_in {
            out.flag("after_in");
        }
        if matches!(core, "in" | "dans" | "im") {
            out.flag("in");
        }
        if quoted {
            out.flag("in_quotes");
        }
        if depth > 0 {
            out.flag("in_parens");
        }
        if after_colon {
            out.flag("after_colon");
        }
        out.value(format_args!("at={}", (i * 10) / count.max(1)));
        if i == 0 {
            out.flag("first");
        }
        if i + 1 == count {
            out.flag("last");
        }
        for offset in [-2i64, -1, 1, 2] {
            let j = i as i64 + offset;
            if j < 0 || j >= count as i64 {
                out.value(format_args!("{offset}:none"));
                continue;
            }
            let other = &facts[j as usize];
            out.value(format_args!("{offset}:w={}", other.core));
            if offset.abs() == 1 {
                out.value(format_args!("{offset}:shape={}", other.shape));
                out.value(format_args!("{offset}:trail={}", other.trail));
            }
        }
        // The state after this word, for the next.
        for c in word.chars() {
            match c {
                '“' | '«' | '„' => quoted = true,
                '”' | '»' => quoted = false,
                '"' => quoted = !quoted,
                '(' | '[' => depth += 1,
                ')' | ']' => depth = (depth - 1).max(0),
                _ => {}
            }
        }
        after_colon = word.ends_with(':');
        seen_year |= is_year(core);
        seen_quote |= word.contains(['”', '»']) || (word.ends_with('"') && word.len() > 1);
        seen_in |= matches!(core, "in" | "dans" | "im")
            && ends_piece(texts[i.saturating_sub(1)], &facts[i.saturating_sub(1)].core);
    }
}

/// The label of every word of `text`, or `None` when the model cannot be read.
pub fn tag(text: &str) -> Option<Vec<(Range<usize>, Label)>> {
    let model = LOADED.as_ref()?;
    let words = words(text);
    if words.is_empty() {
        return Some(Vec::new());
    }
    let mut sequence = model.sequence(words.len());
    emit_features(text, &words, &mut sequence);
    Some(words.into_iter().zip(sequence.labels()).collect())
}

/// Runs of words with one label, as byte ranges of `text`.
pub fn segments(tagged: &[(Range<usize>, Label)]) -> Vec<(Range<usize>, Label)> {
    let mut out: Vec<(Range<usize>, Label)> = Vec::new();
    for (range, label) in tagged {
        match out.last_mut() {
            Some((last, last_label)) if last_label == label => last.end = range.end,
            _ => out.push((range.clone(), *label)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_and_words() {
        assert_eq!(shape("Smith,"), "Xx,");
        assert_eq!(shape("(1987)."), "(d).");
        assert_eq!(words(" a  bc d"), vec![1..2, 4..6, 7..8]);
        assert!(is_year("1987a"));
        assert!(!is_year("12345"));
    }

    #[test]
    fn every_label_round_trips_its_name() {
        for label in Label::ALL {
            assert_eq!(Label::from_name(label.name()), Some(label));
        }
    }

    #[test]
    fn the_model_labels_a_journal_article() {
        let text = "Alternatives 12, no. 1 (1987): 125-152.";
        let tagged = tag(&format!("Walker, R. B. J. “Culture, Discourse.” {text}")).unwrap();
        let labels: Vec<Label> = tagged.iter().map(|(_, l)| *l).collect();
        assert_eq!(labels.first(), Some(&Label::Author));
        assert!(labels.contains(&Label::Title));
        assert!(labels.contains(&Label::Pages));
    }
}
