//! Opening a very large paper: its first pages are read and shown at once,
//! while the whole paper is read in the background and then takes their
//! place at the same spot. Reading, parsing and finding the citations of
//! 50 MB takes seconds; its first 256 KB, a few milliseconds.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, TryRecvError};

use super::findings::Findings;
use super::reader::Reader;
use super::state::App;
use crate::document::Document;
use crate::margin_notes::store::MarginNoteStore;
use crate::paper_text::{LoadError, PaperText};
use crate::papers::PaperOrigin;
use crate::text::clean_line;

/// Files larger than this open with a preview of their first pages.
pub const LARGE_PAPER_BYTES: u64 = 4 << 20;
/// How much of a large file the preview reads.
const PREVIEW_BYTES: usize = 256 << 10;

/// The whole paper, read in the background.
pub struct Opened {
    pub document: Document,
    pub findings: Findings,
    pub notes: MarginNoteStore,
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

/// A PDF converted in the background for the reader: the screen answers
/// keys meanwhile, and `esc` or `q` stops the converter.
#[derive(Debug)]
pub struct Converting {
    /// The library's paper being converted.
    pub paper: usize,
    /// Its file's name, for the status line.
    pub name: String,
    cancel: Arc<AtomicBool>,
    receiver: Receiver<Result<super::library::Loaded, String>>,
}

impl Converting {
    fn start(paper: usize, source: PaperOrigin) -> Self {
        let (sender, receiver) = mpsc::channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let name = source.file_name();
        let stop = Arc::clone(&cancel);
        std::thread::spawn(move || {
            let loaded = super::library::Loaded::read_unless(&source, &stop)
                .map_err(|e| clean_line(&e.to_string()));
            // The reader may have gone, or cancelled: then nobody wants it.
            let _ = sender.send(loaded);
        });
        Self {
            paper,
            name,
            cancel,
            receiver,
        }
    }
}

impl Drop for Converting {
    /// Nobody waits for it any more (cancelled, another paper, quitting).
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

/// What a background reading sent, if it is done: its result, or `stopped`
/// if its thread ended without a word.
pub(super) fn received<T>(
    receiver: &Receiver<Result<T, String>>,
    stopped: &str,
) -> Option<Result<T, String>> {
    match receiver.try_recv() {
        Ok(result) => Some(result),
        Err(TryRecvError::Empty) => None,
        Err(TryRecvError::Disconnected) => Some(Err(stopped.to_owned())),
    }
}

/// Whether `source` is a PDF file (its first bytes say).
pub(super) fn is_pdf_source(source: &PaperOrigin) -> bool {
    matches!(source, PaperOrigin::File(path) if is_pdf_file(path))
}

/// Whether the paper at `path` is a PDF (its first bytes say).
fn is_pdf_file(path: &Path) -> bool {
    let mut head = [0u8; 5];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|()| crate::pdf::is_pdf(&head))
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
pub fn preview(path: &Path) -> Option<PaperText> {
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
    PaperText::from_bytes(path, &bytes[..=cut]).ok()
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
    let source = PaperText::load(path)?;
    let mut problems: Vec<String> = source.warnings.iter().map(|w| clean_line(w)).collect();
    let document = crate::document::parse_owned(source);
    problems.extend(document.reading_problems().map(clean_line));
    let (findings, problem) = Findings::of(&document, &PaperOrigin::File(path.to_path_buf()));
    problems.extend(problem);
    let fingerprint = crate::margin_notes::anchor::fingerprint_hex(&document);
    let notes = match &notes.dir {
        Some(dir) => {
            let (store, problem) =
                MarginNoteStore::open(dir, &notes.name, &notes.place, &fingerprint, || {
                    PaperOrigin::File(path.to_path_buf()).legacy_fingerprint()
                });
            problems.extend(problem);
            store
        }
        None => MarginNoteStore::in_memory(&notes.name, &fingerprint),
    };
    Ok(Opened {
        document,
        findings,
        notes,
        problems,
    })
}

impl App {
    /// Starts converting the library's paper `index` in the background if it
    /// is a PDF not read yet; `true` if it did (the paper opens once done).
    pub(super) fn convert_in_background(&mut self, index: usize) -> bool {
        let Some(entry) = self.library.papers().get(index) else {
            return false;
        };
        let PaperOrigin::File(path) = &entry.origin else {
            return false;
        };
        if entry.loaded.is_some() || !is_pdf_file(path) {
            return false;
        }
        let source = entry.origin.clone();
        self.cancel_conversion();
        self.converting = Some(Converting::start(index, source));
        true
    }

