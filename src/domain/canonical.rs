//! RFC 8785, the JSON Canonicalization Scheme: one byte form of a JSON text, what a signature covers.
//! Objects' members sorted by their names' UTF-16 code units, no whitespace, strings escaped only where
//! JSON must (`"`, `\` and control characters, the short forms where there are some), numbers written as
//! ECMAScript writes an IEEE 754 double (`Number.prototype.toString`: the shortest digits that read back
//! as the same double, in ES's layout).
//!
//! The text is read here, not through serde_json, whose default number reading can miss the nearest
//! double by one unit in the last place; the standard library's does not.
//!
//! Invariant: JSON text in, text out; nothing of keys, signatures or files.

use std::fmt::Write;

fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// The canonical form of a JSON text, read from the text itself (numbers by the standard library's exact
/// reading, which serde_json's default one is not), without the top-level members `drop` (a signature).
/// Refuses what I-JSON refuses: a member named twice in an object, a lone surrogate, a number out of range.
pub fn canonical_text(text: &str, drop: &[&str]) -> Result<String, String> {
    let mut r = Reader { s: text.as_bytes(), i: 0 };
    r.space();
    let mut out = String::new();
    r.value(&mut out, 0, drop)?;
    r.space();
    if r.i != r.s.len() {
        return Err(format!("text after the value at {}", r.i));
    }
    Ok(out)
}

struct Reader<'a> {
    s: &'a [u8],
    i: usize,
}

