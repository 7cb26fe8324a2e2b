#!/usr/bin/env python3
"""Makes the checkpoint fixtures of FAIG Import Model: files written by torch.save the way PyTorch and BasicSR
write them (run once; CI needs no Python).

Requires Debian's python3-torch (apt-get install python3-torch), not a pip/pyenv Python:
    /usr/bin/python3 tools/make_checkpoint_fixtures.py src/test/resources/fixtures/checkpoints
    /usr/bin/python3 tools/make_checkpoint_fixtures.py --paper /tmp/faig-paper   # paper-size, never committed

The networks are the independent PyTorch definitions of tools/make_parity_fixtures.py. Every checkpoint keeps what
nn.Module.state_dict() returns (an OrderedDict with its _metadata attribute), so its pickle holds the BUILD that a
hand-made dict lacks. Writes per checkpoint <name>.pth and <name>_io.safetensors (the input and PyTorch's float32
output of the weights the importer should take, under 'output'; other entries under 'output_<key>'):
  msrresnet_basicsr   BasicSR's save_network of net_g and net_g_ema: {'params': ..., 'params_ema': ...}
  srcnn_basicsr       the same state_dict() object under both keys (pickled once, referenced twice)
  nets                {'net_g': MSRResNet state_dict(), 'net_d': SRCNN-style state_dict(), 'iter': 100}
  top_level           torch.save(net.state_dict()) with nothing around it
  half                BasicSR's path after net.half(): float16 storages
  noncontiguous       a state_dict() holding a transposed view, a strided slice and a slice with storage offset
  legacy              BasicSR's dict saved with _use_new_zipfile_serialization=False (the pre-1.6 format; its
                      storage keys are memory addresses, so this file alone differs from run to run)
  edsr_basicsr        BasicSR's save_network of an EDSR-baseline net_g and net_g_ema (4 features, 1 block, x2)

Names after the folder make only those checkpoints; the EDSR one was made with
    /usr/bin/python3 tools/make_checkpoint_fixtures.py src/test/resources/fixtures/checkpoints edsr_basicsr
"""
import os
import sys

import torch

sys.dont_write_bytecode = True  # no __pycache__ in tools/
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_parity_fixtures import EDSR, MSRResNet, SRCNNStyle, randomize, write_safetensors  # noqa: E402


def basicsr_state(net):
    # BasicSR's save_network: state_dict(), each tensor moved to the CPU, a 'module.' prefix dropped.
    state_dict = net.state_dict()
    for key, param in state_dict.items():
        if key.startswith('module.'):
            key = key[7:]
        state_dict[key] = param.cpu()
    return state_dict


def basicsr_save(nets, keys, path, **kwargs):
    torch.save({k: basicsr_state(n) for n, k in zip(nets, keys)}, path, **kwargs)


def fresh(make, seed, damp=1.0):
    net = make()
    randomize(net, torch.Generator().manual_seed(seed))
    with torch.no_grad():
        # 16 undamped residual blocks would drive the output to hundreds; trained nets (and BasicSR's init, which
        # scales them by 0.1) keep it near [0, 1], where an absolute bound of 1e-4 means something.
        for name, p in net.named_parameters():
            if '.conv2.' in name:
                p.mul_(damp)
    return net.eval()


def forward(net, x):
    with torch.no_grad():
        return net.float()(x)


def write_io(out_dir, name, x, outputs):
    io = {'input': x}
    io.update(outputs)
    write_safetensors(f'{out_dir}/{name}_io.safetensors', io)
    print(name, os.path.getsize(f'{out_dir}/{name}.pth'), 'bytes', sorted(outputs))


def strided_copy(t):
    # The same values as a 1-D t, non-contiguous: every other element of a twice-as-long storage.
    wide = torch.zeros((t.numel() * 2,), dtype=t.dtype)
    wide[::2] = t
    return wide[::2]


def make_fixtures(out_dir, size, msr, srcnn, damp=1.0):
    os.makedirs(out_dir, exist_ok=True)
    x = input_image(size)

    g, g_ema = fresh(msr, 11, damp), fresh(msr, 12, damp)
    basicsr_save([g, g_ema], ['params', 'params_ema'], f'{out_dir}/msrresnet_basicsr.pth')
    write_io(out_dir, 'msrresnet_basicsr', x, {'output': forward(g_ema, x), 'output_params': forward(g, x)})

    s = fresh(srcnn, 13)
    sd = basicsr_state(s)
    torch.save({'params': sd, 'params_ema': sd}, f'{out_dir}/srcnn_basicsr.pth')
    write_io(out_dir, 'srcnn_basicsr', x, {'output': forward(s, x)})
    return x, g_ema, s


