#!/usr/bin/env python3
"""Plots the open-model driver's CSV: latency percentiles against the target arrival rate, with the SLO and the goal,
and prints the highest rate whose p99 meets the SLO. Usage: plot_open_model.py IN.csv OUT.png [SLO_MS=50] [GOAL_MS=10]"""
import csv
import sys

import matplotlib

matplotlib.use("Agg")  # no display on benchmark machines
import matplotlib.pyplot as plt  # noqa: E402


def main():
    source, out = sys.argv[1], sys.argv[2]
    slo_ms = float(sys.argv[3]) if len(sys.argv) > 3 else 50.0
    goal_ms = float(sys.argv[4]) if len(sys.argv) > 4 else 10.0
    with open(source, newline="") as f:
        rows = sorted((r for r in csv.DictReader(f)), key=lambda r: float(r["rate"]))
    if not rows:
        sys.exit(f"no rows in {source}")
    rates = [float(r["rate"]) for r in rows]

    fig, ax = plt.subplots(figsize=(8, 5), dpi=100)
    for column, label in (("p50_ms", "p50"), ("p99_ms", "p99"), ("p999_ms", "p99.9")):
        ax.plot(rates, [float(r[column]) for r in rows], marker="o", label=label)
    # Past capacity the Gateway sheds load (503 at once): those answers are fast, so say how many there were.
    for r in rows:
        shed = int(r["non2xx"]) + int(r["errors"])
        if shed:
            ax.annotate(f"{100 * shed / int(r['sent']):.0f}% shed or failed", (float(r["rate"]), float(r["p99_ms"])),
                        textcoords="offset points", xytext=(0, 8), ha="center", fontsize=8)
    ax.axhline(slo_ms, color="red", linestyle="--", label=f"SLO {slo_ms:g} ms")
    ax.axhline(goal_ms, color="green", linestyle="--", label=f"goal {goal_ms:g} ms")
    ax.set_yscale("log")
    ax.set_xlabel("target rate (decisions/s)")
    ax.set_ylabel("latency from scheduled send (ms)")
    ax.set_title("Decision latency at a fixed arrival rate (open model)")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(out)

    best = max((float(r["rate"]) for r in rows if float(r["p99_ms"]) <= slo_ms and int(r["non2xx"]) + int(r["errors"]) == 0), default=None)
    print(f"highest rate with p99 <= {slo_ms:g} ms and every answer a 2xx: {best:g}/s" if best is not None else f"no rate had p99 <= {slo_ms:g} ms with every answer a 2xx")
    print(f"plot written to {out}")


if __name__ == "__main__":
    main()
