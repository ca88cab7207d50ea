//! Civil dates (proleptic Gregorian, no time zone): the only calendar the plan needs.
//!
//! Plans speak in month-ends and days ("9 月底前", "5月18日"); supervision judges at a report date.
//! A tiny value type keeps that arithmetic exact and testable without pulling in a date crate.
//!
//! Invariant: calendar arithmetic only; no clock (today comes from the caller) and no time zone but
//! the fixed offsets a caller names.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// A valid date, or `None` for impossible ones (2月30日, month 13).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        if !(1..=9999).contains(&year) {
            return None;
        }
        Some(Date { year, month, day })
    }

    pub fn month_end(year: i32, month: u8) -> Option<Date> {
        Date::new(year, month, days_in_month(year, month))
    }

    pub fn year(self) -> i32 {
        self.year
    }
    pub fn month(self) -> u8 {
        self.month
    }
    pub fn day(self) -> u8 {
        self.day
    }

    pub fn is_month_end(self) -> bool {
        self.day == days_in_month(self.year, self.month)
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    pub fn to_days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    pub fn from_days(days: i64) -> Option<Date> {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date::new(i32::try_from(year).ok()?, month, day)
    }

    pub fn add_days(self, n: i64) -> Option<Date> {
        Date::from_days(self.to_days() + n)
    }

    /// Signed number of days from `self` to `other`.
    pub fn days_until(self, other: Date) -> i64 {
        other.to_days() - self.to_days()
    }

    pub fn first_of_year(year: i32) -> Option<Date> {
        Date::new(year, 1, 1)
    }
    pub fn last_of_year(year: i32) -> Option<Date> {
        Date::new(year, 12, 31)
    }

    /// Day of year, 1-based.
    pub fn ordinal(self) -> u16 {
        (self.to_days() - Date { year: self.year, month: 1, day: 1 }.to_days() + 1) as u16
    }

    pub fn clamp_to_year(self, year: i32) -> Date {
        let first = Date { year, month: 1, day: 1 };
        let last = Date { year, month: 12, day: 31 };
        self.clamp(first, last)
    }

    /// Parses `YYYY-MM-DD` (the only form files and URLs use).
    pub fn parse_iso(s: &str) -> Option<Date> {
        let s = s.trim();
        let mut parts = s.splitn(3, '-');
        let y = parts.next()?;
        let m = parts.next()?;
        let d = parts.next()?;
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        let all_digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
        if !(all_digits(y) && all_digits(m) && all_digits(d)) {
            return None;
        }
        Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }
}

/// A moment as files write it (RFC 3339, "2024-07-01T09:30:00.000Z" or with an offset "+08:00"),
/// reduced to UTC seconds since 1970. Sub-second digits are checked and dropped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Moment {
    pub unix_seconds: i64,
}

impl Moment {
    pub fn parse_rfc3339(s: &str) -> Option<Moment> {
        let b = s.as_bytes();
        if b.len() < 20 || !matches!(b[10], b'T' | b't' | b' ') {
            return None;
        }
        let date = Date::parse_iso(s.get(..10)?)?;
        let two = |i: usize| -> Option<i64> {
            let t = s.get(i..i + 2)?;
            t.bytes().all(|c| c.is_ascii_digit()).then(|| t.parse().ok()).flatten()
        };
        if b[13] != b':' || b[16] != b':' {
            return None;
        }
        let (h, m, sec) = (two(11)?, two(14)?, two(17)?);
        if h > 23 || m > 59 || sec > 60 {
            return None;
        }
        let mut rest = &s[19..];
        if let Some(frac) = rest.strip_prefix('.') {
            let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 || digits > 9 {
                return None;
            }
            rest = &frac[digits..];
        }
        let offset = match rest {
            "Z" | "z" => 0,
            _ => {
                let r = rest.as_bytes();
                if r.len() != 6 || !matches!(r[0], b'+' | b'-') || r[3] != b':' {
                    return None;
                }
                let oh: i64 = rest.get(1..3)?.parse().ok()?;
                let om: i64 = rest.get(4..6)?.parse().ok()?;
                if oh > 23 || om > 59 || !rest[1..3].bytes().chain(rest[4..6].bytes()).all(|c| c.is_ascii_digit()) {
                    return None;
                }
                let sign = if r[0] == b'-' { -1 } else { 1 };
                sign * (oh * 3600 + om * 60)
            }
        };
        Some(Moment { unix_seconds: date.to_days() * 86_400 + h * 3600 + m * 60 + sec - offset })
    }

    /// The civil date of this moment at a fixed offset east of UTC (China: +8 hours).
    pub fn date_at(self, offset_seconds: i64) -> Option<Date> {
        Date::from_days((self.unix_seconds + offset_seconds).div_euclid(86_400))
    }

