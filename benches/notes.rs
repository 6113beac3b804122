//! Opening a paper with many margin notes: 2,000 notes written on an earlier
//! version of the paper, re-anchored to the new one (one save), and 1,000
//! notes whose text is gone from the paper (each costs a bounded fuzzy search,
//! once). Both run before the first screen; the budget is well under 1 s.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use gloss::actors::{ActorIndex, Gazetteer};
use gloss::app::findings::Findings;
use gloss::app::reader::Reader;
use gloss::citations::Bibliography;
use gloss::margin_notes::{Anchor, MarginNoteStore};
use gloss::parse_text;

const STRAKES: &str = include_str!("../texts/strakes-2015-beyond-eurasian-mediation.md");

/// Anchors on `count` spans spread over the paper's paragraphs.
fn anchors(document: &gloss::Document, count: usize) -> Vec<Anchor> {
    let paragraphs: Vec<usize> = (0..document.blocks.len())
        .filter(|&b| document.blocks[b].text().len() > 200)
        .collect();
    (0..count)
        .filter_map(|i| {
            let block = paragraphs[i % paragraphs.len()];
            let text = document.blocks[block].text();
            let start = (i * 37) % (text.len() - 80);
            let start = (start..text.len()).find(|&s| text.is_char_boundary(s))?;
            let end = (start + 60..text.len()).find(|&e| text.is_char_boundary(e))?;
            Anchor::new(document, block, start, end)
        })
        .collect()
}

fn open(document: &gloss::Document, store: MarginNoteStore) -> Reader {
    let findings = Findings {
        actors: ActorIndex::build(document, &Gazetteer::shipped()),
        bibliography: Bibliography::of(document),
    };
    Reader::new(
        0,
        std::sync::Arc::new(document.clone()),
        Some(findings),
        store,
        120,
        38,
        None,
    )
}

fn notes(c: &mut Criterion) {
    let old = parse_text(STRAKES);
    let new = parse_text(&STRAKES.replace("In recent years", "In the most recent years"));
    let mut group = c.benchmark_group("open with notes");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(15));

    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("a temporary folder: {e}"));
    let old_anchors = anchors(&old, 2000);
    group.bench_function("re-anchor 2,000 notes on a changed paper", |b| {
        b.iter_batched(
            || {
                // Built in memory, then given its file: the re-anchoring saves it.
                let mut store = MarginNoteStore::in_memory("strakes.md", "old");
                for anchor in &old_anchors {
                    let _ = store.add(anchor.clone(), "a note");
                }
                store.path = Some(MarginNoteStore::path_for(
                    dir.path(),
                    "strakes.md",
                    "here",
                    "new",
                ));
                store
            },
            |store| black_box(open(&new, store)),
            criterion::BatchSize::PerIteration,
        )
    });

    let orphans: Vec<Anchor> = anchors(&old, 1000)
        .into_iter()
        .enumerate()
        .map(|(i, mut anchor)| {
            anchor.quote = format!("zq{i} xv wk jj qq {i} yy zz {}", "kx ".repeat(i % 40));
            anchor.prefix.clear();
            anchor.suffix = "ww".to_owned();
            anchor
        })
        .collect();
    group.bench_function("place 1,000 notes whose text is gone", |b| {
        b.iter_batched(
            || {
                let mut store = MarginNoteStore::in_memory("strakes.md", "old");
                for anchor in &orphans {
                    let _ = store.add(anchor.clone(), "an orphan");
                }
                store
            },
            |store| black_box(open(&old, store)),
            criterion::BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, notes);
criterion_main!(benches);
