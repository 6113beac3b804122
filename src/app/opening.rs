//! Opening a very large paper: its first pages are read and shown at once,
//! while the whole paper is read in the background and then takes their
//! place at the same spot. Reading, parsing and finding the citations of
//! 50 MB takes seconds; its first 256 KB, a few milliseconds.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, TryRecvError};

use super::reader::Reader;
use super::state::App;
use crate::actors::{ActorIndex, Gazetteer};
use crate::citations::Bibliography;
use crate::document::Document;
use crate::notes::store::NotesStore;
use crate::source::{LoadError, Source};
use crate::text::clean_line;

/// Files larger than this open with a preview of their first pages.
pub const LARGE_PAPER_BYTES: u64 = 4 << 20;
/// How much of a large file the preview reads.
const PREVIEW_BYTES: usize = 256 << 10;

/// The whole paper, read in the background.
pub struct Opened {
    pub document: Document,
    pub actors: ActorIndex,
    pub bibliography: Bibliography,
    pub notes: NotesStore,
    /// What the reader should know: lossy decoding, a broken actors file, a notes file.
    pub problems: Vec<String>,
}

/// A large paper being read in the background.
#[derive(Debug)]
pub struct Opening {
    /// The library's paper being read.
    pub paper: usize,
    /// Its size on disk, for the status line.
    pub bytes: u64,
    receiver: Receiver<Result<Opened, String>>,
}

/// Where the paper's margin notes are kept, to open them with its real
/// fingerprint once the whole file is read.
pub struct NotesPlace {
    pub dir: Option<PathBuf>,
    pub name: String,
    pub place: String,
}

/// The first pages of `path` when it is a large text file: its first
/// [`PREVIEW_BYTES`], cut after the last paragraph or page break in them.
/// `None` for a small file, a PDF, a UTF-16 file or a file with no break.
pub fn preview(path: &Path) -> Option<Source> {
    let size = std::fs::metadata(path).ok().filter(|m| m.is_file())?.len();
    if size <= LARGE_PAPER_BYTES {
        return None;
    }
    let mut bytes = Vec::with_capacity(PREVIEW_BYTES);
    std::fs::File::open(path)
        .ok()?
        .take(PREVIEW_BYTES as u64)
        .read_to_end(&mut bytes)
        .ok()?;
    // PDFs are converted whole; UTF-16 cannot be cut at a newline byte.
    if crate::pdf::is_pdf(&bytes)
        || bytes.starts_with(&[0xFF, 0xFE])
        || bytes.starts_with(&[0xFE, 0xFF])
    {
        return None;
    }
    let cut = memchr::memmem::rfind(&bytes, b"\n\n")
        .or_else(|| memchr::memrchr(b'\x0c', &bytes))
        .or_else(|| memchr::memrchr(b'\n', &bytes))?;
    Source::from_bytes(path, &bytes[..=cut]).ok()
}

/// Reads the whole paper at `path` in the background.
pub fn read_whole(paper: usize, path: &Path, bytes: u64, notes: NotesPlace) -> Opening {
    let (sender, receiver) = mpsc::channel();
    let path = path.to_path_buf();
    std::thread::spawn(move || {
        // The reader may have gone; then nobody wants the paper.
        let _ = sender.send(read(&path, notes).map_err(|e| clean_line(&e.to_string())));
    });
    Opening {
        paper,
        bytes,
        receiver,
    }
}

fn read(path: &Path, notes: NotesPlace) -> Result<Opened, LoadError> {
    let source = Source::load(path)?;
    let mut problems: Vec<String> = source.warnings.iter().map(|w| clean_line(w)).collect();
    let document = crate::document::parse_owned(source);
    let (gazetteer, problem) = Gazetteer::for_paper(path);
    problems.extend(problem.map(|p| clean_line(&p.to_string())));
    let actors = ActorIndex::build(&document, &gazetteer);
    let bibliography = Bibliography::of(&document);
    let fingerprint = crate::notes::anchor::fingerprint_hex(&document);
    let notes = match &notes.dir {
        Some(dir) => {
            let (store, problem) = NotesStore::open(dir, &notes.name, &notes.place, &fingerprint);
            problems.extend(problem);
            store
        }
        None => NotesStore::in_memory(&notes.name, &fingerprint),
    };
    Ok(Opened {
        document,
        actors,
        bibliography,
        notes,
        problems,
    })
}

impl App {
    /// Takes the whole paper in once it is read; `true` if the screen changed.
    pub fn poll_opening(&mut self) -> bool {
        let Some(opening) = &self.opening else {
            return false;
        };
        let result = match opening.receiver.try_recv() {
            Ok(result) => result,
            Err(TryRecvError::Empty) => return false,
            Err(TryRecvError::Disconnected) => Err("reading the paper stopped".to_owned()),
        };
        let paper = opening.paper;
        self.opening = None;
        match result {
            Ok(opened) => self.take_whole_paper(paper, opened),
            Err(problem) => {
                self.message = Some(format!("only the first pages could be read: {problem}"));
            }
        }
        true
    }

