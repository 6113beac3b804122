//! Snapshot tests of the main screens, drawn on ratatui's test backend.
//! Review changes with `cargo insta review` (or accept them with INSTA_UPDATE=always).

use gloss::app::positions::Positions;
use gloss::app::{App, Keymap};
use gloss::papers::{BUILT_IN, PaperOrigin};
use gloss::render::{parse_keys, run_keys};

const FULLER: usize = 0;
const STRAKES: usize = 1;

/// The app on a built-in paper (or the library of both) at `size`.
fn app(paper: Option<usize>, size: (u16, u16)) -> App {
    let sources = match paper {
        Some(index) => vec![PaperOrigin::BuiltIn(index)],
        None => (0..BUILT_IN.len()).map(PaperOrigin::BuiltIn).collect(),
    };
    let mut app = App::new(
        sources,
        Keymap::defaults(),
        Positions::in_memory(),
        size.0,
        size.1,
    );
    app.resize(size.0, size.1);
    app
}

fn screen(paper: Option<usize>, size: (u16, u16), keys: &str) -> String {
    run_keys(&mut app(paper, size), &parse_keys(keys).unwrap())
}

macro_rules! screens {
    ($($name:ident: $paper:expr, $size:expr, $keys:expr;)*) => {
        $(
            #[test]
            fn $name() {
                insta::assert_snapshot!(screen($paper, $size, $keys));
            }
        )*
    };
}

screens! {
    library_120x40: None, (120, 40), "";
    library_80x24: None, (80, 24), "j";
    fuller_first_page_120x40: Some(FULLER), (120, 40), "";
    fuller_first_page_80x24: Some(FULLER), (80, 24), "";
    fuller_page_three_120x40: Some(FULLER), (120, 40), "space space";
    fuller_iran_from_the_palette_120x40: Some(FULLER), (120, 40), "ctrl-p i r a n enter";
    fuller_palette_open_120x40: Some(FULLER), (120, 40), "ctrl-p m i n s k";
    fuller_note_12_followed_120x40: Some(FULLER), (120, 40), "1 2 enter";
    fuller_note_12_followed_80x24: Some(FULLER), (80, 24), "1 2 enter";
    fuller_search_80x24: Some(FULLER), (80, 24), "/ g a b a l a enter";
    fuller_help_120x40: Some(FULLER), (120, 40), "?";
    fuller_actor_mentions_120x40: Some(FULLER), (120, 40), "a j enter";
    strakes_first_page_120x40: Some(STRAKES), (120, 40), "";
    strakes_first_page_80x24: Some(STRAKES), (80, 24), "";
    fuller_measure_200x60: Some(FULLER), (200, 60), "space";
    fuller_sidenotes_160x50: Some(FULLER), (160, 50), "space space";
    strakes_sidenotes_160x50: Some(STRAKES), (160, 50), "ctrl-p n a m space a s enter";
    strakes_table_160x50: Some(STRAKES), (160, 50), "ctrl-p t a b l e space 1 enter";
    strakes_table_80x24: Some(STRAKES), (80, 24), "ctrl-p t a b l e space 1 enter";
    strakes_dense_notes_160x50: Some(STRAKES), (160, 50), "1 0 5 enter esc";
    strakes_table_measure_200x60: Some(STRAKES), (200, 60), "ctrl-p t a b l e space 1 enter";
    strakes_narrowed_200x60: Some(STRAKES), (200, 60), "- - - -";
    strakes_table_120x40: Some(STRAKES), (120, 40), "ctrl-p t a b l e space 1 enter";
    strakes_missing_notes_120x40: Some(STRAKES), (120, 40), "1 0 5 enter";
    strakes_sidebar_toggled_80x24: Some(STRAKES), (80, 24), "s";
    too_small_30x8: Some(FULLER), (30, 8), "";
    fuller_writing_a_note_120x40: Some(FULLER), (120, 40), "ctrl-p r u s s i a enter j j m W h y space n o t space T u r k e y ? enter # q u e s t i o n";
    fuller_margin_notes_120x40: Some(FULLER), (120, 40), "ctrl-p r u s s i a enter j j m W h y space n o t space T u r k e y ? space # q u e s t i o n ctrl-s j j j j j v j w m S e e space n o t e space 1 2 ctrl-s tab tab tab";
    fuller_margin_folded_80x24: Some(FULLER), (80, 24), "ctrl-p r u s s i a enter j j m A space n o t e ctrl-s";
    fuller_notes_list_120x40: Some(FULLER), (120, 40), "ctrl-p r u s s i a enter j j m W h y ? space # q u e s t i o n ctrl-s j j j m O k ctrl-s # # q";
    fuller_visual_selection_120x40: Some(FULLER), (120, 40), "ctrl-p i r a n enter j j v j j w w";
}

