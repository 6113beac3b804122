//! What is found in a paper beyond its text: its actors and the works its
//! notes cite. Finding them takes longer than reading and laying out the
//! text (Strakes: 30 ms against 3, and the shared gazetteer first), so the
//! reader in a terminal shows the first screen at once and takes them in
//! when a thread has found them; `gloss render` and the tests find them
//! before the first screen, as they always did.

use std::sync::Arc;
use std::sync::mpsc::{self, Receiver};

use super::state::App;
use crate::actors::{ActorIndex, Gazetteer};
use crate::citations::Bibliography;
use crate::document::Document;
use crate::papers::PaperOrigin;
use crate::text::clean_line;

/// A paper's actors and sources.
#[derive(Debug, Clone, Default)]
pub struct Findings {
    pub actors: ActorIndex,
    pub bibliography: Bibliography,
}

impl Findings {
    /// What `document` holds, with the actors an `actors.toml` beside the
    /// paper adds, and what went wrong reading that file.
    pub fn of(document: &Document, origin: &PaperOrigin) -> (Self, Option<String>) {
        let (gazetteer, problem) = match origin {
            PaperOrigin::File(path) => Gazetteer::for_paper(path),
            PaperOrigin::BuiltIn(_) => (Gazetteer::shipped(), None),
        };
        let findings = Self {
            actors: ActorIndex::build(document, &gazetteer),
            bibliography: Bibliography::of(document),
        };
        (findings, problem.map(|p| clean_line(&p.to_string())))
    }
}

/// The findings of an open paper, looked for on a thread of their own.
#[derive(Debug)]
pub struct Finding {
    /// The library's paper they are for.
    paper: usize,
    /// The text they are found in: a paper opened again, or read whole
    /// after its first pages, is another text, and these are then dropped.
    document: Arc<Document>,
    receiver: Receiver<Result<(Findings, Option<String>), String>>,
}

impl Finding {
    pub fn start(paper: usize, document: Arc<Document>, origin: PaperOrigin) -> Self {
        let (sender, receiver) = mpsc::channel();
        let text = Arc::clone(&document);
        std::thread::spawn(move || {
            // The reader may have moved on; then nobody wants them.
            let _ = sender.send(Ok(Findings::of(&text, &origin)));
        });
        Self {
            paper,
            document,
            receiver,
        }
    }
}

impl App {
    /// Takes in the open paper's findings once found; `true` if the screen
    /// changed.
    pub fn poll_findings(&mut self) -> bool {
        let Some(finding) = &self.finding else {
            return false;
        };
        let Some(result) = super::opening::received(
            &finding.receiver,
            "the actors and sources of this paper could not be found",
        ) else {
            return false;
        };
        let Some(finding) = self.finding.take() else {
            return false;
        };
        let Some(reader) = self
            .reader
            .as_mut()
            .filter(|r| r.paper() == finding.paper && r.shares_document(&finding.document))
        else {
            return false;
        };
        match result {
            Ok((findings, problem)) => {
                reader.take_findings(findings);
                // A note's short forms take rows under it: pages are cut again.
                self.fit_bottom_pane();
                self.show_problems(problem.into_iter().collect());
            }
            // The paper shows without them, and no longer says it looks.
            Err(problem) => {
                reader.take_findings(Findings::default());
                self.message = Some(problem);
            }
        }
        true
    }

    /// Waits until the open paper's findings are in: for `gloss render`, and
    /// for what lists them (the palette, the sources), asked for before
    /// they came (a few milliseconds for a paper of a few hundred notes; a
    /// very large paper's are found with its whole text, not here).
    pub fn wait_for_findings(&mut self) {
        while self.finding.is_some() {
            if !self.poll_findings() {
                std::thread::sleep(std::time::Duration::from_millis(2));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::positions::Positions;
    use crate::app::{Keymap, Screen};

    fn later(papers: Vec<PaperOrigin>) -> App {
        let mut app = App::listing(
            papers,
            Keymap::defaults(),
            Positions::in_memory(),
            None,
            (120, 40),
        );
        app.find_after_first_screen();
        app
    }

    #[test]
    fn a_paper_shows_before_its_findings_and_takes_them_in_on_the_same_page() {
        let mut app = later(vec![PaperOrigin::BuiltIn(1)]);
        app.open_alone();
        assert_eq!(app.screen(), Screen::Reader);
        let reader = app.reader().unwrap();
        assert!(reader.is_finding());
        assert!(reader.actors().actors.is_empty());
        assert!(reader.bibliography().sources.is_empty());
        assert!(app.is_busy());
        let top = reader.top();
        app.wait_for_findings();
        let reader = app.reader().unwrap();
        assert!(!reader.is_finding());
        assert!(!app.is_busy());
        assert_eq!(reader.top(), top);
        // The same findings as found before the first screen.
        let before = crate::app::testing::open_built_in(1, (120, 40));
        let found = before.reader().unwrap();
        assert_eq!(reader.bibliography(), found.bibliography());
        let names = |r: &crate::app::reader::Reader| -> Vec<String> {
            r.actors().actors.iter().map(|a| a.name.clone()).collect()
        };
        assert_eq!(names(reader), names(found));
        assert!(!names(reader).is_empty());
    }

    #[test]
    fn findings_of_a_paper_left_are_not_taken_by_the_next() {
        let mut app = later(vec![PaperOrigin::BuiltIn(0), PaperOrigin::BuiltIn(1)]);
        app.open_paper(0);
        let first = app.finding.take().unwrap();
        app.open_paper(1);
        // The first paper's findings come in late, while the second is open.
        app.finding = Some(first);
        app.wait_for_findings();
        let reader = app.reader().unwrap();
        assert_eq!(reader.paper(), 1);
        assert!(reader.is_finding());
        assert!(reader.actors().actors.is_empty());
    }
}
