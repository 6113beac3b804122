//! A note's text into the citations it makes and the commentary around
//! them: sentences, then `;`, then the signal phrases ("See", "cf.", "For an
//! intensive analysis of this approach, see") that lead into a citation.

use std::ops::Range;

use super::fields::{pages_in, people, url_in, year_in};
use super::sequence::Label;

/// A stretch of a note: a citation, or commentary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub range: Range<usize>,
    pub citation: bool,
}

/// Abbreviations a sentence does not end at.
const ABBREVIATIONS: [&str; 40] = [
    "p", "pp", "vol", "no", "nos", "ed", "eds", "al", "etc", "op", "loc", "cf", "id", "univ",
    "hist", "amer", "assoc", "soc", "colon", "mass", "va", "pa", "mag", "st", "dr", "mr", "mrs",
    "jr", "gen", "rev", "dept", "inst", "proc", "trans", "repr", "comp", "tr", "ch", "chap", "seq",
];

/// Phrases that lead into a citation; what comes before them is commentary.
/// The strong ones say so; the weak ones are tried when no strong one does.
const STRONG_CUES: [&str; 13] = [
    "see, for example, ",
    "see, for instance, ",
    "see, e.g., ",
    "see also ",
    "see: ",
    "see ",
    "cf. ",
    "compare ",
    "consult also ",
    "consult ",
    "especially ",
    "citing ",
    "e.g., ",
];
const WEAK_CUES: [&str; 8] = [
    "includes ",
    "include ",
    "are ",
    "is ",
    "in ",
    "by ",
    "of ",
    "e.g. ",
];

/// Whether a citation ends at the end of `text`: with its pages, a year,
/// a closing parenthesis, an address or a short form. A citation that goes
/// on ("…Politics”. World Politics 36") does not end a sentence.
fn ends_a_citation(text: &str) -> bool {
    let word = text
        .trim_end()
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
        .trim_end_matches(['.', ',']);
    let lower = word.to_lowercase();
    super::fields::pages_in(word).is_some()
        || word
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | '–' | ','))
            && !word.is_empty()
        || word.ends_with(')')
        || word.ends_with('>')
        || word.contains("://")
        || word.contains(".htm")
        || word.contains(".pdf")
        || matches!(lower.as_str(), "cit" | "ibid" | "seq" | "passim" | "id")
        || text
            .trim_end()
            .rsplit(char::is_whitespace)
            .nth(1)
            .is_some_and(|w| matches!(w, "p." | "pp." | "pp"))
}

/// Where sentences end in a note: after ".", "!" or "?" followed by a space
/// and a capital, outside quotes, unless the word before is an abbreviation
/// or an initial, or the sentence is a citation that goes on.
fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let quoted = quoted_bytes(text);
    for (i, c) in text.char_indices() {
        // A period inside quotes ends a sentence only where the quote
        // closes after it ("…Bancroft, “Popular Tribunals.” The humor…").
        if !matches!(c, '.' | '!' | '?') || (quoted[i] && !closes_before_prose(text, i + 1)) {
            continue;
        }
        let mut end = i + 1;
        while text[end..].starts_with(['”', '"', ')', '’']) {
            end += text[end..].chars().next().map_or(1, char::len_utf8);
        }
        if bytes.get(end) != Some(&b' ') {
            continue;
        }
        let next = text[end..].trim_start().chars().next();
        if !next.is_some_and(|n| n.is_uppercase() || n == '“' || n == '"') {
            continue;
        }
        let word = text[start..i]
            .rsplit(|c: char| c.is_whitespace() || c == '(')
            .next()
            .unwrap_or("");
        let short = word.chars().count() <= 1
            || ABBREVIATIONS.contains(&word.to_lowercase().as_str())
            || (word.chars().count() <= 3
                && word.chars().next().is_some_and(char::is_uppercase)
                && c == '.'
                && end == i + 1);
        if short {
            continue;
        }
        // The clause the period ends: a citation that goes on does not end
        // there, nor one whose publication follows ("Relations. London: Hurst").
        let sentence = &text[start..i];
        let clause = sentence.rsplit(';').next().unwrap_or(sentence);
        // "…respectively. See The Armenia-Iran Relationship": a signal
        // opens a new sentence whatever came before.
        let following = text[end..].trim_start().to_lowercase();
        let signal_follows = ["see ", "cf. ", "compare ", "see also "]
            .iter()
            .any(|cue| following.starts_with(cue));
        if has_evidence(clause, false) && !ends_a_citation(clause) && !signal_follows {
            continue;
        }
        // "A. Orlov. “The Non-Aligned Movement…”": an author before the title.
        if people(clause.trim()).is_some() {
            continue;
        }
        let following = text[end..].trim_start();
        let publication_follows = following.split_once(':').is_some_and(|(place, _)| {
            place.split_whitespace().count() <= 3
                && !place.contains(['.', ','])
                && place.chars().next().is_some_and(char::is_uppercase)
        });
        if publication_follows {
            continue;
        }
        out.push(start..end);
        start = end;
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out
}

