//! `gloss dump` as other tools see it: JSON on stdout, errors on stderr.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn gloss(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gloss"))
        .args(args)
        .output()
        .expect("the gloss binary runs")
}

fn dump_file(name: &str, bytes: &[u8]) -> (tempfile::TempDir, Output) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let output = gloss(&["dump", path.to_str().unwrap()]);
    (dir, output)
}

fn json(output: &Output) -> Value {
    assert!(
        output.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("stdout is JSON")
}

#[test]
fn dumps_both_papers_in_the_documented_shape() {
    for path in [
        "texts/fuller-2013-azerbaijan-foreign-policy.txt",
        "texts/strakes-2015-beyond-eurasian-mediation.md",
    ] {
        let dump = json(&gloss(&["dump", path, "--format", "json"]));
        assert_eq!(dump["source"], path);
        assert!(dump["title"].is_string());
        assert!(dump["authors"].as_array().is_some_and(|a| !a.is_empty()));
        let section = &dump["sections"][0];
        assert!(
            section["level"].is_u64() && section["title"].is_string() && section["block"].is_u64()
        );
        let blocks = dump["blocks"].as_array().unwrap();
        let kinds = [
            "heading",
            "paragraph",
            "quote",
            "list_item",
            "table",
            "figure",
            "toc",
            "front_matter",
            "back_matter",
        ];
        for block in blocks {
            assert!(kinds.contains(&block["kind"].as_str().unwrap()));
            assert!(block["text"].is_string() && block["notes"].is_array());
            let source = block["source"].as_array().unwrap();
            assert!(
                source
                    .iter()
                    .all(|r| r.as_array().is_some_and(|r| r.len() == 2))
            );
        }
        for note in dump["footnotes"].as_array().unwrap() {
            assert!(["ok", "empty", "missing"].contains(&note["status"].as_str().unwrap()));
            assert!(
                note["label"].is_string()
                    && note["text"].is_string()
                    && note["cited_in"].is_array()
            );
        }
        let cited: Vec<&Value> = blocks
            .iter()
            .filter(|b| b["notes"].as_array().is_some_and(|n| !n.is_empty()))
            .collect();
        assert!(!cited.is_empty());
    }
    let strakes = json(&gloss(&[
        "dump",
        "texts/strakes-2015-beyond-eurasian-mediation.md",
    ]));
    let table = strakes["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["kind"] == "table")
        .unwrap();
    assert_eq!(table["rows"][0][0], "Year");
}

#[test]
fn empty_file_is_an_empty_document() {
    let (_dir, output) = dump_file("empty.md", b"");
    let dump = json(&output);
    assert_eq!(dump["blocks"].as_array().unwrap().len(), 0);
    assert_eq!(dump["footnotes"].as_array().unwrap().len(), 0);
}

#[test]
fn binary_file_is_refused() {
    let (_dir, output) = dump_file("paper.bin", b"\x7FELF\x00\x01\x02binary");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("paper.bin") && stderr.contains("not a text file"),
        "{stderr}"
    );
    assert!(output.stdout.is_empty());
}

#[test]
fn non_utf8_is_decoded_with_a_warning() {
    let (_dir, output) = dump_file("latin1.txt", b"Title\n\nIntroduction\n\nCaf\xe9 society.\n");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let dump = json(&output);
    assert!(
        stderr.contains("latin1.txt") && stderr.contains("read as windows-1252"),
        "{stderr}"
    );
    assert!(
        dump["warnings"][0]
            .as_str()
            .unwrap()
            .contains("read as windows-1252")
    );
    assert_eq!(dump["encoding"], "windows-1252");
    let text = dump["blocks"].as_array().unwrap().last().unwrap()["text"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(text, "Café society.");
}

#[test]
fn missing_file_is_an_error_naming_it() {
    let output = gloss(&["dump", "no/such/paper.md"]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("no/such/paper.md") && stderr.contains("no such file"),
        "{stderr}"
    );
}

#[test]
fn escape_sequences_never_reach_the_output() {
    let hostile = b"\x1b]0;owned\x07Title \x1b[2J\x1b[31mred\n\nIntroduction\n\nText\x1b[?1049h with \x9b6n controls\x07 and \x1bP+q\x1b\\ DCS.<sup>1</sup>\n\n<sup>1</sup> Note \x1b[5m.\n";
    let (_dir, output) = dump_file("hostile.md", hostile);
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let dump = json(&output);
    assert!(!stdout.contains('\x1b') && !stdout.contains('\u{9b}') && !stdout.contains('\x07'));
    assert!(!stdout.contains("\\u001b"), "escaped ESC in JSON: {stdout}");
    assert_eq!(dump["title"], "Title red");
    let warnings = dump["warnings"].as_array().unwrap();
    assert!(
        warnings
            .iter()
            .any(|w| w.as_str().unwrap().contains("control characters"))
    );
}

#[test]
fn folder_is_refused_with_a_clear_message() {
    let output = gloss(&["dump", "texts"]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("is a folder"));
    assert!(Path::new("texts").is_dir());
}
