//! Words of people's names that every reader of names shares.

use foldhash::HashSet;
use std::sync::OnceLock;

/// Lower-case words inside a name ("Osama bin Laden", "Ursula von der
/// Leyen", "Guillermo del Toro"): a name may go on, or a note open, with one.
pub const PARTICLES: &[&str] = &[
    "bin", "ibn", "al", "el", "de", "da", "di", "van", "von", "der", "den", "la", "le", "du",
    "del", "della", "des", "ter", "ten",
];

/// Whether `word` is a particle, or opens with one joined by a hyphen
/// ("al-Hasan").
pub fn is_particle(word: &str) -> bool {
    let stem = word.split_once('-').map_or(word, |(stem, _)| stem);
    PARTICLES.contains(&stem)
}

/// The given names, capitalised as a name is ("Larry"): looked up as the
/// text has them, without a copy.
fn given_names() -> &'static HashSet<String> {
    static GIVEN: OnceLock<HashSet<String>> = OnceLock::new();
    GIVEN.get_or_init(|| {
        include_str!("given_names.txt")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .map(|name| {
                let mut chars = name.chars();
                chars.next().map_or_else(String::new, |first| {
                    first.to_uppercase().chain(chars).collect()
                })
            })
            .collect()
    })
}

/// Builds the given-name list now, so that the first reader does not pay for it.
pub fn warm_given_names() {
    given_names();
}

/// Whether `word` is a given name written as one ("Larry", not "larry" or "LARRY").
pub fn is_given_name(word: &str) -> bool {
    word.starts_with(char::is_uppercase)
        && word.chars().skip(1).all(char::is_lowercase)
        && given_names().contains(word)
}
