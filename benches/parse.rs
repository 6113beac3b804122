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
const LARGE_BYTES: usize = 50 * 1024 * 1024;

fn large_document() -> String {
    let mut text = String::with_capacity(LARGE_BYTES + FULLER.len() + STRAKES.len());
    while text.len() < LARGE_BYTES {
        text.push_str(FULLER);
        text.push_str("\n\n");
        text.push_str(STRAKES);
        text.push_str("\n\n");
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

fn large(c: &mut Criterion) {
    let text = large_document();
    let mut group = c.benchmark_group("50MB");
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

criterion_group!(benches, papers, large);
criterion_main!(benches);
