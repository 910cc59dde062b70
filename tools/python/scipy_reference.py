"""Reference probabilities and quantiles from scipy.stats.

Reads JSON on stdin: {"tQuantiles": [{"q", "dof"}], "tSf": [{"t", "dof"}], "normalSf": [z, ...],
"conformance": [{"value", "u", "lower", "upper"}]} (dof a number or "inf"; lower/upper may be
null). Writes JSON with, for each t quantile, scipy's t.isf and that value polished by Newton
steps on scipy's t.sf (Boost's incomplete beta, accurate to a few ulp), because t.isf itself
(cdflib's root finder) is only good to about 1e-11.
"""
import json
import math
import sys

from scipy import stats


def dof(value):
    return math.inf if value in (None, "inf") else float(value)


def quantile(q, nu):
    if math.isinf(nu):
        return float(stats.norm.isf(q)), float(stats.norm.isf(q))
    raw = float(stats.t.isf(q, nu))
    t = raw
    for _ in range(6):
        t = t + (float(stats.t.sf(t, nu)) - q) / float(stats.t.pdf(t, nu))
    return raw, t


def t_sf(t, nu):
    return float(stats.norm.sf(t)) if math.isinf(nu) else float(stats.t.sf(t, nu))


def conformance(value, u, lower, upper):
    zl = -math.inf if lower is None else (lower - value) / u
    zu = math.inf if upper is None else (upper - value) / u
    if zl >= 0:
        return float(stats.norm.sf(zl) - stats.norm.sf(zu))
    if zu <= 0:
        return float(stats.norm.cdf(zu) - stats.norm.cdf(zl))
    return float(1 - stats.norm.cdf(zl) - stats.norm.sf(zu))


def main():
    req = json.load(sys.stdin)
    out = {
        "tQuantiles": [dict(zip(("raw", "polished"), quantile(c["q"], dof(c["dof"])))) for c in req.get("tQuantiles", [])],
        "tSf": [t_sf(c["t"], dof(c["dof"])) for c in req.get("tSf", [])],
        "normalSf": [float(stats.norm.sf(z)) for z in req.get("normalSf", [])],
        "conformance": [conformance(c["value"], c["u"], c["lower"], c["upper"]) for c in req.get("conformance", [])],
    }
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
