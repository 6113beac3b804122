//! A labelled citation's segments into fields: the runs of words the model
//! labelled author, title, journal… cleaned of the punctuation that joins
//! them, names taken apart, volume and issue, pages, a year out of a date.

use std::ops::Range;

use super::Kind;
use super::fields::{Fields, people, url_in, year_in};
use super::sequence::{Label, segments};

/// Punctuation that joins one segment to the next, not part of either.
fn trim_joints(text: &str) -> &str {
    let whole = text;
    let joint =
        |c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '.' | '/' | '–' | '—' | '-');
    let start = whole.len() - whole.trim_start_matches(joint).len();
    let end = whole.trim_end_matches(joint).len().max(start);
    let text = &whole[start..end];
    // An initial keeps its period ("Dweck, C.").
    let last_word = text.rsplit([' ', ',']).next().unwrap_or("");
    let text = if whole[end..].starts_with('.')
        && last_word.chars().count() == 1
        && last_word.chars().all(char::is_uppercase)
    {
        &whole[start..=end]
    } else {
        text
    };
    // Brackets and quotes only when they wrap the whole ("(2011)", "“Title”").
    let mut text = text;
    loop {
        let trimmed = strip_wrapping(text);
        if trimmed.len() == text.len() {
            break;
        }
        text =
            trimmed.trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '.'));
    }
    text
}

/// `text` without a pair of brackets or quotes around it, or without an
/// unmatched one at either end.
fn strip_wrapping(text: &str) -> &str {
    const PAIRS: [(char, char); 6] = [
        ('(', ')'),
        ('[', ']'),
        ('“', '”'),
        ('"', '"'),
        ('‘', '’'),
        ('«', '»'),
    ];
    for (open, close) in PAIRS {
        let opens = text.matches(open).count();
        let closes = text.matches(close).count();
        if let Some(inner) = text.strip_prefix(open).and_then(|t| t.strip_suffix(close))
            && (open == close || inner.matches(open).count() == inner.matches(close).count())
            && !(open == close && inner.contains(open))
        {
            return inner;
        }
        if let Some(inner) = text.strip_prefix(open)
            && (open == close || opens > closes)
        {
            return inner.strip_suffix(close).unwrap_or(inner);
        }
        if let Some(inner) = text.strip_suffix(close)
            && open != close
            && closes > opens
        {
            return inner;
        }
    }
    text
}

/// A run that opens with a quotation closed before the run ends: the
/// quotation's text and what follows it.
fn quoted_head(raw: &str) -> Option<(&str, &str)> {
    let raw = raw.trim_start();
    let open = raw.chars().next()?;
    let close = match open {
        '“' => '”',
        '"' => '"',
        '«' => '»',
        _ => return None,
    };
    let inner = &raw[open.len_utf8()..];
    let end = inner.find(close)?;
    let rest = &inner[end + close.len_utf8()..];
    let title = inner[..end].trim().trim_end_matches([',', '.', ';']);
    (!title.is_empty() && rest.chars().any(char::is_alphanumeric)).then_some((title, rest))
}

/// Words that say a name list is of editors or translators, not names.
fn without_roles(text: &str) -> String {
    let mut words: Vec<&str> = text.split_whitespace().collect();
    let is_role = |w: &str| {
        let core = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        matches!(
            core.as_str(),
            "ed" | "eds"
                | "editor"
                | "editors"
                | "edited"
                | "hrsg"
                | "hg"
                | "éd"
                | "éds"
                | "dir"
                | "trans"
                | "transl"
                | "translated"
                | "tr"
                | "by"
                | "in"
                | "comp"
                | "coord"
                | "übers"
                | "herausgegeben"
                | "von"
        ) && !w.chars().next().is_some_and(char::is_uppercase)
            || matches!(
                w.trim_matches(|c: char| !c.is_alphanumeric()),
                "Ed" | "Eds" | "In" | "Hrsg" | "Hg" | "Trans" | "Edited" | "Translated"
            )
    };
    while words.first().is_some_and(|w| is_role(w)) {
        words.remove(0);
    }
    while words.last().is_some_and(|w| is_role(w)) {
        words.pop();
    }
    words.join(" ")
}

fn is_initials(part: &str) -> bool {
    let letters: Vec<&str> = part
        .split(['.', ' ', '-'])
        .filter(|w| !w.is_empty())
        .collect();
    !letters.is_empty()
        && letters
            .iter()
            .all(|w| w.chars().count() <= 2 && w.chars().all(char::is_uppercase))
}

