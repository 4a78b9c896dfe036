"""Proves a leadscore bundle's model.json is plain XGBoost: Python XGBoost loads it and gives the
same margins (and SHAP contributions that add up to them) as leadscore did.

    python3 scripts/check_bundle_python.py BUNDLE INPUTS.csv EXPECTED.csv

INPUTS.csv: one row of model inputs per lead (header = bundle feature columns, empty = missing).
EXPECTED.csv: one column `margin`, leadscore's raw log-odds for the same rows.
Prints one JSON line; exits 1 when any margin differs by more than 1e-5.
Works with Debian's python3-xgboost (1.7) and PyPI xgboost 2.x/3.x.
"""
import csv
import json
import math
import sys

import numpy as np
import xgboost


def read_rows(path):
    with open(path, newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        rows = [[float(v) if v != "" else math.nan for v in row] for row in reader]
    return header, np.array(rows, dtype=np.float32)


def main() -> int:
    bundle, inputs_path, expected_path = sys.argv[1:4]
    _, inputs = read_rows(inputs_path)
    _, expected = read_rows(expected_path)
    booster = xgboost.Booster(model_file=f"{bundle}/model.json")
    matrix = xgboost.DMatrix(inputs, missing=math.nan)
    margins = booster.predict(matrix, output_margin=True)
    contributions = booster.predict(matrix, pred_contribs=True)
    margin_gap = float(np.max(np.abs(margins - expected[:, 0])))
    shap_gap = float(np.max(np.abs(contributions.sum(axis=1) - margins)))
    ok = margin_gap < 1e-5 and shap_gap < 1e-4
    print(json.dumps({"xgboost": xgboost.__version__, "rows": int(len(margins)), "max_margin_gap": margin_gap,
                      "max_shap_sum_gap": shap_gap, "ok": ok}))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
