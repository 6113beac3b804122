//! Parse time of each paper, and throughput on a 50 MB document next to
//! pulldown-cmark's bare event pass over the same bytes.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use gloss::document::markdown_options;
use gloss::parse_text;
use pulldown_cmark::Parser;

const FULLER: &str = include_str!("../texts/fuller-2013-azerbaijan-foreign-policy.txt");
const STRAKES: &str = include_str!("../texts/strakes-2015-beyond-eurasian-mediation.md");
/// pdftotext's output for a footnoted paper: pages, furniture, notes at each foot.
const PDFTOTEXT: &str =
    include_str!("../tests/corpus/shared/pdftotext_turner-frontier_letter11.txt");
/// pymupdf4llm's Markdown for another: blockquoted notes, page numbers.
const PYMUPDF: &str =
    include_str!("../tests/corpus/shared/pymupdf4llm_turner-old-west_letter11.md");
const LARGE_BYTES: usize = 50 * 1024 * 1024;

fn repeated(parts: &[&str]) -> String {
    let mut text =
        String::with_capacity(LARGE_BYTES + parts.iter().map(|p| p.len()).sum::<usize>());
    while text.len() < LARGE_BYTES {
        for part in parts {
            text.push_str(part);
            text.push_str("\n\n");
        }
    }
    text
}

fn papers(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse");
    for (name, text) in [("fuller", FULLER), ("strakes", STRAKES)] {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(name, |b| b.iter(|| parse_text(black_box(text))));
    }
    group.finish();
}

fn converted(c: &mut Criterion) {
    let mut group = c.benchmark_group("converted");
    for (name, text) in [("pdftotext", PDFTOTEXT), ("pymupdf4llm", PYMUPDF)] {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(name, |b| b.iter(|| parse_text(black_box(text))));
    }
    group.finish();
}

fn large(c: &mut Criterion) {
    for (name, text) in [
        ("50MB", repeated(&[FULLER, STRAKES])),
        ("50MB converted", repeated(&[PDFTOTEXT, PYMUPDF])),
    ] {
        large_pass(c, name, &text);
    }
}

fn large_pass(c: &mut Criterion, name: &str, text: &str) {
    let text = text.to_owned();
    let mut group = c.benchmark_group(name);
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("pulldown-cmark events", |b| {
        b.iter(|| {
            Parser::new_ext(black_box(&text), markdown_options())
                .into_offset_iter()
                .for_each(|event| {
                    black_box(event);
                })
        })
    });
    group.bench_function("gloss parse", |b| {
        b.iter_with_large_drop(|| parse_text(black_box(&text)))
    });
    group.finish();
}

/// Makes an input of `n` repetitions.
type MakeInput = fn(usize) -> String;

/// Inputs that once took quadratic time, at two sizes: the parse must grow
/// linearly (the larger at most 2.5× the smaller).
fn pathological(c: &mut Criterion) {
    let mut group = c.benchmark_group("pathological");
    group.sample_size(10);
    let inputs: [(&str, MakeInput); 3] = [
        ("stitched paragraphs and notes", |n| {
            "x¹\n\n1 n\n\n".repeat(n)
        }),
        ("unfinished paragraphs", |n| "a b\n\n".repeat(n)),
        ("headings", |n| {
            (0..n).map(|i| format!("# H{i}\n\n")).collect()
        }),
    ];
    for (name, make) in inputs {
        for n in [20_000, 40_000] {
            let text = make(n);
            group.bench_function(format!("{name} × {n}"), |b| {
                b.iter(|| parse_text(black_box(&text)))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, papers, converted, pathological, large);
criterion_main!(benches);
