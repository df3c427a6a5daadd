#!/usr/bin/env python3
"""Learns the market's interest rate by risk grade and term from Lending Club's 2016Q1 loans.

    /usr/bin/python3 services/Pricing/training/train_market_rates.py [--datasets DIR] [--created-at ISO]

Writes services/Pricing/models/market-rates/1/market_rates.json (rate per grade for 36 and 60 months,
non-decreasing from A to G) and manifest.json (data hash, 5-fold CV error on the canonical folds).
The rate per (grade, term) is the loan-weighted mean rate, made monotone in grade by isotonic
regression, so a worse grade is never priced below a better one by the market either.
"""
import argparse
import hashlib
import json
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import pandas as pd
import sklearn
from sklearn.isotonic import IsotonicRegression

REPO_ROOT = Path(__file__).resolve().parents[3]
DATA_FILE = "lending_club_2016q1/lending_club.csv"
FOLD_FILE = "lending_club_2016q1/folds_5.csv"
GRADES = ["A", "B", "C", "D", "E", "F", "G"]
TERMS = {"term_36": 36, "term_60": 60}
OUT = REPO_ROOT / "services/Pricing/models/market-rates/1"


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fit(frame):
    """Rate per term and grade: weighted mean per cell, then isotonic (non-decreasing) across grades."""
    table = {}
    for term_name, months in TERMS.items():
        cells = frame[frame.term == term_name].groupby("grade").int_rate.agg(["mean", "count"]).reindex(GRADES)
        # A grade with no loans in a fold borrows its neighbours' level through the isotonic fit.
        known = cells["count"].fillna(0) > 0
        iso = IsotonicRegression(increasing=True, out_of_bounds="clip")
        x = np.arange(len(GRADES))
        iso.fit(x[known], cells["mean"][known], sample_weight=cells["count"][known])
        table[months] = [round(float(r), 4) for r in iso.predict(x)]
    return table


def predict(table, frame):
    index = frame.grade.map({g: i for i, g in enumerate(GRADES)}).values
    months = frame.term.map(TERMS).values
    return np.array([table[m][i] for m, i in zip(months, index)])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--datasets", type=Path, default=REPO_ROOT.parent / "shared/datasets")
    parser.add_argument("--created-at", default="2026-11-23T00:00:00Z")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()

    data_path, fold_path = args.datasets / DATA_FILE, args.datasets / FOLD_FILE
    frame = pd.read_csv(data_path)
    frame["grade"] = frame.sub_grade.str[0]
    fold = pd.read_csv(fold_path).sort_values("row")["fold"].values

    errors, baseline = [], []
    for k in sorted(set(fold)):
        train, test = frame[fold != k], frame[fold == k]
        table = fit(train)
        errors.append(float(np.mean(np.abs(predict(table, test) - test.int_rate.values))))
        baseline.append(float(np.mean(np.abs(train.int_rate.mean() - test.int_rate.values))))

    table = fit(frame)
    for months, rates in table.items():
        assert all(a <= b for a, b in zip(rates, rates[1:])), f"rates for {months} months are not monotone"

    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    model = {
        "formatVersion": 1,
        "name": "market-rates",
        "version": "1",
        "grades": GRADES,
        "ratesPctByTermMonths": {str(m): r for m, r in table.items()},
        "termInterpolation": "linear between the terms given, constant outside them",
    }
    manifest = {
        "name": "market-rates",
        "version": "1",
        "description": "Lending Club 2016Q1 nominal interest rate by grade (sub_grade[0]) and term; our grade X is read as the market's grade X",
        "trainingData": {"file": DATA_FILE, "sha256": sha256(data_path), "rows": int(len(frame))},
        "folds": {"file": FOLD_FILE, "sha256": sha256(fold_path), "k": int(len(set(fold)))},
        "metrics": {
            "cvMeanAbsoluteErrorPct": round(float(np.mean(errors)), 4),
            "cvMeanAbsoluteErrorPctSd": round(float(np.std(errors)), 4),
            "baselineMeanAbsoluteErrorPct": round(float(np.mean(baseline)), 4),
        },
        "loansPerCell": {
            str(TERMS[t]): {g: int(((frame.term == t) & (frame.grade == g)).sum()) for g in GRADES} for t in TERMS
        },
        "sklearnVersion": sklearn.__version__,
        "createdAt": args.created_at,
    }
    for name, document in (("market_rates.json", model), ("manifest.json", manifest)):
        (out / name).write_text(json.dumps(document, indent=2) + "\n")
    print(f"5-fold CV MAE {manifest['metrics']['cvMeanAbsoluteErrorPct']:.3f} pct points "
          f"(baseline {manifest['metrics']['baselineMeanAbsoluteErrorPct']:.3f}); written to {out}")
    for months, rates in table.items():
        print(f"  {months} months: " + "  ".join(f"{g} {r:.2f}" for g, r in zip(GRADES, rates)))


if __name__ == "__main__":
    main()
