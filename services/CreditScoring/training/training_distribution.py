"""The training-time distributions a drift job compares live traffic with (PSI), written into the manifest.

Numeric features and the model's PD: the deciles of the training rows (deduplicated) as ascending inner
cut-points, bin 0 holding x <= e1, bin i e_i < x <= e_i+1, the last bin x > e_k, and the share of rows in each
bin. Categorical features: the share of every allowed value, 0 where absent. Numbers are rounded to 6
significant digits so the same inputs give the same bytes.
"""
import sys

import numpy as np

DECILES = 10


def rounded(value):
    return float(f"{float(value):.6g}")


def numeric(values):
    values = np.asarray(values, dtype=float)
    edges = sorted({rounded(q) for q in np.quantile(values, np.arange(1, DECILES) / DECILES)})
    counts = np.bincount(np.searchsorted(np.array(edges), values, side="left"), minlength=len(edges) + 1)
    return {"kind": "numeric", "edges": edges, "proportions": [rounded(c / len(values)) for c in counts]}


def categorical(values, allowed):
    values = np.asarray(values)
    unknown = sorted(set(values.tolist()) - set(allowed))
    if unknown:
        sys.exit(f"values {unknown} are not among the allowed values {allowed}")
    return {"kind": "categorical", "proportions": {v: rounded(np.mean(values == v)) for v in allowed}}


def document(frame, manifest_features, pd_all):
    """Per feature of the manifest, keyed by the name the scoring request uses, and for the model's PD on
    the training rows."""
    features = {}
    for feature in manifest_features:
        name = feature["name"]
        features[name] = (numeric(frame[name]) if feature["type"] == "numeric"
                          else categorical(frame[name], feature["allowedValues"]))
    return {"rows": len(pd_all), "features": features, "score": numeric(pd_all)}
