//! Several gloss processes on one library index at once: each waits for the
//! others, none takes a busy index for a damaged one, and the index stays
//! whole. Then an index damaged past its first pages is rebuilt.

use std::path::Path;
use std::process::{Command, Output};

fn search(cache: &Path, query: &str, library: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_gloss"))
        .args(["search", query])
        .arg(library)
        .env("XDG_CACHE_HOME", cache)
        .env("XDG_DATA_HOME", cache.join("data"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap()
}

fn library(dir: &Path) -> std::path::PathBuf {
    let library = dir.join("papers");
    std::fs::create_dir(&library).unwrap();
    for name in [
        "strakes-2015-beyond-eurasian-mediation.md",
        "fuller-2013-azerbaijan-foreign-policy.txt",
    ] {
        std::fs::copy(format!("texts/{name}"), library.join(name)).unwrap();
    }
    // More papers, so that the processes overlap while they index.
    let fuller =
        std::fs::read_to_string("texts/fuller-2013-azerbaijan-foreign-policy.txt").unwrap();
    for i in 0..12 {
        std::fs::write(
            library.join(format!("copy-{i}.txt")),
            format!("{fuller}\n\nCopy {i}.\n"),
        )
        .unwrap();
    }
    library
}

fn succeeded(output: &Output) -> bool {
    output.status.success() && !output.stdout.is_empty()
}

fn moved_aside(cache: &Path) -> Vec<String> {
    std::fs::read_dir(cache.join("gloss"))
        .map(|entries| {
            entries
                .filter_map(|e| e.ok()?.file_name().into_string().ok())
                .filter(|name| name.contains("unreadable"))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn three_searches_at_once_on_an_empty_cache_all_answer() {
    let dir = tempfile::tempdir().unwrap();
    let library = library(dir.path());
    for trial in 0..4 {
        let cache = dir.path().join(format!("cache-{trial}"));
        let children: Vec<_> = (0..3)
            .map(|_| search(&cache, "Mammadyarov", &library))
            .collect();
        for child in children {
            let output = child.wait_with_output().unwrap();
            assert!(
                succeeded(&output),
                "trial {trial}: {}",
                String::from_utf8_lossy(&output.stderr)
            );
            assert!(
                !String::from_utf8_lossy(&output.stderr).contains("moved"),
                "trial {trial}: {}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
        assert!(
            moved_aside(&cache).is_empty(),
            "trial {trial}: {:?}",
            moved_aside(&cache)
        );
        // The index left behind is whole, and a later search reads it.
        let output = search(&cache, "Gabala", &library)
            .wait_with_output()
            .unwrap();
        assert!(
            succeeded(&output),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

#[test]
fn an_index_damaged_past_its_first_pages_is_rebuilt() {
    let dir = tempfile::tempdir().unwrap();
    let library = library(dir.path());
    let cache = dir.path().join("cache");
    let output = search(&cache, "Mammadyarov", &library)
        .wait_with_output()
        .unwrap();
    assert!(succeeded(&output));
    let index = cache.join("gloss").join("library.sqlite");
    // Fold the WAL into the file, then damage it well past the first table.
    let output = search(&cache, "Gabala", &library)
        .wait_with_output()
        .unwrap();
    assert!(succeeded(&output));
    let mut bytes = std::fs::read(&index).unwrap();
    assert!(bytes.len() > 60_000, "{} bytes", bytes.len());
    for byte in &mut bytes[50_000..54_096] {
        *byte = 0xA5;
    }
    std::fs::write(&index, bytes).unwrap();
    let output = search(&cache, "Mammadyarov", &library)
        .wait_with_output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(succeeded(&output), "{stderr}");
    assert!(
        stderr.contains("damaged") && stderr.contains("rebuilt"),
        "{stderr}"
    );
    assert_eq!(moved_aside(&cache).len(), 1);
    // And the next run finds a whole index: nothing more is moved.
    let output = search(&cache, "Gabala", &library)
        .wait_with_output()
        .unwrap();
    assert!(succeeded(&output));
    assert_eq!(moved_aside(&cache).len(), 1);
}
