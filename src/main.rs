//! The `gloss` command line: a thin layer over the library.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, anyhow};
use clap::{Parser, Subcommand, ValueEnum};
use gloss::actors::{ActorIndex, Gazetteer};
use gloss::app::positions::Positions;
use gloss::app::{App, Keymap};
use gloss::files::Folder;
use gloss::papers::discover;
use gloss::text::clean_line;

#[derive(Parser)]
#[command(
    name = "gloss",
    version = env!("GLOSS_VERSION"),
    about = "A terminal reader for footnoted scholarly papers",
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Papers or folders of papers to open (default: texts/, else the built-in papers).
    paths: Vec<PathBuf>,
    /// Open the paper at a place that outlives the screen: a printed page,
    /// a section and paragraph, or a note ("p. 12", "§3 ¶12", "note:57").
    #[arg(long, value_name = "PLACE")]
    at: Option<String>,
}

#[derive(Subcommand)]
enum Command {
    /// Read a paper in the reader, or as plain lines for a screen reader or
    /// a pipe (`--plain`, or GLOSS_PLAIN=1): each page's text, then its
    /// notes, a command a line: `gloss read --plain paper.pdf | less`.
    Read {
        /// Papers or a folder (default: texts/, else the built-in papers).
        paths: Vec<PathBuf>,
        /// Plain lines: no boxes or columns, headings and notes named in words.
        #[arg(long)]
        plain: bool,
        /// With --plain: print this page only (the original's number where it prints one).
        #[arg(long, value_name = "N", requires = "plain")]
        page: Option<String>,
        /// With --plain: wrap lines at this width; 0 writes a paragraph a line
        /// (default: the terminal's width, or 80 in a pipe).
        #[arg(long, value_name = "COLUMNS", requires = "plain")]
        width: Option<usize>,
        /// Open the paper at a place ("p. 12", "§3 ¶12", "note:57").
        #[arg(long, value_name = "PLACE", conflicts_with = "plain")]
        at: Option<String>,
    },
    /// Print the parsed structure of a paper as JSON: `gloss dump paper.txt > paper.json`.
    Dump {
        /// The paper (Markdown, converter text or PDF).
        path: PathBuf,
        /// The output's format (JSON only, for now).
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
    },
    /// Export or import margin notes: `gloss notes export paper.md > notes.md`.
    Notes {
        #[command(subcommand)]
        command: NotesCommand,
    },
    /// Print every source a paper's notes cite: a Markdown list, CSL-JSON
    /// (for Zotero and pandoc) or BibTeX: `gloss sources paper.md --format bibtex > paper.bib`.
    Sources {
        /// The paper whose notes are read.
        path: PathBuf,
        /// md, csl-json or bibtex.
        #[arg(long, value_enum, default_value_t = SourcesFormat::Md)]
        format: SourcesFormat,
    },
    /// Search every paper of a folder (default: texts/) for words, best
    /// first: one JSON object a line (paper, title, section, kind, place, snippet):
    /// `gloss search "Minsk Group" ~/papers --limit 5`.
    Search {
        /// The words to find.
        query: String,
        /// Folders or papers to search (default: texts/).
        paths: Vec<PathBuf>,
        /// How many hits at the most.
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Print gloss's manual page (roff): `gloss man > ~/.local/share/man/man1/gloss.1`.
    Man,
    /// Print a shell's completions: `gloss completions bash > ~/.local/share/bash-completion/completions/gloss`.
    Completions {
        /// bash, zsh, fish, elvish or powershell.
        shell: clap_complete::Shell,
    },
    /// Run the reader without a terminal and print the final screen as text:
    /// `gloss render paper.md --size 80x24 --keys "space ctrl-p i r a n enter"`.
    Render {
        /// A paper or a folder (default: texts/, else the built-in papers).
        path: Option<PathBuf>,
        /// The screen size, like 120x40.
        #[arg(long, default_value = "120x40")]
        size: String,
        /// Keys to press, in keymap notation, separated by spaces ("space space ctrl-p i r a n enter").
        #[arg(long, default_value = "", allow_hyphen_values = true)]
        keys: String,
        /// Open the paper at a place first ("p. 12", "§3 ¶12", "note:57").
        #[arg(long, value_name = "PLACE")]
        at: Option<String>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Json,
}

#[derive(Subcommand)]
enum NotesCommand {
    /// Print the margin notes of a paper, in reading order: `gloss notes export paper.md --format json > notes.json`.
    Export {
        /// The paper whose notes are printed.
        path: PathBuf,
        /// md (for people) or json (to import back).
        #[arg(long, value_enum, default_value_t = NotesFormat::Md)]
        format: NotesFormat,
    },
    /// Merge notes exported as JSON back into a paper's notes, saying where
    /// each one landed. Notes of another paper are refused unless --force:
    /// `gloss notes import paper.md notes.json`.
    Import {
        /// The paper the notes go to.
        path: PathBuf,
        /// A JSON export (`gloss notes export --format json`).
        file: PathBuf,
        /// Import notes written on another paper all the same.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum SourcesFormat {
    Md,
    CslJson,
    Bibtex,
}

#[derive(Clone, Copy, ValueEnum)]
enum NotesFormat {
    Md,
    Json,
}

fn main() -> ExitCode {
    tune_allocator();
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("gloss: {}", clean_line(&format!("{error:#}")));
            ExitCode::FAILURE
        }
    }
}

/// Writes to standard output. A reader that closed the pipe (`| head`) has
/// all it wanted: that ends gloss quietly, not with a panic.
/// Writes to standard output through `write`, buffered; a reader that
/// closed the pipe ends it quietly.
fn write_out(
    write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match write(&mut out).and_then(|()| out.flush()) {
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        result => result.context("writing to standard output"),
    }
}

fn print_out(text: &str) -> anyhow::Result<()> {
    write_out(|out| out.write_all(text.as_bytes()))
}

/// The user's keymap over the defaults, and what was wrong with it.
/// The user's settings from `config.toml` beside the keymap.
fn config() -> (gloss::app::config::Config, Vec<String>) {
    match Folder::Config.path() {
        Some(dir) => gloss::app::config::Config::load(&dir.join("config.toml")),
        None => (gloss::app::config::Config::default(), Vec::new()),
    }
}

fn keymap() -> (Keymap, Vec<String>) {
    match Folder::Config.path() {
        Some(dir) => Keymap::with_user_file(&dir.join("keymap.toml")),
        None => (Keymap::defaults(), Vec::new()),
    }
}

/// Opens the notes of the paper at `path`, with the parsed paper.
fn open_notes(
    path: &std::path::Path,
) -> anyhow::Result<(gloss::Document, gloss::margin_notes::MarginNoteStore)> {
    let document = gloss::parse_file(path)?;
    let dir = gloss::margin_notes::store::margin_notes_dir()
        .ok_or_else(|| anyhow!("no folder for notes: set HOME or XDG_DATA_HOME"))?;
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let place = gloss::papers::PaperOrigin::File(path.to_path_buf()).place();
    let (store, problem) = gloss::margin_notes::MarginNoteStore::open(
        &dir,
        &name,
        &place,
        &gloss::margin_notes::anchor::fingerprint_hex(&document),
        || gloss::papers::PaperOrigin::File(path.to_path_buf()).legacy_fingerprint(),
    );
    if let Some(problem) = problem {
        eprintln!("gloss: warning: {}", clean_line(&problem.to_string()));
    }
    // Notes written on an earlier version of the paper are re-anchored to
    // this one and saved, once, as the reader does on opening it: an export
    // of an edited paper searches for them once, not at every call.
    let store = gloss::app::reader::MarginNotes::new(store, &document).into_store();
    Ok((document, store))
}

fn notes(command: NotesCommand) -> anyhow::Result<()> {
    match command {
        NotesCommand::Export { path, format } => {
            let (document, store) = open_notes(&path)?;
            match format {
                NotesFormat::Md => {
                    let shown = path.display().to_string();
                    print_out(&gloss::margin_notes::export::to_markdown_from(
                        &store,
                        &document,
                        Some(&shown),
                    ))
                }
                NotesFormat::Json => print_out(&format!(
                    "{}\n",
                    gloss::margin_notes::export::to_json(&store)
                )),
            }
        }
        NotesCommand::Import { path, file, force } => {
            let (document, mut store) = open_notes(&path)?;
            let text = gloss::files::read_limited_text(&file, gloss::files::limits::NOTES)
                .with_context(|| {
                    format!("reading '{}'", clean_line(&file.display().to_string()))
                })?;
            let export =
                gloss::margin_notes::export::read_export(&text, &file.display().to_string())
                    .map_err(|e| anyhow!(e))?;
            let landings =
                gloss::margin_notes::export::import(&mut store, &document, export, force)
                    .map_err(|e| anyhow!(e))?;
            store.save()?;
            let notes = if landings.len() == 1 {
                "1 note".to_owned()
            } else {
                format!("{} notes", landings.len())
            };
            let mut report = String::new();
            for landing in &landings {
                let place = landing.location.as_deref().unwrap_or(
                    "orphaned: its text is not in this paper (listed under # in the reader)",
                );
                report.push_str(&format!("  “{}” → {place}\n", landing.note));
            }
            print_out(&report)?;
            eprintln!(
                "gloss: merged {notes} into the notes of '{}'",
                clean_line(&path.display().to_string())
            );
            Ok(())
        }
    }
}

/// The paths of a library, if the command line names one: folders, several
/// files, or (with no path) `texts/` when it exists. `None` for one file, or
/// for the papers built in.
fn library_paths(paths: &[PathBuf], working_dir: &std::path::Path) -> Option<Vec<PathBuf>> {
    match paths {
        [] => gloss::papers::has_papers(&working_dir.join("texts"))
            .then(|| vec![PathBuf::from("texts")]),
        [one] if !one.is_dir() => None,
        many => Some(many.to_vec()),
    }
}

/// `gloss search`: brings the index up to date with the papers, then asks it.
fn search(query: &str, paths: &[PathBuf], limit: usize) -> anyhow::Result<()> {
    let (sources, problems) = discover(paths, &std::env::current_dir()?);
    for problem in &problems {
        eprintln!("gloss: {}", clean_line(problem));
    }
    let files: Vec<PathBuf> = sources
        .iter()
        .filter_map(|s| match s {
            gloss::papers::PaperOrigin::File(path) => Some(path.clone()),
            gloss::papers::PaperOrigin::BuiltIn(_) => None,
        })
        .collect();
    if files.is_empty() {
        return Err(anyhow!("no papers to search: name a folder or files"));
    }
    let path = gloss::index::default_path()
        .ok_or_else(|| anyhow!("no folder for the library index: set HOME or XDG_CACHE_HOME"))?;
    if gloss::index::query_is_cut(query) {
        eprintln!(
            "gloss: only the first {} different words are searched",
            gloss::index::MOST_QUERY_WORDS
        );
    }
    let margin_notes_dir = gloss::margin_notes::store::margin_notes_dir();
    let library = gloss::index::indexer::Library {
        index: &path,
        files: &files,
        margin_notes_dir: margin_notes_dir.as_deref(),
    };
    let hits = library.search(query, limit, &mut |said| {
        eprintln!("gloss: {}", clean_line(&said));
    })?;
    let mut out = String::new();
    for hit in hits {
        let line = serde_json::json!({
            "paper": hit.path.display().to_string(),
            "title": hit.title,
            "section": hit.section,
            "kind": hit.kind,
            "place": hit.place,
            "snippet": hit.snippet,
            "score": hit.score,
        });
        out.push_str(&format!("{line}\n"));
    }
    print_out(&out)
}

/// A command without the reader (dump, search, notes…) told to stop ends the
/// PDF conversion it may be running, then itself. The reader has its own
/// watcher, which also restores the terminal.
fn stop_conversions_on_signals() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT]) else {
        return;
    };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            gloss::pdf::stop_all();
            std::process::exit(128 + signal);
        }
    });
}

