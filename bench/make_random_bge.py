#!/usr/bin/python3
"""Build a random-weight ONNX model with bge-small-zh-v1.5's exact architecture, for the benchmark.

No real weights can be downloaded here, but the cost of embedding can be measured: this is a
BERT encoder with the sizes of ../shared/tokenizers/Xenova/bge-small-zh-v1.5/config.json
(4 layers, hidden 512, 8 heads, intermediate 2048, vocab 21128, 512 positions), random weights,
exported with torch.onnx.export with the inputs and output transformers.js uses
(input_ids, attention_mask, token_type_ids -> last_hidden_state). Its vectors are meaningless:
retrieval quality with it is unmeasured; only speed and memory are real.

Written under embeddings/models/bench/bge-small-zh-random (git-ignored), never committed.
Needs Debian's python3-torch and python3-onnx: npm run bench:model (npm run bench runs it with
--if-missing, which does nothing when the model is there or torch is not).
"""
import json
import math
import os
import shutil
import sys

OUT_FILE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "embeddings", "models", "bench", "bge-small-zh-random", "onnx", "model.onnx")
if "--if-missing" in sys.argv and os.path.exists(OUT_FILE):
    sys.exit(0)
try:
    import torch
    from torch import nn
except ImportError:
    print("no python3-torch: the benchmark's embedding rows are skipped (apt-get install -y python3-torch python3-onnx)", file=sys.stderr)
    sys.exit(0 if "--if-missing" in sys.argv else 1)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOKENIZER = os.path.join(ROOT, "..", "shared", "tokenizers", "Xenova", "bge-small-zh-v1.5")
OUT = os.path.join(ROOT, "embeddings", "models", "bench", "bge-small-zh-random")

with open(os.path.join(TOKENIZER, "config.json")) as f:
    cfg = json.load(f)
H, L, A, I = cfg["hidden_size"], cfg["num_hidden_layers"], cfg["num_attention_heads"], cfg["intermediate_size"]
V, P, T, EPS = cfg["vocab_size"], cfg["max_position_embeddings"], cfg["type_vocab_size"], cfg["layer_norm_eps"]


class Layer(nn.Module):
    def __init__(self):
        super().__init__()
        self.q, self.k, self.v, self.o = (nn.Linear(H, H) for _ in range(4))
        self.ln1 = nn.LayerNorm(H, eps=EPS)
        self.up, self.down = nn.Linear(H, I), nn.Linear(I, H)
        self.ln2 = nn.LayerNorm(H, eps=EPS)

    def forward(self, x, bias):
        b, s, _ = x.shape
        split = lambda t: t.view(b, s, A, H // A).transpose(1, 2)
        q, k, v = split(self.q(x)), split(self.k(x)), split(self.v(x))
        att = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(H // A) + bias, dim=-1)
        ctx = (att @ v).transpose(1, 2).reshape(b, s, H)
        x = self.ln1(x + self.o(ctx))
        return self.ln2(x + self.down(nn.functional.gelu(self.up(x))))


class Bert(nn.Module):
    def __init__(self):
        super().__init__()
        self.word, self.pos, self.types = nn.Embedding(V, H), nn.Embedding(P, H), nn.Embedding(T, H)
        self.ln = nn.LayerNorm(H, eps=EPS)
        self.layers = nn.ModuleList(Layer() for _ in range(L))

    def forward(self, input_ids, attention_mask, token_type_ids):
        positions = torch.arange(input_ids.shape[1], device=input_ids.device).unsqueeze(0)
        x = self.ln(self.word(input_ids) + self.pos(positions) + self.types(token_type_ids))
        bias = (1.0 - attention_mask[:, None, None, :].to(x.dtype)) * -10000.0
        for layer in self.layers:
            x = layer(x, bias)
        return x


def main():
    torch.manual_seed(20261126)
    model = Bert().eval()
    for p in model.parameters():
        nn.init.normal_(p, 0.0, cfg["initializer_range"]) if p.dim() > 1 else nn.init.zeros_(p)
    for m in model.modules():
        if isinstance(m, nn.LayerNorm):
            nn.init.ones_(m.weight)
    os.makedirs(os.path.join(OUT, "onnx"), exist_ok=True)
    ids = torch.ones(2, 16, dtype=torch.long)
    axes = {0: "batch", 1: "sequence"}
    torch.onnx.export(
        model,
        (ids, torch.ones_like(ids), torch.zeros_like(ids)),
        os.path.join(OUT, "onnx", "model.onnx"),
        input_names=["input_ids", "attention_mask", "token_type_ids"],
        output_names=["last_hidden_state"],
        dynamic_axes={"input_ids": axes, "attention_mask": axes, "token_type_ids": axes, "last_hidden_state": axes},
        opset_version=14,
    )
    for f in ["config.json", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "vocab.txt"]:
        shutil.copyfile(os.path.join(TOKENIZER, f), os.path.join(OUT, f))
    params = sum(p.numel() for p in model.parameters())
    print(f"wrote {OUT} ({params / 1e6:.1f} M parameters, random weights)", file=sys.stderr)


if __name__ == "__main__":
    main()
