#!/usr/bin/env python3
"""Write a PyTorch network as a Flowscope model file (flowscope.mlp.v1, see README's File formats).

Any torch.nn.Sequential of nn.Linear layers, each followed by at most one supported activation
(Tanh, ReLU, Softplus with beta 1, Sigmoid, Identity; none means identity), exports exactly:
weights and biases are written as float64 in PyTorch's layout (weight rows are outputs).

As a library:

    from export_torch import export_sequential
    export_sequential(net, "model.json", state_dim=2)                  # f(t, y) = net(y)
    export_sequential(net, "model.json", state_dim=2, time_input=True) # f(t, y) = net(cat(y, t))

From the command line, for a whole module saved with torch.save(net, "net.pt"):

    python scripts/export_torch.py net.pt model.json --state-dim 2 [--time-input] [--augment-dim 1]

Bad input (another layer type, a Softplus with beta != 1, sizes that do not chain or do not match
the state) is one line on stderr and exit status 2; no file is written then.
"""
import argparse
import json
import os
import sys
import tempfile

import torch
from torch import nn

FORMAT = "flowscope.mlp.v1"


class ExportError(ValueError):
    """A network Flowscope's model file cannot describe; the message says which layer and why."""


def _activation_name(module, index):
    if isinstance(module, nn.Tanh):
        return "tanh"
    if isinstance(module, nn.ReLU):
        return "relu"
    if isinstance(module, nn.Sigmoid):
        return "sigmoid"
    if isinstance(module, nn.Identity):
        return "identity"
    if isinstance(module, nn.Softplus):
        if module.beta != 1:
            raise ExportError(f"layer {index}: Softplus with beta={module.beta}; Flowscope's softplus has beta 1")
        # PyTorch returns z itself above its threshold (20 by default); the difference is below 1e-9.
        return "softplus"
    raise ExportError(f"layer {index}: {type(module).__name__} is not supported "
                      "(Linear, Tanh, ReLU, Softplus, Sigmoid, Identity)")


def model_dict(net, state_dim, time_input=False, augment_dim=0):
    """The model file's content (a dict) for `net`; raises ExportError naming the layer at fault."""
    if not isinstance(net, nn.Sequential):
        raise ExportError(f"expected a torch.nn.Sequential, got {type(net).__name__}")
    if state_dim < 1 or augment_dim < 0:
        raise ExportError("state_dim must be at least 1 and augment_dim at least 0")
    layers = []
    for index, module in enumerate(net):
        if isinstance(module, nn.Linear):
            if module.bias is None:
                raise ExportError(f"layer {index}: Linear without bias (the model file needs one)")
            layers.append({
                "weight": module.weight.detach().to(torch.float64).cpu().tolist(),
                "bias": module.bias.detach().to(torch.float64).cpu().tolist(),
                "activation": "identity",
            })
            continue
        name = _activation_name(module, index)
        if not layers or layers[-1].pop("_activated", False):
            raise ExportError(f"layer {index}: an activation must follow a Linear layer")
        layers[-1]["activation"] = name
        layers[-1]["_activated"] = True
    if not layers:
        raise ExportError("the network has no Linear layer")
    for layer in layers:
        layer.pop("_activated", None)
    width = state_dim + augment_dim
    expected_in = width + (1 if time_input else 0)
    if len(layers[0]["weight"][0]) != expected_in:
        raise ExportError(f"the first Linear takes {len(layers[0]['weight'][0])} inputs; state_dim + augment_dim"
                          f"{' + 1 (time)' if time_input else ''} is {expected_in}")
    for k in range(1, len(layers)):
        if len(layers[k]["weight"][0]) != len(layers[k - 1]["bias"]):
            raise ExportError(f"Linear {k} takes {len(layers[k]['weight'][0])} inputs but the one before "
                              f"gives {len(layers[k - 1]['bias'])}")
    if len(layers[-1]["bias"]) != width:
        raise ExportError(f"the last Linear gives {len(layers[-1]['bias'])} outputs; the ODE state has {width}")
    return {"format": FORMAT, "state_dim": state_dim, "time_input": bool(time_input),
            "augment_dim": augment_dim, "layers": layers}


def export_sequential(net, path, state_dim, time_input=False, augment_dim=0):
    """Writes `net` to `path` as a Flowscope model file (written to a temporary file, then renamed)."""
    text = json.dumps(model_dict(net, state_dim, time_input, augment_dim), indent=1) + "\n"
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(dir=folder, prefix="." + os.path.basename(path) + ".tmp-")
    try:
        with os.fdopen(fd, "w") as out:
            out.write(text)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def main(argv=None):
    parser = argparse.ArgumentParser(description="Write a saved torch.nn.Sequential as a Flowscope model file.")
    parser.add_argument("module", help="a file written by torch.save(net, ...) holding a torch.nn.Sequential")
    parser.add_argument("output", help="the model file to write (JSON)")
    parser.add_argument("--state-dim", type=int, required=True, help="dimension of the observed state")
    parser.add_argument("--time-input", action="store_true", help="the network's last input is t")
    parser.add_argument("--augment-dim", type=int, default=0, help="extra state dimensions starting at zero")
    args = parser.parse_args(argv)
    try:
        net = torch.load(args.module, weights_only=False, map_location="cpu")
        export_sequential(net, args.output, args.state_dim, args.time_input, args.augment_dim)
    except (ExportError, OSError, RuntimeError) as error:
        print(f"export_torch.py: error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