    /// "2024-10-10 18:02" in China time (UTC+8), as the offices read times.
    pub fn china_time_text(self) -> String {
        let local = self.unix_seconds + 8 * 3600;
        let minutes = local.rem_euclid(86_400) / 60;
        match Date::from_days(local.div_euclid(86_400)) {
            Some(d) => format!("{d} {:02}:{:02}", minutes / 60, minutes % 60),
            None => String::new(),
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse_iso(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("not a date (YYYY-MM-DD): {s:?}")))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn china_time() {
        let m = super::Moment::parse_rfc3339("2024-10-10T10:02:30.000Z").unwrap();
        assert_eq!(m.china_time_text(), "2024-10-10 18:02");
        assert_eq!(super::Moment::parse_rfc3339("2024-12-31T16:30:00Z").unwrap().china_time_text(), "2025-01-01 00:30");
    }

    use super::*;

    #[test]
    fn rejects_impossible_dates() {
        for (y, m, d) in [(2024, 2, 30), (2023, 2, 29), (2024, 13, 1), (2024, 0, 1), (2024, 4, 31), (2024, 1, 0)] {
            assert_eq!(Date::new(y, m, d), None, "{y}-{m}-{d}");
        }
        assert!(Date::new(2024, 2, 29).is_some());
        assert!(Date::new(2000, 2, 29).is_some());
        assert!(Date::new(1900, 2, 29).is_none());
    }

    #[test]
    fn epoch_and_known_days() {
        assert_eq!(Date::new(1970, 1, 1).unwrap().to_days(), 0);
        assert_eq!(Date::new(2024, 1, 1).unwrap().to_days(), 19_723);
        assert_eq!(Date::new(1969, 12, 31).unwrap().to_days(), -1);
    }

    #[test]
    fn every_month_end_of_many_years_round_trips() {
        for year in 1899..=2101 {
            let mut prev: Option<Date> = None;
            for month in 1..=12u8 {
                let end = Date::month_end(year, month).unwrap();
                assert!(end.is_month_end());
                assert_eq!(Date::from_days(end.to_days()), Some(end));
                let next = end.add_days(1).unwrap();
                assert_eq!(next.day(), 1, "{end} + 1");
                if let Some(p) = prev {
                    assert_eq!(p.days_until(end), i64::from(days_in_month(year, month)));
                }
                prev = Some(end);
            }
            let days = if is_leap_year(year) { 366 } else { 365 };
            assert_eq!(Date::last_of_year(year).unwrap().ordinal(), days);
        }
    }

    #[test]
    fn iso_parsing_is_strict() {
        assert_eq!(Date::parse_iso("2024-09-30"), Date::new(2024, 9, 30));
        for bad in ["2024-9-30", "2024-09-31", "20240930", "abcd-ef-gh", "", "2024-09-3x", "+024-09-30"] {
            assert_eq!(Date::parse_iso(bad), None, "{bad}");
        }
        assert_eq!(Date::new(2024, 5, 18).unwrap().to_string(), "2024-05-18");
    }

    #[test]
    fn rfc3339_moments() {
        let m = |s: &str| Moment::parse_rfc3339(s).map(|m| m.unix_seconds);
        assert_eq!(m("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(m("1970-01-01T00:00:00.000Z"), Some(0));
        assert_eq!(m("2024-07-01T09:30:00.123Z"), m("2024-07-01T17:30:00+08:00"));
        assert_eq!(m("2024-07-01t09:30:00z"), m("2024-07-01T09:30:00Z"));
        for bad in ["", "t", "2024-07-01", "2024-07-01T09:30:00", "2024-07-01T25:00:00Z", "2024-07-01T09:30:00.Z",
            "2024-07-01T09:30:00+0800", "2024-02-30T00:00:00Z", "2024-07-01T09:30:00.000Z#a", "javascript:x=3",
            "2024-07-01T09:3a:00Z", "2024-07-01T09:30:00+08:0x"] {
            assert_eq!(m(bad), None, "{bad}");
        }
        let late = Moment::parse_rfc3339("2024-10-05T17:00:00Z").unwrap();
        assert_eq!(late.date_at(8 * 3600), Date::new(2024, 10, 6), "after 16:00 UTC it is the next day in China");
        assert_eq!(late.date_at(0), Date::new(2024, 10, 5));
    }

    #[test]
    fn clamp_and_serde() {
        let d = Date::new(2026, 11, 29).unwrap();
        assert_eq!(d.clamp_to_year(2024), Date::new(2024, 12, 31).unwrap());
        let json = serde_json::to_string(&d).unwrap();
        assert_eq!(json, "\"2026-11-29\"");
        assert_eq!(serde_json::from_str::<Date>(&json).unwrap(), d);
        assert!(serde_json::from_str::<Date>("\"2026-02-30\"").is_err());
    }
}
