//! One citation's text into its fields: who, what, where it appeared, when,
//! which pages. Chicago notes are the main style (`Parkman, “Frontenac”
//! (Boston, 1898), p. 390`; `Jacek Kugler, “Political Conflict, War, and
//! Peace,” in Ada W. Finifter, ed., Political Science…, 1993, p. 488`);
//! author–year references read as well as they can.

use std::ops::Range;

use super::{Form, Kind};

/// What a citation says about its work.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fields {
    pub authors: Vec<String>,
    pub editors: Vec<String>,
    pub title: Option<String>,
    /// The journal, book, newspaper or site the work appeared in.
    pub container: Option<String>,
    pub publisher: Option<String>,
    pub place: Option<String>,
    pub year: Option<String>,
    /// A fuller date where given ("18 December 2014").
    pub date: Option<String>,
    pub volume: Option<String>,
    pub issue: Option<String>,
    pub url: Option<String>,
}

/// A citation read from its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    pub fields: Fields,
    pub kind: Kind,
    pub form: Form,
    pub pages: Option<String>,
    /// For "supra note 12": the note's label.
    pub supra: Option<String>,
}

pub(super) const MONTHS: [&str; 24] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// Words that start a name but are not names.
const NOT_NAMES: [&str; 16] = [
    "The",
    "A",
    "An",
    "In",
    "On",
    "For",
    "See",
    "This",
    "These",
    "Some",
    "Report",
    "Final",
    "Document",
    "Interview",
    "Meeting",
    "Conference",
];

pub(super) fn is_roman(word: &str) -> bool {
    !word.is_empty()
        && word.len() <= 6
        && word
            .chars()
            .all(|c| matches!(c, 'i' | 'v' | 'x' | 'l' | 'c' | 'I' | 'V' | 'X' | 'L' | 'C'))
}

/// Whether `word` is a roman numeral written as one is written ("iv",
/// "xxiii"), not a word made of the same letters ("civil", "mix").
pub(super) fn is_lower_roman_numeral(word: &str) -> bool {
    const DIGITS: [(&str, u32); 9] = [
        ("c", 100),
        ("xc", 90),
        ("l", 50),
        ("xl", 40),
        ("x", 10),
        ("ix", 9),
        ("v", 5),
        ("iv", 4),
        ("i", 1),
    ];
    if word.is_empty() || word.len() > 8 || !word.chars().all(|c| "ivxlc".contains(c)) {
        return false;
    }
    let mut value = 0;
    let mut rest = word;
    while !rest.is_empty() {
        let Some((digit, amount)) = DIGITS
            .iter()
            .filter(|(d, _)| rest.starts_with(d))
            .max_by_key(|(d, _)| d.len())
        else {
            return false;
        };
        value += amount;
        rest = &rest[digit.len()..];
    }
    // Written back the canonical way, it must be the same word.
    let mut canonical = String::new();
    let mut left = value;
    for (digit, amount) in DIGITS {
        while left >= amount {
            canonical.push_str(digit);
            left -= amount;
        }
    }
    canonical == word
}

pub fn is_page_token(word: &str) -> bool {
    let word = word.trim_matches(|c: char| matches!(c, ',' | '.' | ';' | ')' | '('));
    // "n10": a note on that page.
    if let Some(note) = word.strip_prefix('n')
        && !note.is_empty()
        && note.chars().all(|c| c.is_ascii_digit())
    {
        return true;
    }
    !word.is_empty()
        && (word.split(['-', '–', '—']).all(|part| {
            !part.is_empty() && (part.chars().all(|c| c.is_ascii_digit()) || is_roman(part))
        }))
}

/// The last page reference ("p. 390", "pp. 10-11", "pp 76-82", "pp. 83 et
/// seq.", "p. xxi", "pp. 331, 332"): its text and its byte range in `text`.
pub fn pages_in(text: &str) -> Option<(String, Range<usize>)> {
    let bytes = text.as_bytes();
    let mut found = None;
    let mut i = 0;
    while i < bytes.len() {
        let boundary = i == 0 || !bytes[i - 1].is_ascii_alphabetic();
        let rest = &bytes[i..];
        let lead = if !boundary {
            None
        } else if rest.starts_with(b"pp.") || rest.starts_with(b"Pp.") {
            Some(3)
        } else if rest.starts_with(b"pp ") || rest.starts_with(b"p.") || rest.starts_with(b"P.") {
            Some(2)
        } else {
            None
        };
        if let Some(lead) = lead {
            let after = &text[i + lead..];
            let (mut consumed, mut offset, mut tokens) = (0, 0, 0);
            let words: Vec<&str> = after.split_inclusive(' ').collect();
            let is_tail = |w: &str| {
                matches!(
                    w.trim().trim_end_matches([',', '.', ';', ')']),
                    "et" | "seq" | "ff" | "passim"
                )
            };
            for (n, word) in words.iter().enumerate() {
                let token = word.trim();
                if token.is_empty() {
                    offset += word.len();
                    continue;
                }
                let clean = token.trim_end_matches([',', '.', ';', ')']);
                let is_page = is_page_token(clean) || (tokens > 0 && is_tail(token));
                if !is_page {
                    break;
                }
                tokens += 1;
                consumed = offset + word.trim_end().len();
                offset += word.len();
                // A list goes on after a comma ("pp. 331, 332"), and into "et seq.".
                let next_is_tail = words.get(n + 1).is_some_and(|w| is_tail(w));
                if !(token.ends_with(',') || next_is_tail) {
                    break;
                }
            }
            if tokens > 0 {
                let mut pages = after[..consumed]
                    .trim()
                    .trim_end_matches([',', ';', ')'])
                    .trim_end_matches('.')
                    .to_owned();
                if pages.ends_with("et seq") {
                    pages.push('.');
                }
                found = Some((pages, i..i + lead + consumed));
                i += lead + consumed;
                continue;
            }
        }
        i += 1;
    }
    found
}