fn run(cli: Cli) -> anyhow::Result<()> {
    if cli.command.is_some() {
        stop_conversions_on_signals();
    }
    let opens_papers = !matches!(
        cli.command,
        Some(
            Command::Man
                | Command::Completions { .. }
                | Command::Sources { .. }
                | Command::Notes { .. }
        )
    );
    if opens_papers {
        gloss::actors::prepare_in_background();
    }
    match cli.command {
        Some(Command::Dump {
            path,
            format: Format::Json,
        }) => {
            let source = gloss::PaperText::load(&path)?;
            for warning in &source.warnings {
                eprintln!("gloss: warning: {}", clean_line(warning));
            }
            // The text is let go of as soon as the parse can.
            let document = gloss::document::parse_owned(source);
            let (gazetteer, problem) = Gazetteer::for_paper(&path);
            if let Some(problem) = problem {
                eprintln!(
                    "gloss: warning: {}; using the shipped actors",
                    clean_line(&problem.to_string())
                );
            }
            let actors = ActorIndex::build(&document, &gazetteer);
            write_out(|out| {
                gloss::dump::write_json(&document, &actors, &mut *out)
                    .map_err(std::io::Error::from)?;
                out.write_all(b"\n")
            })
        }
        Some(Command::Notes { command }) => notes(command),
        Some(Command::Search {
            query,
            paths,
            limit,
        }) => search(&query, &paths, limit),
        Some(Command::Sources { path, format }) => {
            let document = gloss::parse_file(&path)?;
            let bibliography = gloss::citations::Bibliography::of(&document);
            let out = match format {
                SourcesFormat::Md => {
                    gloss::citations::export::to_markdown(&bibliography, &document)
                }
                SourcesFormat::CslJson => {
                    format!("{}\n", gloss::citations::export::to_csl_json(&bibliography))
                }
                SourcesFormat::Bibtex => gloss::citations::export::to_bibtex(&bibliography),
            };
            print_out(&out)
        }
        Some(Command::Man) => {
            let mut page = Vec::new();
            clap_mangen::Man::new(<Cli as clap::CommandFactory>::command())
                .render(&mut page)
                .context("writing the manual page")?;
            print_out(&String::from_utf8_lossy(&page))
        }
        Some(Command::Completions { shell }) => {
            let mut command = <Cli as clap::CommandFactory>::command();
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut command, "gloss", &mut script);
            print_out(&String::from_utf8_lossy(&script))
        }
        Some(Command::Render {
            path,
            size,
            keys,
            at,
        }) => {
            let (width, height) = gloss::render::parse_size(&size).map_err(|e| anyhow!(e))?;
            let keys = gloss::render::parse_keys(&keys).map_err(|e| anyhow!(e))?;
            let (sources, problems) = discover(path.as_slice(), &std::env::current_dir()?);
            if let Some(problem) = problems.first() {
                return Err(anyhow!("{problem}"));
            }
            // A paper named alone that cannot be loaded is an error, not a screen.
            if let [source] = sources.as_slice() {
                source.load()?;
            }
            let (keymap, mut keymap_problems) = keymap();
            let (config, config_problems) = config();
            keymap_problems.extend(config_problems);
            // The paper's margin notes as the reader shows them.
            let mut app = App::with_notes(
                sources,
                keymap,
                Positions::in_memory(),
                gloss::margin_notes::store::margin_notes_dir(),
                (width, height),
            );
            app.set_measure(config.measure);
            app.set_quote_style(config.quote);
            // The screen of the whole paper, not of its first pages.
            app.wait_for_paper();
            if let Some(at) = &at {
                app.go_to(at);
            }
            app.show_problems(keymap_problems);
            print_out(&gloss::render::run_keys(&mut app, &keys))
        }
        Some(Command::Read {
            paths,
            plain,
            page,
            width,
            at,
        }) => {
            if plain || plain_from_environment() {
                read_plainly(&paths, page.as_deref(), width)
            } else {
                reader(&paths, at.as_deref())
            }
        }
        // A pipe cannot show the reader: it gets the paper's plain lines.
        None if plain_from_environment() || !std::io::stdout().is_terminal() => {
            read_plainly(&cli.paths, None, None)
        }
        None => reader(&cli.paths, cli.at.as_deref()),
    }
}

