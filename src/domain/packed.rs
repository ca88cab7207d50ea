//! The packed plan file: the same plan as the JSON plan file, in a compact binary form that large
//! published lists carry beside their JSON (the index names it `packed`).
//!
//! A list of 10,000 projects repeats its units, leaders, categories and date phrases on every row; the
//! packed form writes each distinct string once and refers to it by number, so the file is a third of
//! the JSON and is read without scanning text for quotes, escapes and numbers.
//!
//! Layout. Integers are LEB128 varints (signed ones zigzagged), `f64` eight bytes little-endian.
//! - the magic `MSPLANPK`, then the version (1);
//! - the string table: its length, then each string as its byte length and UTF-8 bytes;
//! - the plan, every field of the model in declaration order: a string as its index in the table,
//!   `Option` as 0 or 1 then the value, a list as its length then the items, a date as year, month,
//!   day, an enum as its variant number then its fields.
//!
//! The writer and the reader destructure and build every struct with all its fields named, so a
//! field added to the model does not compile until both know it. The reader trusts nothing: a short,
//! long or malformed file is a `FileError`, and the plan then passes the JSON reader's consistency
//! checks.
//!
//! Invariant: bytes in, model or `FileError` out (and the reverse); no network, storage or browser.

use super::date::Date;
use super::format::{check_plan, FileError, MAX_PUBLISHED_BYTES};
use super::plan::{Category, ExtraField, Indicator, IndicatorKind, Milestone, Plan, PlanPart, Project, Requirement, Shared, Warning};
use super::hash::FnvSet;
use std::collections::HashMap;

/// What every packed plan file starts with.
pub const MAGIC: &[u8; 8] = b"MSPLANPK";
pub const PACKED_VERSION: u64 = 1;

/// Whether `bytes` claim to be a packed plan file (they may still be a broken one).
pub fn is_packed(bytes: &[u8]) -> bool {
    bytes.starts_with(MAGIC)
}

/// The packed plan file of `plan`.
pub fn write_packed(plan: &Plan) -> Vec<u8> {
    let mut w = Writer { body: Vec::new(), table: Vec::new(), index: HashMap::new() };
    w.plan(plan);
    let mut out = Vec::with_capacity(w.body.len() + w.table.iter().map(|s| s.len() + 2).sum::<usize>() + 16);
    out.extend_from_slice(MAGIC);
    put_varint(&mut out, PACKED_VERSION);
    put_varint(&mut out, w.table.len() as u64);
    for s in &w.table {
        put_varint(&mut out, s.len() as u64);
        out.extend_from_slice(s.as_bytes());
    }
    out.extend_from_slice(&w.body);
    out
}

/// Reads a packed plan file: the plan, or why the file is not one this version can read.
pub fn read_packed(bytes: &[u8]) -> Result<Plan, FileError> {
    if bytes.len() > MAX_PUBLISHED_BYTES {
        return Err(FileError::TooLarge { bytes: bytes.len(), limit: MAX_PUBLISHED_BYTES });
    }
    let Some(rest) = bytes.strip_prefix(MAGIC) else {
        return Err(FileError::WrongFormat { expected: "minsheng-plan-packed", found: None });
    };
    let mut r = Reader { bytes: rest, at: 0, table: Vec::new(), shared: Vec::new(), sentences: FnvSet::default() };
    match r.varint().map_err(|e| e.into_error(r.at))? {
        0 => return Err(FileError::BadVersion),
        v if v > PACKED_VERSION => return Err(FileError::NewerVersion { found: v, supported: PACKED_VERSION }),
        _ => {}
    }
    let mut plan = r.file().map_err(|e| e.into_error(r.at + MAGIC.len()))?;
    plan.shrink_to_fit();
    check_plan(&plan)?;
    Ok(plan)
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

struct Writer<'a> {
    body: Vec<u8>,
    table: Vec<&'a str>,
    index: HashMap<&'a str, u64>,
}

impl<'a> Writer<'a> {
    fn uint(&mut self, v: u64) {
        put_varint(&mut self.body, v);
    }

    fn int(&mut self, v: i64) {
        self.uint(((v << 1) ^ (v >> 63)) as u64);
    }

    fn float(&mut self, v: f64) {
        self.body.extend_from_slice(&v.to_le_bytes());
    }

    fn str(&mut self, s: &'a str) {
        let next = self.table.len() as u64;
        let i = *self.index.entry(s).or_insert_with(|| next);
        if i == next {
            self.table.push(s);
        }
        self.uint(i);
    }

