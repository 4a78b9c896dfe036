"""A test on one field's value, as rules and route overrides write them (leadscore's FieldCondition)."""
import numpy as np

from . import text as texts
from .errors import BundleFormatError
from .field_parser import BOOL, NUMBER, TEXT

TESTS = ("oneOf", "atLeast", "below", "present", "missing")


def _number_text(number):
    """How Swift shows a number compared as text: whole numbers without `.0`."""
    if number == float(round(number)) and abs(number) < 1e15:
        return str(int(number))
    return repr(number)


class FieldCondition:
    def __init__(self, document, source, path):
        self.field = document.get("field")
        test = document.get("test")
        if not isinstance(self.field, str) or not isinstance(test, dict) or len(test) != 1 \
                or next(iter(test)) not in TESTS:
            raise BundleFormatError(source, f"{path}.test", f"a condition this package does not know ({test!r})",
                                    f"update leadscore-bundle; it reads the tests {', '.join(TESTS)}")
        self.test, payload = next(iter(test.items()))
        self.argument = payload.get("_0") if isinstance(payload, dict) else None
        if self.test == "oneOf":
            self.choices = {texts.canonical(texts.swift_lower(choice)) for choice in self.argument}

    @staticmethod
    def numbers(column):
        """The values a numeric test reads: numbers and flags (0/1); NaN for text, times and missing."""
        if column.kind in (NUMBER, BOOL):
            return column.values
        return np.full(len(column.values), np.nan)

    def matches(self, column):
        """A boolean per row of `column`."""
        if self.test == "present":
            return ~column.missing_mask()
        if self.test == "missing":
            return column.missing_mask()
        if self.test == "atLeast":
            return self.numbers(column) >= self.argument
        if self.test == "below":
            return self.numbers(column) < self.argument
        return self._one_of(column)

    def _one_of(self, column):
        if column.kind == TEXT:
            texts_by_row = column.values
        elif column.kind == BOOL:
            texts_by_row = [None if np.isnan(value) else ("true" if value else "false") for value in column.values]
        elif column.kind == NUMBER:
            texts_by_row = [None if np.isnan(value) else _number_text(float(value)) for value in column.values]
        else:
            return np.zeros(len(column.values), dtype=bool)
        verdicts = {}
        for value in dict.fromkeys(texts_by_row):
            if value is None:
                verdicts[value] = False
            else:
                # A multi-select value matches when any of its selections does.
                selections = texts.multi_select_values(texts.swift_lower(value))
                verdicts[value] = any(texts.canonical(selection) in self.choices for selection in selections)
        return np.fromiter(map(verdicts.__getitem__, texts_by_row), dtype=bool, count=len(texts_by_row))