/// GLOSS_PLAIN set to anything but empty or 0 asks for the plain mode.
fn plain_from_environment() -> bool {
    std::env::var_os("GLOSS_PLAIN").is_some_and(|v| !v.is_empty() && v != "0")
}

/// The plain mode: the paper as plain lines, whole into a pipe, a page at a
/// time (a command a line) in a terminal.
fn read_plainly(paths: &[PathBuf], page: Option<&str>, width: Option<usize>) -> anyhow::Result<()> {
    let interactive = std::io::stdout().is_terminal();
    let width = width.unwrap_or_else(|| {
        crossterm::terminal::size()
            .ok()
            .filter(|_| interactive)
            .map_or(80, |(columns, _)| usize::from(columns))
    });
    let (sources, problems) = discover(paths, &std::env::current_dir()?);
    if sources.is_empty() {
        return Err(anyhow!("{}", problems.join("; ")));
    }
    for problem in &problems {
        eprintln!("gloss: {}", clean_line(problem));
    }
    let chosen = match sources.as_slice() {
        [one] => one,
        _ if page.is_some() => {
            return Err(anyhow!(
                "--page needs one paper; these are {}",
                paper_names(&sources)
            ));
        }
        _ if interactive => match choose_paper(&sources)? {
            Some(chosen) => chosen,
            None => return Ok(()),
        },
        // Into a pipe, every paper one after another.
        _ => {
            for (number, source) in sources.iter().enumerate() {
                print_out(&format!(
                    "Paper {} of {}: {}\n\n",
                    number + 1,
                    sources.len(),
                    source.file_name()
                ))?;
                let document = load_plainly(source)?;
                print_out(&gloss::plain::PlainReading::new(&document, width).whole())?;
            }
            return Ok(());
        }
    };
    let document = load_plainly(chosen)?;
    let reading = gloss::plain::PlainReading::new(&document, width);
    match page {
        Some(page) => {
            let index = reading.find_page(page).ok_or_else(|| {
                anyhow!(
                    "the paper has no page {}: its pages are 1 to {}",
                    clean_line(page),
                    reading.page_count()
                )
            })?;
            print_out(&reading.page(index))
        }
        None if interactive => {
            let files = gloss::app::user_files::describe(&gloss::app::user_files::user_files());
            gloss::plain::session::run(
                &reading,
                0,
                std::io::stdin().lock(),
                std::io::stdout().lock(),
                &files,
            )
            .context("reading commands")
        }
        None => print_out(&reading.whole()),
    }
}

