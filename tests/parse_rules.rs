//! Each recovery rule of the parser, on a small inline input.

use gloss::document::{BlockKind, NoteKind, NoteStatus};
use gloss::{Document, parse_text};

fn body(doc: &Document) -> Vec<(&'static str, &str)> {
    doc.blocks
        .iter()
        .map(|b| (b.kind.name(), b.text()))
        .collect()
}

fn note<'a>(doc: &'a Document, label: &str) -> &'a gloss::document::Footnote {
    doc.footnotes
        .iter()
        .find(|f| f.label == label)
        .unwrap_or_else(|| panic!("no note {label}: {:#?}", doc.footnotes))
}

/// Whether a body block reads `before` and `after` as one sentence.
fn joined_in(body: &[&str], before: &str, after: &str) -> bool {
    let both = format!("{before} {after}");
    body.iter().any(|b| b.contains(&both))
}

fn labels(doc: &Document, block: usize) -> Vec<&str> {
    doc.blocks[block]
        .content
        .markers
        .iter()
        .map(|m| m.label.as_str())
        .collect()
}

const INTRO: &str = "Title of the Paper\n\nAnn Author\n\n## Introduction\n\n";

#[test]
fn unicode_superscript_markers_link_to_their_notes() {
    let doc = parse_text(&format!(
        "{INTRO}Ankara rethought its policy in 2011.⁸ Then it stopped.¹⁰\n\n⁸ A cable, 2009.\n\n¹⁰ Another source.\n"
    ));
    let paragraph = doc
        .blocks
        .iter()
        .position(|b| b.text().starts_with("Ankara"))
        .unwrap();
    assert_eq!(
        doc.blocks[paragraph].text(),
        "Ankara rethought its policy in 2011. Then it stopped."
    );
    assert_eq!(labels(&doc, paragraph), ["8", "10"]);
    assert_eq!(note(&doc, "8").text(), "A cable, 2009.");
    assert_eq!(note(&doc, "8").cited_in, [paragraph]);
    let marker = &doc.blocks[paragraph].content.markers[1];
    assert_eq!(doc.footnotes[marker.note].label, "10");
}

#[test]
fn sup_markers_including_two_in_one_tag() {
    let doc = parse_text(&format!(
        "{INTRO}It was founded in 2012.<sup>144 145</sup> Later<sup>12</sup>.\n\n<sup>12</sup> Twelve.\n\n<sup>144</sup> One.\n\n<sup>145</sup> Two.\n"
    ));
    let paragraph = doc
        .blocks
        .iter()
        .position(|b| b.text().starts_with("It was"))
        .unwrap();
    assert_eq!(labels(&doc, paragraph), ["144", "145", "12"]);
    assert_eq!(note(&doc, "145").text(), "Two.");
}

#[test]
fn ordinals_in_sup_read_as_text() {
    let doc = parse_text(&format!(
        "{INTRO}At the NAM 16<sup>th</sup> Ministerial Conference.\n"
    ));
    let last = doc.blocks.last().unwrap();
    assert_eq!(last.text(), "At the NAM 16th Ministerial Conference.");
    assert!(last.content.markers.is_empty());
    assert!(doc.footnotes.is_empty());
}

#[test]
fn star_author_note() {
    let doc = parse_text(
        "A Title\n\nby Elizabeth Fuller*\n\nIntroduction\n\nBody text.\n\n* Elizabeth Fuller is an editor.\n\nMore body.\n",
    );
    let star = note(&doc, "*");
    assert_eq!(star.kind, NoteKind::Symbol);
    assert_eq!(star.text(), "Elizabeth Fuller is an editor.");
    assert_eq!(doc.metadata.authors, ["Elizabeth Fuller"]);
    assert!(body(&doc).iter().all(|(_, t)| !t.contains("is an editor")));
}