/// The web address in `text`, and its range.
pub fn url_in(text: &str) -> Option<(String, Range<usize>)> {
    let start = ["https://", "http://", "file:///", "www."]
        .iter()
        .filter_map(|lead| text.find(lead))
        .min()?;
    let end = text[start..]
        .find(char::is_whitespace)
        .map_or(text.len(), |e| start + e);
    let url = text[start..end].trim_end_matches(['.', ',', ';', ')', '>']);
    let begin = if start > 0 && text.as_bytes()[start - 1] == b'<' {
        start - 1
    } else {
        start
    };
    let close = if text[end..].starts_with('>') {
        end + 1
    } else {
        end
    };
    Some((url.to_owned(), begin..close.max(start + url.len())))
}

/// A year in `text` (1500–2099), the last one.
pub fn year_in(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut found = None;
    for i in 0..bytes.len().saturating_sub(3) {
        let window = &bytes[i..i + 4];
        let before = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        let after = bytes.get(i + 4).is_none_or(|b| !b.is_ascii_alphanumeric());
        if before && after && window.iter().all(u8::is_ascii_digit) {
            let year: u32 = std::str::from_utf8(window).ok()?.parse().ok()?;
            if (1500..=2099).contains(&year) {
                found = Some(year.to_string());
            }
        }
    }
    found
}

/// A date with a month in `field` ("18 December, 2014", "May 04, 2005",
/// "Tuesday, December 10, 2013", "Spring 2009").
fn date_in(field: &str) -> Option<String> {
    let lower = field.to_lowercase();
    let has_month = lower.split(|c: char| !c.is_alphabetic()).any(|w| {
        MONTHS.contains(&w) || matches!(w, "spring" | "summer" | "fall" | "autumn" | "winter")
    });
    (has_month && year_in(field).is_some()).then(|| field.trim().trim_end_matches('.').to_owned())
}