fn load_plainly(source: &gloss::papers::PaperOrigin) -> anyhow::Result<gloss::Document> {
    let text = source.load()?;
    for warning in &text.warnings {
        eprintln!("gloss: warning: {}", clean_line(warning));
    }
    Ok(gloss::parse(&text))
}

fn paper_names(sources: &[gloss::papers::PaperOrigin]) -> String {
    sources
        .iter()
        .map(gloss::papers::PaperOrigin::file_name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Asks, a line at a time, which of several papers to read.
fn choose_paper(
    sources: &[gloss::papers::PaperOrigin],
) -> anyhow::Result<Option<&gloss::papers::PaperOrigin>> {
    let mut list = String::from("Papers:\n");
    for (number, source) in sources.iter().enumerate() {
        list.push_str(&format!("  {}. {}\n", number + 1, source.file_name()));
    }
    print_out(&list)?;
    let mut line = String::new();
    loop {
        print_out("Which paper? A number, or q to quit: ")?;
        line.clear();
        if std::io::stdin().read_line(&mut line)? == 0 || line.trim() == "q" {
            return Ok(None);
        }
        if let Some(source) = line
            .trim()
            .parse::<usize>()
            .ok()
            .and_then(|n| n.checked_sub(1))
            .and_then(|n| sources.get(n))
        {
            return Ok(Some(source));
        }
        print_out(&format!("There are papers 1 to {}.\n", sources.len()))?;
    }
}

/// The reader, on a paper or a library.
fn reader(paths: &[PathBuf], at: Option<&str>) -> anyhow::Result<()> {
    let working_dir = std::env::current_dir().context("finding the working directory")?;
    let (keymap, mut problems) = keymap();
    let (config, config_problems) = config();
    problems.extend(config_problems);
    let (positions, positions_problem) = match Positions::default_file() {
        Some(file) => Positions::load(file),
        None => (Positions::in_memory(), None),
    };
    problems.extend(positions_problem);
    let margin_notes_dir = gloss::margin_notes::store::margin_notes_dir();
    // A library (folders, several files, or texts/) is drawn at once
    // from its index, then listed and indexed in the background; a
    // paper named alone is simply opened.
    let library = library_paths(paths, &working_dir);
    let index = library
        .as_ref()
        .and(gloss::index::default_path())
        .and_then(|path| match gloss::index::Index::open_quickly(&path) {
            Ok((index, problem)) => Some((path, index, problem)),
            Err(error) => {
                problems.push(clean_line(&error.to_string()));
                None
            }
        });
    // Pages are cut once, for the screen they are shown on.
    let size = crossterm::terminal::size().unwrap_or((80, 24));
    let mut app = match (library, index) {
        (Some(paths), Some((path, index, problem))) => {
            problems.extend(problem);
            let first = gloss::app::indexing::first_screen(&index, &paths)?;
            let mut app = App::with_entries(first, keymap, positions, margin_notes_dir, size);
            app.find_after_first_screen();
            app.start_library(index, path, paths, working_dir);
            app
        }
        _ => {
            let (sources, found) = discover(paths, &working_dir);
            if sources.is_empty() {
                return Err(anyhow!("{}", found.join("; ")));
            }
            problems.extend(found);
            let mut app = App::listing(sources, keymap, positions, margin_notes_dir, size);
            // The first screen comes first: actors and sources a moment later.
            app.find_after_first_screen();
            app.open_alone();
            app
        }
    };
    app.set_measure(config.measure);
    app.set_quote_style(config.quote);
    if let Some(at) = at {
        app.go_to(at);
    }
    app.set_user_files(gloss::app::user_files::user_files());
    app.show_problems(problems);
    gloss::terminal::run(app)
}

/// Blocks of 256 KB and more are given back to the system when freed. By
/// default glibc raises that threshold each time a large block is freed, so
/// the pieces a very large paper is parsed in stay in the heap afterwards:
/// reading a 50 MB paper peaked at 194 MB of RSS, with this at 136 MB.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn tune_allocator() {
    // SAFETY: mallopt (`man 3 mallopt`) only sets a number in glibc's
    // allocator state, and is called before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 256 * 1024);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn tune_allocator() {}