#[test]
fn pandoc_labelled_notes() {
    let doc = parse_text(&format!(
        "{INTRO}A claim.[^src] Another.[^2]\n\n[^src]: The source, *in italics*.\n\n[^2]: Second.\n"
    ));
    let paragraph = doc
        .blocks
        .iter()
        .position(|b| b.text().starts_with("A claim"))
        .unwrap();
    assert_eq!(doc.blocks[paragraph].text(), "A claim. Another.");
    assert_eq!(labels(&doc, paragraph), ["src", "2"]);
    assert_eq!(note(&doc, "src").text(), "The source, in italics.");
    assert_eq!(note(&doc, "src").kind, NoteKind::Labelled);
}

#[test]
fn several_notes_in_one_paragraph_on_consecutive_lines() {
    let doc = parse_text(&format!(
        "{INTRO}Text<sup>39</sup> and<sup>40</sup>.\n\n<sup>39</sup>  \n<sup>40</sup> Robert Legvold, \"Western Europe\", 1994.\n"
    ));
    assert_eq!(note(&doc, "39").status, NoteStatus::Empty);
    assert_eq!(
        note(&doc, "40").text(),
        "Robert Legvold, \"Western Europe\", 1994."
    );
}

#[test]
fn note_running_over_a_page_separator() {
    let doc = parse_text(&format!(
        "{INTRO}Body cut at the page<sup>1</sup> end\n\n---\n\n<sup>1</sup> Bloed, *The Conference on*\n\nand a new page of body.<sup>2</sup>\n\n---\n\n*Security*, Kluwer, 1993.\n\n<sup>2</sup> Second.\n\nNext page body.\n"
    ));
    assert_eq!(
        note(&doc, "1").text(),
        "Bloed, The Conference on Security, Kluwer, 1993."
    );
    assert_eq!(note(&doc, "1").spans.len(), 2);
    assert!(
        body(&doc)
            .iter()
            .any(|(_, t)| *t == "Body cut at the page end and a new page of body.")
    );
    assert!(body(&doc).iter().any(|(_, t)| *t == "Next page body."));
}

#[test]
fn url_paragraph_continues_the_note_above() {
    let doc = parse_text(&format!(
        "{INTRO}Body.<sup>9</sup>\n\n<sup>9</sup> UN-OHRLS, Report, 2011.\n\n<http://unohrlls.org/report.pdf>\n\nfile:///C:/Documents/x.pdf\n\nBody again.\n"
    ));
    assert_eq!(
        note(&doc, "9").text(),
        "UN-OHRLS, Report, 2011. http://unohrlls.org/report.pdf file:///C:/Documents/x.pdf"
    );
}

#[test]
fn unterminated_note_tail_between_notes() {
    let doc = parse_text(&format!(
        "{INTRO}Body<sup>121</sup> and<sup>122</sup>.\n\n<sup>121</sup> \"Cuba calls\", ambassador Marcelo Caballero\n\nTorres\", Trend.Az, 28 December 2009.\n\n<sup>122</sup> XV Conference.\n\nBody continues.\n"
    ));
    assert_eq!(
        note(&doc, "121").text(),
        "\"Cuba calls\", ambassador Marcelo Caballero Torres\", Trend.Az, 28 December 2009."
    );
    assert!(body(&doc).iter().any(|(_, t)| *t == "Body continues."));
}

#[test]
fn empty_and_missing_notes_are_kept() {
    let doc = parse_text(&format!(
        "{INTRO}One<sup>1</sup>, two<sup>2</sup>, three<sup>3</sup>.\n\n<sup>1</sup> First.\n\n<sup>2</sup>\n\nMore body.\n"
    ));
    assert_eq!(note(&doc, "1").status, NoteStatus::Ok);
    assert_eq!(note(&doc, "2").status, NoteStatus::Empty);
    let missing = note(&doc, "3");
    assert_eq!(missing.status, NoteStatus::Missing);
    assert_eq!(missing.text(), "");
    assert_eq!(missing.cited_in.len(), 1);
    let labels: Vec<&str> = doc.footnotes.iter().map(|f| f.label.as_str()).collect();
    assert_eq!(labels, ["1", "2", "3"]);
}

