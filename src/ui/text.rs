//! The text pane: the page, with headings styled, markers as superscripts,
//! and search hits, an actor's mentions and the selected marker highlighted.

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::App;
use crate::app::reader::{Focus, Reader};
use crate::app::search::HitPlace;
use crate::document::Style as TextStyle;
use crate::layout::{LineStyle, SegmentKind};

/// A highlighted range of one block's text.
struct Highlight {
    block: usize,
    range: Range<usize>,
    style: Style,
}

fn is_table(style: LineStyle) -> bool {
    matches!(
        style,
        LineStyle::Table | LineStyle::TableHeader | LineStyle::Decoration
    )
}

/// A table line scrolled `shift` columns to the left and cut to `width`,
/// with `‹` and `›` where it runs on out of sight.
fn shifted(text: &str, shift: usize, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let total = unicode_width::UnicodeWidthStr::width(text);
    if total <= width && shift == 0 {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut column = 0;
    let mut shown = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if column >= shift && shown + w <= width {
            out.push(c);
            shown += w;
        }
        column += w;
    }
    let more_right = total > shift + width;
    let mut chars: Vec<char> = out.chars().collect();
    if shift > 0 && !chars.is_empty() {
        chars[0] = '‹';
    }
    if more_right && let Some(last) = chars.last_mut() {
        *last = '›';
    }
    chars.into_iter().collect()
}

fn line_style(style: LineStyle) -> Style {
    match style {
        LineStyle::Body | LineStyle::Table => Style::new(),
        LineStyle::Title => Style::new().add_modifier(Modifier::BOLD),
        LineStyle::Heading(1) => Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
        LineStyle::Heading(2) => Style::new()
            .fg(Color::Cyan)
            .add_modifier(Modifier::BOLD | Modifier::ITALIC),
        LineStyle::Heading(_) => Style::new().fg(Color::Cyan).add_modifier(Modifier::ITALIC),
        LineStyle::Quote | LineStyle::Caption => Style::new().add_modifier(Modifier::ITALIC),
        LineStyle::Front => Style::new().fg(Color::Gray).add_modifier(Modifier::ITALIC),
        LineStyle::Back | LineStyle::Decoration => Style::new().fg(Color::DarkGray),
        LineStyle::TableHeader => Style::new().add_modifier(Modifier::BOLD),
    }
}

fn text_style(style: TextStyle) -> Style {
    let mut out = Style::new();
    if style.emphasis {
        out = out.add_modifier(Modifier::ITALIC);
    }
    if style.strong {
        out = out.add_modifier(Modifier::BOLD);
    }
    if style.link {
        out = out.fg(Color::Blue).add_modifier(Modifier::UNDERLINED);
    }
    if style.code {
        out = out.fg(Color::Yellow);
    }
    out
}

fn highlights(reader: &Reader) -> Vec<Highlight> {
    let visible = reader.visible_blocks();
    let mut out = Vec::new();
    // Text a margin note is on is underlined, faintly, margin shown or not.
    for placement in reader.margin().placed().iter().filter_map(|p| p.placement) {
        if let Some(range) = placement.in_text()
            && visible.contains(&placement.block)
        {
            out.push(Highlight {
                block: placement.block,
                range,
                style: Style::new()
                    .add_modifier(Modifier::UNDERLINED)
                    .underline_color(Color::Yellow),
            });
        }
    }
    if let Some(actor) = reader
        .actor_list()
        .active()
        .and_then(|a| reader.actors().actors.get(a))
    {
        let style = Style::new().fg(Color::Black).bg(Color::Green);
        out.extend(
            actor
                .mentions
                .iter()
                .filter(|m| visible.contains(&m.block))
                .map(|m| Highlight {
                    block: m.block,
                    range: m.range.clone(),
                    style,
                }),
        );
    }
    if let Some(selection) = reader.margin().visual() {
        out.push(Highlight {
            block: selection.block,
            range: selection.start..selection.end,
            style: Style::new().fg(Color::Black).bg(Color::Cyan),
        });
    }
    let selected_note = reader
        .margin()
        .selected()
        .as_ref()
        .filter(|_| reader.focus() == Focus::Margin)
        .and_then(|id| reader.margin().placed().iter().find(|p| &p.id == id))
        .and_then(|p| p.placement);
    if let Some(p) = selected_note
        && let Some(range) = p.in_text()
    {
        out.push(Highlight {
            block: p.block,
            range,
            style: Style::new()
                .bg(Color::Rgb(60, 60, 0))
                .add_modifier(Modifier::UNDERLINED),
        });
    }
    if let Some(search) = &reader.current_search() {
        for block in visible {
            for (range, current) in search.hits_in(&HitPlace::Text(block)) {
                out.push(Highlight {
                    block,
                    range: range.clone(),
                    style: super::hit_style(current),
                });
            }
        }
    }
    out
}

