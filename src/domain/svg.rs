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

/// A coordinate or length as SVG and CSS text: at most two decimals, written with integer arithmetic
/// (`f64`'s own `Display` is exact but slow, and most of a timeline's first frame is coordinates).
/// `Num(412.5)` → `412.5`, `Num(7.0)` → `7`, `Num(-0.125)` → `-0.13`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Num(pub f64);

impl std::fmt::Display for Num {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let hundredths = (self.0 * 100.0).round();
        if !hundredths.is_finite() || hundredths.abs() >= 1e15 {
            return write!(f, "{}", self.0);
        }
        let h = hundredths as i64;
        let sign = if h < 0 { "-" } else { "" };
        let (int, frac) = (h.unsigned_abs() / 100, h.unsigned_abs() % 100);
        match frac {
            0 => write!(f, "{sign}{int}"),
            x if x % 10 == 0 => write!(f, "{sign}{int}.{}", x / 10),
            x => write!(f, "{sign}{int}.{x:02}"),
        }
    }
}

/// Escapes text for SVG/XML.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let _ = write_escaped(&mut out, s);
    out
}

/// Writes `s` escaped for SVG/XML (and HTML text and attributes): the one escaping of the app, used
/// by [`xml_escape`] and by `markup::Markup`.
pub fn write_escaped(out: &mut impl std::fmt::Write, s: &str) -> std::fmt::Result {
    for c in s.chars() {
        match c {
            '<' => out.write_str("&lt;")?,
            '>' => out.write_str("&gt;")?,
            '&' => out.write_str("&amp;")?,
            '"' => out.write_str("&quot;")?,
            '\'' => out.write_str("&apos;")?,
            c => out.write_char(c)?,
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::Num;

    #[test]
    fn num_writes_at_most_two_decimals_without_trailing_zeros() {
        let cases = [
            (0.0, "0"),
            (-0.0, "0"),
            (7.0, "7"),
            (412.5, "412.5"),
            (22.75, "22.75"),
            (1.005, "1"),
            (0.1 + 0.2, "0.3"),
            (-0.125, "-0.13"),
            (-3.5, "-3.5"),
            (-0.001, "0"),
            (2.5 * 365.0, "912.5"),
            (1234567.891, "1234567.89"),
        ];
        for (x, text) in cases {
            assert_eq!(Num(x).to_string(), text, "{x}");
        }
    }

    #[test]
    fn num_falls_back_to_full_precision_out_of_range() {
        assert_eq!(Num(f64::NAN).to_string(), "NaN");
        assert_eq!(Num(f64::INFINITY).to_string(), "inf");
        assert_eq!(Num(1e20).to_string(), "100000000000000000000");
    }

    #[test]
    fn num_agrees_with_two_decimal_rounding() {
        for i in -2000..2000 {
            let x = f64::from(i) * 0.37;
            let expected: f64 = format!("{x:.2}").parse().unwrap();
            let got: f64 = Num(x).to_string().parse().unwrap();
            assert!((expected - got).abs() < 0.0100001, "{x}: {got} vs {expected}");
        }
    }
}
