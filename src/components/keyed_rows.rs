//! A table body of keyed rows, kept by hand rather than by Leptos's `<For>`.
//!
//! - A row whose key stays keeps its elements. When its record changed, its view is
//!   rebuilt in place, and the parts of the row that did not change are left as they are
//!   ([`row_part`]): the link or button under the pointer stays the same element unless
//!   what it shows changed.
//! - Only the rows off the longest run still in order are moved.
//! - When no row stays (another page, none), the old rows go in one DOM operation.
//!
//! `<For>` (tachys 0.2.19, `src/view/keyed.rs`) removes rows one by one and, for each new row,
//! searches its list for a mounted sibling from the row's index on. To update a kept row it
//! needs a signal and an effect per row. The rendering bench measured replace and clear at
//! 1.5 and 2.4 times a hand-written web-sys table.

use leptos::prelude::*;
use leptos::tachys::html::attribute::any_attribute::AnyAttribute;
use leptos::tachys::html::attribute::Attribute;
use leptos::tachys::hydration::Cursor;
use leptos::tachys::view::add_attr::AddAnyAttr;
use leptos::tachys::view::any_view::AnyViewState;
use leptos::tachys::view::{Mountable, Position, PositionState, Render, RenderHtml};

use crate::reactive::effect::effect;

struct Shown<T> {
    key: String,
    record: T,
    state: AnyViewState,
    /// The row's element, to insert rows before it.
    element: web_sys::Element,
    /// What the row's view made that outlives its building (a row's buttons and their
    /// signals): released when the row goes, and before it is rebuilt.
    owner: Owner,
}

/// The keys of the rows shown, sorted, to find a key's row without a scan per record (and
/// without a hash map's code in the bundle).
struct ShownKeys<'a>(Vec<(&'a str, usize)>);

impl<'a> ShownKeys<'a> {
    fn of(keys: impl Iterator<Item = &'a str>) -> Self {
        // Binary insertion: `sort` would add 1.8 KB (gzip) to the bundle for this alone.
        let mut sorted: Vec<(&str, usize)> = Vec::new();
        for (index, key) in keys.enumerate() {
            let at = sorted.partition_point(|(shown, _)| *shown < key);
            sorted.insert(at, (key, index));
        }
        Self(sorted)
    }

    /// The index of the row of `key`.
    fn find(&self, key: &str) -> Option<usize> {
        self.0.binary_search_by(|(shown, _)| (*shown).cmp(key)).ok().map(|at| self.0[at].1)
    }
}

/// Which rows of a new order stay where they are: given each new row's old index (`None`
/// for a new row), those on a longest run of increasing old indexes. Every other row is
/// inserted or moved.
pub fn staying(old_indexes: &[Option<usize>]) -> Vec<bool> {
    // Patience sorting: `tails[n]` is the position ending the best run of length n + 1.
    let mut tails: Vec<usize> = Vec::new();
    let mut previous = vec![usize::MAX; old_indexes.len()];
    for (position, old) in old_indexes.iter().enumerate() {
        let Some(old) = *old else { continue };
        let at = tails.partition_point(|&tail| old_indexes[tail] < Some(old));
        if at > 0 {
            previous[position] = tails[at - 1];
        }
        if at == tails.len() {
            tails.push(position);
        } else {
            tails[at] = position;
        }
    }
    let mut stays = vec![false; old_indexes.len()];
    let mut position = tails.last().copied().unwrap_or(usize::MAX);
    while position != usize::MAX {
        stays[position] = true;
        position = previous[position];
    }
    stays
}

/// The rows of one table body, which holds nothing else.
pub struct KeyedRows<T> {
    /// The owner of the table: the rows' reactive values belong under it.
    table: Owner,
    /// The parent of the rows' owners. Replaced whenever no row stays, so that its list of
    /// children (which reactive_graph 0.2.16 never shortens) stays as short as the rows.
    parent: Owner,
    shown: Vec<Shown<T>>,
}

/// Keeps the rows of `body`, a `<tbody>` that holds nothing else (a table's empty row goes
/// in a body of its own): `show` calls [`KeyedRows::show`] once the body exists and again
/// whenever what it reads changes. Call where the table is built: the rows' reactive values
/// belong to the current owner.
pub fn keep_rows<T: Clone + PartialEq + 'static>(
    body: NodeRef<leptos::html::Tbody>,
    mut show: impl FnMut(&mut KeyedRows<T>, &web_sys::Element) + 'static,
) {
    let table = Owner::current().unwrap_or_default();
    let mut rows = KeyedRows { parent: table.child(), table, shown: Vec::new() };
    effect(move || {
        if let Some(element) = body.get() {
            show(&mut rows, &element);
        }
    });
}

impl<T: Clone + PartialEq> KeyedRows<T> {
    fn build(&self, record: &T, key: &str, view: &dyn Fn(&T, Option<&T>) -> AnyView) -> Shown<T> {
        let owner = self.parent.child();
        let state = owner.with(|| untrack(|| view(record, None).build()));
        let element = state.elements().into_iter().next().expect("a row is an element");
        Shown { key: key.to_owned(), record: record.clone(), state, element, owner }
    }

