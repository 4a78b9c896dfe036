"""One exported text to a typed value, per contract type: leadscore's FieldParser, ported.

Values come back as `(kind, value)`: `MISSING`, `TEXT` with a str, `NUMBER`/`TIME` with a float,
`BOOL` with a bool. A refusal is a `Problem` with the message and fix leadscore gives.
"""
import math
import re

import numpy as np

from . import salesforce_date
from . import text as texts

MISSING, TEXT, NUMBER, BOOL, TIME = "missing", "text", "number", "bool", "time"

#: Contract types whose values are stored as numbers (flags as 0/1, times as epoch seconds).
NUMERIC_STORAGE = {"number": NUMBER, "integer": NUMBER, "boolean": BOOL, "date": TIME, "datetime": TIME}
TEXT_TYPES = {"string", "picklist", "multipicklist", "email", "phone"}
ALL_TYPES = TEXT_TYPES | set(NUMERIC_STORAGE) | {"id"}

# What Swift's `Double(String)` accepts apart from inf/nan (which leadscore refuses anyway):
# ASCII decimal and hexadecimal floats, nothing around them. Python's float() would also take
# spaces, underscores and non-ASCII digits.
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_HEXADECIMAL = re.compile(r"[+-]?0[xX](?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)(?:[pP][+-]?[0-9]+)?")
_CURRENCY_AND_SPACES = ["$", "\u20ac", "\u00a3", "USD", "EUR", "GBP", "%", " "]
_FLOAT_MAX = 3.4028234663852886e38
_ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"


class Problem:
    """Why a value was refused, phrased for a message that names the field."""

    __slots__ = ("problem", "fix")

    def __init__(self, problem, fix):
        self.problem = problem
        self.fix = fix


def swift_double(text):
    """`Double(text)` as Swift reads it, or None (C-string semantics: a NUL ends the text)."""
    if "\x00" in text:
        text = text[:text.index("\x00")]
    if _DECIMAL.fullmatch(text):
        return float(text)
    if _HEXADECIMAL.fullmatch(text):
        return float.fromhex(text)
    return None


def parse_number(text):
    """Plain numbers, plus currency symbols, thousands separators and a trailing `%`."""
    direct = swift_double(text)
    if direct is not None and math.isfinite(direct):
        return direct
    cleaned = text
    for symbol in _CURRENCY_AND_SPACES:
        cleaned = cleaned.replace(symbol, "")
    parts = texts.split(cleaned, ".", omit_empty=False)
    if len(parts) > 2:
        return None
    groups = texts.split(parts[0], ",", omit_empty=False)
    if len(groups) > 1:
        # Thousands separators must sit every three digits: 1,234,567.
        head = groups[0].strip("-+")
        if not (1 <= len(texts.clusters(head)) <= 3 and all(len(texts.clusters(group)) == 3 for group in groups[1:])):
            return None
        cleaned = cleaned.replace(",", "")
    value = swift_double(cleaned)
    return value if value is not None and math.isfinite(value) else None


def parse_boolean(text):
    lowered = texts.swift_lower(text)
    if lowered in ("true", "1", "yes", "y", "t", "1.0"):
        return True
    if lowered in ("false", "0", "no", "n", "f", "0.0"):
        return False
    return None


def is_salesforce_id(text):
    """15 ASCII letters or digits, or 18 whose last three are the case-safe checksum."""
    data = text.encode("utf-8", "surrogatepass")
    if len(data) not in (15, 18) or not data[:15].isalnum():
        return False
    if len(data) == 15:
        return True
    suffix = ""
    for chunk in range(3):
        bits = 0
        for position in range(5):
            byte = data[chunk * 5 + position]
            if 65 <= byte <= 90:
                bits |= 1 << position
        suffix += _ID_ALPHABET[bits]
    return data[15:18] == suffix.encode()


def _valid_ids_many(texts):
    """is_salesforce_id for many ASCII alphanumeric texts of 15 or 18 characters, at once."""
    valid = [len(text) == 15 for text in texts]
    long_ids = [index for index, text in enumerate(texts) if len(text) == 18]
    if long_ids:
        codes = np.frombuffer("".join(texts[index] for index in long_ids).encode("ascii"), dtype=np.uint8)
        codes = codes.reshape(len(long_ids), 18)
        upper = (codes[:, :15] >= 65) & (codes[:, :15] <= 90)
        bits = (upper.reshape(len(long_ids), 3, 5) * (1 << np.arange(5))).sum(axis=2)
        expected = np.frombuffer(_ID_ALPHABET.encode("ascii"), dtype=np.uint8)[bits]
        matches = (expected == codes[:, 15:]).all(axis=1)
        for index, match in zip(long_ids, matches.tolist()):
            valid[index] = match
    return valid


def parse(raw, field_type, missing_values):
    """`(kind, value)` or a `Problem`, exactly as leadscore's FieldParser.parse."""
    value = texts.field_trim(raw)
    if missing_values.is_missing(value):
        return (MISSING, None)
    if field_type in TEXT_TYPES:
        return (TEXT, value)
    shown = value[:40]
    if field_type == "id":
        if not is_salesforce_id(value):
            return Problem(f"'{shown}' is not a 15- or 18-character Salesforce Id",
                           "export the Id column unchanged, or declare the field as type string")
        return (TEXT, value)
    if field_type in ("number", "integer"):
        number = parse_number(value)
        if number is None:
            return Problem(f"'{shown}' is not a number",
                           "correct the value, leave it empty, or declare the field as type string")
        if abs(number) > _FLOAT_MAX:
            return Problem(f"'{shown}' is beyond the range a model can read (\u00b13.4e38)",
                           "correct the value or leave it empty")
        if field_type == "integer" and float(round(number)) != number:
            return Problem(f"'{shown}' is not a whole number", "correct the value or declare the field as type number")
        return (NUMBER, number)
    if field_type == "boolean":
        flag = parse_boolean(value)
        if flag is None:
            return Problem(f"'{shown}' is not a yes/no value",
                           "use true/false, 1/0 or Yes/No, or declare the field as type picklist")
        return (BOOL, flag)
    seconds = salesforce_date.parse(value)
    if seconds is None:
        return Problem(f"'{shown}' is not a date", "use 2025-03-04, 2025-03-04T15:22:10.000+0000 or 3/4/2025 3:22 PM")
    return (TIME, seconds)


def parse_unique(raw_texts, field_type, missing_values):
    """{text: parse(text)} for distinct texts; dates in Data Loader's forms are read all at once."""
    results = {}
    if field_type == "id":
        # Ids longer than any placeholder, of ASCII letters and digits only, need no trim or missing check.
        candidates = [text for text in raw_texts if len(text) in (15, 18) and len(text) > missing_values.longest
                      and text.isascii() and text.isalnum()]
        for text, valid in zip(candidates, _valid_ids_many(candidates)):
            if valid:
                results[text] = (TEXT, text)
    if field_type in ("date", "datetime") and not missing_values.may_match_digit:
        # A text starting with a digit is no placeholder here and needs no trim: only its form counts.
        candidates = [text for text in raw_texts if text[:1].isdigit() and text[-1:].isdigit()]
        for text, seconds in zip(candidates, salesforce_date.parse_layout_many(candidates).tolist()):
            if seconds == seconds:
                results[text] = (TIME, seconds)
    for text in raw_texts:
        if text not in results:
            results[text] = parse(text, field_type, missing_values)
    return results