    fn strs<S: AsRef<str>>(&mut self, list: &'a [S]) {
        self.uint(list.len() as u64);
        list.iter().for_each(|s| self.str(s.as_ref()));
    }

    fn opt<T>(&mut self, v: &'a Option<T>, f: impl FnOnce(&mut Self, &'a T)) {
        match v {
            None => self.uint(0),
            Some(x) => {
                self.uint(1);
                f(self, x);
            }
        }
    }

    fn list<T>(&mut self, items: &'a [T], f: impl Fn(&mut Self, &'a T)) {
        self.uint(items.len() as u64);
        items.iter().for_each(|x| f(self, x));
    }

    fn date(&mut self, d: Date) {
        self.int(i64::from(d.year()));
        self.uint(u64::from(d.month()));
        self.uint(u64::from(d.day()));
    }

    fn plan(&mut self, plan: &'a Plan) {
        let Plan { id, year, title, categories, projects } = plan;
        self.str(id);
        self.int(i64::from(*year));
        self.str(title);
        self.list(categories, |w, Category { no, name }| {
            w.uint(u64::from(*no));
            w.str(name);
        });
        self.list(projects, Self::project);
    }

    fn project(&mut self, p: &'a Project) {
        let Project {
            id,
            seq,
            category_no,
            name,
            city_leader,
            city_leaders,
            lead_unit,
            lead_unit_leader,
            lead_unit_leaders,
            co_units_text,
            co_units,
            due_text,
            due,
            plan_text,
            plan_parts,
            indicators,
            milestones,
            notes,
            warnings,
            extra,
        } = p;
        self.str(id);
        self.uint(u64::from(*seq));
        self.uint(u64::from(*category_no));
        self.str(name);
        self.str(city_leader);
        self.strs(city_leaders);
        self.str(lead_unit);
        self.str(lead_unit_leader);
        self.strs(lead_unit_leaders);
        self.str(co_units_text);
        self.strs(co_units);
        self.str(due_text);
        self.opt(due, |w, d| w.date(*d));
        self.str(plan_text);
        self.list(plan_parts, |w, PlanPart { label, text }| {
            w.opt(label, |w, l| w.str(l));
            w.str(text);
        });
        self.list(indicators, Self::indicator);
        self.list(milestones, |w, m| w.milestone(m, plan_text));
        self.strs(notes);
        self.list(warnings, Self::warning);
        self.list(extra, |w, ExtraField { label, value }| {
            w.str(label);
            w.str(value);
        });
    }

    fn indicator(&mut self, i: &'a Indicator) {
        let Indicator { id, name, kind, target, unit, scale, part, baseline } = i;
        self.str(id);
        self.str(name);
        self.uint(match kind {
            IndicatorKind::Count => 0,
            IndicatorKind::Level => 1,
            IndicatorKind::Rate => 2,
            IndicatorKind::Qualitative => 3,
        });
        self.opt(target, |w, t| w.float(*t));
        self.str(unit);
        self.float(*scale);
        self.opt(part, |w, p| w.uint(*p as u64));
        self.opt(baseline, |w, b| w.str(b));
    }

    /// A milestone's sentence is usually a piece of its project's plan text: then it is written as
    /// where it is in it (1 + byte offset, length), otherwise as 0 and a string.
    fn milestone(&mut self, m: &'a Milestone, plan_text: &str) {
        let Milestone { id, due, start, when, text, indicator, requirement, part } = m;
        self.str(id);
        self.date(*due);
        self.opt(start, |w, d| w.date(*d));
        self.str(when);
        match plan_text.find(text.as_str()).filter(|_| !text.is_empty()) {
            Some(at) => {
                self.uint(1 + at as u64);
                self.uint(text.len() as u64);
            }
            None => {
                self.uint(0);
                self.str(text);
            }
        }
        self.opt(indicator, |w, i| w.str(i));
        match requirement {
            Requirement::AtLeast { value } => {
                self.uint(0);
                self.float(*value);
            }
            Requirement::Share { percent } => {
                self.uint(1);
                self.float(*percent);
            }
            Requirement::RateValue { percent } => {
                self.uint(2);
                self.float(*percent);
            }
            Requirement::Complete => self.uint(3),
            Requirement::Step => self.uint(4),
        }
        self.opt(part, |w, p| w.uint(*p as u64));
    }

    fn warning(&mut self, warning: &'a Warning) {
        match warning {
            Warning::NoDate { text } => {
                self.uint(0);
                self.str(text);
            }
            Warning::BeyondDue { text, date, due } => {
                self.uint(1);
                self.str(text);
                self.date(*date);
                self.date(*due);
            }
            Warning::UnreadDue { text } => {
                self.uint(2);
                self.str(text);
            }
            Warning::AmbiguousMeasure { text, values, chosen } => {
                self.uint(3);
                self.str(text);
                self.strs(values);
                self.opt(chosen, |w, c| w.str(c));
            }
            Warning::UnmatchedQuantity { text, quantity } => {
                self.uint(4);
                self.str(text);
                self.str(quantity);
            }
            Warning::NoMilestoneForIndicator { indicator } => {
                self.uint(5);
                self.str(indicator);
            }
            Warning::Decreasing { indicator, text } => {
                self.uint(6);
                self.str(indicator);
                self.str(text);
            }
            Warning::NoPlanText => self.uint(7),
            Warning::DueYearEnd { due } => {
                self.uint(8);
                self.date(*due);
            }
            Warning::TargetNotNumber { indicator, text } => {
                self.uint(9);
                self.str(indicator);
                self.str(text);
            }
        }
    }
}

