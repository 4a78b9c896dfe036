"""The texts a contract reads as "no value" (`missing_values:`), matched as leadscore matches them."""
from . import text as texts

#: What a contract without `missing_values:` uses (MissingValues.defaultPlaceholders).
DEFAULT_PLACEHOLDERS = [
    "--None--", "Select", "--Select--", "Select one", "Please select", "N/A", "#N/A", "-", "--",
    "null", "nil", "undefined", "NaN",
]


def fold(text):
    """Placeholders are compared trimmed and lower-cased (canonically, as Swift's `Set` does)."""
    return texts.canonical(_lowered(text))


def _lowered(text):
    return texts.swift_lower(texts.trim(text))


class MissingValues:
    """Exact match after trimming, ignoring case; empty or invisible-only text is always missing.

    The cheap first tests (first byte, length in UTF-8 bytes) are leadscore's too: they decide which
    texts get folded at all, so they are kept even though they only exist there for speed.
    """

    def __init__(self, placeholders):
        self.placeholders = list(placeholders)
        lowered = [key for key in (_lowered(placeholder) for placeholder in self.placeholders) if key]
        self._folded = {texts.canonical(key) for key in lowered}
        self._first_bytes = set()
        for key in lowered:
            for variant in (key, key.upper()):
                if variant:
                    self._first_bytes.add(texts.first_utf8_byte(variant))
        lengths = [texts.utf8_length(key) for key in lowered]
        self._shortest = min(lengths) if lengths else 0
        self._longest = max(self._shortest, max(lengths) if lengths else 0)
        #: Whether a text starting with an ASCII digit can be a placeholder (e.g. a sentinel `1900-01-01`).
        self.may_match_digit = any(48 <= byte <= 57 for byte in self._first_bytes)

    @property
    def longest(self):
        """The longest placeholder in UTF-8 bytes: a longer text is missing only if it looks empty."""
        return self._longest

    def is_missing(self, text):
        """Whether `text` (already through the field trim) means "no value"."""
        if not text:
            return True
        code = ord(text[0])
        if code < 0x80 and code not in self._first_bytes:
            # Ordinary values: no placeholder starts this way, and only white space can look empty.
            return code <= 0x20 and texts.looks_empty(text)
        if texts.first_utf8_byte(text) in self._first_bytes \
                and self._shortest <= texts.utf8_length(text) <= self._longest \
                and fold(text) in self._folded:
            return True
        return texts.looks_empty(text)
