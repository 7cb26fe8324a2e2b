#!/usr/bin/env python3
"""Makes the PyTorch parity fixtures of the Java networks (run once; CI needs no Python).

Requires Debian's python3-torch (apt-get install python3-torch):
    /usr/bin/python3 tools/make_parity_fixtures.py src/test/resources/fixtures

Independent PyTorch definitions of MSRResNet (BasicSR layout), the SRCNN-style net and EDSR-baseline (BasicSR's
names and mean shift, written from the description in docs/method.md section 2), tiny widths, random weights
(non-zero biases), a 12x12 input. Writes per network:
  <name>_weights.safetensors  the state dict (BasicSR names)
  <name>_io.safetensors       input (1,3,12,12) (grey networks: (1,1,12,12)), output, and the feature taps; for EDSR also 'target' and the
                              gradient 'grad:<parameter>' of sum((output - target)^2)
  <name>.pth                  a BasicSR checkpoint {'params': ..., 'params_ema': ...} in PyTorch's zip format
  <name>.npz                  the params_ema state dict as numpy arrays
  <name>_params_io.safetensors  the output of the 'params' weights (to check the importer's choice)
(edsr_x3 and edsr_x4, kept small, have an 8x8 input and only the first two files.)

Names on the command line make only those networks, e.g. (how the EDSR fixtures were made; the output of the
others is byte-identical on a rerun):
    /usr/bin/python3 tools/make_parity_fixtures.py src/test/resources/fixtures edsr_x2 edsr_x3 edsr_x4
and the grey networks' (num_in_ch = num_out_ch = 1):
    /usr/bin/python3 tools/make_parity_fixtures.py src/test/resources/fixtures msrresnet_x2_grey srcnn_x2_grey edsr_x2_grey
"""
import json
import math
import struct
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class ResidualBlockNoBN(nn.Module):
    def __init__(self, f):
        super().__init__()
        self.conv1 = nn.Conv2d(f, f, 3, 1, 1)
        self.conv2 = nn.Conv2d(f, f, 3, 1, 1)

    def forward(self, x):
        return x + self.conv2(F.relu(self.conv1(x)))


class MSRResNet(nn.Module):
    def __init__(self, num_feat, num_block, upscale, num_in_ch=3, num_out_ch=3):
        super().__init__()
        self.upscale = upscale
        self.conv_first = nn.Conv2d(num_in_ch, num_feat, 3, 1, 1)
        self.body = nn.Sequential(*[ResidualBlockNoBN(num_feat) for _ in range(num_block)])
        if upscale in (2, 3):
            self.upconv1 = nn.Conv2d(num_feat, num_feat * upscale * upscale, 3, 1, 1)
            self.pixel_shuffle = nn.PixelShuffle(upscale)
        else:
            self.upconv1 = nn.Conv2d(num_feat, num_feat * 4, 3, 1, 1)
            self.upconv2 = nn.Conv2d(num_feat, num_feat * 4, 3, 1, 1)
            self.pixel_shuffle = nn.PixelShuffle(2)
        self.conv_hr = nn.Conv2d(num_feat, num_feat, 3, 1, 1)
        self.conv_last = nn.Conv2d(num_feat, num_out_ch, 3, 1, 1)
        self.lrelu = nn.LeakyReLU(negative_slope=0.1, inplace=True)

    def forward(self, x, taps=None):
        feat = self.lrelu(self.conv_first(x))
        if taps is not None:
            taps['conv_first'] = feat.clone()
        out = feat
        for i, b in enumerate(self.body):
            out = b(out)
            if taps is not None:
                taps['body.%d' % i] = out.clone()
        out = self.lrelu(self.pixel_shuffle(self.upconv1(out)))
        if self.upscale == 4:
            out = self.lrelu(self.pixel_shuffle(self.upconv2(out)))
        out = self.conv_last(self.lrelu(self.conv_hr(out)))
        base = F.interpolate(x, scale_factor=self.upscale, mode='bilinear', align_corners=False)
        return out + base