#[test]
fn unmarked_front_page_note() {
    let doc = parse_text(
        "A Title\n\nby Ann Author*\n\nIntroduction\n\nA ceasefire has not prevented sporadic\n\nPaper prepared for the Istituto Affari Internazionali (IAI), April 2013.\n\n* Ann Author is an editor.\n\nexchanges of fire along the Line of Contact.\n",
    );
    let unmarked = doc
        .footnotes
        .iter()
        .find(|f| f.kind == NoteKind::Unmarked)
        .unwrap();
    assert!(unmarked.text().starts_with("Paper prepared for"));
    let stitched = doc
        .blocks
        .iter()
        .position(|b| b.text() == "A ceasefire has not prevented sporadic exchanges of fire along the Line of Contact.")
        .unwrap();
    assert_eq!(unmarked.home_block, Some(stitched));
}

#[test]
fn paragraphs_cut_by_a_page_of_notes_are_stitched() {
    let doc = parse_text(&format!(
        "{INTRO}introduced by President Heydar\n\n---\n\n<sup>4</sup> A note.\n\nAliyev in the early 1990s.<sup>4</sup> Then the permanent Co-\n\n---\n\n<sup>5</sup> Note.\n\nChairs in 1997.<sup>5</sup>\n\nA new paragraph that ends.\n\nNot joined.\n"
    ));
    let texts = body(&doc);
    assert!(texts.contains(&(
        "paragraph",
        "introduced by President Heydar Aliyev in the early 1990s. Then the permanent Co-Chairs in 1997."
    )));
    assert!(texts.contains(&("paragraph", "A new paragraph that ends.")));
    assert!(texts.contains(&("paragraph", "Not joined.")));
    let stitched = doc
        .blocks
        .iter()
        .find(|b| b.text().starts_with("introduced"))
        .unwrap();
    assert_eq!(stitched.spans.len(), 3);
}

#[test]
fn headings_tables_and_captions_are_never_joined() {
    let doc = parse_text(&format!(
        "{INTRO}A paragraph without an end\n\n## Next Section\n\nText.\n\n**Figure 1 A Diagram**\n\n\n\nAfter the figure.\n"
    ));
    let texts = body(&doc);
    assert!(texts.contains(&("paragraph", "A paragraph without an end")));
    assert!(texts.contains(&("figure", "Figure 1 A Diagram")));
    assert!(matches!(
        doc.blocks
            .iter()
            .find(|b| b.text() == "Figure 1 A Diagram")
            .unwrap()
            .kind,
        BlockKind::Figure { image: None }
    ));
}

#[test]
fn bare_and_numbered_headings() {
    let doc = parse_text(
        "The Title\n\nIntroduction\n\nText.\n\n1. Background\n\nText.\n\n3.1. Russia\n\nText.\n\nConclusion\n\nEnd.\n",
    );
    let sections: Vec<(u8, &str)> = doc
        .sections
        .iter()
        .map(|s| (s.level, s.title.as_str()))
        .collect();
    assert_eq!(
        sections,
        [
            (1, "Introduction"),
            (1, "1. Background"),
            (2, "3.1. Russia"),
            (1, "Conclusion")
        ]
    );
    assert_eq!(doc.sections[2].parent, Some(1));
}

#[test]
fn printed_contents_fix_inconsistent_heading_levels() {
    let doc = parse_text(
        "**A Title**\n\n## **Table of Contents**\n\n<b>Big Part</b> .....\t<b>3</b>\nSmall Part One .....\t4\nSmall Part Two .....\t5\n<b>Ending</b> .....\t<b>6</b>\n\n### **Big Part**\n\nText.\n\n### *Small Part One*\n\nText.\n\n## *Small Part Two*\n\nText.\n\n## **Ending**\n\nText.\n",
    );
    let sections: Vec<(u8, &str)> = doc
        .sections
        .iter()
        .map(|s| (s.level, s.title.as_str()))
        .collect();
    assert_eq!(
        sections,
        [
            (1, "Big Part"),
            (2, "Small Part One"),
            (2, "Small Part Two"),
            (1, "Ending")
        ]
    );
    let toc = doc
        .blocks
        .iter()
        .find(|b| matches!(b.kind, BlockKind::Toc(_)))
        .unwrap();
    assert_eq!(toc.text(), "Table of Contents");
}

