//! ISO 8601 UTC instants as the API writes them (`2026-06-30T08:43:25Z`, optionally with
//! fractional seconds), to and from milliseconds since the Unix epoch. Small enough that
//! the console needs no date crate in its bundle.

const MS_PER_DAY: i64 = 86_400_000;

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 { month_index + 3 } else { month_index - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn number(text: &str) -> Option<i64> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// Milliseconds since the epoch of `YYYY-MM-DDTHH:MM:SS[.fff…]Z`; `None` for anything else.
pub fn parse_utc_millis(text: &str) -> Option<i64> {
    let text = text.strip_suffix('Z').or_else(|| text.strip_suffix('z'))?;
    let (date, time) = text.split_once(['T', 't'])?;
    let mut date_parts = date.splitn(3, '-');
    let year = number(date_parts.next()?)?;
    let month = number(date_parts.next()?)?;
    let day = number(date_parts.next()?)?;
    let (clock, fraction) = match time.split_once('.') {
        Some((clock, fraction)) => (clock, Some(fraction)),
        None => (time, None),
    };
    let mut clock_parts = clock.splitn(3, ':');
    let hour = number(clock_parts.next()?)?;
    let minute = number(clock_parts.next()?)?;
    let second = number(clock_parts.next()?)?;
    let millis = match fraction {
        None => 0,
        Some(digits) => {
            number(digits)?;
            let first_three: String = digits.chars().chain("00".chars()).take(3).collect();
            number(&first_three)?
        }
    };
    let valid = (1..=12).contains(&month) && (1..=days_in_month(year, month)).contains(&day) && hour < 24 && minute < 60 && second < 61;
    if !valid {
        return None;
    }
    let day_ms = days_from_civil(year, month, day) * MS_PER_DAY;
    Some(day_ms + ((hour * 60 + minute) * 60 + second) * 1000 + millis)
}

/// `YYYY-MM-DDTHH:MM:SSZ` of an instant, dropping milliseconds.
pub fn format_utc_millis(millis: i64) -> String {
    let days = millis.div_euclid(MS_PER_DAY);
    let seconds_of_day = millis.rem_euclid(MS_PER_DAY) / 1000;
    let (year, month, day) = civil_from_days(days);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", seconds_of_day / 3600, seconds_of_day / 60 % 60, seconds_of_day % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_documented_forms() {
        assert_eq!(parse_utc_millis("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse_utc_millis("2026-06-30T08:43:25Z"), Some(1_782_809_005_000));
        assert_eq!(parse_utc_millis("2026-09-29T12:05:37.519512Z"), Some(1_790_683_537_519));
        assert_eq!(parse_utc_millis("2024-02-29T23:59:59.5Z"), Some(1_709_251_199_500));
    }

    #[test]
    fn rejects_what_is_not_an_instant() {
        for bad in [
            "",
            "2026-06-30",
            "2026-06-30T08:43:25",
            "2026-02-30T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-06-30T24:00:00Z",
            "soon",
            "2026-06-30T08:43:25.Z",
            "2026-06-30T08:43:25+02:00",
        ] {
            assert_eq!(parse_utc_millis(bad), None, "{bad}");
        }
    }

    #[test]
    fn formatting_round_trips() {
        for text in ["1970-01-01T00:00:00Z", "2000-02-29T12:00:00Z", "2026-11-23T19:55:01Z", "2099-12-31T23:59:59Z"] {
            assert_eq!(format_utc_millis(parse_utc_millis(text).unwrap()), text);
        }
        assert_eq!(format_utc_millis(-1000), "1969-12-31T23:59:59Z");
    }
}

/// Milliseconds since the epoch of an HTTP date (`Wed, 21 Oct 2026 07:28:00 GMT`).
pub fn parse_http_date_millis(text: &str) -> Option<i64> {
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let mut parts = text.split_whitespace();
    let _weekday = parts.next()?;
    let day = number(parts.next()?)?;
    let month_name = parts.next()?;
    let month = MONTHS.iter().position(|month| *month == month_name)? as i64 + 1;
    let year = number(parts.next()?)?;
    let clock = parts.next()?;
    if parts.next()? != "GMT" {
        return None;
    }
    parse_utc_millis(&format!("{year:04}-{month:02}-{day:02}T{clock}Z"))
}

#[cfg(test)]
mod http_date_tests {
    use super::*;

    #[test]
    fn reads_imf_fixdate() {
        assert_eq!(parse_http_date_millis("Mon, 23 Nov 2026 20:11:10 GMT"), parse_utc_millis("2026-11-23T20:11:10Z"));
        assert_eq!(parse_http_date_millis("Mon, 23 Foo 2026 20:11:10 GMT"), None);
        assert_eq!(parse_http_date_millis("tomorrow"), None);
    }
}