/// Splits at commas outside parentheses, brackets and quotes.
fn top_level_fields(text: &str) -> Vec<&str> {
    let mut fields = Vec::new();
    let mut depth = 0i32;
    let mut quoted = false;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            '“' => quoted = true,
            '”' => quoted = false,
            '"' => quoted = !quoted,
            ',' if depth <= 0 && !quoted => {
                fields.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    fields.push(&text[start..]);
    fields
        .into_iter()
        .map(str::trim)
        .filter(|f| !f.is_empty())
        .collect()
}

/// Whether `word` can be part of a person's name: a capitalised word, an
/// initial, a particle.
fn name_word(word: &str) -> bool {
    let word = word.trim_end_matches(',');
    if crate::document::names::is_particle(word) {
        return true;
    }
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    first.is_uppercase()
        && !word.chars().any(|c| c.is_ascii_digit())
        && !word.ends_with(':')
        && word.chars().filter(|c| c.is_uppercase()).count() <= 4
}

/// `text` as a list of people, if it reads as one ("Jacek Kugler", "A. W.
/// Singham and Shirley Hune", "Kugler et al.", "Kumar, Satish").
pub fn people(text: &str) -> Option<Vec<String>> {
    let text = text.trim().trim_end_matches([',', '.', ':']).trim();
    if text.is_empty() || text.len() > 120 {
        return None;
    }
    let (text, et_al) = match text.find(" et al") {
        Some(at) => (&text[..at], true),
        None => (text, false),
    };
    let mut names: Vec<String> = Vec::new();
    for part in text.split(" and ").flat_map(|p| p.split(" & ")) {
        for name in part.split(", ") {
            let name = name.trim().trim_end_matches(',');
            if name.is_empty() {
                continue;
            }
            let words: Vec<&str> = name.split_whitespace().collect();
            if words.is_empty()
                || words.len() > 5
                || !words.iter().all(|w| name_word(w))
                || NOT_NAMES.contains(&words[0])
            {
                return None;
            }
            // "Kegley, Jr.": a suffix belongs to the name before it.
            if matches!(name, "Jr" | "Jr." | "Sr" | "Sr." | "III")
                && let Some(last) = names.last_mut()
            {
                last.push_str(", ");
                last.push_str(name);
                continue;
            }
            names.push(name.to_owned());
        }
    }
    // "Kumar, Satish" or "Crabb, Cecil V. Jr.": surname first, given names after.
    if names.len() == 2 && !et_al && !text.contains(" and ") && !names[0].contains(' ') {
        let given = names[1].trim_end_matches([',', '.']);
        let (given, suffix) = match given.strip_suffix(" Jr") {
            Some(given) => (given, " Jr."),
            None => (given, ""),
        };
        if given.len() > 2 {
            return Some(vec![format!("{given} {}{suffix}", names[0])]);
        }
    }
    if names.is_empty() {
        return None;
    }
    if et_al {
        names.push("et al.".to_owned());
    }
    Some(names)
}

/// Words that name an organisation, not a person.
const ORGANISATION_WORDS: [&str; 21] = [
    "Nations",
    "Assembly",
    "Council",
    "Ministry",
    "Office",
    "Chairmanship",
    "Committee",
    "Organization",
    "Organisation",
    "Institute",
    "Center",
    "Centre",
    "Bank",
    "Agency",
    "Union",
    "Movement",
    "Department",
    "Embassy",
    "Commission",
    "House",
    "Presidency",
];

/// Whether an author is a person ("A. W. Singham") rather than an
/// organisation ("United Nations General Assembly", "Chatham House").
pub fn is_person(name: &str) -> bool {
    !name.split_whitespace().any(|w| {
        ORGANISATION_WORDS.contains(&w)
            || (w.len() > 1 && w.chars().all(|c| c.is_uppercase() || c == '-'))
    })
}

/// The surname of a name as written ("A. W. Singham" → "Singham",
/// "Dehdashti-Rasmussen" stays).
pub fn surname(name: &str) -> &str {
    name.split_whitespace()
        .rfind(|w| !matches!(*w, "Jr." | "Jr" | "Sr." | "III" | "II"))
        .unwrap_or(name)
        .trim_end_matches([',', '.'])
}

/// The first quoted stretch that reads as a title: outside parentheses, and
/// followed by punctuation, a publication in parentheses, "in", or the end —
/// not by more prose (the “Global South” is used…). Its text (without the
/// quotes) and its range.
pub fn quoted_title(text: &str) -> Option<(String, Range<usize>)> {
    let mut depth = 0i32;
    let mut from = 0;
    for (i, c) in text.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            '“' | '"' if depth <= 0 && i >= from => {
                let close = if c == '“' { '”' } else { '"' };
                let inner = i + c.len_utf8();
                let end = text[inner..].find(close).map(|e| inner + e)?;
                let after = text[end + close.len_utf8()..].trim_start();
                // American punctuation puts the comma inside: “Letters,” i, p. 40.
                let parenthetical = after.starts_with('(')
                    && after.find(')').is_some_and(|e| {
                        let inner = &after[..e];
                        inner.chars().any(|d| d.is_ascii_digit())
                            || inner.contains(':')
                            || inner.split_whitespace().any(|w| {
                                matches!(w.trim_end_matches('.'), "ed" | "eds" | "trans" | "comp")
                            })
                    });
                let followed_well = after.is_empty()
                    || text[inner..end].trim_end().ends_with([',', '.'])
                    || after.starts_with([',', '.', ';', ':'])
                    || after.starts_with("in ")
                    || parenthetical;
                let title = text[inner..end]
                    .trim()
                    .trim_end_matches([',', '.', ';'])
                    .trim()
                    .to_owned();
                if followed_well && !title.is_empty() {
                    return Some((title, i..end + close.len_utf8()));
                }
                from = end + close.len_utf8();
            }
            _ => {}
        }
    }
    None
}

/// The publication in parentheses: "(Boston, 1898)", "(N. Y., 1907)",
/// "(Cambridge, MA: Cambridge University Press, 2002)".
fn publication(field: &str, fields: &mut Fields) -> bool {
    let Some(inner) = field
        .trim()
        .strip_prefix('(')
        .and_then(|f| f.trim_end_matches('.').strip_suffix(')'))
    else {
        return false;
    };
    let year = year_in(inner);
    if year.is_none() {
        return false;
    }
    fields.year = fields.year.take().or(year);
    let without_year: String = {
        let y = fields.year.clone().unwrap_or_default();
        inner.replace(&y, "")
    };
    let rest = without_year.trim().trim_end_matches([',', ' ']).trim();
    if let Some((place, publisher)) = rest.split_once(':') {
        fields.place = Some(place.trim().to_owned()).filter(|p| !p.is_empty());
        fields.publisher =
            Some(publisher.trim().trim_end_matches(',').to_owned()).filter(|p| !p.is_empty());
    } else if !rest.is_empty() {
        let looks_like_press = ["Press", "Publisher", "Books", "Co.", "& ", "House"]
            .iter()
            .any(|w| rest.contains(w));
        if looks_like_press {
            fields.publisher = Some(rest.to_owned());
        } else {
            fields.place = Some(rest.to_owned());
        }
    }
    true
}