/// Why reading stopped, placed at a byte offset once known.
enum Bad {
    Short,
    Invalid(&'static str),
}

impl Bad {
    fn into_error(self, at: usize) -> FileError {
        let detail = match self {
            Bad::Short => format!("packed plan file ends early (byte {at})"),
            Bad::Invalid(what) => format!("packed plan file: {what} at byte {at}"),
        };
        FileError::Shape { detail }
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    table: Vec<&'a str>,
    /// The texts of `table` that the plan shares, each made when first asked for (a text only ever read
    /// as a `String`, such as an id, is never made into one).
    shared: Vec<Option<Shared>>,
    /// The milestone sentences cut out of plan texts so far, by value: a sentence many plans repeat is
    /// one allocation. (A sentence written whole is a table text, shared by its number like the others:
    /// hashing those too made the read of 10,000 projects ~20% slower in the page.)
    sentences: FnvSet<Shared>,
}

type Read<T> = Result<T, Bad>;

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Read<u8> {
        let b = *self.bytes.get(self.at).ok_or(Bad::Short)?;
        self.at += 1;
        Ok(b)
    }

    fn varint(&mut self) -> Read<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(Bad::Invalid("a number too long"))
    }

    fn uint<T: TryFrom<u64>>(&mut self) -> Read<T> {
        T::try_from(self.varint()?).map_err(|_| Bad::Invalid("a number out of range"))
    }

    fn int32(&mut self) -> Read<i32> {
        let v = self.varint()?;
        let v = ((v >> 1) as i64) ^ -((v & 1) as i64);
        i32::try_from(v).map_err(|_| Bad::Invalid("a number out of range"))
    }

    fn float(&mut self) -> Read<f64> {
        let end = self.at.checked_add(8).filter(|&e| e <= self.bytes.len()).ok_or(Bad::Short)?;
        let mut b = [0u8; 8];
        b.copy_from_slice(&self.bytes[self.at..end]);
        self.at = end;
        Ok(f64::from_le_bytes(b))
    }

