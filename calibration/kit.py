#!/usr/bin/env python3
"""Cluster Planner calibration kit: measures what kernels really reach on this GPU and writes one
JSON hardware profile that the app imports (Hardware page) and the CLI checks
(`npx cluster-planner calibrate-check profile.json`).

Runs offline on any CUDA machine with PyTorch (ROCm builds of PyTorch work for the parts they
support). Weights and inputs are random (never zeros: zeros let some GPUs skip work); every
timing has warm-up and is the median of repeats, measured with CUDA events.

Measures: (a) device-to-device copy bandwidth; (b) GEMM throughput over decode (M = 1…512) and
prefill (M up to 16k) shapes, BF16 and FP8 where supported; (c) attention time for decode (one
query row against 1k-128k cached tokens, GQA and MLA-like layouts) and causal prefill;
(d) NCCL collectives when more than one GPU is visible, and a tensor-parallel decode step with
its all-reduces (tp_decode.py); (e) end-to-end decode steps (CUDA graphs) and prefills of
random-weight transformers built from the model presets; (f) MoE layers piece by piece (router,
top-k, sort/permute, grouped GEMMs, SwiGLU, un-permute; moe.py) over the MoE presets' expert
shapes and 1-16k tokens per step; (g) FP8 GEMMs with row-wise and 128-block scaling, activation
quantisation fused or separate (fp8.py); (h) random-weight MoE decoders end to end, with layer
counts reduced to fit one GPU and the architecture as run written into the profile.

Usage: python3 calibration/kit.py --out profile.json [--quick] [--parts copy,gemm,...]
"""
import argparse
import datetime as dt
import json
import math
import os
import platform
import sys
import time

import torch
import torch.nn.functional as F

from configs import reduced_config
from timing import rand, timed

HERE = os.path.dirname(os.path.abspath(__file__))
PRESETS = os.path.join(HERE, "..", "presets", "models")
if not os.path.isdir(PRESETS):  # run from a copy of calibration/ outside the repository
    PRESETS = os.path.join(os.getcwd(), "presets", "models")
PARTS = "copy,gemm,fp8,attention,nccl,tp,moe,e2e,moe-e2e"
# MoE presets run end to end, with the layers kept so that weights (BF16) stay near 30-40 GB:
# one H100 (80 GB) then holds the KV cache of batch 256 too. The profile records the config run.
MOE_E2E_LAYERS = {"qwen3-30b-a3b": 24, "mixtral-8x7b": 12, "gpt-oss-120b": 6}


def measure_copy(quick):
    n = (1 << 30) if quick else (4 << 30)  # bytes
    a = torch.empty(n // 2, device="cuda", dtype=torch.bfloat16).normal_()
    b = torch.empty_like(a)
    sec, _ = timed(lambda: b.copy_(a), warmup=2, repeats=5)
    return {"sizeBytes": n, "seconds": sec, "bytesPerS": 2 * n / sec, "note": "read + write bytes counted"}


def heat_soak(seconds=3.0):
    """Runs large GEMMs until the GPU reaches its sustained (power-limited) clock."""
    a, b = rand(8192, 8192), rand(8192, 8192)
    t0 = time.time()
    while time.time() - t0 < seconds:
        for _ in range(20):
            a @ b
        torch.cuda.synchronize()
    del a, b


def measure_gemm(quick, dtype_name):
    Ms = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384]
    shapes = [(4096, 4096), (4096, 14336), (14336, 4096), (8192, 8192), (8192, 28672)]
    if quick:
        Ms = [1, 4, 16, 64, 256, 1024, 4096, 16384]
        shapes = [(4096, 14336), (8192, 8192)]
    out = []
    for K, N in shapes:
        if dtype_name == "bf16":
            B = rand(K, N)
            for M in Ms:
                A = rand(M, K)
                sec, _ = timed(lambda: torch.matmul(A, B), inner=5 if M <= 64 else 2)
                out.append(point(M, K, N, sec, 2))
                del A
            del B
        else:
            Bt = rand(N, K).to(torch.float8_e4m3fn)  # column-major B for _scaled_mm
            one = torch.ones((), device="cuda", dtype=torch.float32)
            for M in Ms:
                if M % 16:
                    continue
                A = rand(M, K).to(torch.float8_e4m3fn)
                sec, _ = timed(lambda: torch._scaled_mm(A, Bt.t(), scale_a=one, scale_b=one, out_dtype=torch.bfloat16), inner=5 if M <= 64 else 2)
                out.append(point(M, K, N, sec, 1))
            del Bt
        torch.cuda.empty_cache()
    return out


