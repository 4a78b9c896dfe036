"""Model quality the way a new user gets it, beside untuned scikit-learn and XGBoost on the same split.

For each dataset the raw export is cut once into train.csv and holdout.csv:
  * sample org: hold-out = the newest 20% of the leads old enough to have a known 90-day outcome (a later
    period than every training lead); label = converted within 90 days of creation.
  * online-shoppers (../shared/datasets): stratified random 30% hold-out, seed 42 (as its README's reference
    figures); label = Revenue. A row-number `Id` column is added to both files so scores can be joined back.
leadscore runs as its docs advise: contract draft --from-csv → label → snapshot → profile → every flagged field
marked leakage → snapshot again → train → score the hold-out. The anchors (scikit-learn LogisticRegression with
one-hot + scaling, XGBClassifier with its defaults: nothing tuned) train on the rows of train.csv with the inputs
the final contract allows (PII excluded) and predict the same hold-out. Every metric is computed here, by the
same code, from the three sets of hold-out probabilities. Prints figures; asserts nothing.
"""
import csv
import json
import math
import os
import random
import subprocess
import sys
from datetime import datetime, timedelta, timezone

import numpy as np
import pandas as pd
import yaml
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, brier_score_loss, roc_auc_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from xgboost import XGBClassifier

BIN = os.environ["LEADSCORE_BIN"]
WORK = os.environ["QUALITY_DIR"]
SHARED = os.environ["SHARED_DIR"]
ENV = dict(os.environ, LEADSCORE_PII_SALT="bench-quality-salt-not-secret-0123456789")


def leadscore(*args, capture=False):
    result = subprocess.run([BIN, *args], env=ENV, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"leadscore {' '.join(args)} failed ({result.returncode}):\n{result.stderr[-3000:]}")
    return result.stdout


def ece(labels, probabilities, bins=10):
    """Expected calibration error: 10 equal-width bins, each |mean prediction - positive rate| weighted by size."""
    labels, probabilities = np.asarray(labels, float), np.asarray(probabilities, float)
    edges = np.linspace(0, 1, bins + 1)
    index = np.clip(np.digitize(probabilities, edges[1:-1]), 0, bins - 1)
    total = 0.0
    for b in range(bins):
        mask = index == b
        if mask.any():
            total += mask.sum() / len(labels) * abs(probabilities[mask].mean() - labels[mask].mean())
    return total


def metrics(labels, probabilities):
    return {"roc_auc": roc_auc_score(labels, probabilities), "pr_auc": average_precision_score(labels, probabilities),
            "brier": brier_score_loss(labels, probabilities), "ece": ece(labels, probabilities)}


def prepare_sample_org(directory):
    """Sample org → train.csv (older leads) and holdout.csv (the newest 20% of mature leads)."""
    org = os.path.join(directory, "org")
    leadscore("sample-org", "--leads", os.environ.get("LEADS", "30000"), "--out", org)
    frame = pd.read_csv(os.path.join(org, "Lead.csv"), dtype=str, keep_default_na=False)
    created = pd.to_datetime(frame["CreatedDate"], utc=True)
    export = created.max()
    mature = created <= export - timedelta(days=90)
    cut = created[mature].quantile(0.8)
    converted = pd.to_datetime(frame["ConvertedDate"].replace("", None), utc=True, errors="coerce")
    frame["_label"] = ((frame["IsConverted"].str.lower() == "true") & (converted - created <= timedelta(days=90))).astype(int)
    train, holdout = frame[created < cut], frame[mature & (created >= cut)]
    write(train.drop(columns="_label"), os.path.join(directory, "train.csv"))
    write(holdout.drop(columns="_label"), os.path.join(directory, "holdout.csv"))
    as_of = export.strftime("%Y-%m-%dT%H:%M:%SZ")
    return (train, holdout, dict(label={"field": "IsConverted", "date_field": "ConvertedDate", "window_days": 90},
                                 snapshot=["--as-of", as_of]))


def prepare_online_shoppers(directory):
    """online_shoppers_intention.csv (semicolon-separated) → stratified random 70/30, seed 42, with a row Id."""
    source = os.path.join(SHARED, "datasets", "online-shoppers", "online_shoppers_intention.csv")
    frame = pd.read_csv(source, sep=";", dtype=str, keep_default_na=False)
    frame.insert(0, "Id", [f"S{n:05d}" for n in range(len(frame))])
    frame["_label"] = (frame["Revenue"].str.upper() == "TRUE").astype(int)
    rng = random.Random(42)
    holdout_ids = set()
    for _, group in frame.groupby("_label"):
        ids = list(group["Id"])
        rng.shuffle(ids)
        holdout_ids.update(ids[: round(len(ids) * 0.3)])
    holdout = frame[frame["Id"].isin(holdout_ids)]
    train = frame[~frame["Id"].isin(holdout_ids)]
    # Written back with the export's own dialect: semicolons, as Excel writes them in many locales.
    write(train.drop(columns="_label"), os.path.join(directory, "train.csv"), sep=";")
    write(holdout.drop(columns="_label"), os.path.join(directory, "holdout.csv"), sep=";")
    return train, holdout, dict(label={"field": "Revenue"}, snapshot=[])


