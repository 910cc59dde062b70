"""Reference GUM evaluations with the GUM Tree Calculator (GTC, MSL New Zealand).

Reads JSON on stdin: {"cases": [{"models": ["a*b", ...], "inputs": [{"name", "x", "u", "dof"}],
"correlations": [{"a", "b", "r"}], "ensembles": [["a", "b"], ...]}]} where dof is a number or
"inf", and inputs named in an ensemble share one dof (GTC's multiple_ureal). Writes JSON on
stdout: per case, per model, the value, standard uncertainty, sensitivity coefficients and
degrees of freedom, plus the correlation coefficients between the models' results.

Model text uses the calchain-metrology syntax (^ for powers, ln for log); it is evaluated with
Python's eval over a namespace holding only the inputs and GTC's functions.
"""
import json
import math
import re
import sys

from GTC import (acos, asin, atan, atan2, cos, cosh, exp, get_correlation, log, log10, multiple_ureal,
                 pow, rp, set_correlation, sin, sinh, sqrt, tan, tanh, ureal)

FUNCTIONS = {
    "sqrt": sqrt, "exp": exp, "log": log, "ln": log, "log10": log10, "sin": sin, "cos": cos, "tan": tan,
    "asin": asin, "acos": acos, "atan": atan, "atan2": atan2, "sinh": sinh, "cosh": cosh, "tanh": tanh,
    "pow": pow, "abs": abs, "pi": math.pi,
}


def dof(value):
    return math.inf if value in (None, "inf") else float(value)


def evaluate(case):
    inputs = {i["name"]: i for i in case["inputs"]}
    quantities = {}
    for group in case.get("ensembles", []):
        members = [inputs[name] for name in group]
        made = multiple_ureal([m["x"] for m in members], [m["u"] for m in members], dof(members[0]["dof"]), [m["name"] for m in members])
        quantities.update(zip(group, made))
    correlated = {c["a"] for c in case.get("correlations", [])} | {c["b"] for c in case.get("correlations", [])}
    for name, i in inputs.items():
        if name not in quantities:  # GTC only lets inputs declared dependent take correlations
            quantities[name] = ureal(i["x"], i["u"], dof(i["dof"]), label=name, independent=name not in correlated)
    for c in case.get("correlations", []):
        set_correlation(c["r"], quantities[c["a"]], quantities[c["b"]])
    namespace = dict(FUNCTIONS, **quantities)
    results = []
    for model in case["models"]:
        source = re.sub(r"\^", "**", model)
        results.append(eval(source, {"__builtins__": {}}, namespace))  # noqa: S307 - generated test models only
    out = []
    for y in results:
        df = y.df
        out.append({
            "y": y.x,
            "uc": y.u,
            "c": [rp.sensitivity(y, quantities[i["name"]]) for i in case["inputs"]],
            "dof": "inf" if math.isinf(df) else (None if math.isnan(df) else df),
        })
    correlation = [[1.0 if a is b else get_correlation(a, b) for b in results] for a in results]
    return {"outputs": out, "correlation": correlation}


def main():
    request = json.load(sys.stdin)
    json.dump({"results": [evaluate(case) for case in request["cases"]]}, sys.stdout)


if __name__ == "__main__":
    main()
