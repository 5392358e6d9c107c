//! Markup built once with the DOM's own calls: an element, its attributes, and its text or
//! child elements. It is never updated in place: its state is the element alone, and a
//! rebuild puts a new element where the old one was. For markup rebuilt whole when what it
//! shows changes: a table's cells (`components::keyed_rows::row_part`), badges, dates.
//!
//! Why not `view!`: under `--cfg erase_components` an element keeps a boxed state for each
//! of its attributes and children (tachys 0.2.19: `html/attribute/any_attribute.rs`,
//! `html/element/mod.rs`), all of them freed one by one when it goes. A row of the Jobs
//! table written with `view!` made 241 allocations and freed 154 when the table was cleared.

use std::borrow::Cow;

use leptos::prelude::*;
use leptos::tachys::html::attribute::any_attribute::AnyAttribute;
use leptos::tachys::hydration::Cursor;
use leptos::tachys::view::{Mountable, Position, PositionState, Render, RenderHtml};
use wasm_bindgen::JsCast;

type Text = Cow<'static, str>;

enum Child {
    Text(Text),
    Element(StaticView),
}

/// An element built once; see the module.
pub struct StaticView {
    tag: &'static str,
    attributes: Vec<(&'static str, Text)>,
    children: Vec<Child>,
}

/// An element `tag` (a static, valid tag name) with nothing in it yet.
pub fn static_el(tag: &'static str) -> StaticView {
    StaticView { tag, attributes: Vec::new(), children: Vec::new() }
}

impl StaticView {
    pub fn attr(mut self, name: &'static str, value: impl Into<Text>) -> Self {
        self.attributes.push((name, value.into()));
        self
    }

    pub fn text(mut self, text: impl Into<Text>) -> Self {
        self.children.push(Child::Text(text.into()));
        self
    }

    pub fn child(mut self, child: StaticView) -> Self {
        self.children.push(Child::Element(child));
        self
    }

    fn create(self) -> web_sys::Element {
        let element = document().create_element(self.tag).expect("a static tag name is valid");
        for (name, value) in &self.attributes {
            // Fails only for an invalid name, and the names are static.
            let _ = element.set_attribute(name, value);
        }
        match self.children.as_slice() {
            [Child::Text(text)] => element.set_text_content(Some(text)),
            _ => {
                for child in self.children {
                    let node: web_sys::Node = match child {
                        Child::Text(text) => document().create_text_node(&text).into(),
                        Child::Element(child) => child.create().into(),
                    };
                    let _ = element.append_child(&node);
                }
            }
        }
        element
    }

    fn write_html(self, buf: &mut String) {
        fn escaped(text: &str, buf: &mut String) {
            for character in text.chars() {
                match character {
                    '&' => buf.push_str("&amp;"),
                    '<' => buf.push_str("&lt;"),
                    '>' => buf.push_str("&gt;"),
                    '"' => buf.push_str("&quot;"),
                    _ => buf.push(character),
                }
            }
        }
        buf.push('<');
        buf.push_str(self.tag);
        for (name, value) in &self.attributes {
            buf.push(' ');
            buf.push_str(name);
            buf.push_str("=\"");
            escaped(value, buf);
            buf.push('"');
        }
        buf.push('>');
        for child in self.children {
            match child {
                Child::Text(text) => escaped(&text, buf),
                Child::Element(child) => child.write_html(buf),
            }
        }
        buf.push_str("</");
        buf.push_str(self.tag);
        buf.push('>');
    }
}

/// The element a [`StaticView`] built.
pub struct StaticViewState(web_sys::Element);

impl Render for StaticView {
    type State = StaticViewState;

    fn build(self) -> StaticViewState {
        StaticViewState(self.create())
    }

    fn rebuild(self, state: &mut StaticViewState) {
        let element = self.create();
        if let Some(parent) = state.0.parent_node() {
            let _ = parent.replace_child(&element, &state.0);
        }
        state.0 = element;
    }
}

impl Mountable for StaticViewState {
    fn unmount(&mut self) {
        self.0.remove();
    }

    fn mount(&mut self, parent: &web_sys::Element, marker: Option<&web_sys::Node>) {
        let _ = parent.insert_before(&self.0, marker);
    }

    fn insert_before_this(&self, child: &mut dyn Mountable) -> bool {
        match self.0.parent_node().and_then(|parent| parent.dyn_into::<web_sys::Element>().ok()) {
            Some(parent) => {
                child.mount(&parent, Some(&self.0));
                true
            }
            None => false,
        }
    }

    fn elements(&self) -> Vec<web_sys::Element> {
        vec![self.0.clone()]
    }
}

/// Attributes added where a `StaticView` is used are not applied, as for text (tachys's
/// `no_attrs!`): the console adds none to one.
impl leptos::tachys::view::add_attr::AddAnyAttr for StaticView {
    type Output<SomeNewAttr: leptos::tachys::html::attribute::Attribute> = Self;

    fn add_any_attr<NewAttr: leptos::tachys::html::attribute::Attribute>(self, _attr: NewAttr) -> Self {
        self
    }
}

impl RenderHtml for StaticView {
    type AsyncOutput = Self;
    type Owned = Self;

    const MIN_LENGTH: usize = 0;

    fn dry_resolve(&mut self) {}

    async fn resolve(self) -> Self {
        self
    }

    fn to_html_with_buf(
        self,
        buf: &mut String,
        position: &mut Position,
        _escape: bool,
        _mark_branches: bool,
        _extra_attrs: Vec<AnyAttribute>,
    ) {
        self.write_html(buf);
        *position = Position::NextChild;
    }

    /// The console renders in the browser and never hydrates server HTML (tachys's own
    /// views panic here too without its `hydrate` feature).
    fn hydrate<const FROM_SERVER: bool>(self, _cursor: &Cursor, _position: &PositionState) -> StaticViewState {
        panic!("the console renders in the browser; it hydrates no server HTML")
    }

    fn into_owned(self) -> Self {
        self
    }
}
