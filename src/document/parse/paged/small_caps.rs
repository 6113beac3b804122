//! Small capitals that converters letter-space: a word set in small capitals
//! begins with a full capital and goes on in smaller ones, and text
//! converters print the change of size as a space ("T HE L ETTERS OF
//! J OHN A DAMS", "I NTRODUCTION", "C HARLES F RANCIS A DAMS" in a note).
//! The space is dropped where the pieces make a word: where the joined word
//! is one the paper uses elsewhere, or the rest is no word of the paper
//! ("A DAMS" and "I NTRODUCTION" join; "A NEW" and "F KENNEDY" do not).

use std::collections::HashMap;

/// A capital, a space, and two or more capitals after it: (offset of the
/// space, the joined word, the rest) for each such place.
fn candidates(source: &str) -> Vec<(usize, String, String)> {
    let bytes = source.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i + 3 < bytes.len() {
        let at_word_start = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        if at_word_start
            && bytes[i].is_ascii_uppercase()
            && bytes[i + 1] == b' '
            && bytes[i + 2].is_ascii_uppercase()
        {
            let rest_end = (i + 2..bytes.len())
                .find(|&j| !bytes[j].is_ascii_alphabetic())
                .unwrap_or(bytes.len());
            let rest = &source[i + 2..rest_end];
            if rest.len() >= 2 && rest.bytes().all(|b| b.is_ascii_uppercase()) {
                let joined = format!("{}{rest}", char::from(bytes[i])).to_lowercase();
                found.push((i + 1, joined, rest.to_lowercase()));
            }
            i = rest_end;
            continue;
        }
        i += 1;
    }
    found
}

/// Offsets of the spaces inside letter-spaced small capitals, in order.
pub(crate) fn gaps(source: &str) -> Vec<usize> {
    let found = candidates(source);
    if found.is_empty() {
        return Vec::new();
    }
    // Only the words asked about are counted, in one search for them all;
    // a rest counts as used where it stands as a word of its own, not as a
    // candidate's rest.
    let mut counts: HashMap<&str, isize> = HashMap::new();
    for (_, joined, rest) in &found {
        counts.insert(joined.as_str(), 0);
        counts.insert(rest.as_str(), 0);
    }
    for (_, _, rest) in &found {
        if let Some(count) = counts.get_mut(rest.as_str()) {
            *count -= 1;
        }
    }
    let words: Vec<&str> = counts.keys().copied().collect();
    let Ok(searcher) = aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .build(&words)
    else {
        return Vec::new();
    };
    let bytes = source.as_bytes();
    for hit in searcher.find_iter(source) {
        let alone = (hit.start() == 0 || !bytes[hit.start() - 1].is_ascii_alphabetic())
            && bytes
                .get(hit.end())
                .is_none_or(|b| !b.is_ascii_alphabetic());
        if alone && let Some(count) = counts.get_mut(words[hit.pattern().as_usize()]) {
            *count += 1;
        }
    }
    let used = |word: &str| counts.get(word).is_some_and(|&c| c > 0);
    found
        .iter()
        .filter(|(_, joined, rest)| used(joined) || !used(rest))
        .map(|&(space, _, _)| space)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn joined(source: &str) -> String {
        let gaps = gaps(source);
        source
            .char_indices()
            .filter(|(i, _)| !gaps.contains(i))
            .map(|(_, c)| c)
            .collect()
    }

    #[test]
    fn letter_spaced_small_capitals_read_as_words() {
        assert_eq!(
            joined("T HE L ETTERS OF J OHN A DAMS, by Adams."),
            "THE LETTERS OF JOHN ADAMS, by Adams."
        );
        assert_eq!(joined("I NTRODUCTION"), "INTRODUCTION");
        // A word alone before a capitalised word stays apart.
        assert_eq!(
            joined("A NEW WORLD, a new order"),
            "A NEW WORLD, a new order"
        );
        assert_eq!(joined("U S ARMY, the army"), "U S ARMY, the army");
        assert_eq!(joined("JOHN F KENNEDY, Kennedy"), "JOHN F KENNEDY, Kennedy");
    }
}