#[test]
fn tab_separated_table_with_caption() {
    let doc = parse_text(&format!(
        "{INTRO}**Table 1 Results**\n\nYear\tName\tScore\n\t\tHigh\n1995\tA <sup>th</sup>\t11 <sup>th</sup> Summit\n\nAfter.\n"
    ));
    let table = doc
        .blocks
        .iter()
        .find(|b| b.kind.name() == "table")
        .unwrap();
    assert_eq!(table.text(), "Table 1 Results");
    let BlockKind::Table(t) = &table.kind else {
        unreachable!()
    };
    assert_eq!(t.header_rows, 2);
    assert_eq!(t.rows[2], ["1995", "A th", "11th Summit"]);
}

#[test]
fn markdown_inline_syntax_is_resolved() {
    let doc = parse_text(&format!(
        "{INTRO}See *Caucasus Report* (<http://www.rferl.org/x>), [the site](http://a.org) and file\\_name.\n"
    ));
    let last = doc.blocks.last().unwrap();
    assert_eq!(
        last.text(),
        "See Caucasus Report (http://www.rferl.org/x), the site and file_name."
    );
    assert!(last.content.spans.iter().any(|s| s.style.emphasis));
}

#[test]
fn front_matter_and_metadata() {
    let doc = parse_text(
        "Azerbaijan's Foreign Policy\n\nElizabeth Fuller\n\nAbstract\n\nThe objective.\n\nKeywords: *Azerbaijan / Foreign policy*\n\nIntroduction\n\nBody.\n\nUpdated: 8 April 2013\n\nLatest Working Papers\n\nThe Institute\n",
    );
    assert_eq!(
        doc.metadata.title.as_deref(),
        Some("Azerbaijan's Foreign Policy")
    );
    assert_eq!(doc.metadata.authors, ["Elizabeth Fuller"]);
    assert_eq!(
        doc.metadata.abstract_text.as_deref(),
        Some("The objective.")
    );
    assert_eq!(doc.metadata.keywords, ["Azerbaijan", "Foreign policy"]);
    let kinds: Vec<&str> = doc.blocks.iter().map(|b| b.kind.name()).collect();
    assert_eq!(
        kinds,
        [
            "front_matter",
            "front_matter",
            "front_matter",
            "front_matter",
            "front_matter",
            "heading",
            "paragraph",
            "back_matter",
            "back_matter",
            "back_matter"
        ]
    );
}

#[test]
fn quoted_paragraph_after_a_colon_is_a_quote() {
    let doc = parse_text(&format!(
        "{INTRO}They justified it thus:\n\n“The end of the Cold War has not diminished the NAM.”<sup>82</sup>\n\n<sup>82</sup> Source.\n"
    ));
    assert!(
        doc.blocks
            .iter()
            .any(|b| b.kind == BlockKind::Quote && b.text().starts_with("“The end"))
    );
}

#[test]
fn empty_and_whitespace_documents() {
    for text in ["", "\n\n   \n", "---\n"] {
        let doc = parse_text(text);
        assert!(doc.footnotes.is_empty());
        assert!(doc.sections.is_empty());
    }
}

#[test]
fn hostile_markup_does_not_panic() {
    let inputs = [
        "<sup>",
        "</sup>text",
        "<sup><sup>1</sup>",
        "*",
        "* ",
        "¹",
        "[^x]",
        "[^x]:",
        "<b>unclosed",
        "---\n---\n---",
        "<sup>1</sup>\n\n<sup>1</sup>\n\n<sup>1</sup>",
        "\t\t\n\t\t\n",
        "1.\n\n2.",
        "| a |\n|---|\n| b |",
        "![alt](x.png)",
        "> quote\n>\n> more",
        "```\ncode\n```",
    ];
    for input in inputs {
        let _ = parse_text(input);
    }
}

