"""Mixture-of-experts layers timed the way serving engines run them (vLLM / SGLang fused-MoE
structure), for the calibration kit. One layer of E experts, top-k routing, hidden size H and
expert intermediate size I, on T tokens:

  routerGemm  logits = x · Wr                         (T×H · H×E, BF16)
  topk        softmax in FP32, top-k, renormalise the k weights
  permute     stable sort of the T·k expert ids, per-expert end offsets (searchsorted), the
              inverse permutation, and the gather of token rows into expert order
  gemmGateUp  grouped GEMM: rows of expert e times W13[e] (H × 2I)    - torch._grouped_mm
  activation  SwiGLU: silu(gate) · up
  gemmDown    grouped GEMM: rows of expert e times W2[e] (I × H)
  unpermute   gather back into token order and the weighted sum over the k experts

Every piece is captured alone in a CUDA graph and timed (timing.graph_time); then the whole
layer is captured in one graph ('total'). Expert weights are stored [E, N, K] as checkpoints hold
them and used transposed (K-major B operand). Routing uses random router weights and random
inputs, so tokens spread uniformly over experts: the distinct experts touched should follow
E·(1 − (1 − k/E)^T), and the profile records both the measured count and that formula. Real
routers are skewed; the engine's load-imbalance factor covers that, not this measurement.
"""
import math

import torch
import torch.nn.functional as F

from timing import graph_time, rand

DEFAULT_SHAPES = "qwen3-30b-a3b,mixtral-8x7b,deepseek-v3,gpt-oss-120b"
TOKENS = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384]
TOKENS_QUICK = [1, 4, 64, 1024]
FP8_MAX = 448.0  # largest finite float8_e4m3fn value


def detect_grouped_mm():
    """('grouped_mm', note) when torch._grouped_mm exists and is right on this device, else
    ('loop', why). The check includes an empty group, which routing produces at small T."""
    if not hasattr(torch, "_grouped_mm"):
        return "loop", "torch._grouped_mm is not in this PyTorch"
    try:
        a = rand(10, 64, std=1.0)
        b = rand(4, 32, 64, std=1.0).transpose(1, 2)  # [E, K, N], K-major
        offs = torch.tensor([3, 3, 7, 10], device="cuda", dtype=torch.int32)
        out = torch._grouped_mm(a, b, offs=offs).float()
        ref = torch.cat([a[0:3].float() @ b[0].float(), a[3:7].float() @ b[2].float(), a[7:10].float() @ b[3].float()])
        err = ((out - ref).norm() / ref.norm()).item()
        if not err < 2e-2:
            return "loop", f"torch._grouped_mm gave a relative error of {err:.2e} on this device"
        return "grouped_mm", f"torch._grouped_mm (PyTorch {torch.__version__}; CUTLASS grouped GEMM on sm90), checked against FP32 (rel. error {err:.1e})"
    except Exception as e:  # noqa: BLE001 - record why and fall back
        return "loop", f"torch._grouped_mm failed: {str(e)[:200]}"


def grouped(impl, a, b, offs):
    """a [rows, K] in expert order, b [E, K, N], offs [E] int32 end offsets → [rows, N]."""
    if impl == "grouped_mm":
        return torch._grouped_mm(a, b, offs=offs)
    # Fallback: a loop over experts. Needs the offsets on the host (not graph-capturable).
    out = torch.empty(a.shape[0], b.shape[2], device=a.device, dtype=a.dtype)
    start = 0
    for e, end in enumerate(offs.tolist()):
        if end > start:
            torch.mm(a[start:end], b[e], out=out[start:end])
        start = end
    return out