def point(M, K, N, sec, bpe):
    flops = 2 * M * K * N
    byts = (M * K + K * N) * bpe + M * N * 2
    return {"m": M, "k": K, "n": N, "seconds": sec, "flops": flops, "bytes": byts, "flopsPerS": flops / sec, "bytesPerS": byts / sec}


def measure_attention(quick):
    dec = []
    ctxs = [1024, 4096, 16384, 65536, 131072] if not quick else [1024, 8192, 65536]
    layouts = [("gqa-32q-8kv-128", 32, 8, 128), ("mla-like-128q-1kv-576", 128, 1, 576)]
    for name, hq, hkv, d in layouts:
        for ctx in ctxs:
            for batch in ([1, 8] if not quick else [1]):
                kv_bytes = 2 * batch * hkv * ctx * d * 2 if "gqa" in name else batch * ctx * d * 2
                if kv_bytes > 20e9:
                    continue
                if "mla" in name:
                    # MLA decode in latent space (weight absorption): 128 query heads against one
                    # shared 576-wide latent (512 + 64 RoPE); values are the first 512 columns.
                    q = rand(batch, hq, d)
                    k = rand(batch, ctx, d)
                    fn = lambda: torch.softmax(torch.bmm(q, k.transpose(1, 2)).float() * (d ** -0.5), dim=-1).to(torch.bfloat16).bmm(k[:, :, :512])
                    flops = 2 * batch * hq * ctx * (d + 512)
                else:
                    q = rand(batch, hq, 1, d)
                    k = rand(batch, hkv, ctx, d)
                    v = rand(batch, hkv, ctx, d)
                    fn = lambda: F.scaled_dot_product_attention(q, k, v, enable_gqa=True)
                    flops = 2 * batch * hq * ctx * (d + d)
                sec, _ = timed(fn, inner=3)
                dec.append({"layout": name, "batch": batch, "context": ctx, "seconds": sec, "bytes": kv_bytes, "flops": flops, "bytesPerS": kv_bytes / sec})
                del q, k
        torch.cuda.empty_cache()
    pre = []
    for seq in ([1024, 2048, 4096, 8192, 16384] if not quick else [1024, 4096, 16384]):
        q = rand(1, 32, seq, 128)
        k = rand(1, 32, seq, 128)
        v = rand(1, 32, seq, 128)
        sec, _ = timed(lambda: F.scaled_dot_product_attention(q, k, v, is_causal=True))
        flops = 2 * 32 * seq * seq * 256 / 2
        pre.append({"seq": seq, "heads": 32, "headDim": 128, "seconds": sec, "flops": flops, "flopsPerS": flops / sec})
        del q, k, v
    return dec, pre


def torchrun(script, out, extra):
    """Runs a calibration script under torchrun, one process per visible GPU; returns its JSON."""
    import subprocess

    n = torch.cuda.device_count()
    env = {**os.environ, "NCCL_NVLS_ENABLE": "0", "TORCH_SYMM_MEM_DISABLE_MULTICAST": "1", "NVSHMEM_DISABLE_NVLS": "1"}
    cmd = [sys.executable, "-m", "torch.distributed.run", f"--nproc_per_node={n}", os.path.join(HERE, script), "--out", out] + extra
    r = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600)
    if r.returncode != 0:
        return {"skipped": f"torchrun {script} failed: {r.stderr[-400:]}"}
    print(r.stdout[-2000:], end="", flush=True)
    with open(out) as f:
        return json.load(f)


