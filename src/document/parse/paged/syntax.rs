//! How converters print a note's label at the start of its text, and a
//! marker in the running text. Only the syntax: whether a candidate is a note
//! or a marker is decided by the note sequence ([`super::notes`], [`super::markers`]).

/// Symbols used for notes, in their conventional order.
pub(crate) const SYMBOLS: [&str; 6] = ["*", "†", "‡", "§", "‖", "¶"];

/// A note label: a number, or a symbol (possibly doubled: `**`, `††`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Label {
    Number(u32),
    Symbol(String),
}

impl Label {
    pub fn printed(&self) -> String {
        match self {
            Label::Number(n) => n.to_string(),
            Label::Symbol(s) => s.clone(),
        }
    }

    /// Position in the note sequence: numbers as they are, symbols by their
    /// order (`*` 1, `†` 2, … `**` 7).
    pub fn ordinal(&self) -> u32 {
        match self {
            Label::Number(n) => *n,
            Label::Symbol(s) => symbol_ordinal(s).unwrap_or(0),
        }
    }

    pub fn is_symbol(&self) -> bool {
        matches!(self, Label::Symbol(_))
    }

    /// The label after this one in its sequence: `3` after `2`, `‡` after
    /// `†`, `**` after `¶`.
    pub fn successor(&self) -> Label {
        match self {
            Label::Number(n) => Label::Number(n.saturating_add(1)),
            Label::Symbol(_) => {
                let ordinal = self.ordinal() as usize;
                let symbol = SYMBOLS[ordinal % SYMBOLS.len()];
                Label::Symbol(symbol.repeat(ordinal / SYMBOLS.len() + 1))
            }
        }
    }
}

fn symbol_ordinal(s: &str) -> Option<u32> {
    let first = s.chars().next()?;
    // The asterisk operator (U+2217) some converters print for `*`.
    let first = if first == '∗' { '*' } else { first };
    let s = &s.replace('∗', "*");
    let base = SYMBOLS.iter().position(|sym| sym.starts_with(first))?;
    let count = s.chars().count();
    if !s.chars().all(|c| c == first) || count > 3 {
        return None;
    }
    u32::try_from((count - 1) * SYMBOLS.len() + base + 1).ok()
}

/// How sure the syntax alone makes us that a line starts a note.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Strength {
    /// A number or symbol that could also begin ordinary text.
    Weak,
    /// Note syntax: `<sup>`, `[^N]:`, a blockquote label, `[N]` in a notes section.
    Strong,
}

/// A note's start found at the beginning of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NoteStart {
    pub label: Label,
    /// Byte offset in the line where the note's own text begins.
    pub text_start: usize,
    pub strength: Strength,
    /// The line was a Markdown blockquote (`> 1Publications…`).
    pub quoted: bool,
    /// Gutenberg's `[Footnote N: …]`: the note runs to the closing bracket.
    pub bracketed: bool,
}

impl NoteStart {
    /// Whether the label stands alone on `line`, its text on a line below.
    pub fn is_alone_on(&self, line: &str) -> bool {
        self.text_start >= line.trim_end().len()
    }
}

fn digits_prefix(text: &str) -> usize {
    text.bytes().take_while(u8::is_ascii_digit).count()
}

fn number_label(digits: &str) -> Option<Label> {
    if digits.is_empty() || digits.len() > 3 || digits.starts_with('0') {
        return None;
    }
    digits.parse().ok().map(Label::Number)
}

/// The label of a `<sup>` element's content: `12`, `12.`, `*`, `†`.
fn sup_label(content: &str) -> Option<Label> {
    let content = content.trim().trim_end_matches('.');
    number_label(content)
        .or_else(|| symbol_ordinal(content).map(|_| Label::Symbol(content.to_owned())))
}

/// Skips marker's page anchors (`<span id="page-3-1"></span>`).
fn skip_anchors(mut text: &str) -> &str {
    while let Some(rest) = text.strip_prefix("<span id=\"") {
        match rest.find("</span>") {
            Some(end) => text = rest[end + "</span>".len()..].trim_start(),
            None => break,
        }
    }
    text
}

/// The line without its indent and blockquote mark, and whether it had one.
fn unquoted(line: &str) -> (&str, bool) {
    let text = line.trim_start();
    match text.strip_prefix('>') {
        Some(rest) => (rest.trim_start(), true),
        None => (text, false),
    }
}

