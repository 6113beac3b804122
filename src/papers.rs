//! Where papers come from: files and folders named on the command line,
//! `texts/` under the working directory, or the two papers built in; their
//! keys, and the year a file's name or front matter gives. Below both the
//! library index and the reader, which list and open what is found here.

use std::path::{Path, PathBuf};

use crate::document::{BlockKind, Document};
use crate::paper_text::{LoadError, PaperText};
use crate::text::clean_line;

/// The papers built into the binary, so that it is a working reader alone.
pub const BUILT_IN: [(&str, &str); 2] = [
    (
        "fuller-2013-azerbaijan-foreign-policy.txt",
        include_str!("../texts/fuller-2013-azerbaijan-foreign-policy.txt"),
    ),
    (
        "strakes-2015-beyond-eurasian-mediation.md",
        include_str!("../texts/strakes-2015-beyond-eurasian-mediation.md"),
    ),
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaperOrigin {
    File(PathBuf),
    BuiltIn(usize),
}

impl PaperOrigin {
    pub fn file_name(&self) -> String {
        match self {
            // File names are shown on screen: no control characters.
            PaperOrigin::File(path) => clean_line(&path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            )),
            PaperOrigin::BuiltIn(i) => BUILT_IN[*i].0.to_owned(),
        }
    }

    /// The key reading positions are saved under: the file's full path,
    /// with bytes that are not UTF-8 written out (two names that differ only
    /// there are two papers).
    pub fn key(&self) -> String {
        match self {
            PaperOrigin::File(path) => {
                path_key(&std::fs::canonicalize(path).unwrap_or_else(|_| path.clone()))
            }
            PaperOrigin::BuiltIn(i) => format!("built-in:{}", BUILT_IN[*i].0),
        }
    }

    /// Where the paper is, as a short stable name for its notes file.
    pub fn place(&self) -> String {
        place_of(&self.key())
    }

    pub fn load(&self) -> Result<PaperText, LoadError> {
        self.load_unless(&std::sync::atomic::AtomicBool::new(false))
    }

    /// [`Self::load`], a PDF's conversion stopped when `cancel` is set.
    pub fn load_unless(
        &self,
        cancel: &std::sync::atomic::AtomicBool,
    ) -> Result<PaperText, LoadError> {
        match self {
            PaperOrigin::File(path) => PaperText::load_unless(path, cancel),
            PaperOrigin::BuiltIn(i) => {
                PaperText::from_bytes(Path::new(BUILT_IN[*i].0), BUILT_IN[*i].1.as_bytes())
            }
        }
    }

    /// The fingerprint earlier versions of gloss filed this paper's margin
    /// notes under (read again from the file: asked only while such files
    /// are left).
    pub fn legacy_fingerprint(&self) -> Option<String> {
        match self {
            PaperOrigin::File(path) => crate::files::open_limited(path, crate::files::limits::PDF)
                .ok()
                .and_then(|(file, _)| crate::hash::legacy_fingerprint_of(file).ok()),
            PaperOrigin::BuiltIn(i) => Some(crate::hash::legacy_fingerprint_hex(
                BUILT_IN[*i].1.as_bytes(),
            )),
        }
    }

    pub fn path(&self) -> PathBuf {
        match self {
            PaperOrigin::File(path) => path.clone(),
            PaperOrigin::BuiltIn(i) => PathBuf::from(BUILT_IN[*i].0),
        }
    }
}

/// What a library shows of a paper before it is opened: from the index's
/// row, or from a first reading. The one description of a paper the index
/// stores, the library lists and the reader's status line names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Listing {
    pub title: String,
    pub authors: Vec<String>,
    pub year: Option<u16>,
    pub keywords: Vec<String>,
    pub abstract_text: Option<String>,
    /// How many margin notes it has (as last indexed).
    pub margin_notes: usize,
    /// Why the paper cannot be opened, if it cannot.
    pub problem: Option<String>,
}

impl Listing {
    /// What a parsed paper says of itself; its file's name for a title it lacks.
    pub fn of(source: &PaperOrigin, document: &Document) -> Self {
        Self {
            title: document
                .metadata
                .title
                .clone()
                .unwrap_or_else(|| source.file_name()),
            authors: document.metadata.authors.clone(),
            year: year_of(source, document),
            keywords: document.metadata.keywords.clone(),
            abstract_text: document.metadata.abstract_text.clone(),
            margin_notes: 0,
            problem: None,
        }
    }

    /// A paper not read yet: its file's name.
    pub fn pending(source: &PaperOrigin) -> Self {
        Self {
            title: source.file_name(),
            ..Self::default()
        }
    }

