//! The actor sidebar: the paper's actors in the order asked for (by
//! salience, or grouped by kind), a filter by kind, the row selected, and
//! the actor whose mentions are highlighted and listed.

use crate::actors::{ActorIndex, ActorKind};
use crate::app::list_input::stepped;

#[derive(Debug, Clone, Default)]
pub struct ActorList {
    /// Selected row (index into [`ActorList::visible`]).
    row: usize,
    filter: Option<ActorKind>,
    /// Grouped by kind (else ordered by salience).
    grouped: bool,
    /// The actor whose mentions are highlighted in the text.
    active: Option<usize>,
    /// The mention selected in the bottom pane.
    mention: usize,
}

impl ActorList {
    pub fn row(&self) -> usize {
        self.row
    }

    pub fn filter(&self) -> Option<ActorKind> {
        self.filter
    }

    pub fn is_grouped(&self) -> bool {
        self.grouped
    }

    pub fn active(&self) -> Option<usize> {
        self.active
    }

    pub fn mention(&self) -> usize {
        self.mention
    }

    /// The actor list as the sidebar shows it: by salience in this paper
    /// (mentions, every kind together), or grouped by kind when asked.
    pub fn visible(&self, actors: &ActorIndex) -> Vec<usize> {
        let shown = |kind: ActorKind| self.filter.is_none_or(|f| f == kind);
        if !self.grouped {
            let mut list: Vec<usize> = (0..actors.actors.len())
                .filter(|&i| shown(actors.actors[i].kind))
                .collect();
            // Most mentioned first; the index's order between equals.
            list.sort_by_key(|&i| std::cmp::Reverse(actors.actors[i].mentions.len()));
            return list;
        }
        let mut list = Vec::new();
        for kind in ActorKind::ALL {
            if !shown(kind) {
                continue;
            }
            list.extend(
                actors
                    .actors
                    .iter()
                    .enumerate()
                    .filter(|(_, a)| a.kind == kind)
                    .map(|(i, _)| i),
            );
        }
        list
    }

    /// The actor on the selected row.
    pub fn selected(&self, actors: &ActorIndex) -> Option<usize> {
        self.visible(actors).get(self.row).copied()
    }

    /// The same list for another version of the paper: the order and
    /// filter asked for stay, the selection starts over.
    pub fn restarted(&self) -> Self {
        Self {
            filter: self.filter,
            grouped: self.grouped,
            ..Self::default()
        }
    }

    /// Moves the selection `step` rows.
    pub fn step(&mut self, actors: &ActorIndex, step: isize) {
        self.row = stepped(self.row, self.visible(actors).len(), step);
    }

    /// The actor on the selected row becomes the active one, from its first mention.
    pub fn activate_selected(&mut self, actors: &ActorIndex) {
        self.active = self.selected(actors);
        self.mention = 0;
    }

    /// No actor is active any more.
    pub fn deactivate(&mut self) {
        self.active = None;
    }

    /// Groups the list by kind, or orders it by salience again, keeping the
    /// same actor selected.
    pub fn toggle_grouping(&mut self, actors: &ActorIndex) {
        let selected = self.selected(actors);
        self.grouped = !self.grouped;
        self.row = selected
            .and_then(|a| self.visible(actors).iter().position(|&x| x == a))
            .unwrap_or(0);
    }

    /// Shows states, then organisations, people, groups, then every kind again.
    pub fn cycle_filter(&mut self, actors: &ActorIndex) {
        self.filter = match self.filter {
            None => Some(ActorKind::State),
            Some(ActorKind::State) => Some(ActorKind::Organisation),
            Some(ActorKind::Organisation) => Some(ActorKind::Person),
            Some(ActorKind::Person) => Some(ActorKind::Group),
            Some(ActorKind::Group) => None,
        };
        self.row = 0;
        self.active = self.selected(actors);
    }

    /// Selects `actor` and makes it the active one (clearing a filter that hides it).
    pub fn select(&mut self, actors: &ActorIndex, actor: usize) {
        if self
            .filter
            .is_some_and(|f| actors.actors.get(actor).is_some_and(|a| a.kind != f))
        {
            self.filter = None;
        }
        if let Some(row) = self.visible(actors).iter().position(|&a| a == actor) {
            self.row = row;
        }
        self.active = Some(actor);
        self.mention = 0;
    }

    /// Moves the mention selected through the active actor's mentions.
    pub fn step_mention(&mut self, actors: &ActorIndex, step: isize) {
        let count = self
            .active
            .and_then(|a| actors.actors.get(a))
            .map_or(0, |a| a.mentions.len());
        self.mention = stepped(self.mention, count, step);
    }

    pub fn set_mention(&mut self, mention: usize) {
        self.mention = mention;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actors::Gazetteer;

    fn actors() -> ActorIndex {
        let document = crate::parse_text(
            "Title\n\nRussia and Turkey met. Russia spoke; NATO listened. Russia again.\n",
        );
        ActorIndex::build(&document, &Gazetteer::shipped())
    }

    #[test]
    fn the_list_keeps_the_order_asked_for_and_its_selection_valid() {
        let actors = actors();
        let mut list = ActorList::default();
        let russia = actors
            .actors
            .iter()
            .position(|a| a.name == "Russia")
            .unwrap();
        assert_eq!(list.visible(&actors)[0], russia, "most mentioned first");
        list.step(&actors, 1_000);
        assert_eq!(
            list.row(),
            list.visible(&actors).len() - 1,
            "kept in the list"
        );
        list.select(&actors, russia);
        list.toggle_grouping(&actors);
        assert_eq!(
            list.selected(&actors),
            Some(russia),
            "the same actor stays selected"
        );
        list.cycle_filter(&actors);
        assert_eq!(list.filter(), Some(ActorKind::State));
        // Another version of the paper: the order and the filter stay, the selection goes.
        let restarted = list.restarted();
        assert!(restarted.is_grouped());
        assert_eq!(restarted.filter(), Some(ActorKind::State));
        assert_eq!((restarted.row(), restarted.active()), (0, None));
    }
}
