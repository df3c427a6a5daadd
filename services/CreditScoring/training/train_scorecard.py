#!/usr/bin/env python3
"""Train the champion logistic-regression scorecard on the German credit data.

    /usr/bin/python3 services/CreditScoring/training/train_scorecard.py [--datasets DIR]
        [--out DIR] [--created-at 2026-01-01T00:00:00Z]

Every feature is split into bins (each category is a bin; numeric features get interval bins
whose cut-points a small decision tree picks on the training rows), and the model is
logit(PD) = intercept + sum of weight[feature][bin(x)], fitted by LogisticRegression on the
one-hot bin indicators. Binning is refitted inside every fold, so the CV metrics never see
the test fold. Output is byte-for-byte deterministic for the same inputs and --created-at.
"""
import argparse
import hashlib
import json
import math
import sys
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import pandas as pd
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss, roc_auc_score, roc_curve
from sklearn.tree import DecisionTreeClassifier

import model_card
import training_distribution

REPO_ROOT = Path(__file__).resolve().parents[3]
MODEL_NAME = "german-scorecard"
MODEL_VERSION = "1"
FORMAT_VERSION = 1
DATA_FILE = "german_credit/german.data"
FOLD_FILE = "german_credit/folds_10.csv"

# German attribute number (1-based) -> Decision API feature name and A-code -> API value.
CATEGORICAL = [
    ("checkingAccount", 1, {"A11": "lt_0", "A12": "0_to_200", "A13": "ge_200", "A14": "none"}),
    ("creditHistory", 3, {"A30": "no_credits", "A31": "all_paid_here", "A32": "existing_paid",
                          "A33": "past_delays", "A34": "critical"}),
    # A47 (vacation) has no rows; it maps to "other" so the API value set stays closed.
    ("purpose", 4, {"A40": "car_new", "A41": "car_used", "A42": "furniture", "A43": "radio_tv",
                    "A44": "appliances", "A45": "repairs", "A46": "education", "A48": "retraining",
                    "A49": "business", "A410": "other", "A47": "other"}),
    ("savings", 6, {"A61": "lt_100", "A62": "100_to_500", "A63": "500_to_1000", "A64": "ge_1000",
                    "A65": "unknown"}),
    ("employment", 7, {"A71": "unemployed", "A72": "lt_1y", "A73": "1_to_4y", "A74": "4_to_7y",
                       "A75": "ge_7y"}),
    ("otherDebtors", 10, {"A101": "none", "A102": "co_applicant", "A103": "guarantor"}),
    ("property", 12, {"A121": "real_estate", "A122": "savings_insurance", "A123": "car_other",
                      "A124": "none"}),
    ("otherInstallmentPlans", 14, {"A141": "bank", "A142": "stores", "A143": "none"}),
    ("housing", 15, {"A151": "rent", "A152": "own", "A153": "free"}),
    ("job", 17, {"A171": "unskilled_nonresident", "A172": "unskilled_resident", "A173": "skilled",
                 "A174": "highly_skilled"}),
    ("telephone", 19, {"A191": "no", "A192": "yes"}),
]
# API feature name, attribute number, allowed range of the Decision API (contract).
NUMERIC = [
    ("termMonths", 2, (6, 72)),
    ("amount", 5, (250, 20000)),
    ("installmentRatePct", 8, (1, 4)),
    ("residenceYears", 11, (1, 4)),
    ("age", 13, (18, 100)),
    ("existingCredits", 16, (1, 4)),
    ("dependents", 18, (1, 2)),
]
FEATURE_ORDER = [
    "amount", "termMonths", "purpose", "age", "checkingAccount", "creditHistory", "savings",
    "employment", "installmentRatePct", "otherDebtors", "residenceYears", "property",
    "otherInstallmentPlans", "housing", "existingCredits", "job", "dependents", "telephone",
]
EXCLUDED = [
    {"attribute": 9, "name": "personal status and sex",
     "reason": "sex and marital status are prohibited bases for credit decisions"},
    {"attribute": 20, "name": "foreign worker",
     "reason": "national origin is a prohibited basis for credit decisions"},
]

# What the model card says of this model beside what model_card says of every German model.
SUMMARY = ("A logistic-regression scorecard: every feature is split into bins (each category a bin, numeric "
           "features into at most five intervals whose bad rate is monotone), and logit(PD) is the intercept plus "
           "one weight per feature's bin. Reasons are the bins that cost the applicant most against each feature's "
           "best bin.")
