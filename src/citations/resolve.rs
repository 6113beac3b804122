//! Citations in reading order into sources: a short form finds the work it
//! stands for, and the same work cited again (with other pages, other
//! punctuation, a misspelt name) is found again rather than counted twice.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::ops::Range;

use super::fields::{Parsed, surname};
use super::{Citation, Cited, Fields, Form, Kind, Source};

#[derive(Debug, Default)]
pub(super) struct Resolver {
    sources: Vec<Source>,
    /// The source of the last citation read (what "Ibid." means).
    last: Option<usize>,
    /// For each source, when it was last cited (a count of citations).
    last_cited: Vec<u64>,
    citations: u64,
    /// Each source's title words, and sources by first author's surname and
    /// by first title word: a citation is compared with a few sources, not all.
    title_words: Vec<Vec<String>>,
    by_surname: Filed,
    by_first_word: Filed,
    /// Sources without an author, by first title word: with the author's
    /// own, what a citation with an author may name again.
    anonymous_by_first_word: Filed,
    /// The first source each note cites, by label ("supra note 12").
    by_label: HashMap<String, usize>,
}

/// A name reduced to its letters, lower-cased ("Dehdashti-Rasmussen" →
/// "dehdashtirasmussen").
fn letters(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether two surnames are the same person's, allowing a spelling slip
/// ("Dedashti" / "Dehdashti") and a double name ("Dehdashti-Rasmussen").
fn same_surname(a: &str, b: &str) -> bool {
    same_letters(&letters(surname(a)), &letters(surname(b)))
}

/// [`same_surname`] on surnames already reduced to their letters.
fn same_letters(a: &str, b: &str) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if a == b {
        return true;
    }
    let shorter = a.len().min(b.len());
    let first_part = |x: &str, y: &str| {
        // "dehdashti" is the first part of "dehdashti-rasmussen".
        x.len() >= 5 && y.starts_with(x)
    };
    if first_part(a, b) || first_part(b, a) {
        return true;
    }
    let distance = strsim::levenshtein(a, b);
    (shorter >= 5 && distance <= 1) || (shorter >= 9 && distance <= 2)
}

fn same_authors(a: &[String], b: &[String]) -> bool {
    match (a.first(), b.first()) {
        (Some(x), Some(y)) => same_surname(x, y),
        _ => true,
    }
}

const STOPWORDS: [&str; 10] = ["the", "a", "an", "of", "and", "in", "on", "to", "for", "at"];

fn title_words(title: &str) -> Vec<String> {
    title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() > 1)
        .map(str::to_lowercase)
        .filter(|w| !STOPWORDS.contains(&w.as_str()))
        .collect()
}

fn same_word(a: &str, b: &str) -> bool {
    a == b || (a.len() >= 5 && b.len() >= 5 && strsim::levenshtein(a, b) <= 1)
}

/// Whether `short` names the same work as `long`: the same words, or a
/// short title whose words all appear, in order, in the full one.
#[cfg(test)]
fn same_title(short: &str, long: &str) -> bool {
    same_title_words(&title_words(short), &title_words(long))
}

/// [`same_title`] on titles already split into words.
fn same_title_words(short: &[String], long: &[String]) -> bool {
    let (mut short, mut long) = (short, long);
    if short.len() > long.len() {
        std::mem::swap(&mut short, &mut long);
    }
    // A short title is the full one's first words, with some left out.
    if short.is_empty() || !same_word(&short[0], &long[0]) {
        return false;
    }
    if short.len() == 1 && long.len() > 2 {
        return false;
    }
    let mut rest = long.iter();
    short
        .iter()
        .all(|word| rest.by_ref().any(|other| same_word(word, other)))
}

/// How much a citation says about its work, to tell a short form from a
/// full one.
fn detail(fields: &Fields) -> usize {
    [
        fields.year.is_some(),
        fields.publisher.is_some(),
        fields.place.is_some(),
        fields.container.is_some(),
        fields.url.is_some(),
        fields.date.is_some(),
    ]
    .into_iter()
    .filter(|&x| x)
    .count()
}

