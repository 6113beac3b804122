//! One pass over pulldown-cmark's events, producing the source's blocks with
//! their inline content and source ranges. Markdown syntax is resolved here;
//! the structure a PDF conversion destroyed is recovered by later passes.

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::inline::{Built, TextBuilder};
use crate::document::model::{NoteKind, Style};

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum RawKind {
    Paragraph,
    Heading(u8),
    Quote,
    ListItem {
        number: Option<u64>,
        /// The bullet character of an unordered item (`*`, `-`, `+`).
        bullet: Option<u8>,
        /// The only item of its list.
        lone: bool,
    },
    /// A thematic break: in PDF conversions, the line between body and notes.
    Rule,
    Code,
    /// A Markdown pipe table, already split into cells.
    PipeTable(Vec<Vec<String>>),
    /// A `[^label]: text` definition.
    NoteDefinition(String),
}

#[derive(Debug, Clone)]
pub(crate) struct RawBlock {
    pub kind: RawKind,
    pub built: Built,
    pub range: Range<usize>,
    /// An image's address, if the block holds one.
    pub image: Option<String>,
}

pub(crate) fn options() -> Options {
    Options::ENABLE_FOOTNOTES | Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

#[derive(Default)]
struct Walker {
    blocks: Vec<RawBlock>,
    open: Option<(RawKind, Range<usize>, TextBuilder, Option<String>)>,
    quote_depth: usize,
    in_note_definition: bool,
    /// Start index in `blocks` and ordinal of each open list.
    lists: Vec<(usize, Option<u64>)>,
    /// Lists inside a note definition ("[^3]: 2. Mogensen, M. M.…", a
    /// numbered reference): their items are the note's text, not blocks;
    /// the next item's number of each.
    note_lists: Vec<Option<u64>>,
    emphasis: usize,
    strong: usize,
    link: usize,
    /// Inline HTML bold/italic (`<b>`, `<i>`), tracked apart from Markdown's.
    html_strong: usize,
    html_emphasis: usize,
    /// Target, text length and pending space at the start of each open link.
    links: Vec<(String, usize, bool)>,
    /// Collected content of an open `<sup>`.
    superscript: Option<String>,
    /// The allocation `superscript` reuses.
    superscript_buffer: String,
    table: Option<(Range<usize>, Vec<Vec<String>>)>,
}

pub(crate) fn collect(text: &str) -> Vec<RawBlock> {
    let mut all = Vec::new();
    let events = Parser::new_ext(text, options()).into_offset_iter();
    walk(events, text, usize::MAX, |batch| all.extend(batch));
    all
}

/// Walks `events` of `text`, handing blocks over in batches of about
/// `batch_size` as they are completed (never in the middle of a list, whose
/// items are still being counted).
pub(crate) fn walk<'a>(
    events: impl Iterator<Item = (Event<'a>, Range<usize>)>,
    text: &str,
    batch_size: usize,
    mut deliver: impl FnMut(Vec<RawBlock>),
) {
    let mut walker = Walker::default();
    for (event, range) in events {
        walker.event(event, range, text);
        if walker.blocks.len() >= batch_size && walker.lists.is_empty() {
            deliver(std::mem::take(&mut walker.blocks));
        }
    }
    walker.flush();
    deliver(walker.blocks);
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

impl Walker {
    fn style(&self) -> Style {
        Style {
            emphasis: self.emphasis + self.html_emphasis > 0,
            strong: self.strong + self.html_strong > 0,
            link: self.link > 0,
            code: false,
        }
    }

    fn flush(&mut self) {
        if let Some((kind, range, builder, image)) = self.open.take() {
            let keep = builder.has_content()
                || image.is_some()
                || matches!(kind, RawKind::NoteDefinition(_) | RawKind::ListItem { .. });
            if keep {
                self.blocks.push(RawBlock {
                    kind,
                    built: builder.finish(),
                    range,
                    image,
                });
            }
        }
    }

    fn open(&mut self, kind: RawKind, range: Range<usize>) {
        self.flush();
        let builder = TextBuilder::for_source(range.len());
        self.open = Some((kind, range, builder, None));
    }

    /// The builder text goes into, opening a paragraph if text arrives outside one.
    fn builder(&mut self, range: &Range<usize>) -> &mut TextBuilder {
        if self.open.is_none() {
            let kind = self.paragraph_kind();
            self.open = Some((
                kind,
                range.clone(),
                TextBuilder::for_source(range.len()),
                None,
            ));
        }
        match &mut self.open {
            Some((_, _, builder, _)) => builder,
            None => unreachable!("a block was opened just above"),
        }
    }

    fn paragraph_kind(&self) -> RawKind {
        if self.quote_depth > 0 {
            RawKind::Quote
        } else {
            RawKind::Paragraph
        }
    }

    fn text(&mut self, text: &str, range: &Range<usize>) {
        if let Some((_, rows)) = &mut self.table {
            if let Some(cell) = rows.last_mut().and_then(|row| row.last_mut()) {
                cell.push_str(text);
            }
            return;
        }
        if let Some(content) = &mut self.superscript {
            content.push_str(text);
            return;
        }
        let style = self.style();
        self.builder(range).push_text(text, style);
    }

    fn html(&mut self, html: &str, range: &Range<usize>) {
        // Split raw HTML into tags and text: tags steer styling, text is kept.
        let mut position = 0;
        while let Some(open) = html[position..].find('<').map(|o| o + position) {
            if open > position {
                self.text(&html[position..open], range);
            }
            let Some(close) = html[open..].find('>').map(|c| c + open) else {
                break;
            };
            self.tag(&html[open..=close], range);
            position = close + 1;
        }
        if position < html.len() {
            self.text(&html[position..], range);
        }
    }

    fn tag(&mut self, tag: &str, range: &Range<usize>) {
        let inner = tag.trim_start_matches('<').trim_end_matches('>').trim();
        let closing = inner.starts_with('/');
        let name = inner.trim_start_matches('/');
        let name = &name[..name
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(name.len())];
        let is = |tag: &str| name.eq_ignore_ascii_case(tag);
        let counter = |n: &mut usize| {
            if closing {
                *n = n.saturating_sub(1);
            } else {
                *n += 1;
            }
        };
        if is("sup") && !closing {
            self.superscript = Some(std::mem::take(&mut self.superscript_buffer));
        } else if is("sup") {
            if let Some(mut content) = self.superscript.take() {
                let style = self.style();
                self.builder(range).push_superscript(&content, style);
                content.clear();
                self.superscript_buffer = content;
            }
        } else if is("b") || is("strong") {
            counter(&mut self.html_strong);
        } else if is("i") || is("em") {
            counter(&mut self.html_emphasis);
        } else if is("br") {
            self.builder(range).push_break();
        }
    }

    /// Converters escape link text twice (`[http://a.org/x\\_y](http://a.org/x_y)`
    /// reads "x\_y"): when a link's text is an address, show the address it links to.
    fn show_url_links_as_their_target(&mut self, target: &str, start: usize, pending: bool) {
        let Some((_, _, builder, _)) = &mut self.open else {
            return;
        };
        if start > builder.len() || target.is_empty() {
            return;
        }
        let text = builder.text_since(start).trim_start();
        let is_address = ["http://", "https://", "www.", "file:"]
            .iter()
            .any(|p| text.starts_with(p));
        if is_address && text != target {
            builder.truncate(start, pending);
            let style = Style {
                link: true,
                ..Style::PLAIN
            };
            builder.push_text(target, style);
        }
    }

    fn event(&mut self, event: Event<'_>, range: Range<usize>, source: &str) {
        match event {
            Event::Start(tag) => self.start(tag, range, source),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => self.text(&text, &range),
            Event::Code(code) => {
                let style = Style {
                    code: true,
                    ..self.style()
                };
                self.builder(&range).push_text(&code, style);
            }
            Event::InlineMath(math) | Event::DisplayMath(math) => self.text(&math, &range),
            Event::Html(html) | Event::InlineHtml(html) => self.html(&html, &range),
            Event::FootnoteReference(label) => {
                self.builder(&range).push_marker(&label, NoteKind::Labelled);
            }
            Event::SoftBreak => {
                if self.table.is_none() {
                    self.builder(&range).push_break();
                }
            }
            Event::HardBreak => {
                if self.table.is_none() {
                    self.builder(&range).push_hard_break();
                }
            }
            Event::Rule => {
                self.flush();
                self.blocks.push(RawBlock {
                    kind: RawKind::Rule,
                    built: Built::default(),
                    range,
                    image: None,
                });
            }
            Event::TaskListMarker(done) => {
                self.text(if done { "[x] " } else { "[ ] " }, &range);
            }
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>, source: &str) {
        match tag {
            Tag::Paragraph => {
                let continues_container = matches!(
                    &self.open,
                    Some((RawKind::ListItem { .. } | RawKind::NoteDefinition(_), ..))
                );
                if continues_container {
                    if let Some((_, _, builder, _)) = &mut self.open
                        && builder.has_content()
                    {
                        builder.push_break();
                    }
                } else {
                    let kind = self.paragraph_kind();
                    self.open(kind, range);
                }
            }
            Tag::Heading { level, .. } => self.open(RawKind::Heading(heading_level(level)), range),
            Tag::BlockQuote(_) => {
                self.flush();
                self.quote_depth += 1;
            }
            Tag::CodeBlock(_) => self.open(RawKind::Code, range),
            Tag::HtmlBlock => self.open(self.paragraph_kind(), range),
            Tag::List(start) if self.in_note_definition => self.note_lists.push(start),
            Tag::Item if !self.note_lists.is_empty() => {
                if let Some((_, _, builder, _)) = &mut self.open
                    && builder.has_content()
                {
                    builder.push_break();
                }
                // The item's number is part of the note's text ("2. Mogensen").
                if let Some(Some(number)) = self.note_lists.last_mut() {
                    let label = format!("{number}. ");
                    *number += 1;
                    self.text(&label, &range);
                }
            }
            Tag::List(start) => {
                self.flush();
                self.lists.push((self.blocks.len(), start));
            }
            Tag::Item => {
                let number = self.lists.last().and_then(|(first, start)| {
                    let index = self.blocks[*first..]
                        .iter()
                        .filter(|b| matches!(b.kind, RawKind::ListItem { .. }))
                        .count() as u64;
                    start.map(|s| s + index)
                });
                let bullet = source
                    .as_bytes()
                    .get(range.start)
                    .copied()
                    .filter(|b| matches!(b, b'*' | b'-' | b'+'));
                self.open(
                    RawKind::ListItem {
                        number,
                        bullet,
                        lone: false,
                    },
                    range,
                );
            }
            Tag::FootnoteDefinition(label) => {
                self.open(RawKind::NoteDefinition(label.to_string()), range);
                self.in_note_definition = true;
            }
            Tag::Table(_) => {
                self.flush();
                self.table = Some((range, Vec::new()));
            }
            Tag::TableHead | Tag::TableRow => {
                if let Some((_, rows)) = &mut self.table {
                    rows.push(Vec::new());
                }
            }
            Tag::TableCell => {
                if let Some((_, rows)) = &mut self.table
                    && let Some(row) = rows.last_mut()
                {
                    row.push(String::new());
                }
            }
            Tag::Emphasis => self.emphasis += 1,
            Tag::Strong => self.strong += 1,
            Tag::Link { dest_url, .. } => {
                self.link += 1;
                let (start, pending) = if self.table.is_some() {
                    (usize::MAX, false)
                } else {
                    let builder = self.builder(&range);
                    (builder.len(), builder.pending_space())
                };
                self.links.push((dest_url.to_string(), start, pending));
            }
            Tag::Image { dest_url, .. } => {
                self.builder(&range);
                if let Some((_, _, _, image)) = &mut self.open {
                    *image = Some(dest_url.to_string());
                }
            }
            Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::MetadataBlock(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => {
                let in_container = matches!(
                    &self.open,
                    Some((RawKind::ListItem { .. } | RawKind::NoteDefinition(_), ..))
                );
                if !in_container {
                    self.flush();
                }
            }
            TagEnd::Item | TagEnd::List(_) if !self.note_lists.is_empty() => {
                if matches!(tag, TagEnd::List(_)) {
                    self.note_lists.pop();
                }
            }
            TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::Item => {
                self.flush()
            }
            TagEnd::BlockQuote(_) => {
                self.flush();
                self.quote_depth = self.quote_depth.saturating_sub(1);
            }
            TagEnd::List(_) => {
                self.flush();
                if let Some((first, _)) = self.lists.pop() {
                    let items: Vec<usize> = (first..self.blocks.len())
                        .filter(|&i| matches!(self.blocks[i].kind, RawKind::ListItem { .. }))
                        .collect();
                    if let [only] = items[..]
                        && let RawKind::ListItem { lone, .. } = &mut self.blocks[only].kind
                    {
                        *lone = true;
                    }
                }
            }
            TagEnd::FootnoteDefinition => {
                self.flush();
                self.in_note_definition = false;
                self.note_lists.clear();
            }
            TagEnd::Table => {
                if let Some((range, rows)) = self.table.take() {
                    self.blocks.push(RawBlock {
                        kind: RawKind::PipeTable(rows),
                        built: Built::default(),
                        range,
                        image: None,
                    });
                }
            }
            TagEnd::Emphasis => self.emphasis = self.emphasis.saturating_sub(1),
            TagEnd::Strong => self.strong = self.strong.saturating_sub(1),
            TagEnd::Link => {
                self.link = self.link.saturating_sub(1);
                if let Some((target, start, pending)) = self.links.pop() {
                    self.show_url_links_as_their_target(&target, start, pending);
                }
            }
            _ => {}
        }
    }
}

/// Plain text of a small Markdown fragment (a table cell, a TOC line).
pub(crate) fn fragment_text(fragment: &str) -> String {
    let blocks = collect(fragment);
    let mut text = String::new();
    for block in blocks {
        if !text.is_empty() && !block.built.content.text.is_empty() {
            text.push(' ');
        }
        text.push_str(&block.built.content.text);
    }
    text
}
