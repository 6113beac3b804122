//! Reading in plain mode, a command a line: a screen reader reads what gloss
//! writes as it comes, and nothing is redrawn or moved on the screen.

use std::io::{self, BufRead, Write};

use super::PlainReading;

/// What a line typed in plain mode asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Next,
    Previous,
    /// A page by its printed number, or its place in the sequence.
    Page(String),
    /// A note by its label.
    Note(String),
    Search(String),
    Contents,
    Repeat,
    Help,
    Quit,
    Unknown(String),
}

impl Command {
    /// Reads a typed line: one letter per action, an argument after it.
    pub fn parse(line: &str) -> Self {
        let line = line.trim();
        if let Some(words) = line.strip_prefix('/') {
            return Self::Search(words.trim().to_owned());
        }
        let (word, rest) = line
            .split_once(char::is_whitespace)
            .map_or((line, ""), |(w, r)| (w, r.trim()));
        let word = word.to_lowercase();
        // "g12" and "f3" as well as "g 12" and "f 3".
        let glued = |letter: char| {
            word.strip_prefix(letter)
                .filter(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
                .map(str::to_owned)
        };
        match (word.as_str(), rest) {
            ("" | "n" | "next", "") => Self::Next,
            ("p" | "previous" | "back", "") => Self::Previous,
            ("g" | "page" | "go", page) if !page.is_empty() => Self::Page(page.to_owned()),
            ("f" | "note", note) if !note.is_empty() => Self::Note(note.to_owned()),
            ("s" | "search", words) if !words.is_empty() => Self::Search(words.to_owned()),
            ("c" | "contents", "") => Self::Contents,
            ("r" | "repeat", "") => Self::Repeat,
            ("h" | "?" | "help", "") => Self::Help,
            ("q" | "quit" | "exit", "") => Self::Quit,
            (number, "") if !number.is_empty() && number.chars().all(|c| c.is_ascii_digit()) => {
                Self::Page(number.to_owned())
            }
            _ => glued('g')
                .map(Self::Page)
                .or_else(|| glued('f').map(Self::Note))
                .unwrap_or_else(|| Self::Unknown(line.to_owned())),
        }
    }
}

const KEYS: &str = "\
Keys, each followed by Enter:
  Enter or n   the next page
  p            the previous page
  g 12         page 12 (the original's number where the paper prints one)
  f 12         note 12, and the page that cites it
  / words      the pages where the words are
  c            the contents, with the page of each section
  r            this page again
  h            these keys
  q            quit
";

/// Reads `reading` from `start`, a command a line from `input`, until `q`
/// or the end of the input. `files` says where the user's keymap and
/// settings live, for the help.
pub fn run(
    reading: &PlainReading<'_>,
    start: usize,
    input: impl BufRead,
    mut output: impl Write,
    files: &str,
) -> io::Result<()> {
    let last = reading.page_count().saturating_sub(1);
    let mut page = start.min(last);
    output.write_all(reading.page(page).as_bytes())?;
    prompt(&mut output, reading, page)?;
    for line in input.lines() {
        let line = line?;
        let reply = match Command::parse(&line) {
            Command::Quit => break,
            Command::Next if page == last => {
                "That was the last page: p goes back, q quits.\n".to_owned()
            }
            Command::Next => {
                page += 1;
                reading.page(page)
            }
            Command::Previous if page == 0 => "This is the first page.\n".to_owned(),
            Command::Previous => {
                page -= 1;
                reading.page(page)
            }
            Command::Page(wanted) => match reading.find_page(&wanted) {
                Some(found) => {
                    page = found;
                    reading.page(page)
                }
                None => format!(
                    "The paper has no page {wanted}: its pages are 1 to {}.\n",
                    reading.page_count()
                ),
            },
            Command::Note(label) => reading.note(&label),
            Command::Search(words) => search(reading, &words),
            Command::Contents => reading.contents(),
            Command::Repeat => reading.page(page),
            Command::Help => format!("{KEYS}{files}"),
            Command::Unknown(line) => format!(
                "Not a command: {}. h lists the keys.\n",
                crate::text::clean_line(&line)
            ),
        };
        output.write_all(reply.as_bytes())?;
        prompt(&mut output, reading, page)?;
    }
    output.write_all(b"\n")?;
    output.flush()
}

fn prompt(output: &mut impl Write, reading: &PlainReading<'_>, page: usize) -> io::Result<()> {
    write!(
        output,
        "{}. Command (h for help): ",
        reading.page_title(page)
    )?;
    output.flush()
}

fn search(reading: &PlainReading<'_>, words: &str) -> String {
    const MOST: usize = 20;
    let hits = reading.search(words, MOST);
    if hits.is_empty() {
        return format!("“{words}” is not in the paper.\n");
    }
    let mut out = match hits.len() {
        1 => "On 1 page:\n".to_owned(),
        MOST => format!("On the first {MOST} pages that have it:\n"),
        n => format!("On {n} pages:\n"),
    };
    for (page, snippet) in hits {
        out.push_str(&format!(
            "  page {}: {snippet}\n",
            reading.pages()[page].label
        ));
    }
    out.push_str("g and a page number goes there.\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::parse_text;

    #[test]
    fn typed_lines_become_commands() {
        assert_eq!(Command::parse(""), Command::Next);
        assert_eq!(Command::parse(" n "), Command::Next);
        assert_eq!(Command::parse("p"), Command::Previous);
        assert_eq!(Command::parse("g 12"), Command::Page("12".into()));
        assert_eq!(Command::parse("g12"), Command::Page("12".into()));
        assert_eq!(Command::parse("12"), Command::Page("12".into()));
        assert_eq!(Command::parse("f 3"), Command::Note("3".into()));
        assert_eq!(Command::parse("note *"), Command::Note("*".into()));
        assert_eq!(
            Command::parse("/Minsk Group"),
            Command::Search("Minsk Group".into())
        );
        assert_eq!(Command::parse("Q"), Command::Quit);
        assert_eq!(Command::parse("g"), Command::Unknown("g".into()));
        assert_eq!(Command::parse("go on"), Command::Page("on".into()));
    }

    #[test]
    fn a_session_answers_each_line_and_ends_at_q() {
        let paragraph = "Some words of a sentence. ".repeat(60);
        let text = format!(
            "# Title\n\n{paragraph}\n\nCites.[^1]\n\n{paragraph}\n\nThe Minsk Group met.\n\n[^1]: A note.\n"
        );
        let document = parse_text(&text);
        let reading = PlainReading::new(&document, 60);
        assert_eq!(reading.page_count(), 2);
        let mut out = Vec::new();
        let input = "n\nn\np\nf 1\n/minsk\ng 9\nxyzzy\x1b[2J\nh\nq\nn\n";
        run(
            &reading,
            0,
            input.as_bytes(),
            &mut out,
            "Your keymap: k.toml\n",
        )
        .ok();
        let out = String::from_utf8_lossy(&out);
        assert!(out.starts_with("Page 1 of 2\n\nTitle\n"), "{out}");
        assert_eq!(out.matches("Page 2 of 2\n\n").count(), 1, "{out}");
        assert!(out.contains("That was the last page"));
        assert!(out.contains("Note 1: A note.\nCited on page 1."), "{out}");
        assert!(
            out.contains("On 1 page:\n  page 2: The Minsk Group met.\n"),
            "{out}"
        );
        assert!(out.contains("The paper has no page 9: its pages are 1 to 2."));
        assert!(out.contains("Not a command: xyzzy. h lists"), "{out}");
        assert!(out.contains("g 12         page 12") && out.contains("Your keymap: k.toml"));
        // Nothing is read after q.
        assert!(
            out.ends_with("Page 1 of 2. Command (h for help): \n"),
            "{out}"
        );
    }
}