def measure_nccl(quick):
    """Runs calibration/nccl.py under torchrun, one process per visible GPU."""
    import tempfile

    n = torch.cuda.device_count()
    if n < 2:
        return {"skipped": f"{n} GPU visible: collectives need at least two"}
    return torchrun("nccl.py", os.path.join(tempfile.mkdtemp(), "nccl.json"), ["--max-bytes", str(64 << 20)] if quick else [])


def measure_tp_decode(quick):
    """A TP decode step with its all-reduces (calibration/tp_decode.py), TP = all visible GPUs."""
    import tempfile

    n = torch.cuda.device_count()
    if n < 2:
        return {"skipped": f"{n} GPU visible: a tensor-parallel decode step needs at least two"}
    extra = ["--presets", PRESETS] + (["--batches", "1,32", "--layers", "4"] if quick else [])
    return torchrun("tp_decode.py", os.path.join(tempfile.mkdtemp(), "tp.json"), extra)


class Model:
    """A random-weight decoder built from a model preset: GQA attention; dense SwiGLU FFN, or an
    MoE layer (moe.MoELayer: router, top-k, sort/permute, grouped GEMMs, un-permute) plus the
    shared experts as one dense SwiGLU where the preset says the layer is MoE."""

    def __init__(self, cfg, impl="grouped_mm"):
        from moe import MoELayer

        a = cfg["attention"]
        assert a["type"] in ("gqa", "mha", "mqa"), f"{cfg['id']}: the kit builds GQA/MHA/MQA attention only"
        self.h = cfg["hiddenSize"]
        self.L = cfg["numLayers"]
        self.hq, self.hkv, self.d = a["numHeads"], a["numKvHeads"], a["headDim"]
        self.V = cfg["vocabSize"]
        qkv = (self.hq + 2 * self.hkv) * self.d
        moe = cfg.get("moe")
        self.w = []
        for i in range(self.L):
            w = {
                # MoE: small output projection, see the embedding note below
                "qkv": rand(self.h, qkv), "o": rand(self.hq * self.d, self.h, std=2e-4 if moe else 0.02),
                "n1": torch.ones(self.h, device="cuda", dtype=torch.bfloat16), "n2": torch.ones(self.h, device="cuda", dtype=torch.bfloat16),
            }
            inter = cfg["ffn"]["intermediateSize"]
            if moe and i >= moe.get("firstKDense", 0) and i % moe.get("layerFrequency", 1) == 0:
                w["moe"] = MoELayer(moe["numRoutedExperts"], moe["topK"], self.h, moe["expertIntermediateSize"], impl)
                inter = moe.get("sharedIntermediateSize") or moe["numSharedExperts"] * moe["expertIntermediateSize"]
            if inter:
                w["gu"], w["down"] = rand(self.h, 2 * inter), rand(inter, self.h)
            self.w.append(w)
        # MoE: unit-scale token embeddings and a small attention output projection (values only:
        # the work is the same), so that the router input stays token-specific. With random
        # attention weights a prompt's causal attention outputs are nearly the same at every
        # position; at the dense scales they dominated the residual and a prefill's tokens chose
        # the same few experts (Qwen3, 512 tokens: 33 of 128 experts in a deep layer, 35% faster
        # than its layers measured alone). distinctExperts in each point shows the routing run.
        self.emb = rand(self.V, self.h, std=1.0 if moe else 0.02)
        self.head = rand(self.h, self.V)

    def layer(self, x, w, kcache, vcache, causal):
        B, T, _ = x.shape
        y = F.rms_norm(x, (self.h,), w["n1"])
        qkv = y @ w["qkv"]
        q, k, v = qkv.split([self.hq * self.d, self.hkv * self.d, self.hkv * self.d], dim=-1)
        q = q.view(B, T, self.hq, self.d).transpose(1, 2)
        if kcache is None:
            k = k.view(B, T, self.hkv, self.d).transpose(1, 2)
            v = v.view(B, T, self.hkv, self.d).transpose(1, 2)
            att = F.scaled_dot_product_attention(q, k, v, is_causal=causal, enable_gqa=True)
        else:
            att = F.scaled_dot_product_attention(q, kcache, vcache, enable_gqa=True)
        x = x + att.transpose(1, 2).reshape(B, T, self.hq * self.d) @ w["o"]
        y = F.rms_norm(x, (self.h,), w["n2"])
        out = w["moe"].forward(y.reshape(B * T, self.h)).view(B, T, self.h) if "moe" in w else None
        if "gu" in w:
            g, u = (y @ w["gu"]).chunk(2, dim=-1)
            dense = (F.silu(g) * u) @ w["down"]
            out = dense if out is None else out + dense
        return x + out

    def routing_stats(self, run):
        """Distinct experts each MoE layer touched in one eager run of run(): min, mean, max."""
        layers = [w["moe"] for w in self.w if "moe" in w]
        if not layers:
            return None
        for lay in layers:
            lay.record = []
        run()
        counts = [int(torch.unique(torch.cat([i.reshape(-1) for i in lay.record])).numel()) for lay in layers]
        for lay in layers:
            lay.record = None
        return {"min": min(counts), "mean": sum(counts) / len(counts), "max": max(counts)}

    def forward(self, tokens, caches=None, causal=True):
        x = F.embedding(tokens, self.emb)
        for i, w in enumerate(self.w):
            kc, vc = caches[i] if caches else (None, None)
            x = self.layer(x, w, kc, vc, causal)
        return x[:, -1, :] @ self.head


