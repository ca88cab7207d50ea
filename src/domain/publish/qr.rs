//! The 公开版's QR codes: a project page's address as an SVG image, one module a unit of the view box,
//! a quiet zone of four modules, error correction M (a code posted outdoors still reads when a corner is
//! dirty). The dark modules are one path of horizontal runs, each `m{dx} {dy}h{w}v1h-{w}z` relative to
//! the start of the run before (a closed sub-path returns there): about 4 KB a code.
//!
//! Invariant: text in, SVG text out.

use qrcode::{Color, EcLevel, QrCode};
use super::super::svg::Svg;
use std::fmt::Write;

const QUIET: usize = 4;

/// The code of `text` as an SVG document; empty if the text is too long for any code.
pub fn svg(text: &str) -> String {
    image(text).text
}

/// The code of `text` as an image the views can put on a page (`Markup::from`) or a file of the site.
pub fn image(text: &str) -> Svg {
    let Ok(code) = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).or_else(|_| QrCode::with_error_correction_level(text.as_bytes(), EcLevel::L)) else {
        return Svg { text: String::new(), width: 0, height: 0 };
    };
    let width = code.width();
    let size = width + 2 * QUIET;
    let colors = code.to_colors();
    let mut path = String::new();
    let (mut px, mut py) = (0usize, 0usize);
    for y in 0..width {
        let mut x = 0;
        while x < width {
            if colors[y * width + x] != Color::Dark {
                x += 1;
                continue;
            }
            let start = x;
            while x < width && colors[y * width + x] == Color::Dark {
                x += 1;
            }
            let (ax, ay) = (start + QUIET, y + QUIET);
            let run = x - start;
            let _ = write!(path, "m{} {}h{run}v1h-{run}z", ax as i64 - px as i64, ay as i64 - py as i64);
            (px, py) = (ax, ay);
        }
    }
    let text = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" viewBox="0 0 {size} {size}" shape-rendering="crispEdges"><rect width="{size}" height="{size}" fill="#fff"/><path fill="#000" d="M0 0{path}"/></svg>"##
    );
    Svg { text, width: size as u32, height: size as u32 }
}

