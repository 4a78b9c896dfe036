"""Raw lead columns to typed snapshot columns, the way `leadscore score` reads each CSV row.

Every contract field present in the source is parsed (a bad value anywhere refuses the row, as in
leadscore, even in a field no model reads), derived columns are computed from personal data, and the
personal data itself is dropped. Work is done once per distinct text of a column and then spread
over the rows with C-level loops: lead data repeats heavily (picklists, counts, flags).
"""
import math
import numbers

import numpy as np

from . import field_parser, text as texts
from .derivations import DERIVATIONS
from .field_parser import MISSING, NUMERIC_STORAGE, TEXT, Problem
from .header_mapping import map_columns


class Column:
    """One snapshot column over a batch. `values`: float64 with NaN for missing (numbers, flags as
    0/1, times as epoch seconds), or for text a list of canonical str with None for missing."""

    __slots__ = ("kind", "values", "_missing")

    def __init__(self, kind, values):
        self.kind, self.values, self._missing = kind, values, None

    @classmethod
    def absent(cls, kind, count):
        return cls(kind, [None] * count if kind == TEXT else np.full(count, np.nan))

    def missing_mask(self):
        if self._missing is None:
            if self.kind == TEXT:
                self._missing = np.array(self.values, dtype=object) == None  # noqa: E711 (element-wise)
            else:
                self._missing = np.isnan(self.values)
        return self._missing


class RowProblem:
    """A refused value: the batch row, the contract field, what is wrong and the fix."""

    __slots__ = ("row", "field", "problem", "fix")

    def __init__(self, row, field, problem, fix):
        self.row, self.field, self.problem, self.fix = row, field, problem, fix

    def __str__(self):
        return f"field {self.field}: {self.problem}. Fix: {self.fix}"


def _as_text(raw):
    """Source cells are text; nulls (None, NaN, pandas' NA and NaT) read as missing, other values as str()."""
    if raw is None or isinstance(raw, str):
        return raw
    if isinstance(raw, numbers.Real) and raw != raw:
        return None
    if type(raw).__name__ in ("NAType", "NaTType"):
        return None
    return str(raw)


class LeadBatch:
    """The typed columns of a batch, each lead's id as given, and the problems of refused rows."""

    def __init__(self, count, columns, lead_ids, problems):
        self.count, self.columns, self.lead_ids, self.problems = count, columns, lead_ids, problems

    def column(self, name, kind=TEXT):
        return self.columns.get(name) or Column.absent(kind, self.count)

    @classmethod
    def read(cls, headers, source_columns, contract, wanted):
        """`source_columns[i]` holds column `headers[i]`; `wanted`: snapshot columns scoring reads."""
        count = len(source_columns[0]) if source_columns else 0
        indices = map_columns(headers, contract)
        columns, problems, lead_ids = {}, [], [None] * count
        for field, index in zip(contract.fields, indices):
            if index is None:
                continue
            raw_values = source_columns[index]
            if field.name == contract.id_field:
                lead_ids = [_as_text(raw) for raw in raw_values]
            derived = [(name, column) for name, column in field.derived_columns() if column in wanted]
            keep = not field.pii and field.name in wanted
            can_fail = field.type not in field_parser.TEXT_TYPES
            if keep or derived or can_fail:
                _read_field(field, raw_values, contract.missing_values, keep, derived, columns, problems)
        return cls(count, columns, lead_ids, problems)


def _read_field(field, raw_values, missing_values, keep, derived, columns, problems):
    texts_by_raw = {raw: _as_text(raw) for raw in dict.fromkeys(raw_values)}
    results = field_parser.parse_unique([text for text in dict.fromkeys(texts_by_raw.values()) if text is not None],
                                        field.type, missing_values)
    parsed = {raw: (MISSING, None) if text is None else results[text] for raw, text in texts_by_raw.items()}
    refused = {raw for raw, result in parsed.items() if isinstance(result, Problem)}
    if refused:
        for row, raw in enumerate(raw_values):
            if raw in refused:
                problems.append(RowProblem(row, field.name, parsed[raw].problem, parsed[raw].fix))
        parsed = {raw: (MISSING, None) if raw in refused else result for raw, result in parsed.items()}
    if keep:
        kind = NUMERIC_STORAGE.get(field.type, TEXT)
        if kind == TEXT:
            table = {raw: texts.canonical(value) if value is not None else None for raw, (_, value) in parsed.items()}
            columns[field.name] = Column(TEXT, list(map(table.__getitem__, raw_values)))
        else:
            table = {raw: float(value) if value is not None else math.nan for raw, (_, value) in parsed.items()}
            values = np.fromiter(map(table.__getitem__, raw_values), dtype=np.float64, count=len(raw_values))
            columns[field.name] = Column(kind, values)
    for derivation, column in derived:
        derive = DERIVATIONS[derivation][1]
        table = {raw: derive(value) if kind == TEXT else None for raw, (kind, value) in parsed.items()}
        columns[column] = Column(TEXT, list(map(table.__getitem__, raw_values)))
