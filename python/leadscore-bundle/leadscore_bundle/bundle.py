"""A leadscore model bundle loaded in Python, scoring raw leads as `leadscore score` does.

    bundle = Bundle.load("var/demo/model")
    scored = bundle.score_rows([{"Id": "00Q…", "LeadSource": "Web", "CreatedDate": "2025-03-04", …}])
    scored.probability, scored.score, scored.tier, scored.route

Rows are the raw texts of a CSV export or a Spark DataFrame of strings, keyed by Salesforce API
names or report labels. They are read, derived, transformed, scored, calibrated, prior-corrected and
tiered through ports of leadscore's own steps; reasons are not computed.
"""
import time

import numpy as np

from . import calibration, contract as contracts
from .bundle_files import BundleFiles
from .calibration import Calibrator
from .errors import BundleFormatError
from .feature_pipeline import FeaturePipeline
from .lead_batch import LeadBatch
from .models import BlendModel, LinearModel, RulesModel, TreeModel
from .scored_leads import ScoredLeads
from .scoring_policy import ScoringPolicy

KINDS = ("rules", "logistic", "trees", "blend")
METADATA_FORMAT_VERSION = 1


class Bundle:
    def __init__(self, files, metadata, contract, pipeline, model, calibrator, policy):
        self.files, self.metadata = files, metadata
        self.contract, self.pipeline, self.model = contract, pipeline, model
        self.calibrator, self.policy = calibrator, policy
        self.kind = metadata["kind"]
        self.model_version = metadata["modelVersion"]
        self._wanted = pipeline.columns_read | policy.columns_read | getattr(model, "columns_read", set())
        if pipeline.created_field:
            self._wanted.add(pipeline.created_field)

    @classmethod
    def load(cls, path, threads=None):
        """Loads and verifies the bundle at `path`. `threads`: XGBoost threads (None: all cores;
        1 inside Spark, where each task already has its core)."""
        files = BundleFiles(path)
        files.verify_all()
        metadata = files.json("metadata.json")
        if metadata.get("formatVersion") != METADATA_FORMAT_VERSION:
            raise BundleFormatError(files.path("metadata.json"), "formatVersion",
                                    f"bundle format {metadata.get('formatVersion')!r} is not supported",
                                    f"this package reads format {METADATA_FORMAT_VERSION}; update leadscore-bundle")
        kind = metadata.get("kind")
        if kind not in KINDS:
            raise BundleFormatError(files.path("metadata.json"), "kind", f"unknown model kind '{kind}'",
                                    f"update leadscore-bundle; it reads {', '.join(KINDS)}")
        contract = contracts.parse(files.data("contract.yaml").decode("utf-8"), files.path("contract.yaml"))
        pipeline = _read(files, "pipeline.json", FeaturePipeline)
        model = cls._model(files, kind, pipeline.width, threads)
        return cls(files, metadata, contract, pipeline, model, _read(files, "calibrator.json", Calibrator),
                   _read(files, "policy.json", ScoringPolicy))

    @staticmethod
    def _model(files, kind, width, threads):
        if kind == "rules":
            return _read(files, "rules.json", RulesModel)
        linear = None if kind == "trees" else _read(files, "linear.json", lambda document, source:
                                                     LinearModel(document, width, source))
        if kind == "logistic":
            return linear
        files.data("model.json")
        trees = TreeModel(files.path("model.json"), width, threads)
        if kind == "trees":
            return trees
        weight = files.json("blend.json").get("treeWeight")
        if not isinstance(weight, (int, float)) or not 0 <= weight <= 1:
            raise BundleFormatError(files.path("blend.json"), "treeWeight", f"{weight!r} is not between 0 and 1",
                                    "retrain the bundle; blend weights are written by `leadscore train`")
        return BlendModel(linear, trees, float(weight))

    def score_rows(self, rows, data_as_of=None):
        """Scores raw leads: a list of dicts (header → text), or columns (a dict of lists, a pandas
        DataFrame). `data_as_of`: the moment scores describe, seconds since 1970 (default: now)."""
        headers, columns = _columns_of(rows)
        if not headers:
            # No rows at all (an empty list): nothing to refuse, nothing to score.
            return self._results(LeadBatch(0, {}, [], []), np.zeros(0))
        return self.score_columns(headers, columns, data_as_of)

    def score_columns(self, headers, columns, data_as_of=None):
        """The same for `columns[i]`, the values of the source column named `headers[i]` (a header
        given twice keeps its first column, as in a CSV file)."""
        batch = LeadBatch.read(headers, columns, self.contract, self._wanted)
        moments = self.pipeline.scoring_moments(batch, time.time() if data_as_of is None else data_as_of)
        matrix = self.pipeline.transform(batch, moments)
        if isinstance(self.model, RulesModel):
            margins = self.model.margins(batch, moments, matrix)
        else:
            margins = self.model.margins(matrix)
        probabilities = calibration.shifted(self.calibrator.probabilities(margins), self.policy.prior_shift)
        return self._results(batch, probabilities)

    def _results(self, batch, probabilities):
        policy = self.policy
        tier_indices = policy.tier_indices(probabilities)
        names = np.array([tier["name"] for tier in policy.tiers], dtype=object)[tier_indices]
        labels = np.array([tier["label"] for tier in policy.tiers], dtype=object)[tier_indices]
        routes, overridden = policy.routes(batch, tier_indices)
        confidence = policy.confidence(batch, probabilities)
        review = (names == policy.tiers[0]["name"]) & (confidence == "Low")
        # round(100 × probability), halves away from zero as Swift's `rounded()`.
        hundred = probabilities * 100
        scores = np.floor(hundred)
        scores = (scores + (hundred - scores >= 0.5)).astype(np.int64)
        problems = [None] * batch.count
        for problem in batch.problems:
            problems[problem.row] = (problems[problem.row] or []) + [str(problem)]
        refused = np.fromiter((entry is not None for entry in problems), dtype=bool, count=batch.count)
        if refused.any():
            probabilities = np.where(refused, np.nan, probabilities)
            scores[refused] = -1
            for column in (names, labels, routes, confidence):
                column[refused] = None
            overridden[refused] = False
            review[refused] = False
        return ScoredLeads(self.model_version, lead_id=batch.lead_ids, probability=probabilities, score=scores,
                           tier=names, tier_label=labels, route=routes, overridden=overridden,
                           confidence=confidence, review_needed=review, problems=problems)


def _read(files, name, build):
    """`build(document, path)` for a JSON file of the bundle; a missing or mistyped field is refused by name."""
    path = files.path(name)
    try:
        return build(files.json(name), path)
    except KeyError as error:
        raise BundleFormatError(path, str(error.args[0]), "the field is missing",
                                "retrain the bundle with a leadscore this package knows") from None
    except (TypeError, ValueError, AttributeError) as error:
        raise BundleFormatError(path, None, f"a field has an unexpected shape ({error})",
                                "retrain the bundle with a leadscore this package knows") from None


def _columns_of(rows):
    """(headers, one sequence per header) from a list of dicts or a mapping of columns."""
    if hasattr(rows, "keys") and not isinstance(rows, (list, tuple)):
        headers = [str(header) for header in rows.keys()]
        columns = [rows[header] for header in rows.keys()]
        return headers, [column.tolist() if hasattr(column, "tolist") else list(column) for column in columns]
    rows = list(rows)
    headers = list(dict.fromkeys(key for row in rows for key in row))
    return headers, [[row.get(header) for row in rows] for header in headers]