/// The note start at the beginning of `line`, if its syntax is a note's.
/// `in_notes_section`: the line is under a "Notes"/"FOOTNOTES:" heading,
/// where `[N] text` is a note rather than a reference.
pub(crate) fn note_start(line: &str, in_notes_section: bool) -> Option<NoteStart> {
    let (mut text, mut quoted) = unquoted(line);
    text = skip_anchors(text);
    // A note the converter took for a list item: "- 15Grund, …", "* 15 Grund".
    for bullet in ["- ", "+ ", "• ", "* "] {
        let Some(rest) = text.strip_prefix(bullet) else {
            continue;
        };
        // "- **Grund, …", "- ∗ _Atlantic Monthly_": a symbol, unless it
        // opens emphasis closed on the line.
        let symbol = symbol_run(rest);
        let symbol_note = symbol > 0
            && rest[symbol..]
                .trim_start()
                .trim_start_matches('_')
                .starts_with(char::is_uppercase)
            && !rest[symbol..].contains(&rest[..symbol]);
        if rest.starts_with(|c: char| c.is_ascii_digit()) || symbol_note {
            quoted = true;
            text = rest;
        }
    }
    let offset = |rest: &str| line.len() - rest.len();
    let strong = |label, rest: &str, quoted| {
        Some(NoteStart {
            label,
            text_start: offset(rest.trim_start()),
            strength: Strength::Strong,
            quoted,
            bracketed: false,
        })
    };
    // marker's garbled superscript: <sup>&</sup>lt;sup>2</sup>
    if let Some(rest) = text.strip_prefix("<sup>&</sup>lt;sup>")
        && let Some(end) = rest.find("</sup>")
    {
        return strong(sup_label(&rest[..end])?, &rest[end + 6..], quoted);
    }
    // marker's math superscript: $<sup>^{10}</sup>$
    let math = text.starts_with("$<sup>") || text.starts_with("$ <sup>");
    if math {
        text = text[1..].trim_start();
    }
    if let Some(rest) = text.strip_prefix("<sup>")
        && let Some(end) = rest.find("</sup>")
    {
        let content = rest[..end].trim_start_matches("^{").trim_end_matches('}');
        let mut after = &rest[end + 6..];
        if math {
            after = after.strip_prefix('$').unwrap_or(after);
        }
        return strong(sup_label(content)?, after, quoted);
    }
    if let Some(rest) = text.strip_prefix("[^")
        && let Some(end) = rest.find("]:")
    {
        let label =
            number_label(&rest[..end]).unwrap_or_else(|| Label::Symbol(rest[..end].to_owned()));
        return strong(label, &rest[end + 2..], quoted);
    }
    if let Some(rest) = text.strip_prefix("[Footnote ") {
        let digits = digits_prefix(rest);
        // "[Footnote 3: …]", or a symbol: "[Footnote †: …]".
        let symbol = symbol_run(rest);
        let (label, length) = match number_label(&rest[..digits]) {
            Some(label) => (label, digits),
            None if symbol > 0 => (symbol_label(&rest[..symbol]), symbol),
            None => return None,
        };
        let after = rest[length..].strip_prefix(':')?;
        let mut start = strong(label, after, quoted)?;
        start.bracketed = true;
        return Some(start);
    }
    if let Some(rest) = text.strip_prefix("Footnote ") {
        let digits = digits_prefix(rest);
        let after = rest[digits..].strip_prefix(':')?;
        // Text converters of HTML keep the back link: "Footnote 3: (return) …".
        let after = after.trim_start();
        let after = after.strip_prefix("(return)").unwrap_or(after);
        return strong(number_label(&rest[..digits])?, after, quoted);
    }
    if in_notes_section && let Some(rest) = text.strip_prefix('[') {
        let digits = digits_prefix(rest);
        let after = rest[digits..].strip_prefix(']')?;
        if after.is_empty() || after.starts_with(char::is_whitespace) {
            return strong(number_label(&rest[..digits])?, after, quoted);
        }
        return None;
    }
    let superscripts: String = text
        .chars()
        .map_while(super::super::inline::superscript_digit)
        .collect();
    if !superscripts.is_empty() {
        let rest = &text[text
            .char_indices()
            .nth(superscripts.chars().count())
            .map_or(text.len(), |(i, _)| i)..];
        // "¹⁷. Text": a list of endnotes converted from HTML.
        let rest = rest.strip_prefix('.').unwrap_or(rest);
        return strong(number_label(&superscripts)?, rest, quoted);
    }
    let strength = if quoted {
        Strength::Strong
    } else {
        Strength::Weak
    };
    let digits = digits_prefix(text);
    let (label, rest) = if digits > 0 {
        (number_label(&text[..digits])?, &text[digits..])
    } else {
        let symbol_len = symbol_run(text);
        if symbol_len == 0 {
            return None;
        }
        (symbol_label(&text[..symbol_len]), &text[symbol_len..])
    };
    let next = rest.chars().next();
    let spaced = next.is_some_and(char::is_whitespace);
    let after_space = rest.trim_start();
    let Some(first) = after_space.chars().next() else {
        // A label alone on its line (pdftotext -raw): the text follows below.
        return Some(NoteStart {
            label,
            text_start: line.len(),
            strength: Strength::Weak,
            quoted,
            bracketed: false,
        });
    };
    // Glued labels ("2Massachusetts") only before a capital, quote or bracket;
    // "1690" or "3rd" are text. A label followed by a period is a list number.
    let starts_text = |c: char| {
        c.is_uppercase() || matches!(c, '“' | '"' | '‘' | '\'' | '(' | '[' | '_' | '*' | '¶')
    };
    let fits = if spaced {
        // Under a "Notes" heading a note may be a bare date: "2 1901."
        starts_text(first)
            || (first.is_lowercase() && label.is_symbol())
            || (in_notes_section && first.is_ascii_digit())
    } else {
        // A symbol cannot run into a number: "*1901." is note * on 1901.
        starts_text(first) || (label.is_symbol() && first.is_ascii_digit())
    };
    if !fits || after_space.starts_with("<sup>") {
        return None;
    }
    Some(NoteStart {
        label,
        text_start: offset(after_space),
        strength,
        quoted,
        bracketed: false,
    })
}