/// Fills what `into` does not know from `from`.
fn merge(into: &mut Fields, from: &Fields) {
    fn fill(a: &mut Option<String>, b: &Option<String>) {
        if a.is_none() {
            a.clone_from(b);
        }
    }
    if into.authors.is_empty() {
        into.authors.clone_from(&from.authors);
    }
    if into.editors.is_empty() {
        into.editors.clone_from(&from.editors);
    }
    fill(&mut into.title, &from.title);
    fill(&mut into.container, &from.container);
    fill(&mut into.publisher, &from.publisher);
    fill(&mut into.place, &from.place);
    fill(&mut into.year, &from.year);
    fill(&mut into.date, &from.date);
    fill(&mut into.volume, &from.volume);
    fill(&mut into.issue, &from.issue);
    fill(&mut into.url, &from.url);
}

/// Sources filed under keys (surnames, title words), found again through a
/// spelling slip or a longer name without comparing every key: each key is
/// also filed under itself with a letter or two deleted, where two keys a
/// slip apart meet (a citation is compared with a few keys, not all).
#[derive(Debug, Default)]
struct Filed {
    sources: HashMap<String, Vec<usize>>,
    /// A key with letters deleted, and the keys that give it.
    variants: HashMap<String, Vec<String>>,
    /// Every key in order: those a key begins ("dehdashti" of
    /// "dehdashtirasmussen") are next to it.
    keys: BTreeSet<String>,
}

impl Filed {
    fn file(&mut self, key: &str, source: usize) {
        let list = self.sources.entry(key.to_owned()).or_default();
        if list.contains(&source) {
            return;
        }
        list.push(source);
        if self.keys.insert(key.to_owned()) {
            for variant in variants(key) {
                self.variants
                    .entry(variant)
                    .or_default()
                    .push(key.to_owned());
            }
        }
    }

    /// The sources filed under `key`.
    fn exactly(&self, key: &str) -> &[usize] {
        self.sources.get(key).map_or(&[], Vec::as_slice)
    }

    /// Other keys that may be `key` with a slip or a longer name: the same
    /// word with a letter or two changed, added or taken out, or one the
    /// start of the other (those [`same_letters`] and [`same_word`] allow).
    fn near<'a>(&'a self, key: &str) -> HashSet<&'a str> {
        let mut near: HashSet<&str> = HashSet::new();
        for variant in variants(key) {
            if let Some(keys) = self.variants.get(&variant) {
                near.extend(keys.iter().map(String::as_str));
            }
        }
        near.extend(
            self.keys
                .range(key.to_owned()..)
                .take_while(|other| other.starts_with(key))
                .map(String::as_str),
        );
        for (end, _) in key.char_indices().skip(5) {
            if let Some(other) = self.keys.get(&key[..end]) {
                near.insert(other);
            }
        }
        near.remove(key);
        near
    }
}

/// `key` with one letter deleted, or two if it is long: two keys at most
/// that many edits apart share one of these (keys under five letters take
/// no slip).
fn variants(key: &str) -> Vec<String> {
    let letters: Vec<char> = key.chars().collect();
    if letters.len() < 5 {
        return Vec::new();
    }
    let without = |skip: &[usize]| -> String {
        letters
            .iter()
            .enumerate()
            .filter(|(i, _)| !skip.contains(i))
            .map(|(_, c)| c)
            .collect()
    };
    let mut found = vec![key.to_owned()];
    for i in 0..letters.len() {
        found.push(without(&[i]));
        if letters.len() >= 9 {
            for j in i + 1..letters.len() {
                found.push(without(&[i, j]));
            }
        }
    }
    found.sort();
    found.dedup();
    found
}

/// The key a source is filed under for its first author.
fn surname_key(fields: &Fields) -> Option<String> {
    fields
        .authors
        .first()
        .map(|a| letters(surname(a)))
        .filter(|k| !k.is_empty())
}

impl Resolver {
    /// Fills what source `s` does not know from `fields`, and files it again.
    fn merge_into(&mut self, s: usize, fields: &Fields) {
        merge(&mut self.sources[s].fields, fields);
        self.index(s);
    }

