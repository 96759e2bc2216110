"""Model configurations the calibration kit runs (no PyTorch needed: importable anywhere)."""
import json


def reduced_config(cfg, layers):
    """The architecture the kit runs for an MoE preset, as a model preset (it parses with the
    app's model schema) so the engine can model exactly this model: layers cut to `layers`, and
    what the kit does not build removed (biases, sliding windows, MTP), each difference named."""
    c = json.loads(json.dumps(cfg))
    diffs = [f"{layers} of {cfg['numLayers']} layers"]
    c["id"] = f"{cfg['id']}-kit-{layers}l"
    c["name"] = f"{cfg['name']} (calibration kit: {layers} of {cfg['numLayers']} layers, random weights)"
    c["numLayers"] = layers
    if c["attention"].get("qkvBias"):
        c["attention"]["qkvBias"] = False
        diffs.append("no q/k/v bias")
    if c["ffn"].get("bias"):
        c["ffn"]["bias"] = False
        diffs.append("no expert/FFN bias, plain SwiGLU experts")
    if c.get("moe", {}).get("routerBias"):
        c["moe"]["routerBias"] = False
        diffs.append("no router bias")
    if c.pop("slidingWindow", None):
        diffs.append("full causal attention in every layer (the preset's sliding window and attention sinks not run)")
    if c.pop("mtp", None):
        diffs.append("no MTP module")
    c.pop("published", None)
    c["notes"] = f"Architecture run by calibration/kit.py, derived from presets/models/{cfg['id']}.json: " + "; ".join(diffs) + "."
    return c, "; ".join(diffs)
