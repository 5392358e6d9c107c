//! Reactive helpers the pages share: `Busy` (work a click starts, one at a time),
//! `Relay` (page-wide values short-lived rows follow; it names the `reactive_graph`
//! behaviour it works around) and `effect` (every side effect, sharing one copy of
//! Leptos's effect loop).

pub mod busy;
pub mod effect;
pub mod relay;
