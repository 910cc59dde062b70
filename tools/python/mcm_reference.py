"""A plain numpy Monte Carlo (JCGM 101 / JJF 1059.2) to check calchain-metrology's MCM against.

Reads JSON on stdin, {"cases": [...]}, each case either
  {"model", "inputs": [{"name", "dist", ...parameters as numbers}], "trials", "seed", "p", "coverage"}
    -> numpy draws its own samples (numpy's PCG64 and its own samplers), or
  {"model", "names", "samples": "<file of float64 columns, one after another>", "trials", "p", "coverage"}
    -> the given samples are pushed through the model (checks the model and the summary exactly).
Writes {"results": [{"y", "u", "low", "high", "kurtosis"}]}: mean, standard deviation (ddof=1), the
coverage interval from the sorted values (GUM-S1 7.7) and the kurtosis m4/m2² of the model values.
"""
import json
import math
import re
import sys

import numpy as np

FUNCTIONS = {
    "sqrt": np.sqrt, "exp": np.exp, "log": np.log, "ln": np.log, "log10": np.log10, "sin": np.sin,
    "cos": np.cos, "tan": np.tan, "asin": np.arcsin, "acos": np.arccos, "atan": np.arctan,
    "atan2": np.arctan2, "sinh": np.sinh, "cosh": np.cosh, "tanh": np.tanh, "abs": np.abs,
    "pow": np.power, "pi": math.pi,
}


def draw(rng, spec, m):
    d = spec["dist"]
    if d == "normal":
        return rng.normal(spec["mean"], spec["sd"], m)
    if d == "rectangular":
        return rng.uniform(spec["a"], spec["b"], m)
    if d == "triangular":
        return rng.triangular(spec["a"], (spec["a"] + spec["b"]) / 2, spec["b"], m)
    if d in ("arcsine", "u-shaped"):  # inverse distribution function: a + (b − a) sin²(πr/2)
        return spec["a"] + (spec["b"] - spec["a"]) * np.sin(np.pi * rng.random(m) / 2) ** 2
    if d == "trapezoidal":
        half = (spec["b"] - spec["a"]) / 2
        return spec["a"] + rng.uniform(0, half * (1 + spec["beta"]), m) + rng.uniform(0, half * (1 - spec["beta"]), m)
    if d == "t":
        return spec["mean"] + spec["scale"] * rng.standard_t(spec["dof"], m)
    raise ValueError(d)


def coverage(y_sorted, p, kind):
    m = len(y_sorted)
    pm = p * m
    q = round(pm) if abs(pm - round(pm)) < 1e-9 * m else int(pm + 0.5)
    if kind == "symmetric":
        r = (m - q) // 2 if (m - q) % 2 == 0 else (m - q + 1) // 2
    else:
        widths = y_sorted[q:] - y_sorted[: m - q]
        r = int(np.argmin(widths)) + 1
    return float(y_sorted[r - 1]), float(y_sorted[r - 1 + q])


def summarise(y, p, kind):
    ys = np.sort(y)
    low, high = coverage(ys, p, kind)
    d = y - y.mean()
    return {"y": float(y.mean()), "u": float(y.std(ddof=1)), "low": low, "high": high,
            "kurtosis": float(np.mean(d ** 4) / np.mean(d ** 2) ** 2)}


def run(case):
    m = case["trials"]
    if "samples" in case:
        columns = np.fromfile(case["samples"], dtype="<f8").reshape(len(case["names"]), m)
        values = dict(zip(case["names"], columns))
    else:
        rng = np.random.default_rng(case["seed"])
        values = {spec["name"]: draw(rng, spec, m) for spec in case["inputs"]}
    source = re.sub(r"\^", "**", case["model"])
    y = eval(source, {"__builtins__": {}}, dict(FUNCTIONS, **values))  # noqa: S307 - generated test models only
    return summarise(np.asarray(y, dtype=float), case["p"], case.get("coverage", "shortest"))


def main():
    request = json.load(sys.stdin)
    json.dump({"results": [run(c) for c in request["cases"]]}, sys.stdout)


if __name__ == "__main__":
    main()
