"""Date and datetime texts as Salesforce exports write them, to seconds since 1970 UTC.

A port of leadscore's SalesforceDate.parse, byte for byte: the same forms are accepted and the same
ones refused, so a lead is read (or rejected) identically on both sides.

- `2025-03-04T15:22:10.000+0000`, `…Z`, `…+01:00`, `2025-03-04 15:22:10`, `2025-03-04`
- `3/4/2025`, `3/4/2025 3:22 PM`, `3/4/2025, 15:22` (US month/day order)
"""
import re

import numpy as np

# The REST/Data Loader form, by far the most common: taken without the byte scanner.
_CANONICAL = re.compile(
    rb"(\d{4})-(\d{1,2})-(\d{1,2})(?:T(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,9}))?)?"
    rb"(?:Z|([+-])(\d{2}):?(\d{1,2})?)?)?"
)
_DIGIT = frozenset(range(48, 58))


def days_from_civil(year, month, day):
    """Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm)."""
    y = year - 1 if month <= 2 else year
    era = (y if y >= 0 else y - 399) // 400
    year_of_era = y - era * 400
    day_of_year = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    return era * 146_097 + day_of_era - 719_468


def _days_in_month(year, month):
    if month == 2:
        return 29 if (year % 4 == 0 and year % 100 != 0) or year % 400 == 0 else 28
    return 30 if month in (4, 6, 9, 11) else 31


class _Scanner:
    """leadscore's ByteScanner: trailing spaces dropped, one cursor over ASCII bytes."""

    def __init__(self, data):
        end = len(data)
        while end > 0 and data[end - 1] == 0x20:
            end -= 1
        self.data = data[:end]
        self.index = 0

    @property
    def at_end(self):
        return self.index >= len(self.data)

    def skip_spaces(self):
        while self.index < len(self.data) and self.data[self.index] == 0x20:
            self.index += 1

    def take(self, byte):
        if self.index < len(self.data) and self.data[self.index] == byte:
            self.index += 1
            return True
        return False

    def take_case_insensitive(self, word):
        letters = word.upper().encode()
        if self.index + len(letters) > len(self.data):
            return False
        for offset, letter in enumerate(letters):
            if self.data[self.index + offset] & 0xDF != letter:
                return False
        self.index += len(letters)
        return True

    def number(self, max_digits):
        value = digits = 0
        while self.index < len(self.data) and digits < max_digits and self.data[self.index] in _DIGIT:
            value = value * 10 + self.data[self.index] - 48
            digits += 1
            self.index += 1
        return (value, digits) if digits else None


def _time_of_day(hours, minutes, seconds, fraction):
    value = float(seconds)
    if fraction is not None:
        value += float(int(fraction)) / (10.0 ** len(fraction))
    return float(hours * 3600 + minutes * 60) + value


def _parse_canonical(match):
    year, month, day = int(match[1]), int(match[2]), int(match[3])
    if not (1 <= month <= 12 and 1 <= day <= _days_in_month(year, month)):
        return None
    seconds = float(days_from_civil(year, month, day)) * 86_400
    if match[4] is None:
        return seconds
    hours, minutes = int(match[4]), int(match[5])
    second = int(match[6]) if match[6] is not None else 0
    if minutes >= 60 or second >= 61 or hours >= 24:
        return None
    seconds += _time_of_day(hours, minutes, second, match[7])
    if match[8] is None:
        return seconds
    zone = int(match[9]) * 3600 + (int(match[10]) if match[10] is not None else 0) * 60
    return seconds - (1.0 if match[8] == b"+" else -1.0) * float(zone)


def parse(text):
    """Seconds since the epoch, or None when `text` is not one of the accepted forms."""
    data = text.encode("utf-8", "surrogatepass")
    match = _CANONICAL.fullmatch(data)
    if match is not None:
        return _parse_canonical(match)
    return _scan(data)


