#!/usr/bin/env python3
"""Writes a wrk Lua module of decision request bodies, one per row of the German credit data, so the
benchmark's applicants follow the data's real distribution; an OUT ending in .json gets a JSON array of the same
bodies instead (for the open-model driver). Usage: applicants.py DATASETS_DIR OUT.lua|OUT.json"""
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "services/CreditScoring/training"))
from train_scorecard import load  # noqa: E402  (the one mapping of German codes to API values)


def main():
    datasets, out = Path(sys.argv[1]), Path(sys.argv[2])
    frame, _, _ = load(datasets)
    bodies = []
    for i in range(len(frame["amount"])):
        bodies.append(json.dumps({
            "applicationId": f"LA-{i:06d}",
            "product": "personal_loan",
            "amount": float(frame["amount"][i]),
            # The product starts at 6 months; the data has a few shorter loans.
            "termMonths": max(6, int(frame["termMonths"][i])),
            "purpose": frame["purpose"][i],
            "applicant": {
                "age": int(frame["age"][i]),
                "checkingAccount": frame["checkingAccount"][i],
                "creditHistory": frame["creditHistory"][i],
                "savings": frame["savings"][i],
                "employment": frame["employment"][i],
                "installmentRatePct": int(frame["installmentRatePct"][i]),
                "otherDebtors": frame["otherDebtors"][i],
                "residenceYears": int(frame["residenceYears"][i]),
                "property": frame["property"][i],
                "otherInstallmentPlans": frame["otherInstallmentPlans"][i],
                "housing": frame["housing"][i],
                "existingCredits": int(frame["existingCredits"][i]),
                "job": frame["job"][i],
                "dependents": int(frame["dependents"][i]),
                "telephone": bool(frame["telephone"][i] in (1, 1.0, True, "yes")),
            },
        }, separators=(",", ":")))
    if out.suffix == ".json":
        out.write_text(json.dumps(bodies, indent=0) + "\n")
        print(f"{len(bodies)} applicants written to {out}")
        return
    with out.open("w") as f:
        f.write("return {\n")
        for body in bodies:
            f.write("  " + json.dumps(body) + ",\n")
        f.write("}\n")
    print(f"{len(bodies)} applicants written to {out}")


if __name__ == "__main__":
    main()
