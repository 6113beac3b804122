//! Reader latency at 120x40 for both papers: time to the first frame, a page
//! turn, a resize re-page and one palette keystroke, each including drawing
//! the frame. The budget for each is one frame at 60 Hz (16 ms).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use gloss::app::positions::Positions;
use gloss::app::{App, Key, Keymap};
use gloss::papers::PaperOrigin;
use gloss::render::draw;

fn app(paper: usize) -> App {
    let mut app = App::new(
        vec![PaperOrigin::BuiltIn(paper)],
        Keymap::defaults(),
        Positions::in_memory(),
        120,
        40,
    );
    app.resize(120, 40);
    app
}

fn reader(c: &mut Criterion) {
    for (paper, name) in [(0, "fuller"), (1, "strakes")] {
        let mut group = c.benchmark_group(format!("reader/{name}"));
        group.bench_function("first frame", |b| {
            b.iter(|| {
                let app = app(black_box(paper));
                black_box(draw(&app))
            })
        });
        let mut turning = app(paper);
        group.bench_function("page turn", |b| {
            b.iter(|| {
                turning.handle_key(Key::char(' '));
                if turning.reader().is_some_and(|r| r.page().0 == r.page().1) {
                    turning.handle_key(Key::char('g'));
                }
                black_box(draw(&turning))
            })
        });
        let mut resizing = app(paper);
        resizing.handle_key(Key::char(' '));
        let mut wide = false;
        group.bench_function("resize re-page", |b| {
            b.iter(|| {
                // Alternate widths so every iteration lays the text out again.
                wide = !wide;
                resizing.resize(if wide { 121 } else { 120 }, 40);
                black_box(draw(&resizing))
            })
        });
        let mut searching = app(paper);
        searching.handle_key(Key::parse("ctrl-p").unwrap_or(Key::char('p')));
        searching.handle_key(Key::char('m'));
        group.bench_function("palette keystroke", |b| {
            b.iter(|| {
                searching.handle_key(Key::char('i'));
                let frame = draw(&searching);
                searching.handle_key(Key::parse("backspace").unwrap_or(Key::char('i')));
                black_box(frame)
            })
        });
        group.finish();
    }
}

/// One paragraph with `count` markers (superscript digits): laying it out
/// and finding the markers of its first page must grow linearly with them.
fn many_markers(c: &mut Criterion) {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    let mut group = c.benchmark_group("pathological");
    group.sample_size(10);
    for count in [20_000, 40_000, 80_000] {
        let mut text = String::from("Title\n\nIntroduction\n\n");
        for i in 1..=count {
            let label: String = i
                .to_string()
                .chars()
                .filter_map(|d| d.to_digit(10).map(|d| DIGITS[d as usize]))
                .collect();
            text.push_str(&format!("word{label} "));
        }
        let document = gloss::parse_text(&text);
        group.bench_function(
            format!("layout and the page markers, {count} markers in a paragraph"),
            |b| {
                // The paper copied before, and the reader dropped after, each
                // run: what is timed is opening it (layout, citations, the
                // page) and finding the page's markers.
                b.iter_batched(
                    || document.clone(),
                    |document| {
                        let findings = gloss::app::findings::Findings {
                            bibliography: gloss::citations::Bibliography::of(&document),
                            ..Default::default()
                        };
                        let notes = gloss::margin_notes::MarginNoteStore::in_memory("p.md", "f");
                        let reader = gloss::app::reader::Reader::new(
                            0,
                            std::sync::Arc::new(black_box(document)),
                            Some(findings),
                            notes,
                            116,
                            28,
                            None,
                        );
                        black_box(reader.page_markers().len());
                        reader
                    },
                    criterion::BatchSize::LargeInput,
                )
            },
        );
    }
    group.finish();
}

/// The first frame of a paper opened from a file, Strakes' and a 50 MB one
/// (both papers repeated), in one run: the large paper shows its first
/// pages while the rest is read in the background (waited for, untimed,
/// before the next iteration).
fn large_paper(c: &mut Criterion) {
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    let strakes = std::path::PathBuf::from("texts/strakes-2015-beyond-eurasian-mediation.md");
    let large = dir.path().join("large.md");
    let fuller = include_str!("../texts/fuller-2013-azerbaijan-foreign-policy.txt");
    let strakes_text = include_str!("../texts/strakes-2015-beyond-eurasian-mediation.md");
    let mut text = String::new();
    while text.len() < 50 * 1024 * 1024 {
        for part in [fuller, strakes_text] {
            text.push_str(part);
            text.push_str("\n\n");
        }
    }
    if std::fs::write(&large, text).is_err() {
        return;
    }
    let mut group = c.benchmark_group("first frame from a file");
    group.sample_size(10);
    for (name, path) in [("strakes", strakes), ("50MB", large)] {
        group.bench_function(name, |b| {
            b.iter_custom(|iterations| {
                let mut total = std::time::Duration::ZERO;
                for _ in 0..iterations {
                    let start = std::time::Instant::now();
                    let mut app = App::new(
                        vec![PaperOrigin::File(path.clone())],
                        Keymap::defaults(),
                        Positions::in_memory(),
                        120,
                        40,
                    );
                    black_box(draw(&app));
                    total += start.elapsed();
                    app.wait_for_paper();
                }
                total
            })
        });
    }
    group.finish();
}

criterion_group!(benches, reader, many_markers, large_paper);
criterion_main!(benches);