#[test]
fn hard_line_breaks_are_kept_in_author_blocks_and_short_lines_only() {
    let doc = parse_text(
        "**A Title**\n\nJane Roe  \nVisiting Fellow  \nSome Institute\n\nIntroduction\n\nThe argument begins here and it runs on for a long while, as prose does,  \nand a converter ended this line with two spaces though the sentence goes on.\n\nAddress:  \n12 Main Street  \nBaku\n",
    );
    let texts: Vec<&str> = doc.blocks.iter().map(|b| b.text()).collect();
    assert!(
        texts.contains(&"Jane Roe\nVisiting Fellow\nSome Institute"),
        "{texts:?}"
    );
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("The argument") && !t.contains('\n')),
        "{texts:?}"
    );
    assert!(
        texts.contains(&"Address:\n12 Main Street\nBaku"),
        "{texts:?}"
    );
    assert_eq!(
        doc.metadata.authors.first().map(String::as_str),
        Some("Jane Roe")
    );
}

#[test]
fn table_captions_join_their_tables_on_the_side_the_paper_sets_them() {
    let table = |a: &str| format!("| {a} | n |\n|---|---|\n| x | 1 |\n\n");
    // Below each table, as this paper sets them: each caption its own table's.
    let below = format!(
        "# T\n\nText.\n\n{}Table 1: Votes by year.\n\nMore text.\n\n{}Table 2: Seats by party.\n\nThe end.\n",
        table("Year"),
        table("Party")
    );
    let captions = |doc: &Document| -> Vec<String> {
        doc.blocks
            .iter()
            .filter(|b| matches!(b.kind, BlockKind::Table(_)))
            .map(|b| b.text().to_owned())
            .collect()
    };
    let doc = parse_text(&below);
    assert_eq!(
        captions(&doc),
        ["Table 1: Votes by year.", "Table 2: Seats by party."]
    );
    assert!(
        !doc.blocks
            .iter()
            .any(|b| matches!(b.kind, BlockKind::Figure { .. }))
    );
    // Above, one caption between two tables: it is the second table's.
    let above = format!(
        "# T\n\nTable 1: Votes.\n\n{}Table 2: Seats.\n\n{}The end.\n",
        table("Year"),
        table("Party")
    );
    assert_eq!(
        captions(&parse_text(&above)),
        ["Table 1: Votes.", "Table 2: Seats."]
    );
}

/// pdftotext sets a raised label apart from its text: alone above it with a
/// blank line between ("41\n\nSee, for example…"), or, once the line could
/// not hold it, alone after the page's last note, its text run into the note
/// before ("…p. 411.\n43\nAdams’ Memoirs…\n42\n\n11").
#[test]
fn labels_set_apart_from_their_notes_keep_their_text() {
    let page = |number: u32, body: &str, notes: &str| format!("{body}\n{notes}\n\n{number}\n\x0C");
    let text = [
        page(
            10,
            "The Frontier in American History\n\nLoose construction increased as the nation marched westward.40 But the West was\nnot content with bringing the farm to the factory and took the tariff with it as a matter of course.",
            "40\nWeston, “Documents connected with History of South Carolina,” p. 61.",
        ),
        page(
            11,
            "Said the reformer that the frontier worked against sectionalism.41 The public lands\nwere a nationalizing force,42 and the speeches of the time show it at every turn of debate.43",
            "41\n\nSee, for example, the speech of Clay, in the House of Representatives, January 30, 1824.\nSee the admirable monograph by Prof. H. B. Adams, “Maryland’s Influence on the Land Cessions”; and also\nPresident Welling, in Papers American Historical Association, iii, p. 411.\n43\nAdams’ Memoirs, ix, pp. 247, 248.\n42",
        ),
        page(
            12,
            "But it was not merely in legislative action that the frontier worked against the sectionalism of\nthe coast, as the economic and social characteristics of the frontier show.",
            "",
        ),
    ]
    .concat();
    let doc = parse_text(&text);
    assert!(
        note(&doc, "41").text().starts_with("See, for example")
            && note(&doc, "41").text().ends_with("1824."),
        "{:?}",
        note(&doc, "41").text()
    );
    assert!(note(&doc, "42").text().starts_with("See the admirable"));
    assert!(note(&doc, "42").text().ends_with("iii, p. 411."));
    assert_eq!(note(&doc, "43").text(), "Adams’ Memoirs, ix, pp. 247, 248.");
    assert!(doc.blocks.iter().all(|b| !b.text().contains("1824")));
}