    /// A paper that cannot be read, and why.
    pub fn unreadable(source: &PaperOrigin, problem: String) -> Self {
        Self {
            problem: Some(problem),
            ..Self::pending(source)
        }
    }
}

/// A paper's year: from its file name (not an arXiv identifier), else its
/// front or back matter.
pub fn year_of(source: &PaperOrigin, document: &Document) -> Option<u16> {
    let name = source.file_name();
    year_in(&without_arxiv_ids(&name))
        .or_else(|| arxiv_year(&name))
        .or_else(|| {
            // Short lines (a date, "Working Paper 13 | 2013"), not the
            // abstract, whose citations carry other papers' years.
            document
                .blocks
                .iter()
                .filter(|b| matches!(b.kind, BlockKind::FrontMatter | BlockKind::BackMatter))
                .filter(|b| b.text().len() <= 200)
                .find_map(|b| year_in(b.text()))
        })
}

/// The year an arXiv identifier in a file's name was given in ("2309.00267": 2023).
fn arxiv_year(name: &str) -> Option<u16> {
    arxiv_ids(name).into_iter().find_map(|id| {
        let digit = |i: usize| u16::from(name.as_bytes()[id.start + i] - b'0');
        let (year, month) = (digit(0) * 10 + digit(1), digit(2) * 10 + digit(3));
        // New-style identifiers began in April 2007.
        ((7..=99).contains(&year) && (1..=12).contains(&month)).then_some(2000 + year)
    })
}

/// The first plausible year (1900–2099) in `text`.
fn year_in(text: &str) -> Option<u16> {
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(3)).find_map(|i| {
        let window = &bytes[i..i + 4];
        let boundary_before = i == 0 || !bytes[i - 1].is_ascii_digit();
        // "2022b" is a citation's year, not the paper's.
        let boundary_after = bytes
            .get(i + 4)
            .is_none_or(|b| !b.is_ascii_digit() && !b.is_ascii_lowercase());
        (boundary_before
            && boundary_after
            && window.iter().all(u8::is_ascii_digit)
            && (window[0..2] == *b"19" || window[0..2] == *b"20"))
            .then(|| std::str::from_utf8(window).ok()?.parse().ok())
            .flatten()
    })
}

/// Where a file name holds arXiv identifiers: four digits, a point, four
/// or five digits ("2012.01234v2", "1905.12345").
fn arxiv_ids(name: &str) -> Vec<std::ops::Range<usize>> {
    let bytes = name.as_bytes();
    let digits = |from: usize| {
        bytes[from..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count()
    };
    let mut ids = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let boundary = i == 0 || !bytes[i - 1].is_ascii_digit();
        if boundary && digits(i) == 4 && bytes.get(i + 4) == Some(&b'.') {
            let tail = digits(i + 5);
            if (4..=5).contains(&tail) {
                ids.push(i..i + 5 + tail);
                i += 5 + tail;
                continue;
            }
        }
        i += 1;
    }
    ids
}

/// An arXiv identifier's digits are not a year: they are blanked out
/// before a year is looked for in a file name.
fn without_arxiv_ids(name: &str) -> String {
    let mut out = name.as_bytes().to_vec();
    for id in arxiv_ids(name) {
        out[id].fill(b'_');
    }
    String::from_utf8(out).unwrap_or_else(|_| name.to_owned())
}

/// Files in a folder that are about the folder, not papers.
fn is_folder_file(path: &Path) -> bool {
    const NAMES: [&str; 12] = [
        "readme",
        "license",
        "licence",
        "copying",
        "changelog",
        "changes",
        "contributing",
        "code_of_conduct",
        "authors",
        "install",
        "security",
        "todo",
    ];
    path.file_stem()
        .and_then(|s| s.to_str())
        .is_some_and(|stem| NAMES.contains(&stem.to_ascii_lowercase().as_str()))
}

/// Whether a file's name is that of a paper: a text, Markdown or PDF file
/// that is not about its folder.
fn is_paper_name(path: &Path) -> bool {
    !is_folder_file(path)
        && path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
            matches!(
                e.to_ascii_lowercase().as_str(),
                "txt" | "md" | "markdown" | "text" | "pdf"
            )
        })
}

/// Whether `dir` holds at least one paper (it stops at the first).
pub fn has_papers(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries
            .filter_map(Result::ok)
            .any(|entry| is_paper_name(&entry.path()) && entry.path().is_file())
    })
}