class SRCNNStyle(nn.Module):
    def __init__(self, width, middle, upscale=2, num_in_ch=3, num_out_ch=3):
        super().__init__()
        w2 = 2 * width
        layers = [nn.Conv2d(num_in_ch, width, 3, 1, 1), nn.LeakyReLU(0.1), nn.Conv2d(width, w2, 3, 1, 1), nn.LeakyReLU(0.1)]
        for _ in range(middle):
            layers += [nn.Conv2d(w2, w2, 3, 1, 1), nn.LeakyReLU(0.1)]
        layers += [nn.Conv2d(w2, w2 * upscale * upscale, 3, 1, 1), nn.PixelShuffle(upscale), nn.LeakyReLU(0.1),
                   nn.Conv2d(w2, w2, 3, 1, 1), nn.LeakyReLU(0.1), nn.Conv2d(w2, num_out_ch, 3, 1, 1)]
        self.features = nn.Sequential(*layers)

    def forward(self, x, taps=None):
        out = x
        for i, m in enumerate(self.features):
            out = m(out)
            if taps is not None and isinstance(m, nn.LeakyReLU):
                # the tap is named after the conv it follows (skipping the pixel shuffle)
                j = i - 1
                while not isinstance(self.features[j], nn.Conv2d):
                    j -= 1
                taps['features.%d' % j] = out.clone()
        return out


class EDSRBlock(nn.Module):
    # conv3x3 - ReLU - conv3x3, scaled by res_scale, added to the block's input; no batch norm.
    def __init__(self, f, res_scale):
        super().__init__()
        self.conv1 = nn.Conv2d(f, f, 3, 1, 1)
        self.conv2 = nn.Conv2d(f, f, 3, 1, 1)
        self.res_scale = res_scale

    def forward(self, x):
        return x + self.conv2(F.relu(self.conv1(x))) * self.res_scale


class EDSR(nn.Module):
    """EDSR-baseline with BasicSR's parameter names and mean shift: the input becomes (x - rgb_mean) * img_range, the
    output out / img_range + rgb_mean. rgb_mean is a plain attribute, not a buffer, so the state dict holds only
    the convolutions (as BasicSR's). A grey network (num_in_ch = 1) subtracts a mean of 0: BasicSR's EDSR would
    broadcast its three means onto a grey input and fail at conv_first; 0 is what BasicSR's SwinIR takes for input
    that is not RGB."""

    def __init__(self, num_feat, num_block, upscale, res_scale=1.0, img_range=255.0,
                 rgb_mean=(0.4488, 0.4371, 0.4040), num_in_ch=3, num_out_ch=3):
        super().__init__()
        self.img_range = img_range
        if num_in_ch == 3:
            self.mean = torch.tensor(rgb_mean, dtype=torch.float32).view(1, 3, 1, 1)
        else:
            self.mean = torch.zeros(1, 1, 1, 1)
        self.conv_first = nn.Conv2d(num_in_ch, num_feat, 3, 1, 1)
        self.body = nn.Sequential(*[EDSRBlock(num_feat, res_scale) for _ in range(num_block)])
        self.conv_after_body = nn.Conv2d(num_feat, num_feat, 3, 1, 1)
        if upscale == 3:
            stages = [nn.Conv2d(num_feat, 9 * num_feat, 3, 1, 1), nn.PixelShuffle(3)]
        else:
            stages = []
            for _ in range(int(math.log2(upscale))):
                stages += [nn.Conv2d(num_feat, 4 * num_feat, 3, 1, 1), nn.PixelShuffle(2)]
        # a conv at every even index, a pixel shuffle after it: upsample.0, upsample.2, ...
        self.upsample = nn.Sequential(*stages)
        self.conv_last = nn.Conv2d(num_feat, num_out_ch, 3, 1, 1)

    def forward(self, x, taps=None):
        feat = self.conv_first((x - self.mean) * self.img_range)
        if taps is not None:
            taps['conv_first'] = feat.clone()
        out = feat
        for i, b in enumerate(self.body):
            out = b(out)
            if taps is not None:
                taps['body.%d' % i] = out.clone()
        out = self.conv_after_body(out) + feat
        if taps is not None:
            taps['conv_after_body'] = out.clone()
        for i, m in enumerate(self.upsample):
            out = m(out)
            if taps is not None and isinstance(m, nn.PixelShuffle):
                taps['upsample.%d' % (i - 1)] = out.clone()
        return self.conv_last(out) / self.img_range + self.mean


def write_safetensors(path, tensors, metadata=None):
    header = {}
    offset = 0
    blobs = []
    for name, t in tensors.items():
        a = np.ascontiguousarray(t.detach().cpu().numpy().astype('<f4'))
        b = a.tobytes()
        header[name] = {'dtype': 'F32', 'shape': list(a.shape), 'data_offsets': [offset, offset + len(b)]}
        offset += len(b)
        blobs.append(b)
    if metadata:
        header['__metadata__'] = metadata
    h = json.dumps(header, separators=(',', ':')).encode('utf-8')
    h += b' ' * ((8 - len(h) % 8) % 8)
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)


