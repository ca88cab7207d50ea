//! An SVG document as the core makes it (charts, the timeline export): its text and its size, so a
//! view can show it and a download can rasterise it without reading the text back.
//!
//! Invariant: text in, text out; whoever puts it on a page parses it as XML, never as HTML.

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Svg {
    pub text: String,
    pub width: u32,
    pub height: u32,
}

impl Svg {
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }
}

/// Escapes text for SVG/XML.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}
