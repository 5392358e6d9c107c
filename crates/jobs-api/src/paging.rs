//! Pagination maths over the API's `limit`/`offset` pages.

pub const DEFAULT_LIMIT: u64 = 20;
pub const MAX_LIMIT: u64 = 100;
/// Page sizes the console offers.
pub const PAGE_SIZES: [u64; 4] = [10, 20, 50, 100];

/// A 1-based page number from a URL; anything that is not one reads as page 1.
pub fn page_number(text: &str) -> u64 {
    text.trim().parse::<u64>().ok().filter(|page| *page >= 1).unwrap_or(1)
}

/// Where one page stands in a list of `total` records.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageWindow {
    pub offset: u64,
    pub limit: u64,
    pub total: u64,
}

impl PageWindow {
    /// 1-based number of this page.
    pub fn page(&self) -> u64 {
        self.offset / self.limit.max(1) + 1
    }

    pub fn page_count(&self) -> u64 {
        self.total.div_ceil(self.limit.max(1)).max(1)
    }

    pub fn has_previous(&self) -> bool {
        self.offset > 0
    }

    pub fn has_next(&self) -> bool {
        self.offset.saturating_add(self.limit) < self.total
    }

    /// `21–40 of 312`, or `0 of 0` for an empty list.
    pub fn describe(&self) -> String {
        if self.total == 0 || self.offset >= self.total {
            return crate::t!("pager.none", total = crate::i18n::number(self.total as f64));
        }
        let last = (self.offset + self.limit).min(self.total);
        let number = |value: u64| crate::i18n::number(value as f64);
        crate::t!("pager.range", first = number(self.offset + 1), last = number(last), total = number(self.total))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows() {
        let second = PageWindow { offset: 20, limit: 20, total: 312 };
        assert_eq!((second.offset, second.page(), second.page_count()), (20, 2, 16));
        assert_eq!(second.describe(), "21–40 of 312");
        assert!(second.has_previous() && second.has_next());
        let last = PageWindow { offset: 300, limit: 20, total: 312 };
        assert_eq!(last.describe(), "301–312 of 312");
        assert!(!last.has_next());
        assert_eq!(PageWindow { offset: 0, limit: 20, total: 0 }.describe(), "0 of 0");
        assert_eq!(PageWindow { offset: 0, limit: 0, total: 5 }.page_count(), 5, "a zero limit counts as one");
    }
}
