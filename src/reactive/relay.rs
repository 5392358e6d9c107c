//! Page-wide values that short-lived views (table rows, a panel rebuilt on refresh) can
//! follow without leaking.
//!
//! Leptos 0.8 never removes an effect from the sources it read when the effect is
//! dropped: `reactive_graph` 0.2.16 keeps the dead entry (and the effect's allocation, held
//! by a weak pointer) in the source's subscriber set until the source itself goes or
//! notifies (`src/signal/subscriber_traits.rs`, `src/graph/subscriber.rs`). A row that reads a
//! page-level signal therefore leaves about a hundred bytes behind each time it goes,
//! which a page open all day turns into megabytes. A follower instead reads a signal of
//! its own, which goes with it; one effect per relay keeps the followers current.

use leptos::prelude::*;

use crate::reactive::effect::effect;

/// The followers' signals in slots, a slot freed when its follower goes and reused by the
/// next: a table of 1,000 rows going away frees 1,000 slots, none searched for.
struct Followers<T: 'static> {
    slots: Vec<Option<ArcRwSignal<T>>>,
    free: Vec<usize>,
}

/// Forwards a long-lived signal's value to any number of short-lived followers.
pub struct Relay<T: Send + Sync + 'static> {
    source: Signal<T>,
    followers: StoredValue<Followers<T>>,
}

impl<T: Send + Sync + 'static> Clone for Relay<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Relay<T> {}

impl<T: Clone + PartialEq + Send + Sync + 'static> Relay<T> {
    /// Call where `source` lives: the relay lives as long as the current owner.
    pub fn new(source: impl Into<Signal<T>>) -> Self {
        let source = source.into();
        let followers = StoredValue::new(Followers { slots: Vec::new(), free: Vec::new() });
        effect(move || {
            let value = source.get();
            followers.with_value(|followers| {
                for signal in followers.slots.iter().flatten() {
                    if signal.with_untracked(|current| *current != value) {
                        signal.set(value.clone());
                    }
                }
            });
        });
        Self { source, followers }
    }

    /// A signal of the relayed value for the current owner (a row, a panel), released
    /// with that owner.
    pub fn follow(&self) -> Signal<T> {
        let signal = ArcRwSignal::new(self.source.get_untracked());
        let followers = self.followers;
        let slot = followers.try_update_value(|followers| match followers.free.pop() {
            Some(slot) => {
                followers.slots[slot] = Some(signal.clone());
                slot
            }
            None => {
                followers.slots.push(Some(signal.clone()));
                followers.slots.len() - 1
            }
        });
        if let Some(slot) = slot {
            on_cleanup(move || {
                followers.try_update_value(|followers| {
                    followers.slots[slot] = None;
                    followers.free.push(slot);
                });
            });
        }
        signal.read_only().into()
    }
}
