#!/usr/bin/env python3
"""Host time of a prefill step that runs without a CUDA graph: how long the CPU takes to launch one
transformer layer's kernels, the floor under a short prompt's prefill.

Serving stacks run decode steps as CUDA graphs but most prefills eagerly (vLLM's piecewise graphs
cover small token counts only; SGLang and TensorRT-LLM's PyTorch backend capture decode batches).
An eager step cannot finish before its kernels are launched, so a short prompt's prefill costs
max(GPU time, host launch time). This measures both on the kit's random-weight decoders
(kit.Model: RMSNorm, QKV GEMM, SDPA, O GEMM, RMSNorm, gate-up GEMM, SiLU·mul, down GEMM per layer)
for prompts of 1…2,048 tokens:
- graphMs: the prefill captured in a CUDA graph and replayed (GPU time, no launch cost);
- eagerMs: the eager prefill, CUDA events around it (what a stack without a graph sees);
- enqueueMs: wall time for forward() to return without synchronising (the host's launch time);
- compiled: the same with torch.compile (default mode, no CUDA graphs), as vLLM runs its model.
Host time per layer = enqueueMs ÷ layers at the shortest prompts, where the GPU waits for the host.

Usage: python3 calibration/host_floor.py --out host-floor.json [--models llama-3.1-8b,qwen2.5-7b]
"""
import argparse
import datetime as dt
import json
import os
import statistics
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kit import PRESETS, Model, graph_of  # noqa: E402
from timing import timed  # noqa: E402

TOKENS = [1, 8, 32, 128, 512, 2048]


def enqueue_ms(fn, repeats=21):
    """Median wall milliseconds for fn() to return, the GPU idle before each call."""
    out = []
    for _ in range(repeats):
        torch.cuda.synchronize()
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1e3)
        torch.cuda.synchronize()
    return statistics.median(out)


def point(fwd, tok, with_graph):
    eager, _ = timed(lambda: fwd(tok), warmup=3, repeats=7)
    p = {"eagerMs": eager * 1e3, "enqueueMs": enqueue_ms(lambda: fwd(tok))}
    if with_graph:
        g = graph_of(lambda: fwd(tok))
        gsec, _ = timed(g.replay, warmup=3, repeats=7)
        p["graphMs"] = gsec * 1e3
        del g
    return p


def measure(cfg, compiled):
    m = Model(cfg)
    rows = []
    fwd = torch.compile(m.forward, dynamic=True) if compiled else m.forward
    for T in TOKENS:
        tok = torch.randint(0, m.V, (1, T), device="cuda")
        try:
            p = point(fwd, tok, with_graph=not compiled)
        except Exception as e:  # a compile failure is recorded, not fatal
            p = {"error": f"{type(e).__name__}: {e}"[:300]}
        p.update({"tokens": T, "layers": m.L})
        rows.append(p)
        print(cfg["id"], "compiled" if compiled else "eager", p, flush=True)
    del m
    torch.cuda.empty_cache()
    return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--models", default="llama-3.1-8b,qwen2.5-7b")
    ap.add_argument("--no-compile", action="store_true")
    args = ap.parse_args()
    props = torch.cuda.get_device_properties(0)
    prof = {
        "kind": "host-floor",
        "date": dt.date.today().isoformat(),
        "device": props.name,
        "software": {"torch": torch.__version__, "cuda": torch.version.cuda, "python": sys.version.split()[0]},
        "cpu": os.popen("lscpu | grep 'Model name' | head -1").read().strip(),
        "method": __doc__.strip().split("\n\n")[1],
        "models": {},
    }
    for mid in args.models.split(","):
        with open(os.path.join(PRESETS, f"{mid}.json")) as f:
            cfg = json.load(f)
        prof["models"][mid] = {"eager": measure(cfg, False)}
        if not args.no_compile:
            prof["models"][mid]["compiled"] = measure(cfg, True)
        with open(args.out, "w") as f:
            json.dump(prof, f, indent=1)


if __name__ == "__main__":
    main()