    /// Files source `s` under its first author and first title word (again,
    /// after its fields were filled in).
    fn index(&mut self, s: usize) {
        let fields = &self.sources[s].fields;
        if let Some(key) = surname_key(fields) {
            self.by_surname.file(&key, s);
        }
        let words = fields.title.as_deref().map(title_words).unwrap_or_default();
        if let Some(first) = words.first() {
            self.by_first_word.file(first, s);
            if fields.authors.is_empty() {
                self.anonymous_by_first_word.file(first, s);
            }
        }
        if self.title_words.len() <= s {
            self.title_words.resize(s + 1, Vec::new());
        }
        self.title_words[s] = words;
    }

    /// Sources filed under keys that `matches`, most recently cited first.
    fn candidates(
        &self,
        index: &Filed,
        key: &str,
        matches: impl Fn(&str, &str) -> bool,
    ) -> Vec<usize> {
        let mut found: Vec<usize> = index.exactly(key).to_vec();
        // Spelling slips: other keys close to this one (they start alike).
        for other in index.near(key) {
            if other.as_bytes().first() == key.as_bytes().first() && matches(key, other) {
                found.extend(index.exactly(other));
            }
        }
        found.sort_by_key(|&s| std::cmp::Reverse(self.last_cited[s]));
        found.dedup();
        found
    }

    /// The most recently cited source whose first author is `name`.
    fn recent_by_author(&self, name: &str) -> Option<usize> {
        let key = letters(surname(name));
        self.candidates(&self.by_surname, &key, same_letters)
            .into_iter()
            .next()
    }

    /// An earlier source this citation names again.
    fn find(&self, parsed: &Parsed) -> Option<usize> {
        let fields = &parsed.fields;
        if parsed.kind == Kind::Interview {
            return self.sources.iter().position(|s| {
                s.kind == Kind::Interview
                    && same_authors(&s.fields.authors, &fields.authors)
                    && s.fields.year == fields.year
            });
        }
        if let Some(title) = &fields.title {
            let words = title_words(title);
            let first = words.first()?;
            // Most recent first: a short title means the work last cited.
            // With an author, only that author's works and works without
            // one can be it: they are fewer than those of the same first
            // title word.
            let candidates = match fields.authors.first() {
                Some(author) => {
                    let key = letters(surname(author));
                    let mut candidates = self.candidates(&self.by_surname, &key, same_letters);
                    candidates.extend(self.candidates(
                        &self.anonymous_by_first_word,
                        first,
                        same_word,
                    ));
                    candidates.sort_by_key(|&s| std::cmp::Reverse(self.last_cited[s]));
                    candidates.dedup();
                    candidates
                }
                None => self.candidates(&self.by_first_word, first, same_word),
            };
            return candidates.into_iter().find(|&s| {
                let source = &self.sources[s];
                let other = &self.title_words[s];
                // Without an author on either side, only the same title is the same
                // work; with an author on one side only, the same title too.
                let anonymous = fields.authors.is_empty() || source.fields.authors.is_empty();
                // With the same author, a short title of one word
                // ("Puschner, A Tool for the") is the first word of the full one.
                let titles = if anonymous {
                    &words == other
                } else {
                    same_title_words(&words, other)
                        || (words.len() == 1 && other.first() == words.first())
                };
                titles && same_authors(&source.fields.authors, &fields.authors)
            });
        }
        let author = fields.authors.first()?;
        let key = letters(surname(author));
        let by_author = self.candidates(&self.by_surname, &key, same_letters);
        // An author in a journal or series: the same author there (and year).
        if let Some(container) = &fields.container {
            return by_author.into_iter().find(|&s| {
                let source = &self.sources[s];
                source.fields.title.is_none()
                    && source
                        .fields
                        .container
                        .as_deref()
                        .is_some_and(|c| title_words(c) == title_words(container))
                    && same_authors(&source.fields.authors, &fields.authors)
                    && (source.fields.year.is_none()
                        || fields.year.is_none()
                        || source.fields.year == fields.year)
            });
        }
        // An author and a year ("Brennan 1998, 123."): that author's work of that year.
        if let Some(year) = &fields.year {
            return by_author.into_iter().find(|&s| {
                self.sources[s].fields.year.as_ref() == Some(year)
                    && same_authors(&self.sources[s].fields.authors, &fields.authors)
            });
        }
        // An author alone ("Hening, iii, p. 82"): that author's last work.
        self.recent_by_author(author)
    }