class MoELayer:
    """Random-weight MoE layer. `copies` > 1 keeps several weight sets so that repeated timing
    rotates among them and the touched experts do not stay in L2 between calls."""

    def __init__(self, E, k, H, I, impl, copies=1):
        self.E, self.k, self.H, self.I, self.impl = E, k, H, I, impl
        self.router = [rand(H, E) for _ in range(copies)]
        self.w13 = [rand(E, 2 * I, H) for _ in range(copies)]  # [E, N, K]
        self.w2 = [rand(E, H, I) for _ in range(copies)]
        self.arange_e = torch.arange(E, device="cuda")
        self.copies = copies
        self.record = None

    def router_gemm(self, x, c=0):
        return x @ self.router[c % self.copies]

    def topk(self, logits):
        p = torch.softmax(logits.float(), dim=-1)
        w, idx = torch.topk(p, self.k, dim=-1)
        return w / w.sum(dim=-1, keepdim=True), idx

    def permute(self, x, idx):
        flat = idx.reshape(-1)
        sorted_ids, order = torch.sort(flat, stable=True)
        offs = torch.searchsorted(sorted_ids, self.arange_e, right=True, out_int32=True)
        inv = torch.empty_like(order)
        inv.scatter_(0, order, torch.arange(order.numel(), device=order.device))
        xs = x.index_select(0, order // self.k)
        return xs, offs, inv

    def gemm_gate_up(self, xs, offs, c=0):
        return grouped(self.impl, xs, self.w13[c % self.copies].transpose(1, 2), offs)

    @staticmethod
    def act(h):
        g, u = h.chunk(2, dim=-1)
        return F.silu(g) * u

    def gemm_down(self, a, offs, c=0):
        return grouped(self.impl, a, self.w2[c % self.copies].transpose(1, 2), offs)

    def unpermute(self, y, inv, w):
        yt = y.index_select(0, inv).view(-1, self.k, self.H)
        return (yt * w.to(y.dtype).unsqueeze(-1)).sum(dim=1)

    def forward(self, x, c=0):
        w, idx = self.topk(self.router_gemm(x, c))
        if self.record is not None:  # routing diagnostics (eager runs only, never while capturing)
            self.record.append(idx)
        xs, offs, inv = self.permute(x, idx)
        y = self.gemm_down(self.act(self.gemm_gate_up(xs, offs, c)), offs, c)
        return self.unpermute(y, inv, w)

    def check(self, T=4):
        """Relative error of forward() against an FP32 loop over (token, expert) pairs that
        uses the same routing decisions (so near-ties in BF16 logits cannot flip an expert)."""
        x = rand(T, self.H, std=1.0)
        w, idx = self.topk(self.router_gemm(x))
        out = self.forward(x).float()
        ref = torch.zeros(T, self.H, device="cuda", dtype=torch.float32)
        for t in range(T):
            for j in range(self.k):
                e = int(idx[t, j])
                h = self.w13[0][e].float() @ x[t].float()
                a = F.silu(h[: self.I]) * h[self.I :]
                ref[t] += w[t, j] * (self.w2[0][e].float() @ a)
        return ((out - ref).norm() / ref.norm()).item()


class Fp8Experts:
    """FP8 (e4m3) copies of a layer's expert weights with per-output-channel scales, for
    torch._scaled_grouped_mm (row-wise scaled grouped GEMM on sm90). Activations are quantised
    per row by a separate step that is not part of the timed GEMM."""

    def __init__(self, layer):
        self.w13, self.s13 = _quant_rows(layer.w13[0])  # [E, 2I, H] fp8, [E, 2I] fp32
        self.w2, self.s2 = _quant_rows(layer.w2[0])  # [E, H, I] fp8, [E, H] fp32

    def gemm(self, a, offs, which):
        q, s = _quant_rows(a)
        w, ws = (self.w13, self.s13) if which == "gateUp" else (self.w2, self.s2)
        return q, s, lambda: torch._scaled_grouped_mm(q, w.transpose(1, 2), s, ws, offs=offs, out_dtype=torch.bfloat16)


def _quant_rows(t):
    """Row-wise (last dim) FP8 quantisation of a 2-D or 3-D BF16 tensor, chunked over dim 0."""
    q = torch.empty(t.shape, device=t.device, dtype=torch.float8_e4m3fn)
    s = torch.empty(t.shape[:-1], device=t.device, dtype=torch.float32)
    step = max(1, (1 << 28) // max(1, t[0].numel()))
    for i in range(0, t.shape[0], step):
        c = t[i : i + step].float()
        sc = c.abs().amax(dim=-1).clamp_(min=1e-12).div_(FP8_MAX)
        s[i : i + step] = sc
        q[i : i + step] = (c / sc.unsqueeze(-1)).to(torch.float8_e4m3fn)
    return q, s


def shape_of(cfg):
    m = cfg["moe"]
    return {"shape": cfg["id"], "experts": m["numRoutedExperts"], "topK": m["topK"], "hidden": cfg["hiddenSize"], "expertIntermediate": m["expertIntermediateSize"]}


def expected_distinct(E, k, T):
    return E * (1 - (1 - k / E) ** T)


def measure_point(layer, T, fp8):
    """Times every piece and the whole layer on T random tokens; returns the profile point."""
    E, k, H, I = layer.E, layer.k, layer.H, layer.I
    x = rand(T, H, std=1.0)
    logits = layer.router_gemm(x)
    w, idx = layer.topk(logits)
    xs, offs, inv = layer.permute(x, idx)
    h = layer.gemm_gate_up(xs, offs)
    a = layer.act(h)
    y = layer.gemm_down(a, offs)
    distinct = int(torch.unique(idx).numel())
    counts = torch.diff(offs, prepend=torch.zeros(1, device="cuda", dtype=offs.dtype))
    tmax = int(counts.max())
    pieces = {
        "routerGemm": lambda i: layer.router_gemm(x, i),
        "topk": lambda i: layer.topk(logits),
        "permute": lambda i: layer.permute(x, idx),
        "gemmGateUp": lambda i: layer.gemm_gate_up(xs, offs, i),
        "activation": lambda i: layer.act(h),
        "gemmDown": lambda i: layer.gemm_down(a, offs, i),
        "unpermute": lambda i: layer.unpermute(y, inv, w),
        "total": lambda i: layer.forward(x, i),
    }
    sec, how = {}, set()
    for name, fn in pieces.items():
        sec[name], hw = graph_time(fn)
        how.add(hw)
    rows = T * k
    pt = {
        "tokens": T,
        "distinctExperts": distinct,
        "expectedDistinctExperts": expected_distinct(E, k, T),
        "tokensPerExpertMean": rows / distinct,
        "tokensPerExpertMax": tmax,
        "expertWeightBytes": distinct * 3 * H * I * 2,
        # activations the two grouped GEMMs read and write: x rows in, 2I out; I in, H out
        "activationBytes": rows * (H + 2 * I + I + H) * 2,
        "flops": 2 * rows * 3 * H * I,
        "routerFlops": 2 * T * H * E,
        "seconds": sec,
        "timing": "graph" if how == {"graph"} else "eager" if how == {"eager"} else "mixed",
    }
    if fp8 is not None:
        try:
            _, _, f1 = fp8.gemm(xs, offs, "gateUp")
            _, _, f2 = fp8.gemm(a, offs, "down")
            pt["fp8Seconds"] = {"gemmGateUp": graph_time(lambda i: f1())[0], "gemmDown": graph_time(lambda i: f2())[0]}
        except Exception as e:  # noqa: BLE001 - keep the BF16 point
            pt["fp8Skipped"] = str(e)[:200]
    del x, logits, xs, h, a, y
    return pt


def fp8_check(layer, fp8):
    """Relative error of the FP8 grouped gate/up GEMM against the BF16 one on 4 tokens."""
    x = rand(4, layer.H, std=1.0)
    w, idx = layer.topk(layer.router_gemm(x))
    xs, offs, _ = layer.permute(x, idx)
    ref = layer.gemm_gate_up(xs, offs).float()
    _, _, f = fp8.gemm(xs, offs, "gateUp")
    out = f().float()
    return ((out - ref).norm() / ref.norm()).item()


def measure_moe_layers(presets_dir, shape_ids, quick, log=print):
    """The MoE layer grid over the presets' expert shapes and tokens per step."""
    import json
    import os

    impl, impl_note = detect_grouped_mm()
    l2 = getattr(torch.cuda.get_device_properties(0), "L2_cache_size", 50 << 20)
    out = {"groupedGemmImpl": impl_note if impl == "grouped_mm" else f"loop over experts with torch.mm ({impl_note})", "checks": [], "layers": []}
    out["routingInputs"] = "random router weights N(0, 0.02) and inputs N(0, 1): uniform routing; measured distinct experts recorded beside E·(1 − (1 − k/E)^T)"
    tokens = TOKENS_QUICK if quick else TOKENS
    for sid in shape_ids:
        with open(os.path.join(presets_dir, f"{sid}.json")) as f:
            cfg = json.load(f)
        sh = shape_of(cfg)
        E, k, H, I = sh["experts"], sh["topK"], sh["hidden"], sh["expertIntermediate"]
        layer_bytes = E * 3 * H * I * 2
        touched1 = k * 3 * H * I * 2  # weights a single token touches
        copies = max(1, min(4, math.ceil(4 * l2 / touched1), int(8e9 // layer_bytes)))
        layer = MoELayer(E, k, H, I, impl, copies=copies)
        err = layer.check()
        chk = {"shape": sid, "relErrorVsFp32": err, "ok": err < 3e-2, "weightCopies": copies}
        fp8 = None
        if sid.startswith("deepseek") and hasattr(torch, "_scaled_grouped_mm"):
            try:
                fp8 = Fp8Experts(layer)
                chk["fp8RelErrorVsBf16"] = fp8_check(layer, fp8)
                out["fp8GroupedGemmImpl"] = "torch._scaled_grouped_mm, FP8 e4m3 row-wise scales (per token × per output channel); activation quantisation not timed in it"
            except Exception as e:  # noqa: BLE001
                fp8 = None
                out["fp8GroupedGemmSkipped"] = str(e)[:300]
        out["checks"].append(chk)
        log(f"[kit] moe {sid}: E={E} k={k} H={H} I={I} copies={copies} check rel.err {err:.1e}")
        for T in tokens:
            pt = measure_point(layer, T, fp8)
            out["layers"].append({**sh, **pt})
            s = pt["seconds"]
            log(f"[kit]   T={T:6d} distinct {pt['distinctExperts']:4d} (exp {pt['expectedDistinctExperts']:6.1f}) gemms {1e6 * (s['gemmGateUp'] + s['gemmDown']):9.1f} us total {1e6 * s['total']:9.1f} us")
        del layer, fp8
        torch.cuda.empty_cache()
    return out
