//! A modal confirmation on the native `<dialog>`: the browser traps focus inside it and
//! Escape cancels it. While the confirmed action runs, confirming again is disabled and
//! Cancel becomes Close: the dialog goes, the action goes on.

use jobs_api::t;
use leptos::html::Dialog;
use leptos::prelude::*;

use crate::reactive::effect::effect;

#[component]
pub fn ConfirmDialog(
    open: Signal<bool>,
    title: Signal<String>,
    confirm_label: Signal<String>,
    /// The confirm button's style: `button-primary` or `button-danger`.
    confirm_class: Signal<&'static str>,
    pending: Signal<bool>,
    /// Confirming would send nothing (the dialog's text says why): the button is disabled.
    #[prop(optional, into)]
    blocked: Signal<bool>,
    on_confirm: Callback<()>,
    on_cancel: Callback<()>,
    children: ChildrenFn,
) -> impl IntoView {
    let dialog = NodeRef::<Dialog>::new();
    effect(move || {
        let Some(element) = dialog.get() else { return };
        if open.get() {
            if !element.open() {
                let _ = element.show_modal();
            }
        } else if element.open() {
            element.close();
        }
    });
    let cancel = move || on_cancel.run(());
    view! {
        <dialog
            node_ref=dialog
            class="dialog"
            aria-label=title
            on:cancel=move |event: web_sys::Event| {
                event.prevent_default();
                cancel();
            }
        >
            <h2 class="dialog-title">{title}</h2>
            <div class="dialog-body">{children()}</div>
            <div class="actions">
                <button type="button" class="button" on:click=move |_| cancel()>
                    {move || if pending.get() { t!("action.close") } else { t!("action.cancel") }}
                </button>
                <button
                    type="button"
                    class=move || format!("button {}", confirm_class.get())
                    disabled=move || pending.get() || blocked.get()
                    aria-busy=move || pending.get().to_string()
                    on:click=move |_| on_confirm.run(())
                >
                    {move || pending.get().then(|| view! { <span class="spinner" aria-hidden="true"></span> })}
                    {confirm_label}
                </button>
            </div>
        </dialog>
    }
}
