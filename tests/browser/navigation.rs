//! The console's addresses behave like a website's: links, Back and Forward, the current
//! section marked, and clicks meant for the browser left to it.

use leptos::prelude::window;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::*;

fn current_section(console: &Console) -> Vec<String> {
    console.find_all("header nav a[aria-current='page']").iter().filter_map(|link| link.text_content()).collect()
}

#[wasm_bindgen_test]
async fn links_back_and_forward_move_between_pages() {
    let console = open_console("/jobs?state=COMPLETED", APPROVER_KEY);
    console.wait_for(".data-table tbody tr .job-link").await;
    assert_eq!(current_section(&console), ["Jobs"]);
    let link = console.find(".data-table tbody tr .job-link").unwrap();
    let job_id = link.text_content().unwrap();

    link.unchecked_ref::<web_sys::HtmlElement>().click();
    console.wait_for("#facts-heading").await;
    assert_eq!(location(), format!("/jobs/{}", jobs_api::url_encoding::encode_component(&job_id)));
    assert!(console.text().contains(&job_id));
    assert_eq!(current_section(&console), ["Jobs"], "a job's details belong to the Jobs section");

    window().history().unwrap().back().unwrap();
    console.wait_until("Back shows the list again", |console| console.find("#facts-heading").is_none()).await;
    console.wait_for(".data-table tbody tr .job-link").await;
    assert_eq!(location(), "/jobs?state=COMPLETED", "with its filter");

    window().history().unwrap().forward().unwrap();
    console.wait_for("#facts-heading").await;

    console.click_text("header nav a", "Settings");
    console.wait_for("form").await;
    assert_eq!(location(), "/settings");
    assert_eq!(current_section(&console), ["Settings"]);
}

#[wasm_bindgen_test]
async fn a_click_meant_for_the_browser_is_left_to_it() {
    let console = open_console("/jobs?state=COMPLETED", APPROVER_KEY);
    console.wait_for(".data-table tbody tr .job-link").await;
    let link = console.find(".data-table tbody tr .job-link").unwrap();
    // Runs after the console's own listener: records whether it took the click over, then
    // stops the browser from opening the link, which would leave the test page.
    let taken_over = std::rc::Rc::new(std::cell::Cell::new(None::<bool>));
    let record = {
        let taken_over = taken_over.clone();
        wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            taken_over.set(Some(event.default_prevented()));
            event.prevent_default();
        })
    };
    window().add_event_listener_with_callback("click", record.as_ref().unchecked_ref()).unwrap();
    for modifier in ["Ctrl", "Shift"] {
        let event_init = web_sys::MouseEventInit::new();
        event_init.set_bubbles(true);
        event_init.set_cancelable(true);
        event_init.set_ctrl_key(modifier == "Ctrl");
        event_init.set_shift_key(modifier == "Shift");
        let click = web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &event_init).unwrap();
        link.dispatch_event(&click).unwrap();
        assert_eq!(taken_over.get(), Some(false), "{modifier}-click was taken over by the console");
        assert_eq!(location(), "/jobs?state=COMPLETED");
    }
    let plain = web_sys::MouseEventInit::new();
    plain.set_bubbles(true);
    plain.set_cancelable(true);
    link.dispatch_event(&web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &plain).unwrap()).unwrap();
    assert_eq!(taken_over.get(), Some(true), "a plain click is the console's");
    window().remove_event_listener_with_callback("click", record.as_ref().unchecked_ref()).unwrap();
    console.wait_for("#facts-heading").await;
}

/// Adds history entries for the page's own address until the browser takes no more (Chromium
/// ignores them beyond 200 within 10 seconds, WebKit refuses them beyond 100; Firefox 153
/// took all 1,000): how many it took.
fn exhaust_history() -> u32 {
    let here = window().location().href().unwrap();
    let history = window().history().unwrap();
    (0..1_000)
        .take_while(|step| {
            let marked = format!("{here}{}step={step}", if here.contains('?') { '&' } else { '?' });
            history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&marked)).is_ok()
                && window().location().href().unwrap() == marked
        })
        .count() as u32
}

/// Past the browser's limit on history entries, a click on a job link still opens its job
/// (it did nothing in Chromium and WebKit), and the address bar follows once the browser
/// takes entries again.
#[wasm_bindgen_test]
async fn a_click_past_the_browsers_history_limit_still_opens_its_job() {
    let console = open_console("/jobs?state=COMPLETED", APPROVER_KEY);
    console.wait_for(".data-table tbody tr .job-link").await;
    let links = console.find_all(".data-table tbody tr .job-link");
    let job_id = links[0].text_content().unwrap();
    let taken = exhaust_history();
    web_sys::console::log_1(&format!("the browser took {taken} history entries in a row").into());

    links[0].unchecked_ref::<web_sys::HtmlElement>().click();
    console.wait_until("the job opens", |console| console.find("#facts-heading").is_some()).await;
    assert!(console.text().contains(&format!("Job {job_id}")));
    console.click_text("header nav a", "Jobs");
    console.wait_for(".data-table tbody tr .job-link").await;
    let other = console.find_all(".data-table tbody tr .job-link")[1].clone();
    let other_id = other.text_content().unwrap();
    other.unchecked_ref::<web_sys::HtmlElement>().click();
    console.wait_until("the second job opens", |console| console.text().contains(&format!("Job {other_id}"))).await;

    let address = format!("/jobs/{}", jobs_api::url_encoding::encode_component(&other_id));
    for _ in 0..300 {
        if location() == address {
            return;
        }
        sleep(50).await;
    }
    panic!("the address bar never followed to {address}: it shows {}", location());
}