    fn cite(&mut self, source: usize, note: usize, pages: &Option<String>) {
        self.sources[source].cited_in.push(Cited {
            note,
            pages: pages.clone(),
        });
        self.citations += 1;
        self.last_cited[source] = self.citations;
        self.last = Some(source);
    }

    /// The source last cited, if it was cited in `note`: what a fragment
    /// of that note (an address, a publisher) belongs to.
    fn last_in(&self, note: usize) -> Option<usize> {
        self.last.filter(|&last| {
            self.sources[last]
                .cited_in
                .last()
                .is_some_and(|c| c.note == note)
        })
    }

    /// The citation `parsed` makes in note `note` (labelled `label`).
    pub fn resolve(
        &mut self,
        parsed: Parsed,
        note: usize,
        label: &str,
        range: Range<usize>,
    ) -> Citation {
        // An address alone after a citation ("…, p. 4; http://…") is that citation's.
        let bare_url = parsed.fields.url.is_some()
            && parsed.fields.title.is_none()
            && parsed.fields.authors.is_empty()
            && parsed.fields.container.is_none();
        if bare_url
            && parsed.form == Form::Full
            && let Some(last) = self.last_in(note)
        {
            let fields = parsed.fields.clone();
            self.merge_into(last, &fields);
            return Citation {
                source: Some(last),
                pages: None,
                form: Form::Short,
                range,
            };
        }
        // Pages alone after a citation ("…; cf. p. xxi"): the same work again.
        let volume_and_pages = Fields {
            volume: parsed.fields.volume.clone(),
            issue: parsed.fields.issue.clone(),
            ..Fields::default()
        };
        // Pages alone opening a note ("P. 40, n20.") are an unwritten "Ibid.".
        let pages_only = parsed.fields == volume_and_pages && parsed.pages.is_some();
        if pages_only
            && parsed.form == Form::Full
            && let Some(last) = self.last
        {
            let same_note = self.last_in(note).is_some();
            self.cite(last, note, &parsed.pages);
            return Citation {
                source: Some(last),
                pages: parsed.pages,
                form: if same_note { Form::Short } else { Form::Ibid },
                range,
            };
        }
        // A publisher alone after a title ("…Disease?. VDM Verlag, 2008."): the title's.
        let publisher_only = parsed.fields.title.is_none()
            && parsed.fields.container.is_none()
            && parsed.fields.authors.len() == 1
            && super::fields::looks_like_publisher(&parsed.fields.authors[0]);
        if publisher_only
            && parsed.form == Form::Full
            && let Some(last) = self.last_in(note)
        {
            let fields = Fields {
                publisher: parsed.fields.authors.first().cloned(),
                year: parsed.fields.year.clone(),
                ..Fields::default()
            };
            self.merge_into(last, &fields);
            return Citation {
                source: Some(last),
                pages: parsed.pages,
                form: Form::Short,
                range,
            };
        }
        let source = match parsed.form {
            Form::Ibid => self.last,
            Form::LocCit | Form::OpCit => match parsed.fields.authors.first() {
                Some(author) => self.recent_by_author(author),
                None => self.last,
            },
            Form::Supra => parsed
                .supra
                .as_ref()
                .and_then(|label| self.by_label.get(label).copied())
                .or_else(|| {
                    parsed
                        .fields
                        .authors
                        .first()
                        .and_then(|a| self.recent_by_author(a))
                }),
            Form::Full | Form::Short => None,
        };
        let (source, form) = match parsed.form {
            Form::Full | Form::Short => {
                let (source, form) =
                    match self.find(&parsed) {
                        Some(found) => {
                            let shorter =
                                detail(&parsed.fields) < detail(&self.sources[found].fields)
                                    || parsed.fields.title.as_ref().is_some_and(|t| {
                                        self.sources[found].fields.title.as_ref().is_some_and(
                                            |full| title_words(t).len() < title_words(full).len(),
                                        )
                                    });
                            let fields = parsed.fields.clone();
                            self.merge_into(found, &fields);
                            (found, if shorter { Form::Short } else { Form::Full })
                        }
                        None => {
                            self.sources.push(Source {
                                id: String::new(),
                                kind: parsed.kind,
                                fields: parsed.fields.clone(),
                                cited_in: Vec::new(),
                            });
                            self.last_cited.push(0);
                            let new = self.sources.len() - 1;
                            self.index(new);
                            (new, Form::Full)
                        }
                    };
                (Some(source), form)
            }
            form => (source, form),
        };
        if let Some(source) = source {
            self.cite(source, note, &parsed.pages);
            self.by_label.entry(label.to_owned()).or_insert(source);
        }
        Citation {
            source,
            pages: parsed.pages,
            form,
            range,
        }
    }

