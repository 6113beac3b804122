//! The plain mode, for screen readers and pipes: each page's text, then its
//! notes, in plain lines; snapshots at 40 and 80 columns, and the real binary
//! through a pipe and in a terminal.

mod common;

use std::process::{Command, Stdio};

use gloss::plain::PlainReading;

const FULLER: &str = "texts/fuller-2013-azerbaijan-foreign-policy.txt";
const STRAKES: &str = "texts/strakes-2015-beyond-eurasian-mediation.md";

fn paper(path: &str) -> gloss::Document {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    gloss::parse_file(&path).unwrap()
}

#[test]
fn pages_at_40_and_80_columns() {
    let fuller = paper(FULLER);
    let strakes = paper(STRAKES);
    for width in [40, 80] {
        // Fuller's first page (front matter, an author note) and a page of
        // Strakes with its notes, a table and a note running over pages.
        insta::assert_snapshot!(
            format!("fuller_page_1_{width}"),
            PlainReading::new(&fuller, width).page(0)
        );
        let reading = PlainReading::new(&strakes, width);
        let table = reading
            .pages()
            .iter()
            .position(|p| {
                p.blocks
                    .clone()
                    .any(|b| matches!(strakes.blocks[b].kind, gloss::document::BlockKind::Table(_)))
            })
            .unwrap();
        insta::assert_snapshot!(format!("strakes_page_4_{width}"), reading.page(3));
        insta::assert_snapshot!(format!("strakes_table_page_{width}"), reading.page(table));
    }
}

#[test]
fn every_line_fits_and_nothing_draws_a_box() {
    for path in [FULLER, STRAKES] {
        let document = paper(path);
        for width in [40, 80] {
            let text = PlainReading::new(&document, width).whole();
            for line in text.lines() {
                // A word longer than the line (a web address) is broken.
                assert!(line.chars().count() <= width, "{path} at {width}: {line}");
                assert!(
                    !line.chars().any(|c| ('\u{2500}'..='\u{257F}').contains(&c)),
                    "{line}"
                );
            }
        }
    }
}

/// Every note of the paper is read once, after the page that cites it.
#[test]
fn through_a_pipe_every_note_is_read_once_after_its_page() {
    for path in [FULLER, STRAKES] {
        let document = paper(path);
        let dir = tempfile::tempdir().unwrap();
        let env = [
            ("XDG_CONFIG_HOME", dir.path()),
            ("XDG_STATE_HOME", dir.path()),
            ("XDG_DATA_HOME", dir.path()),
            ("XDG_CACHE_HOME", dir.path()),
        ];
        let full = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
        let full = full.to_str().unwrap();
        let text = common::gloss_output(&["read", "--plain", full], &env);
        let pages = text.lines().filter(|l| l.starts_with("Page ")).count();
        assert_eq!(pages, PlainReading::new(&document, 80).page_count());
        let name = |note: &gloss::document::Footnote| match note.kind {
            gloss::document::NoteKind::Unmarked => "\nNote without a marker: ".to_owned(),
            _ => format!("\nNote {}: ", note.label),
        };
        for note in &document.footnotes {
            let same = document.footnotes.iter().filter(|n| name(n) == name(note));
            assert_eq!(
                text.matches(&name(note)).count(),
                same.count(),
                "{path}: {}",
                name(note)
            );
        }
        // Named alone into a pipe, or with GLOSS_PLAIN, the reader reads plainly too.
        assert_eq!(common::gloss_output(&[full], &env), text);
        let mut command = Command::new(env!("CARGO_BIN_EXE_gloss"));
        command.args(["read", full]).env("GLOSS_PLAIN", "1");
        let output = command.output().unwrap();
        assert_eq!(String::from_utf8_lossy(&output.stdout), text);
        // One page alone.
        let page = common::gloss_output(&["read", "--plain", "--page", "2", full], &env);
        assert!(page.starts_with("Page 2 of "), "{page}");
        assert!(text.contains(&page));
    }
}

#[test]
fn a_reader_that_closes_the_pipe_ends_gloss_quietly() {
    let full = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(STRAKES);
    let mut child = Command::new(env!("CARGO_BIN_EXE_gloss"))
        .args(["read", "--plain", "--width", "0"])
        .arg(&full)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Like `| head -c 10`: read a little and close the pipe.
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 10];
    std::io::Read::read_exact(&mut stdout, &mut first).unwrap();
    drop(stdout);
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{output:?}");
    assert!(output.stderr.is_empty(), "{output:?}");
    assert_eq!(&first, b"Page 1 of ");
}

#[test]
fn a_missing_page_is_a_sentence() {
    let full = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(FULLER);
    let output = Command::new(env!("CARGO_BIN_EXE_gloss"))
        .args(["read", "--plain", "--page", "400"])
        .arg(&full)
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "gloss: the paper has no page 400: its pages are 1 to 13\n"
    );
}
