//! The Jobs landing page: both tables, their columns and rows, paging, sorting, filters.

use leptos::prelude::document;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::*;

const JOBS: &str = jobs_api::paths::routes::JOBS;

const SEED_COLUMNS: [&str; 6] = ["Job ID", "Job type", "Job state", "Job result", "Device group", "Job run date"];

fn header_texts(console: &Console, caption: &str) -> Vec<String> {
    let table = console
        .find_all("table")
        .into_iter()
        .find(|table| table.query_selector("caption").ok().flatten().and_then(|c| c.text_content()).as_deref() == Some(caption))
        .unwrap();
    let headers = table.query_selector_all("thead th").unwrap();
    (0..headers.length())
        .map(|index| headers.item(index).unwrap().text_content().unwrap().trim_end_matches(['↕', '▲', '▼']).to_owned())
        .collect()
}

#[wasm_bindgen_test]
async fn both_tables_show_the_seed_columns_and_the_sandboxs_jobs() {
    let console = open_console("/jobs", APPROVER_KEY);
    console.wait_for("table .job-link").await;
    console.wait_until("both tables loaded", |console| console.find_all("table").len() == 2).await;

    for caption in ["Completed jobs", "Draft jobs"] {
        let headers = header_texts(&console, caption);
        assert_eq!(&headers[..6], SEED_COLUMNS, "{caption}");
    }
    let expected = api_get(&format!("{JOBS}?draft=false&sort=-run_date&limit=20&offset=0")).await;
    assert_eq!(console.column("Completed jobs", 0), ids_of(&expected));
    let drafts = api_get(&format!("{JOBS}?draft=true&sort=-run_date&limit=20&offset=0")).await;
    assert_eq!(console.column("Draft jobs", 0), ids_of(&drafts));
    let total = expected["total"].as_u64().unwrap();
    assert!(console.text().contains(&format!("1–20 of {total}")));
    let sort_header = console.find("th[aria-sort='descending']").expect("run date sorts descending");
    assert!(sort_header.text_content().unwrap().starts_with("Job run date"));
}

#[wasm_bindgen_test]
async fn paging_sorting_and_filters_change_rows_and_url() {
    let console = open_console("/jobs", APPROVER_KEY);
    console.wait_for("nav[aria-label='Completed jobs pages'] a[rel='next']").await;

    console.click_text("nav[aria-label='Completed jobs pages'] a", "Next");
    let second = api_get(&format!("{JOBS}?draft=false&sort=-run_date&limit=20&offset=20")).await;
    console.wait_until("page 2 shown", |console| console.column("Completed jobs", 0) == ids_of(&second)).await;
    assert!(location().contains("page=2"), "{}", location());

    console.click_text("table th button", "Job result");
    let by_result = api_get(&format!("{JOBS}?draft=false&sort=result&limit=20&offset=0")).await;
    console.wait_until("sorted by result", |console| console.column("Completed jobs", 0) == ids_of(&by_result)).await;
    assert!(location().contains("sort=result") && !location().contains("page=2"), "{}", location());
    let sorted = console.find("th[aria-sort='ascending']").unwrap();
    assert!(sorted.text_content().unwrap().starts_with("Job result"));

    let select: web_sys::HtmlSelectElement = console.find("#job-type").unwrap().unchecked_into();
    select.set_value("DEPLOYMENT");
    select.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    console
        .wait_until("only deployments", |console| {
            let types = console.column("Completed jobs", 1);
            !types.is_empty() && types.iter().all(|job_type| job_type == "Deployments")
        })
        .await;
    assert!(location().contains("type=DEPLOYMENT"), "{}", location());

    console.click("#awaiting");
    console.wait_for_text("No jobs match type “Deployments” and awaiting approval.").await;
    assert!(location().contains("awaiting=1"));
    let notes: Vec<String> = console.find_all(".filter-note").iter().map(|note| note.text_content().unwrap()).collect();
    assert_eq!(
        notes,
        ["Filtered: type “Deployments”, awaiting approval. Clear filters", "Filtered: type “Deployments”. Clear filters"],
        "each table says what narrows it (drafts wait for no approval)"
    );
    console.click_text(".filter-note button", "Clear filters");
    console.wait_until("filters cleared", |console| console.column("Completed jobs", 1).iter().any(|t| t != "Deployments")).await;
    assert_eq!(location(), "/jobs");
}