    fn flag(&mut self) -> Read<bool> {
        match self.byte()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(Bad::Invalid("a presence flag other than 0 or 1")),
        }
    }

    fn opt<T>(&mut self, f: impl FnOnce(&mut Self) -> Read<T>) -> Read<Option<T>> {
        if self.flag()? {
            f(self).map(Some)
        } else {
            Ok(None)
        }
    }

    /// A list's length, bounded by what is left (every item takes at least one byte).
    fn len(&mut self) -> Read<usize> {
        let n: usize = self.uint()?;
        if n > self.bytes.len() - self.at {
            return Err(Bad::Invalid("a list longer than the file"));
        }
        Ok(n)
    }

    fn list<T>(&mut self, f: impl Fn(&mut Self) -> Read<T>) -> Read<Vec<T>> {
        let n = self.len()?;
        let mut items = Vec::with_capacity(n);
        for _ in 0..n {
            items.push(f(self)?);
        }
        Ok(items)
    }

    fn index(&mut self) -> Read<usize> {
        let i: usize = self.uint()?;
        if i < self.table.len() {
            Ok(i)
        } else {
            Err(Bad::Invalid("a string number beyond the table"))
        }
    }

    fn str(&mut self) -> Read<String> {
        let i = self.index()?;
        Ok(self.table[i].to_owned())
    }

    fn strs(&mut self) -> Read<Vec<String>> {
        self.list(Self::str)
    }

    fn shared(&mut self) -> Read<Shared> {
        let i = self.index()?;
        let table = &self.table;
        Ok(self.shared[i].get_or_insert_with(|| Shared::from(table[i])).clone())
    }

    /// The milestone sentence `text`: the one made before with its value, or a new one.
    fn sentence(&mut self, text: &str) -> Shared {
        match self.sentences.get(text) {
            Some(s) => s.clone(),
            None => {
                let s = Shared::from(text);
                self.sentences.insert(s.clone());
                s
            }
        }
    }

    fn shareds(&mut self) -> Read<Vec<Shared>> {
        self.list(Self::shared)
    }

    fn date(&mut self) -> Read<Date> {
        let year = self.int32()?;
        let month = self.uint()?;
        let day = self.uint()?;
        Date::new(year, month, day).ok_or(Bad::Invalid("an impossible date"))
    }

    fn file(&mut self) -> Read<Plan> {
        let n = self.len()?;
        // Each string takes at least a byte (`len` checked that much is left): the room reserved is no
        // more than a file of that size could need.
        self.table.reserve_exact(n);
        for _ in 0..n {
            let len = self.len()?;
            let bytes = &self.bytes[self.at..self.at + len];
            self.table.push(std::str::from_utf8(bytes).map_err(|_| Bad::Invalid("a string that is not UTF-8"))?);
            self.at += len;
        }
        self.shared = vec![None; self.table.len()];
        let plan = Plan {
            id: self.str()?,
            year: self.int32()?,
            title: self.str()?,
            categories: self.list(|r| Ok(Category { no: r.uint()?, name: r.str()? }))?,
            projects: self.list(Self::project)?,
        };
        if self.at != self.bytes.len() {
            return Err(Bad::Invalid("bytes after the plan"));
        }
        Ok(plan)
    }

    fn project(&mut self) -> Read<Project> {
        let (id, seq, category_no, name) = (self.str()?, self.uint()?, self.uint()?, self.str()?);
        let (city_leader, city_leaders, lead_unit) = (self.shared()?, self.shareds()?, self.shared()?);
        let (lead_unit_leader, lead_unit_leaders) = (self.shared()?, self.shareds()?);
        let (co_units_text, co_units, due_text, due) = (self.shared()?, self.shareds()?, self.shared()?, self.opt(Self::date)?);
        let plan_text_no = self.index()?;
        let plan_text = self.table[plan_text_no].to_owned();
        let plan_parts = self.list(|r| Ok(PlanPart { label: r.opt(Self::str)?, text: r.str()? }))?;
        let indicators = self.list(Self::indicator)?;
        let milestones = self.list(|r| r.milestone(plan_text_no))?;
        Ok(Project {
            id,
            seq,
            category_no,
            name,
            city_leader,
            city_leaders,
            lead_unit,
            lead_unit_leader,
            lead_unit_leaders,
            co_units_text,
            co_units,
            due_text,
            due,
            plan_text,
            plan_parts,
            indicators,
            milestones,
            notes: self.strs()?,
            warnings: self.list(Self::warning)?,
            extra: self.list(|r| Ok(ExtraField { label: r.str()?, value: r.str()? }))?,
        })
    }

    fn indicator(&mut self) -> Read<Indicator> {
        Ok(Indicator {
            id: self.str()?,
            name: self.str()?,
            kind: match self.byte()? {
                0 => IndicatorKind::Count,
                1 => IndicatorKind::Level,
                2 => IndicatorKind::Rate,
                3 => IndicatorKind::Qualitative,
                _ => return Err(Bad::Invalid("an unknown indicator kind")),
            },
            target: self.opt(Self::float)?,
            unit: self.shared()?,
            scale: self.float()?,
            part: self.opt(Self::uint)?,
            baseline: self.opt(Self::str)?,
        })
    }

    /// A milestone of the project whose plan text is string number `plan_text`.
    fn milestone(&mut self, plan_text: usize) -> Read<Milestone> {
        Ok(Milestone {
            id: self.str()?,
            due: self.date()?,
            start: self.opt(Self::date)?,
            when: self.shared()?,
            text: match self.varint()? {
                0 => self.shared()?,
                at => {
                    let len: usize = self.uint()?;
                    let at = usize::try_from(at - 1).map_err(|_| Bad::Invalid("a number out of range"))?;
                    let text = self.table[plan_text];
                    let piece = at.checked_add(len).and_then(|end| text.get(at..end));
                    self.sentence(piece.ok_or(Bad::Invalid("a sentence outside its plan text"))?)
                }
            },
            indicator: self.opt(Self::str)?,
            requirement: match self.byte()? {
                0 => Requirement::AtLeast { value: self.float()? },
                1 => Requirement::Share { percent: self.float()? },
                2 => Requirement::RateValue { percent: self.float()? },
                3 => Requirement::Complete,
                4 => Requirement::Step,
                _ => return Err(Bad::Invalid("an unknown requirement kind")),
            },
            part: self.opt(Self::uint)?,
        })
    }

    fn warning(&mut self) -> Read<Warning> {
        Ok(match self.byte()? {
            0 => Warning::NoDate { text: self.str()? },
            1 => Warning::BeyondDue { text: self.str()?, date: self.date()?, due: self.date()? },
            2 => Warning::UnreadDue { text: self.str()? },
            3 => Warning::AmbiguousMeasure { text: self.str()?, values: self.strs()?, chosen: self.opt(Self::str)? },
            4 => Warning::UnmatchedQuantity { text: self.str()?, quantity: self.str()? },
            5 => Warning::NoMilestoneForIndicator { indicator: self.str()? },
            6 => Warning::Decreasing { indicator: self.str()?, text: self.str()? },
            7 => Warning::NoPlanText,
            8 => Warning::DueYearEnd { due: self.date()? },
            9 => Warning::TargetNotNumber { indicator: self.str()?, text: self.str()? },
            _ => return Err(Bad::Invalid("an unknown warning code")),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::format::{read_plan_file, write_plan_file};

    fn plan_2024() -> Plan {
        read_plan_file(include_str!("../../data/plan-2024.json")).unwrap()
    }

    #[test]
    fn round_trip_of_the_2024_list() {
        let plan = plan_2024();
        let packed = write_packed(&plan);
        assert!(is_packed(&packed));
        assert_eq!(read_packed(&packed).unwrap(), plan);
        // Much smaller than the JSON, because units, leaders and phrases are written once.
        assert!(packed.len() * 2 < write_plan_file(&plan).len(), "{} bytes", packed.len());
    }

    #[test]
    fn every_cut_of_the_file_is_an_error_not_a_panic() {
        let packed = write_packed(&plan_2024());
        for end in (0..packed.len()).step_by(97).chain([packed.len() - 1]) {
            assert!(read_packed(&packed[..end]).is_err(), "cut at {end}");
        }
        let mut longer = packed.clone();
        longer.push(0);
        assert!(matches!(read_packed(&longer), Err(FileError::Shape { detail }) if detail.contains("bytes after the plan")));
    }

    #[test]
    fn the_header_is_checked() {
        let packed = write_packed(&plan_2024());
        assert!(matches!(read_packed(b"{\"format\":1}"), Err(FileError::WrongFormat { .. })));
        let mut newer = packed.clone();
        newer[MAGIC.len()] = 2;
        assert_eq!(read_packed(&newer), Err(FileError::NewerVersion { found: 2, supported: 1 }));
        let mut zero = packed;
        zero[MAGIC.len()] = 0;
        assert_eq!(read_packed(&zero), Err(FileError::BadVersion));
    }

    #[test]
    fn a_plan_that_is_read_is_also_checked() {
        let mut plan = plan_2024();
        let copy = plan.projects[0].clone();
        plan.projects.push(copy);
        assert!(matches!(read_packed(&write_packed(&plan)), Err(FileError::Inconsistent { .. })));
    }

    #[test]
    fn a_string_number_beyond_the_table_is_refused() {
        let plan = Plan { id: "x".into(), year: 2024, title: "t".into(), categories: vec![], projects: vec![] };
        let mut packed = write_packed(&plan);
        // magic, version, 2 strings ("x", "t"), then the plan's id: make it string 5.
        let at = MAGIC.len() + 1 + 1 + 2 + 2;
        assert_eq!(packed[at], 0);
        packed[at] = 5;
        assert!(matches!(read_packed(&packed), Err(FileError::Shape { detail }) if detail.contains("beyond the table")));
    }
}
