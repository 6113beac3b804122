//! Words of people's names that every reader of names shares.

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