def write(frame, path, sep=","):
    frame.to_csv(path, index=False, sep=sep, quoting=csv.QUOTE_MINIMAL)


def run_leadscore(directory, name, settings):
    """The new user's path; returns hold-out probabilities by Id, the flagged fields and the contract."""
    contract_path = os.path.join(directory, "contract.yaml")
    leadscore("contract", "draft", "--from-csv", os.path.join(directory, "train.csv"), "--name", name, "--out", contract_path)
    contract = yaml.safe_load(open(contract_path))
    contract["label"] = settings["label"]
    for field in contract["fields"]:
        if field["name"] == settings["label"]["field"]:
            field["type"] = "boolean"
    yaml.safe_dump(contract, open(contract_path, "w"), sort_keys=False)
    source = "csv:" + os.path.join(directory, "train.csv")
    leadscore("snapshot", "create", "--source", source, "--contract", contract_path, *settings["snapshot"],
              "--out", os.path.join(directory, "snapshot-1"))
    profile = json.loads(leadscore("profile", os.path.join(directory, "snapshot-1"), "--format", "json"))
    # As the new user did: every flagged field (level leakage or review) is marked leakage.
    flagged = [f"{f['name']} ({f.get('leakageLevel') or 'leakage'})" for f in profile["fields"] if f.get("leakageSuspect")]
    for field in contract["fields"]:
        if any(entry.split(" (")[0] == field["name"] for entry in flagged):
            field["scoring"] = "leakage"
    yaml.safe_dump(contract, open(contract_path, "w"), sort_keys=False)
    leadscore("snapshot", "create", "--source", source, "--contract", contract_path, *settings["snapshot"],
              "--out", os.path.join(directory, "snapshot-2"))
    leadscore("train", os.path.join(directory, "snapshot-2"), "--out", os.path.join(directory, "model"))
    scored = os.path.join(directory, "scored.csv")
    leadscore("score", "--bundle", os.path.join(directory, "model"), "--in", os.path.join(directory, "holdout.csv"),
              "--out", scored)
    probabilities = {r["Id"]: float(r["AI_Probability__c"]) for r in csv.DictReader(open(scored)) if r["AI_Probability__c"]}
    metadata = json.load(open(os.path.join(directory, "model", "metadata.json")))
    return probabilities, flagged, contract, metadata


def anchor_inputs(contract, columns):
    """The raw columns of the inputs the final contract allows: not PII, not the label, id or creation time."""
    skip = {contract.get("id_field"), contract.get("created_field"), contract["label"]["field"],
            contract["label"].get("date_field")}
    numeric, categorical = [], []
    for field in contract["fields"]:
        column = field["name"] if field["name"] in columns else field.get("label")
        if field.get("scoring", "allowed") != "allowed" or field.get("pii") or field["name"] in skip or column not in columns:
            continue
        if field["type"] in ("number", "integer"):
            numeric.append(column)
        elif field["type"] in ("boolean", "picklist", "string", "multipicklist"):
            categorical.append(column)
    return numeric, categorical


def run_anchors(train, holdout, contract):
    numeric, categorical = anchor_inputs(contract, train.columns)

    def frame(data):
        out = pd.DataFrame(index=data.index)
        for column in numeric:
            out[column] = pd.to_numeric(data[column], errors="coerce")
        for column in categorical:
            out[column] = data[column].astype(str)
        return out

    x_train, x_holdout = frame(train), frame(holdout)
    y_train = train["_label"].to_numpy()
    encode = ColumnTransformer([
        ("numbers", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), numeric),
        ("categories", OneHotEncoder(handle_unknown="ignore", min_frequency=20), categorical),
    ])
    logistic = make_pipeline(encode, LogisticRegression(max_iter=2000)).fit(x_train, y_train)
    trees = make_pipeline(encode, XGBClassifier(n_jobs=2, random_state=0)).fit(x_train, y_train)
    return ({"logistic (sklearn)": logistic.predict_proba(x_holdout)[:, 1],
             "xgboost (defaults)": trees.predict_proba(x_holdout)[:, 1]}, numeric + categorical)


def ece_noise_floor(probabilities, draws=200, seed=7):
    """Mean ECE of a perfectly calibrated model with these probabilities on this many rows: outcomes drawn
    as Bernoulli(p). ECE is biased upward on finite data, so a measured ECE near this floor is noise."""
    rng = np.random.default_rng(seed)
    p = np.asarray(probabilities, float)
    return float(np.mean([ece(rng.random(len(p)) < p, p) for _ in range(draws)]))


