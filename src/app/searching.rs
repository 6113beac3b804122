//! Searches across papers on their own thread, with their own connection to
//! the index: the drawing thread never waits on SQLite, however large the
//! library or common the word. Queries typed while one runs wait behind it,
//! and only the newest of them is asked: the latest query wins.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};

use crate::index::{Hit, Index};

/// One query, numbered so its answer is known for the newest or not.
#[derive(Debug)]
struct Request {
    number: u64,
    query: String,
    within: Vec<String>,
    limit: usize,
}

/// What a search found, or why the index could not be asked.
#[derive(Debug)]
pub struct Answer {
    number: u64,
    pub hits: Result<Vec<Hit>, String>,
}

/// The thread that searches, as the app sees it.
#[derive(Debug)]
pub struct Searcher {
    requests: Sender<Request>,
    answers: Receiver<Answer>,
    /// The number of the newest query asked.
    newest: u64,
    /// Whether the newest query's answer is still to come.
    waiting: bool,
}

impl Searcher {
    /// Starts a searcher on the index file at `path`.
    pub fn spawn(path: PathBuf) -> Self {
        let (requests, inbox) = mpsc::channel::<Request>();
        let (outbox, answers) = mpsc::channel();
        std::thread::spawn(move || {
            // Opened on the first query: the first frame does not wait on it.
            let mut index: Option<Index> = None;
            while let Ok(mut request) = inbox.recv() {
                // Queries typed meanwhile: only the newest is worth asking.
                while let Ok(newer) = inbox.try_recv() {
                    request = newer;
                }
                let hits = ask(&mut index, &path, &request);
                let answer = Answer {
                    number: request.number,
                    hits,
                };
                if outbox.send(answer).is_err() {
                    return;
                }
            }
        });
        Self {
            requests,
            answers,
            newest: 0,
            waiting: false,
        }
    }

    /// Asks for `query` among the papers of `within`; its answer replaces
    /// any older one not yet taken.
    pub fn ask(&mut self, query: &str, within: Vec<String>, limit: usize) {
        self.newest += 1;
        let request = Request {
            number: self.newest,
            query: query.to_owned(),
            within,
            limit,
        };
        // A searcher whose thread is gone answers nothing; `take` says so.
        self.waiting = self.requests.send(request).is_ok();
    }

    /// Forgets the query asked last: its answer, when it comes, is dropped.
    pub fn forget(&mut self) {
        self.newest += 1;
        self.waiting = false;
    }

    /// Whether the answer to the newest query is still to come.
    pub fn is_waiting(&self) -> bool {
        self.waiting
    }

    /// The answer to the newest query, if it has come; answers to older
    /// queries are dropped on the way.
    pub fn take(&mut self) -> Option<Answer> {
        loop {
            match self.answers.try_recv() {
                Ok(answer) if answer.number == self.newest => {
                    self.waiting = false;
                    return Some(answer);
                }
                Ok(_) => {}
                Err(TryRecvError::Empty) => return None,
                Err(TryRecvError::Disconnected) => {
                    let asked = std::mem::take(&mut self.waiting);
                    return asked.then(|| Answer {
                        number: self.newest,
                        hits: Err("the search stopped unexpectedly".to_owned()),
                    });
                }
            }
        }
    }

    /// Waits for the newest query's answer: for tests, which must not
    /// depend on how fast a thread runs.
    #[cfg(test)]
    pub fn wait(&mut self) -> Option<Answer> {
        while self.waiting {
            if let Some(answer) = self.take() {
                return Some(answer);
            }
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        None
    }
}

/// One search on the thread's own connection, opened (quickly: the
/// background indexer checks the file whole) on first use.
fn ask(
    index: &mut Option<Index>,
    path: &std::path::Path,
    request: &Request,
) -> Result<Vec<Hit>, String> {
    let shown = |e: &dyn std::fmt::Display| crate::text::clean_line(&e.to_string());
    if index.is_none() {
        // An index that had to be made again, or kept in memory, has
        // nothing to find yet: said, and opened afresh next time.
        match Index::open_quickly(path).map_err(|e| shown(&e))? {
            (opened, None) => *index = Some(opened),
            (_, Some(problem)) => return Err(crate::text::clean_line(&problem)),
        }
    }
    let Some(index) = index.as_ref() else {
        return Ok(Vec::new());
    };
    let within: Vec<&str> = request.within.iter().map(String::as_str).collect();
    index
        .search(&request.query, &within, request.limit)
        .map_err(|e| shown(&e))
}
