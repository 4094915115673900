//! Dates of reduced precision (`2020`, `2020-07`, `2020-07-15`), the way CVs
//! state them. The order is total and documented: by year, then month, then
//! day, where a missing part sorts first, so `2020` < `2020-01` < `2020-01-01`.
//! That is also the byte order of the ISO text stored in SQLite, which lets
//! SQL `ORDER BY` agree with this type.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;

/// An ISO 8601 calendar date of year, month or day precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    year: i32,
    month: Option<u32>,
    day: Option<u32>,
}

/// Why a text is not a partial date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{}` is not a date{}", super::quote::quote(.0), .1)]
pub struct DateError(pub String, &'static str);

impl PartialDate {
    /// The year.
    pub fn year(&self) -> i32 {
        self.year
    }

    /// The first calendar day the date covers (`2020-07` → 2020-07-01).
    pub fn first_day(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
            .expect("a PartialDate is valid by construction")
    }

    /// The last calendar day the date covers (`2020-02` → 2020-02-29).
    pub fn last_day(&self) -> NaiveDate {
        match (self.month, self.day) {
            (Some(_), Some(_)) => self.first_day(),
            (Some(m), None) => {
                let (y, next) = if m == 12 {
                    (self.year + 1, 1)
                } else {
                    (self.year, m + 1)
                };
                NaiveDate::from_ymd_opt(y, next, 1)
                    .and_then(|d| d.pred_opt())
                    .expect("month arithmetic stays in range")
            }
            _ => NaiveDate::from_ymd_opt(self.year, 12, 31).expect("Dec 31 exists"),
        }
    }

    /// A month-precision date; `None` when `month` is not 1–12.
    pub fn from_year_month(year: i32, month: u32) -> Option<Self> {
        (1..=12).contains(&month).then_some(Self {
            year,
            month: Some(month),
            day: None,
        })
    }
}

impl FromStr for PartialDate {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || DateError(s.to_string(), " of the form YYYY, YYYY-MM or YYYY-MM-DD");
        let parts: Vec<&str> = s.split('-').collect();
        let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
        let ok = match parts.as_slice() {
            [y] => digits(y, 4),
            [y, m] => digits(y, 4) && digits(m, 2),
            [y, m, d] => digits(y, 4) && digits(m, 2) && digits(d, 2),
            _ => false,
        };
        if !ok {
            return Err(err());
        }
        let num = |i: usize| parts.get(i).map(|p| p.parse::<u32>().map_err(|_| err()));
        let year = parts[0].parse::<i32>().map_err(|_| err())?;
        let month = num(1).transpose()?;
        let day = num(2).transpose()?;
        if let Some(m) = month {
            if !(1..=12).contains(&m) {
                return Err(DateError(s.to_string(), ": there is no such month"));
            }
        }
        if let (Some(m), Some(d)) = (month, day) {
            NaiveDate::from_ymd_opt(year, m, d)
                .ok_or_else(|| DateError(s.to_string(), ": there is no such day"))?;
        }
        Ok(Self { year, month, day })
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

/// Whether the closed interval `[start, end]` (an open `end` reaches into the
/// future; an unknown `start` reaches into the past) overlaps the window
/// `[from, to]`, each compared at the precision it is stated in.
pub fn overlaps(
    start: Option<PartialDate>,
    end: Option<PartialDate>,
    from: Option<PartialDate>,
    to: Option<PartialDate>,
) -> bool {
    let starts_before_window_ends = match (start, to) {
        (Some(s), Some(t)) => s.first_day() <= t.last_day(),
        _ => true,
    };
    let ends_after_window_starts = match (end, from) {
        (Some(e), Some(f)) => e.last_day() >= f.first_day(),
        _ => true,
    };
    starts_before_window_ends && ends_after_window_starts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> PartialDate {
        s.parse().unwrap()
    }

    #[test]
    fn coarser_dates_sort_before_finer_ones_in_them() {
        let mut v = [
            d("2020-07-15"),
            d("2021"),
            d("2020-07"),
            d("2020"),
            d("2019-12"),
        ];
        v.sort();
        let s: Vec<String> = v.iter().map(ToString::to_string).collect();
        assert_eq!(s, ["2019-12", "2020", "2020-07", "2020-07-15", "2021"]);
        // The ISO text sorts the same way, which SQL relies on.
        let mut t = s.clone();
        t.sort();
        assert_eq!(s, t);
    }

    #[test]
    fn invalid_dates_are_refused() {
        for bad in [
            "2020-13",
            "2020-00",
            "2021-02-29",
            "20",
            "2020-7",
            "July 2020",
            "",
        ] {
            assert!(bad.parse::<PartialDate>().is_err(), "{bad}");
        }
        assert_eq!(d("2020-02-29").to_string(), "2020-02-29");
    }

    #[test]
    fn a_month_covers_its_first_to_last_day() {
        assert_eq!(d("2020-02").last_day().to_string(), "2020-02-29");
        assert_eq!(d("2019-12").last_day().to_string(), "2019-12-31");
        assert_eq!(d("2019").first_day().to_string(), "2019-01-01");
    }

    #[test]
    fn overlap_respects_precision() {
        // May–August 2019 contains July 2019 and touches 2019.
        let (s, e) = (Some(d("2019-05")), Some(d("2019-08")));
        assert!(overlaps(s, e, Some(d("2019-07")), Some(d("2019-07"))));
        assert!(overlaps(s, e, Some(d("2019")), Some(d("2019"))));
        assert!(!overlaps(s, e, Some(d("2019-09")), Some(d("2019-09"))));
        // An open end reaches today and beyond.
        assert!(overlaps(Some(d("2022-09")), None, Some(d("2030")), None));
    }
}
