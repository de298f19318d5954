"""torchdiffeq's latent ODE example (examples/latent_ode.py), ported to read Flowscope's spiral CSV.

Same architecture (RNN encoder 25, ELU field 4-20-20-4, ReLU decoder 4-20-2), loss (-ELBO, noise
0.3, KL to N(0, I)), Adam at 0.01, dopri5 (rtol 1e-5, atol 1e-7 as the preset), float64, minibatches
of --batch spirals. The encoder input is (observation, time gap) as in Flowscope's RNN cell.
Prints one line: iterations, seconds per iteration, final -ELBO. Data: all spirals on one time grid
(`ode-train --preset latent-spirals --save-data spirals.csv`, no --keep). With --heldout (the
--save-heldout file of the same run) a second line: held-out reconstruction and extrapolation MSE
against the noise-free spirals, scored as Flowscope scores them (z0 = the posterior mean, dopri5 at
rtol 1e-7, atol 1e-9, mean over points and components).
Usage: python latent_ode_peer.py spirals.csv --iters 50 --batch 100 --seed 0 [--heldout heldout.csv]
"""
import argparse, csv, time
import numpy as np
import torch, torch.nn as nn
from torchdiffeq import odeint

p = argparse.ArgumentParser()
p.add_argument("data"); p.add_argument("--iters", type=int, default=50)
p.add_argument("--batch", type=int, default=100); p.add_argument("--seed", type=int, default=0)
p.add_argument("--heldout")
a = p.parse_args()
torch.manual_seed(a.seed); rng = np.random.default_rng(a.seed)
torch.set_default_dtype(torch.float64)

rows = {}
with open(a.data) as f:
    for r in csv.DictReader(f):
        rows.setdefault(r["trajectory"], []).append((float(r["t"]), float(r["x"]), float(r["y"])))
seqs = list(rows.values())
ts = torch.tensor([t for t, _, _ in seqs[0]])
X = torch.tensor([[[x, y] for _, x, y in s] for s in seqs])          # B x T x 2
gaps = torch.cat([ts[1:] - ts[:-1], torch.zeros(1)])                # gap to the next observation

class Field(nn.Module):
    def __init__(s):
        super().__init__(); s.net = nn.Sequential(nn.Linear(4, 20), nn.ELU(), nn.Linear(20, 20), nn.ELU(), nn.Linear(20, 4))
    def forward(s, t, z): return s.net(z)

i2h, h2o = nn.Linear(3 + 25, 25), nn.Linear(25, 8)
field = Field(); dec = nn.Sequential(nn.Linear(4, 20), nn.ReLU(), nn.Linear(20, 2))
params = list(field.parameters()) + list(dec.parameters()) + list(i2h.parameters()) + list(h2o.parameters())
opt = torch.optim.Adam(params, lr=0.01)
noise_logvar = 2 * np.log(0.3)
start = time.perf_counter(); loss = None
for it in range(a.iters):
    idx = torch.tensor(rng.choice(len(seqs), size=min(a.batch, len(seqs)), replace=False))
    x = X[idx]; opt.zero_grad()
    h = torch.zeros(len(idx), 25)
    for k in reversed(range(x.shape[1])):
        u = torch.cat([x[:, k, :], gaps[k].expand(len(idx), 1), h], dim=1)
        h = torch.tanh(i2h(u))
    out = h2o(h); mean, logvar = out[:, :4], out[:, 4:]
    z0 = mean + torch.randn_like(mean) * torch.exp(0.5 * logvar)
    z = odeint(field, z0, ts, method="dopri5", rtol=1e-5, atol=1e-7).permute(1, 0, 2)
    xh = dec(z)
    nll = 0.5 * (np.log(2 * np.pi) + noise_logvar + (x - xh) ** 2 / np.exp(noise_logvar))
    kl = 0.5 * (mean ** 2 + torch.exp(logvar) - 1 - logvar)
    loss = (nll.sum((1, 2)) + kl.sum(1)).mean()
    loss.backward(); opt.step()
elapsed = time.perf_counter() - start
print(f"torchdiffeq: {a.iters} iterations, {elapsed / a.iters:.4f} s/iteration, final -ELBO {loss.item():.4g}")

if a.heldout:
    cases = {}
    with open(a.heldout) as f:
        for r in csv.DictReader(f):
            c = cases.setdefault(r["trajectory"], {"obs": [], "ext": []})
            row = (float(r["t"]), float(r["x_true"]), float(r["y_true"]))
            if r["x"] == "":
                c["ext"].append(row)
            else:
                c["obs"].append(row + (float(r["x"]), float(r["y"])))
    rec_sum = ext_sum = 0.0; rec_n = ext_n = 0
    with torch.no_grad():
        for c in cases.values():
            obs = c["obs"]
            t_obs = torch.tensor([o[0] for o in obs])
            x = torch.tensor([[o[3], o[4]] for o in obs])
            g = torch.cat([t_obs[1:] - t_obs[:-1], torch.zeros(1)])
            h = torch.zeros(1, 25)
            for k in reversed(range(len(obs))):
                h = torch.tanh(i2h(torch.cat([x[k:k + 1], g[k].reshape(1, 1), h], dim=1)))
            mean = h2o(h)[:, :4]
            ts_all = torch.tensor([o[0] for o in obs] + [e[0] for e in c["ext"]])
            xh = dec(odeint(field, mean, ts_all - ts_all[0], method="dopri5", rtol=1e-7, atol=1e-9)[:, 0, :])
            truth = torch.tensor([[o[1], o[2]] for o in obs] + [[e[1], e[2]] for e in c["ext"]])
            err = ((xh - truth) ** 2)
            rec_sum += err[:len(obs)].sum().item(); rec_n += 2 * len(obs)
            ext_sum += err[len(obs):].sum().item(); ext_n += 2 * len(c["ext"])
    print(f"torchdiffeq: held-out reconstruction MSE {rec_sum / rec_n:.4g}, extrapolation MSE {ext_sum / max(ext_n, 1):.4g} ({len(cases)} spirals)")
