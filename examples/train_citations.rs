//! Trains the citation model shipped in `src/citations/citations.crfsuite`
//! from AnyStyle's labelled references, leaving out the held-out fifth
//! (`citations::labelled::is_held_out`), and prints the word accuracy on
//! that fifth and the labels most often confused.
//!
//! cargo run --release --example train_citations -- \
//!     data/citations/anystyle-core.xml src/citations/citations.crfsuite
//!
//! `--dev` trains on three fifths and measures on the fourth (the model goes
//! to `target/citations-dev.crfsuite`), to choose features and settings
//! (`--c1=0.1 --c2=0.001 --iterations=250`) without the held-out fifth.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, Result};
use crfs::{Attribute, Model, Trainer};
use gloss::citations::labelled::{self, LabelledReference};
use gloss::citations::sequence::{self, Label};

/// A reference's text, the features of its words and their labels.
fn example(reference: &LabelledReference) -> (Vec<Vec<Attribute>>, Vec<&'static str>) {
    let text = reference.text();
    let words = sequence::words(&text);
    let mut labels = Vec::with_capacity(words.len());
    for (tag, segment) in &reference.segments {
        let label = Label::from_anystyle(tag);
        labels.extend(sequence::words(segment).iter().map(|_| label.name()));
    }
    (sequence::features(&text, &words), labels)
}

/// The field a label fills: a journal is a container.
fn same_field(label: &str) -> &str {
    if label == "journal" {
        "container"
    } else {
        label
    }
}

/// A segment's text without the punctuation that joined it in its list.
fn bare(text: &str) -> String {
    text.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | ';' | ':' | '.' | '(' | ')' | '“' | '”' | '"')
    })
    .to_owned()
}

/// The same work as a footnote cites it, Chicago style: "Given Family,
/// “Title,” in Book (Place: Publisher, 1999), 23." or "Family, “Title,”
/// Journal 12, no. 3 (1999): 4–9, 7.", with a page of its own at the end
/// (the locator), and the short form a later note uses ("Family, “Title,”
/// 45."). Bibliographies are what the labelled set holds; notes are what
/// gloss reads.
fn as_notes(reference: &LabelledReference, seed: usize) -> Vec<LabelledReference> {
    let get = |tag: &str| reference.first(tag).map(bare).filter(|t| !t.is_empty());
    let (Some(authors), Some(title)) = (get("author"), get("title")) else {
        return Vec::new();
    };
    let locator = format!("{}", 3 + (seed * 37) % 400);
    let pages_word = if seed.is_multiple_of(3) { "p." } else { "" };
    let mut full: Vec<(String, String)> = vec![
        ("author".into(), format!("{authors},")),
        ("title".into(), format!("“{title},”")),
    ];
    let journal = get("journal");
    let container = get("container-title");
    let year = reference
        .first("date")
        .and_then(gloss::citations::fields::year_in);
    if let Some(journal) = journal {
        full.push(("journal".into(), journal));
        if let Some(volume) = get("volume") {
            full.push(("volume".into(), volume));
        }
        if let Some(year) = &year {
            full.push(("date".into(), format!("({year}):")));
        }
        if let Some(pages) = get("pages") {
            full.push(("pages".into(), format!("{pages},")));
        }
    } else {
        if let Some(container) = container {
            if let Some(editors) = get("editor") {
                full.push(("editor".into(), format!("in {editors},")));
                full.push(("container-title".into(), container));
            } else {
                full.push(("container-title".into(), format!("in {container}")));
            }
        }
        let place = get("location");
        let publisher = get("publisher");
        let mut inside = Vec::new();
        if let Some(place) = place {
            inside.push(("location".to_owned(), place));
        }
        if let Some(publisher) = publisher {
            inside.push(("publisher".to_owned(), publisher));
        }
        if let Some(year) = &year {
            inside.push(("date".to_owned(), year.clone()));
        }
        let count = inside.len();
        for (i, (tag, text)) in inside.into_iter().enumerate() {
            let open = if i == 0 { "(" } else { "" };
            let close = if i + 1 == count {
                "),"
            } else if tag == "location" {
                ":"
            } else {
                ","
            };
            full.push((tag, format!("{open}{text}{close}")));
        }
    }
    let locator_text = if pages_word.is_empty() {
        format!("{locator}.")
    } else {
        format!("{pages_word} {locator}.")
    };
    full.push(("pages".into(), locator_text.clone()));
    let family = authors
        .split([',', ' '])
        .find(|w| w.chars().count() > 2)
        .unwrap_or(&authors)
        .to_owned();
    let short_title: String = title
        .split_whitespace()
        .take(4)
        .collect::<Vec<_>>()
        .join(" ");
    let short = vec![
        ("author".into(), format!("{family},")),
        ("title".into(), format!("“{short_title},”")),
        ("pages".into(), locator_text),
    ];
    let mut notes = vec![
        LabelledReference { segments: full },
        LabelledReference { segments: short },
    ];
    // The author–date short form: "Family 1999, 45." or "Family (1999): 45".
    if let Some(year) = &year {
        let (date, pages) = if seed.is_multiple_of(2) {
            (format!("{year},"), format!("{locator}."))
        } else {
            (format!("({year}):"), locator.clone())
        };
        notes.push(LabelledReference {
            segments: vec![
                ("author".into(), family),
                ("date".into(), date),
                ("pages".into(), pages),
            ],
        });
    }
    notes
}

