//! Marker candidates in the running text, and their assignment to note
//! bodies by label, page and reading order.

use std::collections::HashMap;
use std::ops::Range;

use super::footnotes::NoteBody;
use super::syntax::{Label, SYMBOLS, Strength};

#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    /// Byte range in the source of the whole marker syntax (`<sup>3</sup>`, `3`).
    pub range: Range<usize>,
    pub labels: Vec<Label>,
    pub strength: Strength,
    /// The digits were glued to the text ("Broad.5"): "12" may be 1 and 2.
    pub glued_digits: bool,
}

fn is_glue_before(c: char) -> bool {
    c.is_alphabetic()
        || matches!(
            c,
            '.' | ',' | ';' | ':' | '!' | '?' | '”' | '’' | '"' | '\'' | ')' | ']' | '*' | '_'
        )
}

impl Candidate {
    /// Whether glued digits may stand for several markers, one of them
    /// `label` ("model.12" for notes 1 and 2).
    pub fn glued_digits_include(&self, label: &Label) -> bool {
        let Label::Number(n) = label else {
            return false;
        };
        // Only digits that run on one by one: "12", "234".
        self.glued_digits
            && self.labels.iter().any(|l| {
                let digits: Vec<u32> = l.printed().chars().filter_map(|c| c.to_digit(10)).collect();
                digits.len() > 1
                    && digits.windows(2).all(|w| w[1] == w[0] + 1)
                    && digits.contains(n)
            })
    }
}

fn sup_labels(content: &str) -> Vec<Label> {
    let content = content
        .trim()
        .trim_start_matches("^{")
        .trim_end_matches('}');
    content
        .split([',', ' ', '\u{2009}'])
        .filter(|s| !s.is_empty())
        .map(|s| {
            // TeX's asterisk operator (U+2217) is the asterisk.
            let s = s.trim_end_matches('.').replace('∗', "*");
            if !s.is_empty()
                && s.len() <= 3
                && s.bytes().all(|b| b.is_ascii_digit())
                && !s.starts_with('0')
            {
                s.parse().ok().map(Label::Number)
            } else if SYMBOLS
                .iter()
                .any(|sym| s.chars().all(|c| sym.starts_with(c)))
                && s.chars().count() <= 3
            {
                Some(Label::Symbol(s))
            } else {
                None
            }
        })
        .collect::<Option<Vec<_>>>()
        .unwrap_or_default()
}

/// The bytes that may begin a marker: `<sup>`, `[`, a digit, `*`, `|`, a
/// LaTeX superscript (`\\(`, `$`, `^`), or the first byte of a character
/// beyond ASCII (superscripts, †, ‡, §, ‖, ¶).
static MAY_START_MARKER: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = matches!(
            byte as u8,
            b'<' | b'[' | b'*' | b'|' | b'\\' | b'$' | b'^' | b'1'..=b'9'
        ) || byte >= 0xC0;
        byte += 1;
    }
    table
};