/// Two columns read in turn (pdftotext on a two-column page): the left
/// column, its notes, the page number, then the right column going on with
/// the left's last sentence. A label alone at the page's end belongs to the
/// note whose text ran into the one before, and the last line of a note cut
/// by the columns comes at the page's end.
#[test]
fn columns_read_in_turn_keep_page_numbers_labels_and_note_tails_apart() {
    let head = "SOCIAL FORCES IN AMERICAN HISTORY";
    let text = [
        format!(
            "{head}\nMore coal was mined in the United States in the ten years after 1897 than in all\nthe life of the nation before that time.1 Fifty years ago we mined less than fifteen\nmillion long tons of coal. The number of passengers\n1\n\nVan Hise, “Conservation of Natural Resources,” pp.\n23, 24.\n\n1\ncarried one mile more than doubled between 1890 and 1908, and freight carried one\nmile has nearly trebled in the same period, while the land laws kept their old form\nand the public domain was given away to the railroads and the settlers in turn, as\nif the plenty of the continent would never come to an end in the life of the nation.\n\x0C"
        ),
        format!(
            "{head}\nNot only has the addition to the population from Europe been extraordinary,2 but it\nhas come from new sources, and the older stock has spread over a great surface of\nsoil.3 Thirty years ago the nation was mainly agricultural, and its cities were\n\n2\ncarried along by the country about them; they are now\n2\n\nAtlantic Monthly, December, 1908, vii, p. 745.\n[Although the words of these early land debates are quoted above, they are repeated\nbecause of the light they cast upon the present problem.]\n3\n\n\x0C"
        ),
        format!(
            "{head}\ngrowing faster than the country, and public domain policy changed with them.4 It\nis fortunate that studies of democracy and the land policy have begun, and that the\nstruggle between North and South over slavery and the freed negro, which held the principal\n4\n\n[See R. G. Wellington, “Public Lands, 1820-1840”; J. Ise,\n\n3\nplace in American interest for two decades, is now seen as one of the interests\nof the time, and the pages of the debates remain a rich mine for those who will\nseek there the movements of the present. The historian must see the whole of the\nstruggle between the sections over the land, the tariff and the\n“Forest Policy.”]\n\x0C"
        ),
        format!(
            "{head}\ncurrency, and he must see it in the light of the present day and its problems.\n\n4\n\x0C"
        ),
    ]
    .concat();
    let doc = parse_text(&text);
    assert_eq!(
        note(&doc, "1").text(),
        "Van Hise, “Conservation of Natural Resources,” pp. 23, 24."
    );
    assert_eq!(
        note(&doc, "2").text(),
        "Atlantic Monthly, December, 1908, vii, p. 745."
    );
    assert!(note(&doc, "3").text().starts_with("[Although"));
    assert!(note(&doc, "3").text().ends_with("problem.]"));
    assert_eq!(
        note(&doc, "4").text(),
        "[See R. G. Wellington, “Public Lands, 1820-1840”; J. Ise, “Forest Policy.”]"
    );
    let body: Vec<&str> = doc.blocks.iter().map(|b| b.text()).collect();
    let joined = |before: &str, after: &str| joined_in(&body, before, after);
    assert!(
        joined("The number of passengers", "carried one mile"),
        "{body:#?}"
    );
    assert!(joined("they are now", "growing faster"), "{body:#?}");
    assert!(
        joined("held the principal", "place in American"),
        "{body:#?}"
    );
    assert!(joined("the tariff and the", "currency"), "{body:#?}");
    assert!(body.iter().all(|b| !b.contains("Forest Policy")));
    assert_eq!(
        doc.pages
            .iter()
            .map(|p| p.number.as_deref())
            .collect::<Vec<_>>(),
        [Some("1"), Some("2"), Some("3"), Some("4")]
    );
}