def expected_distinct(cfg, tokens):
    E, k = cfg["moe"]["numRoutedExperts"], cfg["moe"]["topK"]
    return E * (1 - (1 - k / E) ** tokens)


def graph_of(fn):
    """fn captured in a CUDA graph after two warm-up calls on a side stream."""
    s = torch.cuda.Stream()
    s.wait_stream(torch.cuda.current_stream())
    with torch.cuda.stream(s):
        for _ in range(2):
            fn()
    torch.cuda.current_stream().wait_stream(s)
    g = torch.cuda.CUDAGraph()
    with torch.cuda.graph(g):
        fn()
    return g


def e2e(cfg, quick, decode_cases=None, prefills=None, impl="grouped_mm", prefill_graph=False):
    """Decode steps (CUDA graph) and prefills of a random-weight model built from a preset.
    Prefills run eagerly; with prefill_graph they are also captured in a CUDA graph (as vLLM's
    piecewise graphs and SGLang do), measuredMs is the graph replay and eagerMs the eager run."""
    m = Model(cfg, impl)
    pts = []
    if decode_cases is None:
        decode_cases = [(1, 1024), (1, 4096), (8, 2048), (32, 2048), (64, 4096)] if not quick else [(1, 2048), (16, 2048)]
    for batch, ctx in decode_cases:
        if 2 * m.L * batch * m.hkv * ctx * m.d * 2 > 40e9:
            continue  # the KV cache alone would not fit beside the weights
        caches = [(rand(batch, m.hkv, ctx, m.d), rand(batch, m.hkv, ctx, m.d)) for _ in range(m.L)]
        tok = torch.randint(0, m.V, (batch, 1), device="cuda")
        g = graph_of(lambda: m.forward(tok, caches))
        sec, _ = timed(g.replay, warmup=3, repeats=9)
        pts.append({"id": f"{cfg['id']}-decode-b{batch}-c{ctx}", "modelId": cfg["id"], "phase": "decode", "batch": batch, "context": ctx, "measuredMs": sec * 1e3})
        rs = m.routing_stats(lambda: m.forward(tok, caches))
        if rs:
            pts[-1]["distinctExperts"] = {**rs, "expected": expected_distinct(cfg, batch)}
        del caches, g
        torch.cuda.empty_cache()
    if prefills is None:
        prefills = [512, 2048, 8192] if not quick else [1024]
    for seq in prefills:
        tok = torch.randint(0, m.V, (1, seq), device="cuda")
        sec, _ = timed(lambda: m.forward(tok), warmup=2, repeats=5)
        pt = {"id": f"{cfg['id']}-prefill-{seq}", "modelId": cfg["id"], "phase": "prefill", "batch": 1, "context": seq, "measuredMs": sec * 1e3}
        rs = m.routing_stats(lambda: m.forward(tok))
        if rs:
            pt["distinctExperts"] = {**rs, "expected": expected_distinct(cfg, seq)}
        if prefill_graph:
            g = graph_of(lambda: m.forward(tok))
            gsec, _ = timed(g.replay, warmup=2, repeats=5)
            pt.update({"measuredMs": gsec * 1e3, "eagerMs": sec * 1e3, "timing": "graph"})
            del g
            torch.cuda.empty_cache()
        pts.append(pt)
    del m
    torch.cuda.empty_cache()
    return pts