/// Every marker-like piece of `text` (a line at `offset` in the source).
pub(crate) fn candidates(text: &str, offset: usize, brackets: bool) -> Vec<Candidate> {
    let mut found = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    // Letters, spaces and most punctuation start nothing: skip them fast.
    while let Some(skip) = bytes
        .get(i..)
        .unwrap_or_default()
        .iter()
        .position(|&b| MAY_START_MARKER[usize::from(b)])
    {
        i += skip;
        let rest = &text[i..];
        if bytes[i] >= 0xC0 {
            let c = rest.chars().next().unwrap_or(' ');
            let marker_like = super::super::inline::superscript_digit(c).is_some()
                || c == '∗'
                || SYMBOLS.iter().any(|s| s.starts_with(c));
            if !marker_like {
                i += c.len_utf8();
                continue;
            }
        }
        let strong = |len: usize, labels: Vec<Label>| Candidate {
            range: offset + i..offset + i + len,
            labels,
            strength: Strength::Strong,
            glued_digits: false,
        };
        if rest.starts_with("<sup>") {
            let garbled = rest.starts_with("<sup>&</sup>lt;sup>");
            let open = if garbled {
                "<sup>&</sup>lt;sup>".len()
            } else {
                5
            };
            if let Some(end) = rest[open..].find("</sup>") {
                let content = &rest[open..open + end];
                let mut len = open + end + 6;
                let labels = sup_labels(content);
                // $<sup>^{10}</sup>$: the dollars go with it.
                if i > 0 && bytes[i - 1] == b'$' && rest[len..].starts_with('$') {
                    len += 1;
                }
                if !labels.is_empty() {
                    let mut candidate = strong(len, labels);
                    if i > 0 && bytes[i - 1] == b'$' && len > open + end + 6 {
                        candidate.range.start -= 1;
                    }
                    found.push(candidate);
                }
                i += len;
                continue;
            }
        }
        if let Some(len) = latex_superscript(rest) {
            let labels = sup_labels(latex_content(&rest[..len]));
            if !labels.is_empty() {
                found.push(strong(len, labels));
            }
            i += len;
            continue;
        }
        if rest.starts_with("[^")
            && let Some(end) = rest.find(']')
            && !rest[end..].starts_with("]:")
        {
            let label = &rest[2..end];
            let labels = sup_labels(label);
            if !labels.is_empty() {
                found.push(strong(end + 1, labels));
            }
            i += end + 1;
            continue;
        }
        if let Some(inner) = rest.strip_prefix('[') {
            // [15](#page-14-2) in marker, [15] in Gutenberg's endnote style.
            let digits = inner.bytes().take_while(u8::is_ascii_digit).count();
            if (1..=3).contains(&digits) && inner[digits..].starts_with(']') {
                let label: Vec<Label> = sup_labels(&inner[..digits]);
                let after = &inner[digits + 1..];
                if after.starts_with("(#page-")
                    && let Some(close) = after.find(')')
                {
                    found.push(strong(2 + digits + close + 1, label));
                    i += 2 + digits + close + 1;
                    continue;
                }
                if brackets && !after.starts_with('(') {
                    found.push(strong(2 + digits, label));
                    i += 2 + digits;
                    continue;
                }
            }
        }
        let c = rest.chars().next().unwrap_or(' ');
        if super::super::inline::superscript_digit(c).is_some() {
            let run: String = rest
                .chars()
                .map_while(super::super::inline::superscript_digit)
                .collect();
            let len: usize = rest
                .chars()
                .take(run.chars().count())
                .map(char::len_utf8)
                .sum();
            found.push(strong(len, sup_labels(&run)));
            i += len;
            continue;
        }
        let before = text[..i].chars().next_back();
        // "1.5", "3,000", "10:30": a number's own punctuation is no glue, but
        // a year or page number ends a sentence before a marker ("1770.80").
        let digits_before = text[..i - before.map_or(0, char::len_utf8)]
            .bytes()
            .rev()
            .take_while(u8::is_ascii_digit)
            .count();
        // "3,000" groups thousands; "1763,6 forbidding" is a year and a marker.
        let digits_after = rest.bytes().take_while(u8::is_ascii_digit).count();
        let in_number = match before {
            Some(',') => digits_before > 0 && digits_after == 3,
            Some(':') => digits_before > 0 && digits_after == 2,
            Some('.') => (1..=2).contains(&digits_before),
            _ => false,
        };
        // OCR sets a marker apart from its sentence: "actor. 1 Their" (not
        // "p. 706", "vol. 2": the word before a sentence's end is longer).
        let spaced_after_sentence = before == Some(' ') && ends_sentence_word(&text[..i - 1]);
        if c.is_ascii_digit() && c != '0' && spaced_after_sentence {
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            let after = &rest[digits..];
            if digits <= 3
                && (after.is_empty() || after.starts_with(' '))
                && !after
                    .trim_start()
                    .starts_with(|a: char| a.is_lowercase() || a.is_ascii_digit())
            {
                found.push(weak_number(offset + i, &rest[..digits], false));
            }
            i += digits;
            continue;
        }
        // A year with its marker glued on ("By the census of 182010 the
        // settled area"): four digits of a year, then the marker's.
        if c.is_ascii_digit() && before.is_none_or(char::is_whitespace) {
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            if let Some(marker) = marker_after_year(rest, digits) {
                found.push(weak_number(offset + i + 4, marker, false));
            }
            i += digits;
            continue;
        }
        if c.is_ascii_digit()
            && c != '0'
            && !in_number
            && before.is_some_and(|b| is_glue_before(b) && !b.is_ascii_digit())
        {
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            let after = rest[digits..].chars().next();
            // Words glued on both sides (pdfplumber on tight lines):
            // "Andover,11Billerica" after punctuation, not "H2O".
            let glued_to_next_word =
                before.is_some_and(|b| !b.is_alphabetic()) && after.is_some_and(char::is_uppercase);
            if digits <= 3
                && (after.is_none_or(|a| !a.is_alphanumeric()) || glued_to_next_word)
                && !(after == Some('.')
                    && rest[digits + 1..].starts_with(|d: char| d.is_ascii_digit()))
            {
                found.push(weak_number(offset + i, &rest[..digits], true));
            }
            i += digits;
            continue;
        }
        let run = super::syntax::symbol_run(rest);
        // A symbol set apart at the end of a line: an author's note ("Barkow *").
        let spaced_at_end = before == Some(' ')
            && rest[run..].trim().is_empty()
            && text[..i].trim_end().ends_with(char::is_alphabetic);
        // A symbol alone on its line: raised above the line it marks, where
        // a converter (pdfplumber) cut lines by height ("∗" over a title).
        let alone = text[..i].trim().is_empty() && rest[run..].trim().is_empty();
        if run > 0 && (before.is_some_and(|b| !b.is_whitespace()) || spaced_at_end || alone) {
            let after = rest[run..].chars().next();
            if after.is_none_or(|a| !a.is_alphanumeric() && a != c) {
                found.push(Candidate {
                    range: offset + i..offset + i + run,
                    labels: vec![super::syntax::symbol_label(&rest[..run])],
                    strength: Strength::Weak,
                    glued_digits: false,
                });
            }
            i += run;
            continue;
        }
        i += c.len_utf8();
    }
    found
}

