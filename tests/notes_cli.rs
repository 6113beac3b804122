//! `gloss notes export` and `import` from the command line.

use std::process::Command;

const FULLER: &str = "texts/fuller-2013-azerbaijan-foreign-policy.txt";

fn gloss(data: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_gloss"))
        .args(args)
        .env("XDG_DATA_HOME", data)
        .output()
        .unwrap()
}

/// An anchor on the start of Fuller's paragraph on Iran.
fn iran_paragraph() -> gloss::margin_notes::Anchor {
    let document = gloss::parse_file(std::path::Path::new(FULLER)).unwrap();
    let block = document
        .blocks
        .iter()
        .position(|b| b.text().starts_with("Despite historic"))
        .unwrap();
    gloss::margin_notes::Anchor::new(&document, block, 0, 30).unwrap()
}

#[test]
fn export_json_and_import_it_elsewhere() {
    let first = tempfile::tempdir().unwrap();
    // Write a note through the library, where the binary would.
    let anchor = iran_paragraph();
    let dir = first.path().join("gloss/notes");
    let (mut store, _) = gloss::margin_notes::MarginNoteStore::open(
        &dir,
        "fuller-2013-azerbaijan-foreign-policy.txt",
        "elsewhere",
        &anchor.fingerprint,
        || None,
    );
    store.add(anchor, "Mutual distrust #iran").unwrap();

    let json = gloss(
        first.path(),
        &["notes", "export", FULLER, "--format", "json"],
    );
    assert!(json.status.success());
    let export = first.path().join("export.json");
    std::fs::write(&export, &json.stdout).unwrap();

    let second = tempfile::tempdir().unwrap();
    let empty = gloss(second.path(), &["notes", "export", FULLER]);
    assert!(String::from_utf8_lossy(&empty.stdout).contains("No notes yet."));
    let import = gloss(
        second.path(),
        &["notes", "import", FULLER, export.to_str().unwrap()],
    );
    assert!(
        import.status.success(),
        "{}",
        String::from_utf8_lossy(&import.stderr)
    );
    assert!(String::from_utf8_lossy(&import.stderr).contains("merged 1 note into"));
    let markdown = gloss(second.path(), &["notes", "export", FULLER]);
    let markdown = String::from_utf8_lossy(&markdown.stdout);
    assert!(
        markdown.contains("## 3.2. Iran") && markdown.contains("Mutual distrust #iran"),
        "{markdown}"
    );
    // Each note says how to reopen gloss at it, and that place is the note's.
    let open = markdown
        .lines()
        .find_map(|line| line.split("*Open:* `").nth(1))
        .and_then(|rest| rest.split('`').next())
        .expect("a command that reopens gloss at the note");
    assert!(
        open.starts_with(&format!("gloss '{FULLER}' --at '§")),
        "{open}"
    );
    let at = open.rsplit("--at '").next().unwrap().trim_end_matches('\'');
    let screen = std::process::Command::new(env!("CARGO_BIN_EXE_gloss"))
        .args(["render", FULLER, "--at", at])
        .env("XDG_CONFIG_HOME", second.path())
        .env("XDG_STATE_HOME", second.path())
        .env("XDG_DATA_HOME", second.path())
        .output()
        .unwrap();
    let screen = String::from_utf8_lossy(&screen.stdout);
    assert!(screen.contains("3.2. Iran"), "{screen}");

    let bad = second.path().join("bad.json");
    std::fs::write(&bad, "[1, 2]").unwrap();
    let refused = gloss(
        second.path(),
        &["notes", "import", FULLER, bad.to_str().unwrap()],
    );
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("is not a gloss notes export"));
}

