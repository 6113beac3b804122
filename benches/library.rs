//! The library's first frame: the index opened, the papers listed from it,
//! the screen drawn. With a warm index nothing is parsed, so 1,000 papers
//! should cost about what 2 do. Cold (an empty index), the papers are listed
//! by name while the indexer starts in the background.

use std::hint::black_box;
use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use gloss::app::positions::Positions;
use gloss::app::{App, Keymap};
use gloss::index::{Index, indexer};
use gloss::papers::discover;

const PAPERS: [&str; 2] = [
    include_str!("../texts/strakes-2015-beyond-eurasian-mediation.md"),
    include_str!("../texts/fuller-2013-azerbaijan-foreign-policy.txt"),
];

/// A folder of `count` papers (the two shipped ones, alternately).
fn library(dir: &Path, count: usize) -> std::path::PathBuf {
    let folder = dir.join(format!("papers-{count}"));
    std::fs::create_dir_all(&folder).unwrap();
    for i in 0..count {
        let extension = if i % 2 == 0 { "md" } else { "txt" };
        std::fs::write(
            folder.join(format!("paper-{i:04}.{extension}")),
            PAPERS[i % 2],
        )
        .unwrap();
    }
    folder
}

/// From nothing to the library's first frame, as `gloss FOLDER` draws it:
/// the first screenful from the index, the folder listed afterwards.
fn first_frame(folder: &Path, db: &Path) -> ratatui::buffer::Buffer {
    let (index, _) = Index::open(db).unwrap();
    let entries = gloss::app::indexing::first_screen(&index, &[folder.to_path_buf()]).unwrap();
    let app = App::with_entries(
        entries,
        Keymap::defaults(),
        Positions::in_memory(),
        None,
        (120, 40),
    );
    gloss::render::draw(&app)
}

fn library_benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut group = c.benchmark_group("library first frame");
    group.measurement_time(Duration::from_secs(6));
    for count in [2, 10, 100, 1000] {
        let folder = library(dir.path(), count);
        let (sources, _) = discover(std::slice::from_ref(&folder), &folder);
        let files: Vec<_> = sources.iter().map(|s| s.path()).collect();
        let warm = dir.path().join(format!("warm-{count}.sqlite"));
        let (mut index, _) = Index::open(&warm).unwrap();
        indexer::update(
            &mut index,
            &files,
            None,
            &AtomicBool::new(false),
            &mut |_| {},
        )
        .unwrap();
        drop(index);
        group.bench_function(format!("{count} papers, warm index"), |b| {
            b.iter(|| black_box(first_frame(&folder, &warm)))
        });
        let cold = dir.path().join(format!("cold-{count}.sqlite"));
        group.bench_function(format!("{count} papers, empty index"), |b| {
            b.iter(|| black_box(first_frame(&folder, &cold)))
        });
    }
    group.finish();
    let mut search = c.benchmark_group("search");
    let folder = dir.path().join("papers-1000");
    let (index, _) = Index::open(&dir.path().join("warm-1000.sqlite")).unwrap();
    search.bench_function("Mammadyarov over 1000 papers", |b| {
        b.iter(|| black_box(index.search("Mammadyarov", &[], 20).unwrap()))
    });
    drop(folder);
    search.finish();
}

criterion_group!(benches, library_benches);
criterion_main!(benches);
