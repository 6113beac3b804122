//! Pages as a typesetter makes them: each the longest run of lines that
//! fits on screen with the footnotes it cites (below it in a pane as tall
//! as they need, or beside it on a wide screen). The whole paper is cut
//! once for a screen and its panes, and paged through: forward and back
//! retrace each other, the count is fixed, and the same paper on the same
//! screen always has the same page 12. A page scrolled away from its start
//! is fitted from where it stands.

use super::reader::{Bottom, Focus, PageCut, Reader};
use super::state::{App, Screen};

/// What fitting a page goes by: the room on screen for the text and its
/// footnotes. When it changes, pages are cut again (and when the text is
/// laid out again, its cuts go with the old layout).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FitPlan {
    /// Footnotes beside the text: the most lines of a page, and the
    /// sidenotes' width.
    beside: Option<(usize, usize)>,
    /// Footnotes below the text: the most lines of a page (with a pane of
    /// one row), the pane's text width, and the most rows it grows to.
    below: Option<(usize, usize, usize)>,
    /// Whether the bottom pane shows the page's footnotes (else a list that
    /// takes all its rows: an actor's mentions, a source's citations, however
    /// far down that list the selection is).
    footnotes_below: bool,
}

/// The longest page, from 1 to `tallest` lines, for which `fits` holds: a
/// longer page cites as many notes or more, so `fits` holds up to a length
/// and not beyond it.
fn longest_page(tallest: usize, mut fits: impl FnMut(usize) -> bool) -> usize {
    let (mut short, mut long) = (1, tallest + 1);
    while short + 1 < long {
        let lines = (short + long) / 2;
        if fits(lines) {
            short = lines;
        } else {
            long = lines;
        }
    }
    short
}

impl FitPlan {
    /// The page that starts at line `start`: as long as its footnotes allow
    /// beside it (unless that would be under a quarter of the screen: a run
    /// of long notes close together), else with its footnotes below.
    fn cut(&self, reader: &Reader, start: usize) -> Option<PageCut> {
        if let Some((tallest, width)) = self.beside {
            let lines = longest_page(tallest, |lines| {
                reader.sidenotes_from(start, lines, width).1 <= tallest
            });
            if lines >= tallest / 4 {
                return Some(PageCut {
                    start,
                    lines,
                    pane_rows: None,
                });
            }
        }
        let (tallest, width, most) = self.below?;
        let rows_for = |lines: usize| {
            reader
                .footnote_pane_rows_from(start, lines, width)
                .min(most)
        };
        // A page of `lines` fits when its notes take no more rows than the
        // page leaves.
        let lines = longest_page(tallest, |lines| lines + rows_for(lines) <= tallest + 1);
        Some(PageCut {
            start,
            lines,
            pane_rows: Some(rows_for(lines)),
        })
    }

    /// The whole paper cut into pages, from its first line.
    fn cut_all(&self, reader: &Reader) -> Vec<PageCut> {
        let total = reader.layout().lines.len();
        let mut cuts = Vec::new();
        let mut start = 0;
        while start < total {
            let Some(cut) = self.cut(reader, start) else {
                return Vec::new();
            };
            start += cut.lines.max(1);
            cuts.push(cut);
        }
        cuts
    }
}

impl App {
    /// What fitting a page goes by now; `None` without an open paper.
    fn fit_plan(&self) -> Option<FitPlan> {
        let reader = self.reader.as_ref()?;
        let screen = &self.arrangement;
        let beside = self
            .sidenotes_wanted()
            .then(|| {
                let geometry = screen.beside();
                let area = geometry.sidenotes?;
                Some((
                    usize::from(geometry.text.height).max(1),
                    usize::from(area.width),
                ))
            })
            .flatten();
        let smallest = screen.below(1);
        let usual = screen.below(usize::MAX);
        let below = (!smallest.too_small).then(|| {
            // The notes pane's text: inside its border and a column of padding.
            (
                usize::from(smallest.text.height).max(1),
                usize::from(smallest.bottom.width.saturating_sub(4)).max(10),
                usize::from(usual.bottom.height.saturating_sub(2)).max(1),
            )
        });
        Some(FitPlan {
            beside,
            below,
            footnotes_below: reader.bottom() == Bottom::Footnotes,
        })
    }