/// The status line: the last row of the screen.
fn status_line(screen: &str) -> String {
    screen.lines().last().unwrap_or("").to_owned()
}

#[test]
fn the_status_line_keeps_the_page_and_percentage_at_every_size() {
    let minsk = "ctrl-p e v o l u t i o n space o f space t h e space m i n s k enter";
    for size in [(80, 24), (120, 40), (60, 20), (200, 50), (40, 10)] {
        let status = status_line(&screen(Some(STRAKES), size, minsk));
        let percent = regex_free_percent(&status);
        assert!(
            status.contains("page ") || size.0 < 50,
            "{size:?}: {status}"
        );
        assert!(percent.is_some_and(|p| p > 5), "{size:?}: {status}");
    }
    // A long message shortens with "…"; the position stays.
    let status = status_line(&screen(
        Some(STRAKES),
        (80, 24),
        "/ t h i s space i s space a space l o n g space q u e r y space t h a t space m a t c h e s space n o t h i n g space a t space a l l enter",
    ));
    assert!(status.contains('…') && status.contains("page "), "{status}");
}

/// The percentage at the end of the status line's position ("… · 34%").
fn regex_free_percent(status: &str) -> Option<u32> {
    let end = status.find('%')?;
    let digits: String = status[..end]
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    digits.parse().ok()
}

#[test]
fn contents_entries_keep_their_page_numbers() {
    for size in [(120, 40), (80, 40), (66, 50), (200, 50)] {
        let screen = screen(Some(STRAKES), size, "");
        assert!(
            screen
                .lines()
                .any(|l| l.trim_end_matches(['│', ' ']).ends_with(". 13")),
            "{size:?}:\n{screen}"
        );
    }
}

/// Every selection still shows with `NO_COLOR`: no cell has a colour, and the
/// selected row is in reverse video.
#[test]
fn without_colour_selections_show_in_reverse_video() {
    use ratatui::style::{Color, Modifier};
    for (paper, keys, row_text) in [
        (None, "j", "Strakes"),
        (Some(FULLER), "ctrl-p r u s s i a", "Russia"),
        (Some(FULLER), "a j", "Russia"),
        (Some(FULLER), "1 enter", "US Embassy Baku"),
    ] {
        let sources = match paper {
            Some(index) => vec![PaperOrigin::BuiltIn(index)],
            None => (0..BUILT_IN.len()).map(PaperOrigin::BuiltIn).collect(),
        };
        let mut app = App::new(sources, Keymap::defaults(), Positions::in_memory(), 120, 40);
        app.set_no_color(true);
        for key in parse_keys(keys).unwrap() {
            app.handle_key(key);
        }
        let buffer = gloss::render::draw(&app);
        assert!(
            buffer
                .content
                .iter()
                .all(|c| c.fg == Color::Reset && c.bg == Color::Reset),
            "{keys}: a colour is left"
        );
        // The selected row: it shows the item and is (at least partly) reversed.
        let reversed_row = (0..buffer.area.height).find(|&y| {
            let text: String = (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol().to_owned())
                .collect();
            text.contains(row_text)
                && (0..buffer.area.width)
                    .any(|x| buffer[(x, y)].modifier.contains(Modifier::REVERSED))
        });
        assert!(reversed_row.is_some(), "{keys}: no reversed '{row_text}'");
    }
}

#[test]
fn the_palette_keeps_kinds_apart_from_labels_and_says_when_a_note_is_missing() {
    let figures = screen(Some(STRAKES), (120, 40), "ctrl-p f i g u r e");
    assert!(figures.contains(" figure Figure 1 "), "{figures}");
    assert!(!figures.contains("figureFigure"));
    let missing = screen(Some(FULLER), (120, 40), "ctrl-p 5 7");
    assert!(
        missing.contains("there is no note 57: the notes run to"),
        "{missing}"
    );
    let one = screen(Some(FULLER), (120, 40), "ctrl-p g a b a l a");
    assert!(!one.contains("1 matches"), "{one}");
}

