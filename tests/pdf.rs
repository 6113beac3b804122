//! Opening a PDF: converted by poppler's pdftotext, cached by the PDF's hash,
//! read like the converter's text; a clear sentence without pdftotext.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn corpus(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(path)
}

/// Runs gloss with its cache in `cache`, and `extra` environment variables.
fn gloss(cache: &Path, args: &[&str], extra: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_gloss"));
    command
        .args(args)
        .env("XDG_CACHE_HOME", cache)
        .env("XDG_STATE_HOME", cache.join("state"))
        .env("XDG_DATA_HOME", cache.join("data"))
        .env("XDG_CONFIG_HOME", cache.join("config"));
    for (name, value) in extra {
        command.env(name, value);
    }
    command.output().expect("the gloss binary runs")
}

fn json(output: &Output) -> Value {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("JSON")
}

fn note_texts(dump: &Value) -> Vec<String> {
    dump["footnotes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["text"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn a_pdf_reads_like_its_pdftotext_text() {
    if !common::pdftotext() {
        return;
    }
    let cache = tempfile::tempdir().unwrap();
    let pdf = corpus("pdf/turner-frontier_letter11.pdf");
    let text = corpus("shared/pdftotext_turner-frontier_letter11.txt");
    let from_pdf = json(&gloss(cache.path(), &["dump", pdf.to_str().unwrap()], &[]));
    let from_text = json(&gloss(cache.path(), &["dump", text.to_str().unwrap()], &[]));
    // The geometry sees what the text hides (a marker glued to a year), so
    // the PDF reads every note the text does, and may read more.
    let (pdf_notes, text_notes) = (note_texts(&from_pdf), note_texts(&from_text));
    for note in &text_notes {
        assert!(pdf_notes.contains(note), "the PDF lost a note: {note}");
    }
    assert!(pdf_notes.len() >= 54, "{} notes", pdf_notes.len());
    assert_eq!(from_pdf["pages"]["count"], from_text["pages"]["count"]);
    assert_eq!(
        from_pdf["title"],
        "The Significance of the Frontier in American History"
    );
}

#[test]
fn a_pdf_is_converted_from_its_file_named_however_and_keyed_by_its_bytes() {
    if !common::pdftotext() {
        return;
    }
    let cache = tempfile::tempdir().unwrap();
    let folder = tempfile::tempdir().unwrap();
    let pdf = corpus("pdf/turner-frontier_letter11.pdf");
    // A name an option parser would take for an option, run from its folder.
    std::fs::copy(&pdf, folder.path().join("-frontier.pdf")).unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_gloss"));
    let output = command
        .current_dir(folder.path())
        .args(["dump", "--", "-frontier.pdf"])
        .env("XDG_CACHE_HOME", cache.path())
        .output()
        .unwrap();
    let dump = json(&output);
    assert!(!note_texts(&dump).is_empty());
    // The cache entry is named by the SHA-256 of the PDF's bytes, read as
    // a stream (the PDF itself is never held).
    let bytes = std::fs::read(&pdf).unwrap();
    let cached: Vec<String> = std::fs::read_dir(cache.path().join("gloss/pdf"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(cached.len(), 1);
    assert!(
        cached[0].starts_with(&format!(
            "{}-{}.",
            gloss::hash::sha256_hex(&bytes),
            bytes.len()
        )),
        "{cached:?}"
    );
}

#[test]
fn a_second_open_reads_the_cache() {
    if !common::pdftotext() {
        return;
    }
    let cache = tempfile::tempdir().unwrap();
    let pdf = corpus("pdf/turner-frontier_letter11.pdf");
    json(&gloss(cache.path(), &["dump", pdf.to_str().unwrap()], &[]));
    let cached: Vec<PathBuf> = std::fs::read_dir(cache.path().join("gloss/pdf"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(cached.len(), 1);
    // What the cache holds is what the second open reads: no conversion.
    std::fs::write(&cached[0], "Cached Title\n\nThe text as cached.\n").unwrap();
    let dump = json(&gloss(
        cache.path(),
        &["dump", pdf.to_str().unwrap()],
        &[("GLOSS_PDFTOTEXT", "/nonexistent/pdftotext")],
    ));
    assert_eq!(dump["title"], "Cached Title");
}

#[test]
fn without_pdftotext_one_sentence_says_how_to_install_it() {
    let cache = tempfile::tempdir().unwrap();
    let pdf = corpus("pdf/turner-frontier_letter11.pdf");
    for command in ["dump", "render"] {
        let output = gloss(
            cache.path(),
            &[command, pdf.to_str().unwrap()],
            &[("GLOSS_PDFTOTEXT", "/nonexistent/pdftotext")],
        );
        assert_eq!(output.status.code(), Some(1), "{command}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(
            [
                "apt install poppler-utils",
                "dnf install poppler-utils",
                "pacman -S poppler",
                "brew install poppler"
            ]
            .iter()
            .all(|how| stderr.contains(how)),
            "{stderr}"
        );
    }
}

#[test]
fn a_broken_pdf_is_refused_with_the_reason() {
    if !common::pdftotext() {
        return;
    }
    let cache = tempfile::tempdir().unwrap();
    let pdf = cache.path().join("broken.pdf");
    std::fs::write(&pdf, b"%PDF-1.4\nnot really a pdf\n").unwrap();
    let output = gloss(cache.path(), &["dump", pdf.to_str().unwrap()], &[]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("cannot convert the PDF") && stderr.contains("broken.pdf"),
        "{stderr}"
    );
}

#[test]
fn the_reader_opens_a_pdf() {
    if !common::pdftotext() {
        return;
    }
    let cache = tempfile::tempdir().unwrap();
    let pdf = corpus("pdf/turner-frontier_letter11.pdf");
    let output = gloss(
        cache.path(),
        &[
            "render",
            pdf.to_str().unwrap(),
            "--size",
            "120x40",
            "--keys",
            "space space space",
        ],
        &[],
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let screen = String::from_utf8_lossy(&output.stdout);
    assert!(screen.contains("frontier"), "{screen}");
    assert!(
        screen.contains("p. 2"),
        "the status line shows the printed page: {screen}"
    );
}

/// A two-column PDF, each column with its notes at its foot: read through
/// the words' boxes, the columns come in order and each note is whole.
#[test]
fn a_two_column_pdf_is_read_column_by_column() {
    if !common::pdftotext() {
        return;
    }
    let pdf = corpus("pdf/turner-ch1_twocol-letter11.pdf");
    let bytes = std::fs::read(&pdf).unwrap();
    let text = gloss::pdf::convert(&bytes).unwrap();
    let doc = gloss::parse_text(&String::from_utf8(text).unwrap());
    let gold: Value =
        serde_json::from_str(&std::fs::read_to_string(corpus("pdf/gold.json")).unwrap()).unwrap();
    let score = common::score(&doc, &gold["turner-ch1_twocol-letter11.pdf"]);
    // Even the marker set right after a year ("census of 1820", then 10)
    // is read apart by its raised, smaller type.
    assert!(
        score.misses.is_empty() && score.checks > 90,
        "{:#?}",
        score.misses
    );
}

#[test]
#[cfg(unix)]
fn a_conversion_that_takes_too_long_is_stopped_and_leaves_no_child() {
    let dir = tempfile::tempdir().unwrap();
    let (script, pid_file) = common::slow_converter(dir.path());
    let pdf = dir.path().join("paper.pdf");
    std::fs::write(&pdf, b"%PDF-1.5\n").unwrap();
    let started = std::time::Instant::now();
    let output = gloss(
        dir.path(),
        &["dump", pdf.to_str().unwrap()],
        &[
            ("GLOSS_PDFTOTEXT", script.to_str().unwrap()),
            ("GLOSS_PDF_TIMEOUT", "1"),
        ],
    );
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("took longer than"), "{stderr}");
    assert!(started.elapsed() < std::time::Duration::from_secs(30));
    assert!(
        !common::still_running(&pid_file),
        "the converter was left running"
    );
    // Nothing was cached: the next open converts again.
    assert!(
        !dir.path().join("gloss").join("pdf").exists()
            || std::fs::read_dir(dir.path().join("gloss").join("pdf"))
                .unwrap()
                .next()
                .is_none()
    );
}

#[test]
#[cfg(unix)]
fn gloss_stopped_while_converting_stops_the_converter() {
    let dir = tempfile::tempdir().unwrap();
    let (script, pid_file) = common::slow_converter(dir.path());
    let pdf = dir.path().join("paper.pdf");
    std::fs::write(&pdf, b"%PDF-1.5\n").unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_gloss"))
        .args(["dump", pdf.to_str().unwrap()])
        .env("XDG_CACHE_HOME", dir.path())
        .env("GLOSS_PDFTOTEXT", &script)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let waited = std::time::Instant::now();
    while !pid_file.exists() && waited.elapsed() < std::time::Duration::from_secs(10) {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(common::still_running(&pid_file));
    Command::new("kill")
        .arg(child.id().to_string())
        .status()
        .unwrap();
    let status = child.wait().unwrap();
    assert!(!status.success());
    // The converter goes with gloss.
    let waited = std::time::Instant::now();
    while common::still_running(&pid_file) && waited.elapsed() < std::time::Duration::from_secs(5) {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(
        !common::still_running(&pid_file),
        "the converter was orphaned"
    );
}
