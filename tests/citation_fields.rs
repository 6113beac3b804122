//! Citation fields measured on the held-out fifth of AnyStyle's labelled
//! references (never trained on): each reference written as a footnote in
//! Markdown, in Markdown with the title (or journal) in italics, and in
//! `pdftotext` layout (notes at each page's foot, wrapped, form feeds), read
//! by the whole pipeline, and compared field by field with the labels,
//! lenient on punctuation and case. Prints precision, recall and F1 per
//! field (`cargo test --release --test citation_fields -- --nocapture`) and
//! holds them above floors.

use std::collections::BTreeMap;

use gloss::citations::labelled::{self, LabelledReference};
use gloss::citations::{Bibliography, Fields};

const FIELDS: [&str; 10] = [
    "authors",
    "title",
    "container",
    "year",
    "volume",
    "issue",
    "pages",
    "publisher",
    "place",
    "editors",
];

/// Letters and digits of `text`, lowercased, as words; joining words and
/// role words dropped (they are punctuation to a reader of fields).
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .filter(|w| !matches!(w.as_str(), "and" | "et" | "al" | "eds" | "ed" | "in" | "by"))
        .collect()
}

fn sorted_words(text: &str) -> Vec<String> {
    let mut w = words(text);
    w.sort();
    w
}

/// The number after "vol." or leading the segment, and the issue after
/// "no." or in parentheses or after a dot/colon ("12, no. 1", "118.4",
/// "37(14)", "Vol. 9"). A segment that names only a number ("no. 36",
/// "n°20") holds an issue: the labels do not tell volume and issue apart.
fn volume_and_issue(segment: &str) -> (Option<String>, Option<String>) {
    let numbers: Vec<&str> = segment
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit()))
        .collect();
    let lower = segment.to_lowercase();
    let lower = lower.trim_start_matches(|c: char| !c.is_alphanumeric());
    let issue_only = ["no", "n°", "nr", "issue", "number"]
        .iter()
        .any(|lead| lower.starts_with(lead))
        && !lower.contains("vol");
    match numbers.as_slice() {
        [one] if issue_only => (None, Some((*one).to_owned())),
        _ => (
            numbers.first().map(|n| (*n).to_owned()),
            numbers.get(1).map(|n| (*n).to_owned()),
        ),
    }
}

fn pages_of(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !matches!(*w, "p" | "pp" | "S" | "s" | "pages"))
        .collect::<Vec<_>>()
        .join("-")
}

fn year_of(text: &str) -> Option<String> {
    gloss::citations::fields::year_in(text)
}

/// What the labels say, keyed by field.
fn gold(reference: &LabelledReference) -> BTreeMap<&'static str, Vec<String>> {
    let mut gold = BTreeMap::new();
    let all = |label: &str| {
        reference
            .segments
            .iter()
            .filter(|(l, _)| l == label)
            .map(|(_, t)| t.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let authors = all("author");
    if !words(&authors).is_empty() {
        gold.insert("authors", sorted_words(&authors));
    }
    let editors = all("editor");
    if !words(&editors).is_empty() {
        gold.insert("editors", sorted_words(&editors));
    }
    if let Some(title) = reference.first("title") {
        gold.insert("title", words(title));
    }
    if let Some(container) = reference
        .first("journal")
        .or_else(|| reference.first("container-title"))
    {
        gold.insert("container", words(container));
    }
    if let Some(year) = reference.first("date").and_then(year_of) {
        gold.insert("year", vec![year]);
    }
    if let Some(volume) = reference.first("volume") {
        let (volume, issue) = volume_and_issue(volume);
        if let Some(volume) = volume {
            gold.insert("volume", vec![volume]);
        }
        if let Some(issue) = issue {
            gold.insert("issue", vec![issue]);
        }
    }
    if let Some(pages) = reference.first("pages") {
        let pages = pages_of(pages);
        if !pages.is_empty() {
            gold.insert("pages", vec![pages]);
        }
    }
    if let Some(publisher) = reference.first("publisher") {
        gold.insert("publisher", words(publisher));
    }
    if let Some(place) = reference.first("location") {
        gold.insert("place", words(place));
    }
    gold.retain(|_, v| !v.is_empty());
    gold
}

/// What gloss read, keyed like [`gold`].
fn found(fields: &Fields, pages: Option<&str>) -> BTreeMap<&'static str, Vec<String>> {
    let mut out = BTreeMap::new();
    if !fields.authors.is_empty() {
        out.insert("authors", sorted_words(&fields.authors.join(" ")));
    }
    if !fields.editors.is_empty() {
        out.insert("editors", sorted_words(&fields.editors.join(" ")));
    }
    for (name, value) in [
        ("title", &fields.title),
        ("container", &fields.container),
        ("publisher", &fields.publisher),
        ("place", &fields.place),
    ] {
        if let Some(value) = value {
            out.insert(name, words(value));
        }
    }
    if let Some(year) = &fields.year {
        out.insert("year", vec![year.clone()]);
    }
    for (name, value) in [("volume", &fields.volume), ("issue", &fields.issue)] {
        if let Some(value) = value {
            out.insert(
                name,
                vec![
                    value
                        .trim_matches(|c: char| !c.is_alphanumeric())
                        .to_lowercase(),
                ],
            );
        }
    }
    if let Some(pages) = pages {
        out.insert("pages", vec![pages_of(pages)]);
    }
    out.retain(|_, v| !v.is_empty());
    out
}

