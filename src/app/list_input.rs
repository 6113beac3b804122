//! The keys every filtered list shares (the notes list, the sources list):
//! moving the selection, editing the query, leaving, choosing.

use super::action::Action;

/// What a key did to a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKey {
    /// The query or the selection changed.
    Edited,
    Back,
    Confirm,
    /// Not a list key: the caller decides.
    Other,
}

/// Applies `action` to a list of `count` rows filtered by `query`; an edited
/// query selects the first row again.
pub fn edit(action: Action, query: &mut String, selected: &mut usize, count: usize) -> ListKey {
    match action {
        Action::Back => return ListKey::Back,
        Action::Confirm => return ListKey::Confirm,
        Action::SelectNext => *selected = (*selected + 1).min(count.saturating_sub(1)),
        Action::SelectPrevious => *selected = selected.saturating_sub(1),
        Action::DeleteBack => {
            query.pop();
            *selected = 0;
        }
        Action::ClearInput => {
            query.clear();
            *selected = 0;
        }
        _ => return ListKey::Other,
    }
    ListKey::Edited
}
