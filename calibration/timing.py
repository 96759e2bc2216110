"""Timing and random-tensor helpers shared by the calibration kit's modules (kit.py, moe.py,
fp8.py, tp_decode.py).

- timed(fn): median seconds per call with CUDA events after warm-up; each repeat lasts at least
  `min_seconds` (more calls per repeat for fast kernels), so large kernels are timed at sustained,
  power-limited clocks.
- graph_time(fn): captures `reps` calls of fn(i) (i = 0…reps−1, so callers can rotate among
  weight copies and defeat the L2 cache) into one CUDA graph and times its replays: the per-call
  GPU time with launch gaps removed, which is what a CUDA-graph decode step sees.
- rand(shape): random values drawn directly in the target dtype (never zeros: zeros let some GPUs
  skip work); FP8 tensors are drawn in BF16 chunks and converted.
"""
import math
import statistics

import torch


def timed(fn, warmup=3, repeats=7, inner=1, min_seconds=0.03):
    """Median seconds per call of fn(), CUDA events, after warm-up. Each repeat lasts at least
    `min_seconds` (more inner calls for fast kernels), so large kernels are timed at sustained,
    power-limited clocks rather than in a short boost: on an H200 a 8192x4096x28672 BF16 GEMM
    ran at 779 TFLOP/s for 10 calls and 654 TFLOP/s sustained (measured 2026-11-23)."""
    for _ in range(warmup):
        fn()
    torch.cuda.synchronize()
    s, e = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
    s.record()
    fn()
    e.record()
    e.synchronize()
    one = max(s.elapsed_time(e) / 1e3, 1e-6)
    inner = max(inner, math.ceil(min_seconds / one))
    samples = []
    for _ in range(repeats):
        s, e = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
        s.record()
        for _ in range(inner):
            fn()
        e.record()
        e.synchronize()
        samples.append(s.elapsed_time(e) / 1e3 / inner)
    return statistics.median(samples), samples


def eager_seconds(fn, calls=3):
    """Rough seconds per eager call (launch overhead included): used only to size graphs."""
    fn(0)
    torch.cuda.synchronize()
    s, e = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
    s.record()
    for i in range(calls):
        fn(i)
    e.record()
    e.synchronize()
    return max(s.elapsed_time(e) / 1e3 / calls, 1e-7)


def graph_time(fn, reps=None, target_s=5e-4, max_reps=64, min_seconds=0.01):
    """Seconds per call of fn(i), from replays of a CUDA graph holding `reps` calls. reps defaults
    to enough calls for one replay to last about `target_s`. Returns (seconds, how) where how is
    'graph' or, if capture failed (an op that synchronises with the host), 'eager'."""
    fn(0)  # first call: compiles (Triton), builds handles, allocates
    torch.cuda.synchronize()
    if reps is None:
        reps = max(1, min(max_reps, math.ceil(target_s / eager_seconds(fn))))
    side = torch.cuda.Stream()
    side.wait_stream(torch.cuda.current_stream())
    with torch.cuda.stream(side):
        for i in range(2):
            fn(i)
    torch.cuda.current_stream().wait_stream(side)
    torch.cuda.synchronize()
    try:
        g = torch.cuda.CUDAGraph()
        with torch.cuda.graph(g):
            for i in range(reps):
                fn(i)
    except Exception:  # noqa: BLE001 - fall back to eager timing and say so
        torch.cuda.synchronize()
        sec, _ = timed(lambda: fn(0), warmup=2, repeats=5, min_seconds=min_seconds)
        return sec, "eager"
    sec, _ = timed(g.replay, warmup=2, repeats=5, min_seconds=min_seconds)
    del g
    return sec / reps, "graph"


def rand(*shape, dtype=torch.bfloat16, std=0.02):
    """Normal(0, std) values on the GPU in `dtype`; asserts they are not all zero."""
    if dtype in (torch.bfloat16, torch.float16, torch.float32):
        t = torch.empty(*shape, device="cuda", dtype=dtype).normal_(0.0, std)
    else:
        t = torch.empty(*shape, device="cuda", dtype=dtype)
        flat = t.view(-1)
        step = 1 << 27
        for i in range(0, flat.numel(), step):
            n = min(step, flat.numel() - i)
            flat[i : i + n].copy_(torch.empty(n, device="cuda", dtype=torch.bfloat16).normal_(0.0, std))
    probe = t.reshape(-1)[:4096].float()
    assert probe.abs().sum().item() != 0, "random tensor came out all zeros"
    return t