/// Volume and issue: "Vol. 4, No. 11", "vol. 48, Issue 1", "15:1", "30(1)".
fn volume_issue(field: &str, fields: &mut Fields) -> bool {
    let f = field.trim().trim_end_matches('.');
    let lower = f.to_lowercase();
    for (lead, is_volume) in [
        ("vol.", true),
        ("vol ", true),
        ("volume ", true),
        ("no.", false),
        ("issue ", false),
        ("number ", false),
        ("nos.", false),
    ] {
        if let Some(rest) = lower.strip_prefix(lead) {
            let value = f[f.len() - rest.len()..].trim().to_owned();
            if value.is_empty() {
                return false;
            }
            if is_volume {
                fields.volume = Some(value);
            } else {
                fields.issue = Some(value);
            }
            return true;
        }
    }
    // "15:1", "30(1)", "16/10"
    let digits_and = |sep: char| {
        f.split_once(sep).is_some_and(|(a, b)| {
            !a.is_empty()
                && a.chars().all(|c| c.is_ascii_digit())
                && !b.trim_end_matches(')').is_empty()
                && b.trim_end_matches(')').chars().all(|c| c.is_ascii_digit())
        })
    };
    for sep in [':', '(', '/'] {
        if digits_and(sep)
            && let Some((a, b)) = f.split_once(sep)
        {
            fields.volume = Some(a.to_owned());
            fields.issue = Some(b.trim_end_matches(')').to_owned());
            return true;
        }
    }
    // A lone roman numeral after a title is the volume (Turner: "ii, p. 17").
    if is_roman(f) && f.chars().all(|c| c.is_lowercase()) {
        fields.volume = Some(f.to_owned());
        return true;
    }
    false
}

/// Reads the fields that follow a title (or that make up an untitled
/// citation): the container, editors, publication, volume, date.
fn details(rest: &str, fields: &mut Fields, kind: &mut Option<Kind>) {
    let mut container_taken = false;
    // "in Ada W. Finifter, ed., Political Science": keep the editors with their book.
    let rest = rest
        .replace(", eds.,", " eds.")
        .replace(", ed.,", " ed.")
        .replace(", eds.", " eds.")
        .replace(", ed.", " ed.")
        .replace(", Eds.", " Eds.")
        .replace(", Ed.", " Ed.")
        .replace(", eds ", " eds. ")
        .replace(", ed ", " ed. ");
    for field in top_level_fields(&rest) {
        let field = field
            .trim_start_matches(['.', ',', ' '])
            .trim()
            .trim_end_matches('.')
            .trim();
        if field.is_empty() {
            continue;
        }
        if publication(field, fields) || volume_issue(field, fields) {
            continue;
        }
        if let Some(date) = date_in(field) {
            fields.year = year_in(&date).or(fields.year.take());
            fields.date = Some(date);
            continue;
        }
        if field.chars().all(|c| c.is_ascii_digit()) && year_in(field).is_some() {
            fields.year = Some(field.to_owned());
            continue;
        }
        // "in Ada W. Finifter, ed. Political Science…": a chapter.
        let lower = field.to_lowercase();
        if let Some(inner) = field
            .strip_prefix("in ")
            .or_else(|| field.strip_prefix("In "))
        {
            *kind = Some(Kind::Chapter);
            container_taken = true;
            read_in(inner, fields);
            continue;
        }
        if matches!(lower.as_str(), "ed" | "eds" | "ed." | "eds.")
            || lower.ends_with(" edition")
            || lower.ends_with(" ed")
        {
            continue;
        }
        // "New York: Alfred A. Knopf": a place and a publisher.
        if let Some((place, publisher)) = field.split_once(": ")
            && place.split_whitespace().count() <= 3
            && !place.chars().any(|c| c.is_ascii_digit())
            && publisher.chars().next().is_some_and(char::is_uppercase)
            && fields.publisher.is_none()
            && (container_taken || fields.title.is_some())
        {
            fields.place = Some(place.trim().to_owned());
            fields.publisher = Some(publisher.trim().to_owned());
            continue;
        }
        // "Nov. 23" or "26 May": a date whose year is in the next field.
        if field.split_whitespace().count() <= 3
            && lower
                .split(|c: char| !c.is_alphabetic())
                .any(|w| MONTHS.contains(&w))
        {
            fields.date = Some(field.to_owned());
            continue;
        }
        // A trailing "(Boston, 1898)" glued to a container.
        if let Some(open) = field.rfind(" (")
            && publication(&field[open + 1..], fields)
        {
            let before = field[..open].trim();
            if !container_taken && !before.is_empty() {
                fields.container = Some(before.to_owned());
                container_taken = true;
            }
            continue;
        }
        if let Some(year) = year_in(field)
            && field.len() <= 12
        {
            fields.year = Some(year);
            continue;
        }
        if !container_taken {
            // "Middle East Journal, Vol. 55" or "Curzon Press": a publisher
            // if it names one, else where the work appeared.
            if looks_like_publisher(field) && *kind != Some(Kind::Chapter) {
                fields.publisher = Some(field.to_owned());
            } else {
                fields.container = Some(field.to_owned());
            }
            container_taken = true;
        } else if fields.publisher.is_none() && looks_like_publisher(field) {
            fields.publisher = Some(field.to_owned());
        } else if fields.place.is_none() && field.split_whitespace().count() <= 3 {
            fields.place = Some(field.to_owned());
        }
    }
}

