//! Rendering against the physical limit: the console's Jobs table and a hand-written
//! web-sys table that builds the same DOM, through what js-framework-benchmark measures.
//! Timings only: `scripts/bench` runs this (release build, headless Chromium) and reads
//! the line it prints; `cargo test` does not run it (`test = false` in Cargo.toml).
//!
//!   cargo test --release --target wasm32-unknown-unknown --test rendering -- --nocapture
#![cfg(target_arch = "wasm32")]

mod baseline;
mod jobs;

use std::future::Future;

use jobs_api::{JobSummary, Page};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

/// The console's allocator, as it runs (both tables allocate from it).
#[global_allocator]
static ALLOCATOR: jobs_console::Allocator = jobs_console::allocator();

const RUNS: usize = 20;

/// A table the benchmark can fill: the console's component or the baseline.
trait Table {
    fn show(&mut self, jobs: Vec<JobSummary>);
    fn body(&self) -> web_sys::Element;
}

struct Console {
    page: RwSignal<Page<JobSummary>>,
    root: HtmlElement,
    _owner: Owner,
}

impl Console {
    fn mount() -> Self {
        let root: HtmlElement = document().create_element("div").unwrap().unchecked_into();
        document().body().unwrap().append_child(&root).unwrap();
        let owner = Owner::new();
        let page = owner.with(|| RwSignal::new(jobs::page_of(Vec::new())));
        let handle = owner.with(|| mount_to(root.clone(), move || jobs::jobs_table(page)));
        handle.forget();
        Self { page, root, _owner: owner }
    }
}

impl Table for Console {
    fn show(&mut self, jobs: Vec<JobSummary>) {
        self.page.set(jobs::page_of(jobs));
    }

    fn body(&self) -> web_sys::Element {
        self.root.query_selector("tbody").unwrap().unwrap()
    }
}

fn now() -> f64 {
    window().performance().unwrap().now()
}

/// Resolves after every queued microtask has run (Leptos renders in microtasks): one
/// message through a channel, a task without setTimeout's clamping.
fn next_task() -> impl Future<Output = ()> {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let channel = web_sys::MessageChannel::new().unwrap();
        let port = channel.port1();
        let on_message = wasm_bindgen::closure::Closure::once_into_js(move || {
            resolve.call0(&wasm_bindgen::JsValue::NULL).unwrap();
        });
        port.set_onmessage(Some(on_message.unchecked_ref()));
        channel.port2().post_message(&wasm_bindgen::JsValue::NULL).unwrap();
    });
    async move {
        wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    }
}

/// Shows `jobs` and returns the milliseconds until the DOM holds them and is laid out.
async fn timed(table: &mut impl Table, jobs: Vec<JobSummary>) -> f64 {
    let start = now();
    table.show(jobs);
    next_task().await;
    let _ = table.body().unchecked_ref::<HtmlElement>().offset_height();
    now() - start
}

async fn untimed(table: &mut impl Table, jobs: Vec<JobSummary>) {
    table.show(jobs);
    next_task().await;
}

/// What the browser holds of each row: its markup, attributes included, without the
/// comments Leptos places to mark where dynamic content goes (they show nothing).
fn rows_markup(table: &impl Table) -> Vec<String> {
    fn drop_comments(node: &web_sys::Node) {
        let children = node.child_nodes();
        for index in (0..children.length()).rev() {
            let child = children.item(index).unwrap();
            if child.node_type() == web_sys::Node::COMMENT_NODE {
                node.remove_child(&child).unwrap();
            } else {
                drop_comments(&child);
            }
        }
    }
    let body = table.body().clone_node_with_deep(true).unwrap();
    drop_comments(&body);
    let rows = body.unchecked_ref::<web_sys::Element>().children();
    (0..rows.length()).map(|index| rows.item(index).unwrap().outer_html()).collect()
}

/// One run of every operation, each from the same starting point: its times in order.
async fn one_run(table: &mut impl Table, run: usize) -> Vec<f64> {
    let (first, second) = (jobs::generation(1_000, 2 * run), jobs::generation(1_000, 2 * run + 1));
    let mut times = Vec::with_capacity(jobs::OPERATIONS.len());
    untimed(table, Vec::new()).await;
    times.push(timed(table, first[..100].to_vec()).await);
    untimed(table, Vec::new()).await;
    times.push(timed(table, first.clone()).await);
    times.push(timed(table, second.clone()).await);
    let updated = jobs::every_tenth_moved(&second);
    times.push(timed(table, updated.clone()).await);
    let mut swapped = updated.clone();
    swapped.swap(1, 998);
    times.push(timed(table, swapped).await);
    times.push(timed(table, jobs::sorted_by_group(&updated)).await);
    times.push(timed(table, Vec::new()).await);
    times
}

fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let middle = sorted.len() / 2;
    if sorted.len().is_multiple_of(2) {
        (sorted[middle - 1] + sorted[middle]) / 2.0
    } else {
        sorted[middle]
    }
}

#[wasm_bindgen_test]
async fn jobs_table_against_web_sys() {
    let mut console = Console::mount();
    let mut baseline = baseline::Baseline::mount();
    // Both tables must build the same DOM, through creation, updates and moves, or the
    // comparison means nothing.
    let created = jobs::generation(1_000, 99);
    let updated = jobs::every_tenth_moved(&created);
    for jobs in [created, updated.clone(), jobs::sorted_by_group(&updated)] {
        untimed(&mut console, jobs.clone()).await;
        untimed(&mut baseline, jobs).await;
    }
    let (console_rows, baseline_rows) = (rows_markup(&console), rows_markup(&baseline));
    assert_eq!(console_rows.len(), 1_000);
    for (console_row, baseline_row) in console_rows.iter().zip(&baseline_rows) {
        assert_eq!(console_row, baseline_row, "the baseline builds the console's DOM, attributes included");
    }
    assert_eq!(console_rows.len(), baseline_rows.len());
    untimed(&mut console, Vec::new()).await;
    untimed(&mut baseline, Vec::new()).await;

    // Runs alternate between the two, and which goes first, so that the machine's drift
    // (a noisy neighbour, a warming JIT) falls on both alike.
    let (mut console_times, mut baseline_times) = (Vec::new(), Vec::new());
    for run in 0..RUNS {
        if run % 2 == 0 {
            console_times.push(one_run(&mut console, run).await);
            baseline_times.push(one_run(&mut baseline, run).await);
        } else {
            baseline_times.push(one_run(&mut baseline, run).await);
            console_times.push(one_run(&mut console, run).await);
        }
    }
    let per_operation = |times: &[Vec<f64>], operation: usize| times.iter().map(|run| run[operation]).collect::<Vec<_>>();
    let operations: Vec<String> = jobs::OPERATIONS
        .iter()
        .enumerate()
        .map(|(operation, name)| {
            let console = median(&per_operation(&console_times, operation));
            let baseline = median(&per_operation(&baseline_times, operation));
            format!(
                r#"{{"operation":"{name}","console_ms":{console:.2},"baseline_ms":{baseline:.2},"ratio":{:.2}}}"#,
                console / baseline.max(0.01)
            )
        })
        .collect();
    console_log!("RENDERING {{\"runs\":{RUNS},\"operations\":[{}]}}", operations.join(","));
}