/// Whether the reference at `index` is the validation fifth: with
/// `--dev`, the model is trained on the other three fifths and measured on
/// it, so features and settings are chosen without looking at the held-out
/// fifth the tests measure.
fn is_validation(index: usize) -> bool {
    index % 5 == 3
}

fn main() -> Result<()> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let dev = args.iter().any(|a| a == "--dev");
    args.retain(|a| a != "--dev");
    // "--c1=0.05", "--c2=0.01", "--iterations=250": the trainer's settings.
    let setting = |name: &str, default: f64| -> Result<f64> {
        args.iter()
            .find_map(|a| a.strip_prefix(&format!("--{name}=")))
            .map_or(Ok(default), |v| {
                v.parse()
                    .with_context(|| format!("--{name}={v} is not a number"))
            })
    };
    let (c1, c2, iterations) = (
        setting("c1", 0.1)?,
        setting("c2", 0.001)?,
        setting("iterations", 250.0)?,
    );
    args.retain(|a| !a.starts_with("--"));
    let input = args
        .first()
        .map_or("data/citations/anystyle-core.xml", String::as_str);
    let output = args.get(1).map_or(
        if dev {
            "target/citations-dev.crfsuite"
        } else {
            "src/citations/citations.crfsuite"
        },
        String::as_str,
    );
    let xml = std::fs::read_to_string(input).with_context(|| format!("reading {input}"))?;
    let references = labelled::read(&xml)?;
    let measured = |index: usize| {
        if dev {
            is_validation(index)
        } else {
            labelled::is_held_out(index)
        }
    };
    let mut trainer = Trainer::lbfgs();
    let mut trained = 0;
    for (index, reference) in references.iter().enumerate() {
        if labelled::is_held_out(index) || measured(index) {
            continue;
        }
        let (xseq, yseq) = example(reference);
        trainer.append(&xseq, &yseq)?;
        trained += 1;
        for note in as_notes(reference, index) {
            let (xseq, yseq) = example(&note);
            trainer.append(&xseq, &yseq)?;
        }
    }
    trainer.params_mut().set_c1(c1)?;
    trainer.params_mut().set_c2(c2)?;
    trainer
        .params_mut()
        .set_max_iterations(iterations as usize)?;
    trainer.train(Path::new(output))?;
    let data = std::fs::read(output)?;
    let model = Model::new(&data)?;
    let tagger = model.tagger()?;
    let (mut right, mut all) = (0, 0);
    let mut confused: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for (index, reference) in references.iter().enumerate() {
        if !measured(index) {
            continue;
        }
        let (xseq, yseq) = example(reference);
        let tagged = tagger.tag(&xseq)?;
        for (read, gold) in tagged.iter().zip(&yseq) {
            all += 1;
            if same_field(read) == same_field(gold) {
                right += 1;
            } else {
                *confused.entry((gold, read)).or_default() += 1;
            }
        }
    }
    println!(
        "trained on {trained} references; model {} KB; {} word accuracy {:.4} ({right}/{all})",
        data.len() / 1024,
        if dev { "validation" } else { "held-out" },
        right as f64 / all.max(1) as f64
    );
    let mut confused: Vec<_> = confused.into_iter().collect();
    confused.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    for ((gold, read), n) in confused.iter().take(12) {
        println!("{n:5} {gold} read as {read}");
    }
    Ok(())
}
