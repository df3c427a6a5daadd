"""Model cards, written beside a model's manifest by its training script.

card.json says what a reviewer needs to judge a model version: intended use, data, features, CV metrics,
calibration, reason codes, approval rates by age band and known limitations. card.md renders card.json for
people. Every number comes from the training run that writes the manifest (out-of-fold PDs, or copied from
the manifest itself), never typed in; numbers computed here are rounded to 6 significant digits so the
same inputs give the same bytes.
"""
import hashlib
import re
import sys
from pathlib import Path

import numpy as np

from training_distribution import rounded

REASON_CODES_SOURCE = Path(__file__).resolve().parents[1] / "Scoring" / "ReasonCodes.cs"
# The Decision policy's approval cut-off (policy-1 approves below it, refers from it up to 0.45).
APPROVE_BELOW_PD = 1 / 6
# The four-fifths rule: a band approved at less than 0.8 of the best band's rate is flagged.
ADVERSE_IMPACT_FLAG = 0.8
AGE_BANDS = [("18-24", 18, 24), ("25-34", 25, 34), ("35-44", 35, 44), ("45-54", 45, 54), ("55-64", 55, 64),
             ("65+", 65, None)]
# Bands with fewer applicants than this get a limitation saying their rates are uncertain.
SMALL_BAND = 50
# Calibration: equal-count bins of the out-of-fold PD.
CALIBRATION_BINS = 10

DATASET = "Statlog (German Credit Data), UCI Machine Learning Repository; Hofmann (1994)"

INTENDED_USE = (
    "Estimates the probability that a personal loan goes bad (German credit class 2) from the Decision API's "
    "application fields, within the ranges and value sets its manifest allows; the versioned decision policy turns "
    "the PD into approve, refer or decline. It is the platform's reference model, trained on public data: for "
    "running and testing the decision flow and as a template for a lender's own model, not for deciding real "
    "applications as it stands.")
OUT_OF_SCOPE = [
    "Deciding real applications without revalidation and recalibration on the lender's own applicants.",
    "Products other than personal loans, and values outside the manifest's ranges (the service refuses them).",
    "Any use of sex, marital status or national origin: the model never reads them.",
    "Decisions without the policy's referral band, which sends uncertain cases to an underwriter.",
]