    /// Fits the page and the footnotes to each other, as a typesetter
    /// does: the page is the longest run of lines that fits on screen with
    /// the notes it cites, and the notes pane is as tall as those notes (one
    /// row when there are none). A page may so end a line or two early
    /// rather than show a marker without its note. Notes longer than the
    /// pane's usual height, and mentions and sources, take that height.
    pub fn fit_bottom_pane(&mut self) {
        // The text laid out at the width it is drawn at (see `text_measure`).
        let width = self.arrangement.text_width();
        if let Some(reader) = self.reader.as_mut()
            && reader.layout().width != width.max(10)
            && width > 0
        {
            let height = reader.height();
            reader.resize(width, height);
        }
        let Some(plan) = self.fit_plan() else {
            return;
        };
        let Some(reader) = self.reader.as_mut() else {
            return;
        };
        if !reader.is_windowed() && reader.view().cut_plan() != Some(&plan) {
            // On a page when the screen changed: on the page of the same
            // place after. A paper just opened shows its saved place at the top.
            let on_a_page = reader.view().was_on_page() || reader.view().cut_at_top().is_some();
            let cuts = plan.cut_all(reader);
            reader.set_cuts(plan, cuts);
            if on_a_page {
                reader.turn_to_page_of_position();
            }
        }
        let cut = match reader.view().cut_at_top() {
            Some(cut) => Some(*cut),
            None => self.fit_free(&plan),
        };
        self.apply(cut);
    }

    /// The page from a top line no cut starts at (scrolled by lines, or a
    /// very large paper read a window at a time). At the end of the paper
    /// the page stays at the end: a shorter page starts earlier (and may
    /// cite other notes: fitted again).
    fn fit_free(&mut self, plan: &FitPlan) -> Option<PageCut> {
        let reader = self.reader.as_mut()?;
        let mut cut = plan.cut(reader, reader.top())?;
        for _ in 0..3 {
            let total = reader.layout().lines.len();
            let at_end = reader.top() + reader.height() >= total && reader.top() > 0;
            reader.set_height(cut.lines);
            if !at_end || cut.start + cut.lines >= total {
                break;
            }
            reader.set_top(total.saturating_sub(cut.lines));
            cut = plan.cut(reader, reader.top())?;
        }
        Some(cut)
    }

    /// Gives the page its lines, and the footnotes their place.
    fn apply(&mut self, cut: Option<PageCut>) {
        let Some(cut) = cut else {
            self.arrangement.unfitted();
            return;
        };
        self.arrangement.fitted(cut.pane_rows);
        if let Some(reader) = self.reader.as_mut() {
            reader.set_height(cut.lines);
        }
    }

    /// Whether the page's notes go beside the text: on a wide screen, while
    /// the bottom pane would show them and the reader is not working in it.
    pub(super) fn sidenotes_wanted(&self) -> bool {
        self.arrangement.wide_enough_for_sidenotes()
            && self.screen == Screen::Reader
            && self
                .reader
                .as_ref()
                .is_some_and(|r| r.bottom() == Bottom::Footnotes && r.focus() != Focus::Footnotes)
    }
}

#[cfg(test)]
mod tests {
    use crate::app::App;
    use crate::app::testing::{open_built_in as open, press};

    /// (page, count, top line) as the reader stands.
    fn at(app: &App) -> (usize, usize, usize) {
        let reader = app.reader().unwrap();
        let (page, count) = reader.page();
        (page, count, reader.top())
    }