impl Reader<'_> {
    fn space(&mut self) {
        while matches!(self.s.get(self.i), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.i += 1;
        }
    }

    fn expect(&mut self, b: u8) -> Result<(), String> {
        if self.s.get(self.i) == Some(&b) {
            self.i += 1;
            Ok(())
        } else {
            Err(format!("expected '{}' at {}", b as char, self.i))
        }
    }

    fn value(&mut self, out: &mut String, depth: usize, drop: &[&str]) -> Result<(), String> {
        if depth > 128 {
            return Err("nested too deep".into());
        }
        match self.s.get(self.i) {
            Some(b'{') => self.object(out, depth, drop),
            Some(b'[') => {
                self.i += 1;
                out.push('[');
                self.space();
                if self.s.get(self.i) == Some(&b']') {
                    self.i += 1;
                } else {
                    loop {
                        self.space();
                        self.value(out, depth + 1, &[])?;
                        self.space();
                        match self.s.get(self.i) {
                            Some(b',') => {
                                self.i += 1;
                                out.push(',');
                            }
                            Some(b']') => {
                                self.i += 1;
                                break;
                            }
                            _ => return Err(format!("expected ',' or ']' at {}", self.i)),
                        }
                    }
                }
                out.push(']');
                Ok(())
            }
            Some(b'"') => {
                let s = self.string()?;
                write_string(out, &s);
                Ok(())
            }
            Some(b't') => self.literal(out, "true"),
            Some(b'f') => self.literal(out, "false"),
            Some(b'n') => self.literal(out, "null"),
            _ => self.number(out),
        }
    }

    fn literal(&mut self, out: &mut String, word: &str) -> Result<(), String> {
        if self.s[self.i..].starts_with(word.as_bytes()) {
            self.i += word.len();
            out.push_str(word);
            Ok(())
        } else {
            Err(format!("unexpected text at {}", self.i))
        }
    }

    fn number(&mut self, out: &mut String) -> Result<(), String> {
        let start = self.i;
        while matches!(self.s.get(self.i), Some(b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')) {
            self.i += 1;
        }
        let text = std::str::from_utf8(&self.s[start..self.i]).map_err(|e| e.to_string())?;
        let x: f64 = text.parse().map_err(|_| format!("not a number at {start}"))?;
        if !x.is_finite() {
            return Err(format!("number out of range at {start}"));
        }
        out.push_str(&es_number(x));
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let h = self.s.get(self.i..self.i + 4).ok_or("short \\u escape")?;
        self.i += 4;
        u32::from_str_radix(std::str::from_utf8(h).map_err(|e| e.to_string())?, 16).map_err(|e| e.to_string())
    }

    fn string(&mut self) -> Result<String, String> {
        self.expect(b'"')?;
        let mut out = String::new();
        loop {
            let start = self.i;
            while !matches!(self.s.get(self.i), Some(b'"' | b'\\') | None) {
                self.i += 1;
            }
            out.push_str(std::str::from_utf8(&self.s[start..self.i]).map_err(|e| e.to_string())?);
            match self.s.get(self.i) {
                Some(b'"') => {
                    self.i += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.i += 1;
                    let e = *self.s.get(self.i).ok_or("unfinished escape")?;
                    self.i += 1;
                    match e {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let mut c = self.hex4()?;
                            if (0xD800..0xDC00).contains(&c) {
                                if self.s.get(self.i..self.i + 2) != Some(b"\\u") {
                                    return Err("a lone surrogate".into());
                                }
                                self.i += 2;
                                let low = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&low) {
                                    return Err("a lone surrogate".into());
                                }
                                c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
                            }
                            out.push(char::from_u32(c).ok_or("a lone surrogate")?);
                        }
                        _ => return Err(format!("bad escape at {}", self.i)),
                    }
                }
                _ => return Err("unfinished string".into()),
            }
        }
    }

    fn object(&mut self, out: &mut String, depth: usize, drop: &[&str]) -> Result<(), String> {
        self.expect(b'{')?;
        let mut members: Vec<(Vec<u16>, String, String)> = Vec::new();
        self.space();
        if self.s.get(self.i) == Some(&b'}') {
            self.i += 1;
        } else {
            loop {
                self.space();
                let name = self.string()?;
                self.space();
                self.expect(b':')?;
                self.space();
                let mut value = String::new();
                self.value(&mut value, depth + 1, &[])?;
                if members.iter().any(|m| m.1 == name) {
                    return Err(format!("member \"{name}\" named twice"));
                }
                members.push((name.encode_utf16().collect(), name, value));
                self.space();
                match self.s.get(self.i) {
                    Some(b',') => self.i += 1,
                    Some(b'}') => {
                        self.i += 1;
                        break;
                    }
                    _ => return Err(format!("expected ',' or '}}' at {}", self.i)),
                }
            }
        }
        members.retain(|m| !drop.contains(&m.1.as_str()));
        super::order::sort_by(&mut members, |a, b| a.0.cmp(&b.0));
        out.push('{');
        for (i, (_, name, value)) in members.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            write_string(out, name);
            out.push(':');
            out.push_str(value);
        }
        out.push('}');
        Ok(())
    }
}

/// A double as ECMAScript's `Number.prototype.toString` writes it (ECMA-262 Number::toString): the
/// shortest decimal digits that read back as `x` (Rust's float formatting finds the same), laid out
/// plainly for exponents from -6 to 20 and in exponent form (`1e+21`, `5e-324`) beyond.
pub fn es_number(x: f64) -> String {
    if x == 0.0 || !x.is_finite() {
        return "0".to_string();
    }
    let sign = if x < 0.0 { "-" } else { "" };
    // "d.ddde±x": the shortest round-trip digits and the exponent of the first.
    let sci = format!("{:e}", x.abs());
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let digits: String = mantissa.chars().filter(|c| c.is_ascii_digit()).collect();
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits = nearest_of_shortest(x.abs(), digits, exp);
    let k = digits.len() as i32;
    let n = exp + 1;
    let body = if k <= n && n <= 21 {
        format!("{digits}{}", "0".repeat((n - k) as usize))
    } else if 0 < n && n <= 21 {
        format!("{}.{}", &digits[..n as usize], &digits[n as usize..])
    } else if -6 < n && n <= 0 {
        format!("0.{}{digits}", "0".repeat((-n) as usize))
    } else {
        let e = n - 1;
        let e_sign = if e < 0 { '-' } else { '+' };
        if k == 1 {
            format!("{digits}e{e_sign}{}", e.abs())
        } else {
            format!("{}.{}e{e_sign}{}", &digits[..1], &digits[1..], e.abs())
        }
    };
    format!("{sign}{body}")
}