/// Whether the quote closing at `at` is followed by a sentence of prose,
/// not by the journal a quoted title appeared in ("“Title.” Journal 12").
fn closes_before_prose(text: &str, at: usize) -> bool {
    let after = &text[at..];
    if !after.starts_with(['”', '"']) {
        return false;
    }
    let rest = after.trim_start_matches(['”', '"']);
    let next = rest.find(". ").map_or(rest, |end| &rest[..end]);
    reads_as_sentence(next)
}

/// Splits `range` of `text` at `;` outside parentheses and quotes.
fn at_semicolons(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut quoted = false;
    let mut start = range.start;
    for (i, c) in text[range.clone()].char_indices() {
        let at = range.start + i;
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            '“' => quoted = true,
            '”' => quoted = false,
            ';' if depth <= 0 && !quoted => {
                out.push(start..at);
                start = at + 1;
            }
            // "…discontinued in 1722—see Beverley, “Virginia…”": a dash
            // before a signal ends the clause as a semicolon would.
            '—' if depth <= 0 && !quoted && {
                let after = &text.as_bytes()[at + c.len_utf8()..range.end];
                ["see ", "cf. ", "compare "].iter().any(|cue| {
                    after
                        .get(..cue.len())
                        .is_some_and(|head| head.eq_ignore_ascii_case(cue.as_bytes()))
                })
            } =>
            {
                out.push(start..at);
                start = at + c.len_utf8();
            }
            _ => {}
        }
    }
    out.push(start..range.end);
    out
}

/// Whether a stretch of text cites something.
fn has_evidence(piece: &str, italic: bool) -> bool {
    // The cheap and certain signs first.
    if pages_in(piece).is_some() || url_in(piece).is_some() {
        return true;
    }
    // "Prominent examples of this perspective are Robert O. Keohane, “…”":
    // the lead-in is not the citation; what follows it is judged alone.
    let start = citation_start(piece);
    if start > 0 && start < piece.len() {
        return has_evidence(&piece[start..], italic);
    }
    let lower = piece.to_lowercase();
    let start = lower.trim_start();
    let short_form = [
        "ibid",
        "loc. cit",
        "op. cit",
        "supra",
        "id.",
        "interview with",
    ]
    .iter()
    .any(|f| start.starts_with(f))
        || [", ibid", ", loc. cit", ", op. cit", ", supra", ", id."]
            .iter()
            .any(|f| lower.contains(f));
    if short_form {
        return true;
    }
    if super::fields::plain_short_form(piece).is_some() {
        return true;
    }
    let words = piece.split_whitespace().count();
    // "Davies, Torah in the Messianic, 315.": a name, a short title and a
    // page, a short form in plain text.
    let fields: Vec<&str> = piece.split(',').map(str::trim).collect();
    if words <= 20
        && fields.len() >= 3
        && people(fields[0]).is_some()
        && fields
            .last()
            .is_some_and(|last| super::fields::is_page_token(last.trim_end_matches(['.', ';'])))
    {
        return true;
    }
    // A quoted phrase in prose ("the “tragedy of the commons”", "two
    // “principal parties” (Armenia…)") is not a title.
    let titled = words <= 60 && (italic || super::fields::quoted_title(piece).is_some());
    if titled {
        return !is_prose(piece);
    }
    // Long prose with only a year in it ("These include Venezuela (1989)…") is commentary.
    if year_in(piece).is_none() || !starts_like_citation(piece) || starts_with_prose(piece) {
        return false;
    }
    if words <= 30 && !is_prose(piece) {
        return true;
    }
    // A long reference without pages ("Bozzano M, Jalonen R, … (2014)
    // Genetic considerations… FAO, Rome"): the model reads it, and it is a
    // reference where it opens with names and has a title and a date.
    words <= 120 && reads_as_reference(piece)
}