pub fn looks_like_publisher(field: &str) -> bool {
    [
        "Routledge",
        "Sharpe",
        "Palgrave",
        "Macmillan",
        "Wiley",
        "Springer",
        "Sage",
        "Blackwell",
        "Brill",
        "Knopf",
        "Norton",
        "Tauris",
        "Nijhoff",
        "Westview",
        "Longman",
        "Harper",
        "Cass",
        "Rienner",
        "Ashgate",
        "Praeger",
        "Verlag",
        "Press",
        "Publishers",
        "Publishing",
        "Books",
        "Verlag",
        "Institute",
        "Center",
        "Centre",
        "University",
        "Council",
        "Agency",
    ]
    .iter()
    .any(|w| field.contains(w))
}

/// "Michael Bothe, Natalino Ronzitti and Allan Rosas Eds. The OSCE in…":
/// editors, then the book.
fn read_in(text: &str, fields: &mut Fields) {
    let text = text.trim();
    for marker in [
        ", eds.", ", ed.", " eds.", " Eds.", " ed.", " Ed.", ", eds", ", ed", " eds", " ed",
    ] {
        if let Some(at) = text.find(marker) {
            let after = text[at + marker.len()..].trim_start_matches([',', '.', ' ']);
            if let Some(editors) = people(&text[..at]) {
                fields.editors = editors;
                fields.container = Some(after.trim().to_owned()).filter(|c| !c.is_empty());
                return;
            }
        }
    }
    fields.container = Some(text.to_owned());
}

/// Reads one citation (with any signal phrase already taken off).
pub fn parse(text: &str, italic: Option<&str>) -> Parsed {
    let mut fields = Fields::default();
    let mut rest = text.trim().to_owned();
    if let Some((url, range)) = url_in(&rest) {
        fields.url = Some(url);
        rest.replace_range(range, "");
    }
    let mut pages = None;
    if let Some((found, range)) = pages_in(&rest) {
        pages = Some(found);
        rest.replace_range(range, "");
    }
    let rest = rest
        .trim()
        .trim_end_matches(['.', ',', ';', ' '])
        .trim()
        .to_owned();
    let lower = rest.to_lowercase();
    let form = short_form(&lower);
    let mut supra = None;
    if form == Some(Form::Supra) {
        supra = lower
            .split(|c: char| !c.is_ascii_alphanumeric())
            .skip_while(|w| !matches!(*w, "note" | "n"))
            .nth(1)
            .filter(|n| n.chars().all(|c| c.is_ascii_digit()) && !n.is_empty())
            .map(str::to_owned);
    }
    if let Some(form) = form {
        // "Ibid., 284.", "Id. at 45.", "Smith, supra note 12, at 4": a bare
        // locator after the short form.
        if pages.is_none() {
            pages = bare_locator(&rest, supra.as_deref());
        }
        // "Becker, loc. cit.": the author the short form names.
        let head = rest.split(',').next().unwrap_or("").trim();
        let head_lower = head.to_lowercase();
        if short_form(&head_lower).is_none()
            && let Some(names) = people(head)
        {
            fields.authors = names;
        }
        return Parsed {
            fields,
            kind: Kind::Other,
            form,
            pages,
            supra,
        };
    }
    // "Puschner, A tool for the, 517.": a Chicago short form in plain text,
    // which the model would read as an inverted name ("Puschner, A").
    if let Some((author, title, page)) = plain_short_form(text) {
        fields.authors = vec![author.to_owned()];
        fields.title = Some(title.to_owned());
        return Parsed {
            fields,
            kind: Kind::Other,
            form: Form::Full,
            pages: Some(page.replace(['–', '—'], "-")),
            supra,
        };
    }
    // "Thorpe, in Annals American Academy…", "Benton, in Cong. Record,
    // xxiii, p. 57": an author, then where the piece appeared.
    if let Some((author, appeared)) = text.trim().split_once(", in ")
        && super::segments::is_surname_alone(author)
    {
        let mut parsed = parse(appeared, italic);
        let fields = &mut parsed.fields;
        // Names read in what follows "in" are the periodical's words
        // ("Cong. Record"): its first part is then its name.
        let misread = !fields.authors.is_empty() || !fields.editors.is_empty();
        fields.authors = vec![author.to_owned()];
        fields.editors.clear();
        if misread {
            fields.title = None;
            fields.container = None;
        }
        if fields.container.is_none() {
            let first_part = appeared.split(',').next().unwrap_or(appeared).trim();
            fields.container = fields
                .title
                .take()
                .or_else(|| fields.publisher.take())
                .or_else(|| Some(first_part.trim_end_matches('.').to_owned()));
        }
        if fields.volume.is_none() {
            fields.volume = appeared
                .split(',')
                .map(|part| part.trim().trim_end_matches('.'))
                .find(|part| is_lower_roman_numeral(part))
                .map(str::to_owned);
        }
        return parsed;
    }
    if let Some(interviewee) = interview(&rest) {
        fields.title = Some(rest.split(',').next().unwrap_or(&rest).trim().to_owned());
        fields.authors = vec![interviewee];
        details(
            rest.split_once(',').map_or("", |(_, after)| after),
            &mut fields,
            &mut None,
        );
        fields.container = None;
        return Parsed {
            fields,
            kind: Kind::Interview,
            form: Form::Full,
            pages,
            supra,
        };
    }
    // Pages alone ("P. 40, n20."): nothing for the model to read.
    let pages_alone = pages.is_some() && !rest.chars().any(char::is_alphanumeric);
    let tagged = if pages_alone {
        None
    } else {
        super::sequence::tag(text.trim())
    };
    let (fields, labelled_pages, kind) = match tagged {
        Some(tagged) => super::segments::read(text.trim(), &tagged, italic),
        None => (
            Fields {
                year: year_in(&rest),
                ..Fields::default()
            },
            None,
            None,
        ),
    };
    let kind = kind.unwrap_or_else(|| kind_of(&fields, &rest));
    Parsed {
        fields,
        kind,
        form: Form::Full,
        pages: labelled_pages.or(pages),
        supra,
    }
}

