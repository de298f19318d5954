#!/usr/bin/env python3
"""The Lorenz preset's training epoch in torchdiffeq or diffrax, on the data ode-train wrote.

  python benchmarks/lorenz_peer.py data.csv --framework torch   --window 0.2 --epochs 8
  python benchmarks/lorenz_peer.py data.csv --framework diffrax --window 0.2 --epochs 8

The configuration of `ode-train --preset lorenz --window H`: the data standardised per component
(mean and deviation over every row), random windows of H time units (ceil(span/H) per trajectory
per epoch, each started from its observed first row, shuffled, minibatches of --batch), an MLP
3->64->64->3 tanh (PyTorch's default initialisation, float64), fixed-step RK4 with dt 0.01 over
each window (the data's spacing, so every step is an observation), MSE over every row, Adam.
torchdiffeq's 'rk4' is Kutta's 3/8 rule and diffrax gets the classic tableau: four evaluations
a step either way, the same work as Flowscope's rk4. Prints one JSON line at the end; epoch 0
(diffrax: compilation) is left out of the median.
"""
import argparse, csv, json, math, os, statistics, time

p = argparse.ArgumentParser()
p.add_argument("data")
p.add_argument("--framework", choices=["torch", "diffrax"], default="torch")
p.add_argument("--window", type=float, default=0.2)
p.add_argument("--epochs", type=int, default=8)
p.add_argument("--batch", type=int, default=64)
p.add_argument("--hidden", default="64,64")
p.add_argument("--lr", type=float, default=0.01)
p.add_argument("--dt", type=float, default=0.01)
p.add_argument("--threads", type=int, default=1)
p.add_argument("--seed", type=int, default=0)
args = p.parse_args()
if args.threads == 1 and args.framework == "diffrax":
    os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    os.environ["XLA_FLAGS"] = os.environ.get("XLA_FLAGS", "") + " --xla_cpu_multi_thread_eigen=false"

import numpy as np


def load(path):
    """Trajectories as (times, values) from Flowscope's CSV (trajectory,t,x,y,z)."""
    rows = {}
    with open(path) as fh:
        reader = csv.reader(fh)
        header = next(reader)
        for r in reader:
            rows.setdefault(r[0], []).append([float(v) for v in r[1:]])
    out = [np.array(v) for v in rows.values()]
    return [(a[:, 0], a[:, 1:]) for a in out], len(header) - 2


trajectories, dim = load(args.data)
every = np.concatenate([v for _, v in trajectories])
mean, scale = every.mean(axis=0), every.std(axis=0)
trajectories = [(t, (v - mean) / scale) for t, v in trajectories]
rng = np.random.default_rng(args.seed)
widths = [dim] + [int(w) for w in args.hidden.split(",")] + [dim]


def windows():
    """One epoch's windows as (starts per trajectory), shuffled, cut into minibatches of initial states and targets."""
    samples = []
    for k, (t, v) in enumerate(trajectories):
        span = t[-1] - t[0]
        rows = int(round(args.window / (t[1] - t[0]))) + 1
        count = max(1, math.ceil(span / args.window - 1e-9))
        for s in rng.integers(0, len(t) - rows + 1, size=count):
            samples.append(v[s:s + rows])
    order = rng.permutation(len(samples))
    samples = np.stack([samples[i] for i in order])  # (N, rows, dim)
    return [samples[i:i + args.batch] for i in range(0, len(samples), args.batch)]


def init_weights():
    params = []
    for fan_in, fan_out in zip(widths[:-1], widths[1:]):
        bound = 1.0 / math.sqrt(fan_in)
        params.append((rng.uniform(-bound, bound, (fan_out, fan_in)), rng.uniform(-bound, bound, fan_out)))
    return params


rows = int(round(args.window / args.dt)) + 1
ts_np = np.arange(rows) * args.dt