ROLE = ("Trained as the champion: the model whose PD the policy decides with (CreditScoring's Scoring:Champion "
        "names it).")
LIMITATIONS = [
    "C was chosen on the same folds that measure it (cvMetrics.selectedC); cvMetrics.nestedC, which re-chooses C "
    "inside every outer fold, is the unbiased estimate.",
    "Bins make the PD a step function: applicants just either side of a cut-point of term, amount or age get "
    "different PDs, and within a bin the PD does not move at all.",
]

# Cut-point search: at most 5 intervals, each holding at least 5% of the training rows.
# A small exploration on the canonical folds put every setting from 3 to 8 intervals and
# 3% to 8% minimum share within 0.788-0.792 mean AUC, so the choice is kept simple and fixed.
MAX_INTERVALS = 5
MIN_BIN_SHARE = 0.05
C_GRID = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0]
COST_THRESHOLD = 1 / 6


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load(datasets):
    raw = pd.read_csv(datasets / DATA_FILE, sep=" ", header=None, dtype=str)
    if raw.shape != (1000, 21):
        sys.exit(f"unexpected shape {raw.shape} of {DATA_FILE}")
    frame = {}
    for name, attr, codes in CATEGORICAL:
        column = raw[attr - 1]
        unknown = sorted(set(column) - set(codes))
        if unknown:
            sys.exit(f"unknown codes {unknown} for attribute {attr}")
        frame[name] = column.map(codes).values
    for name, attr, _ in NUMERIC:
        frame[name] = raw[attr - 1].astype(float).values
    y = (raw[20].astype(int) == 2).astype(int).values
    folds = pd.read_csv(datasets / FOLD_FILE)
    fold = folds.sort_values("row")["fold"].values
    if len(fold) != len(y) or list(folds.sort_values("row")["row"]) != list(range(len(y))):
        sys.exit(f"{FOLD_FILE} does not cover rows 0..{len(y) - 1}")
    return frame, y, fold


def categories(name):
    codes = next(c for n, _, c in CATEGORICAL if n == name)
    return list(dict.fromkeys(codes.values()))


def fit_cut_points(x, y, decreasing):
    """Inclusive upper bounds (without the final +inf) from a small tree on one feature,
    merged so that the bad rate is monotone in x."""
    tree = DecisionTreeClassifier(max_leaf_nodes=MAX_INTERVALS,
                                  min_samples_leaf=math.ceil(MIN_BIN_SHARE * len(y)),
                                  random_state=0)
    tree.fit(x.reshape(-1, 1), y)
    thresholds = tree.tree_.threshold[tree.tree_.feature >= 0]
    # Every input is a whole number, so "x <= floor(threshold)" splits exactly like the tree.
    cuts = sorted({float(math.floor(t)) for t in thresholds})
    return monotone(cuts, x, y, decreasing)


def monotone(cuts, x, y, decreasing):
    """Merge neighbouring intervals until the bad rate only rises (or only falls) with x."""
    while True:
        bins = np.searchsorted(np.array(cuts), x, side="left")
        rates = [y[bins == i].mean() for i in range(len(cuts) + 1)]
        steps = [(rates[i] < rates[i + 1]) if decreasing else (rates[i] > rates[i + 1])
                 for i in range(len(cuts))]
        if not any(steps):
            return cuts
        del cuts[steps.index(True)]


def risk_falls_with(name, x, y):
    # Regulation B (12 CFR 1002.6(b)(2)) lets a scorecard use age only if an elderly applicant
    # is never scored worse than any younger class, so age bins must not rise in risk.
    if name == "age":
        return True
    return bool(np.corrcoef(x, y)[0, 1] < 0)


class Binning:
    def __init__(self, frame, y, rows):
        self.cuts = {name: fit_cut_points(frame[name][rows], y[rows], risk_falls_with(name, frame[name][rows], y[rows]))
                     for name, _, _ in NUMERIC}
        self.columns = []
        for name in FEATURE_ORDER:
            if name in self.cuts:
                self.columns += [(name, i) for i in range(len(self.cuts[name]) + 1)]
            else:
                self.columns += [(name, v) for v in categories(name)]

    def bin_of(self, name, values):
        if name in self.cuts:
            return np.searchsorted(np.array(self.cuts[name]), values, side="left")
        return values

    def design(self, frame, rows):
        x = np.zeros((len(rows), len(self.columns)))
        binned = {name: self.bin_of(name, frame[name][rows]) for name in FEATURE_ORDER}
        for j, (name, key) in enumerate(self.columns):
            x[:, j] = binned[name] == key
        return x