def input_image(size):
    return torch.rand((1, 3, size, size), generator=torch.Generator().manual_seed(7))


def make_edsr(out_dir, x):
    g, g_ema = fresh(lambda: EDSR(4, 1, 2), 19), fresh(lambda: EDSR(4, 1, 2), 20)
    basicsr_save([g, g_ema], ['params', 'params_ema'], f'{out_dir}/edsr_basicsr.pth')
    write_io(out_dir, 'edsr_basicsr', x, {'output': forward(g_ema, x), 'output_params': forward(g, x)})


ONLY = {'edsr_basicsr': make_edsr}


def main():
    args = sys.argv[1:]
    torch.set_num_threads(1)
    if args and args[0] == '--paper':
        out_dir = args[1] if len(args) > 1 else '/tmp/faig-paper'
        # The paper's sizes: MSRResNet 64 features x 16 blocks x2; SRCNN-style width 64 (2w = 128), 4 middle convs.
        make_fixtures(out_dir, 96, lambda: MSRResNet(64, 16, 2), lambda: SRCNNStyle(64, 4, 2), 0.1)
        return
    out_dir = args[0] if args else 'src/test/resources/fixtures/checkpoints'
    if args[1:]:
        for name in args[1:]:
            ONLY[name](out_dir, input_image(12))
        return
    x, g_ema, s = make_fixtures(out_dir, 12, lambda: MSRResNet(4, 1, 2), lambda: SRCNNStyle(4, 1, 2))

    d = fresh(lambda: SRCNNStyle(4, 1, 2), 14)
    torch.save({'net_g': g_ema.state_dict(), 'net_d': d.state_dict(), 'iter': 100}, f'{out_dir}/nets.pth')
    write_io(out_dir, 'nets', x, {'output': forward(g_ema, x), 'output_net_d': forward(d, x)})

    torch.save(s.state_dict(), f'{out_dir}/top_level.pth')
    write_io(out_dir, 'top_level', x, {'output': forward(s, x)})

    h = fresh(lambda: MSRResNet(4, 1, 2), 15).half()
    basicsr_save([h, h], ['params', 'params_ema'], f'{out_dir}/half.pth')
    assert all(v.dtype == torch.float16 for v in torch.load(f'{out_dir}/half.pth')['params_ema'].values())
    # PyTorch's reference runs in float32 on the float16 weights widened exactly, as the importer does.
    write_io(out_dir, 'half', x, {'output': forward(h, x)})

    n = fresh(lambda: MSRResNet(4, 1, 2), 16)
    sd = n.state_dict()
    w = sd['conv_first.weight']
    sd['conv_first.weight'] = w.transpose(0, 1).contiguous().transpose(0, 1)  # same values, strides permuted
    sd['conv_first.bias'] = strided_copy(sd['conv_first.bias'])  # stride 2
    b = sd['conv_last.bias']
    sd['conv_last.bias'] = torch.cat([torch.zeros(5), b])[5:]  # storage offset 5
    assert not sd['conv_first.weight'].is_contiguous() and not sd['conv_first.bias'].is_contiguous()
    assert sd['conv_last.bias'].storage_offset() == 5 and hasattr(sd, '_metadata')
    torch.save({'params_ema': sd}, f'{out_dir}/noncontiguous.pth')
    write_io(out_dir, 'noncontiguous', x, {'output': forward(n, x)})

    gl, gl_ema = fresh(lambda: MSRResNet(4, 1, 2), 17), fresh(lambda: MSRResNet(4, 1, 2), 18)
    states = [basicsr_state(gl), basicsr_state(gl_ema)]
    states[1]['conv_last.bias'] = torch.cat([torch.zeros(3), states[1]['conv_last.bias']])[3:]
    torch.save({'params': states[0], 'params_ema': states[1]}, f'{out_dir}/legacy.pth',
               _use_new_zipfile_serialization=False)
    with open(f'{out_dir}/legacy.pth', 'rb') as f:
        assert f.read(2) != b'PK', 'legacy.pth must not be a zip'
    write_io(out_dir, 'legacy', x, {'output': forward(gl_ema, x), 'output_params': forward(gl, x)})

    make_edsr(out_dir, x)


if __name__ == '__main__':
    main()
