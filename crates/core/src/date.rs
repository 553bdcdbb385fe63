//! Dates as articles state them: often partial (a month, a day without its year), sometimes
//! a range. Kept honest: nothing is invented to fill a missing part.
//!
//! On the wire a [`DateSpec`] is one ISO 8601 string:
//! `2020`, `2020-05`, `2020-05-29`, `2020-03-28T18:57`, `--02-06` (day and month, year
//! unknown) or an interval `2020-07-29/2020-07-30`.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct PartialDate {
    pub year: Option<i32>,
    pub month: Option<u8>,
    pub day: Option<u8>,
    /// Hour and minute, only with a full date.
    pub time: Option<(u8, u8)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateSpec {
    Point(PartialDate),
    Range(PartialDate, PartialDate),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError(pub String);

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid date {:?}", self.0)
    }
}

impl std::error::Error for DateError {}

/// Days in `month` of `year` (Gregorian).
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 (proleptic Gregorian), for ordering and drawing.
pub fn day_number(year: i32, month: u8, day: u8) -> i32 {
    // Howard Hinnant's days_from_civil.
    let y = if month <= 2 { year - 1 } else { year };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = month as i32;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// Inverse of [`day_number`].
pub fn civil_from_days(z: i32) -> (i32, u8, u8) {
    let z = z + 719468;
    let era = if z >= 0 { z } else { z - 146096 } / 146097;
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Day of the week, 0 = Sunday.
pub fn weekday(year: i32, month: u8, day: u8) -> u8 {
    // 1970-01-01 was a Thursday.
    ((day_number(year, month, day) + 4).rem_euclid(7)) as u8
}

impl PartialDate {
    pub fn ymd(year: i32, month: u8, day: u8) -> PartialDate {
        PartialDate {
            year: Some(year),
            month: Some(month),
            day: Some(day),
            time: None,
        }
    }

    pub fn ym(year: i32, month: u8) -> PartialDate {
        PartialDate {
            year: Some(year),
            month: Some(month),
            ..Default::default()
        }
    }

    pub fn year_only(year: i32) -> PartialDate {
        PartialDate {
            year: Some(year),
            ..Default::default()
        }
    }

    /// True when the parts form a real calendar date (as far as they go).
    pub fn is_valid(&self) -> bool {
        if let Some(m) = self.month {
            if !(1..=12).contains(&m) {
                return false;
            }
        }
        if let Some(d) = self.day {
            let Some(m) = self.month else { return false };
            // Without a year, allow 29 February.
            let max = days_in_month(self.year.unwrap_or(2000), m);
            if d == 0 || d > max {
                return false;
            }
        }
        if let Some((h, mi)) = self.time {
            if self.day.is_none() || h > 23 || mi > 59 {
                return false;
            }
        }
        if let Some(y) = self.year {
            if !(1900..=2100).contains(&y) {
                return false;
            }
        }
        self.year.is_some() || self.month.is_some()
    }

    /// First and last day covered, as day numbers; `None` without a year.
    pub fn day_span(&self) -> Option<(i32, i32)> {
        let y = self.year?;
        match (self.month, self.day) {
            (Some(m), Some(d)) => {
                let n = day_number(y, m, d);
                Some((n, n))
            }
            (Some(m), None) => Some((day_number(y, m, 1), day_number(y, m, days_in_month(y, m)))),
            _ => Some((day_number(y, 1, 1), day_number(y, 12, 31))),
        }
    }

    /// How precise the date is: 0 year, 1 month, 2 day, 3 time.
    pub fn precision(&self) -> u8 {
        match (self.month, self.day, self.time) {
            (_, Some(_), Some(_)) => 3,
            (_, Some(_), None) => 2,
            (Some(_), None, _) => 1,
            _ => 0,
        }
    }

    fn parse(s: &str) -> Result<PartialDate, DateError> {
        let err = || DateError(s.to_string());
        let num = |t: &str, len: usize| -> Result<u32, DateError> {
            if t.len() == len && t.bytes().all(|b| b.is_ascii_digit()) {
                t.parse().map_err(|_| err())
            } else {
                Err(err())
            }
        };
        let (date_part, time_part) = match s.split_once('T') {
            Some((d, t)) => (d, Some(t)),
            None => (s, None),
        };
        let mut out = PartialDate::default();
        if let Some(rest) = date_part.strip_prefix("--") {
            let (m, d) = rest.split_once('-').ok_or_else(err)?;
            out.month = Some(num(m, 2)? as u8);
            out.day = Some(num(d, 2)? as u8);
        } else {
            let mut parts = date_part.split('-');
            out.year = Some(num(parts.next().ok_or_else(err)?, 4)? as i32);
            if let Some(m) = parts.next() {
                out.month = Some(num(m, 2)? as u8);
            }
            if let Some(d) = parts.next() {
                out.day = Some(num(d, 2)? as u8);
            }
            if parts.next().is_some() {
                return Err(err());
            }
        }
        if let Some(t) = time_part {
            let (h, m) = t.split_once(':').ok_or_else(err)?;
            out.time = Some((num(h, 2)? as u8, num(m, 2)? as u8));
        }
        if out.is_valid() {
            Ok(out)
        } else {
            Err(err())
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.year {
            Some(y) => {
                write!(f, "{y:04}")?;
                if let Some(m) = self.month {
                    write!(f, "-{m:02}")?;
                    if let Some(d) = self.day {
                        write!(f, "-{d:02}")?;
                    }
                }
            }
            None => {
                write!(f, "--{:02}", self.month.unwrap_or(0))?;
                if let Some(d) = self.day {
                    write!(f, "-{d:02}")?;
                }
            }
        }
        if let Some((h, m)) = self.time {
            write!(f, "T{h:02}:{m:02}")?;
        }
        Ok(())
    }
}

impl DateSpec {
    pub fn start(&self) -> &PartialDate {
        match self {
            DateSpec::Point(p) | DateSpec::Range(p, _) => p,
        }
    }

    pub fn end(&self) -> &PartialDate {
        match self {
            DateSpec::Point(p) | DateSpec::Range(_, p) => p,
        }
    }

    /// First and last day covered; `None` when the year is unknown.
    pub fn day_span(&self) -> Option<(i32, i32)> {
        let (a, _) = self.start().day_span()?;
        let (_, b) = self.end().day_span()?;
        Some((a.min(b), a.max(b)))
    }

    /// True for a single known day (with or without time).
    pub fn is_exact_day(&self) -> bool {
        matches!(self, DateSpec::Point(p) if p.year.is_some() && p.day.is_some())
    }

    /// A sortable key: (day number of the start, minutes into the day). Unknown years sort
    /// as `None`.
    pub fn sort_key(&self) -> Option<(i32, u16)> {
        let (start, _) = self.day_span()?;
        let minutes = self
            .start()
            .time
            .map(|(h, m)| h as u16 * 60 + m as u16)
            .unwrap_or(0);
        Some((start, minutes))
    }

    pub fn parse(s: &str) -> Result<DateSpec, DateError> {
        match s.split_once('/') {
            Some((a, b)) => {
                let a = PartialDate::parse(a)?;
                let b = PartialDate::parse(b)?;
                Ok(DateSpec::Range(a, b))
            }
            None => Ok(DateSpec::Point(PartialDate::parse(s)?)),
        }
    }
}

impl fmt::Display for DateSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateSpec::Point(p) => write!(f, "{p}"),
            DateSpec::Range(a, b) => write!(f, "{a}/{b}"),
        }
    }
}

