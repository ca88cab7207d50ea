//! The status palette, defined once: the supervision offices' colours (blue done, green on track,
//! amber behind, red seriously behind or overdue, grey not reported), chosen to stay apart for
//! colour-blind viewers and on washed-out projectors. Charts, the timeline's SVG export and PNGs take
//! their colours from here; the CSS tokens in `style/main.css` are checked against it by a test.
//!
//! Invariant: colours only; what they mean is `status.rs`, where they are drawn is the caller's.

use super::status::{Light, MilestoneState};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rrggbb`, as CSS and SVG write it.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

pub const WHITE: Rgb = Rgb(0xff, 0xff, 0xff);
pub const ACCENT: Rgb = Rgb(0x1f, 0x5f, 0xbf);
pub const ACCENT_SOFT: Rgb = Rgb(0xe8, 0xf0, 0xfc);
pub const BAR_STROKE: Rgb = Rgb(0x9b, 0xb7, 0xe3);
pub const TEXT: Rgb = Rgb(0x1b, 0x24, 0x30);
pub const TEXT_2: Rgb = Rgb(0x4a, 0x56, 0x68);
pub const MUTED: Rgb = Rgb(0x6b, 0x77, 0x8a);
pub const GRID: Rgb = Rgb(0xdf, 0xe4, 0xec);
pub const RULE: Rgb = Rgb(0xee, 0xf1, 0xf5);
pub const SURFACE_2: Rgb = Rgb(0xf4, 0xf6, 0xf9);

/// The colours of one light: the mark itself, its label on white (darker where the mark's colour is
/// too light to read as text), and the label on the projector's dark theme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LightColors {
    pub mark: Rgb,
    pub text: Rgb,
    pub dark: Rgb,
}

pub fn light(l: Light) -> LightColors {
    let (mark, text, dark) = match l {
        Light::Done => (Rgb(0x1f, 0x5f, 0xbf), Rgb(0x1f, 0x5f, 0xbf), Rgb(0x8f, 0xb6, 0xff)),
        Light::OnTrack => (Rgb(0x1a, 0x7f, 0x4b), Rgb(0x1a, 0x7f, 0x4b), Rgb(0x5f, 0xd3, 0x9a)),
        Light::Behind => (Rgb(0xc9, 0x8a, 0x00), Rgb(0x8a, 0x5d, 0x00), Rgb(0xff, 0xc4, 0x4d)),
        Light::Serious => (Rgb(0xc0, 0x26, 0x2d), Rgb(0xc0, 0x26, 0x2d), Rgb(0xff, 0x7a, 0x7f)),
        Light::NotReported => (Rgb(0x7b, 0x84, 0x94), Rgb(0x5d, 0x66, 0x75), Rgb(0xaa, 0xb3, 0xc0)),
    };
    LightColors { mark, text, dark }
}

/// Fill and stroke of a milestone marker: met and missed are filled in their light's colour; the rest
/// are hollow, outlined in the colour of what they warn of.
pub fn milestone(s: MilestoneState) -> (Rgb, Rgb) {
    match s {
        MilestoneState::Met => (light(Light::OnTrack).mark, light(Light::OnTrack).mark),
        MilestoneState::Missed { minor: true } => (light(Light::Behind).mark, light(Light::Behind).mark),
        MilestoneState::Missed { minor: false } => (light(Light::Serious).mark, light(Light::Serious).mark),
        MilestoneState::NotReported => (WHITE, light(Light::NotReported).mark),
        MilestoneState::DueSoon => (WHITE, light(Light::Behind).mark),
        MilestoneState::Future => (WHITE, TEXT_2),
    }
}

/// The CSS custom properties of the palette, as `style/main.css` must define them.
pub fn css_tokens() -> Vec<(String, Rgb)> {
    let mut out = vec![("--accent".to_string(), ACCENT), ("--accent-soft".to_string(), ACCENT_SOFT), ("--text".to_string(), TEXT)];
    for l in Light::ALL {
        let c = light(l);
        out.push((format!("--st-{}", l.code()), c.mark));
        out.push((format!("--st-{}-text", l.code()), c.text));
        out.push((format!("--st-{}-dark", l.code()), c.dark));
    }
    out
}