/// Whether the citation model reads `piece` as a whole reference: names
/// first, then a title, with a date.
fn reads_as_reference(piece: &str) -> bool {
    let Some(tagged) = super::sequence::tag(without_enumerator(piece)) else {
        return false;
    };
    let has = |label: Label| tagged.iter().any(|(_, l)| *l == label);
    tagged
        .first()
        .is_some_and(|(_, l)| matches!(l, Label::Author | Label::Editor))
        && has(Label::Title)
        && has(Label::Date)
}

/// Whether a stretch starts as citations do: with a name list, a quote, or a
/// capitalised title.
fn starts_like_citation(piece: &str) -> bool {
    let piece = without_enumerator(piece.trim());
    // "———." and "---," stand for the author of the reference before.
    if is_ditto(piece) {
        return true;
    }
    if piece.starts_with(['“', '"', '\'', '‘']) {
        return true;
    }
    let first = piece.split(',').next().unwrap_or("");
    people(first).is_some() || piece.chars().next().is_some_and(char::is_uppercase)
}

/// `piece` without the number or bullet a list of references puts before
/// each ("[58] ", "2. ", "12) ", "• ", "- ").
fn without_enumerator(piece: &str) -> &str {
    let digits = piece.trim_start_matches('[');
    let after_digits = digits.trim_start_matches(|c: char| c.is_ascii_digit());
    if after_digits.len() < digits.len() && digits.len() - after_digits.len() <= 3 {
        for mark in ["] ", ". ", ") "] {
            if let Some(rest) = after_digits.strip_prefix(mark) {
                return rest.trim_start();
            }
        }
    }
    piece
        .strip_prefix(['•', '-', '–'])
        .filter(|rest| rest.starts_with(' '))
        .map_or(piece, str::trim_start)
}

/// Whether a reference opens with dashes for the author named before.
fn is_ditto(piece: &str) -> bool {
    let dashes = piece.len() - piece.trim_start_matches(['-', '—', '–', '_']).len();
    dashes >= 2 && piece[dashes..].starts_with(['.', ',', ' '])
}

/// Whether `rest` opens a citation: a quote, a list of names, or a name
/// "in his “Title”".
fn opens_citation(rest: &str) -> bool {
    if rest.starts_with(['“', '"']) {
        return true;
    }
    let first = rest.split([',', '“', '"']).next().unwrap_or("");
    if people(first).is_some() {
        return true;
    }
    [" in his “", " in her “", " in his \"", " in her \""]
        .iter()
        .any(|glue| {
            rest.find(glue)
                .is_some_and(|at| people(&rest[..at]).is_some())
        })
}