def sha256(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def calibration(y, p):
    # Equal-count deciles of the pooled out-of-fold PD; a stable sort keeps tied rows in row order.
    order = np.argsort(p, kind="stable")
    return [{"decile": i + 1, "count": int(len(rows)), "minPd": rounded(p[rows].min()), "maxPd": rounded(p[rows].max()),
             "meanPd": rounded(p[rows].mean()), "observedDefaultRate": rounded(y[rows].mean())}
            for i, rows in enumerate(np.array_split(order, CALIBRATION_BINS))]


def age_bands(age, y, p):
    rows = []
    for band, low, high in AGE_BANDS:
        members = (age >= low) & ((age <= high) if high is not None else True)
        count = int(members.sum())
        rows.append({"band": band, "count": count,
                     "approvalRate": rounded(np.mean(p[members] < APPROVE_BELOW_PD)) if count else None,
                     "observedDefaultRate": rounded(y[members].mean()) if count else None})
    best = max((r for r in rows if r["count"]), key=lambda r: r["approvalRate"])
    for row in rows:
        ratio = rounded(row["approvalRate"] / best["approvalRate"]) if row["count"] and best["approvalRate"] else None
        row["adverseImpactRatio"] = ratio
        row["flagged"] = ratio is not None and ratio < ADVERSE_IMPACT_FLAG
    return {"rule": "approve when PD < 1/6, policy-1's approval cut-off (its referral band, knock-out rules and "
                    "affordability checks are not applied here)",
            "flagBelow": ADVERSE_IMPACT_FLAG, "referenceBand": best["band"], "bands": rows}


def reason_code_table():
    """(feature, bin) -> (code, description) from the service's reviewed table, the one source of both."""
    pattern = re.compile(r'new\("(\w+)", (Higher|Lower|"[^"]*"), "([A-Z0-9_]+)", "([^"]*)"\)')
    table = {}
    for feature, bin_, code, description in pattern.findall(REASON_CODES_SOURCE.read_text(encoding="utf-8")):
        table[(feature, {"Higher": "higher", "Lower": "lower"}.get(bin_, bin_.strip('"')))] = (code, description)
    if not table:
        sys.exit(f"no reason codes found in {REASON_CODES_SOURCE.name}")
    return table


def reason_codes(possible):
    """The reasons a model can give, from its list of (feature, bin) in feature order."""
    table = reason_code_table()
    missing = [key for key in possible if key not in table]
    if missing:
        sys.exit(f"ReasonCodes.cs has no code for {missing}")
    return [{"code": table[key][0], "description": table[key][1], "feature": key[0], "bin": key[1]} for key in possible]


def limitations(manifest, y, bands, model_specific):
    rows, bad = len(y), int(np.sum(y))
    auc_sd = max(v["aucSd"] for v in manifest["cvMetrics"].values() if isinstance(v, dict))
    small = [f"{b['band']} ({b['count']})" for b in bands["bands"] if b["count"] < SMALL_BAND]
    flagged = [f"{b['band']} ({b['adverseImpactRatio']:.2f})" for b in bands["bands"] if b["flagged"]]
    items = [
        f"Trained on {rows:,} loans granted by one German bank in the 1970s: amounts are Deutsche Mark of that time, and "
        "the applicants, products and economy differ from any lender's today.",
        "Only granted loans have outcomes: applicants the bank declined are absent and no reject inference is done, so "
        "PDs for applicants unlike the bank's past customers are extrapolations.",
        f"Bad loans are over-represented by the sample's design ({bad:,} of {rows:,}; the bank's real share was considerably "
        "lower), so the PDs rank applicants but overstate a real portfolio's default rate unless recalibrated. The "
        "1/6 cut-off comes from the dataset's 5:1 cost matrix, not from a portfolio's economics.",
        "The UCI coding of several attributes is known to contain errors (Grömping, 2019, who published a corrected "
        "'South German Credit' data set); this model reads the codes as german.doc documents them.",
        f"{rows:,} rows make every estimate noisy: the AUC's standard deviation from fold to fold is up to {auc_sd:.2f}.",
        f"The shipped model is fitted on all {rows:,} rows; metrics, calibration and age bands are of the same procedure "
        "fitted within the folds (out-of-fold PDs), not of the shipped fit itself.",
        "Sex, marital status and foreign-worker status are never read, but other attributes (housing, job, telephone) "
        "may stand in for them; disparate impact by sex or national origin is not measured here.",
        "Age is used, as Regulation B allows in an empirically derived system, with risk that never rises with age; "
        + (f"still, through age and the attributes that go with it, these bands are approved at less than four fifths "
           f"of the {bands['referenceBand']} band's rate on the evaluation folds: {', '.join(flagged)}." if flagged
           else "no band is approved at less than four fifths of the best band's rate on the evaluation folds."),
        "Approval rates apply the PD cut-off alone; policy-1 also knocks out some applications and checks "
        "affordability, so its approval rates are lower.",
        "Telephone (a landline registered in the applicant's name) meant something else in the 1970s than any phone "
        "field does today.",
    ]
    if small:
        items.append(f"Age bands with fewer than {SMALL_BAND} applicants have uncertain rates: {', '.join(small)}.")
    return items + model_specific


def card_document(manifest, manifest_path, *, summary, role, y, oof_pd, oof_source, age, possible_reasons,
                  model_limitations):
    bands = age_bands(np.asarray(age), y, oof_pd)
    return {
        "name": manifest["name"],
        "version": manifest["version"],
        "modelVersion": manifest["modelVersion"],
        "kind": manifest["kind"],
        "createdAt": manifest["createdAt"],
        "manifestSha256": sha256(manifest_path),
        "summary": summary,
        "intendedUse": {"use": INTENDED_USE, "role": role, "outOfScope": OUT_OF_SCOPE},
        "data": {"dataset": DATASET, "target": manifest["target"], "badRate": rounded(np.mean(y)),
                 "trainingData": manifest["trainingData"], "folds": manifest["folds"]},
        "features": manifest["features"],
        "excludedAttributes": manifest["excludedAttributes"],
        "cvMetrics": manifest["cvMetrics"],
        "calibration": {"source": oof_source, "deciles": calibration(y, oof_pd)},
        "reasonCodes": reason_codes(possible_reasons),
        "ageBands": {"source": oof_source, **bands},
        "limitations": limitations(manifest, y, bands, model_limitations),
    }


def _metrics_rows(cv_metrics):
    rows = []
    for key, value in cv_metrics.items():
        if isinstance(value, dict):
            cost = f"{value['costAtOneSixth']:.3f}" if "costAtOneSixth" in value else "–"
            rows.append(f"| {key} | {value['aucMean']:.4f} | {value['aucSd']:.4f} | {value['ks']:.3f} "
                        f"| {value['brier']:.4f} | {cost} |")
    return rows


def _percent(value):
    return "–" if value is None else f"{value:.1%}"


def card_markdown(card):
    data = card["data"]
    lines = [f"# Model card: {card['modelVersion']}", "",
             f"Written by the training run of {card['createdAt']} with `manifest.json` (sha256 `{card['manifestSha256']}`); "
             "`card.json` holds the same content. Regenerate it with the training script; do not edit it.", "",
             card["summary"], "",
             "## Intended use", "", card["intendedUse"]["use"], "", card["intendedUse"]["role"], "", "Out of scope:", ""]
    lines += [f"- {item}" for item in card["intendedUse"]["outOfScope"]]
    lines += ["", "## Data", "",
              f"{data['dataset']}. Target: {data['target']}; bad rate {data['badRate']:.1%}.", "",
              "| file | rows | sha256 |", "|---|---:|---|",
              f"| `{data['trainingData']['file']}` | {data['trainingData']['rows']:,} | `{data['trainingData']['sha256']}` |",
              f"| `{data['folds']['file']}` (canonical folds) | | `{data['folds']['sha256']}` |", "",
              "## Features", "", "| feature | type | German attribute | allowed |", "|---|---|---:|---|"]
    for feature in card["features"]:
        allowed = (f"{feature['allowedRange'][0]} to {feature['allowedRange'][1]}" if feature["type"] == "numeric"
                   else ", ".join(f"`{v}`" for v in feature["allowedValues"]))
        lines.append(f"| `{feature['name']}` | {feature['type']} | {feature['germanAttribute']} | {allowed} |")
    lines += ["", "Excluded attributes, never read:", ""]
    lines += [f"- {a['attribute']}, {a['name']}: {a['reason']}." for a in card["excludedAttributes"]]
    lines += ["", "## Cross-validated metrics", "", f"{card['cvMetrics']['protocol']}.", "",
              "| estimate | AUC mean | AUC sd | KS | Brier | 5:1 cost |", "|---|---:|---:|---:|---:|---:|"]
    lines += _metrics_rows(card["cvMetrics"])
    lines += ["", "## Calibration", "", f"Deciles of the {card['calibration']['source']}.", "",
              "| decile | PD range | mean predicted PD | observed default rate | count |", "|---:|---|---:|---:|---:|"]
    for row in card["calibration"]["deciles"]:
        lines.append(f"| {row['decile']} | {row['minPd']:.3f}–{row['maxPd']:.3f} | {row['meanPd']:.4f} "
                     f"| {row['observedDefaultRate']:.4f} | {row['count']:,} |")
    bands = card["ageBands"]
    lines += ["", "## Approval rates by age band", "",
              f"On the {bands['source']}; {bands['rule']}. Adverse impact ratio: the band's approval rate over the "
              f"{bands['referenceBand']} band's, the highest; below {bands['flagBelow']} is flagged.", "",
              "| age band | count | approval rate | adverse impact ratio | observed default rate | flagged |",
              "|---|---:|---:|---:|---:|---|"]
    for row in bands["bands"]:
        ratio = "–" if row["adverseImpactRatio"] is None else f"{row['adverseImpactRatio']:.3f}"
        lines.append(f"| {row['band']} | {row['count']:,} | {_percent(row['approvalRate'])} | {ratio} "
                     f"| {_percent(row['observedDefaultRate'])} | {'yes' if row['flagged'] else ''} |")
    lines += ["", "## Reason codes", "", "The adverse-action reasons this model can give.", "",
              "| code | description | feature |", "|---|---|---|"]
    lines += [f"| `{r['code']}` | {r['description']} | `{r['feature']}` |" for r in card["reasonCodes"]]
    lines += ["", "## Known limitations", ""]
    lines += [f"- {item}" for item in card["limitations"]]
    return "\n".join(lines) + "\n"


def write(out, card, write_json):
    write_json(out / "card.json", card)
    (out / "card.md").write_text(card_markdown(card), encoding="utf-8")
