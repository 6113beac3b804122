//! Reads citations for a profiler (`perf record`): Strakes' many times, or
//! with `scaling`, a paper of 5,000 notes and one of 10,000 (the same
//! share of distinct works), each timed, and the ratio of the two.

fn main() {
    if std::env::args().nth(1).as_deref() == Some("scaling") {
        let time = |count: usize| {
            let document = gloss::parse_text(&many_notes(count, count * 3 / 10));
            let start = std::time::Instant::now();
            let sources = gloss::citations::Bibliography::of(&document).sources.len();
            (start.elapsed(), sources)
        };
        let (small, small_sources) = time(5_000);
        let (large, large_sources) = time(10_000);
        println!(
            "5,000 notes ({small_sources} sources) {small:?}, 10,000 notes ({large_sources} sources) {large:?}: {:.2}x",
            large.as_secs_f64() / small.as_secs_f64()
        );
        return;
    }
    let text = include_str!("../texts/strakes-2015-beyond-eurasian-mediation.md");
    let document = gloss::parse_text(text);
    let mut sources = 0;
    for _ in 0..200 {
        sources += gloss::citations::Bibliography::of(&document).sources.len();
    }
    println!("{sources}");
}

/// A paper with `count` notes citing `works` distinct works in Chicago
/// style, with short forms and "Ibid." between them (as in the bench).
fn many_notes(count: usize, works: usize) -> String {
    let mut text = String::from("Title\n\nIntroduction\n\n");
    for i in 1..=count {
        text.push_str(&format!("Claim {i}.<sup>{i}</sup>\n\n"));
    }
    for i in 1..=count {
        let work = (i * 7919) % works;
        let (name, other) = (surname(work), surname(work / 2));
        let note = match i % 4 {
            0 => "Ibid., p. 12.".to_owned(),
            1 => format!(
                "Author {name}, “A Study of Subject {work} in Its Setting” (Boston, {}), ii, p. {i}.",
                1800 + work % 200
            ),
            2 => format!("{name}, “A Study of Subject {work},” p. {i}."),
            _ => format!("{name}, loc. cit., p. {i}; see also {other}, op. cit."),
        };
        text.push_str(&format!("<sup>{i}</sup> {note}\n\n"));
    }
    text
}

/// A surname of letters for work `work`, one per work ("Bacson"): names
/// are compared by their letters, so numbers would make every work one
/// author's.
fn surname(work: usize) -> String {
    let mut letters = String::new();
    let mut rest = work;
    for _ in 0..3 {
        letters.push(char::from(b'a' + (rest % 26) as u8));
        rest /= 26;
    }
    let mut name: String = letters.chars().rev().collect();
    name[..1].make_ascii_uppercase();
    name + "son"
}