/// Takes a leading signal or commentary off a piece: "See ", "Compare ",
/// "For an intensive analysis of this approach, see ". Returns where the
/// citation starts within the piece.
fn citation_start(piece: &str) -> usize {
    let lower = piece.to_lowercase();
    let trimmed = lower.trim_start();
    // A reference's number in a list ("2. Mogensen, M. M.") is not its text.
    let trimmed = &trimmed[trimmed.len() - without_enumerator(trimmed).len()..];
    let mut offset = lower.len() - trimmed.len();
    // A piece may open with a cue itself, or with a plain joining word.
    for signal in STRONG_CUES.iter().chain(&["also ", "and ", "e.g. "]) {
        if trimmed.starts_with(signal) {
            offset += signal.len();
            break;
        }
    }
    let rest = &piece[offset..];
    if opens_citation(rest) || (starts_like_citation(rest) && !starts_with_prose(rest)) {
        return offset;
    }
    // The earliest cue, outside quotes, after which a citation begins.
    let lower_rest = &lower[offset..];
    let quoted = quoted_bytes(rest);
    for (cues, strong) in [(&STRONG_CUES[..], true), (&WEAK_CUES[..], false)] {
        let mut best: Option<usize> = None;
        for cue in cues {
            let mut from = 0;
            while let Some(found) = lower_rest[from..].find(cue) {
                let at = from + found;
                from = at + cue.len();
                let before = at.checked_sub(1).map(|b| lower_rest.as_bytes()[b]);
                if !matches!(before, None | Some(b' ' | b',')) || quoted.get(at) == Some(&true) {
                    continue;
                }
                let after = &rest[at + cue.len()..];
                // A strong cue after a clause ("For a discussion of this
                // problematique, see Nagorno-Karabakh 2014: Six analysts…")
                // leads into whatever capitalised title follows it.
                let after_clause = strong
                    && before == Some(b' ')
                    && lower_rest[..at].trim_end().ends_with(',')
                    && after.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit());
                if opens_citation(after) || after_clause {
                    best = Some(best.map_or(at + cue.len(), |b| b.min(at + cue.len())));
                    break;
                }
            }
        }
        if let Some(best) = best {
            return offset + best;
        }
    }
    offset
}

/// For each byte of `text`, whether it is inside quotes.
fn quoted_bytes(text: &str) -> Vec<bool> {
    let mut out = vec![false; text.len()];
    let mut quoted = false;
    for (i, c) in text.char_indices() {
        match c {
            '“' => quoted = true,
            '”' => quoted = false,
            '"' => quoted = !quoted,
            _ => {}
        }
        for flag in &mut out[i..i + c.len_utf8()] {
            *flag = quoted;
        }
    }
    out
}

/// Whether a piece is a sentence of prose rather than a title: long, with
/// at least two of the small words sentences are made with and titles
/// seldom use ("The transition appears to become marked… when interest
/// centered…, and the West was noted…").
fn reads_as_sentence(piece: &str) -> bool {
    const SENTENCE_WORDS: [&str; 30] = [
        "is", "was", "are", "were", "has", "have", "had", "been", "be", "would", "could", "should",
        "which", "that", "this", "these", "those", "it", "its", "they", "their", "there", "we",
        "our", "he", "she", "not", "but", "when", "who",
    ];
    let words: Vec<String> = piece
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    if words.len() < 10 {
        return false;
    }
    let mut found: Vec<&str> = words
        .iter()
        .filter_map(|w| SENTENCE_WORDS.iter().find(|s| **s == w.as_str()).copied())
        .collect();
    found.sort_unstable();
    found.dedup();
    // A finite verb of the kind titles avoid ("was", "have"), not "is",
    // which titles use ("Is this a Muslim ban?").
    let finite = found.iter().any(|w| {
        matches!(
            *w,
            "was" | "were" | "has" | "have" | "had" | "been" | "would" | "could" | "should"
        )
    });
    finite && found.len() >= 2
}

/// Whether a piece reads as prose: many of its words outside quotes are
/// lower-case words that citations do not use (titles are quoted or
/// capitalised; "p.", "ed.", "in", "of" are not counted).
fn is_prose(piece: &str) -> bool {
    if starts_with_prose(piece) {
        return true;
    }
    let mut quoted = false;
    let mut outside = String::new();
    for c in piece.chars() {
        match c {
            '“' => quoted = true,
            '”' => quoted = false,
            '"' => quoted = !quoted,
            _ if !quoted => outside.push(c),
            _ => {}
        }
    }
    let words: Vec<&str> = outside.split_whitespace().collect();
    let lower = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .filter(|w| {
            let w = w.trim_end_matches([',', '.', ';', ':']);
            w.len() > 3 && !matches!(w, "with" | "from" | "under" | "edition" | "trans" | "press")
        })
        .count();
    lower >= 5 && lower * 10 >= words.len() * 3
}