def moe_e2e(models, quick, impl):
    """End-to-end points of reduced random-weight MoE decoders. Held out, decided before any
    measurement: every third point of each model's list (index 2, 5, ...)."""
    runs, pts = [], []
    decode_cases = [(1, 2048), (4, 2048), (16, 2048), (64, 2048), (256, 1024)] if not quick else [(1, 1024), (16, 1024)]
    prefills = [512, 2048, 8192] if not quick else [512]
    for mid in models:
        with open(os.path.join(PRESETS, f"{mid}.json")) as f:
            cfg = json.load(f)
        layers = MOE_E2E_LAYERS.get(mid, 4) if not quick else 2
        run_cfg, diffs = reduced_config(cfg, layers)
        mp = e2e(run_cfg, quick, decode_cases, prefills, impl, prefill_graph=True)
        for i, p in enumerate(mp):
            p["heldOut"] = i % 3 == 2
        runs.append({"presetId": mid, "layersRun": layers, "layersInPreset": cfg["numLayers"], "config": run_cfg, "differences": diffs})
        pts += mp
        print(f"[kit] moe e2e {run_cfg['id']}: " + ", ".join(f"{p['phase'][0]}{p['batch']}x{p['context']} {p['measuredMs']:.2f} ms" + (f" (eager {p['eagerMs']:.2f})" if "eagerMs" in p else "") + (f" [experts {p['distinctExperts']['min']}-{p['distinctExperts']['max']} of exp. {p['distinctExperts']['expected']:.0f}]" if "distinctExperts" in p else "") for p in mp), flush=True)
    return runs, pts


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--parts", default=PARTS, help=f"comma-separated subset of {PARTS}")
    ap.add_argument("--models", default="llama-3.1-8b,qwen2.5-7b,llama-2-7b")
    ap.add_argument("--moe-shapes", default=None, help="MoE presets whose expert shapes the layer grid uses")
    ap.add_argument("--moe-models", default=",".join(MOE_E2E_LAYERS), help="MoE presets run end to end (reduced layers)")
    ap.add_argument("--accelerator-id", default=None, help="preset id this profile belongs to (guessed from the device name)")
    ap.add_argument("--machine", default="", help="words on the machine for the profile's source, e.g. 'a lent nvidia-h100-x1'")
    args = ap.parse_args()
    if not torch.cuda.is_available():
        sys.exit("No CUDA (or ROCm) device visible to PyTorch.")
    parts = set(args.parts.split(","))
    torch.manual_seed(0)
    torch.backends.cuda.matmul.allow_tf32 = False
    props = torch.cuda.get_device_properties(0)
    name = props.name
    acc = args.accelerator_id or ("h200-sxm" if "H200" in name else "h100-sxm" if "H100" in name else name.lower().replace(" ", "-"))
    t0 = time.time()
    date = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    method = "calibration/kit.py: random inputs, warm-up, 3 s heat soak, median of repeats of at least 30 ms each (sustained clocks) with CUDA events; decode steps captured in CUDA graphs; MoE pieces and FP8 kernels timed from CUDA-graph replays."
    prof = {
        "schemaVersion": 1,
        "kind": "cluster-planner-calibration-profile",
        "id": f"{acc}-{date[:10]}",
        "acceleratorId": acc,
        "source": f"Measured with calibration/kit.py on {args.machine or 'one'} {name}, {date} (PyTorch {torch.__version__}, CUDA {torch.version.cuda}); parts: {','.join(sorted(parts))}; method: {method}",
        "device": {"name": name, "computeCapability": f"{props.major}.{props.minor}", "memoryBytes": props.total_memory, "multiprocessors": props.multi_processor_count},
        "date": date,
        "software": {"torch": torch.__version__, "cuda": str(torch.version.cuda), "python": platform.python_version()},
        "method": method,
    }
    log = lambda msg: print(msg, flush=True)  # noqa: E731
    log(f"[kit] {name} → {acc}; parts {sorted(parts)}")

    def save():
        prof["elapsedS"] = time.time() - t0
        with open(args.out, "w") as f:
            json.dump(prof, f, indent=1)

    prof["copy"] = measure_copy(args.quick)  # always: the schema needs it
    log(f"[kit] copy {prof['copy']['bytesPerS'] / 1e12:.2f} TB/s")
    heat_soak()
    if "gemm" in parts:
        prof["gemm"] = {"bf16": measure_gemm(args.quick, "bf16")}
        try:
            prof["gemm"]["fp8"] = measure_gemm(args.quick, "fp8") if props.major >= 9 else []
        except Exception as e:  # noqa: BLE001 - record why FP8 was not measured
            prof["gemm"]["fp8"] = []
            prof["gemm"]["fp8Skipped"] = str(e)[:300]
        log(f"[kit] gemm bf16 best {max(p['flopsPerS'] for p in prof['gemm']['bf16']) / 1e12:.0f} TFLOP/s")
        save()
    if "fp8" in parts and props.major >= 9:
        from fp8 import measure_fp8_quant

        prof["fp8Quant"] = measure_fp8_quant(args.quick, log)
        save()
    if "attention" in parts:
        dec, pre = measure_attention(args.quick)
        prof["attention"] = {"decode": dec, "prefill": pre}
        save()
    if "nccl" in parts:
        prof["nccl"] = measure_nccl(args.quick)
        log(f"[kit] nccl: {list(prof['nccl'].keys())}")
    if "tp" in parts:
        prof["tpDecode"] = measure_tp_decode(args.quick)
        log(f"[kit] tp decode: {list(prof['tpDecode'].keys())}")
    impl = "grouped_mm"
    if "moe" in parts or "moe-e2e" in parts:
        from moe import DEFAULT_SHAPES, detect_grouped_mm, measure_moe_layers

        impl, _ = detect_grouped_mm()
        prof["moe"] = {"groupedGemmImpl": "", "checks": [], "layers": []}
        if "moe" in parts:
            heat_soak()
            shapes = (args.moe_shapes or (DEFAULT_SHAPES if not args.quick else "qwen3-30b-a3b,deepseek-v3")).split(",")
            prof["moe"] = measure_moe_layers(PRESETS, shapes, args.quick, log)
            save()
    if "e2e" in parts:
        pts = []
        for mid in args.models.split(","):
            with open(os.path.join(PRESETS, f"{mid}.json")) as f:
                cfg = json.load(f)
            pts += e2e(cfg, args.quick)
            log(f"[kit] e2e {mid}: {len(pts)} points so far")
        # Hold out every point of the last model and every other point of the rest: never fit to them.
        last = args.models.split(",")[-1]
        for i, p in enumerate(pts):
            p["heldOut"] = p["modelId"] == last or i % 2 == 1
        prof["endToEnd"] = pts
        save()
    if "moe-e2e" in parts:
        runs, pts = moe_e2e([m for m in args.moe_models.split(",") if m], args.quick, impl)
        prof["moe"]["models"] = runs
        prof["moe"]["endToEnd"] = pts
        prof["moe"]["heldOutRule"] = "every third point of each model's list (index 2, 5, ...), fixed in calibration/kit.py before measuring"
        if not prof["moe"]["groupedGemmImpl"]:
            from moe import detect_grouped_mm as dg

            prof["moe"]["groupedGemmImpl"] = dg()[1]
    save()
    log(f"[kit] wrote {args.out} in {prof['elapsedS']:.0f} s")


if __name__ == "__main__":
    main()