/// A row's device group is a button: a click shows only that group's jobs (one listener
/// serves every row's button).
#[wasm_bindgen_test]
async fn a_rows_device_group_shows_only_that_groups_jobs() {
    let console = open_console("/jobs", APPROVER_KEY);
    console.wait_for("table .job-link").await;
    let button = console.find_all(".data-table tbody tr button.link-button").into_iter().nth(1).expect("a row with a device group");
    let group = button.text_content().unwrap();
    let id = button.get_attribute("value").unwrap();
    button.unchecked_into::<web_sys::HtmlElement>().click();
    console
        .wait_until("only the group's jobs", |console| {
            let groups = console.column("Completed jobs", 4);
            !groups.is_empty() && groups.iter().all(|shown| *shown == group)
        })
        .await;
    assert!(location().contains(&format!("group={}", jobs_api::url_encoding::encode_component(&id))), "{}", location());
    assert!(console.text().contains(&format!("device group “{group}”")), "the filter note names it");
}

#[wasm_bindgen_test]
async fn a_shared_link_reproduces_the_view() {
    let console = open_console("/jobs?awaiting=1&size=10&sort=id", APPROVER_KEY);
    console.wait_for("table .job-link").await;
    let expected = api_get(&format!("{JOBS}?draft=false&batch_status=PENDING_APPROVAL&sort=id&limit=10&offset=0")).await;
    console.wait_until("awaiting jobs", |console| console.column("Completed jobs", 0) == ids_of(&expected)).await;
    assert!(console.column("Completed jobs", 2).iter().all(|state| state == "Awaiting approval"));
    let checkbox: web_sys::HtmlInputElement = console.find("#awaiting").unwrap().unchecked_into();
    assert!(checkbox.checked());
    assert!(!console.find_all("button[aria-label^='Approve job']").is_empty(), "rows offer Approve");
}

#[wasm_bindgen_test]
async fn focus_stays_with_its_job_when_new_jobs_arrive_above_it() {
    let console = open_console("/jobs?awaiting=1", APPROVER_KEY);
    console.wait_for("button[aria-label^='Approve job']").await;
    let buttons = console.find_all("button[aria-label^='Approve job']");
    let target = buttons[buttons.len().min(3) - 1].clone();
    let label = target.get_attribute("aria-label").unwrap();
    target.clone().unchecked_into::<web_sys::HtmlElement>().focus().unwrap();
    let rows_before = console.column("Completed jobs", 0);

    let mut arrived = Vec::new();
    for _ in 0..3 {
        arrived.push(new_job(serde_json::json!({ "total": 2 })).await);
    }
    console
        .wait_until("the new jobs show above", |console| {
            let ids = console.column("Completed jobs", 0);
            arrived.iter().all(|id| ids.iter().take(3).any(|shown| shown == id))
        })
        .await;
    assert_ne!(console.column("Completed jobs", 0), rows_before, "the rows moved");
    let shown = console.find(&format!("button[aria-label='{label}']")).expect("the job is still listed");
    assert!(shown == target, "its row kept its elements");
    // The table gives focus back on the next frame (`keep_focus`): WebKit's frame may come
    // after the rows show.
    console
        .wait_until("focus stays on the same job's button", |_| {
            document().active_element().and_then(|element| element.get_attribute("aria-label")).as_deref() == Some(label.as_str())
        })
        .await;
}

/// Every node the table body's DOM changed in (attributes, texts, children) from now until
/// the observer is read.
struct BodyChanges {
    observer: web_sys::MutationObserver,
    changed: std::rc::Rc<std::cell::RefCell<Vec<web_sys::Node>>>,
    _callback: wasm_bindgen::closure::Closure<dyn FnMut(js_sys::Array)>,
}