    #[test]
    fn pages_are_cut_once_and_paged_through_both_ways() {
        for paper in [0, 1] {
            for size in [
                (60, 20),
                (80, 24),
                (100, 30),
                (120, 40),
                (150, 45),
                (160, 50),
                (180, 55),
                (200, 60),
            ] {
                let mut app = open(paper, size);
                let mut forward = vec![at(&app)];
                loop {
                    press(&mut app, "space");
                    let here = at(&app);
                    if here == *forward.last().unwrap() {
                        break;
                    }
                    forward.push(here);
                }
                let count = forward[0].1;
                assert_eq!(
                    forward.len(),
                    count,
                    "paper {paper} at {size:?}: every page once"
                );
                for (i, &(page, total, _)) in forward.iter().enumerate() {
                    assert_eq!((page, total), (i + 1, count), "paper {paper} at {size:?}");
                }
                // Back retraces forward, page for page, to the title.
                for expected in forward.iter().rev().skip(1) {
                    press(&mut app, "b");
                    assert_eq!(at(&app), *expected, "paper {paper} at {size:?}");
                }
                let reader = app.reader().unwrap();
                assert_eq!(reader.top(), 0);
                assert!(
                    reader.layout().lines[0].text().trim().len() > 3,
                    "page 1 starts on the title"
                );
            }
        }
    }

    #[test]
    fn the_same_paper_on_the_same_screen_has_the_same_pages_however_it_was_reached() {
        let mut direct = open(1, (120, 40));
        press(&mut direct, "space space space space");
        let fifth_direct = at(&direct);
        // Reached by a jump and by going back and forth, page 5 is the same page.
        let mut other = open(1, (120, 40));
        press(&mut other, "ctrl-p t a b l e enter");
        press(&mut other, "g");
        press(&mut other, "space space space space space space b b");
        assert_eq!(at(&other), fifth_direct);
        // A resize and back cuts the same pages again.
        other.resize(80, 24);
        other.resize(120, 40);
        assert_eq!(at(&other).1, fifth_direct.1);
    }

    #[test]
    fn walking_a_sources_citations_keeps_the_pages_as_they_are_cut() {
        let mut app = open(1, (120, 40));
        press(&mut app, "S m e h d i y e v enter");
        let plan = app.reader().unwrap().view().cut_plan().copied();
        assert!(plan.is_some());
        // Choosing a citation down the list is no reason to cut the paper again.
        press(&mut app, "j j");
        assert_eq!(app.reader().unwrap().view().cut_plan().copied(), plan);
    }

    #[test]
    fn a_jump_lands_on_the_page_that_holds_its_target() {
        let mut app = open(1, (120, 40));
        press(&mut app, "1 0 5 enter");
        let reader = app.reader().unwrap();
        let note = reader
            .document()
            .footnotes
            .iter()
            .position(|f| f.label == "105")
            .unwrap();
        assert!(reader.page_footnotes().contains(&note));
        assert!(
            reader.view().cut_at_top().is_some(),
            "a page of the cut, not a window"
        );
    }
}

#[cfg(test)]
mod clipping {
    #[test]
    fn the_text_is_laid_out_no_wider_than_it_is_drawn_at_any_width() {
        for paper in [0, 1] {
            let mut app = crate::app::testing::open_built_in(paper, (120, 50));
            let mut clipped = Vec::new();
            for width in 40..=250 {
                app.resize(width, 50);
                let geometry = app.geometry();
                if geometry.too_small {
                    continue;
                }
                let reader = app.reader().unwrap();
                let widest = reader
                    .visible_lines()
                    .map(|l| {
                        unicode_width::UnicodeWidthStr::width(
                            reader.layout().lines[l].text().as_str(),
                        )
                    })
                    .max()
                    .unwrap_or(0);
                let table = reader.table_overflow() > 0;
                if !table
                    && (reader.layout().width > geometry.text.width
                        || widest > usize::from(geometry.text.width))
                {
                    clipped.push((width, reader.layout().width, geometry.text.width, widest));
                }
            }
            assert!(
                clipped.is_empty(),
                "paper {paper}: (width, laid out, drawn, widest) {clipped:?}"
            );
        }
    }
}
