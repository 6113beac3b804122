//! Actors measured per kind against a labelled set of seven papers of
//! different fields and periods (`tests/actors/labelled.toml`): precision
//! and recall of people, organisations, states and groups, and no place,
//! document or work taken for a person. `GLOSS_ACTOR_MISSES=1` prints what
//! was missed and what was wrong, paper by paper.

use std::collections::BTreeMap;

use gloss::actors::{ActorIndex, ActorKind, Gazetteer};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Labelled {
    paper: Vec<Paper>,
}

#[derive(Debug, Deserialize)]
struct Paper {
    path: String,
    people: Vec<String>,
    organisations: Vec<String>,
    states: Vec<String>,
    groups: Vec<String>,
    optional: Vec<String>,
    not_people: Vec<String>,
}

/// A labelled actor: its names, any of which gloss may list it by.
struct Entry {
    names: Vec<String>,
}

impl Entry {
    fn of(labelled: &str) -> Self {
        Self {
            names: labelled.split('|').map(normal).collect(),
        }
    }

    fn is(&self, name: &str) -> bool {
        self.names.contains(&normal(name))
    }
}

/// Names compared without case, periods or extra spaces.
fn normal(name: &str) -> String {
    name.replace('.', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    found_right: usize,
    found_wrong: usize,
    missed: usize,
}

impl Counts {
    fn precision(&self) -> f64 {
        ratio(self.found_right, self.found_right + self.found_wrong)
    }

    fn recall(&self) -> f64 {
        ratio(self.found_right, self.found_right + self.missed)
    }
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        1.0
    } else {
        part as f64 / whole as f64
    }
}

struct Scores {
    by_kind: BTreeMap<ActorKind, Counts>,
    /// Places, documents and works found as people: (paper, name).
    people_not_people: Vec<(String, String)>,
}

fn score() -> Scores {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let labelled: Labelled =
        toml::from_str(&std::fs::read_to_string(root.join("tests/actors/labelled.toml")).unwrap())
            .unwrap();
    let show = std::env::var_os("GLOSS_ACTOR_MISSES").is_some();
    let mut by_kind: BTreeMap<ActorKind, Counts> = BTreeMap::new();
    let mut people_not_people = Vec::new();
    for paper in &labelled.paper {
        let path = root.join(&paper.path);
        let document = gloss::parse_file(&path).unwrap();
        let (gazetteer, _) = Gazetteer::for_paper(&path);
        let found = ActorIndex::build(&document, &gazetteer).actors;
        let gold: Vec<(ActorKind, Vec<Entry>)> = [
            (ActorKind::Person, &paper.people),
            (ActorKind::Organisation, &paper.organisations),
            (ActorKind::State, &paper.states),
            (ActorKind::Group, &paper.groups),
        ]
        .into_iter()
        .map(|(kind, names)| (kind, names.iter().map(|n| Entry::of(n)).collect()))
        .collect();
        let optional: Vec<Entry> = paper.optional.iter().map(|n| Entry::of(n)).collect();
        let not_people: Vec<Entry> = paper.not_people.iter().map(|n| Entry::of(n)).collect();
        let mut hit: Vec<Vec<bool>> = gold.iter().map(|(_, e)| vec![false; e.len()]).collect();
        for actor in &found {
            if actor.kind == ActorKind::Person && not_people.iter().any(|e| e.is(&actor.name)) {
                people_not_people.push((paper.path.clone(), actor.name.clone()));
            }
            let labelled = gold.iter().enumerate().find_map(|(k, (kind, entries))| {
                entries
                    .iter()
                    .position(|e| e.is(&actor.name))
                    .map(|i| (k, *kind, i))
            });
            let counts = by_kind.entry(actor.kind).or_default();
            match labelled {
                Some((k, kind, i)) if kind == actor.kind => {
                    // The same actor listed twice (two of its names) is right once.
                    if std::mem::replace(&mut hit[k][i], true) {
                        counts.found_wrong += 1;
                        if show {
                            println!("{}: {} listed twice", paper.path, actor.name);
                        }
                    } else {
                        counts.found_right += 1;
                    }
                }
                None if optional.iter().any(|e| e.is(&actor.name)) => {}
                _ => {
                    counts.found_wrong += 1;
                    if show {
                        println!("{}: wrong {} {}", paper.path, actor.kind.name(), actor.name);
                    }
                }
            }
        }
        for (k, (kind, entries)) in gold.iter().enumerate() {
            for (i, entry) in entries.iter().enumerate() {
                if !hit[k][i] {
                    by_kind.entry(*kind).or_default().missed += 1;
                    if show {
                        println!("{}: missed {} {}", paper.path, kind.name(), entry.names[0]);
                    }
                }
            }
        }
    }
    Scores {
        by_kind,
        people_not_people,
    }
}

#[test]
fn actors_per_kind_on_the_labelled_set() {
    let scores = score();
    for (kind, counts) in &scores.by_kind {
        println!(
            "{:<13} precision {:.2} recall {:.2} ({} right, {} wrong, {} missed)",
            kind.name(),
            counts.precision(),
            counts.recall(),
            counts.found_right,
            counts.found_wrong,
            counts.missed
        );
    }
    assert!(
        scores.people_not_people.is_empty(),
        "places, documents or works taken for people: {:?}",
        scores.people_not_people
    );
    // Floors: near what gloss reaches today (people 0.98 / 0.86,
    // organisations 0.97 / 1.00, states 1.00 / 0.98, groups 1.00 / 1.00), so
    // that no change goes back; at or above the goal of people and
    // organisations at 0.90 / 0.85, states and groups at 0.95.
    let floors = [
        (ActorKind::Person, 0.95, 0.85),
        (ActorKind::Organisation, 0.95, 0.95),
        (ActorKind::State, 0.95, 0.95),
        (ActorKind::Group, 0.95, 0.95),
    ];
    for (kind, precision, recall) in floors {
        let counts = scores.by_kind.get(&kind).copied().unwrap_or_default();
        assert!(
            counts.precision() >= precision && counts.recall() >= recall,
            "{}: precision {:.2} recall {:.2}, floors {precision} {recall}",
            kind.name(),
            counts.precision(),
            counts.recall()
        );
    }
}