/// A part that reads as a surname alone: one word, or particles and a word.
pub(super) fn is_surname_alone(part: &str) -> bool {
    let words: Vec<&str> = part.split_whitespace().collect();
    match words.split_last() {
        Some((last, rest)) => {
            last.chars().next().is_some_and(char::is_uppercase)
                && !is_initials(last)
                && rest
                    .iter()
                    .all(|w| crate::document::names::is_particle(&w.to_lowercase()))
        }
        None => false,
    }
}

/// A given name written out: one or two capitalised words or initials.
fn is_given(part: &str) -> bool {
    let words: Vec<&str> = part.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 3
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// The people a names segment lists, each as "Given Family" where the
/// segment inverts them ("Romero, C., Paunesku, D., & Dweck, C.",
/// "Lee, L. L., W. E. Howard, and R. E. Marsh", "Pérez-Higueras JJ, Arias A",
/// "Feys, P.; Romberg, A.").
pub fn names(segment: &str) -> Vec<String> {
    let text = without_roles(trim_joints(segment));
    let text = trim_joints(&text);
    if text.is_empty() {
        return Vec::new();
    }
    let (text, et_al) = match text.find(" et al").or_else(|| text.find(", et al")) {
        Some(at) => (text[..at].trim_end_matches(','), true),
        None => (text, false),
    };
    let mut parts: Vec<String> = Vec::new();
    // Which parts a conjunction joined to the one before ("Ellis and
    // Evans"): two people, never "Family, Given".
    let mut joined: Vec<bool> = Vec::new();
    let separators: &[char] = if text.contains(';') { &[';'] } else { &[','] };
    for piece in text.split(separators) {
        let mut first = true;
        for part in piece
            .split(" and ")
            .flat_map(|p| p.split(" & "))
            .flat_map(|p| p.split(" und "))
            .flat_map(|p| p.split(" et "))
        {
            let part = part
                .trim()
                .trim_start_matches(['&', ' '])
                .trim_start_matches("and ")
                .trim()
                .trim_end_matches([',', ' ']);
            if !part.is_empty() {
                parts.push(part.to_owned());
                joined.push(!first);
            }
            first = false;
        }
    }
    let semicolons = text.contains(';');
    let mut out: Vec<String> = Vec::new();
    let mut inverted = false;
    let mut i = 0;
    while i < parts.len() {
        let part = &parts[i];
        // "Smith, John" inside a semicolon list.
        if semicolons && let Some((family, given)) = part.split_once(", ") {
            out.push(format!("{} {}", given.trim(), family.trim()));
            i += 1;
            continue;
        }
        if matches!(part.as_str(), "Jr" | "Jr." | "Sr." | "III" | "II")
            && let Some(last) = out.last_mut()
        {
            last.push_str(", ");
            last.push_str(part);
            i += 1;
            continue;
        }
        let next = parts.get(i + 1).filter(|_| !joined[i + 1]);
        if is_surname_alone(part)
            && let Some(next) = next
            && (is_initials(next)
                || ((i == 0 || inverted) && is_given(next) && !is_surname_pair(next)))
        {
            out.push(format!("{next} {part}"));
            inverted = true;
            i += 2;
            continue;
        }
        out.push(part.clone());
        i += 1;
    }
    // "Simms’s “Frontiersmen…”", "Coues’, “Lewis and Clark…”": the
    // possessive is not the name.
    for name in &mut out {
        for ending in ["’s", "'s", "’", "'"] {
            if let Some(stem) = name.strip_suffix(ending)
                && (ending.len() > 1 || stem.ends_with('s'))
                && stem.chars().count() > 1
            {
                *name = stem.to_owned();
                break;
            }
        }
    }
    if et_al && !out.is_empty() {
        out.push("et al.".to_owned());
    }
    out
}

/// "W. E. Howard": a whole name already, not a given name waiting for its family.
fn is_surname_pair(part: &str) -> bool {
    let words: Vec<&str> = part.split_whitespace().collect();
    words.len() >= 2
        && words
            .last()
            .is_some_and(|w| w.chars().count() > 2 && !w.ends_with('.'))
        && words[..words.len() - 1].iter().all(|w| is_initials(w))
}

/// Volume and issue out of a volume segment: "12, no. 1", "Vol. 3, Part A",
/// "118.4", "37(14)", "No. 134", "45".
pub fn volume_and_issue(segment: &str) -> (Option<String>, Option<String>) {
    let lower = segment.to_lowercase();
    let mut numbers: Vec<&str> = Vec::new();
    let mut rest = segment;
    while let Some(start) = rest.find(char::is_alphanumeric) {
        let word_and_after = &rest[start..];
        let end = word_and_after
            .find(|c: char| !c.is_alphanumeric())
            .unwrap_or(word_and_after.len());
        let word = &word_and_after[..end];
        let after = &word_and_after[end..];
        // "v. XXIII", "v.13": the abbreviation of volume, not the numeral five.
        let abbreviation = matches!(word, "v" | "V") && after.starts_with('.');
        if word.chars().all(|c| c.is_ascii_digit())
            || (!abbreviation
                && word.len() <= 6
                && word.chars().all(|c| "ivxlcIVXLC".contains(c))
                && word != "C")
        {
            numbers.push(word);
        }
        rest = after;
    }
    let issue_only = ["no", "nr", "issue", "n°", "number", "heft"]
        .iter()
        .any(|lead| lower.trim_start_matches(['(', ' ']).starts_with(lead))
        && !lower.contains("vol");
    match numbers.as_slice() {
        [] => (None, None),
        [one] if issue_only => (None, Some((*one).to_owned())),
        [one] => (Some((*one).to_owned()), None),
        [volume, issue, ..] => (Some((*volume).to_owned()), Some((*issue).to_owned())),
    }
}

/// Pages out of a pages segment: "pp. 1761–1800)." → "1761-1800".
pub fn pages(segment: &str) -> Option<String> {
    let text = trim_joints(segment);
    // "March 1-5, pp. 13, 16": the pages are what "pp." names, not the
    // days read with them.
    let lower = text.to_lowercase();
    let text = ["pp.", "p. "]
        .iter()
        .filter_map(|lead| {
            lower
                .rfind(lead)
                .filter(|&at| at > 0 && lower[..at].ends_with(' '))
        })
        .max()
        .map_or(text, |at| &text[at..]);
    let text = text
        .trim_start_matches(|c: char| c.is_alphabetic() || c == '.' || c == ' ')
        .trim();
    let text = trim_joints(text).replace(['–', '—'], "-");
    (!text.is_empty()
        && text
            .chars()
            .any(|c| c.is_ascii_digit() || c.is_alphabetic()))
    .then_some(text)
}

/// The fields, the pages and the kind of a labelled citation.
pub fn read(
    text: &str,
    tagged: &[(Range<usize>, Label)],
    italic: Option<&str>,
) -> (Fields, Option<String>, Option<Kind>) {
    let mut tagged = tagged.to_vec();
    if let Some(italic) = italic {
        unify_italics(text, italic, &mut tagged);
    }
    articles_open_the_next_part(text, &mut tagged);
    initials_before_a_year_are_a_place(text, &mut tagged);
    let mut fields = Fields::default();
    let mut pages_found = None;
    let mut journal = false;
    let mut genre = String::new();
    let mut previous = None;
    for (range, label) in segments(&tagged) {
        let raw = &text[range];
        let clean = trim_joints(raw);
        if clean.is_empty() {
            continue;
        }
        let after = previous.replace(label);
        match label {
            // A second title after the editors ("“…”, in Rauf Garagozov and
            // Sahib Jaffarov eds. Foreign policy…") is the book's.
            Label::Title
                if fields.title.is_some()
                    && fields.container.is_none()
                    && after == Some(Label::Editor) =>
            {
                fields.container = Some(clean.to_owned());
            }
            Label::Author if fields.authors.is_empty() => {
                fields.authors = names(raw);
                if fields.authors.is_empty() {
                    fields.authors = people(clean).unwrap_or_default();
                }
                // "Powell, “Physiographic Regions”": a quoted part is the
                // title the model read on with the name, never a name.
                if let Some(at) = fields
                    .authors
                    .iter()
                    .position(|name| name.starts_with(['“', '"', '‘']))
                {
                    let quoted = fields.authors.split_off(at);
                    if fields.title.is_none()
                        && let Some((title, _)) = super::fields::quoted_title(&quoted[0])
                    {
                        fields.title = Some(title);
                    }
                }
            }
            Label::Editor if fields.editors.is_empty() => fields.editors = names(raw),
            Label::Title if fields.title.is_none() => {
                // A quoted title ends at its closing quote; what follows in
                // the same run is where it appeared ("“…”, Azernews").
                match quoted_head(raw) {
                    Some((title, rest)) => {
                        fields.title = Some(title.to_owned());
                        let rest = trim_joints(rest);
                        if !rest.is_empty() && fields.container.is_none() {
                            fields.container = Some(rest.to_owned());
                        }
                    }
                    None => fields.title = Some(clean.to_owned()),
                }
            }
            Label::Journal | Label::Container if fields.container.is_none() => {
                let container = clean
                    .strip_prefix("In: ")
                    .or_else(|| clean.strip_prefix("In "))
                    .or_else(|| clean.strip_prefix("in "))
                    .unwrap_or(clean);
                fields.container = Some(trim_joints(container).to_owned());
                journal = label == Label::Journal;
            }
            Label::Date if fields.year.is_none() => {
                fields.year = year_in(clean);
                if clean.chars().any(char::is_alphabetic) && fields.year.is_some() {
                    fields.date = Some(clean.to_owned());
                }
            }
            Label::Volume if fields.volume.is_none() && fields.issue.is_none() => {
                let (volume, issue) = volume_and_issue(clean);
                fields.volume = volume;
                fields.issue = issue;
            }
            Label::Pages if pages_found.is_none() => pages_found = pages(raw),
            Label::Publisher if fields.publisher.is_none() => {
                fields.publisher = Some(clean.to_owned());
            }
            Label::Place if fields.place.is_none() => fields.place = Some(clean.to_owned()),
            Label::Url if fields.url.is_none() => {
                fields.url = url_in(raw).map(|(url, _)| url).or(Some(clean.to_owned()));
            }
            Label::Genre => genre.push_str(clean),
            _ => {}
        }
    }
    if let Some(container) = fields.container.take() {
        // "in Rauf Garagozov and Sahib Jaffarov eds. Foreign policy of…":
        // the editors the model left at the head of the book.
        let container = match editors_before(&container) {
            Some((editors, book)) if fields.editors.is_empty() => {
                fields.editors = editors;
                book.to_owned()
            }
            _ => container,
        };
        // "The Washington Times, Tuesday, December" + "10" + "2013": the
        // day the item appeared, read as part of the paper's name.
        let (head, tail) = split_trailing_date(&container);
        if let Some(tail) = tail {
            let day = fields
                .volume
                .as_deref()
                .filter(|v| {
                    v.parse::<u8>().is_ok_and(|d| (1..=31).contains(&d)) && fields.issue.is_none()
                })
                .filter(|_| ends_with_month(tail));
            let mut date = tail.to_owned();
            if let Some(day) = day {
                date = format!("{date} {day}");
                fields.volume = None;
            }
            if let Some(year) = fields.year.as_deref().filter(|y| !date.contains(*y)) {
                date = format!("{date}, {year}");
            }
            if fields.date.is_none() && date.chars().any(char::is_alphabetic) {
                fields.date = Some(date);
            }
            fields.container = Some(head.to_owned());
        } else {
            fields.container = Some(container);
        }
    }
    possessive_author(&mut fields);
    volume_from_numerals(&mut fields);
    if fields.year.is_none() {
        fields.year = year_in(text);
    }
    // "…Conflict, SAM, 2014": an acronym is a publisher (an institute, a
    // press), not a place.
    if fields.publisher.is_none()
        && fields
            .place
            .as_deref()
            .is_some_and(|p| p.len() >= 3 && p.chars().all(|c| c.is_ascii_uppercase()))
    {
        fields.publisher = fields.place.take();
    }
    // "(Winchester, Va., 1905)", "(Phila., 1881)": a city and its state,
    // or a book from before 1900 (whose publisher the Chicago Manual lets a
    // note leave out), with one name before the year in parentheses: that
    // name is where it appeared, unless it names a press.
    if fields.place.is_none()
        && let Some(publisher) = fields.publisher.as_deref()
        && let Some(year) = fields.year.as_deref()
        && !super::fields::looks_like_publisher(publisher)
        && publisher.split_whitespace().count() <= 3
        && [
            format!("({publisher}, {year}"),
            format!("({publisher}., {year}"),
        ]
        .iter()
        .any(|form| text.contains(form.as_str()))
        && (is_city_and_state(publisher) || year.parse::<u16>().is_ok_and(|y| y < 1900))
    {
        fields.place = fields.publisher.take();
    }
    // A "publisher" dated to the day, with no place, is a newspaper or a
    // site: where the item appeared ("Vestnik Kavkaza, 21 May 2014").
    if fields.container.is_none()
        && fields.place.is_none()
        && fields.date.as_deref().is_some_and(|d| {
            d.chars().any(|c| c.is_ascii_digit()) && d.split_whitespace().count() >= 3
        })
    {
        fields.container = fields.publisher.take();
    }
    if fields.url.is_none() {
        fields.url = url_in(text).map(|(url, _)| url);
    }
    let genre = genre.to_lowercase();
    let kind = if genre.contains("thesis") || genre.contains("dissertation") {
        Some(Kind::Thesis)
    } else if journal {
        Some(Kind::Article)
    } else if fields.container.is_some() && !fields.editors.is_empty() {
        Some(Kind::Chapter)
    } else {
        None
    };
    (fields, pages_found, kind)
}

/// "Winchester, Va", "Wilkes-Barre, Pa", "Ithaca, N. Y": a name, then a
/// state's abbreviation (a capital and at most three letters, or initials).
fn is_city_and_state(text: &str) -> bool {
    let Some((city, state)) = text.rsplit_once(',') else {
        return false;
    };
    let state = state.trim().trim_end_matches('.');
    let abbreviation = state.starts_with(char::is_uppercase)
        && (state.chars().count() <= 4 && state.chars().all(char::is_alphabetic)
            || state
                .split_whitespace()
                .all(|w| w.trim_end_matches('.').chars().count() == 1));
    let company = matches!(state, "Inc" | "Ltd" | "Co" | "Corp" | "Bros" | "Sons");
    !city.trim().is_empty() && !state.is_empty() && abbreviation && !company
}

/// "Adams’ Memoirs", "Cutler’s Life": an author and a title read as one
/// name; the author is the one before the possessive.
fn possessive_author(fields: &mut Fields) {
    let [name] = fields.authors.as_slice() else {
        return;
    };
    let split = ["’s ", "'s ", "’ ", "' "].iter().find_map(|mark| {
        name.split_once(mark)
            .map(|(who, what)| (who.to_owned(), what.to_owned()))
    });
    let Some((who, what)) = split else {
        return;
    };
    let title_free = fields
        .title
        .as_deref()
        .is_none_or(|t| super::fields::is_lower_roman_numeral(t.trim_end_matches(['.', ','])));
    if is_surname_alone(&who) && what.chars().next().is_some_and(char::is_uppercase) && title_free {
        if let Some(volume) = fields.title.take().filter(|_| fields.volume.is_none()) {
            fields.volume = Some(volume);
        }
        fields.authors = vec![who];
        fields.title = Some(what);
    }
}

/// A volume in roman numerals read as where the work appeared ("Coues’,
/// “Lewis and Clark’s Expedition,” i, pp. 2") or left at a title's end
/// ("Colonial Records of North Carolina, iv"): the volume.
fn volume_from_numerals(fields: &mut Fields) {
    if fields.volume.is_some() {
        return;
    }
    let numeral = |text: &str| {
        let word = text.trim().trim_end_matches(['.', ',']);
        super::fields::is_lower_roman_numeral(word).then(|| word.to_owned())
    };
    if let Some(volume) = fields.container.as_deref().and_then(numeral) {
        fields.volume = Some(volume);
        fields.container = None;
        return;
    }
    if let Some(title) = &fields.title
        && let Some((head, tail)) = title.rsplit_once([',', ' '])
        && let Some(volume) = numeral(tail)
    {
        let head = head.trim_end_matches(['”', '"', ',', ' ']);
        if !head.is_empty() {
            fields.title = Some(head.to_owned());
            fields.volume = Some(volume);
        }
    }
}

/// The editors at the head of a book's name ("Rauf Garagozov and Sahib
/// Jaffarov eds. Foreign policy…", "Ralf Roth and Robert Beachy (eds), Who
/// Ran the Cities?"), and the book's name after them.
fn editors_before(container: &str) -> Option<(Vec<String>, &str)> {
    const ROLES: [&str; 8] = [
        " (eds.), ",
        " (eds.) ",
        " (eds), ",
        " (ed.) ",
        " eds. ",
        " ed. ",
        ", eds., ",
        ", ed., ",
    ];
    ROLES.iter().find_map(|role| {
        let (names_part, book) = container.split_once(role)?;
        let editors = people(names_part.trim())?;
        let book = trim_joints(book);
        (!book.is_empty()).then_some((editors, book))
    })
}

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

fn is_month(word: &str) -> bool {
    let word = word.trim_end_matches(['.', ',']).to_lowercase();
    super::fields::MONTHS.contains(&word.as_str())
}

fn ends_with_month(text: &str) -> bool {
    text.split_whitespace().next_back().is_some_and(is_month)
}

/// Whether a comma-separated part is a piece of a date: a weekday, a month
/// with or without its day and year, a day and month, a year.
fn is_date_part(part: &str) -> bool {
    let words: Vec<&str> = part.split_whitespace().collect();
    let is_number = |w: &str| {
        let w = w.trim_end_matches(['.', ',']);
        !w.is_empty() && w.len() <= 4 && w.chars().all(|c| c.is_ascii_digit())
    };
    match words.as_slice() {
        [one] => is_month(one) || WEEKDAYS.contains(&one.to_lowercase().trim_end_matches('.')),
        [] => false,
        many => {
            many.len() <= 3
                && many.iter().any(|w| is_month(w))
                && many.iter().all(|w| is_month(w) || is_number(w))
        }
    }
}

/// A name with a date at its end ("Azeri Press Agency, 27 May 2011", "The
/// Washington Times, Tuesday, December"): the name, and the date's words.
fn split_trailing_date(text: &str) -> (&str, Option<&str>) {
    let mut cut = text.len();
    while let Some(comma) = text[..cut].rfind(',') {
        if !is_date_part(&text[comma + 1..cut]) {
            break;
        }
        cut = comma;
    }
    let head = text[..cut].trim_end();
    let tail = text[cut..].trim_start_matches(',').trim();
    if cut == text.len() || head.is_empty() || tail.is_empty() {
        (text, None)
    } else {
        (head, Some(tail))
    }
}

/// "Knowledge in Flux. The MIT Press": an article after a sentence's end
/// opens the next part (a title never ends with one), so it takes the
/// label of the words after it.
fn articles_open_the_next_part(text: &str, tagged: &mut [(Range<usize>, Label)]) {
    const ARTICLES: [&str; 10] = [
        "The", "A", "An", "La", "Le", "Les", "Der", "Die", "Das", "El",
    ];
    for i in 1..tagged.len().saturating_sub(1) {
        let (label, next) = (tagged[i].1, tagged[i + 1].1);
        if label != next
            && label == tagged[i - 1].1
            && ARTICLES.contains(&&text[tagged[i].0.clone()])
            && text[tagged[i - 1].0.clone()]
                .strip_suffix('.')
                .is_some_and(|word| word.chars().filter(|c| c.is_alphabetic()).count() > 1)
        {
            tagged[i].1 = next;
        }
    }
}

/// "(N. Y., 1823)", "(D. C., 1900)": initials between a parenthesis and
/// the year are a place (a state's or a city's), not names or a volume.
fn initials_before_a_year_are_a_place(text: &str, tagged: &mut [(Range<usize>, Label)]) {
    let words: Vec<&str> = tagged
        .iter()
        .map(|(range, _)| &text[range.clone()])
        .collect();
    let is_initial = |w: &str| {
        let letters = w.trim_matches(|c: char| !c.is_alphabetic());
        letters.chars().count() == 1
            && letters.chars().all(char::is_uppercase)
            && w.trim_end_matches(',').ends_with('.')
    };
    for start in 0..tagged.len() {
        if !words[start].starts_with('(') {
            continue;
        }
        let end = (start..tagged.len())
            .take(3)
            .find(|&i| words[i].ends_with(','))
            .filter(|&end| (start..=end).all(|i| is_initial(words[i])) && end > start);
        let Some(end) = end else {
            continue;
        };
        let year_follows = words
            .get(end + 1)
            .is_some_and(|w| w.bytes().take_while(u8::is_ascii_digit).count() == 4);
        if year_follows {
            for item in &mut tagged[start..=end] {
                item.1 = Label::Place;
            }
        }
    }
}

/// Italics mark one unit (a title, a journal): its words take one label,
/// the one most of them were given among title, journal and container.
fn unify_italics(text: &str, italic: &str, tagged: &mut [(Range<usize>, Label)]) {
    let Some(start) = text.find(italic) else {
        return;
    };
    let span = start..start + italic.len();
    let inside: Vec<usize> = (0..tagged.len())
        .filter(|&i| span.contains(&tagged[i].0.start))
        .collect();
    let count = |label: Label| inside.iter().filter(|&&i| tagged[i].1 == label).count();
    let label = [Label::Title, Label::Journal, Label::Container]
        .into_iter()
        .max_by_key(|&l| count(l))
        .filter(|&l| count(l) > 0)
        .unwrap_or(Label::Title);
    let Some(&last) = inside.last() else {
        return;
    };
    for &i in &inside {
        tagged[i].1 = label;
    }
    // "*Vladimir Putin and Central Asia*, I.B. Tauris": the unit ends with
    // the italics; words after it the model read as more of it belong to
    // what follows.
    let run_end = (last + 1..tagged.len())
        .find(|&i| tagged[i].1 != label)
        .unwrap_or(tagged.len());
    if run_end == last + 1 {
        return;
    }
    let after = &text[tagged[last + 1].0.start..tagged[run_end - 1].0.end];
    // Words before a date or pages ("*Title*, Center for Strategic
    // Studies, Fall 2013") are who published it, unless they are the date
    // itself ("*The Washington Times*, Tuesday, December 10") or hold
    // numbers of their own.
    let next = match tagged.get(run_end).map(|(_, l)| *l) {
        Some(
            next @ (Label::Publisher
            | Label::Place
            | Label::Container
            | Label::Journal
            | Label::Collection
            | Label::Editor
            | Label::Translator
            | Label::Genre
            | Label::Note),
        ) => next,
        Some(next) if after.split(',').any(|part| is_date_part(part.trim())) => next,
        _ if after.chars().any(|c| c.is_ascii_digit()) => Label::Note,
        _ => Label::Publisher,
    };
    for item in &mut tagged[last + 1..run_end] {
        item.1 = next;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fields of `text` whose words the model labelled `labels`.
    fn read_labelled(
        text: &str,
        labels: impl IntoIterator<Item = Label>,
        italic: Option<&str>,
    ) -> Fields {
        let tagged: Vec<(Range<usize>, Label)> = crate::citations::sequence::words(text)
            .into_iter()
            .zip(labels)
            .collect();
        read(text, &tagged, italic).0
    }

    #[test]
    fn name_lists_of_every_shape() {
        assert_eq!(
            names("Romero, C., Paunesku, D., & Dweck, C."),
            ["C. Romero", "D. Paunesku", "C. Dweck"]
        );
        assert_eq!(
            names("Lee, L. L., W. E. Howard, and R. E. Marsh."),
            ["L. L. Lee", "W. E. Howard", "R. E. Marsh"]
        );
        assert_eq!(
            names("Pérez-Higueras JJ, Arias A, de la Macorra JC, Peters OA."),
            [
                "Pérez-Higueras JJ",
                "Arias A",
                "de la Macorra JC",
                "Peters OA"
            ]
        );
        assert_eq!(names("Kumar, Satish,"), ["Satish Kumar"]);
        assert_eq!(names("Feys, P.; Romberg, A."), ["P. Feys", "A. Romberg"]);
        assert_eq!(
            names("In O. C. A. and D. Card (Ed.),"),
            ["O. C. A.", "D. Card"]
        );
        assert_eq!(names("Jacek Kugler et al."), ["Jacek Kugler", "et al."]);
        assert_eq!(names("Ellis and Evans,"), ["Ellis", "Evans"]);
        assert_eq!(names("Simms’s"), ["Simms"]);
        assert_eq!(names("Coues’,"), ["Coues"]);
    }

    #[test]
    fn volumes_issues_and_pages() {
        assert_eq!(
            volume_and_issue("12, no. 1"),
            (Some("12".into()), Some("1".into()))
        );
        assert_eq!(
            volume_and_issue("118.4"),
            (Some("118".into()), Some("4".into()))
        );
        assert_eq!(volume_and_issue("No. 134,"), (None, Some("134".into())));
        assert_eq!(
            volume_and_issue("(Vol. 3, Part A,"),
            (Some("3".into()), None)
        );
        assert_eq!(volume_and_issue("v. XXIII,"), (Some("XXIII".into()), None));
        assert_eq!(
            volume_and_issue("v.13 n.4,"),
            (Some("13".into()), Some("4".into()))
        );
        assert_eq!(pages("pp. 1761–1800)."), Some("1761-1800".into()));
        assert_eq!(pages(": 125-152."), Some("125-152".into()));
    }

    #[test]
    fn roman_volumes_come_off_containers_and_titles() {
        let mut fields = Fields {
            title: Some("History of Illinois,” i".to_owned()),
            ..Fields::default()
        };
        volume_from_numerals(&mut fields);
        assert_eq!(fields.title.as_deref(), Some("History of Illinois"));
        assert_eq!(fields.volume.as_deref(), Some("i"));
        let mut fields = Fields {
            title: Some("Lewis and Clark’s Expedition".to_owned()),
            container: Some("i".to_owned()),
            ..Fields::default()
        };
        volume_from_numerals(&mut fields);
        assert_eq!(
            (fields.container, fields.volume.as_deref()),
            (None, Some("i"))
        );
        assert!(
            crate::citations::fields::is_lower_roman_numeral("xxiii")
                && crate::citations::fields::is_lower_roman_numeral("iv")
        );
        assert!(
            !crate::citations::fields::is_lower_roman_numeral("civil")
                && !crate::citations::fields::is_lower_roman_numeral("iiii")
        );
        // A title's last word that only looks like a numeral stays.
        let mut fields = Fields {
            title: Some("Rocky IV".to_owned()),
            ..Fields::default()
        };
        volume_from_numerals(&mut fields);
        assert_eq!(fields.title.as_deref(), Some("Rocky IV"));
    }

    #[test]
    fn pages_are_what_pp_names() {
        assert_eq!(pages("1-5, pp. 13, 16").as_deref(), Some("13, 16"));
        assert_eq!(pages("pp. 1761–1800).").as_deref(), Some("1761-1800"));
    }

    #[test]
    fn an_article_after_a_title_opens_the_publisher() {
        let text = "Gardenfors, Peter (1988). Knowledge in Flux. The MIT Press, Cambridge.";
        let labels = [
            Label::Author,
            Label::Author,
            Label::Date,
            Label::Title,
            Label::Title,
            Label::Title,
            Label::Title,
            Label::Publisher,
            Label::Publisher,
            Label::Place,
        ];
        let fields = read_labelled(text, labels, None);
        assert_eq!(fields.title.as_deref(), Some("Knowledge in Flux"));
        assert_eq!(fields.publisher.as_deref(), Some("The MIT Press"));
    }

    #[test]
    fn italics_end_the_title_they_mark() {
        let text =
            "Kamal Aliyev, Conflict in International Law, Center for Strategic Studies, Fall 2013.";
        let mut labels = vec![Label::Author; 2];
        labels.extend([Label::Title; 8]);
        labels.extend([Label::Date; 2]);
        let fields = read_labelled(text, labels, Some("Conflict in International Law"));
        assert_eq!(
            fields.title.as_deref(),
            Some("Conflict in International Law")
        );
        assert_eq!(
            fields.publisher.as_deref(),
            Some("Center for Strategic Studies")
        );
        assert_eq!(fields.year.as_deref(), Some("2013"));
    }

    #[test]
    fn initials_before_a_year_are_a_place() {
        let text = "Hening, “Va. Statutes at Large” (N. Y., 1823), ii, p. 326.";
        let mut labels = vec![Label::Author];
        labels.extend([Label::Title; 4]);
        labels.extend([Label::Volume, Label::Volume, Label::Date, Label::Volume]);
        labels.extend([Label::Pages; 2]);
        let fields = read_labelled(text, labels, None);
        assert_eq!(fields.place.as_deref(), Some("N. Y"));
        assert_eq!(fields.volume.as_deref(), Some("ii"));
    }

    #[test]
    fn a_quoted_title_is_no_name() {
        let text = "Powell, “Physiographic Regions” (N. Y., 1896).";
        let mut labels = vec![Label::Author; 3];
        labels.extend([Label::Place, Label::Place, Label::Date]);
        let fields = read_labelled(text, labels, None);
        assert_eq!(fields.authors, ["Powell"]);
        assert_eq!(fields.title.as_deref(), Some("Physiographic Regions"));
    }

    #[test]
    fn a_name_alone_before_the_year_is_a_place() {
        let text = "Ramsey, “Annals of Tennessee” (Columbia, 1853), p. 40.";
        let mut labels = vec![Label::Author];
        labels.extend([Label::Title; 3]);
        labels.extend([Label::Publisher, Label::Date, Label::Pages, Label::Pages]);
        let fields = read_labelled(text, labels, None);
        assert_eq!(fields.place.as_deref(), Some("Columbia"));
        assert_eq!(fields.publisher, None);
        let text = "Smith, “Title” (Addison-Wesley, 1979).";
        let fields = read_labelled(
            text,
            [Label::Author, Label::Title, Label::Publisher, Label::Date],
            None,
        );
        assert_eq!(fields.publisher.as_deref(), Some("Addison-Wesley"));
        assert!(is_city_and_state("Winchester, Va"));
        assert!(is_city_and_state("Ithaca, N. Y"));
        assert!(!is_city_and_state("Routledge"));
        assert!(!is_city_and_state("Hill and Wang, Inc"));
    }

    #[test]
    fn dates_and_editors_come_off_a_container() {
        assert_eq!(
            split_trailing_date("The Washington Times, Tuesday, December"),
            ("The Washington Times", Some("Tuesday, December"))
        );
        assert_eq!(
            split_trailing_date("Azeri Press Agency, 27 May 2011"),
            ("Azeri Press Agency", Some("27 May 2011"))
        );
        assert_eq!(
            split_trailing_date("Journal of Peace, Research"),
            ("Journal of Peace, Research", None)
        );
        assert_eq!(split_trailing_date("May"), ("May", None));
        let (editors, book) = editors_before(
            "Rauf Garagozov and Sahib Jaffarov eds. Foreign policy of Azerbaijan Republic",
        )
        .unwrap_or_default();
        assert_eq!(editors, ["Rauf Garagozov", "Sahib Jaffarov"]);
        assert_eq!(book, "Foreign policy of Azerbaijan Republic");
        assert!(editors_before("Foreign policy ed. by nobody").is_none());
    }

    #[test]
    fn joints_are_trimmed_and_wrappers_taken_off() {
        assert_eq!(trim_joints("(2011)."), "2011");
        assert_eq!(trim_joints("“A Title,”"), "A Title");
        assert_eq!(trim_joints("Press."), "Press");
        assert_eq!(trim_joints("(Boston:"), "Boston");
    }
}