/// Draws the text pane (`pane`) with the text in `text`, the column the
/// measure leaves, centred.
pub fn draw(
    frame: &mut Frame<'_>,
    (area, text_area): (Rect, Rect),
    app: &App,
    reader: &Reader,
    footnote_rows: &[(String, usize)],
) {
    let paper = app
        .library()
        .papers()
        .get(reader.paper())
        .map(|p| p.short_name())
        .unwrap_or_default();
    let title = match reader.current_section() {
        Some(s) => format!("{paper} · {}", reader.document().sections[s].title),
        None => paper,
    };
    let block = super::pane(&title, reader.focus() == Focus::Text);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let text_area = text_area.intersection(inner);
    let highlights = highlights(reader);
    let selected = reader.footnotes().marker();
    let lines: Vec<Line<'_>> = reader
        .visible_lines()
        .map(|index| {
            let line = &reader.layout().lines[index];
            let base = line_style(line.style);
            let mut spans = vec![Span::raw(" ".repeat(usize::from(line.indent)))];
            for (s, segment) in line.segments.iter().enumerate() {
                match &segment.kind {
                    SegmentKind::Marker { .. } => {
                        let picked = selected.is_some_and(|m| m.line == index && m.segment == s);
                        let style = if picked {
                            Style::new()
                                .fg(Color::Black)
                                .bg(Color::Magenta)
                                .add_modifier(Modifier::BOLD)
                        } else {
                            Style::new().fg(Color::Magenta)
                        };
                        spans.push(Span::styled(segment.text.clone(), style));
                    }
                    SegmentKind::Decoration if is_table(line.style) => {
                        let width = usize::from(text_area.width);
                        spans.push(Span::styled(
                            shifted(&segment.text, reader.view().table_shift(), width),
                            base,
                        ));
                    }
                    SegmentKind::Decoration => spans.push(Span::styled(segment.text.clone(), base)),
                    SegmentKind::Text(style) => {
                        let style = base.patch(text_style(*style));
                        let source = segment.span.clone().unwrap_or(0..0);
                        split_highlighted(
                            &segment.text,
                            &source,
                            line.block,
                            &highlights,
                            style,
                            &mut spans,
                        );
                    }
                }
            }
            Line::from(spans)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), text_area);
    // A pen in the gutter where a margin note is anchored, margin shown or not.
    for (_, row) in footnote_rows {
        if *row < usize::from(inner.height) {
            let y = inner.y + *row as u16;
            // Two columns before the text, or at the pane's edge.
            let x = text_area.x.saturating_sub(2).max(inner.x);
            frame
                .buffer_mut()
                .set_string(x, y, "✎", Style::new().fg(Color::Yellow));
        }
    }
}

/// Pushes `text` (the block's bytes `source`) as spans, cut where highlights begin and end.
fn split_highlighted(
    text: &str,
    source: &Range<usize>,
    block: usize,
    highlights: &[Highlight],
    style: Style,
    out: &mut Vec<Span<'static>>,
) {
    let marks: Vec<(Range<usize>, Style)> = highlights
        .iter()
        .filter(|h| h.block == block)
        .map(|h| (h.range.clone(), h.style))
        .collect();
    super::marked_spans(text, source, &marks, style, out);
}