    /// Stops the conversion under way, if there is one; `true` if there was.
    pub(super) fn cancel_conversion(&mut self) -> bool {
        // Dropped, it stops the converter.
        self.converting.take().is_some()
    }

    /// Opens the converted PDF once it is ready; `true` if the screen changed.
    fn poll_converting(&mut self) -> bool {
        let Some(converting) = &self.converting else {
            return false;
        };
        let Some(result) = received(&converting.receiver, "converting the PDF stopped") else {
            return false;
        };
        let paper = converting.paper;
        self.converting = None;
        match result {
            Ok(loaded) => {
                if let Some(entry) = self.library.paper_mut(paper) {
                    // Listed by its file's name until now: what it says of itself.
                    let margin_notes = entry.listing.margin_notes;
                    entry.listing = crate::papers::Listing {
                        margin_notes,
                        ..crate::papers::Listing::of(&entry.origin, &loaded.document)
                    };
                    entry.loaded = Some(Box::new(loaded));
                    self.open_paper(paper);
                }
            }
            // A paper opened alone that cannot be read ends gloss with
            // the whole sentence, as `gloss dump` does: there is no library
            // to stay in.
            Err(problem) if self.library.papers().len() == 1 => {
                self.failure = Some(problem);
                self.should_quit = true;
            }
            Err(problem) => self.message = Some(problem),
        }
        true
    }

    /// Says which PDF is being converted, if one is.
    pub fn converting_now(&self) -> Option<String> {
        self.converting
            .as_ref()
            .map(|c| format!("converting {}… (esc cancels)", c.name))
    }

    /// Takes the whole paper in once it is read; `true` if the screen changed.
    pub fn poll_opening(&mut self) -> bool {
        if self.poll_converting() {
            return true;
        }
        let Some(opening) = &self.opening else {
            return false;
        };
        let Some(result) = received(&opening.receiver, "reading the paper stopped") else {
            return false;
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

    /// Waits until the paper being opened is read whole, with its actors and
    /// sources (for `gloss render`).
    pub fn wait_for_paper(&mut self) {
        while self.opening.is_some() || self.converting.is_some() {
            if !self.poll_opening() {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
        }
        self.wait_for_findings();
    }

    fn take_whole_paper(&mut self, paper: usize, opened: Opened) {
        let Some(reader) = self.reader.as_mut().filter(|r| r.paper() == paper) else {
            return;
        };
        let problems = opened.problems.clone();
        reader.take_whole(opened);
        self.fit_bottom_pane();
        // A place past the first pages (`--at`) is in the whole paper.
        self.go_to_pending_place();
        self.show_problems(problems);
    }

    /// Says that the open paper is still being read, if it is.
    pub fn still_reading(&self) -> Option<String> {
        let opening = self.opening.as_ref()?;
        let reader: &Reader = self
            .reader
            .as_ref()
            .filter(|r| r.paper() == opening.paper)?;
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
    use crate::papers::PaperOrigin;

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
            vec![PaperOrigin::File(path.to_path_buf())],
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
        let first_pages = reader.document().blocks.len();
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
            let text = reader.document().blocks[reader.position().block].text();
            let words: Vec<String> = text[reader.position().offset..]
                .split_whitespace()
                .take(4)
                .map(str::to_owned)
                .collect();
            (reader.position().block, words)
        };
        // A list of a source's citations, counted in the first pages.
        app.reader.as_mut().unwrap().show_source(3);
        let before = words(&app);
        app.wait_for_paper();
        assert_eq!(words(&app), before);
        let reader = app.reader.as_ref().unwrap();
        assert!(!reader.is_preview());
        // Its source numbers point into the bibliography replaced: gone.
        assert_eq!(reader.bottom(), crate::app::reader::Bottom::Footnotes);
        assert!(reader.document().blocks.len() > 14_000);
        assert!(reader.is_windowed());
        let screen = crate::render::screen_text(&crate::render::draw(&app));
        assert!(!screen.contains("reading all"), "{screen}");
        assert!(screen.contains(" · 0%"), "{screen}");
        // The whole paper's notes, and a margin note kept by its fingerprint.
        assert_eq!(reader.document().footnotes.len(), 14_000);
        press(&mut app, "m");
        crate::app::testing::type_text(&mut app, "kept");
        press(&mut app, "ctrl-s");
        let reader = app.reader.as_ref().unwrap();
        assert_eq!(reader.margin().store().notes().count(), 1);
        let fingerprint = crate::margin_notes::anchor::fingerprint_hex(reader.document());
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
        let key = PaperOrigin::File(path.clone()).key();
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
            reader.position(),
            Position {
                block: 12_000,
                offset: 0
            }
        );
    }
}
