"""Scrapes a /metrics URL as Prometheus does and parses the answer with the reference OpenMetrics parser
(Debian's python3-prometheus-client, prometheus_client.openmetrics.parser), which rejects any exposition
that breaks the format.

Usage: openmetrics_scrape.py <url>
Prints one JSON object: the content type, every family (name, type, unit) and every sample that carries an
exemplar. Exits with 1 and the parser's complaint on stderr when the exposition does not parse.
"""
import json
import sys
import urllib.request

from prometheus_client.openmetrics.parser import text_string_to_metric_families

# The Accept header of Prometheus 2.42.
ACCEPT = ("application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
          "text/plain;version=0.0.4;q=0.5,*/*;q=0.1")


def main():
    request = urllib.request.Request(sys.argv[1], headers={"Accept": ACCEPT})
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(request, timeout=10) as response:
        content_type = response.headers.get("Content-Type")
        text = response.read().decode("utf-8")

    try:
        families = list(text_string_to_metric_families(text))
    except ValueError as error:
        print(f"OpenMetrics parse error: {error}\n{text}", file=sys.stderr)
        return 1

    exemplars = []
    for family in families:
        for sample in family.samples:
            if sample.exemplar is not None:
                exemplars.append({
                    "name": sample.name,
                    "labels": sample.labels,
                    "exemplar": {
                        "labels": sample.exemplar.labels,
                        "value": sample.exemplar.value,
                        "timestamp": float(sample.exemplar.timestamp),
                    },
                })

    print(json.dumps({
        "content_type": content_type,
        "families": [{"name": f.name, "type": f.type, "unit": f.unit} for f in families],
        "exemplars": exemplars,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
