"""numpy side of the calchain-metrology benchmark (see README.md): the same Monte Carlo and the
same roundings as bench/metrology/run.ts, timed on this machine. Prints JSON timings (best of
`repeat` runs, in milliseconds) and result summaries so run.ts can check both sides agree."""
import json
import sys
import time
from decimal import ROUND_HALF_EVEN, Decimal

import numpy as np

TRIALS = 1_000_000
ROUNDINGS = 1_000_000


def best_of(repeat, fn):
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, (time.perf_counter() - start) * 1000)
    return best, result


def summary(y, p=0.95):
    """GUM-S1 7.6-7.7: mean, standard deviation, shortest coverage interval from the sorted values."""
    m = len(y)
    ys = np.sort(y)
    q = int(p * m + 0.5)
    r = int(np.argmin(ys[q:] - ys[: m - q]))
    return {"y": float(y.mean()), "u": float(y.std(ddof=1)), "low": float(ys[r]), "high": float(ys[r + q])}


def summary_partitioned(y, p=0.95):
    """As summary(), but sorting only the two tails that can hold interval end points, as ours does."""
    m = len(y)
    q = int(p * m + 0.5)
    tail = m - q
    part = np.partition(y, [tail - 1, q])
    low_tail = np.sort(part[:tail])
    high_tail = np.sort(part[q:])
    r = int(np.argmin(high_tail - low_tail))
    return {"y": float(y.mean()), "u": float(y.std(ddof=1)), "low": float(low_tail[r]), "high": float(high_tail[r])}


def mcm_power(seed):
    """P = V²/R0 · 1/(1 + α(T − 20)): four inputs, four distributions."""
    rng = np.random.default_rng(seed)
    v = rng.normal(10.0, 0.01, TRIALS)
    r0 = rng.uniform(99.9, 100.1, TRIALS)
    alpha = rng.triangular(0.0038, 0.0039, 0.0040, TRIALS)
    t = rng.normal(23.0, 0.5, TRIALS)
    return summary(v * v / r0 / (1 + alpha * (t - 20)))


def mcm_additive(seed):
    """GUM-S1 9.2.2: Y = X1 + X2 + X3 + X4, Xi ~ N(0, 1)."""
    rng = np.random.default_rng(seed)
    x = [rng.standard_normal(TRIALS) for _ in range(4)]
    return summary(x[0] + x[1] + x[2] + x[3])


def mcm_additive_partitioned(seed):
    rng = np.random.default_rng(seed)
    x = [rng.standard_normal(TRIALS) for _ in range(4)]
    return summary_partitioned(x[0] + x[1] + x[2] + x[3])


def values():
    """The same 10⁶ decimal strings run.ts builds: k/10⁴ with four decimals, k = 7919·i mod 10⁶."""
    return [f"{k // 10000}.{k % 10000:04d}" for k in ((i * 7919) % 1_000_000 for i in range(ROUNDINGS))]


def main():
    repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    texts = values()
    floats = np.array(texts, dtype=float)
    quantum = Decimal("0.1")
    out = {}
    out["mcm_power_ms"], out["mcm_power"] = best_of(repeat, lambda: mcm_power(1))
    out["mcm_additive_ms"], out["mcm_additive"] = best_of(repeat, lambda: mcm_additive(1))
    out["mcm_additive_partitioned_ms"], _ = best_of(repeat, lambda: mcm_additive_partitioned(1))
    # numpy's own rounding: binary floats in and out, vectorised; fast but not GB/T 8170 on decimals
    out["round_float_ms"], rounded = best_of(repeat, lambda: np.round(floats / 0.1) * 0.1)
    # exact decimal rounding as a Python user would write it: decimal strings in and out
    out["round_decimal_ms"], exact = best_of(max(1, repeat // 2), lambda: [str(Decimal(t).quantize(quantum, ROUND_HALF_EVEN)) for t in texts])
    out["round_decimal_checksum"] = sum(int(s.replace(".", "")) for s in exact)
    out["round_float_disagreements"] = int(np.sum(np.abs(rounded * 10 - np.array([int(s.replace(".", "")) for s in exact])) > 0.5))
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
