//! `effect`: the console's one way to run a side effect when signals change.

use leptos::prelude::Effect;

/// `Effect::new` through one closure type. reactive_graph 0.2.16 (`effect/effect.rs`)
/// compiles `Effect::new`'s async loop once per closure type it is given; boxed, every
/// effect of the console shares one copy (10 KB of wasm for its 11 effects, 3.4 KB gzip). The effect
/// lives as long as the reactive owner it was made under.
pub fn effect(run: impl FnMut() + 'static) {
    let run: Box<dyn FnMut()> = Box::new(run);
    Effect::new(run);
}
