//! An SVG text made by the core put on the page: parsed as XML (DOMParser) and inserted as nodes, never
//! as markup (`markup.rs`); the core has escaped every text and attribute.

/// The SVG text as nodes of this document, or `None` when it is not a well-formed `<svg>` (a parse
/// failure yields a `<parsererror>` document, with inline styles the CSP refuses: never inserted).
pub fn parse_svg(text: &str) -> Option<web_sys::Node> {
    let root = web_sys::DomParser::new()
        .ok()?
        .parse_from_string(text, web_sys::SupportedType::ImageSvgXml)
        .ok()?
        .document_element()
        .filter(|root| root.tag_name() == "svg" && root.get_elements_by_tag_name("parsererror").length() == 0)?;
    web_sys::window()?.document()?.import_node_with_deep(&root, true).ok()
}