    /// Shows `records` in `body`, in their order: `key` names a record's row, `view` builds
    /// it from its record and, when it rebuilds a row, the record the row showed before
    /// (`None` when every part must be built). With `rebuild_all` (something every row shows
    /// changed), every kept row is rebuilt in full; otherwise only those whose record changed,
    /// and of those only the parts that changed.
    pub fn show(
        &mut self,
        body: &web_sys::Element,
        records: &[T],
        key: fn(&T) -> &str,
        view: &dyn Fn(&T, Option<&T>) -> AnyView,
        rebuild_all: bool,
    ) {
        let old_indexes: Vec<Option<usize>> = {
            let shown = ShownKeys::of(self.shown.iter().map(|row| row.key.as_str()));
            records.iter().map(|record| shown.find(key(record))).collect()
        };
        if old_indexes.iter().all(Option::is_none) {
            if !self.shown.is_empty() {
                body.set_text_content(None);
                self.shown.clear();
                self.parent = self.table.child();
            }
            for record in records {
                let mut row = self.build(record, key(record), view);
                row.state.mount(body, None);
                self.shown.push(row);
            }
            return;
        }
        let mut old: Vec<Option<Shown<T>>> = self.shown.drain(..).map(Some).collect();
        let mut rows: Vec<Shown<T>> = Vec::with_capacity(records.len());
        for (record, old_index) in records.iter().zip(&old_indexes) {
            rows.push(match old_index.and_then(|index| old[index].take()) {
                Some(mut row) => {
                    if rebuild_all || row.record != *record {
                        row.owner.cleanup();
                        let before = (!rebuild_all).then_some(&row.record);
                        row.owner.with(|| untrack(|| view(record, before).rebuild(&mut row.state)));
                        row.record = record.clone();
                    }
                    row
                }
                // A new key, or a key twice in `records`: a row of its own.
                None => self.build(record, key(record), view),
            });
        }
        for gone in old.into_iter().flatten() {
            gone.element.remove();
        }
        // From the last row up, each row not staying goes before the row after it.
        let stays = staying(&old_indexes);
        for index in (0..rows.len()).rev() {
            if !stays[index] {
                let (row, after) = rows[index..].split_first_mut().expect("index is within rows");
                let next: Option<&web_sys::Node> = after.first().map(|next| next.element.as_ref());
                row.state.mount(body, next);
            }
        }
        self.shown = rows;
    }
}

/// A part of a row (a cell, say) that a rebuild of the row leaves as it is unless `changed`.
///
/// Rebuilding a view removes and sets again every attribute of each element in it, changed
/// or not: under `--cfg erase_components` an element's attributes are a `Vec<AnyAttribute>`,
/// whose `rebuild` does that (tachys 0.2.19, `src/html/attribute/any_attribute.rs`). For a
/// table row that is about 30 attributes, two DOM calls each, where a job's progress changed
/// one cell. A part left as it is must own no reactive value: the row's owner releases them
/// whenever the row is rebuilt.
pub struct RowPart<F> {
    changed: bool,
    view: F,
}

/// `view` as a part of a row, rebuilt with the row only if `changed`.
pub fn row_part<F: FnOnce() -> V, V: Render>(changed: bool, view: F) -> RowPart<F> {
    RowPart { changed, view }
}

impl<F: FnOnce() -> V, V: Render> Render for RowPart<F> {
    type State = V::State;

    fn build(self) -> V::State {
        (self.view)().build()
    }

    fn rebuild(self, state: &mut V::State) {
        if self.changed {
            (self.view)().rebuild(state);
        }
    }
}

impl<F: FnOnce() -> V + Send, V: RenderHtml> AddAnyAttr for RowPart<F> {
    type Output<SomeNewAttr: Attribute> = V::Output<SomeNewAttr>;

    fn add_any_attr<NewAttr: Attribute>(self, attr: NewAttr) -> Self::Output<NewAttr>
    where
        Self::Output<NewAttr>: RenderHtml,
    {
        (self.view)().add_any_attr(attr)
    }
}

/// Only what the trait requires: the console renders in the browser, never to HTML.
impl<F: FnOnce() -> V + Send + 'static, V: RenderHtml> RenderHtml for RowPart<F> {
    type AsyncOutput = V::AsyncOutput;
    type Owned = Self;

    const MIN_LENGTH: usize = 0;

    fn dry_resolve(&mut self) {}

    async fn resolve(self) -> V::AsyncOutput {
        (self.view)().resolve().await
    }

    fn to_html_with_buf(
        self,
        buf: &mut String,
        position: &mut Position,
        escape: bool,
        mark_branches: bool,
        extra_attrs: Vec<AnyAttribute>,
    ) {
        (self.view)().to_html_with_buf(buf, position, escape, mark_branches, extra_attrs);
    }

    fn hydrate<const FROM_SERVER: bool>(self, cursor: &Cursor, position: &PositionState) -> V::State {
        (self.view)().hydrate::<FROM_SERVER>(cursor, position)
    }

    fn into_owned(self) -> Self {
        self
    }
}

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::wasm_bindgen_test;

    use super::*;

    #[wasm_bindgen_test]
    fn rows_on_the_longest_run_in_order_stay_and_every_other_row_moves() {
        // Old rows 0..5; the new order swaps 1 and 3 and puts a new row first.
        let stays = staying(&[None, Some(0), Some(3), Some(2), Some(1), Some(4)]);
        assert_eq!(stays.iter().filter(|stays| **stays).count(), 3, "0, one of 1..3, 4: {stays:?}");
        assert!(!stays[0], "a new row is inserted");
        assert!(stays[1] && stays[5], "{stays:?}");
        assert_eq!(staying(&[Some(0), Some(1), Some(2)]), [true; 3], "nothing moves when the order holds");
        assert_eq!(staying(&[Some(2), Some(1), Some(0)]).iter().filter(|stays| **stays).count(), 1, "a reversal keeps one row");
    }

    #[wasm_bindgen_test]
    fn a_key_is_found_among_the_rows_shown() {
        let keys = ShownKeys::of(["c", "a", "b"].into_iter());
        assert_eq!([keys.find("a"), keys.find("b"), keys.find("c"), keys.find("d")], [Some(1), Some(2), Some(0), None]);
    }
}