/// Whether a piece opens with a sentence of prose rather than a name or a
/// title: its first words include a lower-case verb-like word before any comma.
fn starts_with_prose(piece: &str) -> bool {
    let head = piece.split([',', '“', '"']).next().unwrap_or("");
    // Prose shows itself in its first words ("This is discussed in…"); a
    // reference's title, later on, may be in lower case.
    let words: Vec<&str> = head.split_whitespace().take(6).collect();
    let lower_words = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .filter(|w| {
            !matches!(
                **w,
                "of" | "and"
                    | "the"
                    | "in"
                    | "for"
                    | "on"
                    | "to"
                    | "a"
                    | "an"
                    | "at"
                    | "de"
                    | "van"
                    | "von"
                    | "du"
                    | "la"
            )
        })
        .count();
    words.len() >= 4 && lower_words >= 2
}

/// The pieces of a note's text, in order. `italic` says whether a byte range
/// holds italic text (a title).
/// Splits at ", and " (or " and ") where a complete citation ends before it
/// and another opens after it ("…pp. 5-56, and “The False Promise…”").
fn at_and(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = range.start;
    let piece = &text[range.clone()];
    for glue in [", and ", " and "] {
        let mut from = 0;
        while let Some(found) = piece[from..].find(glue) {
            let at = range.start + from + found;
            from += found + glue.len();
            if at <= start {
                continue;
            }
            let before = &text[start..at];
            let after = &text[at + glue.len()..range.end];
            if ends_a_citation(before) && has_evidence(before, false) && opens_citation(after) {
                out.push(start..at);
                start = at + glue.len();
            }
        }
    }
    out.push(start..range.end);
    out
}

pub fn pieces(text: &str, italic: &dyn Fn(Range<usize>) -> bool) -> Vec<Piece> {
    let mut out = Vec::new();
    let parts = sentences(text)
        .into_iter()
        .flat_map(|s| at_semicolons(text, s))
        .flat_map(|p| at_and(text, p));
    {
        for part in parts {
            let raw = &text[part.clone()];
            // Stray punctuation a converter left at the start (".Moorad Mooradian").
            let lead = raw.len()
                - raw
                    .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ',' | ';'))
                    .len();
            let trail = raw.len() - raw.trim_end().len();
            let part = part.start + lead..part.end - trail;
            if part.is_empty() {
                continue;
            }
            let piece = &text[part.clone()];
            if !has_evidence(piece, italic(part.clone())) {
                out.push(Piece {
                    range: part,
                    citation: false,
                });
                continue;
            }
            push_citation(text, part, &mut out);
        }
    }
    join_continuations(text, out)
}

/// Pieces that the cuts at sentences and semicolons made inside one
/// reference ("Romero, C. (2011). Brainology in the classroom. Poster
/// session…", "Feys, P.; Romberg, A. (2001)", "W. H. Enright. Improving
/// the efficiency…") joined again. A run of pieces with nothing but
/// punctuation between them and no signal or short form opening them is
/// read by the citation model as one text; a new reference starts only
/// where the labels start over (names again after a title, a title again
/// after a date); the rest of the run is the same reference.
fn join_continuations(text: &str, pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    let mut run: Vec<Piece> = Vec::new();
    for (i, piece) in pieces.iter().enumerate() {
        // Commentary that leads into the next citation ("For maps, see ")
        // stands alone: it ends a run and the citation after it opens one.
        let leads_in = !piece.citation
            && pieces
                .get(i + 1)
                .is_some_and(|next| next.range.start == piece.range.end);
        let joins = run
            .last()
            .is_some_and(|last| may_continue(text, last, piece))
            && !leads_in;
        if !joins {
            segment_run(text, std::mem::take(&mut run), &mut out);
        }
        if leads_in {
            out.push(piece.clone());
        } else {
            run.push(piece.clone());
        }
    }
    segment_run(text, run, &mut out);
    out
}