def _scan(data):
    scanner = _Scanner(data)
    scanner.skip_spaces()
    first = scanner.number(4)
    if first is None:
        return None
    if first[1] == 4 and scanner.take(0x2D):
        month = scanner.number(2)
        if month is None or not scanner.take(0x2D):
            return None
        day = scanner.number(2)
        if day is None:
            return None
        year, month, day = first[0], month[0], day[0]
    elif first[1] <= 2 and scanner.take(0x2F):
        day = scanner.number(2)
        if day is None or not scanner.take(0x2F):
            return None
        year = scanner.number(4)
        if year is None or year[1] != 4:
            return None
        year, month, day = year[0], first[0], day[0]
    else:
        return None
    if not (1 <= month <= 12 and 1 <= day <= _days_in_month(year, month)):
        return None
    seconds = float(days_from_civil(year, month, day)) * 86_400
    if scanner.at_end:
        return seconds
    if not (scanner.take(0x54) or scanner.take(0x20) or scanner.take(0x2C)):
        return None
    scanner.skip_spaces()
    hour = scanner.number(2)
    if hour is None or not scanner.take(0x3A):
        return None
    minute = scanner.number(2)
    if minute is None or minute[0] >= 60:
        return None
    hours, second_value = hour[0], 0.0
    if scanner.take(0x3A):
        second = scanner.number(2)
        if second is None or second[0] >= 61:
            return None
        second_value = float(second[0])
        if scanner.take(0x2E):
            fraction = scanner.number(9)
            if fraction is None:
                return None
            second_value += float(fraction[0]) / (10.0 ** fraction[1])
    scanner.skip_spaces()
    if scanner.take_case_insensitive("AM"):
        if not 1 <= hours <= 12:
            return None
        hours = 0 if hours == 12 else hours
    elif scanner.take_case_insensitive("PM"):
        if not 1 <= hours <= 12:
            return None
        hours = hours if hours == 12 else hours + 12
    if hours >= 24:
        return None
    seconds += float(hours * 3600 + minute[0] * 60) + second_value
    if scanner.take(0x5A) or scanner.at_end:
        return seconds if scanner.at_end else None
    if scanner.take(0x2B):
        sign = 1.0
    elif scanner.take(0x2D):
        sign = -1.0
    else:
        return None
    zone_hours = scanner.number(2)
    if zone_hours is None or zone_hours[1] != 2:
        return None
    scanner.take(0x3A)
    zone_minutes = scanner.number(2)
    if not scanner.at_end:
        return None
    zone_minutes = zone_minutes[0] if zone_minutes is not None else 0
    return seconds - sign * float(zone_hours[0] * 3600 + zone_minutes * 60)


# Data Loader's datetime (`2025-03-04T15:22:10.000+0000`) and date (`2025-03-04`) forms, read many at
# once: position → the byte expected there (None: a digit). Millions of distinct datetimes would
# otherwise each take the scanner.
_DATETIME_LAYOUT = [None] * 4 + [b"-"] + [None] * 2 + [b"-"] + [None] * 2 + [b"T"] + [None] * 2 + [b":"] \
    + [None] * 2 + [b":"] + [None] * 2 + [b"."] + [None] * 3 + [b"+-"] + [None] * 4
_DATE_LAYOUT = _DATETIME_LAYOUT[:10]


def _digits(codes, start, count):
    value = np.zeros(codes.shape[0], dtype=np.int64)
    for position in range(start, start + count):
        value = value * 10 + codes[:, position]
    return value


def _days_from_civil_many(year, month, day):
    """days_from_civil for years ≥ 1, where every quotient is positive (floor = truncation)."""
    y = np.where(month <= 2, year - 1, year)
    era = y // 400
    year_of_era = y - era * 400
    day_of_year = (153 * (month + np.where(month > 2, -3, 9)) + 2) // 5 + day - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    return era * 146_097 + day_of_era - 719_468


def parse_layout_many(texts):
    """Seconds for the texts in Data Loader's two forms (NaN for any other text: parse it with `parse`).

    The same arithmetic as `parse`, in the same order, so both give the same float for a text."""
    seconds = np.full(len(texts), np.nan)
    for layout in (_DATE_LAYOUT, _DATETIME_LAYOUT):
        rows = np.array([index for index, text in enumerate(texts) if len(text) == len(layout) and text.isascii()],
                        dtype=np.intp)
        if len(rows) == 0:
            continue
        codes = np.frombuffer("".join(texts[row] for row in rows).encode("ascii"), dtype=np.uint8)
        codes = codes.reshape(len(rows), len(layout)).astype(np.int64)
        valid = np.ones(len(rows), dtype=bool)
        for position, expected in enumerate(layout):
            column = codes[:, position]
            if expected is None:
                valid &= (column >= 48) & (column <= 57)
            else:
                valid &= np.isin(column, list(expected))
        digits = np.where((codes >= 48) & (codes <= 57), codes - 48, 0)
        year, month, day = _digits(digits, 0, 4), _digits(digits, 5, 2), _digits(digits, 8, 2)
        leap = ((year % 4 == 0) & (year % 100 != 0)) | (year % 400 == 0)
        month_days = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])[np.clip(month, 0, 12)]
        month_days = np.where((month == 2) & leap, 29, month_days)
        valid &= (year >= 1) & (month >= 1) & (month <= 12) & (day >= 1) & (day <= month_days)
        value = _days_from_civil_many(year, month, day).astype(np.float64) * 86_400
        if layout is _DATETIME_LAYOUT:
            hour, minute, second = _digits(digits, 11, 2), _digits(digits, 14, 2), _digits(digits, 17, 2)
            valid &= (hour < 24) & (minute < 60) & (second < 61)
            fraction = _digits(digits, 20, 3).astype(np.float64) / (10.0 ** 3)
            value = value + ((hour * 3600 + minute * 60).astype(np.float64) + (second.astype(np.float64) + fraction))
            zone = (_digits(digits, 24, 2) * 3600 + _digits(digits, 26, 2) * 60).astype(np.float64)
            value = value - np.where(codes[:, 23] == 43, 1.0, -1.0) * zone
        seconds[rows[valid]] = value[valid]
    return seconds
