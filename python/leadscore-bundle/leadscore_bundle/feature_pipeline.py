"""`pipeline.json`: typed snapshot columns to the model's float32 input matrix.

A vectorised port of leadscore's FeatureTransformer. Every step writes the same columns with the
same values (NaN = missing), so the model sees bit-for-bit the inputs leadscore gives it.
"""
import numpy as np

from . import text as texts
from .errors import BundleFormatError
from .field_parser import TEXT, TIME

FORMAT_VERSION = 1
SECONDS_PER_DAY = 86_400
STEP_KINDS = ("numeric", "flag", "recency", "oneHot", "multiHot", "sourceGroup")


def _output_names(step):
    column, kind = step["column"], step["kind"]
    indicator = step.get("missingIndicator", False)
    if kind in ("numeric", "flag"):
        return [column] + ([f"{column}=missing"] if indicator else [])
    if kind == "recency":
        return [f"days_since_{column}"] + ([f"days_since_{column}=missing"] if indicator else [])
    if kind == "oneHot":
        return [f"{column}={level}" for level in step["levels"]] + [f"{column}=Other", f"{column}=Unknown"]
    if kind == "multiHot":
        return [f"{column} has {level}" for level in step["levels"]] + [f"{column} has Other", f"{column}=Unknown"]
    return [f"{column} group={group['name']}" for group in step["groups"]] + [f"{column} group=Other",
                                                                             f"{column} group=Unknown"]


class FeaturePipeline:
    def __init__(self, document, source="pipeline.json"):
        if document.get("formatVersion") != FORMAT_VERSION:
            raise BundleFormatError(source, "formatVersion", f"pipeline format {document.get('formatVersion')} "
                                    "is not supported", f"this package reads format {FORMAT_VERSION}; "
                                    "update leadscore-bundle")
        self.steps = document["steps"]
        for position, step in enumerate(self.steps):
            if step.get("kind") not in STEP_KINDS:
                raise BundleFormatError(source, f"steps[{position}].kind", f"unknown step kind '{step.get('kind')}'",
                                        "update leadscore-bundle to a version that knows it")
        self.observation_days = document["observationDays"]
        self.created_field = document.get("createdField")
        self.column_names = [name for step in self.steps for name in _output_names(step)]
        self.width = len(self.column_names)
        self._lookups = [self._lookup(step) for step in self.steps]

    @staticmethod
    def _lookup(step):
        if step["kind"] in ("oneHot", "multiHot"):
            return {texts.canonical(level): index for index, level in enumerate(step["levels"])}
        if step["kind"] == "sourceGroup":
            index = {}
            for position, group in enumerate(step["groups"]):
                for source in group["sources"]:
                    index[texts.canonical(source)] = position
            return index
        return None

    @property
    def columns_read(self):
        return {step["column"] for step in self.steps}

    def scoring_moments(self, batch, data_as_of):
        """Creation + observation days, but never after `data_as_of`; `data_as_of` without a creation time."""
        moments = np.full(batch.count, float(data_as_of))
        if self.created_field is not None:
            created = batch.column(self.created_field, TIME)
            if created.kind == TIME:
                present = ~np.isnan(created.values)
                shifted = created.values[present] + float(self.observation_days) * SECONDS_PER_DAY
                moments[present] = np.minimum(shifted, float(data_as_of))
        return moments

    def transform(self, batch, moments):
        """The model inputs, row-major float32 (NaN = missing)."""
        matrix = np.zeros((batch.count, self.width), dtype=np.float32)
        offset = 0
        for step, lookup in zip(self.steps, self._lookups):
            width = len(_output_names(step))
            block = matrix[:, offset:offset + width]
            column = batch.column(step["column"])
            kind = step["kind"]
            if kind in ("numeric", "flag"):
                self._number(step, column, block)
            elif kind == "recency":
                self._recency(step, column, moments, block)
            else:
                self._categories(kind, column, lookup, block)
            offset += width
        return matrix

    @staticmethod
    def _number(step, column, block):
        missing = column.missing_mask()
        numbers = np.full(len(missing), np.nan) if column.kind == TEXT else column.values
        has_number = ~np.isnan(numbers)
        if step["kind"] == "numeric":
            filler = 0.0 if step.get("missingIsZero", False) else np.nan
        else:
            filler = np.nan if step.get("missingIndicator", False) else 0.0
        block[:, 0] = np.where(has_number, numbers, filler).astype(np.float32)
        if step.get("missingIndicator", False):
            block[:, 1] = missing

    @staticmethod
    def _recency(step, column, moments, block):
        known = np.zeros(len(moments), dtype=bool)
        days = np.full(len(moments), np.nan)
        if column.kind == TIME:
            # A date after the scoring moment was not known then: it counts as missing.
            known = ~np.isnan(column.values) & (column.values <= moments)
            days[known] = (moments[known] - column.values[known]) / SECONDS_PER_DAY
        block[:, 0] = days.astype(np.float32)
        if step.get("missingIndicator", False):
            block[:, 1] = ~known

    @staticmethod
    def _categories(kind, column, lookup, block):
        other, unknown = block.shape[1] - 2, block.shape[1] - 1
        rows = np.arange(block.shape[0])
        if column.kind != TEXT:
            block[rows, unknown] = 1
            return
        if kind == "multiHot":
            selections = {value: [unknown] if value is None else [lookup.get(part, other)
                                                                  for part in texts.multi_select_values(value)]
                          for value in dict.fromkeys(column.values)}
            hit_rows, hit_columns = [], []
            for row, value in enumerate(column.values):
                for position in selections[value]:
                    hit_rows.append(row)
                    hit_columns.append(position)
            block[np.asarray(hit_rows, dtype=np.intp), np.asarray(hit_columns, dtype=np.intp)] = 1
            return
        table = {value: unknown if value is None else lookup.get(value, other) for value in dict.fromkeys(column.values)}
        block[rows, np.fromiter(map(table.__getitem__, column.values), dtype=np.intp, count=len(rows))] = 1
