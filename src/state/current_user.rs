//! Who the API key belongs to, when the server says (`GET /iot/api/v1/user/me`, inferred
//! and optional). Unknown (a 404 or any failure) hides the four-eyes hints; the server
//! still refuses what the rule forbids.

use jobs_api::decision::Decision;
use jobs_api::paths;
use leptos::prelude::*;

use crate::reactive::effect::effect;
use crate::transport::api;
use crate::transport::connection::use_connection;

/// `None` until the server answered; then the user's name, or `None` if it named nobody.
#[derive(Clone, Copy)]
pub struct CurrentUser(RwSignal<Option<Option<String>>>);

impl CurrentUser {
    /// Whether the signed-in user is `name`; `false` while unknown. Tracked only until the
    /// server answered: the signal lives as long as the app and never changes after that,
    /// and every reader that subscribed would stay listed on it after its row is gone.
    pub fn is(self, name: Option<&str>) -> bool {
        let matches = |me: &Option<Option<String>>| me.as_ref().and_then(|me| me.as_deref()).is_some_and(|me| Some(me) == name);
        if self.0.with_untracked(Option::is_some) {
            self.0.with_untracked(matches)
        } else {
            self.0.with(matches)
        }
    }

    /// Why the signed-in user may not send `decision` on a job `requested_by` asked for
    /// (the four-eyes rule, `Decision::barred_for_requester`), or `None` when they may.
    pub fn barred_from(self, decision: Decision, requested_by: Option<&str>) -> Option<&'static str> {
        decision.barred_for_requester().filter(|_| self.is(requested_by))
    }
}

/// Asks once per connection.
pub fn provide_current_user() {
    let connection = use_connection();
    let me = RwSignal::new(None);
    effect(move || {
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
            me.try_set(Some(name));
        });
    });
    provide_context(CurrentUser(me));
}

pub fn use_current_user() -> CurrentUser {
    expect_context::<CurrentUser>()
}