def fit(x, y, c):
    return LogisticRegression(C=c, max_iter=10000, tol=1e-10).fit(x, y)


def metrics(y, p):
    fpr, tpr, _ = roc_curve(y, p)
    predicted_bad = p > COST_THRESHOLD
    cost = (5 * np.sum(~predicted_bad & (y == 1)) + np.sum(predicted_bad & (y == 0))) / len(y)
    return {"auc": roc_auc_score(y, p), "ks": float(np.max(tpr - fpr)),
            "brier": brier_score_loss(y, p), "cost": float(cost)}


def fold_designs(frame, y, fold, train_folds):
    """(train X, train y, test X, test y) for each held-out fold among train_folds."""
    out = []
    for k in train_folds:
        train = np.where(np.isin(fold, train_folds) & (fold != k))[0]
        test = np.where(fold == k)[0]
        binning = Binning(frame, y, train)
        out.append((binning.design(frame, train), y[train], binning.design(frame, test), y[test]))
    return out


def predict_folds(designs, c):
    return [fit(x_train, y_train, c).predict_proba(x_test)[:, 1] for x_train, y_train, x_test, _ in designs]


def cross_validate(designs, c):
    return [metrics(y_test, p) for (_, _, _, y_test), p in zip(designs, predict_folds(designs, c))]


def best_c(designs):
    return max(C_GRID, key=lambda c: (np.mean([m["auc"] for m in cross_validate(designs, c)]), -c))


def summarise(per_fold):
    auc = [m["auc"] for m in per_fold]
    return {"aucMean": float(np.mean(auc)), "aucSd": float(np.std(auc, ddof=1)),
            "ks": float(np.mean([m["ks"] for m in per_fold])),
            "brier": float(np.mean([m["brier"] for m in per_fold])),
            "costAtOneSixth": float(np.mean([m["cost"] for m in per_fold]))}


def evaluate(frame, y, fold):
    folds = sorted(set(fold.tolist()))
    designs = fold_designs(frame, y, fold, folds)
    c = best_c(designs)
    out_of_fold = np.zeros(len(y))
    for k, p in zip(folds, predict_folds(designs, c)):
        out_of_fold[fold == k] = p
    selected = summarise([metrics(y[fold == k], out_of_fold[fold == k]) for k in folds])
    # Nested: C is chosen on the nine training folds only, so this estimate is not tuned on the test fold.
    nested = []
    for k in folds:
        inner = fold_designs(frame, y, fold, [f for f in folds if f != k])
        nested += cross_validate([designs[folds.index(k)]], best_c(inner))
    return c, selected, summarise(nested), out_of_fold


def model_document(binning, model):
    weights = dict(zip(binning.columns, model.coef_[0].tolist()))
    features = []
    for name in FEATURE_ORDER:
        if name in binning.cuts:
            bounds = binning.cuts[name] + [math.inf]
            bins = [{"upperBound": b if math.isfinite(b) else "+inf", "weight": weights[(name, i)]}
                    for i, b in enumerate(bounds)]
            best = min(range(len(bins)), key=lambda i: (bins[i]["weight"], i))
            features.append({"name": name, "type": "numeric", "upperBoundsInclusive": True,
                             "bins": bins, "bestBin": best})
        else:
            values = categories(name)
            bins = {v: weights[(name, v)] for v in values}
            best = min(values, key=lambda v: (bins[v], values.index(v)))
            features.append({"name": name, "type": "categorical", "bins": bins, "bestBin": best})
    return {
        "formatVersion": FORMAT_VERSION,
        "name": MODEL_NAME,
        "version": MODEL_VERSION,
        "modelVersion": f"{MODEL_NAME}-{MODEL_VERSION}",
        "link": "logit",
        "output": "probability of default (German credit class 2 = bad)",
        "intercept": float(model.intercept_[0]),
        "features": features,
    }


def possible_reasons(document):
    """(feature, bin) of every reason the scorecard can give: each bin weighing more than the feature's best."""
    reasons = []
    for feature in document["features"]:
        if feature["type"] == "numeric":
            weights = [b["weight"] for b in feature["bins"]]
            best = weights[feature["bestBin"]]
            sides = ["lower" if i < feature["bestBin"] else "higher" for i, w in enumerate(weights) if w > best]
            reasons += [(feature["name"], side) for side in dict.fromkeys(sides)]
        else:
            best = feature["bins"][feature["bestBin"]]
            reasons += [(feature["name"], v) for v, w in feature["bins"].items() if w > best]
    return reasons


