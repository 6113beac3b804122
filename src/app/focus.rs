//! Which pane has the focus, and which panes are shown. The focus only ever
//! sits in a pane on screen: moving it to a folded pane unfolds the pane if
//! the terminal has room, and hiding or squeezing out a pane takes the focus
//! back to the text.

use super::reader::{Bottom, Focus};
use super::state::App;

/// A pane that can be shown or hidden.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SidePane {
    Sidebar,
    Margin,
}

impl SidePane {
    fn name(self) -> &'static str {
        match self {
            SidePane::Sidebar => "actor sidebar",
            SidePane::Margin => "margin",
        }
    }
}

impl App {
    /// Whether `focus`'s pane is on screen now.
    pub fn is_shown(&self, focus: Focus) -> bool {
        let geometry = self.geometry();
        match focus {
            Focus::Text | Focus::Footnotes => !geometry.too_small,
            Focus::Actors => geometry.sidebar.is_some(),
            Focus::Margin => geometry.margin.is_some(),
        }
    }

    fn pane_of(focus: Focus) -> Option<SidePane> {
        match focus {
            Focus::Actors => Some(SidePane::Sidebar),
            Focus::Margin => Some(SidePane::Margin),
            Focus::Text | Focus::Footnotes => None,
        }
    }

    /// Shows `pane` if the terminal has room for it; `false` if it has not.
    fn unfold(&mut self, pane: SidePane) -> bool {
        let before = self.arrangement.pane(pane);
        self.arrangement.set_pane(pane, Some(true));
        self.resize_as_is();
        let shown = match pane {
            SidePane::Sidebar => self.geometry().sidebar.is_some(),
            SidePane::Margin => self.geometry().margin.is_some(),
        };
        if !shown {
            self.arrangement.set_pane(pane, before);
            self.resize_as_is();
        }
        shown
    }

    /// Moves the focus to `focus`, unfolding its pane if needed. When the
    /// terminal has no room for the pane, the focus stays where it was and
    /// the status line says why; returns whether the focus moved.
    pub fn focus(&mut self, focus: Focus) -> bool {
        if let Some(pane) = Self::pane_of(focus)
            && !self.is_shown(focus)
            && !self.unfold(pane)
        {
            self.message = Some(format!(
                "no room for the {} at {} columns",
                pane.name(),
                self.size().0
            ));
            return false;
        }
        let Some(reader) = &mut self.reader else {
            return false;
        };
        reader.set_focus(focus);
        match focus {
            Focus::Footnotes if reader.bottom() == Bottom::Footnotes => {
                if reader
                    .footnotes()
                    .selected()
                    .is_none_or(|n| !reader.page_footnotes().contains(&n))
                {
                    reader.select_footnote_step(0);
                }
            }
            Focus::Actors => {
                if reader.actor_list().active().is_none() {
                    reader.activate_selected_actor();
                }
            }
            Focus::Margin => reader.select_margin_step(0),
            Focus::Footnotes | Focus::Text => {}
        }
        true
    }

    /// `tab`: the next pane on screen, in the order text, notes, actors, margin.
    pub fn cycle_focus(&mut self, forward: bool) {
        let Some(current) = self.reader.as_ref().map(|r| r.focus()) else {
            return;
        };
        let shown: Vec<Focus> = [Focus::Text, Focus::Footnotes, Focus::Actors, Focus::Margin]
            .into_iter()
            .filter(|&f| self.is_shown(f))
            .collect();
        let at = shown.iter().position(|&f| f == current).unwrap_or(0);
        let step = if forward { 1 } else { shown.len() - 1 };
        self.focus(shown[(at + step) % shown.len()]);
    }

    /// `s` and `M`: shows or hides a pane, and says which it did.
    pub fn toggle(&mut self, pane: SidePane) {
        let shown = match pane {
            SidePane::Sidebar => self.geometry().sidebar.is_some(),
            SidePane::Margin => self.geometry().margin.is_some(),
        };
        if shown {
            self.arrangement.set_pane(pane, Some(false));
            self.resize_as_is();
            self.message = Some(format!("{} hidden", pane.name()));
        } else if self.unfold(pane) {
            self.message = Some(format!("{} shown", pane.name()));
        } else {
            self.message = Some(format!(
                "no room for the {} at {} columns",
                pane.name(),
                self.size().0
            ));
        }
        self.keep_focus_visible();
    }