/// Of the shortest digit strings that read back as `x`, the one closest to `x`, the even one of two
/// equally close (ECMA-262 Number::toString, step 5 and its note). Rust's shortest digits can be the
/// other neighbour of a tie: its last digit ±1 is tried against `x`'s exact decimal expansion.
fn nearest_of_shortest(x: f64, digits: String, exp: i32) -> String {
    const EXACT: usize = 800;
    if digits.len() < 2 {
        return digits;
    }
    let exact = format!("{:.*e}", EXACT, x);
    let Some((exact_mantissa, exact_exp)) = exact.split_once('e') else { return digits };
    if exact_exp.parse::<i32>().ok() != Some(exp) {
        return digits;
    }
    let exact_digits: Vec<u8> = exact_mantissa.bytes().filter(u8::is_ascii_digit).map(|b| b - b'0').collect();
    let distance = |candidate: &[u8]| -> Vec<u8> {
        let mut c = candidate.to_vec();
        c.resize(exact_digits.len(), 0);
        let (big, small) = if c >= exact_digits { (c, exact_digits.clone()) } else { (exact_digits.clone(), c) };
        let mut out = vec![0u8; big.len()];
        let mut borrow = 0i16;
        for i in (0..big.len()).rev() {
            let mut d = i16::from(big[i]) - i16::from(small[i]) - borrow;
            borrow = i16::from(d < 0);
            if d < 0 {
                d += 10;
            }
            out[i] = d as u8;
        }
        out
    };
    let own: Vec<u8> = digits.bytes().map(|b| b - b'0').collect();
    let last = own.len() - 1;
    let mut best = (distance(&own), own.clone());
    for step in [-1i8, 1] {
        let d = own[last] as i8 + step;
        if !(0..=9).contains(&d) {
            continue;
        }
        let mut other = own.clone();
        other[last] = d as u8;
        let text: String = other.iter().map(|d| char::from(b'0' + d)).collect();
        let reads_back = format!("{}.{}e{exp}", &text[..1], &text[1..]).parse::<f64>().ok() == Some(x);
        if !reads_back {
            continue;
        }
        let dist = distance(&other);
        if dist < best.0 || (dist == best.0 && d % 2 == 0) {
            best = (dist, other);
        }
    }
    best.1.iter().map(|d| char::from(b'0' + d)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 8785 Appendix B: IEEE 754 bit patterns and their canonical text.
    #[test]
    fn numbers_are_written_as_ecmascript_writes_them() {
        let vectors = [
            (0x0000000000000000u64, "0"),
            (0x8000000000000000, "0"),
            (0x0000000000000001, "5e-324"),
            (0x8000000000000001, "-5e-324"),
            (0x7fefffffffffffff, "1.7976931348623157e+308"),
            (0xffefffffffffffff, "-1.7976931348623157e+308"),
            (0x4340000000000000, "9007199254740992"),
            (0xc340000000000000, "-9007199254740992"),
            (0x4430000000000000, "295147905179352830000"),
            (0x44b52d02c7e14af5, "9.999999999999997e+22"),
            (0x44b52d02c7e14af6, "1e+23"),
            (0x44b52d02c7e14af7, "1.0000000000000001e+23"),
            (0x444b1ae4d6e2ef4e, "999999999999999700000"),
            (0x444b1ae4d6e2ef4f, "999999999999999900000"),
            (0x444b1ae4d6e2ef50, "1e+21"),
            (0x3eb0c6f7a0b5ed8c, "9.999999999999997e-7"),
            (0x3eb0c6f7a0b5ed8d, "0.000001"),
            (0x41b3de4355555553, "333333333.3333332"),
            (0x41b3de4355555554, "333333333.33333325"),
            (0x41b3de4355555555, "333333333.3333333"),
            (0x41b3de4355555556, "333333333.3333334"),
            (0x41b3de4355555557, "333333333.33333343"),
            (0xbecbf647612f3696, "-0.0000033333333333333333"),
            (0x43143ff3c1cb0959, "1424953923781206.2"),
        ];
        for (bits, expected) in vectors {
            assert_eq!(es_number(f64::from_bits(bits)), expected, "{bits:016x}");
        }
    }

    /// RFC 8785 §3.2.2 and §3.2.3: the example object, and members sorted by UTF-16 code units.
    #[test]
    fn the_rfc_examples_canonicalize_to_their_bytes() {
        let input = r#"{
          "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
          "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
          "literals": [null, true, false]
        }"#;
        assert_eq!(canonical_text(input, &[]).unwrap(), r#"{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}"#);
        // Without a member, as a signature is taken off; what I-JSON refuses is refused.
        assert_eq!(canonical_text(r#"{"b":1,"signature":{"x":2},"a":[{"signature":3}]}"#, &["signature"]).unwrap(), r#"{"a":[{"signature":3}],"b":1}"#);
        for bad in [r#"{"a":1,"a":2}"#, r#"["\ud800"]"#, "[1e400]", "[1,]", "{} x", r#"{"a" 1}"#] {
            assert!(canonical_text(bad, &[]).is_err(), "{bad}");
        }
        let sorting = r#"{
          "\u20ac": "Euro Sign",
          "\r": "Carriage Return",
          "\ufb33": "Hebrew Letter Dalet With Dagesh",
          "1": "One",
          "\ud83d\ude00": "Emoji: Grinning Face",
          "\u0080": "Control",
          "\u00f6": "Latin Small Letter O With Diaeresis"
        }"#;
        let names: Vec<String> = serde_json::from_str::<serde_json::Value>(&format!("[{}]", canonical_text(sorting, &[]).unwrap().trim_start_matches('{').trim_end_matches('}').split(',').map(|m| m.split(':').next().unwrap()).collect::<Vec<_>>().join(","))).unwrap().as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect();
        assert_eq!(names, ["\r", "1", "\u{80}", "\u{f6}", "\u{20ac}", "\u{1f600}", "\u{fb33}"]);
        // Whitespace and order do not matter; a changed value does.
        let a = canonical_text(r#"{"b": [1, 2.0, "x"], "a": {"d": null, "c": true}}"#, &[]).unwrap();
        let b = canonical_text(r#"{"a":{"c":true,"d":null},"b":[1,2,"x"]}"#, &[]).unwrap();
        assert_eq!(a, b);
        assert_eq!(a, r#"{"a":{"c":true,"d":null},"b":[1,2,"x"]}"#);
        assert_ne!(a, canonical_text(r#"{"a":{"c":true,"d":null},"b":[1,2,"y"]}"#, &[]).unwrap());
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// Every finite double is written in digits that read back as the same double, and the canonical
        /// form of a value read back from its canonical form is the same text.
        #[test]
        fn numbers_read_back_and_canonical_forms_are_fixed_points(bits in proptest::prelude::any::<u64>(), text in "[a-z\u{0}-\u{1f}\u{80}-\u{10ffff}]{0,12}") {
            let x = f64::from_bits(bits);
            proptest::prop_assume!(x.is_finite());
            let written = es_number(x);
            proptest::prop_assert_eq!(written.parse::<f64>().unwrap(), if x == 0.0 { 0.0 } else { x });
            let value = serde_json::json!({ "n": x, "t": text, "list": [x, text] });
            // Read from the text (compact or pretty-printed), one form, which reads back as itself.
            let once = canonical_text(&serde_json::to_string(&value).unwrap(), &[]).unwrap();
            let pretty = canonical_text(&serde_json::to_string_pretty(&value).unwrap(), &[]).unwrap();
            proptest::prop_assert_eq!(&once, &pretty);
            let again = canonical_text(&once, &[]).unwrap();
            proptest::prop_assert_eq!(&once, &again);
        }
    }
}