/// The papers in `dir`, and how many links in it were skipped for leading
/// outside it (a folder someone gave you should not reach your other files).
fn papers_in(dir: &Path) -> std::io::Result<(Vec<PaperOrigin>, usize)> {
    let mut inside: Option<Option<PathBuf>> = None;
    let mut skipped = 0;
    let mut files: Vec<PathBuf> = Vec::new();
    for entry in std::fs::read_dir(dir)?.filter_map(Result::ok) {
        // The entry's type comes with the listing: no stat per file, except
        // for a link, which is followed if it stays in the folder.
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let path = entry.path();
        if !is_paper_name(&path) {
            continue;
        }
        if kind.is_file() {
            files.push(path);
        } else if kind.is_symlink() && path.is_file() {
            let folder = inside.get_or_insert_with(|| std::fs::canonicalize(dir).ok());
            let target = std::fs::canonicalize(&path).ok();
            match (folder, target) {
                (Some(folder), Some(target)) if target.starts_with(folder.as_path()) => {
                    files.push(path);
                }
                _ => skipped += 1,
            }
        }
    }
    files.sort_by(|a, b| crate::text::natural_order(&a.to_string_lossy(), &b.to_string_lossy()));
    Ok((files.into_iter().map(PaperOrigin::File).collect(), skipped))
}

/// The keys of many papers ([`PaperOrigin::key`]), each folder resolved
/// once: resolving every file's path whole costs a system call per folder
/// above it, for each of a library's thousands of papers.
#[derive(Debug, Default)]
pub struct Keys {
    folders: std::collections::HashMap<PathBuf, Option<PathBuf>>,
}

impl Keys {
    /// The key of the file at `path`; a link is keyed by where it leads,
    /// resolved whole.
    pub fn of_file(&mut self, path: &Path, is_link: bool) -> String {
        let (Some(folder), Some(name), false) = (path.parent(), path.file_name(), is_link) else {
            return PaperOrigin::File(path.to_path_buf()).key();
        };
        let resolved = self
            .folders
            .entry(folder.to_path_buf())
            .or_insert_with(|| std::fs::canonicalize(folder).ok());
        match resolved {
            Some(folder) => path_key(&folder.join(name)),
            None => path_key(path),
        }
    }
}

fn skipped_links(shown: &str, skipped: usize) -> Option<String> {
    (skipped > 0).then(|| {
        let links = if skipped == 1 { "a link" } else { "links" };
        format!("skipped {links} in '{shown}' leading outside the folder ({skipped})")
    })
}

/// The papers to list: those named, else `texts/`, else the built-in ones;
/// with a sentence for each path that could not be used.
/// A path as text that keeps every byte apart: invalid UTF-8 is escaped.
pub fn path_key(path: &Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        if let Some(text) = path.to_str() {
            return text.to_owned();
        }
        let mut key = String::new();
        for chunk in path.as_os_str().as_bytes().utf8_chunks() {
            key.push_str(chunk.valid());
            for byte in chunk.invalid() {
                key.push_str(&format!("\\x{byte:02x}"));
            }
        }
        key
    }
    #[cfg(not(unix))]
    {
        path.display().to_string()
    }
}

/// A short hash of a paper's key (its path): part of its notes file's name.
pub fn place_of(key: &str) -> String {
    format!("{:08x}", crate::hash::fnv1a(key.as_bytes()) as u32)
}

