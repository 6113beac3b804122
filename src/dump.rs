//! `gloss dump`: the parsed document as JSON, an interface other tools rely on.
//! Fields may be added; none may change meaning.

use serde::Serialize;

use crate::actors::ActorIndex;
use crate::citations::Bibliography;
use crate::document::{Block, BlockKind, Document, TocEntry};

#[derive(Serialize)]
struct DumpDocument<'a> {
    source: String,
    title: Option<&'a str>,
    authors: &'a [String],
    #[serde(rename = "abstract")]
    abstract_text: Option<&'a str>,
    keywords: &'a [String],
    warnings: &'a [String],
    /// The character encoding the file was read in.
    encoding: &'a str,
    pages: DumpPages<'a>,
    sections: Vec<DumpSection<'a>>,
    blocks: Vec<DumpBlock<'a>>,
    footnotes: Vec<DumpFootnote<'a>>,
    /// Every work the notes cite, once each.
    sources: Vec<DumpSource<'a>>,
    actors: Vec<DumpActor<'a>>,
}

#[derive(Serialize)]
struct DumpSource<'a> {
    id: &'a str,
    kind: &'static str,
    authors: &'a [String],
    editors: &'a [String],
    title: Option<&'a str>,
    container: Option<&'a str>,
    publisher: Option<&'a str>,
    place: Option<&'a str>,
    year: Option<&'a str>,
    date: Option<&'a str>,
    volume: Option<&'a str>,
    issue: Option<&'a str>,
    url: Option<&'a str>,
    cited_in: Vec<DumpCited<'a>>,
}

#[derive(Serialize)]
struct DumpCited<'a> {
    /// The note's label.
    note: &'a str,
    pages: Option<&'a str>,
}

#[derive(Serialize)]
struct DumpCitation<'a> {
    /// The source's id; null for a short form gloss could not resolve.
    source: Option<&'a str>,
    pages: Option<&'a str>,
    form: &'static str,
    text: &'a str,
}

#[derive(Serialize)]
struct DumpPages<'a> {
    /// Pages of the original the text shows (0 when it shows none).
    count: usize,
    list: Vec<DumpPage<'a>>,
}

#[derive(Serialize)]
struct DumpPage<'a> {
    number: Option<&'a str>,
    source: [usize; 2],
}

#[derive(Serialize)]
struct DumpActor<'a> {
    name: &'a str,
    kind: &'static str,
    mentions: usize,
    /// Mentions through capital-city metonyms, counted in `mentions` too.
    #[serde(rename = "as")]
    metonyms: std::collections::BTreeMap<&'a str, usize>,
    aliases: &'a [String],
    discovered: bool,
}

#[derive(Serialize)]
struct DumpSection<'a> {
    level: u8,
    title: &'a str,
    block: usize,
    parent: Option<usize>,
}

#[derive(Serialize)]
struct DumpBlock<'a> {
    kind: &'static str,
    text: &'a str,
    notes: Vec<&'a str>,
    source: Vec<[usize; 2]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    level: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rows: Option<&'a [Vec<String>]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    header_rows: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<Option<&'a str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    entries: Option<Vec<DumpTocEntry<'a>>>,
}

#[derive(Serialize)]
struct DumpTocEntry<'a> {
    title: &'a str,
    page: Option<u32>,
    level: u8,
}

#[derive(Serialize)]
struct DumpFootnote<'a> {
    label: &'a str,
    kind: &'static str,
    text: &'a str,
    status: &'static str,
    cited_in: &'a [usize],
    source: Vec<[usize; 2]>,
    citations: Vec<DumpCitation<'a>>,
    /// A note with text that cites nothing.
    commentary: bool,
}

fn ranges(ranges: &[std::ops::Range<usize>]) -> Vec<[usize; 2]> {
    ranges.iter().map(|r| [r.start, r.end]).collect()
}

fn block(block: &Block) -> DumpBlock<'_> {
    let mut dump = DumpBlock {
        kind: block.kind.name(),
        text: block.text(),
        notes: block
            .content
            .markers
            .iter()
            .map(|m| m.label.as_str())
            .collect(),
        source: ranges(&block.spans),
        level: None,
        rows: None,
        header_rows: None,
        image: None,
        entries: None,
    };
    match &block.kind {
        BlockKind::Heading { level, .. } => dump.level = Some(*level),
        BlockKind::Table(table) => {
            dump.rows = Some(&table.rows);
            dump.header_rows = Some(table.header_rows);
        }
        BlockKind::Figure { image } => dump.image = Some(image.as_deref()),
        BlockKind::Toc(entries) => {
            dump.entries = Some(
                entries
                    .iter()
                    .map(|TocEntry { title, page, level }| DumpTocEntry {
                        title,
                        page: *page,
                        level: *level,
                    })
                    .collect(),
            )
        }
        _ => {}
    }
    dump
}

