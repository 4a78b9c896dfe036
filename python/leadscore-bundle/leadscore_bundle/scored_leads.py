"""What `Bundle.score_rows` returns: one entry per input row, in input order, as numpy arrays."""
import numpy as np


class ScoredLeads:
    """Scores of a batch of leads; a refused row (a value leadscore would refuse) has `problems`,
    probability NaN, score -1 and None for its tier, route and confidence.

    Attributes (arrays of the batch's length): `lead_id`, `probability` (calibrated, float64),
    `score` (0–100, int64), `tier`, `tier_label`, `route`, `overridden` (bool: an override chose the
    route), `confidence` (High / Medium / Low), `review_needed` (bool), `problems` (None, or the
    row's problems as text). `model_version` names the bundle.
    """

    COLUMNS = ("lead_id", "probability", "score", "tier", "tier_label", "route", "overridden", "confidence",
               "review_needed", "problems")

    def __init__(self, model_version, **columns):
        self.model_version = model_version
        for name in self.COLUMNS:
            setattr(self, name, columns[name])

    def __len__(self):
        return len(self.probability)

    @property
    def refused(self):
        return np.fromiter((problems is not None for problems in self.problems), dtype=bool, count=len(self))

    def rows(self):
        """One dict per lead, e.g. for a list of records or a small report."""
        for index in range(len(self)):
            row = {name: getattr(self, name)[index] for name in self.COLUMNS}
            row["probability"] = float(row["probability"])
            row["score"] = int(row["score"])
            row["overridden"] = bool(row["overridden"])
            row["review_needed"] = bool(row["review_needed"])
            yield row
