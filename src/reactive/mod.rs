//! Reactive helpers the pages share: `Busy` (work a click starts, one at a time) and
//! `Relay` (page-wide values short-lived rows follow; it names the `reactive_graph`
//! behaviour it works around).

pub mod busy;
pub mod relay;