    /// After a pane was hidden or the terminal shrank: a focus left in a pane
    /// that is not drawn goes back to the text.
    pub fn keep_focus_visible(&mut self) {
        let Some(focus) = self.reader.as_ref().map(|r| r.focus()) else {
            return;
        };
        if !self.is_shown(focus)
            && let Some(reader) = &mut self.reader
        {
            reader.set_focus(Focus::Text);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::app::reader::{Bottom, Focus};
    use crate::app::testing::press;
    use crate::app::{App, Key};

    fn fuller(width: u16, height: u16) -> App {
        crate::app::testing::open_built_in(0, (width, height))
    }

    fn focus(app: &App) -> Focus {
        app.reader.as_ref().unwrap().focus()
    }

    #[test]
    fn tab_visits_only_the_panes_on_screen() {
        let mut app = fuller(80, 24);
        let mut seen = Vec::new();
        for _ in 0..4 {
            press(&mut app, "tab");
            seen.push(focus(&app));
        }
        assert_eq!(
            seen,
            [Focus::Footnotes, Focus::Text, Focus::Footnotes, Focus::Text]
        );
        let mut wide = fuller(140, 40);
        let mut seen = Vec::new();
        for _ in 0..4 {
            press(&mut wide, "tab");
            seen.push(focus(&wide));
        }
        assert_eq!(
            seen,
            [Focus::Footnotes, Focus::Actors, Focus::Margin, Focus::Text]
        );
    }

    #[test]
    fn focusing_a_folded_pane_unfolds_it_or_says_there_is_no_room() {
        let mut app = fuller(80, 24);
        press(&mut app, "a");
        assert_eq!(focus(&app), Focus::Actors);
        assert!(app.geometry().sidebar.is_some());
        let mut narrow = fuller(60, 20);
        press(&mut narrow, "a");
        assert_eq!(focus(&narrow), Focus::Text);
        assert_eq!(
            narrow.message.as_deref(),
            Some("no room for the actor sidebar at 60 columns")
        );
    }

    #[test]
    fn jumping_to_a_margin_note_at_80_columns_shows_the_margin() {
        let mut app = fuller(80, 24);
        press(&mut app, "m");
        for c in "zebra".chars() {
            app.handle_key(Key::char(c));
        }
        press(&mut app, "ctrl-s G ctrl-p z e b r a enter");
        assert_eq!(focus(&app), Focus::Margin);
        assert!(app.geometry().margin.is_some(), "the margin is on screen");
    }

    #[test]
    fn hiding_the_focused_pane_returns_the_focus_to_the_text_and_says_so() {
        let mut app = fuller(140, 40);
        press(&mut app, "a");
        press(&mut app, "s");
        assert_eq!(app.message.as_deref(), Some("actor sidebar hidden"));
        assert_eq!(focus(&app), Focus::Text);
        press(&mut app, "M");
        assert_eq!(app.message.as_deref(), Some("margin hidden"));
        press(&mut app, "M");
        assert_eq!(app.message.as_deref(), Some("margin shown"));
        app.resize(60, 20);
        press(&mut app, "M");
        press(&mut app, "M");
        assert_eq!(
            app.message.as_deref(),
            Some("no room for the margin at 60 columns")
        );
    }

    #[test]
    fn a_shrinking_terminal_takes_the_focus_out_of_a_pane_it_folds() {
        let mut app = fuller(140, 40);
        press(&mut app, "tab tab tab");
        assert_eq!(focus(&app), Focus::Margin);
        app.resize(80, 24);
        assert_eq!(focus(&app), Focus::Text);
    }

    #[test]
    fn the_mentions_stay_in_the_bottom_pane_when_tab_moves_into_it() {
        let mut app = fuller(120, 40);
        press(&mut app, "a j enter");
        let reader = app.reader.as_ref().unwrap();
        assert_eq!(reader.bottom(), Bottom::Mentions);
        assert_eq!(reader.focus(), Focus::Footnotes);
        press(&mut app, "shift-tab tab");
        let reader = app.reader.as_ref().unwrap();
        assert_eq!(reader.focus(), Focus::Footnotes);
        assert_eq!(reader.bottom(), Bottom::Mentions, "tab keeps the mentions");
        // Asking for notes brings the notes back.
        press(&mut app, "f");
        assert_eq!(app.reader.as_ref().unwrap().bottom(), Bottom::Footnotes);
    }
}