#[derive(Default, Clone, Copy)]
struct Count {
    right: usize,
    found: usize,
    gold: usize,
}

impl Count {
    fn precision(self) -> f64 {
        self.right as f64 / self.found.max(1) as f64
    }
    fn recall(self) -> f64 {
        self.right as f64 / self.gold.max(1) as f64
    }
    fn f1(self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

type Scores = BTreeMap<&'static str, Count>;

fn score(
    scores: &mut Scores,
    gold: &BTreeMap<&str, Vec<String>>,
    found: &BTreeMap<&str, Vec<String>>,
) {
    for field in FIELDS {
        let count = scores.entry(field).or_default();
        let (g, f) = (gold.get(field), found.get(field));
        count.gold += usize::from(g.is_some());
        count.found += usize::from(f.is_some());
        count.right += usize::from(g.is_some() && g == f);
    }
}

/// A Markdown paper whose footnotes are `notes`, with `italic` (a part of
/// each note) set in italics where given.
fn markdown(notes: &[(String, Option<String>)]) -> String {
    let mut text = String::from("# A paper\n\n");
    for (i, (note, italic)) in notes.iter().enumerate() {
        let n = i + 1;
        text.push_str(&format!("A claim that needs a source.[^{n}]\n\n"));
        let note = match italic {
            Some(part) => note.replacen(part.as_str(), &format!("*{part}*"), 1),
            None => note.clone(),
        };
        text.push_str(&format!("[^{n}]: {note}\n\n"));
    }
    text
}

/// Two lines of prose, different for every `n` (a small xorshift over a
/// word list), ending a sentence.
fn claim(n: usize) -> String {
    const WORDS: [&str; 24] = [
        "treaty",
        "harbour",
        "census",
        "delegates",
        "archives",
        "valley",
        "ministry",
        "riot",
        "letters",
        "council",
        "frontier",
        "budget",
        "merchants",
        "assembly",
        "envoy",
        "grain",
        "railway",
        "province",
        "garrison",
        "tariff",
        "bishop",
        "mill",
        "survey",
        "charter",
    ];
    let mut state = (n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut word = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        WORDS[(state % WORDS.len() as u64) as usize]
    };
    let first: Vec<&str> = (0..6).map(|_| word()).collect();
    let second: Vec<&str> = (0..5).map(|_| word()).collect();
    format!(
        "The {} of the {} and the {} shaped the {}\nof the {} and its {}, as the {} of the {} and the {} show.",
        first[0], first[1], first[2], first[3], first[4], first[5], second[0], second[1], second[2]
    )
}

/// The same notes laid out as `pdftotext` gives a paper: five claims a
/// page with their markers glued, the notes at the page's foot as `N text`
/// wrapped at 90 columns, the page number, a form feed.
fn pdftotext(notes: &[String]) -> String {
    let mut text = String::from("A Paper on Sources\n\n");
    for (page, chunk) in notes.chunks(5).enumerate() {
        let first = page * 5 + 1;
        for (i, _) in chunk.iter().enumerate() {
            // Claims in their own words: a line repeated at the top of
            // page after page is a running head to the parser.
            let n = first + i;
            text.push_str(&format!("{}{n}\n\n", claim(n)));
        }
        for (i, note) in chunk.iter().enumerate() {
            let mut line = format!("{}", first + i);
            for word in note.split_whitespace() {
                if line.len() + word.len() + 1 > 90 {
                    text.push_str(&line);
                    text.push('\n');
                    line = String::new();
                } else {
                    line.push(' ');
                }
                line.push_str(word);
            }
            text.push_str(line.trim_start());
            text.push('\n');
        }
        text.push_str(&format!("\n{}\n\u{c}", page + 1));
    }
    text
}

/// The first citation of each note that names a source, as fields and pages.
fn read_back(document: &gloss::Document) -> Vec<BTreeMap<&'static str, Vec<String>>> {
    let bibliography = Bibliography::of(document);
    (0..document.footnotes.len())
        .map(|note| {
            bibliography
                .citations(note)
                .iter()
                .find_map(|c| {
                    let source = bibliography.sources.get(c.source?)?;
                    Some(found(&source.fields, c.pages.as_deref()))
                })
                .unwrap_or_default()
        })
        .collect()
}

struct Measured {
    note_style: Scores,
    author_date: Scores,
}

/// The references the model was never trained on.
fn held_out() -> Vec<LabelledReference> {
    let xml = include_str!("../data/citations/anystyle-core.xml");
    labelled::read(xml)
        .unwrap()
        .into_iter()
        .enumerate()
        .filter(|(i, _)| labelled::is_held_out(*i))
        .map(|(_, r)| r)
        .collect()
}

fn measure(layout: &str) -> Measured {
    let references = held_out();
    let texts: Vec<String> = references.iter().map(LabelledReference::text).collect();
    let read: Vec<BTreeMap<&str, Vec<String>>> = match layout {
        "oracle" => references
            .iter()
            .zip(&texts)
            .map(|(r, t)| {
                let mut tagged = Vec::new();
                let mut offset = 0;
                for (tag, seg) in &r.segments {
                    let label = gloss::citations::sequence::Label::from_anystyle(tag);
                    for w in gloss::citations::sequence::words(seg) {
                        tagged.push((w.start + offset..w.end + offset, label));
                    }
                    offset += seg.len() + 1;
                }
                let (fields, pages, _) = gloss::citations::segments::read(t, &tagged, None);
                found(&fields, pages.as_deref())
            })
            .collect(),
        "isolated" => texts
            .iter()
            .map(|t| {
                let parsed = gloss::citations::fields::parse(t, None);
                found(&parsed.fields, parsed.pages.as_deref())
            })
            .collect(),
        "markdown" | "italics" => {
            let notes: Vec<(String, Option<String>)> = references
                .iter()
                .zip(&texts)
                .map(|(r, t)| {
                    let italic = (layout == "italics")
                        .then(|| {
                            r.first("journal")
                                .or_else(|| r.first("container-title"))
                                .or_else(|| r.first("title"))
                                .map(|s| s.trim_end_matches([',', '.', ':', ';']).to_owned())
                        })
                        .flatten();
                    (t.clone(), italic)
                })
                .collect();
            let document = gloss::parse_text(&markdown(&notes));
            assert_eq!(
                document.footnotes.len(),
                texts.len(),
                "{layout}: notes lost"
            );
            read_back(&document)
        }
        _ => {
            let paper = pdftotext(&texts);
            if let Ok(path) = std::env::var("GLOSS_FIELD_DUMP") {
                std::fs::write(path, &paper).unwrap();
            }
            let document = gloss::parse_text(&paper);
            // Notes the layout lost count as nothing found.
            let by_label: BTreeMap<usize, usize> = document
                .footnotes
                .iter()
                .enumerate()
                .filter_map(|(i, f)| Some((f.label.parse::<usize>().ok()?, i)))
                .collect();
            let all = read_back(&document);
            (1..=texts.len())
                .map(|n| {
                    by_label
                        .get(&n)
                        .and_then(|i| all.get(*i).cloned())
                        .unwrap_or_default()
                })
                .collect()
        }
    };
    let mut measured = Measured {
        note_style: Scores::new(),
        author_date: Scores::new(),
    };
    for (reference, found) in references.iter().zip(&read) {
        let scores = if reference.is_author_date() {
            &mut measured.author_date
        } else {
            &mut measured.note_style
        };
        let gold = gold(reference);
        if let Ok(field) = std::env::var("GLOSS_FIELD_MISSES")
            && std::env::var("GLOSS_FIELD_LAYOUT").is_ok_and(|l| l == layout)
            && gold.get(field.as_str()) != found.get(field.as_str())
        {
            println!(
                "MISS {field}{}: {}\n  gold {:?}\n  read {:?}",
                if reference.is_author_date() {
                    " (author-date)"
                } else {
                    ""
                },
                reference.text(),
                gold.get(field.as_str()),
                found.get(field.as_str())
            );
        }
        score(scores, &gold, found);
    }
    measured
}

fn print(layout: &str, measured: &Measured) {
    println!("\n{layout}: field, note-style P/R/F1 (n), author-date P/R/F1 (n)");
    for field in FIELDS {
        let a = measured.note_style[field];
        let b = measured.author_date[field];
        println!(
            "{field:10} {:.2} {:.2} {:.2} ({:3})   {:.2} {:.2} {:.2} ({:3})",
            a.precision(),
            a.recall(),
            a.f1(),
            a.gold,
            b.precision(),
            b.recall(),
            b.f1(),
            b.gold
        );
    }
}

/// The mean F1 of the nine fields the issue names (editors apart).
fn mean_f1(scores: &Scores) -> f64 {
    let fields: Vec<&str> = FIELDS.iter().copied().filter(|f| *f != "editors").collect();
    fields.iter().map(|f| scores[f].f1()).sum::<f64>() / fields.len() as f64
}

#[test]
fn held_out_references_read_into_their_fields() {
    // Floors a little under what was measured when the model was trained
    // (note-style, author-date): a change that reads fields worse fails.
    for (layout, note_floor, author_date_floor) in [
        // The labels as the annotators gave them, read into fields: what
        // reading labels loses, apart from the model.
        ("oracle", 0.98, 0.98),
        ("isolated", 0.88, 0.91),
        ("markdown", 0.87, 0.91),
        ("italics", 0.88, 0.91),
        ("pdftotext", 0.86, 0.90),
    ] {
        let measured = measure(layout);
        print(layout, &measured);
        let (note, author_date) = (
            mean_f1(&measured.note_style),
            mean_f1(&measured.author_date),
        );
        println!("mean F1: note-style {note:.3}, author-date {author_date:.3}");
        assert!(
            note >= note_floor && author_date >= author_date_floor,
            "{layout}: mean F1 {note:.3} / {author_date:.3} under {note_floor} / {author_date_floor}"
        );
    }
}

/// The family name of a reference's first author, as a later note would
/// write it ("Romero, C., & Dweck, C." → Romero; "W. H. Enright" → Enright).
fn first_family(reference: &LabelledReference) -> Option<String> {
    let authors = reference.first("author")?;
    let first = authors.split([',', ';', '&']).next()?.trim();
    let first = first.split(" and ").next()?.trim();
    let word = if authors.contains(',') && first.split_whitespace().count() == 1 {
        first
    } else {
        first.split_whitespace().last()?
    };
    let word = word.trim_matches(|c: char| !c.is_alphanumeric());
    (word.chars().count() > 1).then(|| word.to_owned())
}

/// Later notes that point back at the held-out references: "Ibid., 12.",
/// a short form with its page (Chicago "Family, Short Title, 12." or
/// author–date "Family 1999, 12."), and "See A; see also B." Each must find
/// the work its full citation named, with the page.
#[test]
fn short_forms_and_compound_notes_find_their_works() {
    let references: Vec<LabelledReference> = held_out()
        .into_iter()
        .filter(|r| first_family(r).is_some() && r.first("title").is_some())
        .collect();
    let mut notes: Vec<(String, Option<String>)> = Vec::new();
    // (note index of the full citation, note index of the later note, page)
    let mut ibids = Vec::new();
    let mut shorts = Vec::new();
    let mut compounds = Vec::new();
    for (i, reference) in references.iter().enumerate() {
        notes.push((reference.text(), None));
        let page = format!("{}", 11 + i * 7);
        notes.push((format!("Ibid., {page}."), None));
        ibids.push((notes.len() - 2, notes.len() - 1, page));
    }
    for (i, reference) in references.iter().enumerate() {
        let page = format!("{}", 501 + i);
        let family = first_family(reference).unwrap_or_default();
        let year = reference
            .first("date")
            .and_then(gloss::citations::fields::year_in);
        let short = match (reference.is_author_date(), year) {
            (true, Some(year)) => format!("{family} {year}, {page}."),
            _ => {
                let title: Vec<&str> = reference
                    .first("title")
                    .unwrap_or_default()
                    .trim_matches(|c: char| !c.is_alphanumeric())
                    .split_whitespace()
                    .take(4)
                    .collect();
                format!(
                    "{family}, {}, {page}.",
                    title.join(" ").trim_end_matches([',', '.', ':'])
                )
            }
        };
        notes.push((short, None));
        shorts.push((2 * i, notes.len() - 1, page));
    }
    for pair in references.chunks(2).take(50).enumerate() {
        let (k, pair) = pair;
        if pair.len() == 2 {
            let text = format!(
                "See {}; see also {}",
                pair[0].text().trim_end_matches('.'),
                pair[1].text()
            );
            notes.push((text, None));
            compounds.push((4 * k, 4 * k + 2, notes.len() - 1));
        }
    }
    let document = gloss::parse_text(&markdown(&notes));
    assert_eq!(document.footnotes.len(), notes.len());
    let bibliography = Bibliography::of(&document);
    let source_of = |note: usize| bibliography.citations(note).iter().find_map(|c| c.source);
    let found_with_page = |full: usize, later: usize, page: &str| {
        let citation = bibliography.citations(later).first();
        source_of(full).is_some()
            && citation.and_then(|c| c.source) == source_of(full)
            && citation.and_then(|c| c.pages.as_deref()) == Some(page)
    };
    let share = |hits: usize, all: usize| hits as f64 / all.max(1) as f64;
    let ibid_hits = ibids
        .iter()
        .filter(|(f, l, p)| found_with_page(*f, *l, p))
        .count();
    let (mut note_style, mut author_date) = ((0, 0), (0, 0));
    for (reference, (full, later, page)) in references.iter().zip(&shorts) {
        let hit = usize::from(found_with_page(*full, *later, page));
        if hit == 0 && std::env::var("GLOSS_FIELD_MISSES").is_ok_and(|f| f == "short") {
            let citation = bibliography.citations(*later).first();
            println!(
                "MISS short: {}\n  full: {}\n  full source {:?}\n  short read {:?} pages {:?}",
                document.footnotes[*later].text(),
                document.footnotes[*full].text(),
                source_of(*full).map(|s| &bibliography.sources[s].fields),
                citation
                    .and_then(|c| c.source)
                    .map(|s| &bibliography.sources[s].fields),
                citation.and_then(|c| c.pages.as_deref()),
            );
        }
        let counts = if reference.is_author_date() {
            &mut author_date
        } else {
            &mut note_style
        };
        counts.0 += hit;
        counts.1 += 1;
    }
    let compound_hits = compounds
        .iter()
        .filter(|(a, b, note)| {
            let cited: Vec<Option<usize>> = bibliography
                .citations(*note)
                .iter()
                .map(|c| c.source)
                .collect();
            let hit = cited.contains(&source_of(*a)) && cited.contains(&source_of(*b));
            if !hit && std::env::var("GLOSS_FIELD_MISSES").is_ok_and(|f| f == "compound") {
                let text = document.footnotes[*note].text();
                println!("MISS compound: {text}");
                for c in bibliography.citations(*note) {
                    println!("  piece {:?} -> {:?}", &text[c.range.clone()], c.source);
                }
                println!("  want {:?} and {:?}", source_of(*a), source_of(*b));
            }
            hit
        })
        .count();
    println!(
        "Ibid. with its page {ibid_hits}/{} ({:.2}); Chicago short forms {}/{} ({:.2}); author-date short forms {}/{} ({:.2}); See A; see also B {compound_hits}/{} ({:.2})",
        ibids.len(),
        share(ibid_hits, ibids.len()),
        note_style.0,
        note_style.1,
        share(note_style.0, note_style.1),
        author_date.0,
        author_date.1,
        share(author_date.0, author_date.1),
        compounds.len(),
        share(compound_hits, compounds.len()),
    );
    // The issue's floors (measured 0.99, 0.91, 0.98, 0.90).
    assert!(share(ibid_hits, ibids.len()) >= 0.95, "Ibid. with its page");
    assert!(
        share(note_style.0, note_style.1) >= 0.90,
        "Chicago short forms"
    );
    assert!(
        share(author_date.0, author_date.1) >= 0.95,
        "author-date short forms"
    );
    assert!(
        share(compound_hits, compounds.len()) >= 0.90,
        "See A; see also B"
    );
}
