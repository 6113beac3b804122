//! `--at`: a paper opened at a place that outlives the screen, as the
//! status line names it (the real binary, drawn headless by `gloss render`).

mod common;

fn render(path: &str, at: &str, keys: &str) -> String {
    let home = tempfile::tempdir().unwrap();
    let xdg = [
        "XDG_CONFIG_HOME",
        "XDG_DATA_HOME",
        "XDG_STATE_HOME",
        "XDG_CACHE_HOME",
    ]
    .map(|name| (name, home.path()));
    common::gloss_output(
        &[
            "render", path, "--size", "120x40", "--at", at, "--keys", keys,
        ],
        &xdg,
    )
}

fn status(screen: &str) -> &str {
    screen.lines().last().unwrap_or("")
}

const STRAKES: &str = "texts/strakes-2015-beyond-eurasian-mediation.md";

#[test]
fn a_paper_opens_at_a_section_and_paragraph_and_the_status_line_says_where() {
    let screen = render(STRAKES, "§3 ¶2", "");
    assert!(status(&screen).contains("at §3 ¶2"), "{screen}");
    assert!(status(&screen).contains("· §3 ¶"), "{screen}");
    // The same place, read back from the status line, opens the same page.
    let page = |screen: &str| {
        status(screen)
            .split_whitespace()
            .find(|w| w.contains('/'))
            .unwrap_or("")
            .to_owned()
    };
    let again = render(STRAKES, "section 3 paragraph 2", "");
    assert_eq!(page(&again), page(&screen));
}

#[test]
fn a_paper_opens_at_a_note_and_says_what_it_cannot_find() {
    let screen = render(STRAKES, "note:57", "");
    assert!(screen.contains("57 "), "{screen}");
    assert!(status(&screen).contains("NOTES"), "{screen}");
    let missing = render(STRAKES, "p. 999", "");
    assert!(
        status(&missing).contains("there is no p. 999 in this paper"),
        "{missing}"
    );
    let nonsense = render(STRAKES, "the middle", "");
    assert!(status(&nonsense).contains("names no place"), "{nonsense}");
}

#[test]
fn the_palette_goes_to_a_place_typed_into_it() {
    let screen = render(STRAKES, "¶1", "ctrl-p § 4 space ¶ 1 enter");
    assert!(status(&screen).contains("at §4 ¶1"), "{screen}");
}
