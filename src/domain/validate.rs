//! Checks on what a department types: a value for an indicator and its as-of date. A rejected input
//! saves nothing; the message is shown at the field.
//!
//! Invariant: typed input in, a value or an `InputError` out; the message is `messages.rs`.

use super::date::Date;
use super::ledger::REPORT_TEXT_MAX;
use super::plan::{Indicator, IndicatorKind};
use super::text::normalize;

/// Values above target × this factor are refused as probable typing errors.
pub const MAX_OVER_TARGET: f64 = 1.5;

#[derive(Clone, Debug, PartialEq)]
pub enum InputError {
    Empty,
    NotANumber { text: String },
    Negative,
    AboveTarget { limit: f64, unit: String },
    RateAbove100,
    DateOutsideYear { year: i32 },
    DateInFuture { today: Date },
    NotADate { text: String },
    /// A report text longer than allowed (characters).
    TooLong { max: usize, len: usize },
}

/// A report text (本月进展, 存在问题, 下步打算, 需协调事项) is at most 2,000 characters.
pub fn check_report_text(text: &str) -> Result<(), InputError> {
    let len = text.chars().count();
    if len > REPORT_TEXT_MAX {
        Err(InputError::TooLong { max: REPORT_TEXT_MAX, len })
    } else {
        Ok(())
    }
}

/// Reads a typed value in the indicator's unit: full-width digits, thousands separators and a trailing
/// unit ("1,200个", "８１％") are accepted.
pub fn parse_value(text: &str, indicator: &Indicator) -> Result<f64, InputError> {
    let norm = normalize(text);
    if norm.is_empty() {
        return Err(InputError::Empty);
    }
    let unit = normalize(&indicator.unit);
    let bare = norm.strip_suffix(unit.as_str()).filter(|_| !unit.is_empty()).unwrap_or(&norm);
    let bare = bare.strip_suffix('%').unwrap_or(bare).replace(',', "");
    let value: f64 = match bare.parse() {
        Ok(v) if bare.chars().all(|c| c.is_ascii_digit() || c == '.' || c == '-') => v,
        _ => return Err(InputError::NotANumber { text: text.trim().to_string() }),
    };
    if !value.is_finite() {
        return Err(InputError::NotANumber { text: text.trim().to_string() });
    }
    if value < 0.0 {
        return Err(InputError::Negative);
    }
    if indicator.kind == IndicatorKind::Rate && value > 100.0 {
        return Err(InputError::RateAbove100);
    }
    if let Some(target) = indicator.target {
        let limit = target * MAX_OVER_TARGET;
        if indicator.kind != IndicatorKind::Rate && target > 0.0 && value > limit {
            return Err(InputError::AboveTarget { limit, unit: indicator.unit.to_string() });
        }
    }
    Ok(value)
}

/// An as-of date must lie in the plan year and not after today.
pub fn check_as_of(date: Date, plan_year: i32, today: Date) -> Result<Date, InputError> {
    if date.year() != plan_year {
        return Err(InputError::DateOutsideYear { year: plan_year });
    }
    if date > today {
        return Err(InputError::DateInFuture { today });
    }
    Ok(date)
}

pub fn parse_as_of(text: &str, plan_year: i32, today: Date) -> Result<Date, InputError> {
    let date = Date::parse_iso(text).ok_or_else(|| InputError::NotADate { text: text.trim().to_string() })?;
    check_as_of(date, plan_year, today)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ind(kind: IndicatorKind, target: f64, unit: &str) -> Indicator {
        Indicator { id: "i".into(), name: "n".into(), kind, target: Some(target), unit: unit.into(), scale: 1.0, part: None, baseline: None }
    }

    #[test]
    fn values() {
        let count = ind(IndicatorKind::Count, 227.0, "个");
        let rate = ind(IndicatorKind::Rate, 83.0, "%");
        let ok: &[(&str, &Indicator, f64)] = &[
            ("100", &count, 100.0),
            (" 100个 ", &count, 100.0),
            ("１００", &count, 100.0),
            ("1,00", &count, 100.0),
            ("0", &count, 0.0),
            ("340.5", &count, 340.5),
            ("81.5%", &rate, 81.5),
            ("８１％", &rate, 81.0),
        ];
        for (text, i, want) in ok {
            assert_eq!(parse_value(text, i), Ok(*want), "{text}");
        }
        let bad: &[(&str, &Indicator, InputError)] = &[
            ("", &count, InputError::Empty),
            ("  ", &count, InputError::Empty),
            ("abc", &count, InputError::NotANumber { text: "abc".into() }),
            ("1e3", &count, InputError::NotANumber { text: "1e3".into() }),
            ("NaN", &count, InputError::NotANumber { text: "NaN".into() }),
            ("-1", &count, InputError::Negative),
            ("341", &count, InputError::AboveTarget { limit: 340.5, unit: "个".into() }),
            ("100.1", &rate, InputError::RateAbove100),
            ("12个半", &count, InputError::NotANumber { text: "12个半".into() }),
        ];
        for (text, i, want) in bad {
            assert_eq!(parse_value(text, i).as_ref(), Err(want), "{text}");
        }
    }

    #[test]
    fn dates() {
        let today = Date::new(2024, 7, 15).unwrap();
        assert_eq!(parse_as_of("2024-06-30", 2024, today), Date::new(2024, 6, 30).ok_or(InputError::Empty));
        assert_eq!(parse_as_of("2024-07-15", 2024, today), Ok(today));
        assert_eq!(parse_as_of("2024-07-16", 2024, today), Err(InputError::DateInFuture { today }));
        assert_eq!(parse_as_of("2023-12-31", 2024, today), Err(InputError::DateOutsideYear { year: 2024 }));
        assert_eq!(parse_as_of("2024-02-30", 2024, today), Err(InputError::NotADate { text: "2024-02-30".into() }));
    }
}
