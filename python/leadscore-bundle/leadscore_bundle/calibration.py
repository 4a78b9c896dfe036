"""`calibrator.json` (Platt or isotonic) and the prior correction of `policy.json`.

The exponentials and logarithms go through Python's `math` module, which calls the same C library
as leadscore: tiers are cut at probabilities leadscore computed, and a lead whose margin equals a
validation lead's must land on exactly the same side of the cut.
"""
import math

import numpy as np

from .errors import BundleFormatError

METHODS = ("platt", "isotonic")


class Calibrator:
    def __init__(self, document, source="calibrator.json"):
        self.method = document.get("method")
        if self.method == "platt":
            self.a, self.b = float(document["a"]), float(document["b"])
        elif self.method == "isotonic":
            self.x = np.asarray(document["x"], dtype=np.float64)
            self.y = np.asarray(document["y"], dtype=np.float64)
            if len(self.x) != len(self.y) or len(self.x) == 0:
                raise BundleFormatError(source, "y", "isotonic calibration needs one y per x, at least one",
                                        "retrain the bundle")
        else:
            raise BundleFormatError(source, "method", f"unknown calibration method '{self.method}'",
                                    f"update leadscore-bundle; it reads {', '.join(METHODS)}")

    def probabilities(self, margins):
        if self.method == "platt":
            return 1 / (1 + _exp(self.a * margins + self.b))
        return self._isotonic(margins)

    def _isotonic(self, margins):
        """Linear interpolation between breakpoints, clipped to the first and last outside them."""
        x, y = self.x, self.y
        if len(x) == 1:
            return np.full(len(margins), y[0])
        clipped = np.minimum(np.maximum(margins, x[0]), x[-1])
        upper = np.clip(np.searchsorted(x, clipped, side="left"), 1, len(x) - 1)
        lower = upper - 1
        slope = (y[upper] - y[lower]) / (x[upper] - x[lower])
        return slope * (clipped - x[lower]) + y[lower]


# The largest argument whose exponential is finite; C's exp gives infinity above it, math.exp raises.
_EXP_LIMIT = 709.782712893384


def _exp(values):
    """C's `exp` element by element (numpy's vectorised exp may differ in the last bit)."""
    finite = np.minimum(values, _EXP_LIMIT)
    result = np.fromiter(map(math.exp, finite.tolist()), dtype=np.float64, count=len(values))
    result[values > _EXP_LIMIT] = math.inf
    return result


def _logit(probabilities):
    clamped = np.minimum(np.maximum(probabilities, 1e-6), 1 - 1e-6)
    ratios = clamped / (1 - clamped)
    return np.fromiter(map(math.log, ratios.tolist()), dtype=np.float64, count=len(ratios))


def shifted(probabilities, shift):
    """`prior_correction: recent`: every probability moved by `shift` on the logit scale."""
    if shift is None:
        return probabilities
    return 1 / (1 + _exp(-(_logit(probabilities) + shift)))