    /// Waits until the paper being opened is read whole (for `gloss render`).
    pub fn wait_for_paper(&mut self) {
        while self.opening.is_some() {
            if !self.poll_opening() {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
        }
    }

    fn take_whole_paper(&mut self, paper: usize, opened: Opened) {
        let Some(reader) = self.reader.as_mut().filter(|r| r.paper == paper) else {
            return;
        };
        let problems = opened.problems.clone();
        reader.take_whole(opened);
        self.fit_bottom_pane();
        if !problems.is_empty() {
            self.overlay = super::state::Overlay::Problems(problems);
        }
    }

    /// Says that the open paper is still being read, if it is.
    pub fn still_reading(&self) -> Option<String> {
        let opening = self.opening.as_ref()?;
        let reader: &Reader = self.reader.as_ref().filter(|r| r.paper == opening.paper)?;
        reader
            .is_preview()
            .then(|| format!("reading all {} MB…", opening.bytes.div_ceil(1 << 20)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::positions::Positions;
    use crate::app::testing::press;
    use crate::app::{Keymap, Screen};
    use crate::document::Position;
    use crate::papers::PaperSource;

    /// A 4.5 MB paper: numbered paragraphs, each with a footnote marker,
    /// and its notes at the end.
    fn large_paper(dir: &Path) -> PathBuf {
        let mut text = String::from("# A Very Long Paper\n\n");
        let paragraphs = 14_000;
        for i in 1..=paragraphs {
            let rounds: String = (1..=6)
                .map(|round| format!("The mediators of round {round} said little. "))
                .collect();
            text.push_str(&format!(
                "In paragraph {i} the ministers met again, and the talks resumed in the spring of that year after a long winter of waiting.[^{i}] {rounds}\n\n"
            ));
        }
        for i in 1..=paragraphs {
            text.push_str(&format!("[^{i}]: Note {i}, on the talks.\n"));
        }
        let path = dir.join("long.md");
        std::fs::write(&path, text).unwrap();
        path
    }

    fn open(path: &Path, notes: &Path, positions: Positions) -> App {
        App::with_notes(
            vec![PaperSource::File(path.to_path_buf())],
            Keymap::defaults(),
            positions,
            Some(notes.to_path_buf()),
            (100, 30),
        )
    }

    #[test]
    fn a_very_large_paper_shows_its_first_pages_then_the_whole_at_the_same_place() {
        let dir = tempfile::tempdir().unwrap();
        let path = large_paper(dir.path());
        assert!(std::fs::metadata(&path).unwrap().len() > LARGE_PAPER_BYTES);
        let mut app = open(&path, dir.path(), Positions::in_memory());
        assert_eq!(app.screen, Screen::Reader);
        let reader = app.reader.as_ref().unwrap();
        assert!(reader.is_preview());
        let first_pages = reader.document.blocks.len();
        assert!(first_pages < 2_000, "{first_pages} blocks read first");
        let screen = crate::render::screen_text(&crate::render::draw(&app));
        assert!(screen.contains("In paragraph 1 "), "{screen}");
        assert!(screen.contains("reading all 6 MB…"), "{screen}");
        // Notes wait for the whole file: they are kept by its fingerprint.
        press(&mut app, "m");
        assert!(
            app.message
                .as_deref()
                .unwrap_or("")
                .contains("once it is read")
        );
        // Read on in the first pages, then take in the whole paper.
        press(&mut app, "space space space");
        // The top line's words (the line breaks differ: a marker whose note
        // was not read yet shows as text in the first pages).
        let words = |app: &App| {
            let reader = app.reader.as_ref().unwrap();
            let text = reader.document.blocks[reader.anchor.block].text();
            let words: Vec<String> = text[reader.anchor.offset..]
                .split_whitespace()
                .take(4)
                .map(str::to_owned)
                .collect();
            (reader.anchor.block, words)
        };
        let before = words(&app);
        // A list of a source's citations, counted in the first pages.
        app.reader.as_mut().unwrap().bottom = crate::app::reader::Bottom::Citations { source: 3 };
        app.wait_for_paper();
        assert_eq!(words(&app), before);
        let reader = app.reader.as_ref().unwrap();
        assert!(!reader.is_preview());
        // Its source numbers point into the bibliography replaced: gone.
        assert_eq!(reader.bottom, crate::app::reader::Bottom::Notes);
        assert!(reader.document.blocks.len() > 14_000);
        assert!(reader.is_windowed());
        let screen = crate::render::screen_text(&crate::render::draw(&app));
        assert!(!screen.contains("reading all"), "{screen}");
        assert!(screen.contains(" · 0%"), "{screen}");
        // The whole paper's notes, and a margin note kept by its fingerprint.
        assert_eq!(reader.document.footnotes.len(), 14_000);
        press(&mut app, "m");
        crate::app::testing::type_text(&mut app, "kept");
        press(&mut app, "ctrl-s");
        let reader = app.reader.as_ref().unwrap();
        assert_eq!(reader.notes.notes().count(), 1);
        let fingerprint = crate::notes::anchor::fingerprint_hex(&reader.document);
        let saved: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|name| name.ends_with(&format!(".{fingerprint}.json")))
            .collect();
        assert_eq!(saved.len(), 1, "{saved:?}");
    }

    #[test]
    fn a_very_large_paper_opens_at_the_saved_place_once_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = large_paper(dir.path());
        let mut positions = Positions::in_memory();
        let key = PaperSource::File(path.clone()).key();
        positions.set(
            &key,
            crate::app::positions::Saved {
                block: 12_000,
                offset: 0,
                percent: 85,
                read_at: None,
            },
        );
        let mut app = open(&path, dir.path(), positions);
        assert!(app.reader.as_ref().unwrap().is_preview());
        app.wait_for_paper();
        let reader = app.reader.as_ref().unwrap();
        assert!(reader.visible_blocks().contains(&12_000));
        assert_eq!(
            reader.anchor,
            Position {
                block: 12_000,
                offset: 0
            }
        );
    }
}