/// The marker's digits after a year's in a run of `digits` digits opening
/// `rest` ("182010": 1820, then 10), if the run reads so: a year from 1400
/// to 2099, a marker of up to three digits not starting with 0, and no more
/// of a number after it ("182010.5", "182010,000").
fn marker_after_year(rest: &str, digits: usize) -> Option<&str> {
    if !(5..=7).contains(&digits) {
        return None;
    }
    let year: u32 = rest[..4].parse().ok()?;
    let after = &rest[digits..];
    let number_goes_on = after.starts_with(|c: char| c.is_alphanumeric())
        || (after.starts_with(['.', ',', ':'])
            && after[1..].starts_with(|c: char| c.is_ascii_digit()));
    ((1400..=2099).contains(&year) && !rest[4..].starts_with('0') && !number_goes_on)
        .then(|| &rest[4..digits])
}

/// A number that may be a marker, at `start` in the source: glued to the
/// word before it ("Broad.5") or set apart after a sentence ("actor. 1").
fn weak_number(start: usize, digits: &str, glued: bool) -> Candidate {
    Candidate {
        range: start..start + digits.len(),
        labels: sup_labels(digits),
        strength: Strength::Weak,
        glued_digits: glued,
    }
}

/// Whether `text` ends a sentence with a word: "unreviewable.", "growing!”",
/// not an abbreviation ("p.", "vol.", "Id.") or a number.
fn ends_sentence_word(text: &str) -> bool {
    let without_quotes = text.trim_end_matches(['”', '"', '’']);
    let Some(stop) = without_quotes.chars().next_back() else {
        return false;
    };
    if !matches!(stop, '.' | '!' | '?') {
        return false;
    }
    let word = without_quotes[..without_quotes.len() - 1]
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    word.chars().count() >= 4
}