CALIBRATION_VARIANTS = [
    ("default (refit, Platt or isotonic by CV)", {}, None),
    ("refit: false", {"refit": False}, None),
    ("calibration: [platt]", {"calibration": ["platt"]}, None),
    ("calibration: [isotonic]", {"calibration": ["isotonic"]}, None),
    ("validation 25% (--split 0.6,0.25,0.15)", {}, "0.6,0.25,0.15"),
    ("prior_correction: recent", {"prior_correction": "recent"}, None),
]


def calibration_study(directory, settings, holdout):
    """Item 8 of issue 11: what moves ECE. Each variant trains on the same export; the in-distribution ECE
    is the internal test slice's (before any refit, from evaluation.json: the refit's own test figures
    after it), the hold-out ECE is on the later file. The noise floor says how much ECE is sampling; for the
    test slice it is approximate, each reliability bin's rows taken at the bin's mean (the card keeps no
    per-lead probabilities)."""
    print(f"   calibration study (ECE; noise floor = a perfectly calibrated model's ECE on the same rows):")
    print(f"   {'variant':42} {'method':9} {'test ECE':>9} {'after refit':>11} {'floor':>6} {'hold-out':>9} {'floor':>6}")
    source = "csv:" + os.path.join(directory, "train.csv")
    contract = os.path.join(directory, "contract.yaml")
    labels = holdout.set_index("Id")["_label"]
    for index, (name, config, split) in enumerate(CALIBRATION_VARIANTS):
        snapshot = os.path.join(directory, "snapshot-2")
        if split:
            snapshot = os.path.join(directory, f"study-snapshot-{index}")
            leadscore("snapshot", "create", "--source", source, "--contract", contract, *settings["snapshot"],
                      "--split", split, "--out", snapshot)
        config_path = os.path.join(directory, f"study-{index}.yaml")
        yaml.safe_dump(config, open(config_path, "w"))
        model = os.path.join(directory, f"study-model-{index}")
        leadscore("train", snapshot, "--config", config_path, "--out", model)
        scored = os.path.join(directory, f"study-scored-{index}.csv")
        leadscore("score", "--bundle", model, "--in", os.path.join(directory, "holdout.csv"), "--out", scored)
        rows = [r for r in csv.DictReader(open(scored)) if r["AI_Probability__c"]]
        p = np.array([float(r["AI_Probability__c"]) for r in rows])
        y = np.array([labels[r["Id"]] for r in rows])
        evaluation = json.load(open(os.path.join(model, "evaluation.json")))
        champion = next(m for m in evaluation["models"] if m["kind"] == evaluation["champion"])
        test = champion["test"]
        test_p = [b["meanPredicted"] for b in test["reliability"] for _ in range(b["count"])]
        after = evaluation.get("refit", {}) or {}
        after_ece = f"{after['testAfter']['ece']:11.4f}" if after else f"{'-':>11}"
        method = evaluation["calibration"]["calibrator"]["method"]
        print(f"   {name:42} {method:9} {test['ece']:9.4f} {after_ece} {ece_noise_floor(test_p):6.3f} "
              f"{ece(y, p):9.4f} {ece_noise_floor(p):6.3f}")


def main():
    datasets = [("sample-org", prepare_sample_org), ("online-shoppers", prepare_online_shoppers)]
    for name, prepare in datasets:
        directory = os.path.join(WORK, name)
        os.makedirs(directory, exist_ok=True)
        train, holdout, settings = prepare(directory)
        probabilities, flagged, contract, metadata = run_leadscore(directory, name, settings)
        anchors, inputs = run_anchors(train, holdout, contract)
        scored = holdout[holdout["Id"].isin(probabilities)]
        labels = holdout["_label"].to_numpy()
        print(f"\n== {name}: train {len(train)} rows, hold-out {len(holdout)} rows "
              f"({holdout['_label'].mean():.1%} positive); leadscore scored {len(scored)} of them")
        print(f"   flagged by the profile (marked leakage): {', '.join(flagged) or 'none'}")
        used = [f["name"] for f in contract["fields"] if f.get("scoring", "allowed") == "allowed" and not f.get("pii")]
        print(f"   leadscore inputs ({len(used)}): {', '.join(used)}")
        print(f"   leadscore champion: {metadata.get('kind')} ({metadata.get('modelVersion', '')})")
        print(f"   {'model':22} {'ROC AUC':>8} {'PR AUC':>8} {'Brier':>8} {'ECE':>8}")
        rows = [("leadscore", scored["_label"].to_numpy(), np.array([probabilities[i] for i in scored["Id"]]))]
        rows += [(model, labels, predicted) for model, predicted in anchors.items()]
        for model, y, p in rows:
            m = metrics(y, p)
            print(f"   {model:22} {m['roc_auc']:8.4f} {m['pr_auc']:8.4f} {m['brier']:8.4f} {m['ece']:8.4f}")
        if os.environ.get("CALIBRATION_STUDY") == "1":
            calibration_study(directory, settings, holdout)


if __name__ == "__main__":
    main()