    /// The sources, each with a unique id.
    pub fn finish(mut self) -> Vec<Source> {
        let mut taken: HashMap<String, usize> = HashMap::new();
        for source in &mut self.sources {
            let base = id_of(&source.fields);
            let count = taken.entry(base.clone()).or_insert(0);
            *count += 1;
            source.id = if *count == 1 {
                base
            } else {
                // "smith2001", "smith2001b", "smith2001c"…
                let suffix = char::from(b'a' + u8::try_from((*count - 1).min(25)).unwrap_or(25));
                format!("{base}{suffix}")
            };
        }
        self.sources
    }
}

/// "kugler1993political": first author's surname, year, first title word.
pub(crate) fn id_of(fields: &Fields) -> String {
    let ascii = |text: &str| -> String {
        text.chars()
            .filter(char::is_ascii_alphanumeric)
            .flat_map(|c| c.to_lowercase())
            .collect()
    };
    let author = fields
        .authors
        .first()
        .map(|a| ascii(surname(a)))
        .unwrap_or_default();
    let year = fields.year.clone().unwrap_or_default();
    let word = fields
        .title
        .as_deref()
        .or(fields.container.as_deref())
        .map(title_words)
        .and_then(|words| words.into_iter().next())
        .map(|w| ascii(&w))
        .unwrap_or_default();
    let id = format!("{author}{year}{word}");
    if id.is_empty() {
        "source".to_owned()
    } else {
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surnames_match_through_slips_and_double_names() {
        assert!(same_surname("Rexane Dedashti", "Rexane Dehdashti"));
        assert!(same_surname("Dehdashti", "Rexane Dehdashti-Rasmussen"));
        assert!(!same_surname("Kugler", "Keohane"));
        assert!(!same_surname("Brown", "Bruce"));
    }

    #[test]
    fn filed_keys_find_every_key_a_slip_or_a_longer_name_away() {
        let mut filed = Filed::default();
        let keys = [
            "dehdashti",
            "dehdashtirasmussen",
            "dedashti",
            "dehdashtii",
            "kugler",
            "keohane",
            "brown",
        ];
        for (source, key) in keys.iter().enumerate() {
            filed.file(key, source);
        }
        // Every key the comparison allows is near, whichever way round.
        for key in keys {
            let near = filed.near(key);
            for other in keys {
                if other != key && same_letters(key, other) {
                    assert!(near.contains(other), "{other} near {key}");
                }
            }
        }
        assert!(filed.near("brown").is_empty());
        assert_eq!(filed.exactly("kugler"), [4]);
    }

    #[test]
    fn short_titles_match_full_ones() {
        assert!(same_title("Writings of Byrd", "Writings of William Byrd"));
        assert!(same_title("United Stales", "United States"));
        assert!(same_title("Letters", "Letters"));
        assert!(!same_title(
            "Scotch Irish",
            "German Element of the Shenandoah Valley"
        ));
        assert!(!same_title("Travels", "Letters"));
    }
}