/// The start of the note numbered `expected`, where the sequence says more
/// than the syntax: its label glued to a text that begins with digits
/// ("21901." is note 2, "1901."), a label garbled by OCR ("l2", "I5",
/// "1 2"), or a text that opens oddly (a bullet the converter kept, a dash
/// for "the same author", a particle, a quotation mark, a name in another
/// script). A note that cannot be read this way is one note lost, never the
/// notes after it.
pub(crate) fn expected_start(line: &str, expected: u32) -> Option<NoteStart> {
    let (text, quoted) = unquoted(line);
    let (rest, garbled) = strip_expected_label(text, expected)?;
    let strength = if quoted {
        Strength::Strong
    } else {
        Strength::Weak
    };
    let start = |rest: &str| {
        Some(NoteStart {
            label: Label::Number(expected),
            text_start: line.len() - rest.len(),
            strength,
            quoted,
            bracketed: false,
        })
    };
    let spaced = rest.starts_with(char::is_whitespace);
    let rest = rest.trim_start();
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    // The note's text starts with a year ("1901.", "1776, p. 3").
    let year = rest[..digits].parse::<u32>().ok();
    if digits == 4
        && year.is_some_and(|y| (1000..=2099).contains(&y))
        && rest[digits..].starts_with(['.', ',', ';', ')'])
    {
        return start(rest);
    }
    if !spaced && !garbled {
        return None;
    }
    // "5 1 Suntola, T.", "289 17. Westlake": a reference that keeps its own
    // number from the list it was copied from.
    if (1..=3).contains(&digits) {
        let after = &rest[digits..];
        let after = after.strip_prefix(['.', ')']).unwrap_or(after);
        if after.starts_with(' ') && after.trim_start().starts_with(char::is_uppercase) {
            return start(rest);
        }
    }
    let first = rest.chars().next()?;
    let ordinary = first.is_uppercase() || matches!(first, '“' | '"' | '‘' | '\'' | '(' | '[');
    if odd_opening(rest) || (garbled && ordinary) {
        return start(rest);
    }
    None
}

