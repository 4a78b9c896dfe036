"""The four model families a bundle can hold, each giving the margin leadscore's ScoringModel gives:
log-odds for logistic, trees and blend, the bounded point total for rules."""
import math

import numpy as np

from .errors import BundleFormatError
from .field_condition import FieldCondition
from .field_parser import TIME

SECONDS_PER_DAY = 86_400


class RulesModel:
    """`rules.json`: a points sheet; engagement points fade after the decay field's date."""

    def __init__(self, document, source="rules.json"):
        self.rules = []
        for index, rule in enumerate(document["rules"]):
            condition = FieldCondition(rule["condition"], source, f"rules[{index}].condition")
            self.rules.append((condition, float(rule.get("points", 0)), rule.get("pointsEach"), rule.get("cap"),
                               bool(rule.get("engagement", False))))
        self.decay_field = document.get("decayField")
        self.half_life_days = float(document.get("halfLifeDays", 30))
        self.min_total = document.get("minTotal")
        self.max_total = document.get("maxTotal")

    @property
    def columns_read(self):
        return {rule[0].field for rule in self.rules} | ({self.decay_field} if self.decay_field else set())

    def _decay(self, batch, moments):
        factors = np.ones(batch.count)
        if self.decay_field is None or self.half_life_days <= 0:
            return factors
        column = batch.column(self.decay_field, TIME)
        if column.kind != TIME:
            return factors
        for row in np.flatnonzero(~np.isnan(column.values) & (column.values <= moments)):
            # pow from the C library, as leadscore calls it: numpy's own may differ in the last bit.
            factors[row] = math.pow(0.5, (moments[row] - column.values[row]) / SECONDS_PER_DAY / self.half_life_days)
        return factors

    def margins(self, batch, moments, matrix):
        decay = self._decay(batch, moments)
        by_field = {}
        for condition, points, points_each, cap, engagement in self.rules:
            matched = condition.matches(batch.column(condition.field))
            if points_each is not None:
                numbers = FieldCondition.numbers(batch.column(condition.field))
                raw = np.where(np.isnan(numbers), 0.0, numbers) * float(points_each)
            else:
                raw = np.full(batch.count, points)
            if cap is not None:
                raw = np.maximum(-abs(cap), np.minimum(abs(cap), raw))
            raw = np.where(matched, raw, 0.0)
            if engagement:
                raw = np.where(raw != 0, raw * decay, 0.0)
            by_field[condition.field] = by_field[condition.field] + raw if condition.field in by_field else raw
        total = np.zeros(batch.count)
        for points in by_field.values():
            total = total + points
        if self.min_total is not None:
            total = np.maximum(float(self.min_total), total)
        if self.max_total is not None:
            total = np.minimum(float(self.max_total), total)
        return total


class LinearModel:
    """`linear.json`: standardised inputs, one weight per model column; NaN inputs contribute nothing."""

    def __init__(self, document, width, source="linear.json"):
        self.weights = np.asarray(document["weights"], dtype=np.float64)
        self.means = np.asarray(document["means"], dtype=np.float64)
        self.scales = np.asarray(document["scales"], dtype=np.float64)
        self.bias = float(document["bias"])
        for name in ("weights", "means", "scales"):
            if len(getattr(self, name)) != width:
                raise BundleFormatError(source, name, f"{len(getattr(self, name))} values for {width} model columns",
                                        "the bundle's files do not belong together: retrain it")

    def margins(self, matrix):
        # Added column by column in leadscore's order, so each lead's sum rounds exactly as there.
        total = np.full(matrix.shape[0], self.bias)
        for column in range(matrix.shape[1]):
            x = matrix[:, column].astype(np.float64)
            term = self.weights[column] * (x - self.means[column]) / self.scales[column]
            total = total + np.where(np.isnan(x), 0.0, term)
        return total


class TreeModel:
    """`model.json`: XGBoost's own JSON model, predicted by the xgboost package."""

    def __init__(self, path, width, threads=None):
        import xgboost

        self.booster = xgboost.Booster(model_file=path)
        if threads is not None:
            self.booster.set_param({"nthread": int(threads)})
        features = self.booster.num_features()
        if features != width:
            raise BundleFormatError(path, "num_feature", f"the model reads {features} columns, the pipeline writes {width}",
                                    "the bundle's files do not belong together: retrain it")

    def margins(self, matrix):
        if matrix.shape[0] == 0:
            return np.zeros(0)
        predicted = self.booster.inplace_predict(np.ascontiguousarray(matrix, dtype=np.float32),
                                                 predict_type="margin", missing=np.nan)
        return np.asarray(predicted, dtype=np.float32).astype(np.float64).reshape(-1)


class BlendModel:
    """`blend.json`: `w · trees + (1 − w) · logistic` on the log-odds scale."""

    def __init__(self, linear, trees, tree_weight):
        self.linear, self.trees, self.tree_weight = linear, trees, tree_weight

    def margins(self, matrix):
        return (1 - self.tree_weight) * self.linear.margins(matrix) + self.tree_weight * self.trees.margins(matrix)
