#!/usr/bin/env python3
"""Make the PyTorch round-trip fixture: a fixed torch network exported by export_torch.py and
torchdiffeq's solutions of its ODE, which an end-to-end test compares with ode-solve's.

Run from the project root with torch and torchdiffeq installed (CI has neither; the outputs are
committed):

    python scripts/make_torch_fixture.py

Writes assets/models/torch-mlp.json (2 states plus time in; Linear-Tanh-Linear-Softplus-Linear-Sigmoid-Linear,
seed 7) and assets/reference/torch-mlp-dopri5.csv (dopri5, rtol 1e-10, atol 1e-12) and
torch-mlp-rk4-38.csv (torchdiffeq's fixed-step rk4, the 3/8 rule, on its output grid: step 0.05),
both from y0 = (1, -0.5) at 101 times on [0, 5], float64.
"""
import os
import sys

import torch
from torch import nn
from torchdiffeq import odeint

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from export_torch import export_sequential  # noqa: E402

torch.set_default_dtype(torch.float64)
torch.manual_seed(7)
net = nn.Sequential(
    nn.Linear(3, 12), nn.Tanh(),
    nn.Linear(12, 12), nn.Softplus(),
    nn.Linear(12, 8), nn.Sigmoid(),
    nn.Linear(8, 2),
)


def field(t, y):
    return net(torch.cat([y, t.reshape(1)]))


export_sequential(net, "assets/models/torch-mlp.json", state_dim=2, time_input=True)
y0 = torch.tensor([1.0, -0.5])
t = torch.linspace(0.0, 5.0, 101)
with torch.no_grad():
    solutions = {
        "dopri5": odeint(field, y0, t, method="dopri5", rtol=1e-10, atol=1e-12),
        "rk4-38": odeint(field, y0, t, method="rk4"),
    }
for name, ys in solutions.items():
    with open(f"assets/reference/torch-mlp-{name}.csv", "w") as out:
        out.write("t,y0,y1\n")
        for ti, yi in zip(t.tolist(), ys.tolist()):
            out.write(",".join(repr(v) for v in [ti] + yi) + "\n")
print("largest |dopri5 - rk4| over the grid:", float((solutions["dopri5"] - solutions["rk4-38"]).abs().max()))
