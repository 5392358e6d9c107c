//! Numbers as people read them.

/// A byte count in binary units: `482133` reads `470.8 KiB`.
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["KiB", "MiB", "GiB", "TiB", "PiB"];
    if bytes < 1024 {
        return format!("{} B", crate::i18n::number(bytes as f64));
    }
    // Integers only (float formatting costs the browser bundle about 9 KB): the size in
    // tenths of the unit, rounded half up, moving up a unit from 1024.0.
    let tenths = |divisor: u64| bytes / divisor * 10 + (bytes % divisor * 10 + divisor / 2) / divisor;
    let mut unit = 0;
    let mut divisor = 1024;
    while tenths(divisor) >= 10_240 && unit + 1 < UNITS.len() {
        divisor *= 1024;
        unit += 1;
    }
    let tenths = tenths(divisor);
    format!("{} {}", crate::i18n::tenths(tenths), UNITS[unit])
}

/// Whole percent of `part` in `whole`, 0 for an empty whole, never above 100.
pub fn percent(part: u64, whole: u64) -> u8 {
    if whole == 0 {
        return 0;
    }
    (part.min(whole) as u128 * 100 / whole as u128) as u8
}

/// `1234567` reads `1,234,567`: how numbers read where the browser's `Intl` is absent
/// (native code; see `i18n::number`).
pub fn grouped(number: u64) -> String {
    let digits = number.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(human_size(0), "0 B");
        assert_eq!(human_size(1023), "1,023 B");
        assert_eq!(human_size(482_133), "470.8 KiB");
        assert_eq!(human_size(5 * 1024 * 1024), "5.0 MiB");
        assert_eq!(human_size(1024), "1.0 KiB");
        assert_eq!(human_size(1_048_575), "1.0 MiB");
        assert_eq!(human_size(1_048_524), "1023.9 KiB");
        assert_eq!(human_size(u64::MAX), "16384.0 PiB");
    }

    #[test]
    fn percents_and_groups() {
        assert_eq!(percent(820, 1200), 68);
        assert_eq!(percent(5, 0), 0);
        assert_eq!(percent(9, 3), 100);
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(1200), "1,200");
        assert_eq!(grouped(1_234_567), "1,234,567");
    }
}
