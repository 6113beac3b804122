//! Reading a paper's citations: every note split, parsed and resolved, and
//! the same works found again. It runs when a paper opens and for `gloss
//! dump` and `gloss sources`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use gloss::citations::Bibliography;
use gloss::parse_text;

const STRAKES: &str = include_str!("../texts/strakes-2015-beyond-eurasian-mediation.md");
const TURNER: &str =
    include_str!("../tests/corpus/shared/pdftotext-layout_turner-old-west_a4-10.txt");

/// A paper with `count` notes citing `works` distinct works in Chicago
/// style, with short forms and "Ibid." between them.
fn many_notes(count: usize, works: usize) -> String {
    let mut text = String::from("Title\n\nIntroduction\n\n");
    for i in 1..=count {
        text.push_str(&format!("Claim {i}.<sup>{i}</sup>\n\n"));
    }
    for i in 1..=count {
        let work = (i * 7919) % works;
        let (name, other) = (surname(work), surname(work / 2));
        let note = match i % 4 {
            0 => "Ibid., p. 12.".to_owned(),
            1 => format!(
                "Author {name}, “A Study of Subject {work} in Its Setting” (Boston, {}), ii, p. {i}.",
                1800 + work % 200
            ),
            2 => format!("{name}, “A Study of Subject {work},” p. {i}."),
            _ => format!("{name}, loc. cit., p. {i}; see also {other}, op. cit."),
        };
        text.push_str(&format!("<sup>{i}</sup> {note}\n\n"));
    }
    text
}

/// A surname of letters for work `work`, one per work ("Bacson"): names
/// are compared by their letters, so numbers would make every work one
/// author's.
fn surname(work: usize) -> String {
    let mut letters = String::new();
    let mut rest = work;
    for _ in 0..3 {
        letters.push(char::from(b'a' + (rest % 26) as u8));
        rest /= 26;
    }
    let mut name: String = letters.chars().rev().collect();
    name[..1].make_ascii_uppercase();
    name + "son"
}

fn citations(c: &mut Criterion) {
    let mut group = c.benchmark_group("citations");
    group.measurement_time(Duration::from_secs(8));
    for (name, text) in [
        ("strakes", STRAKES.to_owned()),
        ("turner", TURNER.to_owned()),
    ] {
        let document = parse_text(&text);
        group.bench_function(name, |b| b.iter(|| Bibliography::of(black_box(&document))));
    }
    let large = parse_text(&many_notes(5_000, 1_500));
    group.sample_size(10);
    group.bench_function("5000 notes, 1500 works", |b| {
        b.iter(|| Bibliography::of(black_box(&large)))
    });
    group.finish();
}

criterion_group!(benches, citations);
criterion_main!(benches);