/// The document and its actors as pretty-printed JSON.
pub fn to_json(document: &Document, actors: &ActorIndex) -> String {
    let mut out = Vec::new();
    // Writing to memory fails only where serialising would.
    let _ = write_json(document, actors, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// [`to_json`] written to `out` as it is made: a 50 MB paper's dump is
/// never held whole.
pub fn write_json(
    document: &Document,
    actors: &ActorIndex,
    out: impl std::io::Write,
) -> serde_json::Result<()> {
    let bibliography = Bibliography::of(document);
    let label = |note: usize| {
        document
            .footnotes
            .get(note)
            .map_or("", |f| f.label.as_str())
    };
    let dump = DumpDocument {
        source: document.path.display().to_string(),
        title: document.metadata.title.as_deref(),
        authors: &document.metadata.authors,
        abstract_text: document.metadata.abstract_text.as_deref(),
        keywords: &document.metadata.keywords,
        warnings: &document.warnings,
        encoding: document.encoding,
        pages: DumpPages {
            count: document.pages.len(),
            list: document
                .pages
                .iter()
                .map(|p| DumpPage {
                    number: p.number.as_deref(),
                    source: [p.span.start, p.span.end],
                })
                .collect(),
        },
        sections: document
            .sections
            .iter()
            .map(|s| DumpSection {
                level: s.level,
                title: &s.title,
                block: s.block,
                parent: s.parent,
            })
            .collect(),
        blocks: document.blocks.iter().map(block).collect(),
        footnotes: document
            .footnotes
            .iter()
            .enumerate()
            .map(|(n, f)| DumpFootnote {
                label: &f.label,
                kind: match f.kind {
                    crate::document::NoteKind::Numbered => "numbered",
                    crate::document::NoteKind::Symbol => "symbol",
                    crate::document::NoteKind::Labelled => "labelled",
                    crate::document::NoteKind::Unmarked => "unmarked",
                },
                text: f.text(),
                status: f.status.name(),
                cited_in: &f.cited_in,
                source: ranges(&f.spans),
                citations: bibliography
                    .citations(n)
                    .iter()
                    .map(|c| DumpCitation {
                        source: c
                            .source
                            .and_then(|s| bibliography.sources.get(s))
                            .map(|s| s.id.as_str()),
                        pages: c.pages.as_deref(),
                        form: c.form.name(),
                        text: f.text().get(c.range.clone()).unwrap_or(""),
                    })
                    .collect(),
                commentary: f.status == crate::document::NoteStatus::Ok
                    && bibliography.is_commentary(n),
            })
            .collect(),
        sources: bibliography
            .sources
            .iter()
            .map(|s| DumpSource {
                id: &s.id,
                kind: s.kind.name(),
                authors: &s.fields.authors,
                editors: &s.fields.editors,
                title: s.fields.title.as_deref(),
                container: s.fields.container.as_deref(),
                publisher: s.fields.publisher.as_deref(),
                place: s.fields.place.as_deref(),
                year: s.fields.year.as_deref(),
                date: s.fields.date.as_deref(),
                volume: s.fields.volume.as_deref(),
                issue: s.fields.issue.as_deref(),
                url: s.fields.url.as_deref(),
                cited_in: s
                    .cited_in
                    .iter()
                    .map(|c| DumpCited {
                        note: label(c.note),
                        pages: c.pages.as_deref(),
                    })
                    .collect(),
            })
            .collect(),
        actors: actors
            .actors
            .iter()
            .map(|a| DumpActor {
                name: &a.name,
                kind: a.kind.name(),
                mentions: a.mentions.len(),
                metonyms: a.metonym_counts().into_iter().collect(),
                aliases: &a.aliases,
                discovered: a.discovered,
            })
            .collect(),
    };
    // Serialising plain data with string keys cannot fail.
    serde_json::to_writer_pretty(out, &dump)
}