if args.framework == "torch":
    import torch
    import torchdiffeq
    torch.set_num_threads(args.threads)
    torch.set_default_dtype(torch.float64)
    layers = []
    for i, (W, b) in enumerate(init_weights()):
        lin = torch.nn.Linear(W.shape[1], W.shape[0])
        with torch.no_grad():
            lin.weight.copy_(torch.from_numpy(W)); lin.bias.copy_(torch.from_numpy(b))
        layers += [lin] + ([torch.nn.Tanh()] if i < len(widths) - 2 else [])
    net = torch.nn.Sequential(*layers)
    func = lambda t, z: net(z)
    opt = torch.optim.Adam(net.parameters(), lr=args.lr)
    ts = torch.from_numpy(ts_np)

    def epoch():
        total, n = 0.0, 0
        for batch in windows():
            target = torch.from_numpy(batch).transpose(0, 1)  # (rows, B, dim)
            opt.zero_grad()
            ys = torchdiffeq.odeint(func, target[0], ts, method="rk4", options={"step_size": args.dt})
            loss = ((ys - target) ** 2).mean()
            loss.backward()
            opt.step()
            total += loss.item() * batch.shape[0]; n += batch.shape[0]
        return total / n
    versions = {"torch": torch.__version__, "torchdiffeq": torchdiffeq.__version__}
else:
    from typing import ClassVar
    import jax
    jax.config.update("jax_enable_x64", True)
    import jax.numpy as jnp
    import diffrax, equinox as eqx, optax

    class RK4(diffrax.AbstractERK):
        """Classic RK4 from a Butcher tableau (diffrax ships none)."""
        tableau: ClassVar[diffrax.ButcherTableau] = diffrax.ButcherTableau(
            c=np.array([0.5, 0.5, 1.0]), b_sol=np.array([1 / 6, 1 / 3, 1 / 3, 1 / 6]), b_error=np.zeros(4),
            a_lower=(np.array([0.5]), np.array([0.0, 0.5]), np.array([0.0, 0.0, 1.0])))
        interpolation_cls: ClassVar = diffrax.ThirdOrderHermitePolynomialInterpolation.from_k

        def order(self, terms):
            return 4

    class Field(eqx.Module):
        mlp: eqx.nn.MLP

        def __call__(self, t, z, args):
            return jax.vmap(self.mlp)(z)

    mlp = eqx.nn.MLP(dim, dim, widths[1], len(widths) - 2, activation=jnp.tanh, dtype=jnp.float64,
                     key=jax.random.PRNGKey(args.seed))
    ws = init_weights()
    mlp = eqx.tree_at(lambda m: [l.weight for l in m.layers] + [l.bias for l in m.layers], mlp,
                      [jnp.asarray(W) for W, _ in ws] + [jnp.asarray(b) for _, b in ws])
    model = Field(mlp)
    optim = optax.adam(args.lr)
    opt_state = optim.init(eqx.filter(model, eqx.is_inexact_array))
    ts = jnp.asarray(ts_np)

    @eqx.filter_jit
    def step(model, opt_state, target):  # target (B, rows, dim)
        def loss_fn(m):
            sol = diffrax.diffeqsolve(diffrax.ODETerm(m), RK4(), t0=ts[0], t1=ts[-1], dt0=args.dt, y0=target[:, 0],
                                      saveat=diffrax.SaveAt(ts=ts), stepsize_controller=diffrax.ConstantStepSize(),
                                      max_steps=rows + 8)
            return jnp.mean((jnp.swapaxes(sol.ys, 0, 1) - target) ** 2)
        loss, grads = eqx.filter_value_and_grad(loss_fn)(model)
        updates, opt_state = optim.update(grads, opt_state, eqx.filter(model, eqx.is_inexact_array))
        return eqx.apply_updates(model, updates), opt_state, loss

    def epoch():
        global model, opt_state
        total, n = 0.0, 0
        for batch in windows():
            model, opt_state, loss = step(model, opt_state, jnp.asarray(batch))
            total += float(loss) * batch.shape[0]; n += batch.shape[0]
        return total / n
    versions = {"jax": jax.__version__, "diffrax": diffrax.__version__, "equinox": eqx.__version__}

times, losses = [], []
for e in range(args.epochs):
    t0 = time.perf_counter()
    losses.append(epoch())
    times.append(time.perf_counter() - t0)
timed = times[1:] or times
print(json.dumps({"bench": "lorenz_" + args.framework, **versions, "window": args.window, "batch": args.batch,
                  "hidden": args.hidden, "dt": args.dt, "threads": args.threads, "epochs": args.epochs,
                  "first_epoch_s": times[0], "sec_per_epoch_median": statistics.median(timed),
                  "loss_first_epoch": losses[0], "loss_last_epoch": losses[-1]}))