#[test]
fn importing_another_papers_notes_is_refused_unless_forced() {
    const STRAKES: &str = "texts/strakes-2015-beyond-eurasian-mediation.md";
    let data = tempfile::tempdir().unwrap();
    let anchor = iran_paragraph();
    let mut store = gloss::margin_notes::MarginNoteStore::in_memory(
        "fuller-2013-azerbaijan-foreign-policy.txt",
        &anchor.fingerprint,
    );
    store.add(anchor, "Mutual distrust").unwrap();
    let export = data.path().join("fuller.json");
    std::fs::write(&export, gloss::margin_notes::export::to_json(&store)).unwrap();

    let refused = gloss(
        data.path(),
        &["notes", "import", STRAKES, export.to_str().unwrap()],
    );
    assert_eq!(refused.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("fuller-2013-azerbaijan-foreign-policy.txt")
            && stderr.contains("nothing was imported")
            && stderr.contains("--force"),
        "{stderr}"
    );
    let none = gloss(data.path(), &["notes", "export", STRAKES]);
    assert!(String::from_utf8_lossy(&none.stdout).contains("No notes yet."));

    let forced = gloss(
        data.path(),
        &[
            "notes",
            "import",
            STRAKES,
            export.to_str().unwrap(),
            "--force",
        ],
    );
    assert!(forced.status.success());
    let report = String::from_utf8_lossy(&forced.stdout);
    assert!(report.contains("“Mutual distrust” →"), "{report}");
}

/// An export of a paper edited since its notes were written re-anchors them
/// to the new text and saves that once, as opening the paper does: the
/// next export finds them by the new text's fingerprint, without a search.
#[test]
fn an_export_of_an_edited_paper_saves_its_notes_re_anchored() {
    let data = tempfile::tempdir().unwrap();
    let paper = data.path().join("fuller.txt");
    let original = std::fs::read_to_string(FULLER).unwrap();
    std::fs::write(&paper, &original).unwrap();
    let document = gloss::parse_file(&paper).unwrap();
    let block = document
        .blocks
        .iter()
        .position(|b| b.text().starts_with("Despite historic"))
        .unwrap();
    let anchor = gloss::margin_notes::Anchor::new(&document, block, 0, 30).unwrap();
    let dir = data.path().join("gloss/notes");
    let place = gloss::papers::PaperOrigin::File(paper.clone()).place();
    let (mut store, _) = gloss::margin_notes::MarginNoteStore::open(
        &dir,
        "fuller.txt",
        &place,
        &anchor.fingerprint,
        || None,
    );
    store.add(anchor, "Mutual distrust #iran").unwrap();

    // The paper edited: a paragraph added at the top.
    let edited = format!("A preface added later, before the paper begins.\n\n{original}");
    std::fs::write(&paper, edited).unwrap();
    let paper_arg = paper.to_str().unwrap();
    let export = gloss(data.path(), &["notes", "export", paper_arg]);
    assert!(export.status.success());
    let markdown = String::from_utf8_lossy(&export.stdout);
    assert!(markdown.contains("Mutual distrust #iran"), "{markdown}");
    // The reader's screen, rendered headless, shows the note in its margin.
    let at = markdown
        .lines()
        .find_map(|line| line.split("--at '").nth(1))
        .and_then(|rest| rest.split('\'').next())
        .expect("a place to reopen the note at");
    let screen = gloss(
        data.path(),
        &["render", paper_arg, "--at", at, "--size", "160x50"],
    );
    assert!(
        String::from_utf8_lossy(&screen.stdout).contains("Mutual distrust"),
        "{}",
        String::from_utf8_lossy(&screen.stdout)
    );

    let document = gloss::parse_file(&paper).unwrap();
    let fingerprint = gloss::margin_notes::anchor::fingerprint_hex(&document);
    let (store, _) = gloss::margin_notes::MarginNoteStore::open(
        &dir,
        "fuller.txt",
        &place,
        &fingerprint,
        || None,
    );
    let notes: Vec<_> = store.notes().collect();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].anchor.fingerprint, fingerprint);
    let placed = notes[0]
        .anchor
        .place(&document)
        .expect("placed in the edited paper");
    assert!(document.blocks[placed.block].text()[placed.start..].starts_with("Despite historic"));
}