/// Whether a short form ("Ibid.", "Becker, loc. cit."): a citation of its
/// own, never part of another. The forms `fields` reads, and also "Id at"
/// and a "supra" without its note.
fn is_short_form(piece: &str) -> bool {
    let lower = piece.to_lowercase();
    let lower = lower.trim();
    super::fields::short_form(lower).is_some()
        || lower.starts_with("id ")
        || lower.contains("supra")
}

/// Whether a citation ends with the page it points at ("Hening, iii, p. 82.").
fn ends_with_a_page(text: &str) -> bool {
    let mut words = text.split_whitespace().rev();
    let (Some(last), Some(before)) = (words.next(), words.next()) else {
        return false;
    };
    matches!(before, "p." | "pp." | "at") && super::fields::is_page_token(last)
}

/// Whether `second` may go on the reference `first` is part of: only
/// punctuation between them, no signal, joining word or short form.
fn may_continue(text: &str, first: &Piece, second: &Piece) -> bool {
    if second.range.start < first.range.end {
        return false;
    }
    let gap = &text[first.range.end..second.range.start];
    if !gap
        .chars()
        .all(|c| c.is_whitespace() || matches!(c, '.' | ';' | ','))
    {
        return false;
    }
    let lower = text[second.range.clone()].to_lowercase();
    let opens_anew = STRONG_CUES.iter().any(|cue| lower.starts_with(cue))
        || ["also ", "and "].iter().any(|word| lower.starts_with(word));
    // "…(Addison-Wesley, 1979); Glenn H. Snyder, “The Security…": after a
    // semicolon, a reference that is complete and one that opens anew with
    // names, a quoted title, or a title with its own pages are two.
    let (before, after) = (&text[first.range.clone()], &text[second.range.clone()]);
    let another = gap.contains(';')
        && has_evidence(before, false)
        && (opens_citation(after)
            || (ends_a_citation(before)
                && after
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                && pages_in(after).is_some()));
    if another {
        return false;
    }
    // "Hening, iii, p. 82. Similar acts were passed almost annually…": a
    // citation that ended with its page, then a sentence of prose.
    let sentence_ended = gap.contains('.') || before.ends_with('.');
    if sentence_ended && ends_with_a_page(before) && (is_prose(after) || reads_as_sentence(after)) {
        return false;
    }
    !opens_anew
        && !is_short_form(&text[first.range.clone()])
        && !is_short_form(&text[second.range.clone()])
        && second.range.len() <= 400
}

/// Cuts a run of pieces where the citation model starts a new reference,
/// and pushes each part as one piece.
fn segment_run(text: &str, run: Vec<Piece>, out: &mut Vec<Piece>) {
    if run.len() < 2 {
        out.extend(run);
        return;
    }
    let whole = run[0].range.start..run[run.len() - 1].range.end;
    let Some(tagged) = super::sequence::tag(&text[whole.clone()]) else {
        out.extend(run);
        return;
    };
    // The label of the first word of each piece, and the labels before it
    // in the current part.
    let mut part: Vec<Piece> = vec![run[0].clone()];
    let mut part_from = 0;
    for piece in &run[1..] {
        let offset = piece.range.start - whole.start;
        let Some(at) = tagged.iter().position(|(range, _)| range.start >= offset) else {
            part.push(piece.clone());
            continue;
        };
        let before = &tagged[part_from..at];
        // The names or title the piece opens with, within its first words
        // ("Michelle Benson and Jacek Kugler, “Power…" may be read as a
        // journal until "Kugler,").
        let opening = tagged[at..]
            .iter()
            .take(6)
            .take_while(|(range, _)| range.end <= piece.range.end - whole.start)
            .position(|(_, l)| matches!(l, Label::Author | Label::Editor | Label::Title));
        let restarts = opening.is_some_and(|k| {
            let label = tagged[at + k].1;
            if k > 0 {
                return before.iter().any(|(_, l)| *l == label);
            }
            // The run of `label` the piece opens may reach back into the
            // part ("…p. 92, n21; P. Terrence Hopmann"); what counts is
            // whether the label was seen before that run began.
            let run_start = before
                .iter()
                .rposition(|(_, l)| *l != label)
                .map_or(0, |i| i + 1);
            before[..run_start].iter().any(|(_, l)| *l == label)
        });
        if restarts {
            push_part(text, std::mem::take(&mut part), &tagged[part_from..at], out);
            part_from = at;
        }
        part.push(piece.clone());
    }
    push_part(text, part, &tagged[part_from..], out);
}