/// A short form in plain text, "Family, Short Title, 12." (Chicago's
/// later note): three parts between commas outside quotes, a surname (with
/// its particles), a capitalised or quoted title, and a page that is not a
/// year. Returns the surname, the title without its quotes, and the page.
pub(super) fn plain_short_form(text: &str) -> Option<(&str, &str, &str)> {
    let text = text.trim().trim_end_matches(['.', ';']).trim_end();
    let mut parts = Vec::new();
    let mut quoted = false;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '“' | '«' => quoted = true,
            '”' | '»' => quoted = false,
            '"' => quoted = !quoted,
            ',' if !quoted => {
                parts.push(text[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(text[start..].trim());
    let [surname, title, page] = parts.as_slice() else {
        return None;
    };
    let words: Vec<&str> = surname.split_whitespace().collect();
    let is_surname = (1..=3).contains(&words.len())
        && words
            .last()
            .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
        && words[..words.len() - 1]
            .iter()
            .all(|w| crate::document::names::is_particle(w))
        && !surname
            .chars()
            .any(|c| c.is_ascii_digit() || matches!(c, '.' | ':' | '(' | '“' | '"'))
        && short_form(&surname.to_lowercase()).is_none();
    let title = title
        .trim_matches(|c: char| matches!(c, '“' | '”' | '"' | '«' | '»' | ' ' | ','))
        .trim_end_matches(',');
    let is_title = title
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        && (1..=10).contains(&title.split_whitespace().count())
        && year_in(title).is_none_or(|year| year != title);
    // "Wilson, “Division and Reunion,” pp. 15, 24.": pages that say so are
    // read with the rest, as a full citation is.
    if pages_in(text).is_some() {
        return None;
    }
    // "(London, 1799)" is a publication, not a title and a page.
    if [title, *page].iter().any(|part| part.contains(['(', ')'])) {
        return None;
    }
    let is_page = is_page_token(page)
        && page.chars().next().is_some_and(|c| c.is_ascii_digit())
        && !(page.len() == 4
            && page
                .parse::<u16>()
                .is_ok_and(|year| (1400..=2100).contains(&year)));
    (is_surname && is_title && is_page).then_some((*surname, title, *page))
}

/// The page a short form points at without "p.": the number after "at",
/// or else the last number or range that is not the supra note's.
fn bare_locator(text: &str, supra: Option<&str>) -> Option<String> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let page = |w: &str| {
        let w = w.trim_end_matches(['.', ';', ')']);
        (is_page_token(w) && w.chars().next().is_some_and(|c| c.is_ascii_digit()))
            .then(|| w.replace(['–', '—'], "-"))
    };
    if let Some(at) = words.iter().rposition(|w| *w == "at")
        && let Some(found) = words.get(at + 1).and_then(|w| page(w))
    {
        return Some(found);
    }
    let last = words.last().and_then(|w| page(w))?;
    (Some(last.as_str()) != supra).then_some(last)
}

/// "Ibid.", "Id.", "op. cit.", "loc. cit.", "supra note 12".
pub(super) fn short_form(lower: &str) -> Option<Form> {
    let start = lower.trim_start_matches(['[', '(']);
    if start.starts_with("ibid")
        || start == "id"
        || start.starts_with("id.")
        || start.starts_with("idem")
    {
        return Some(Form::Ibid);
    }
    if lower.contains("loc. cit") || lower.contains("loc cit") {
        return Some(Form::LocCit);
    }
    if lower.contains("op. cit") || lower.contains("op cit") {
        return Some(Form::OpCit);
    }
    if lower.contains("supra") && lower.contains("note") {
        return Some(Form::Supra);
    }
    None
}

/// "Interview with former UN Ambassador Agshin Mehdiyev, 18 December, 2014"
/// → "Agshin Mehdiyev": the name that ends the first field.
fn interview(text: &str) -> Option<String> {
    let rest = text
        .strip_prefix("Interview with ")
        .or_else(|| text.strip_prefix("interview with "))?;
    let first = rest.split(',').next()?.trim();
    let words: Vec<&str> = first.split_whitespace().collect();
    let name: Vec<&str> = words
        .iter()
        .rev()
        .take_while(|w| name_word(w) && !matches!(**w, "UN" | "US" | "Ambassador" | "Minister"))
        .copied()
        .collect();
    if name.is_empty() {
        return Some(first.to_owned());
    }
    Some(name.into_iter().rev().collect::<Vec<_>>().join(" "))
}

fn kind_of(fields: &Fields, text: &str) -> Kind {
    let lower = text.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| lower.contains(w));
    if has(&["thesis", "dissertation"]) {
        return Kind::Thesis;
    }
    if (fields.volume.is_some() || fields.issue.is_some()) && fields.container.is_some() {
        return Kind::Article;
    }
    if fields.authors.is_empty()
        && has(&[
            "final document",
            "declaration",
            "resolution",
            "communiqué",
            "communique",
            "decision",
            "official records",
            "basic documents",
            "summit",
            "ministerial",
            "general assembly",
            "treaty",
            "statutes",
            "records",
        ])
    {
        return Kind::Document;
    }
    if has(&[
        "report",
        "working paper",
        "paper prepared",
        "paper presented",
        "commentary",
        "policy brief",
    ]) {
        return Kind::Report;
    }
    if fields.date.is_some() && fields.container.is_some() && fields.publisher.is_none() {
        return Kind::News;
    }
    if fields.url.is_some()
        && fields.container.is_none()
        && fields.publisher.is_none()
        && fields.year.is_none()
    {
        return Kind::WebPage;
    }
    if fields.container.is_some() && fields.publisher.is_none() && fields.place.is_none() {
        return if fields.url.is_some() {
            Kind::WebPage
        } else {
            Kind::Article
        };
    }
    if fields.title.is_some()
        && (fields.publisher.is_some() || fields.place.is_some() || fields.year.is_some())
    {
        return Kind::Book;
    }
    Kind::Other
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_of_every_shape() {
        let cases = [
            ("Parkman, “Frontenac” (Boston, 1898), p. 390", "390"),
            (
                "Hanna, “Scotch Irish” (N. Y., 1902), ii, pp. 17-24.",
                "17-24",
            ),
            ("Kamal, Nagorno, Fall 2013, pp 76-82.", "76-82"),
            ("Atlantic Monthly, vol. xci, pp. 83 et seq.", "83 et seq."),
            (
                "Bassett, “Writings of William Byrd” (N. Y., 1901), p. xxi.",
                "xxi",
            ),
            ("Hutchinson, ii, pp. 331, 332.", "331, 332"),
        ];
        for (text, pages) in cases {
            assert_eq!(
                pages_in(text).map(|p| p.0).as_deref(),
                Some(pages),
                "{text}"
            );
        }
        assert_eq!(pages_in("Svensson, The Go-Between, 2010"), None);
    }

    #[test]
    fn a_chicago_book_note() {
        let p = parse("Parkman, “Frontenac” (Boston, 1898), p. 390", None);
        assert_eq!(p.fields.authors, ["Parkman"]);
        assert_eq!(p.fields.title.as_deref(), Some("Frontenac"));
        assert_eq!(p.fields.place.as_deref(), Some("Boston"));
        assert_eq!(p.fields.year.as_deref(), Some("1898"));
        assert_eq!(p.pages.as_deref(), Some("390"));
        assert_eq!(p.kind, Kind::Book);
        assert_eq!(p.form, Form::Full);
    }

    #[test]
    fn a_chapter_in_an_edited_book() {
        let p = parse(
            "Jacek Kugler, “Political Conflict, War, and Peace,” in Ada W. Finifter, ed Political Science: The State of the Discipline II, Washington, D.C.: American Political Science Association, 1993, p. 488",
            None,
        );
        assert_eq!(p.fields.authors, ["Jacek Kugler"]);
        assert_eq!(
            p.fields.title.as_deref(),
            Some("Political Conflict, War, and Peace")
        );
        assert_eq!(p.fields.editors, ["Ada W. Finifter"]);
        assert!(
            p.fields
                .container
                .as_deref()
                .unwrap()
                .starts_with("Political Science")
        );
        assert_eq!(p.fields.year.as_deref(), Some("1993"));
        assert_eq!(p.kind, Kind::Chapter);
    }

    #[test]
    fn a_journal_article() {
        let p = parse(
            "Mehran Kamrava, “State-Building in Azerbaijan: The Search for Consolidation”, Middle East Journal, Vol. 55, No. 2, Spring, 2001, pp. 325-326.",
            None,
        );
        assert_eq!(p.fields.container.as_deref(), Some("Middle East Journal"));
        assert_eq!(p.fields.volume.as_deref(), Some("55"));
        assert_eq!(p.fields.issue.as_deref(), Some("2"));
        assert_eq!(p.fields.year.as_deref(), Some("2001"));
        assert_eq!(p.kind, Kind::Article);
    }

    #[test]
    fn an_unquoted_book_and_a_web_page() {
        let p = parse(
            "Svante E. Cornell, Small Nations and Great Powers A Study of Ethnopolitical Conflict in the Caucasus, Curzon Press, 2001, pp. 300-301",
            None,
        );
        assert_eq!(p.fields.authors, ["Svante E. Cornell"]);
        assert!(
            p.fields
                .title
                .as_deref()
                .unwrap()
                .starts_with("Small Nations")
        );
        assert_eq!(p.fields.publisher.as_deref(), Some("Curzon Press"));
        assert_eq!(p.kind, Kind::Book);
        let p = parse(
            "“CICA urges OSCE MG to intensify Nagorno-Karabakh peace process”, Vestnik Kavkaza, 21 May 2014. http://vestnikkavkaza.net/news/politics/55476.html",
            None,
        );
        assert_eq!(
            p.fields.url.as_deref(),
            Some("http://vestnikkavkaza.net/news/politics/55476.html")
        );
        assert_eq!(p.fields.container.as_deref(), Some("Vestnik Kavkaza"));
        assert_eq!(p.kind, Kind::News);
    }

    #[test]
    fn short_forms_are_recognised() {
        assert_eq!(parse("Ibid, pp. 470-471.", None).form, Form::Ibid);
        assert_eq!(
            parse("Ibid, pp. 470-471.", None).pages.as_deref(),
            Some("470-471")
        );
        assert_eq!(parse("Id. at 12.", None).form, Form::Ibid);
        let loc = parse("Becker, loc. cit.", None);
        assert_eq!(
            (loc.form, loc.fields.authors.clone()),
            (Form::LocCit, vec!["Becker".to_owned()])
        );
        assert_eq!(parse("Loc. cit., pp. 57, 66.", None).form, Form::LocCit);
        assert_eq!(parse("Smith, op. cit., p. 4", None).form, Form::OpCit);
        let supra = parse("Smith, supra note 12, at 4", None);
        assert_eq!(
            (supra.form, supra.supra.as_deref()),
            (Form::Supra, Some("12"))
        );
    }

    #[test]
    fn pages_alone_are_pages_only() {
        let p = parse("P. 40, n20.", None);
        assert_eq!(p.fields, Fields::default());
        assert_eq!(p.pages.as_deref(), Some("40, n20"));
    }

    #[test]
    fn short_forms_keep_a_bare_locator() {
        for (text, page) in [
            ("Ibid., 284.", Some("284")),
            ("Id. at 45.", Some("45")),
            ("Ibid., 23–28.", Some("23-28")),
            ("Smith, supra note 12, at 4.", Some("4")),
            ("Smith, supra note 12.", None),
            ("Ibid.", None),
            ("Becker, op. cit., 17.", Some("17")),
        ] {
            assert_eq!(parse(text, None).pages.as_deref(), page, "{text}");
        }
    }

    #[test]
    fn interviews_name_the_interviewee() {
        let p = parse(
            "Interview with former UN Ambassador Agshin Mehdiyev, 18 December, 2014.",
            None,
        );
        assert_eq!(p.kind, Kind::Interview);
        assert_eq!(p.fields.authors, ["Agshin Mehdiyev"]);
        assert_eq!(p.fields.year.as_deref(), Some("2014"));
    }

    #[test]
    fn people_lists() {
        assert_eq!(
            people("A. W. Singham and Shirley Hune"),
            Some(vec!["A. W. Singham".to_owned(), "Shirley Hune".to_owned()])
        );
        assert_eq!(
            people("Kumar, Satish"),
            Some(vec!["Satish Kumar".to_owned()])
        );
        assert_eq!(
            people("Jacek Kugler et al."),
            Some(vec!["Jacek Kugler".to_owned(), "et al.".to_owned()])
        );
        assert_eq!(people("The Final Act of the Conference"), None);
        assert_eq!(surname("A. W. Singham"), "Singham");
    }
}
