//! Notes files survive crashes and concurrent writers.

use std::path::PathBuf;
use std::process::{Child, Command};
use std::time::Duration;

use gloss::margin_notes::MarginNoteStore;

fn writer() -> PathBuf {
    let gloss = PathBuf::from(env!("CARGO_BIN_EXE_gloss"));
    gloss
        .parent()
        .unwrap()
        .join("examples")
        .join("notes_writer")
}

fn spawn(dir: &std::path::Path, count: usize, label: &str) -> Child {
    Command::new(writer()).arg(dir).arg(count.to_string()).arg(label).spawn().expect("the notes_writer example: run `cargo test` (which builds examples) or `cargo build --examples`")
}

#[test]
fn killing_a_saving_process_never_leaves_a_broken_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = MarginNoteStore::path_for(dir.path(), "paper.md", "here", "f00d");
    // A fixed sequence of pseudo-random instants, so the test is repeatable.
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut survived = 0;
    for _ in 0..40 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let mut child = spawn(dir.path(), 0, "killed");
        std::thread::sleep(Duration::from_millis(5 + seed % 60));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        if file.exists() {
            let text = std::fs::read_to_string(&file).unwrap();
            assert!(!text.is_empty(), "an empty notes file after a kill");
            let (store, problem) =
                MarginNoteStore::open(dir.path(), "paper.md", "here", "f00d", || None);
            assert!(problem.is_none(), "{problem:?}");
            survived = store.notes().count();
        }
    }
    assert!(survived > 0, "no note was ever saved");
}

#[test]
fn two_processes_adding_notes_at_once_keep_all_of_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut first = spawn(dir.path(), 25, "first");
    let mut second = spawn(dir.path(), 25, "second");
    assert!(first.wait().unwrap().success());
    assert!(second.wait().unwrap().success());
    let (store, problem) = MarginNoteStore::open(dir.path(), "paper.md", "here", "f00d", || None);
    assert!(problem.is_none());
    let texts: Vec<&str> = store.notes().map(|n| n.text.as_str()).collect();
    assert_eq!(texts.len(), 50, "{texts:?}");
    assert_eq!(texts.iter().filter(|t| t.starts_with("first")).count(), 25);
}
