//! Confirmations and failures announced to everyone, screen readers included, through
//! one polite live region at the top of the page.

use jobs_api::t;
use leptos::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Success,
    Failure,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub tone: Tone,
    pub text: String,
}

#[derive(Clone, Copy)]
pub struct Notifications {
    current: RwSignal<Option<Notice>>,
}

impl Notifications {
    pub fn announce(&self, tone: Tone, text: impl Into<String>) {
        self.current.set(Some(Notice { tone, text: text.into() }));
    }
}

pub fn provide_notifications() {
    provide_context(Notifications { current: RwSignal::new(None) });
}

pub fn use_notifications() -> Notifications {
    expect_context::<Notifications>()
}

/// The live region; stays in the DOM so announcements are read when they change.
#[component]
pub fn Announcements() -> impl IntoView {
    let notifications = use_notifications();
    let notice = move || notifications.current.get();
    view! {
        <div class="announcements" role="status" aria-live="polite" aria-atomic="true">
            {move || {
                notice()
                    .map(|notice| {
                        let class = match notice.tone {
                            Tone::Success => "notice notice-success",
                            Tone::Failure => "notice notice-failure",
                        };
                        view! {
                            <div class=class>
                                <span class="notice-text">{notice.text}</span>
                                <button
                                    type="button"
                                    class="button-quiet"
                                    aria-label=t!("notice.dismiss")
                                    on:click=move |_| notifications.current.set(None)
                                >
                                    "×"
                                </button>
                            </div>
                        }
                    })
            }}
        </div>
    }
}