/// The length of a superscript as LaTeX-minded converters write it:
/// `\({}^{3}\)`, `$^{3}$`, `$^3$` (nougat, marker) or `^3^` (pandoc).
fn latex_superscript(text: &str) -> Option<usize> {
    let close = if text.starts_with("\\(") {
        "\\)"
    } else if text.starts_with("$^") || text.starts_with("${}^") {
        "$"
    } else if text.starts_with('^') {
        "^"
    } else {
        return None;
    };
    let open = if close == "^" { 1 } else { 2 };
    let end = text.get(open..)?.find(close)?;
    // A label, not a formula: a few characters.
    (end <= 12).then_some(open + end + close.len())
}

/// The label inside a LaTeX superscript: `{}^{3}` → `3`.
fn latex_content(marker: &str) -> &str {
    marker
        .trim_start_matches("\\(")
        .trim_end_matches("\\)")
        .trim_matches(['$', '^'])
        .trim_start_matches("{}")
        .trim_start_matches('^')
        .trim_start_matches('{')
        .trim_end_matches('}')
}

/// A marker bound to notes (by index into the notes found).
#[derive(Debug, Clone)]
pub(crate) struct Bound {
    pub range: Range<usize>,
    pub notes: Vec<Option<usize>>,
    pub labels: Vec<Label>,
}

/// Binds marker candidates (in reading order, each with its page) to notes:
/// a page's markers to the notes at that page's foot (or a neighbouring
/// page's, for a column or page cut), otherwise to endnotes in sequence.
/// Strong markers without a note are kept (their note is missing); weak ones
/// without a note were never markers.
pub(crate) fn assign(
    candidates: &[(usize, Candidate)],
    notes: &[NoteBody],
) -> (Vec<Bound>, Vec<bool>) {
    let mut foot: HashMap<(usize, &Label), Vec<usize>> = HashMap::new();
    let mut end: HashMap<&Label, Vec<usize>> = HashMap::new();
    for (index, note) in notes.iter().enumerate() {
        if note.endnote {
            end.entry(&note.label).or_default().push(index);
        } else {
            foot.entry((note.page, &note.label))
                .or_default()
                .push(index);
        }
    }
    let mut taken = vec![false; notes.len()];
    let mut last_end = 0;
    let mut last_ordinal = 0;
    let mut bound = Vec::new();
    // Weak numbers bound to no note, for a second look once all are bound.
    let mut unbound = Vec::new();
    let take = |page: usize,
                label: &Label,
                taken: &mut Vec<bool>,
                last_end: &mut usize|
     -> Option<usize> {
        for p in [Some(page), page.checked_sub(1), Some(page + 1)]
            .into_iter()
            .flatten()
        {
            if let Some(list) = foot.get(&(p, label))
                && let Some(&n) = list.iter().find(|&&n| !taken[n])
            {
                taken[n] = true;
                return Some(n);
            }
        }
        let list = end.get(label)?;
        let n = list
            .iter()
            .copied()
            .find(|&n| !taken[n] && n >= *last_end)
            .or_else(|| list.iter().copied().find(|&n| !taken[n]))?;
        taken[n] = true;
        *last_end = n;
        Some(n)
    };
    for (page, candidate) in candidates {
        let mut notes_of: Vec<Option<usize>> = candidate
            .labels
            .iter()
            .map(|label| take(*page, label, &mut taken, &mut last_end))
            .collect();
        let mut labels = candidate.labels.clone();
        if candidate.glued_digits && notes_of.iter().all(Option::is_none) {
            // "model.12" for notes 1 and 2.
            let split: Vec<Label> = candidate
                .labels
                .first()
                .map(|l| l.printed())
                .unwrap_or_default()
                .chars()
                .filter_map(|d| d.to_digit(10).filter(|&d| d > 0).map(Label::Number))
                .collect();
            if split.len() > 1 {
                let mut trial = taken.clone();
                let mut trial_end = last_end;
                let found: Vec<Option<usize>> = split
                    .iter()
                    .map(|l| take(*page, l, &mut trial, &mut trial_end))
                    .collect();
                if found.iter().all(Option::is_some) {
                    taken = trial;
                    last_end = trial_end;
                    notes_of = found;
                    labels = split;
                }
            }
        }
        let any = notes_of.iter().any(Option::is_some);
        let plausible_gap = candidate.strength == Strength::Strong
            && labels
                .first()
                .is_some_and(|l| l.ordinal() == last_ordinal + 1);
        if any || plausible_gap {
            if let Some(l) = labels.last() {
                last_ordinal = l.ordinal();
            }
            bound.push(Bound {
                range: candidate.range.clone(),
                notes: notes_of,
                labels,
            });
        } else if let [label @ Label::Number(_)] = labels.as_slice() {
            unbound.push((candidate.range.clone(), label.clone()));
        }
    }
    fill_gaps(&mut bound, unbound);
    (bound, taken)
}

