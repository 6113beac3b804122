//! The conventions of real PDF converters, one test each on a small inline
//! input written the way the converter writes it.

use gloss::document::{Document, NoteKind};
use gloss::parse_text;

/// Body paragraphs' text, in order.
fn paragraphs(doc: &Document) -> Vec<&str> {
    doc.blocks
        .iter()
        .filter(|b| b.kind.name() == "paragraph" || b.kind.name() == "quote")
        .map(|b| b.text())
        .collect()
}

/// (label, text) of every note, in reading order.
fn notes(doc: &Document) -> Vec<(&str, &str)> {
    doc.footnotes
        .iter()
        .map(|f| (f.label.as_str(), f.text()))
        .collect()
}

/// Labels of the markers in the block whose text contains `needle`.
fn markers_in<'a>(doc: &'a Document, needle: &str) -> Vec<&'a str> {
    doc.blocks
        .iter()
        .find(|b| b.text().contains(needle))
        .map(|b| b.content.markers.iter().map(|m| m.label.as_str()).collect())
        .unwrap_or_default()
}

fn all_text(doc: &Document) -> String {
    doc.blocks
        .iter()
        .map(|b| b.text())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Two pages as pdftotext writes them: no blank lines between paragraphs,
/// notes at each page's foot, the page number, a form feed.
const PDFTOTEXT: &str = "\
The Significance of the Frontier*
Frederick Jackson Turner

In a recent bulletin of the Superintendent of the Census for 1890 appear these words about the
frontier of settlement, which had been so broken into by isolated bodies of settlement that there
can hardly be said to be a frontier line any longer, as the report says.
Behind institutions, behind constitutional forms and modifications, lie the vital forces that call
these organs into life. Said Calhoun in 1817, “We are great, and rapidly growing!”1 So saying, he
touched the distinguishing feature of American life, the expansion of the settlement along the
* A paper read at the meeting of the American Historical Association in Chicago, July 12, 1893, and
printed in the Proceedings.
1 “Abridgment of Debates of Congress,” v, p. 706.

1

\x0Cfrontier line to the French Broad.2 The King attempted to arrest the advance by his proclamation
of 1763, forbidding settlements beyond the sources of the rivers, but in vain.
2 Bancroft (1860 ed.), iii, pp. 344, 345.

2

\x0C";

#[test]
fn pdftotext_pages_notes_and_furniture() {
    let doc = parse_text(PDFTOTEXT);
    assert_eq!(
        notes(&doc),
        vec![
            (
                "*",
                "A paper read at the meeting of the American Historical Association in Chicago, July 12, 1893, and printed in the Proceedings."
            ),
            ("1", "“Abridgment of Debates of Congress,” v, p. 706."),
            ("2", "Bancroft (1860 ed.), iii, pp. 344, 345."),
        ]
    );
    assert_eq!(doc.footnotes[0].kind, NoteKind::Symbol);
    let pages: Vec<Option<&str>> = doc.pages.iter().map(|p| p.number.as_deref()).collect();
    assert_eq!(pages, vec![Some("1"), Some("2")]);
    // The page number and the notes are not reading text.
    let text = all_text(&doc);
    assert!(!text.contains("Abridgment"), "{text}");
    assert!(!text.lines().any(|l| l.trim() == "1" || l.trim() == "2"));
}

#[test]
fn paragraphs_without_blank_lines_and_cut_by_a_page() {
    let doc = parse_text(PDFTOTEXT);
    let paragraphs = paragraphs(&doc);
    assert!(
        paragraphs[0].starts_with("In a recent bulletin")
            && paragraphs[0].ends_with("as the report says.")
    );
    // Cut by the page foot, its notes, the page number and the form feed.
    assert!(
        paragraphs[1]
            .contains("expansion of the settlement along the frontier line to the French Broad."),
        "{paragraphs:#?}"
    );
    assert_eq!(paragraphs.len(), 2);
}

#[test]
fn glued_markers_bind_to_their_notes() {
    let doc = parse_text(PDFTOTEXT);
    assert_eq!(markers_in(&doc, "rapidly growing!”"), vec!["1", "2"]);
    assert!(all_text(&doc).contains("growing!” So saying"));
    assert!(all_text(&doc).contains("French Broad. The King"));
    // The title's `*` is the author note's marker.
    assert_eq!(
        doc.metadata.title.as_deref(),
        Some("The Significance of the Frontier")
    );
    assert_eq!(doc.footnotes[0].cited_in.len(), 1);
}

#[test]
fn years_and_quantities_are_not_markers() {
    let doc = parse_text(PDFTOTEXT);
    let text = all_text(&doc);
    assert!(text.contains("Census for 1890"));
    assert!(text.contains("Calhoun in 1817"));
    assert!(text.contains("proclamation of 1763"));
}

#[test]
fn running_heads_with_glued_page_numbers_divide_pages() {
    // pdfplumber: no form feeds; the running head carries the page number.
    let page = |n: usize, body: &str, note: &str| {
        format!("SIGNIFICANCE OF THE FRONTIER {n}\n{body}\n{note}\n")
    };
    let text = [
        page(
            1,
            "The pioneer crossed the mountains with his family and his cattle, and he took\nthe trails of the Indian traders.1 The settlement followed the traders into the",
            "1Turner, “Indian Trade in Wisconsin,” p. 18.",
        ),
        page(
            2,
            "valleys of the Ohio and its tributaries, where the land was rich and cheap.2 The\nfrontier moved on.",
            "2Roosevelt, “Winning of the West,” i, p. 101.",
        ),
        page(3, "A third page of text that ends here.", ""),
    ]
    .concat();
    let doc = parse_text(&text);
    assert_eq!(doc.pages.len(), 3);
    assert_eq!(doc.pages[1].number.as_deref(), Some("2"));
    assert_eq!(
        notes(&doc),
        vec![
            ("1", "Turner, “Indian Trade in Wisconsin,” p. 18."),
            ("2", "Roosevelt, “Winning of the West,” i, p. 101."),
        ]
    );
    let text = all_text(&doc);
    assert!(!text.contains("SIGNIFICANCE"), "{text}");
    assert!(
        text.contains("followed the traders into the valleys of the Ohio"),
        "{text}"
    );
}

#[test]
fn layout_mode_indents_and_padded_heads() {
    // pdftotext -layout: paragraphs indented, the head padded to the margin,
    // a note's second paragraph after its first.
    let text = "\
THE OLD WEST                                                                  1


The Old West1
It is not the oldest West with which this chapter deals. The oldest West was the Atlantic
coast, and it took a century of fighting for the colonies to expand into the interior.
    In his “Winning of the West,” Roosevelt dealt chiefly with the region beyond the
Alleghanies, and with the period of the later eighteenth century.2
   1 Proceedings of the State Historical Society of Wisconsin for 1908.
   2 For the settled area in 1660, see the map by Lois Mathews in Channing, i, p. 510.
  Contemporaneous maps of the middle of the eighteenth century are: Mitchell, “Map of the
British Colonies” (1755).
\x0CTHE OLD WEST                                                                  2


    Let us first examine the northern part of the movement into the back country.
";
    let doc = parse_text(text);
    assert_eq!(doc.metadata.title.as_deref(), Some("The Old West"));
    let paragraphs = paragraphs(&doc);
    assert_eq!(paragraphs.len(), 3, "{paragraphs:#?}");
    assert!(paragraphs[1].starts_with("In his “Winning of the West,”"));
    let second = &doc.footnotes[1];
    assert!(
        second
            .text()
            .ends_with("“Map of the British Colonies” (1755)."),
        "{}",
        second.text()
    );
}

#[test]
fn line_end_hyphens_are_resolved() {
    let text = "\
The committee was appointed by the General Court to con-
sider the frontier towns, from the Nagorno-Karabakh example of a much later age and the Nagorno-
Karabakh conflict, and it reported to the court in the year that fol-
lowed its appointment.
1

\x0CA second page.

2

\x0C";
    let doc = parse_text(text);
    let text = all_text(&doc);
    assert!(text.contains("to consider the frontier"), "{text}");
    assert!(text.contains("the Nagorno-Karabakh conflict"), "{text}");
    assert!(text.contains("the year that followed"), "{text}");
}

#[test]
fn pymupdf4llm_blockquote_notes_and_false_headings() {
    let text = "\
# **The First Official Frontier of the Massachusetts Bay**<sup>1</sup>

The designation “frontier town” was not a new one. As early as 1645 inhabitants of Concord were forbidden to remove;<sup>2</sup> the settler on the outskirts of Puritan civilization took up the task of bearing the brunt

> 1Publications of the Colonial Society of Massachusetts, April, 1914.

> 2Massachusetts Archives, xxxvi, p. 150. Further papers on the same subject are listed

> in the Society's bibliography.

1

### of attack and pushing forward the line of advance, yo<sup>r</sup> Hon<sup>rs</sup> servants.

> 3Osgood, “American Colonies,” i, p. 501.

2

A third page.

3
";
    let doc = parse_text(text);
    assert_eq!(
        doc.metadata.title.as_deref(),
        Some("The First Official Frontier of the Massachusetts Bay")
    );
    assert_eq!(doc.footnotes[1].label, "2");
    assert!(
        doc.footnotes[1]
            .text()
            .ends_with("in the Society's bibliography.")
    );
    let paragraphs = paragraphs(&doc);
    assert!(
        paragraphs
            .iter()
            .any(|p| p.contains("bearing the brunt of attack and pushing forward")),
        "{paragraphs:#?}"
    );
    assert!(
        doc.sections
            .iter()
            .all(|s| !s.title.starts_with("of attack"))
    );
    // Old abbreviations in superscript are text, not markers.
    assert!(all_text(&doc).contains("servants"));
    assert!(
        notes(&doc)
            .iter()
            .all(|(label, _)| *label != "r" && *label != "rs")
    );
}

#[test]
fn marker_page_anchors_and_garbled_superscripts() {
    let text = "\
# Longformer

## 1 Introduction

Transformers have achieved state-of-the-art results in a wide range of tasks.<sup>1</sup> We use the sliding window, as in [2](#page-2-1), reducing the

<span id=\"page-0-0\"></span><sup>1</sup><https://github.com/allenai/longformer>

<span id=\"page-2-1\"></span><sup>&</sup>lt;sup>2</sup>SQuAD contexts typically fit within the 512 limit.

need for task-specific architectures.
";
    let doc = parse_text(text);
    let labels: Vec<&str> = notes(&doc).iter().map(|(l, _)| *l).collect();
    assert_eq!(labels, vec!["1", "2"]);
    assert!(doc.footnotes[1].text().starts_with("SQuAD contexts"));
    assert!(
        paragraphs(&doc)
            .iter()
            .any(|p| p.contains("reducing the need for task-specific architectures.")),
        "{:#?}",
        paragraphs(&doc)
    );
}

#[test]
fn gutenberg_endnotes_under_footnotes() {
    let text = "\
CHAPTER X

Sir J. Hawkins supposes that \"the sonatas of Bassani,[1]
were the models of Corelli.\" In 1728 John Humphries published sonatas.[2]

FOOTNOTES:

[1] Giovanni Battista Bassani, 1657-1716.

[2]

The first set of six.

A second paragraph of the same note.
";
    let doc = parse_text(text);
    assert_eq!(
        notes(&doc),
        vec![
            ("1", "Giovanni Battista Bassani, 1657-1716."),
            (
                "2",
                "The first set of six. A second paragraph of the same note."
            ),
        ]
    );
    assert_eq!(markers_in(&doc, "Hawkins"), vec!["1", "2"]);
}

#[test]
fn gutenberg_inline_footnote_blocks() {
    let text = "\
The old sonata had three movements.[1] It was played at court.

[Footnote 1: See the chapter on Corelli,

with a second paragraph.]

The next paragraph goes on.
";
    let doc = parse_text(text);
    assert_eq!(
        notes(&doc),
        vec![("1", "See the chapter on Corelli, with a second paragraph.")]
    );
    assert!(all_text(&doc).contains("The next paragraph goes on."));
}

#[test]
fn notes_numbered_per_page_bind_on_their_page() {
    let text = "\
First page text that cites a source here.1 And it goes on to cite another one, and it goes
on for a while before the paragraph ends here.2
1 First source on page one.
2 Second source on page one.

1

\x0CSecond page text that cites a source.1 The numbers start again on each page, as the
footmisc package sets them.
1 First source on page two.

2

\x0C";
    let doc = parse_text(text);
    let first = markers_in(&doc, "First page text");
    let second = markers_in(&doc, "Second page text");
    assert_eq!((first, second), (vec!["1", "2"], vec!["1"]));
    let block = doc
        .blocks
        .iter()
        .find(|b| b.text().starts_with("Second page"))
        .unwrap();
    let note = &doc.footnotes[block.content.markers[0].note];
    assert_eq!(note.text(), "First source on page two.");
}

#[test]
fn a_note_running_over_a_page_is_one_note() {
    let text = "\
Body text of the first page, a line as long as the body's lines are on this page of text, and
it ends here.1
1 A note that begins at the foot of the first page and does not end there, because the source is
long and runs on to the

1

\x0CBody text of the second page, a line as long as the body's lines are on this page of text,
and it ends here.2
next page, where it ends, set in the same small type as every other note at the foot of the page, so its lines are long.
2 The second note.

2

\x0C";
    let doc = parse_text(text);
    assert_eq!(doc.footnotes.len(), 2, "{:#?}", notes(&doc));
    assert!(
        doc.footnotes[0]
            .text()
            .ends_with("as every other note at the foot of the page, so its lines are long."),
        "{:#?}",
        notes(&doc)
    );
    assert!(!all_text(&doc).contains("small type"));
}

#[test]
fn two_glued_markers_split_by_the_sequence() {
    let text = "\
A model of the kind described here.12 And more text of the first page follows here.
1 The first note.
2 The second note.

1

\x0CThe end.

2

\x0C";
    let doc = parse_text(text);
    assert_eq!(markers_in(&doc, "A model"), vec!["1", "2"]);
}

#[test]
fn warnings_name_notes_without_markers() {
    let text = "\
A page of text that cites one note only.6 The next note's marker was lost in conversion.
6 A note cited.
7 A note nobody cites.

1

\x0CAnother page.

2

\x0C";
    let doc = parse_text(text);
    assert_eq!(doc.footnotes.len(), 2);
    assert!(
        doc.warnings
            .iter()
            .any(|w| w.contains("note 7") && w.contains("no marker")),
        "{:?}",
        doc.warnings
    );
}

#[test]
fn source_ranges_point_into_the_original() {
    let doc = parse_text(PDFTOTEXT);
    for note in &doc.footnotes {
        let range = note.spans[0].clone();
        let original = &PDFTOTEXT[range];
        let first_word = note.text().split_whitespace().next().unwrap();
        assert!(
            original.contains(first_word),
            "{original:?} for {:?}",
            note.text()
        );
    }
    for block in &doc.blocks {
        for range in &block.spans {
            assert!(range.end <= PDFTOTEXT.len());
        }
    }
    let page = &doc.pages[1];
    assert!(PDFTOTEXT[page.span.clone()].contains("French Broad"));
}

#[test]
fn text_without_evidence_reads_as_before() {
    // No pages, no converter notes: the Markdown passes alone.
    let text = "Title\n\nA paragraph.⁸\n\n⁸ A note.\n";
    let doc = parse_text(text);
    assert_eq!(notes(&doc), vec![("8", "A note.")]);
    assert!(doc.pages.is_empty());
}

#[test]
fn hostile_input_never_panics() {
    // Bytes around every boundary the line pass looks at.
    let pieces = [
        "\x0C",
        "\n",
        " ",
        "1",
        "12",
        "*",
        "†",
        "||",
        "‖",
        ">",
        "<sup>",
        "</sup>",
        "<sup>&</sup>lt;sup>",
        "[^",
        "]:",
        "[",
        "]",
        "[Footnote ",
        "[Footnote †",
        "∗",
        "¹",
        "1901.",
        "> 1",
        "- 1",
        "(#page-1-2)",
        "<span id=\"page-",
        "\"></span>",
        "Footnote ",
        ":",
        "FOOTNOTES:",
        "-",
        "é",
        "”",
        ".",
        "a",
        "A",
        "$",
        "^{",
        "}",
        "#",
        "|",
        "- ",
        "1.5",
    ];
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    for _ in 0..3000 {
        let mut text = String::new();
        for _ in 0..(seed % 60) {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
        }
        let doc = parse_text(&text);
        for range in doc.source_ranges() {
            // Inside the text, on character boundaries.
            assert!(text.get(range.clone()).is_some(), "{range:?} of {text:?}");
        }
    }
}

#[test]
fn footnote_n_colon_paragraphs() {
    let text = "The frontier moved west in every generation of settlers here.1 It went on.\n\nFootnote 1: Turner, The Frontier, p. 3.\n\n1\n\n\x0CMore text.\n\n2\n\n\x0C";
    let doc = parse_text(text);
    assert_eq!(notes(&doc), vec![("1", "Turner, The Frontier, p. 3.")]);
    assert_eq!(doc.footnotes[0].cited_in.len(), 1);
}

#[test]
fn pandoc_notes_numbered_per_page() {
    let text = "A study of the frontier with its sources cited in the text.[^1] And another one.[^2]\n\n[^1]: First source on page one.\n\n[^2]: Second source.\n\n1\n\n\x0CThe next page cites again.[^1]\n\n[^1]: First source on page two.\n\n2\n\n\x0C";
    let doc = parse_text(text);
    let block = doc
        .blocks
        .iter()
        .find(|b| b.text().starts_with("The next page"))
        .unwrap();
    let note = &doc.footnotes[block.content.markers[0].note];
    assert_eq!(note.text(), "First source on page two.");
    assert_eq!(doc.footnotes.len(), 3);
}

#[test]
fn author_lines_set_as_headings_and_chapter_lines() {
    let text = "# The Old West\n\n## Frederick Jackson Turner\n\nIt is not the oldest West with which this chapter deals, said the author.<sup>1</sup>\n\n> 1Proceedings of the Society.\n\n1\n\nCHAPTER VI.\n\nTHE MIDDLE WEST\n\nThe Middle West is the subject of this chapter.\n\n2\n\nMore.\n\n3\n";
    let doc = parse_text(text);
    assert_eq!(doc.metadata.authors, vec!["Frederick Jackson Turner"]);
    let sections: Vec<&str> = doc.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(sections, vec!["CHAPTER VI.", "THE MIDDLE WEST"]);
    assert_eq!(notes(&doc), vec![("1", "Proceedings of the Society.")]);
}

#[test]
fn numbers_that_only_look_like_markers() {
    let text = "\
The valley held 220 settlers and the ratio was 10−2 in that census, and the
population of 1790 grew to 3,000 by 1800.1 The settlers kept coming.
1 Census of 1800.

1

\x0CMore text of the second page.

2

\x0C";
    let doc = parse_text(text);
    assert_eq!(markers_in(&doc, "The valley"), vec!["1"]);
    let text = all_text(&doc);
    assert!(text.contains("220 settlers") && text.contains("10−2") && text.contains("3,000"));
}

#[test]
fn a_label_alone_with_a_blank_line_before_its_text() {
    // pdftotext with some fonts: the label, a blank line, the note.
    let text = "\
The census of 1890 declared the frontier closed, and the Atlantic Monthly printed the essay.1
Gouverneur Morris looked forward to the range of new states in the west of the country.
1

Atlantic Monthly, September, 1896. Reprinted by permission.

7

\x0CTHE FRONTIER IN AMERICAN HISTORY
More text on the next page.

8

\x0C";
    let doc = parse_text(text);
    assert_eq!(
        notes(&doc),
        vec![(
            "1",
            "Atlantic Monthly, September, 1896. Reprinted by permission."
        )]
    );
    assert!(!all_text(&doc).contains("Reprinted by permission"));
}

/// `count` body lines of `word` repeated to about `width` characters, as a
/// column of justified text whose sentences run on.
fn column_lines(count: usize, word: &str, width: usize) -> String {
    (0..count)
        .map(|_| {
            let mut line = String::new();
            while line.len() + word.len() < width {
                line.push_str(word);
                line.push(' ');
            }
            line.push_str("and\n");
            line
        })
        .collect()
}

#[test]
fn a_full_line_at_a_column_foot_goes_on_after_the_blank_line() {
    // mutool and pdfminer set no blank line between paragraphs: a blank line
    // inside a page is a column's foot, and a full line there goes on.
    let text = format!(
        "{}heaven and a new earth in politics as well as in religion.\n\n\
         In spite of the influence of the backwoods in the upland society\n{}\n1\n\n\x0C{}\n2\n\n\x0C",
        column_lines(12, "frontier", 58),
        column_lines(12, "backwoods", 58),
        column_lines(12, "upland", 58)
    );
    let doc = parse_text(&text);
    assert!(
        paragraphs(&doc)
            .iter()
            .any(|p| p.contains("religion. In spite of the influence")),
        "{:#?}",
        paragraphs(&doc)
    );
}

#[test]
fn a_page_opening_like_a_title_continues_a_full_line() {
    let text = format!(
        "{}favored sections must purchase to replenish the soil of the prairie.\n\n1\n\n\
         \x0CThe alluvial deposit from primeval lakes contributed to fatten\n{}\n2\n\n\x0C",
        column_lines(12, "glacier", 68),
        column_lines(12, "prairie", 68)
    );
    let doc = parse_text(&text);
    assert!(
        paragraphs(&doc)
            .iter()
            .any(|p| p.contains("prairie. The alluvial deposit")),
        "{:#?}",
        paragraphs(&doc)
    );
    assert!(doc.sections.iter().all(|s| !s.title.contains("alluvial")));
}

#[test]
fn a_note_tail_under_a_cut_body_is_the_note_before() {
    // The last line of a note begun on the page before, set above this
    // page's notes, where the body stops mid-sentence and goes on overleaf.
    let text = "\
Body text of the first page, a line as long as the body's lines are on this page of text, and
it cites here.1 The body goes on and on, as long as a body line is on this page of the text
1 Shepherd, “Proprietary Government in Pennsylvania,” in Columbia Univ. Studies, vi. Compare

1

\x0CBody text of the second page, a line as long as the body's lines are on this page of text,
and the quotation cites here.1 They always cross above the falls of the river and they go
Watson, “Annals,” ii, p. 259; Green, “Provincial America,” p. 234.
1 Lincoln, “Revolutionary Movement in Pennsylvania” (Boston, 1901).

2

\x0Con to the South, the body's sentence cut by the page and going on here, to its end.

3

\x0C";
    let doc = parse_text(text);
    assert!(
        doc.footnotes
            .iter()
            .any(|n| n.text().starts_with("Shepherd") && n.text().ends_with("p. 234.")),
        "{:#?}",
        notes(&doc)
    );
    assert!(!all_text(&doc).contains("Annals"));
}

#[test]
fn an_unclosed_quotation_keeps_a_note_open() {
    // "“N. C. Colon." ends with a period, yet the quotation is still open.
    let text = "\
Body text of the first page, a line as long as the body's lines are on this page of text, and
it cites here.1 The body goes on and on, as long as a body line is on this page of the text.
1 See Bassett, “Regulators of N. C.” in Amer. Hist. Assoc. “Report,” 1894, p. 141; “N. C. Colon.

1

\x0CBody text of the second page, a line as long as the body's lines are on this page of text,
and it ends here.2
Records,” pp. vii-x (Saunder’s introductions are valuable); Caruthers, “David Caldwell” (Greensborough, N. C.,
1842).
2 Bassett, loc. cit., p. 152.

2

\x0C";
    let doc = parse_text(text);
    assert!(
        doc.footnotes
            .iter()
            .any(|n| n.text().starts_with("See Bassett") && n.text().ends_with("N. C., 1842).")),
        "{:#?}",
        notes(&doc)
    );
    assert!(!all_text(&doc).contains("Caruthers"));
}

#[test]
fn a_chapter_numbering_its_notes_afresh_mid_page() {
    // Notes numbered per page; a new chapter on the page starts at 1 again.
    let text = "\
The last paragraph of the chapter before, which cites a source of its own here.1

Middle Western Pioneer Democracy1

In time of war, when all that this nation has stood for is at stake, we have met here.
1 Professor J. B. Clark, in Commons, “Documentary History,” i, pp. 43-44.
1 An address delivered at the dedication of the building of the Society, May 11, 1918.

10

\x0CThere is a fitness in the occasion, and the text of the chapter goes on here.

11

\x0C";
    let doc = parse_text(text);
    assert_eq!(doc.footnotes.len(), 2, "{:#?}", notes(&doc));
    assert!(doc.footnotes[1].text().starts_with("An address"));
}

#[test]
fn a_note_of_several_paragraphs_set_apart_by_blank_lines() {
    // pdfminer sets a blank line between a note's paragraphs; set in the
    // notes' smaller type, they run wider than the body's lines.
    let body =
        "The body of the page runs on in lines of one measure, line after line of text here,\n";
    let text = format!(
        "{}and it cites a source here.1 And the page goes on to its foot, citing again here.2\n\n\
         1 For the settled area in 1660, see the map by Lois Mathews in Channing, “United States,” i, p. 510; and\n\
         the map of settlement in 1760, especially the part showing the interior of the Carolinas.\n\n\
         Contemporaneous maps of the middle of the eighteenth century, useful in studying, are:\n\
         Mitchell, “Map of the British Colonies” (1755); Evans, “Middle British Colonies” (1758), and others like them;\n\
         Jefferson and Frye, “Map of Virginia” (1751), and the maps of the Carolinas by Mouzon (1775) and by others.\n\n\
         2 See Osgood, “American Colonies” (N. Y., 1907), iii, chap. iii.\n\n\
         2\n\n\x0C{}and the second page ends here, with nothing more to cite on this page of the text.\n\n3\n\n\x0C",
        body.repeat(8),
        body.repeat(8)
    );
    let doc = parse_text(&text);
    assert_eq!(doc.footnotes.len(), 2, "{:#?}", notes(&doc));
    assert!(
        doc.footnotes[0]
            .text()
            .ends_with("by Mouzon (1775) and by others."),
        "{:#?}",
        notes(&doc)
    );
    assert!(!all_text(&doc).contains("Contemporaneous"));
}

#[test]
fn pymupdf4llm_two_columns_print_a_note_after_the_next() {
    // Two columns: the right column's note 3 comes out before the left
    // column's note 2, whose text is a year glued to its label; note 3 ends
    // in emphasis after its full stop.
    let text = "\
_THE FRONTIER IN AMERICAN HISTORY_

1

The iron fields which now<sup>2</sup> furnish the ore for the production of pig iron.

By the cessions of Virginia the Old Congress came into possession of a public domain.<sup>3</sup>

> 3See F. J. Turner, “Western State-Making,” in _Am. Historical Review_ , i, pp. 70 _et seq._

21901.

_THE FRONTIER IN AMERICAN HISTORY_

2

A second page of the text, which cites nothing at all.

_THE FRONTIER IN AMERICAN HISTORY_

3
";
    let doc = parse_text(text);
    let found = notes(&doc);
    assert!(found.contains(&("2", "1901.")), "{found:#?}");
    assert!(
        found
            .iter()
            .any(|(label, text)| *label == "3" && text.ends_with("et seq.")),
        "{found:#?}"
    );
}