/// One reference made of several pieces: a citation if any piece was, or
/// if the model reads names and a title in it ("W. H. Enright." +
/// "Improving the efficiency…."); a signal left at its head is commentary.
fn push_part(text: &str, part: Vec<Piece>, labels: &[(Range<usize>, Label)], out: &mut Vec<Piece>) {
    // Sentences of commentary at either end ("…restless energy. Grund,
    // “Americans,” ii.", "Bancroft, “Popular Tribunals.” The humor…") are
    // not the reference's.
    let commentary =
        |piece: &Piece| !piece.citation && reads_as_sentence(&text[piece.range.clone()]);
    let lead = part.iter().take_while(|p| commentary(p)).count();
    let trail = part[lead..]
        .iter()
        .rev()
        .take_while(|p| commentary(p))
        .count();

    if lead + trail > 0 {
        let inner = part[lead..part.len() - trail].to_vec();
        out.extend(part[..lead].iter().cloned());
        let labels: Vec<(Range<usize>, Label)> = match (inner.first(), inner.last()) {
            (Some(first), Some(last)) => {
                let offset = part[0].range.start;
                labels
                    .iter()
                    .filter(|(r, _)| {
                        r.start + offset >= first.range.start && r.end + offset <= last.range.end
                    })
                    .cloned()
                    .collect()
            }
            _ => Vec::new(),
        };
        push_part(text, inner, &labels, out);
        out.extend(part[part.len() - trail..].iter().cloned());
        return;
    }
    let (Some(first), Some(last)) = (part.first(), part.last()) else {
        return;
    };
    if part.len() == 1 {
        out.push(first.clone());
        return;
    }
    let has = |label: Label| labels.iter().any(|(_, l)| *l == label);
    let citation = part.iter().any(|p| p.citation)
        || (has(Label::Author) && (has(Label::Title) || has(Label::Date)));
    if !citation {
        out.extend(part);
        return;
    }
    push_citation(text, first.range.start..last.range.end, out);
}