/// A glued number between the markers of the notes before and after it in
/// sequence ("…lands.313 The" between 312 and 314) is the marker of a note
/// the notes could not read: kept as a marker whose note is missing, so the
/// reader is told, rather than left as a number in the text.
fn fill_gaps(bound: &mut Vec<Bound>, unbound: Vec<(Range<usize>, Label)>) {
    if unbound.is_empty() {
        return;
    }
    let mut filled = Vec::new();
    for (range, label) in unbound {
        let at = bound.partition_point(|b| b.range.start < range.start);
        let before = at
            .checked_sub(1)
            .and_then(|i| bound[i].labels.last())
            .map(Label::ordinal);
        let after = bound
            .get(at)
            .and_then(|b| b.labels.first())
            .map(Label::ordinal);
        let ordinal = label.ordinal();
        if ordinal > 1 && before == Some(ordinal - 1) && after == Some(ordinal + 1) {
            filled.push(Bound {
                range,
                notes: vec![None],
                labels: vec![label],
            });
        }
    }
    bound.extend(filled);
    bound.sort_by_key(|b| b.range.start);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(text: &str) -> Vec<(String, &str)> {
        candidates(text, 0, false)
            .into_iter()
            .map(|c| {
                (
                    c.labels
                        .iter()
                        .map(Label::printed)
                        .collect::<Vec<_>>()
                        .join(","),
                    &text[c.range],
                )
            })
            .collect()
    }

    #[test]
    fn glued_digits_and_superscripts() {
        assert_eq!(labels("French Broad.5 The King"), vec![("5".into(), "5")]);
        assert_eq!(labels("growing!”1 So saying"), vec![("1".into(), "1")]);
        assert_eq!(labels("in 1817, and p. 706"), vec![]);
        assert_eq!(labels("H2O and 1.5 and x10y and 3,000"), vec![]);
        assert_eq!(
            labels("between 1730 and 1770.80 Whereas"),
            vec![("80".into(), "80")]
        );
        assert_eq!(
            labels("his proclamation of 1763,6 forbidding"),
            vec![("6".into(), "6")]
        );
        assert_eq!(
            labels("Lake George.<sup>13</sup> The"),
            vec![("13".into(), "<sup>13</sup>")]
        );
        assert_eq!(labels("yo<sup>r</sup> Hon"), vec![]);
        assert_eq!(
            labels("see [15](#page-14-2) for"),
            vec![("15".into(), "[15](#page-14-2)")]
        );
        assert_eq!(labels("History* and"), vec![("*".into(), "*")]);
        // Glued on both sides, where a converter drops the spaces.
        assert_eq!(
            labels("Salisbury,Andover,11Billerica,Hatfield"),
            vec![("11".into(), "11")]
        );
        assert_eq!(labels("H2O and CO2Emissions"), vec![]);
    }

    #[test]
    fn a_marker_glued_to_a_year() {
        assert_eq!(
            labels("By the census of 182010 the settled area"),
            vec![("10".into(), "10")]
        );
        assert_eq!(labels("in 17637, when"), vec![("7".into(), "7")]);
        // Numbers that are no year and a marker.
        assert_eq!(
            labels("a population of 150000 and 123456 and 182010,000"),
            vec![]
        );
        assert_eq!(labels("x182010 and 18201a"), vec![]);
    }
}
