"""`policy.json`: tiers, route overrides, the confidence rules and the prior correction."""
import numpy as np

from . import text as texts
from .errors import BundleFormatError
from .field_condition import FieldCondition
from .field_parser import TEXT

HIGH, MEDIUM, LOW = "High", "Medium", "Low"


class ScoringPolicy:
    def __init__(self, document, source="policy.json"):
        self.tiers = document["tiers"]
        if not self.tiers:
            raise BundleFormatError(source, "tiers", "the policy has no tiers", "retrain the bundle")
        self.overrides = [(FieldCondition(override["condition"], source, f"overrides[{index}].condition"),
                           override["route"]) for index, override in enumerate(document.get("overrides", []))]
        confidence = document["confidence"]
        self.field_weights = confidence["fieldWeights"]
        self.known_values = {field: {texts.canonical(value) for value in values}
                             for field, values in sorted(confidence["knownValues"].items())}
        self.borderline_distance = float(confidence["borderlineDistance"])
        self.prior_shift = document.get("priorShift")

    @property
    def columns_read(self):
        return {condition.field for condition, _ in self.overrides} | set(self.field_weights) | set(self.known_values)

    def tier_indices(self, probabilities):
        """The first tier whose minimum the probability reaches (the last one otherwise)."""
        indices = np.full(len(probabilities), len(self.tiers) - 1, dtype=np.intp)
        for index in range(len(self.tiers) - 1, -1, -1):
            indices[probabilities >= self.tiers[index]["minProbability"]] = index
        return indices

    def routes(self, batch, tier_indices):
        """The tier's route unless an override's condition holds (the first such override wins)."""
        routes = np.array([tier["route"] for tier in self.tiers], dtype=object)[tier_indices]
        overridden = np.zeros(len(tier_indices), dtype=bool)
        for condition, route in self.overrides:
            hit = condition.matches(batch.column(condition.field)) & ~overridden
            routes[hit] = route
            overridden |= hit
        return routes, overridden

    def confidence(self, batch, probabilities):
        """High / Medium / Low from completeness, values unseen in training and closeness to a tier edge."""
        present, total = np.zeros(batch.count), 0.0
        for field, weight in self.field_weights.items():
            total += weight
            present = present + np.where(batch.column(field).missing_mask(), 0.0, weight)
        completeness = present / total if total > 0 else np.ones(batch.count)
        concerns = np.where(completeness < 0.8, np.where(completeness < 0.5, 2, 1), 0)
        unseen = np.zeros(batch.count, dtype=bool)
        for field, known in self.known_values.items():
            column = batch.column(field)
            if column.kind != TEXT:
                continue
            verdicts = {value: value is not None and any(part not in known for part in texts.multi_select_values(value))
                        for value in dict.fromkeys(column.values)}
            unseen |= np.fromiter(map(verdicts.__getitem__, column.values), dtype=bool, count=batch.count)
        concerns = concerns + unseen
        borderline = np.zeros(batch.count, dtype=bool)
        for tier in self.tiers[:-1]:
            borderline |= np.abs(probabilities - tier["minProbability"]) < self.borderline_distance
        concerns = concerns + borderline
        return np.array([HIGH, MEDIUM, LOW], dtype=object)[np.minimum(concerns, 2)]
