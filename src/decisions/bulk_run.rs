//! Decisions on several jobs at once: one PUT per job, [`AT_ONCE`] at a time, each answer
//! recorded for its own job. A 429 pauses the whole batch for its `Retry-After` (the job it
//! answered was refused, not decided, and goes again after the pause); Stop sends nothing
//! more, and what was already sent is still reported. Like a single decision, the batch
//! goes on if its page is left, and its summary is announced.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use jobs_api::decision::{after_rate_limit, summary, Decision, Outcome};
use jobs_api::t;
use leptos::prelude::*;

use crate::state::notifications::{Notifications, Tone};
use crate::transport::api::decide_batch_job;
use crate::transport::connection::ConnectionSettings;

/// Requests out at the same time.
pub const AT_ONCE: usize = 3;

/// One bulk decision and where each of its jobs stands.
#[derive(Clone, Copy)]
pub struct BulkRun {
    pub decision: Decision,
    pub rows: RwSignal<Vec<(String, Outcome)>>,
    pub running: RwSignal<bool>,
    /// When the batch may send again after a 429 (ms since the epoch).
    pub paused_until: RwSignal<Option<f64>>,
    stopped: RwSignal<bool>,
}

impl BulkRun {
    /// Starts deciding `jobs`; a job given with a reason is not sent and reported with it.
    pub fn start(
        decision: Decision,
        jobs: Vec<(String, Option<String>)>,
        settings: ConnectionSettings,
        timeout_ms: u64,
        notifications: Notifications,
        on_done: Callback<()>,
    ) -> Self {
        let queue: VecDeque<usize> = jobs.iter().enumerate().filter(|(_, (_, skip))| skip.is_none()).map(|(index, _)| index).collect();
        let rows = jobs.into_iter().map(|(id, skip)| (id, skip.map_or(Outcome::Queued, Outcome::NotSent))).collect();
        let run = Self {
            decision,
            rows: RwSignal::new(rows),
            running: RwSignal::new(true),
            paused_until: RwSignal::new(None),
            stopped: RwSignal::new(false),
        };
        let queue = Rc::new(RefCell::new(queue));
        let workers = Rc::new(Cell::new(AT_ONCE));
        let settings = Rc::new(settings);
        // How often each job (by its row) was refused with 429.
        let limited = Rc::new(RefCell::new(vec![0u32; run.rows.with_untracked(Vec::len)]));
        for _ in 0..AT_ONCE {
            let (queue, workers, settings, limited) = (queue.clone(), workers.clone(), settings.clone(), limited.clone());
            leptos::task::spawn_local(async move {
                run.work(&queue, &settings, timeout_ms, &limited).await;
                workers.set(workers.get() - 1);
                if workers.get() == 0 {
                    run.finish(notifications, on_done);
                }
            });
        }
        run
    }

    /// Sends no more; the answers of what is out are still recorded.
    pub fn stop(self) {
        self.stopped.set(true);
    }

    fn set(self, index: usize, outcome: Outcome) {
        self.rows.try_update(|rows| {
            if let Some(row) = rows.get_mut(index) {
                row.1 = outcome;
            }
        });
    }

    async fn work(self, queue: &RefCell<VecDeque<usize>>, settings: &ConnectionSettings, timeout_ms: u64, limited: &RefCell<Vec<u32>>) {
        loop {
            // Waits out a pause in short steps, so Stop is heard at once.
            while let Some(until) = self.paused_until.try_get_untracked().flatten() {
                let wait = until - js_sys::Date::now();
                if wait <= 0.0 || self.stopped.try_get_untracked() != Some(false) {
                    break;
                }
                crate::browser::sleep::sleep(wait.min(250.0)).await;
            }
            if self.stopped.try_get_untracked() != Some(false) {
                return;
            }
            let Some(index) = queue.borrow_mut().pop_front() else { return };
            let Some(job_id) = self.rows.try_with_untracked(|rows| rows[index].0.clone()) else { return };
            self.set(index, Outcome::Sending);
            let result = decide_batch_job(settings, &job_id, self.decision, timeout_ms).await;
            let outcome = Outcome::of(&result);
            if let (Outcome::RateLimited(_), Err(error)) = (&outcome, &result) {
                let times = {
                    let mut limited = limited.borrow_mut();
                    limited[index] += 1;
                    limited[index]
                };
                match after_rate_limit(times, error) {
                    Ok(wait_ms) => {
                        self.paused_until.try_set(Some(js_sys::Date::now() + wait_ms as f64));
                        queue.borrow_mut().push_front(index);
                        self.set(index, outcome);
                    }
                    Err(given_up) => self.set(index, given_up),
                }
                continue;
            }
            self.set(index, outcome);
        }
    }

    fn finish(self, notifications: Notifications, on_done: Callback<()>) {
        self.rows.try_update(|rows| {
            for row in rows.iter_mut().filter(|row| !row.1.is_final()) {
                row.1 = Outcome::NotSent(t!("bulk.stopped").into());
            }
        });
        self.running.try_set(false);
        self.paused_until.try_set(None);
        let summed = self.rows.try_with_untracked(|rows| {
            let all_decided = rows.iter().all(|(_, outcome)| *outcome == Outcome::Decided);
            (all_decided, summary(rows.iter().map(|(_, outcome)| outcome), self.decision))
        });
        if let Some((all_decided, text)) = summed {
            let tone = if all_decided { Tone::Success } else { Tone::Failure };
            let said = self.decision.pick(t!("bulk.approve.finished", summary = text), t!("bulk.reject.finished", summary = text));
            notifications.announce(tone, said);
        }
        on_done.try_run(());
    }
}