/// `text` after the label `expected` as printed or as OCR garbles it, and
/// whether it was garbled.
fn strip_expected_label(text: &str, expected: u32) -> Option<(&str, bool)> {
    let label = expected.to_string();
    if let Some(rest) = text.strip_prefix(label.as_str()) {
        return Some((rest, false));
    }
    // Read the first word (or two single digits, "1 2") as OCR may print the label.
    let token_end = text.find(char::is_whitespace).unwrap_or(text.len());
    let token = &text[..token_end];
    let ocr_digit = |c: char| match c {
        'l' | 'I' | '|' | 'i' => Some('1'),
        'O' | 'o' => Some('0'),
        'S' => Some('5'),
        'B' => Some('8'),
        _ => c.is_ascii_digit().then_some(c),
    };
    let read: Option<String> = token.chars().map(ocr_digit).collect();
    if token.len() > 1
        && token.chars().any(|c| c.is_ascii_digit())
        && read.as_deref() == Some(label.as_str())
    {
        return Some((&text[token_end..], true));
    }
    // "1 2": the digits of a label spaced apart.
    if label.len() > 1 {
        let spaced: String = label.chars().flat_map(|c| [c, ' ']).collect();
        if let Some(rest) = text.strip_prefix(spaced.trim_end())
            && rest.starts_with(char::is_whitespace)
        {
            return Some((rest, true));
        }
    }
    None
}

/// Whether a note's text opens in a way ordinary text after a number seldom
/// does: a dash or bullet, a quotation mark, a name particle, a letter of a
/// script without case.
fn odd_opening(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    if matches!(
        first,
        '—' | '–'
            | '―'
            | '•'
            | '·'
            | '▪'
            | '◦'
            | '‣'
            | '«'
            | '„'
            | '‚'
            | '‹'
            | '¿'
            | '¡'
    ) || text.starts_with("--")
    {
        return true;
    }
    // Scripts without case (CJK, Arabic, Hebrew…): a name or a title.
    if first.is_alphabetic() && !first.is_lowercase() && !first.is_uppercase() {
        return true;
    }
    let word = text.split(|c: char| c.is_whitespace()).next().unwrap_or("");
    // A name's particle ("de Vries", "al-Hasan"), or the lower-case words
    // notes open with.
    const NOTE_OPENINGS: [&str; 8] = ["cf.", "see", "e.g.", "i.e.", "ibid.", "id.", "op.", "loc."];
    crate::document::names::is_particle(word) || NOTE_OPENINGS.contains(&word)
}

/// Length in bytes of a run of one note symbol at the start of `text` (at most three).
pub(crate) fn symbol_run(text: &str) -> usize {
    if text.starts_with("||") {
        return 2;
    }
    let Some(first) = text.chars().next() else {
        return 0;
    };
    // The asterisk operator (U+2217) is how TeX's fonts print `*` to text.
    if first != '∗' && !SYMBOLS.iter().any(|s| s.starts_with(first)) {
        return 0;
    }
    text.chars()
        .take_while(|&c| c == first)
        .take(3)
        .map(char::len_utf8)
        .sum()
}

/// The label of a symbol as printed; `||` is how text output shows `‖`.
pub(crate) fn symbol_label(printed: &str) -> Label {
    if printed == "||" {
        Label::Symbol("‖".to_owned())
    } else {
        Label::Symbol(printed.replace('∗', "*"))
    }
}

/// Whether a symbol note may follow one with ordinal `last` in a run: the
/// next symbols in order, allowing for the two orders of `‖` and `¶`.
pub(crate) fn symbol_follows(ordinal: u32, last: u32) -> bool {
    ordinal != last && ordinal + 1 >= last && ordinal <= last + 2
}

/// Whether a line opens a note as `Footnote 3: …` (pandoc's plain text,
/// text converters of HTML), wherever it stands.
pub(crate) fn is_footnote_line(line: &str) -> bool {
    line.strip_prefix("Footnote ").is_some_and(|rest| {
        let digits = digits_prefix(rest);
        digits > 0 && rest[digits..].starts_with(':')
    })
}

