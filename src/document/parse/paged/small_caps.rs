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
    let mut skip_to = 0;
    for capital in capitals_before_spaces(bytes) {
        if capital < skip_to
            || capital + 3 >= bytes.len()
            || !bytes[capital + 2].is_ascii_uppercase()
            || (capital > 0 && bytes[capital - 1].is_ascii_alphanumeric())
        {
            continue;
        }
        let space = capital + 1;
        let rest_end = bytes[space + 1..]
            .iter()
            .position(|b| !b.is_ascii_alphabetic())
            .map_or(bytes.len(), |n| space + 1 + n);
        let rest = &source[space + 1..rest_end];
        if rest.len() >= 2 && rest.bytes().all(|b| b.is_ascii_uppercase()) {
            let joined = format!("{}{rest}", char::from(bytes[capital])).to_lowercase();
            found.push((space, joined, rest.to_lowercase()));
        }
        skip_to = rest_end;
    }
    found
}

/// Offsets of the capitals followed by a space, in order. This scan over
/// the whole text was a quarter of the parse of converter text byte by
/// byte: blocks of 32 bytes are tested at once (the compiler makes it a few
/// vector instructions), and only the rare block with such a pair is looked
/// at byte by byte.
fn capitals_before_spaces(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    const BLOCK: usize = 32;
    let is_pair = |pair: &[u8]| pair[0].is_ascii_uppercase() & (pair[1] == b' ');
    let blocks = bytes.len().saturating_sub(1) / BLOCK;
    let whole = (0..blocks).flat_map(move |block| {
        let start = block * BLOCK;
        let any =
            <&[u8; BLOCK + 1]>::try_from(&bytes[start..start + BLOCK + 1]).is_ok_and(|window| {
                (0..BLOCK).fold(false, |any, i| {
                    any | (window[i].is_ascii_uppercase() & (window[i + 1] == b' '))
                })
            });
        let found = if any { BLOCK } else { 0 };
        (start..start + found).filter(move |&i| is_pair(&bytes[i..i + 2]))
    });
    let tail =
        (blocks * BLOCK..bytes.len().saturating_sub(1)).filter(move |&i| is_pair(&bytes[i..i + 2]));
    whole.chain(tail)
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

    #[test]
    fn pairs_found_by_blocks_are_those_found_byte_by_byte() {
        let text = "A B. word X Y ZZ ".repeat(7) + "tail Q R";
        for start in 0..40 {
            let bytes = &text.as_bytes()[start..];
            let by_byte: Vec<usize> = (0..bytes.len().saturating_sub(1))
                .filter(|&i| bytes[i].is_ascii_uppercase() && bytes[i + 1] == b' ')
                .collect();
            let by_block: Vec<usize> = capitals_before_spaces(bytes).collect();
            assert_eq!(by_block, by_byte, "from byte {start}");
        }
    }
}
