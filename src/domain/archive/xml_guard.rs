//! A streaming scan of XML for what makes a parser slow or deep: elements nested past
//! [`MAX_DEPTH`] and elements with more than [`MAX_ATTRIBUTES`] attributes (a parser that checks
//! attributes for duplicates spends the square of their count). It reads bytes as they are
//! inflated, keeps no text, and knows comments, CDATA, processing instructions and declarations,
//! whose `<` and `>` are not elements.
//!
//! Invariant: bytes in, a bound passed or not out; keeps no text and builds no tree.

use super::{ZipBound, ZipError};

/// Office XML nests about 20 deep (a table in a cell of a table is about 30).
pub const MAX_DEPTH: usize = 256;
/// An office element has at most a dozen attributes (namespace declarations on the root: ~40).
pub const MAX_ATTRIBUTES: usize = 256;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum XmlBound {
    Depth,
    Attributes,
}

impl XmlBound {
    pub fn for_entry(self, entry: &str) -> ZipError {
        let entry = entry.to_string();
        ZipError::Bound(match self {
            XmlBound::Depth => ZipBound::XmlTooDeep { entry, max: MAX_DEPTH },
            XmlBound::Attributes => ZipBound::TooManyAttributes { entry, max: MAX_ATTRIBUTES },
        })
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum State {
    #[default]
    Text,
    /// Just after `<`.
    Open,
    /// After `<!`, `<!-` and `<![` (with `matched` bytes of `[CDATA[`).
    Bang,
    Dash,
    CDataOpen {
        matched: usize,
    },
    /// Inside a start or end tag.
    Tag {
        closing: bool,
        quote: Option<u8>,
        attributes: usize,
        last: u8,
    },
    /// Inside `<!-- … -->`, `<![CDATA[ … ]]>`, `<? … ?>` or `<!DOCTYPE … >`; `tail` holds the last
    /// two bytes seen.
    Comment {
        tail: [u8; 2],
    },
    CData {
        tail: [u8; 2],
    },
    Instruction {
        last: u8,
    },
    Declaration,
}

const CDATA: &[u8] = b"[CDATA[";

#[derive(Clone, Debug, Default)]
pub struct XmlGuard {
    state: State,
    depth: usize,
}

impl XmlGuard {
    /// Scans the next piece of the document.
    pub fn feed(&mut self, bytes: &[u8]) -> Result<(), XmlBound> {
        for &b in bytes {
            self.state = match self.state {
                State::Text => {
                    if b == b'<' {
                        State::Open
                    } else {
                        State::Text
                    }
                }
                State::Open => match b {
                    b'/' => State::Tag { closing: true, quote: None, attributes: 0, last: b'/' },
                    b'?' => State::Instruction { last: 0 },
                    b'!' => State::Bang,
                    _ => State::Tag { closing: false, quote: None, attributes: 0, last: b },
                },
                State::Bang => match b {
                    b'-' => State::Dash,
                    b'[' => State::CDataOpen { matched: 1 },
                    b'>' => State::Text,
                    _ => State::Declaration,
                },
                State::Dash => match b {
                    b'-' => State::Comment { tail: [0, 0] },
                    b'>' => State::Text,
                    _ => State::Declaration,
                },
                State::CDataOpen { matched } if CDATA[matched] == b => {
                    if matched + 1 == CDATA.len() {
                        State::CData { tail: [0, 0] }
                    } else {
                        State::CDataOpen { matched: matched + 1 }
                    }
                }
                State::CDataOpen { .. } => {
                    if b == b'>' {
                        State::Text
                    } else {
                        State::Declaration
                    }
                }
                State::Comment { tail } => {
                    if tail == *b"--" && b == b'>' {
                        State::Text
                    } else {
                        State::Comment { tail: [tail[1], b] }
                    }
                }
                State::CData { tail } => {
                    if tail == *b"]]" && b == b'>' {
                        State::Text
                    } else {
                        State::CData { tail: [tail[1], b] }
                    }
                }
                State::Instruction { last } => {
                    if last == b'?' && b == b'>' {
                        State::Text
                    } else {
                        State::Instruction { last: b }
                    }
                }
                State::Declaration => {
                    if b == b'>' {
                        State::Text
                    } else {
                        State::Declaration
                    }
                }
                State::Tag { closing, quote: Some(q), attributes, last } => State::Tag { closing, quote: (b != q).then_some(q), attributes, last },
                State::Tag { closing, quote: None, attributes, last } => match b {
                    b'"' | b'\'' => State::Tag { closing, quote: Some(b), attributes, last: b },
                    b'=' => {
                        if attributes + 1 > MAX_ATTRIBUTES {
                            return Err(XmlBound::Attributes);
                        }
                        State::Tag { closing, quote: None, attributes: attributes + 1, last: b }
                    }
                    b'>' => {
                        if closing {
                            self.depth = self.depth.saturating_sub(1);
                        } else if last != b'/' {
                            self.depth += 1;
                            if self.depth > MAX_DEPTH {
                                return Err(XmlBound::Depth);
                            }
                        }
                        State::Text
                    }
                    b' ' | b'\t' | b'\r' | b'\n' => State::Tag { closing, quote: None, attributes, last },
                    _ => State::Tag { closing, quote: None, attributes, last: b },
                },
            };
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(pieces: &[&[u8]]) -> Result<usize, XmlBound> {
        let mut g = XmlGuard::default();
        for p in pieces {
            g.feed(p)?;
        }
        Ok(g.depth)
    }

    #[test]
    fn balanced_documents_end_at_depth_zero_whatever_the_pieces() {
        let doc = br#"<?xml version="1.0"?><!-- a <comment> --><w:document a="1" b='>'><w:body><w:p/><w:t><![CDATA[ <x> ]]></w:t></w:body><!DOCTYPE x></w:document>"#;
        assert_eq!(scan(&[doc]), Ok(0));
        // Cut at every byte: the state carries across pieces.
        for cut in 0..doc.len() {
            assert_eq!(scan(&[&doc[..cut], &doc[cut..]]), Ok(0), "cut at {cut}");
        }
        assert_eq!(scan(&[b"<a><b>"]), Ok(2));
    }

    #[test]
    fn nesting_past_the_cap_is_refused_at_the_element_that_passes_it() {
        let ok = "<a>".repeat(MAX_DEPTH);
        assert_eq!(scan(&[ok.as_bytes()]), Ok(MAX_DEPTH));
        let deep = "<a>".repeat(MAX_DEPTH + 1);
        assert_eq!(scan(&[deep.as_bytes()]), Err(XmlBound::Depth));
        // Siblings and self-closing elements do not nest.
        let wide = "<a/>".repeat(100_000) + &"<b></b>".repeat(100_000);
        assert_eq!(scan(&[wide.as_bytes()]), Ok(0));
    }

    #[test]
    fn attributes_past_the_cap_are_refused_but_equals_signs_in_values_are_not_attributes() {
        let many: String = (0..=MAX_ATTRIBUTES).map(|i| format!(" a{i}=\"1\"")).collect();
        assert_eq!(scan(&[format!("<c{many}/>").as_bytes()]), Err(XmlBound::Attributes));
        let values = format!("<c v=\"{}\" w='{}'/>", "=".repeat(10_000), "=>".repeat(10_000));
        assert_eq!(scan(&[values.as_bytes()]), Ok(0));
        // Text between elements may hold '=' freely.
        assert_eq!(scan(&[format!("<t>{}</t>", "=".repeat(10_000)).as_bytes()]), Ok(0));
    }
}