/// Whether a line is a heading that opens a section of notes.
pub(crate) fn is_notes_heading(line: &str) -> bool {
    let first = line.trim_start().bytes().next();
    if line.len() > 40
        || !matches!(
            first,
            Some(b'N' | b'n' | b'F' | b'f' | b'E' | b'e' | b'#' | b'*')
        )
    {
        return false;
    }
    let text = line
        .trim()
        .trim_start_matches('#')
        .trim()
        .trim_matches('*')
        .trim_end_matches(':')
        .trim();
    matches!(
        text.to_lowercase().as_str(),
        "notes" | "footnotes" | "endnotes" | "end notes" | "note"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn start(line: &str) -> Option<(Label, &str, Strength)> {
        note_start(line, false).map(|s| (s.label, &line[s.text_start..], s.strength))
    }

    #[test]
    fn each_label_has_its_successor() {
        let symbol = |s: &str| Label::Symbol(s.to_owned());
        assert_eq!(Label::Number(41).successor(), Label::Number(42));
        assert_eq!(symbol("*").successor(), symbol("†"));
        assert_eq!(symbol("§").successor(), symbol("‖"));
        assert_eq!(symbol("¶").successor(), symbol("**"));
        assert_eq!(symbol("††").successor(), symbol("‡‡"));
        for ordinal in 1..18 {
            let label = symbol(&SYMBOLS[(ordinal - 1) % 6].repeat((ordinal - 1) / 6 + 1));
            assert_eq!(label.successor().ordinal(), label.ordinal() + 1);
        }
    }

    #[test]
    fn numbers_at_line_start() {
        assert_eq!(
            start("2 Bancroft (1860 ed.)"),
            Some((Label::Number(2), "Bancroft (1860 ed.)", Strength::Weak))
        );
        assert_eq!(
            start("2Massachusetts Archives"),
            Some((Label::Number(2), "Massachusetts Archives", Strength::Weak))
        );
        assert_eq!(start("1690 it was evident"), None);
        assert_eq!(start("3rd of May"), None);
        assert_eq!(start("12. A list item"), None);
        assert_eq!(start("12"), Some((Label::Number(12), "", Strength::Weak)));
        let glued = expected_start("21901.", 2).map(|s| (s.label, s.text_start));
        assert_eq!(glued, Some((Label::Number(2), 1)));
        assert_eq!(expected_start("2 Bancroft", 2), None);
        let spaced = expected_start("  2 1901.", 2).map(|s| s.text_start);
        assert_eq!(spaced, Some(4));
        // A reference with its own list number: "5 1 Suntola", "289 17. Westlake".
        let numbered = expected_start("5 1 Suntola, T.", 5).map(|s| s.text_start);
        assert_eq!(numbered, Some(2));
        let numbered = expected_start("289 17. Westlake, C. J.", 289).map(|s| s.text_start);
        assert_eq!(numbered, Some(4));
        assert_eq!(expected_start("5 1 of them", 5).map(|s| s.text_start), None);
    }

    #[test]
    fn converter_syntaxes() {
        assert_eq!(
            start("> 1Publications of the Colonial").map(|s| (s.0, s.2)),
            Some((Label::Number(1), Strength::Strong))
        );
        assert_eq!(
            start("<span id=\"page-2-1\"></span><sup>&</sup>lt;sup>2</sup>SQuAD contexts")
                .map(|s| (s.0, s.1)),
            Some((Label::Number(2), "SQuAD contexts"))
        );
        assert_eq!(
            start("<sup>4.</sup> Text").map(|s| (s.0, s.1)),
            Some((Label::Number(4), "Text"))
        );
        assert_eq!(
            start(" $<sup>^{10}</sup>$ It is worth").map(|s| (s.0, s.1)),
            Some((Label::Number(10), "It is worth"))
        );
        assert_eq!(start("<sup>∗</sup> Equal").map(|s| s.0.ordinal()), Some(1));
        assert_eq!(
            start("* A paper read at the meeting").map(|s| s.0),
            Some(Label::Symbol("*".into()))
        );
        assert_eq!(start("[12] Smith"), None);
        assert_eq!(
            start("- 15Grund, “Americans”").map(|s| (s.0, s.1)),
            Some((Label::Number(15), "Grund, “Americans”"))
        );
        // pymupdf4llm's symbol note set as a list item, its title in italics.
        assert_eq!(
            start("- ∗ _Atlantic Monthly_ , January, 1903.").map(|s| s.0.ordinal()),
            Some(1)
        );
        assert_eq!(start("- *emphasis* in a list item"), None);
        assert_eq!(
            note_start("[12] Smith", true).map(|s| s.label),
            Some(Label::Number(12))
        );
        assert_eq!(
            start("[Footnote 3: See the map").map(|s| (s.0, s.1)),
            Some((Label::Number(3), "See the map"))
        );
        assert_eq!(
            start("[Footnote †: A symbol").map(|s| (s.0, s.1)),
            Some((Label::Symbol("†".into()), "A symbol"))
        );
        assert_eq!(start("[Footnote é: no"), None);
    }

    #[test]
    fn symbol_order() {
        assert_eq!(Label::Symbol("*".into()).ordinal(), 1);
        assert_eq!(Label::Symbol("‡".into()).ordinal(), 3);
        assert_eq!(Label::Symbol("**".into()).ordinal(), 7);
        assert_eq!(
            start("   || Massachusetts Archives").map(|s| s.0),
            Some(Label::Symbol("‖".into()))
        );
    }
}