pub fn discover(paths: &[PathBuf], working_dir: &Path) -> (Vec<PaperOrigin>, Vec<String>) {
    let mut sources = Vec::new();
    let mut problems = Vec::new();
    if paths.is_empty() {
        let texts = working_dir.join("texts");
        match papers_in(&texts) {
            Ok((found, skipped)) if !found.is_empty() => {
                sources = found;
                problems.extend(skipped_links("texts", skipped));
            }
            _ => sources = (0..BUILT_IN.len()).map(PaperOrigin::BuiltIn).collect(),
        }
        return (sources, problems);
    }
    for path in paths {
        let shown = clean_line(&path.display().to_string());
        if path.is_dir() {
            match papers_in(path) {
                Ok((found, skipped)) => {
                    if found.is_empty() {
                        problems.push(format!(
                            "'{shown}' holds no papers: copy .txt, .md or .pdf files into it (a PDF is converted when opened), or name a paper: gloss paper.pdf"
                        ));
                    }
                    problems.extend(skipped_links(&shown, skipped));
                    sources.extend(found);
                }
                Err(error) => problems.push(format!("cannot read the folder '{shown}': {error}")),
            }
        } else {
            // Loading says what is wrong with a file that is not a regular
            // one; here only what keeps it from being found at all.
            match std::fs::metadata(path) {
                Ok(_) => sources.push(PaperOrigin::File(path.clone())),
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                    problems.push(format!("cannot open '{shown}': no such file"))
                }
                Err(error) => problems.push(format!("cannot open '{shown}': {error}")),
            }
        }
    }
    (sources, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_paths_and_missing_ones() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "A").unwrap();
        std::fs::write(dir.path().join("b.pdf"), "%PDF-1.5").unwrap();
        std::fs::write(dir.path().join("c.jpg"), "C").unwrap();
        let missing = dir.path().join("gone.md");
        let (sources, problems) = discover(&[dir.path().to_path_buf(), missing], dir.path());
        assert_eq!(
            sources,
            vec![
                PaperOrigin::File(dir.path().join("a.md")),
                PaperOrigin::File(dir.path().join("b.pdf"))
            ]
        );
        assert!(problems[0].contains("gone.md") && problems[0].contains("no such file"));
    }

    #[test]
    #[cfg(unix)]
    fn names_differing_in_invalid_bytes_are_two_papers() {
        use std::os::unix::ffi::OsStrExt;
        let first = Path::new(std::ffi::OsStr::from_bytes(b"/p/caf\xe9.md"));
        let second = Path::new(std::ffi::OsStr::from_bytes(b"/p/caf\xe8.md"));
        assert_ne!(path_key(first), path_key(second));
        assert_ne!(place_of(&path_key(first)), place_of(&path_key(second)));
        assert_eq!(path_key(Path::new("/p/a b.md")), "/p/a b.md");
    }

    #[test]
    fn years() {
        assert_eq!(year_in("strakes-2015-beyond"), Some(2015));
        assert_eq!(year_in("Updated: 8 April 2013"), Some(2013));
        assert_eq!(year_in("12345 and 1850"), None);
        assert_eq!(
            year_in(&without_arxiv_ids("2012.01234v2-attention.md")),
            None
        );
        assert_eq!(year_in(&without_arxiv_ids("1905.12345.txt")), None);
        assert_eq!(
            year_in(&without_arxiv_ids("smith-2019-2012.01234.md")),
            Some(2019)
        );
    }

    #[test]
    #[cfg(unix)]
    fn links_leading_outside_the_folder_are_skipped_and_said() {
        let dir = tempfile::tempdir().unwrap();
        let library = dir.path().join("library");
        std::fs::create_dir(&library).unwrap();
        std::fs::write(library.join("paper.md"), "A").unwrap();
        let secret = dir.path().join("secret.txt");
        std::fs::write(&secret, "not a paper").unwrap();
        std::os::unix::fs::symlink(&secret, library.join("leak.txt")).unwrap();
        std::os::unix::fs::symlink(library.join("paper.md"), library.join("alias.md")).unwrap();
        let (sources, problems) = discover(std::slice::from_ref(&library), dir.path());
        assert_eq!(
            sources,
            vec![
                PaperOrigin::File(library.join("alias.md")),
                PaperOrigin::File(library.join("paper.md"))
            ]
        );
        assert!(
            problems[0].contains("leading outside the folder"),
            "{problems:?}"
        );
    }

    #[test]
    #[cfg(unix)]
    fn keys_made_a_folder_at_a_time_are_the_keys_of_whole_paths() {
        let dir = tempfile::tempdir().unwrap();
        let library = dir.path().join("library");
        std::fs::create_dir(&library).unwrap();
        std::fs::write(library.join("paper.md"), "A").unwrap();
        // The folder reached through a link, and a paper that is a link.
        std::os::unix::fs::symlink(&library, dir.path().join("shelf")).unwrap();
        std::os::unix::fs::symlink(library.join("paper.md"), library.join("alias.md")).unwrap();
        let mut keys = Keys::default();
        for path in [
            library.join("paper.md"),
            dir.path().join("shelf").join("paper.md"),
            dir.path().join("shelf").join("alias.md"),
            library.join("gone.md"),
        ] {
            let is_link =
                std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
            assert_eq!(
                keys.of_file(&path, is_link),
                PaperOrigin::File(path.clone()).key(),
                "{}",
                path.display()
            );
        }
    }

    #[test]
    fn a_folders_readme_is_not_a_paper() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["README.md", "LICENSE.txt", "paper.md", "readme.txt"] {
            std::fs::write(dir.path().join(name), "A").unwrap();
        }
        let (sources, _) = discover(&[dir.path().to_path_buf()], dir.path());
        assert_eq!(
            sources,
            vec![PaperOrigin::File(dir.path().join("paper.md"))]
        );
        // Named on its own, a README opens.
        let readme = dir.path().join("README.md");
        let (sources, _) = discover(std::slice::from_ref(&readme), dir.path());
        assert_eq!(sources, vec![PaperOrigin::File(readme)]);
    }
}