def randomize(model, gen):
    # Weights scaled by fan-in so activations (and the output) stay of order 1, where float32 parity of 1e-5
    # is a meaningful bound; biases non-zero so their handling is checked too.
    with torch.no_grad():
        for name, p in model.named_parameters():
            if name.endswith('weight'):
                fan_in = p.shape[1] * p.shape[2] * p.shape[3]
                p.copy_(torch.randn(p.shape, generator=gen) * (1.2 / fan_in ** 0.5))
            else:
                p.copy_(torch.randn(p.shape, generator=gen) * 0.05)


def make(out_dir, name, model, seed, grads=False, size=12, full=True):
    channels = model.conv_first.in_channels if hasattr(model, 'conv_first') else model.features[0].in_channels
    gen = torch.Generator().manual_seed(seed)
    randomize(model, gen)
    model.eval()
    sd = {k: v.clone() for k, v in model.state_dict().items()}
    # params differ from params_ema so the importer's choice is visible
    sd_params = {k: v + 0.05 * torch.randn(v.shape, generator=gen) for k, v in sd.items()}
    x = torch.rand((1, channels, size, size), generator=gen)
    taps = {}
    with torch.no_grad():
        y = model(x, taps)
    write_safetensors(f'{out_dir}/{name}_weights.safetensors', sd, {'format': 'pt'})
    io = {'input': x, 'output': y}
    io.update({'tap:' + k: v for k, v in taps.items()})
    if grads:
        # the gradients FAIG and training take: of a squared error against a random target
        t = torch.rand(y.shape, generator=gen)
        model.zero_grad()
        ((model(x) - t) ** 2).sum().backward()
        io['target'] = t
        io.update({'grad:' + k: p.grad for k, p in model.named_parameters()})
    write_safetensors(f'{out_dir}/{name}_io.safetensors', io)
    if full:
        torch.save({'params': sd_params, 'params_ema': sd}, f'{out_dir}/{name}.pth')
        np.savez(f'{out_dir}/{name}.npz', **{k: v.numpy() for k, v in sd.items()})
        model.load_state_dict(sd_params)
        with torch.no_grad():
            y2 = model(x)
        write_safetensors(f'{out_dir}/{name}_params_io.safetensors', {'input': x, 'output': y2})
    print(name, tuple(y.shape), 'params', sum(v.numel() for v in sd.values()), 'max |y|', float(y.abs().max()))


NETWORKS = {
    'msrresnet_x2': lambda: (MSRResNet(8, 2, 2), 1, {}),
    'msrresnet_x4': lambda: (MSRResNet(4, 1, 4), 2, {}),
    'msrresnet_x3': lambda: (MSRResNet(4, 1, 3), 4, {}),
    'srcnn_x2': lambda: (SRCNNStyle(4, 4, 2), 3, {}),
    # EDSR: BasicSR's defaults at x2; at x3 the large EDSR's res_scale; at x4 every option away from its default
    # (the Java test sets them: a checkpoint does not hold them)
    'edsr_x2': lambda: (EDSR(6, 2, 2), 5, {'grads': True}),
    'edsr_x3': lambda: (EDSR(4, 1, 3, res_scale=0.1), 6, {'grads': True, 'size': 8, 'full': False}),
    'edsr_x4': lambda: (EDSR(4, 1, 4, res_scale=0.5, img_range=1.0, rgb_mean=(0.5, 0.4, 0.3)), 7,
                        {'grads': True, 'size': 8, 'full': False}),
    # grey networks, BasicSR's num_in_ch = num_out_ch = 1 (issue #28): input (1, 1, 12, 12)
    'msrresnet_x2_grey': lambda: (MSRResNet(8, 2, 2, num_in_ch=1, num_out_ch=1), 8, {}),
    'srcnn_x2_grey': lambda: (SRCNNStyle(4, 4, 2, num_in_ch=1, num_out_ch=1), 9, {}),
    'edsr_x2_grey': lambda: (EDSR(6, 2, 2, num_in_ch=1, num_out_ch=1), 10, {'grads': True}),
}


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else 'src/test/resources/fixtures'
    names = sys.argv[2:] or list(NETWORKS)
    torch.set_num_threads(1)
    for name in names:
        model, seed, kwargs = NETWORKS[name]()
        make(out_dir, name, model, seed, **kwargs)


if __name__ == '__main__':
    main()