impl Serialize for DateSpec {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DateSpec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        DateSpec::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_form() {
        for s in [
            "2020",
            "2020-05",
            "2020-05-29",
            "2020-03-28T18:57",
            "--02-06",
            "2020-07-29/2020-07-30",
            "2020-08-03/2020-08-05",
        ] {
            assert_eq!(DateSpec::parse(s).unwrap().to_string(), s);
        }
    }

    #[test]
    fn rejects_impossible_dates() {
        for s in [
            "2020-13",
            "2020-02-30",
            "2021-02-29",
            "20-05",
            "2020-5",
            "",
            "2020-05-01T25:00",
            "abcd",
        ] {
            assert!(DateSpec::parse(s).is_err(), "{s} should be rejected");
        }
        assert!(DateSpec::parse("2020-02-29").is_ok());
    }

    #[test]
    fn leap_years_follow_the_gregorian_rule() {
        // Divisible by 4: leap; by 100: common; by 400: leap again.
        for (year, leap) in [
            (2020, true),
            (2000, true),
            (2024, true),
            (2019, false),
            (2021, false),
            (2100, false),
            (1900, false),
        ] {
            let feb = if leap { 29 } else { 28 };
            assert_eq!(days_in_month(year, 2), feb, "February {year}");
            let day_29 = format!("{year}-02-29");
            assert_eq!(
                DateSpec::parse(&day_29).is_ok(),
                leap,
                "{day_29} valid only in a leap year"
            );
            assert_eq!(
                PartialDate::ymd(year, 2, 29).is_valid(),
                leap,
                "{day_29} valid only in a leap year"
            );
            // The month spans its true length, and 1 March follows its last day.
            let (a, b) = PartialDate::ym(year, 2).day_span().unwrap();
            assert_eq!(b - a + 1, feb as i32, "February {year} span");
            assert_eq!(day_number(year, 3, 1) - b, 1, "1 March {year}");
        }
        // 31 February (or 30) never exists, leap year or not, year stated or not.
        for year in [2000, 2019, 2020, 2100, 1900] {
            assert!(DateSpec::parse(&format!("{year}-02-31")).is_err());
            assert!(DateSpec::parse(&format!("{year}-02-30")).is_err());
            assert!(!PartialDate::ymd(year, 2, 31).is_valid());
        }
        assert!(DateSpec::parse("--02-31").is_err());
        // Without a year 29 February may be meant.
        assert!(DateSpec::parse("--02-29").is_ok());
    }

    #[test]
    fn spans_cover_partial_dates() {
        let may = DateSpec::parse("2020-05").unwrap();
        let (a, b) = may.day_span().unwrap();
        assert_eq!(civil_from_days(a), (2020, 5, 1));
        assert_eq!(civil_from_days(b), (2020, 5, 31));
        assert!(DateSpec::parse("--02-06").unwrap().day_span().is_none());
        let range = DateSpec::parse("2020-07-29/2020-07-30").unwrap();
        let (a, b) = range.day_span().unwrap();
        assert_eq!(b - a, 1);
    }

    #[test]
    fn weekday_matches_calendar() {
        // 28/03/2020 was a Saturday; 01/01/1970 a Thursday.
        assert_eq!(weekday(2020, 3, 28), 6);
        assert_eq!(weekday(1970, 1, 1), 4);
        for n in -1000..20000 {
            let (y, m, d) = civil_from_days(n);
            assert_eq!(day_number(y, m, d), n);
        }
    }
}