def manifest_features(frame):
    features = []
    for name in FEATURE_ORDER:
        numeric = next((n for n in NUMERIC if n[0] == name), None)
        if numeric:
            low, high = numeric[2]
            features.append({"name": name, "type": "numeric", "germanAttribute": numeric[1],
                             "allowedRange": [low, high],
                             "trainingRange": [float(frame[name].min()), float(frame[name].max())]})
        else:
            attr = next(a for n, a, _ in CATEGORICAL if n == name)
            features.append({"name": name, "type": "categorical", "germanAttribute": attr,
                             "allowedValues": categories(name)})
    return features


def manifest_document(frame, datasets, c, selected, nested, distribution, created_at):
    return {
        "name": MODEL_NAME,
        "version": MODEL_VERSION,
        "modelVersion": f"{MODEL_NAME}-{MODEL_VERSION}",
        "modelFile": "model.json",
        "kind": "logistic-regression scorecard on one-hot bin indicators",
        "target": "German credit class 2 (bad) = 1",
        "features": manifest_features(frame),
        "excludedAttributes": EXCLUDED,
        "trainingData": {"file": DATA_FILE, "rows": len(frame["age"]),
                         "sha256": sha256(datasets / DATA_FILE)},
        "folds": {"file": FOLD_FILE,
                  "sha256": sha256(datasets / FOLD_FILE)},
        "training": {"binning": f"decision-tree cut-points, at most {MAX_INTERVALS} intervals, "
                                f"each at least {MIN_BIN_SHARE:.0%} of training rows, refitted per fold",
                     "regularisation": "L2", "cGrid": C_GRID, "selectedC": c,
                     "selection": "highest mean AUC over the canonical 10 folds"},
        "cvMetrics": {"protocol": "10-fold CV on the canonical folds, mean over folds; "
                                  "cost = average 5:1 cost at p(bad) > 1/6",
                      "selectedC": selected, "nestedC": nested},
        "trainingDistribution": distribution,
        "sklearnVersion": sklearn.__version__,
        "numpyVersion": np.__version__,
        "pandasVersion": pd.__version__,
        "createdAt": created_at,
    }


def write_json(path, document):
    path.write_text(json.dumps(document, indent=2, allow_nan=False) + "\n", encoding="utf-8")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", type=Path, default=REPO_ROOT.parent / "shared" / "datasets")
    parser.add_argument("--out", type=Path,
                        default=REPO_ROOT / "services/CreditScoring/models" / MODEL_NAME / MODEL_VERSION)
    parser.add_argument("--created-at", help="UTC timestamp recorded in the manifest (default: now)")
    args = parser.parse_args()
    created_at = args.created_at or datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")

    frame, y, fold = load(args.datasets)
    c, selected, nested, out_of_fold = evaluate(frame, y, fold)
    print(f"C={c} CV {json.dumps(selected)}\nnested CV {json.dumps(nested)}")

    all_rows = np.arange(len(y))
    binning = Binning(frame, y, all_rows)
    x = binning.design(frame, all_rows)
    model = fit(x, y, c)
    pd_all = model.predict_proba(x)[:, 1]
    document = model_document(binning, model)
    age = next(f for f in document["features"] if f["name"] == "age")
    if age["bestBin"] != len(age["bins"]) - 1:
        sys.exit("the oldest age bin is not the best age bin: elderly applicants would be penalised")

    args.out.mkdir(parents=True, exist_ok=True)
    write_json(args.out / "model.json", document)
    distribution = training_distribution.document(frame, manifest_features(frame), pd_all)
    manifest = manifest_document(frame, args.datasets, c, selected, nested, distribution, created_at)
    write_json(args.out / "manifest.json", manifest)
    lines = ["row,pd"] + [f"{i},{p:.17g}" for i, p in enumerate(pd_all)]
    (args.out / "parity.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    model_card.write(args.out, model_card.card_document(
        manifest, args.out / "manifest.json", summary=SUMMARY, role=ROLE, y=y, oof_pd=out_of_fold,
        oof_source=f"out-of-fold PDs of C = {c} on the canonical 10 folds (binning refitted in every fold)",
        age=frame["age"], possible_reasons=possible_reasons(document), model_limitations=LIMITATIONS), write_json)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