/// A citation, with the signal or commentary at its head ("See ", "For
/// an intensive analysis of this approach, see ") pushed apart before it.
fn push_citation(text: &str, range: Range<usize>, out: &mut Vec<Piece>) {
    let start = citation_start(&text[range.clone()]);
    if start > 0 {
        out.push(Piece {
            range: range.start..range.start + start,
            citation: false,
        });
    }
    out.push(Piece {
        range: range.start + start..range.end,
        citation: true,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    fn cited(text: &str) -> Vec<&str> {
        pieces(text, &|_| false)
            .into_iter()
            .filter(|p| p.citation)
            .map(|p| &text[p.range])
            .collect()
    }

    #[test]
    fn semicolons_and_sentences_separate_citations() {
        assert_eq!(
            cited(
                "Parkman, “Frontenac” (Boston, 1898), p. 390; compare his description of Deerfield in 1704, in “Half Century of Conflict” (Boston, 1898), i, p. 55."
            ),
            [
                "Parkman, “Frontenac” (Boston, 1898), p. 390",
                "“Half Century of Conflict” (Boston, 1898), i, p. 55."
            ]
        );
        assert_eq!(
            cited(
                "Holland, “Western Massachusetts,” p. 197. See the comments of Hutchinson in his “History of Massachusetts Bay,” ii, pp. 331, 332."
            ),
            [
                "Holland, “Western Massachusetts,” p. 197.",
                "Hutchinson in his “History of Massachusetts Bay,” ii, pp. 331, 332."
            ]
        );
    }

    #[test]
    fn commentary_before_a_citation_stays_commentary() {
        let text = "For an intensive analysis of this approach, see Jason E. Strakes, \"Situating the 'Balanced Foreign Policy'\", Journal of Balkan and Near Eastern Studies, 15:1, pp. 37-67.";
        let all = pieces(text, &|_| false);
        assert_eq!(
            &text[all[0].range.clone()],
            "For an intensive analysis of this approach, see "
        );
        assert!(!all[0].citation);
        assert!(text[all[1].range.clone()].starts_with("Jason E. Strakes"));
    }

    #[test]
    fn prose_without_a_source_is_commentary() {
        let text = "These include Argentina, Armenia, Bosnia-Herzegovina, Brazil, People’s Republic of China, Costa Rica, and Uruguay.";
        assert!(cited(text).is_empty());
        assert!(cited("In 1794 the Virginia House of Delegates resolved to publish the most important laws of the state in German.").is_empty());
    }

    #[test]
    fn and_separates_two_complete_citations_but_not_a_list_of_authors() {
        assert_eq!(
            cited(
                "John J. Mearsheimer, “Back to the Future”, International Security, Vol. 15, No. 4, 1990, pp. 5-56, and “The False Promise of International Institutions”, MIT Press, 1995, pp. 332-376"
            ),
            [
                "John J. Mearsheimer, “Back to the Future”, International Security, Vol. 15, No. 4, 1990, pp. 5-56",
                "“The False Promise of International Institutions”, MIT Press, 1995, pp. 332-376"
            ]
        );
        assert_eq!(
            cited("Seifeldin Hussein and Jacek Kugler, “Conditional Anarchy”, 1990, p. 3.").len(),
            1
        );
    }

    #[test]
    fn a_title_that_goes_on_after_its_period_is_one_citation() {
        assert_eq!(
            cited(
                "Glenn H. Snyder, “The Security Dilemma in Alliance Politics”. World Politics 36, No. 4, 1984, pp. 461-495"
            ),
            [
                "Glenn H. Snyder, “The Security Dilemma in Alliance Politics”. World Politics 36, No. 4, 1984, pp. 461-495"
            ]
        );
        assert_eq!(
            cited(
                "A.F.K Organski and Jacek Kugler, The War Ledger. Chicago: University of Chicago Press, 1980."
            ),
            [
                "A.F.K Organski and Jacek Kugler, The War Ledger. Chicago: University of Chicago Press, 1980."
            ]
        );
    }

    #[test]
    fn prose_after_a_citation_that_ended_is_commentary() {
        let note = "Hening, iii, p. 82. Similar acts were passed almost annually in successive years of the seventeenth century; cf. loc. cit., pp. 98, 115.";
        assert_eq!(
            cited(note),
            ["Hening, iii, p. 82.", "loc. cit., pp. 98, 115."]
        );
    }

    #[test]
    fn a_dash_before_a_signal_ends_the_clause() {
        let note = "The system was discontinued in 1722—see Beverley, “Virginia and its Government” (London, 1722), p. 234.";
        assert_eq!(
            cited(note),
            ["Beverley, “Virginia and its Government” (London, 1722), p. 234."]
        );
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        assert_eq!(
            cited("Ballagh, in Amer. Hist. Assoc. “Report,” 1897, p. 110."),
            ["Ballagh, in Amer. Hist. Assoc. “Report,” 1897, p. 110."]
        );
        assert_eq!(cited("Ibid., p. 433."), ["Ibid., p. 433."]);
    }
}
