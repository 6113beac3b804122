//! The library's modules stand on floors, and arrows point down: a module
//! uses only modules on floors below its own, and only the views and the
//! terminal name the terminal libraries. Read from the source, as text:
//! every `crate::module` a file names outside its tests and comments.

use std::collections::BTreeSet;
use std::path::Path;

/// Each top-level module of `src/`, with its floor (0 is the ground).
const FLOORS: &[(&str, u8)] = &[
    // Ground: safe text, hashing.
    ("text", 0),
    ("hash", 0),
    // gloss's own files and folders.
    ("files", 1),
    // Reading a paper: a PDF's text, then the cleaned source.
    ("pdf", 2),
    ("paper_text", 3),
    // Its structure.
    ("document", 4),
    // What is made of it, each on its own.
    ("papers", 5),
    ("layout", 5),
    ("actors", 5),
    ("citations", 5),
    ("margin_notes", 5),
    // What gathers those: the library index, `gloss dump`, the plain mode.
    ("index", 6),
    ("dump", 6),
    ("plain", 6),
    // The reader's state, never drawing.
    ("app", 7),
    // Views that borrow the state and draw it.
    ("ui", 8),
    // The edges: a terminal, or a headless frame.
    ("render", 9),
    ("terminal", 9),
];

/// Names the crate's root re-exports, and the module they come from.
const REEXPORTS: &[(&str, &str)] = &[
    ("parse", "document"),
    ("parse_file", "document"),
    ("parse_text", "document"),
    ("Document", "document"),
    ("LoadError", "paper_text"),
    ("PaperText", "paper_text"),
];

fn floor_of(module: &str) -> Option<u8> {
    FLOORS.iter().find(|(m, _)| *m == module).map(|&(_, f)| f)
}

/// The file's code outside its test module and comments.
fn code_of(text: &str) -> String {
    let code = text
        .find("#[cfg(test)]\nmod tests")
        .map_or(text, |at| &text[..at]);
    code.lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The top-level modules a piece of code names as `crate::module`.
fn modules_named(code: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        let name: String = code[at + "crate::".len()..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let module = REEXPORTS
            .iter()
            .find(|(re, _)| *re == name)
            .map_or(name.clone(), |&(_, m)| m.to_owned());
        found.insert(module);
    }
    found
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file of `src/` belongs to (`None` for the crate
/// root and the binary).
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let relative = file.strip_prefix(src).unwrap();
    let first = relative.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (!matches!(name, "lib" | "main")).then(|| name.to_owned())
}

#[test]
fn arrows_point_down() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut upward = Vec::new();
    for file in &files {
        let Some(module) = module_of(&src, file) else {
            continue;
        };
        let floor = floor_of(&module)
            .unwrap_or_else(|| panic!("module '{module}' has no floor: add it to FLOORS"));
        let code = code_of(&std::fs::read_to_string(file).unwrap());
        for used in modules_named(&code) {
            if used == module {
                continue;
            }
            let used_floor = floor_of(&used)
                .unwrap_or_else(|| panic!("'{used}' (named in {file:?}) has no floor"));
            if used_floor >= floor {
                upward.push(format!(
                    "{} (floor {floor}) uses {used} (floor {used_floor})",
                    file.strip_prefix(&src).unwrap().display()
                ));
            }
        }
    }
    assert!(
        upward.is_empty(),
        "arrows that do not point down:\n{}",
        upward.join("\n")
    );
}

#[test]
fn only_the_views_and_the_edges_name_the_terminal_libraries() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut offenders = Vec::new();
    for file in &files {
        let Some(module) = module_of(&src, file) else {
            continue;
        };
        if floor_of(&module).is_some_and(|f| f >= floor_of("ui").unwrap()) {
            continue;
        }
        let code = code_of(&std::fs::read_to_string(file).unwrap());
        if code.contains("ratatui") || code.contains("crossterm") {
            offenders.push(file.strip_prefix(&src).unwrap().display().to_string());
        }
    }
    assert!(
        offenders.is_empty(),
        "below the views, yet naming a terminal library: {offenders:?}"
    );
}

#[test]
fn the_rules_see_what_they_check() {
    let code = code_of(
        "use crate::app::App;\n// crate::ui in a comment\nfn f() { crate::parse_text(\"\"); }\n#[cfg(test)]\nmod tests { use crate::render; }",
    );
    assert_eq!(
        modules_named(&code),
        BTreeSet::from(["app".to_owned(), "document".to_owned()])
    );
}
