//! `gloss search` over a folder: the index brought up to date, then asked.

use std::process::Command;

fn search(cache: &std::path::Path, args: &[&str]) -> Vec<serde_json::Value> {
    let output = Command::new(env!("CARGO_BIN_EXE_gloss"))
        .arg("search")
        .args(args)
        .env("XDG_CACHE_HOME", cache)
        .env("XDG_DATA_HOME", cache.join("data"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn words_are_found_in_the_right_paper_and_section_with_their_context() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("papers");
    std::fs::create_dir(&library).unwrap();
    for name in [
        "strakes-2015-beyond-eurasian-mediation.md",
        "fuller-2013-azerbaijan-foreign-policy.txt",
    ] {
        std::fs::copy(format!("texts/{name}"), library.join(name)).unwrap();
    }
    let cache = dir.path().join("cache");
    let hits = search(&cache, &["Mammadyarov", library.to_str().unwrap()]);
    assert!(!hits.is_empty());
    for hit in &hits {
        assert!(
            hit["snippet"].as_str().unwrap().contains("[Mammadyarov]"),
            "{hit}"
        );
    }
    // Strakes' note 6 cites Mammadyarov from the introduction.
    assert!(
        hits.iter().any(|h| h["paper"]
            .as_str()
            .unwrap()
            .ends_with("strakes-2015-beyond-eurasian-mediation.md")
            && h["kind"] == "note"
            && h["place"] == "6"
            && h["section"] == "Introduction"),
        "{hits:?}"
    );
    let gabala = search(&cache, &["Gabala", library.to_str().unwrap()]);
    assert!(
        gabala
            .iter()
            .all(|h| h["paper"].as_str().unwrap().contains("fuller"))
    );
    // A hit in the text says where it is as `gloss --at` reads it.
    let text = gabala
        .iter()
        .find(|h| h["kind"] == "text")
        .expect("a text hit");
    let place = text["place"].as_str().unwrap();
    assert!(
        gloss::document::Location::parse(place).is_some(),
        "{place} is a location"
    );
    assert_eq!(gabala[0]["kind"], "text");
    // Edited on disk: found again on the next search.
    let fuller = library.join("fuller-2013-azerbaijan-foreign-policy.txt");
    let text = std::fs::read_to_string(&fuller).unwrap() + "\nA closing word on Zanzibar.\n";
    std::fs::write(&fuller, text).unwrap();
    let zanzibar = search(&cache, &["Zanzibar", library.to_str().unwrap()]);
    assert_eq!(zanzibar.len(), 1);
    assert!(search(&cache, &["Nothingatallhere", library.to_str().unwrap()]).is_empty());
}

#[test]
fn a_folder_named_another_way_and_a_larger_library_beside_it_lose_no_hits() {
    let dir = tempfile::tempdir().unwrap();
    let small = dir.path().join("small");
    let large = dir.path().join("large");
    std::fs::create_dir(&small).unwrap();
    std::fs::create_dir(&large).unwrap();
    std::fs::copy(
        "texts/fuller-2013-azerbaijan-foreign-policy.txt",
        small.join("fuller.txt"),
    )
    .unwrap();
    let fuller =
        std::fs::read_to_string("texts/fuller-2013-azerbaijan-foreign-policy.txt").unwrap();
    for i in 0..30 {
        std::fs::write(
            large.join(format!("copy-{i}.txt")),
            format!("{fuller}\nCopy {i}.\n"),
        )
        .unwrap();
    }
    let cache = dir.path().join("cache");
    let alone = search(
        &cache,
        &["Russia", "--limit", "20", small.to_str().unwrap()],
    );
    assert_eq!(alone.len(), 20);
    // Thirty papers as good for "Russia" in the same index take no place.
    let _ = search(&cache, &["Russia", large.to_str().unwrap()]);
    let beside = search(
        &cache,
        &["Russia", "--limit", "20", small.to_str().unwrap()],
    );
    assert_eq!(beside.len(), 20);
    // The same folder, named through another path.
    let other_name = dir.path().join("large").join("..").join("small");
    let renamed = search(
        &cache,
        &["Russia", "--limit", "20", other_name.to_str().unwrap()],
    );
    assert_eq!(renamed.len(), 20);
}