#[test]
fn help_shows_the_last_message_in_full_and_its_footer() {
    let long = "/ t h i s space i s space a space l o n g space q u e r y space t h a t space m a t c h e s space n o t h i n g space a t space a l l enter";
    let help = screen(Some(STRAKES), (80, 24), &format!("{long} ?"));
    assert!(help.contains("Last message"), "{help}");
    // Wrapped in the box, the whole message is there.
    assert!(
        help.contains("no match for 'this is a long query that matches nothing at")
            && help.contains("all' in the text, its notes or yours"),
        "{help}"
    );
    let keys = screen(Some(FULLER), (120, 40), "?");
    assert!(keys.contains("keymap.toml"), "the footer is shown: {keys}");
    let marks = screen(Some(FULLER), (120, 40), "? space space space space space");
    assert!(
        marks.contains("Marks") && marks.contains("mentioned on this page"),
        "{marks}"
    );
}

#[test]
fn the_library_counts_in_the_singular_and_keeps_a_margin_after_the_progress() {
    let one = screen(Some(FULLER), (100, 30), "G L");
    let status = status_line(&one);
    assert!(
        status.contains("1 paper") && !status.contains("1 papers"),
        "{status}"
    );
    let row = one.lines().find(|l| l.contains("100% read")).unwrap();
    assert!(row.ends_with("100% read  │"), "{row:?}");
}

#[test]
fn text_a_margin_note_is_on_is_underlined() {
    use ratatui::style::Modifier;
    let mut app = app(Some(FULLER), (120, 40));
    let underlined = |app: &App| {
        let buffer = gloss::render::draw(app);
        let text = app.geometry().text;
        (text.y..text.y + text.height)
            .flat_map(|y| (text.x..text.x + text.width).map(move |x| (x, y)))
            .filter(|&(x, y)| buffer[(x, y)].modifier.contains(Modifier::UNDERLINED))
            .count()
    };
    let before = underlined(&app);
    for key in parse_keys("m A space n o t e ctrl-s").unwrap() {
        app.handle_key(key);
    }
    assert!(underlined(&app) > before + 20);
}

#[test]
fn sources() {
    insta::assert_snapshot!("sources_list_120x40", screen(Some(STRAKES), (120, 40), "S"));
    insta::assert_snapshot!(
        "sources_list_filtered_80x24",
        screen(Some(STRAKES), (80, 24), "S k u g l e r")
    );
    insta::assert_snapshot!(
        "source_citations_120x40",
        screen(Some(STRAKES), (120, 40), "S m e h d i y e v enter j")
    );
    insta::assert_snapshot!(
        "source_citations_80x24",
        screen(Some(STRAKES), (80, 24), "ctrl-p b l o e d enter")
    );
    insta::assert_snapshot!(
        "ibid_resolved_in_the_pane_120x40",
        screen(Some(STRAKES), (120, 40), "5 0 enter")
    );
    insta::assert_snapshot!(
        "palette_finds_a_source_80x24",
        screen(
            Some(STRAKES),
            (80, 24),
            "ctrl-p h o p m a n n space 2 0 1 3"
        )
    );
}

#[test]
fn help_names_the_users_files_where_they_are() {
    let mut app = app(Some(FULLER), (120, 40));
    app.set_user_files(vec![
        ("your keys", "/home/ada/.config/gloss/keymap.toml".into()),
        ("margin notes", "/home/ada/.local/share/gloss/notes".into()),
    ]);
    // Scrolled to the end of the help: the files come after the marks.
    let keys = "? space space space space space space space space space space";
    let help = run_keys(&mut app, &parse_keys(keys).unwrap());
    assert!(help.contains("Your files"), "{help}");
    assert!(
        help.contains("margin notes") && help.contains("/home/ada/.local/share/gloss/notes"),
        "{help}"
    );
    // The footer names the keymap's path (wrapped onto its own line here).
    let footer: String = help
        .lines()
        .filter(|l| l.contains("yours go in") || l.contains("/home/ada/.config"))
        .collect();
    assert!(
        footer
            .matches("/home/ada/.config/gloss/keymap.toml")
            .count()
            == 2,
        "{help}"
    );
}