/// A converter reading two columns may print the right column before the
/// left (poppler, where the right column's top stands higher): the page's
/// note markers, which rise as the page is read, put the blocks back.
#[test]
fn column_blocks_printed_out_of_order_follow_their_markers() {
    let text = "The Frontier in American History\n\nThe traders followed the Indian trails, and the farmers followed the traders\nalong the rivers,1 so that the advance of settlement was the advance of the frontier of\n\n1 Parkman, “Pontiac,” ii.\n\n1\n\x0CMountains and guided Lewis and Clark,3 Frémont, and Bidwell to the Pacific, and\nthe trading posts became the towns of the plains in their turn.\n\nsettlement beyond the Alleghanies into the valleys of the West.2 The trappers\nfound the passes in the Rocky\n\n2 Bancroft (1860 ed.), iii, pp. 344, 345.\n3 But Lewis and Clark were the first to explore the route.\n\n2\n\x0CThe next class of emigrants purchased the lands of the first and built mills.\n\n3\n\x0C";
    let doc = parse_text(text);
    let body: Vec<&str> = doc.blocks.iter().map(|b| b.text()).collect();
    let joined = |before: &str, after: &str| joined_in(&body, before, after);
    assert!(joined("the frontier of", "settlement beyond"), "{body:#?}");
    assert!(
        joined("passes in the Rocky", "Mountains and guided"),
        "{body:#?}"
    );
    assert!(body.iter().all(|b| !b.contains("frontier of Mountains")));
    assert_eq!(
        note(&doc, "2").text(),
        "Bancroft (1860 ed.), iii, pp. 344, 345."
    );
    assert_eq!(
        note(&doc, "3").text(),
        "But Lewis and Clark were the first to explore the route."
    );
}

/// poppler prints the right column's top before a left column that stands
/// lower under the paper's title: with no marker to order them, the block
/// going on in lowercase after a finished sentence follows the one block
/// of the page a column cut mid-sentence.
#[test]
fn a_column_printed_early_follows_the_sentence_it_finishes() {
    let text = "The Significance of the Frontier in American History\n\nof the United States we have a different phenomenon. Limiting our\nattention to the Atlantic coast, we have the familiar rise of institutions\nin a limited area.\n\nIn a recent bulletin of the Superintendent of the Census for 1890 appear\nthese significant words: the country had a frontier of settlement.1 But\nif the nation has expanded, it has met other growing peoples. But in the case\n\nIn this advance, the frontier is the outer edge of the wave, the meeting\npoint between savagery and civilization, as the census reports show us\nplainly.\n\n1 Extra Census Bulletin, No. 2, April 20, 1891.\n\n1\n\x0CMuch has been written about the frontier from the point of view of border\nwarfare and the chase, but as a field for study it has been neglected by\nhistorians.\n\n2\n\x0C";
    let doc = parse_text(text);
    let body: Vec<&str> = doc.blocks.iter().map(|b| b.text()).collect();
    assert!(
        joined_in(&body, "But in the case", "of the United States"),
        "{body:#?}"
    );
    let first_paragraph = body
        .iter()
        .position(|b| b.starts_with("In a recent bulletin"));
    let advance = body.iter().position(|b| b.starts_with("In this advance"));
    assert!(first_paragraph < advance, "{body:#?}");
    assert_eq!(
        note(&doc, "1").text(),
        "Extra Census Bulletin, No. 2, April 20, 1891."
    );
}

