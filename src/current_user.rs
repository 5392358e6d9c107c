//! Who the API key belongs to, when the server says (`GET /iot/api/v1/user/me`, inferred
//! and optional). Unknown (a 404 or any failure) hides the four-eyes hints; the server
//! still refuses what the rule forbids.

use jobs_api::paths;
use leptos::prelude::*;

use crate::api;
use crate::connection::use_connection;

#[derive(Clone, Copy)]
pub struct CurrentUser(RwSignal<Option<String>>);

impl CurrentUser {
    /// Whether the signed-in user is `name` (tracked); `false` while unknown.
    pub fn is(self, name: Option<&str>) -> bool {
        self.0.with(|me| me.as_deref().is_some_and(|me| Some(me) == name))
    }
}

/// Asks once per connection.
pub fn provide_current_user() {
    let connection = use_connection();
    let me = RwSignal::new(None);
    Effect::new(move || {
        connection.epoch.track();
        let settings = connection.settings.get_untracked();
        me.set(None);
        leptos::task::spawn_local(async move {
            let text = api::get_text(&settings, &paths::user_me(), None).await;
            // Only the name is needed: the browser's JSON reader finds it, where a serde
            // reader for one more type would cost the bundle more than this whole feature.
            let value = text.ok().and_then(|text| js_sys::JSON::parse(&text).ok());
            let name =
                value.and_then(|value| js_sys::Reflect::get(&value, &"name".into()).ok()?.as_string()).filter(|name| !name.is_empty());
            me.try_set(name);
        });
    });
    provide_context(CurrentUser(me));
}

pub fn use_current_user() -> CurrentUser {
    expect_context::<CurrentUser>()
}
