//! Work a click starts (a decision, a download, a connection test) that runs one at a
//! time: a flag while it runs and a spawned task. It goes on when its page is left; what
//! it sets afterwards on the page is dropped.

use std::future::Future;

use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Busy(RwSignal<bool>);

impl Busy {
    pub fn new() -> Self {
        Self(RwSignal::new(false))
    }

    /// Whether work is running (tracked).
    pub fn get(self) -> bool {
        self.0.get()
    }

    pub fn signal(self) -> Signal<bool> {
        self.0.into()
    }

    /// Starts `work` unless some is still running.
    pub fn start(self, work: impl Future<Output = ()> + 'static) {
        if self.0.get_untracked() {
            return;
        }
        self.0.set(true);
        leptos::task::spawn_local(async move {
            work.await;
            self.0.try_set(false);
        });
    }
}

impl Default for Busy {
    fn default() -> Self {
        Self::new()
    }
}