/// Two columns' notes a converter set on one line, the left one cut
/// mid-word by the right one's label: both notes are kept, and the line
/// after finishes the one cut.
#[test]
fn two_columns_notes_on_one_line_are_two_notes() {
    let text = "The pioneer builds his cabin and gathers a few families about him.1 In the\nwestern counties the same process went on,2 as the older settlers moved on.\n\n1 Findley, “History of the Insurrection in the Four Western Coun2 Hale, “Daniel Boone” (pamphlet).\n\nties of Pennsylvania in the Year 1794” (Philadelphia, 1796), p. 35.\n\n1\n\x0CThe next class of emigrants purchased the lands of the first and built mills.\n\n2\n\x0C";
    let doc = parse_text(text);
    assert_eq!(note(&doc, "2").text(), "Hale, “Daniel Boone” (pamphlet).");
    let first = note(&doc, "1").text();
    assert!(first.starts_with("Findley, “History"), "{first}");
    assert!(first.ends_with("(Philadelphia, 1796), p. 35."), "{first}");
    let body: Vec<&str> = doc.blocks.iter().map(|b| b.text()).collect();
    assert!(
        body.iter().all(|b| !b.contains("Pennsylvania")),
        "{body:#?}"
    );
}

/// Two columns read across, a line of each in turn, cannot be told apart
/// again from the text: the reader is told so, and how to do better.
#[test]
fn columns_read_across_are_reported() {
    let mut text = String::new();
    for page in 1..=12 {
        for _ in 0..2 {
            text.push_str("the settlement of the frontier went on over the moun-\n");
            text.push_str("The traders followed the Indian trails across the coun-\n");
            text.push_str("tains into the valleys of the west in the years after the war\n");
            text.push_str("try and the farmers followed the traders along the rivers\n");
        }
        text.push_str(&format!("\n{page}\n\x0C"));
    }
    let doc = parse_text(&text);
    assert!(
        doc.warnings
            .iter()
            .any(|w| w.contains("two columns across") && w.contains("pdftotext")),
        "{:?}",
        doc.warnings
    );
}

/// Without blank lines (pypdf, `pdftotext -raw`), a column's notes give way
/// to the next column's body where the body above them was cut: even with
/// the tail of a note run over from the page before between the cut body
/// and the notes, and where the next column's first line is words glued
/// together.
#[test]
fn notes_give_way_to_the_next_column_without_blank_lines() {
    let body = "The town lands were granted to the proprietors in common, and\n";
    let text = [
        body.repeat(6),
        "the towns grew as the proprietors wished them to grow.1 Then\n".into(),
        body.repeat(2),
        "1 Compare the discussion in Weeden, “Economic and Social History of New\n".into(),
        "\x0C".into(),
        body.repeat(6),
        "the proprietors kept the common lands for themselves.2 The\n".into(),
        "land policy, demanded by the West and by the labor party.3\n".into(),
        "It was a question of the national domain. The migration of\n".into(),
        "England,” i, pp. 270-271, which has an instructive comment on the whole\n".into(),
        "matter.\n".into(),
        "2 J. G. Holland, “Western Massachusetts,” p. 197.\n".into(),
        "3 H. D. Hurd (ed.), “History of Worcester County,” i, p. 6. The\n".into(),
        "italics are mine.\n".into(),
        "labor to free lands meant that higher wages must be paid to\n".into(),
        "those who remained in the older towns, as the records show.4\n".into(),
        body.repeat(3),
        "4 Massachusetts Archives, cxiii, p. 57.\n".into(),
        "\x0C".into(),
        body.repeat(6),
        "the frontier moved on into the hills by the law of its own\n".into(),
        "5 Sheldon, “Deerfield,” i, p. 405.\n".into(),
        "beingcontinuallydrawsthatadvanceafterittonewcon-\n".into(),
        "quests, and the settlers followed it into the valleys beyond.5\n".into(),
        body.repeat(3),
        "\x0C".into(),
    ]
    .concat();
    let doc = parse_text(&text);
    assert_eq!(
        note(&doc, "3").text(),
        "H. D. Hurd (ed.), “History of Worcester County,” i, p. 6. The italics are mine."
    );
    assert_eq!(note(&doc, "5").text(), "Sheldon, “Deerfield,” i, p. 405.");
    let body: Vec<&str> = doc.blocks.iter().map(|b| b.text()).collect();
    assert!(
        joined_in(&body, "The migration of", "labor to free lands"),
        "{body:#?}"
    );
}