impl BodyChanges {
    fn watch(body: &web_sys::Element) -> Self {
        let changed = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
        let collect = changed.clone();
        let callback = wasm_bindgen::closure::Closure::<dyn FnMut(js_sys::Array)>::new(move |records: js_sys::Array| {
            let records = records.iter().map(|record| record.unchecked_into::<web_sys::MutationRecord>());
            collect.borrow_mut().extend(records.filter_map(|record| record.target()));
        });
        let observer = web_sys::MutationObserver::new(callback.as_ref().unchecked_ref()).unwrap();
        let options = web_sys::MutationObserverInit::new();
        options.set_attributes(true);
        options.set_character_data(true);
        options.set_child_list(true);
        options.set_subtree(true);
        observer.observe_with_options(body, &options).unwrap();
        Self { observer, changed, _callback: callback }
    }

    fn within(&self, element: &web_sys::Element) -> Vec<web_sys::Node> {
        self.changed.borrow().iter().filter(|node| element.contains(Some(node))).cloned().collect()
    }
}

/// A job's progress moving rebuilds its row in place, and only the cells that show something
/// new change in the DOM: the others keep their elements, attributes and texts untouched.
#[wasm_bindgen_test]
async fn a_running_jobs_progress_moves_and_its_other_cells_stay_untouched() {
    let console = open_console("/jobs", APPROVER_KEY);
    console.wait_for(".data-table tbody tr th a.job-link").await;
    // 2,400 enrollments: 3 s of processing at the sandbox's speed, about three refreshes.
    let id = new_job(serde_json::json!({ "total": 2_400 })).await;
    approve_behind_the_consoles_back(&id).await;
    let progress = format!("progress[aria-label='Progress of job {id}']");
    let bar = console.wait_for(&progress).await;
    let row = bar.closest("tr").unwrap().unwrap();
    let cells = || {
        let cells = row.query_selector_all("th, td").unwrap();
        (0..cells.length()).map(|index| cells.item(index).unwrap().unchecked_into::<web_sys::Element>()).collect::<Vec<_>>()
    };
    let before: Vec<String> = cells().iter().map(|cell| cell.outer_html()).collect();
    let first = bar.get_attribute("value");
    let changes = BodyChanges::watch(&row.parent_element().unwrap());

    // Until the progress moves, or the job is done before it could be seen moving.
    console
        .wait_until("the job's progress moves", |console| console.find(&progress).is_none_or(|bar| bar.get_attribute("value") != first))
        .await;
    // The observer hears of changes in a microtask after them.
    sleep(0).await;
    changes.observer.disconnect();
    assert!(!changes.within(&row).is_empty(), "the row changed");
    let after = cells();
    assert_eq!(after.len(), before.len(), "the same cells");
    for (cell, shown) in after.iter().zip(&before) {
        if cell.outer_html() == *shown {
            let touched = changes.within(cell);
            assert!(touched.is_empty(), "a cell with nothing new was left untouched: {shown}, {} changes", touched.len());
        }
    }
    assert_ne!(after[3].outer_html(), before[3], "the result cell shows the new progress");
    assert!(row.is_connected(), "the row kept its element");
}

#[wasm_bindgen_test]
async fn times_show_in_utc_when_chosen_with_the_exact_instant_on_hover() {
    jobs_console::browser::dates::set_times_in_utc(false);
    let console = open_console("/settings", APPROVER_KEY);
    console.wait_for("#times-in-utc").await;
    console.click("#times-in-utc");
    console.wait_for_text("Times will show as you chose").await;
    assert!(jobs_console::browser::dates::times_in_utc(), "the choice is remembered");
    console.click_text(".topbar nav a", "Jobs");
    console.wait_for("table time").await;
    let time = console.find("table time").expect("a date in the table");
    let shown = time.text_content().unwrap();
    assert!(shown.ends_with("UTC"), "the zone is named: {shown}");
    let exact = time.get_attribute("title").unwrap();
    assert_eq!(Some(exact.clone()), time.get_attribute("datetime"));
    assert!(exact.ends_with('Z'), "the exact instant on hover: {exact}");
    jobs_console::browser::dates::set_times_in_utc(false);
}
