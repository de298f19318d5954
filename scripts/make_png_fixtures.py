#!/usr/bin/env python3
"""Writes PNG fixtures of every colour type, bit depth and interlace method with the RGBA8 each must
decode to (Tests/RenderTests/Fixtures/png/NAME.png and NAME.rgba), using only Python's zlib.

The expected RGBA comes from the source samples, not from a decoder: 16-bit samples scale to 8 bits
as round(v * 255 / 65535), low bit depths as round(v * 255 / (2^d - 1)), palettes by lookup, tRNS
into alpha, no gamma. An independent decoder (this file's own `decode`, and Pillow when installed)
reads every file back and must agree, so the fixtures check Flowscope's libpng path against two
implementations that share no code with it.
"""
import os
import struct
import sys
import zlib

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "RenderTests", "Fixtures", "png")
W, H = 13, 9  # odd sizes exercise partial Adam7 passes and sub-byte row padding

ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]


def chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)


def channels(color_type):
    return {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[color_type]


def pack_row(samples, depth):
    if depth == 16:
        return b"".join(struct.pack(">H", s) for s in samples)
    if depth == 8:
        return bytes(samples)
    out, acc, bits = bytearray(), 0, 0
    for s in samples:
        acc = (acc << depth) | s
        bits += depth
        if bits == 8:
            out.append(acc); acc, bits = 0, 0
    if bits:
        out.append(acc << (8 - bits))
    return bytes(out)


def filter_row(row, prev, bpp, kind):
    out = bytearray([kind])
    for i, x in enumerate(row):
        a = row[i - bpp] if i >= bpp else 0
        b = prev[i] if prev else 0
        c = prev[i - bpp] if prev and i >= bpp else 0
        if kind == 0: p = 0
        elif kind == 1: p = a
        elif kind == 2: p = b
        elif kind == 3: p = (a + b) // 2
        else:
            pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
            p = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
        out.append((x - p) & 0xFF)
    return bytes(out)


def encode(pixels, color_type, depth, interlace, palette=None, trns=None):
    """pixels: H rows of W tuples of samples."""
    ch = channels(color_type)
    bpp = max(1, ch * depth // 8)
    raw = bytearray()
    passes = ADAM7 if interlace else [(0, 0, 1, 1)]
    for n, (x0, y0, dx, dy) in enumerate(passes):
        prev = None
        for y in range(y0, H, dy):
            xs = list(range(x0, W, dx))
            if not xs:
                continue
            row = pack_row([s for x in xs for s in pixels[y][x]], depth)
            raw += filter_row(row, prev, bpp, (y + n) % 5)
            prev = row
    body = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", W, H, depth, color_type, 0, 0, interlace))
    if palette:
        body += chunk(b"PLTE", b"".join(bytes(p) for p in palette))
    if trns is not None:
        body += chunk(b"tRNS", trns)
    return body + chunk(b"IDAT", zlib.compress(bytes(raw), 9)) + chunk(b"IEND", b"")


def scale(v, depth):
    return (v * 255 * 2 + (2 ** depth - 1)) // (2 * (2 ** depth - 1))


def case(color_type, depth, interlace):
    top = 2 ** depth - 1
    ch = channels(color_type)
    pixels, rgba = [], bytearray()
    palette = trns = None
    if color_type == 3:
        size = min(2 ** depth, 20)
        palette = [((37 * k) % 256, (91 * k + 7) % 256, (53 * k + 200) % 256) for k in range(size)]
        trns = bytes([(255 - 40 * k) % 256 for k in range(min(size, 5))])
    if color_type in (0, 2) and depth != 16:
        key = [top // 3] * (1 if color_type == 0 else 3)
        trns = b"".join(struct.pack(">H", k) for k in key)
    for y in range(H):
        row = []
        for x in range(W):
            if color_type == 3:
                index = (x * 7 + y * 3) % len(palette)
                row.append((index,))
                alpha = trns[index] if index < len(trns) else 255
                rgba += bytes(palette[index]) + bytes([alpha])
                continue
            samples = tuple(((x * 977 + y * 6151 + c * 12289) * (1 if depth < 16 else 13)) % (top + 1) for c in range(ch))
            if depth < 16 and x == 5 and y == 4:
                samples = tuple([top // 3] * (1 if color_type in (0, 4) else 3)) + samples[(1 if color_type in (0, 4) else 3):]
            row.append(samples)
            eight = [scale(s, depth) for s in samples]
            if color_type == 0:
                keyed = trns is not None and samples[0] == top // 3
                rgba += bytes([eight[0]] * 3 + [0 if keyed else 255])
            elif color_type == 4:
                rgba += bytes([eight[0]] * 3 + [eight[1]])
            elif color_type == 2:
                keyed = trns is not None and list(samples) == [top // 3] * 3
                rgba += bytes(eight + [0 if keyed else 255])
            else:
                rgba += bytes(eight)
        pixels.append(row)
    return encode(pixels, color_type, depth, interlace, palette, trns), bytes(rgba)


def paeth(a, b, c):
    pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
    return a if pa <= pb and pa <= pc else (b if pb <= pc else c)


def decode(data):
    """An independent decoder: chunks, inflate, unfilter, Adam7, expansion to RGBA8 (no gamma)."""
    pos, idat, palette, trns = 8, b"", None, None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            w, h, depth, color_type, _, _, interlace = struct.unpack(">IIBBBBB", body)
        elif kind == b"PLTE":
            palette = [tuple(body[i:i + 3]) for i in range(0, len(body), 3)]
        elif kind == b"tRNS":
            trns = body
        elif kind == b"IDAT":
            idat += body
    raw = zlib.decompress(idat)
    ch = channels(color_type)
    bpp = max(1, ch * depth // 8)
    image = [[None] * w for _ in range(h)]
    offset = 0
    for (x0, y0, dx, dy) in (ADAM7 if interlace else [(0, 0, 1, 1)]):
        xs = list(range(x0, w, dx))
        if not xs:
            continue
        stride = (len(xs) * ch * depth + 7) // 8
        prev = bytearray(stride)
        for y in range(y0, h, dy):
            kind, line = raw[offset], bytearray(raw[offset + 1:offset + 1 + stride])
            offset += 1 + stride
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b, c = prev[i], (prev[i - bpp] if i >= bpp else 0)
                line[i] = (line[i] + [0, a, b, (a + b) // 2, paeth(a, b, c)][kind]) & 0xFF
            prev = line
            if depth == 16:
                samples = [struct.unpack(">H", line[i:i + 2])[0] for i in range(0, len(xs) * ch * 2, 2)]
            else:
                bits = "".join(format(byte, "08b") for byte in line)
                samples = [int(bits[i * depth:(i + 1) * depth], 2) for i in range(len(xs) * ch)]
            for k, x in enumerate(xs):
                image[y][x] = samples[k * ch:(k + 1) * ch]
    out = bytearray()
    for y in range(h):
        for x in range(w):
            s = image[y][x]
            if color_type == 3:
                alpha = trns[s[0]] if trns and s[0] < len(trns) else 255
                out += bytes(palette[s[0]]) + bytes([alpha])
                continue
            e = [scale(v, depth) for v in s]
            if color_type in (0, 2):
                key = None if trns is None else [struct.unpack(">H", trns[i:i + 2])[0] for i in range(0, len(trns), 2)]
                alpha = 0 if key is not None and list(s) == key else 255
                out += bytes((e * 3 if color_type == 0 else e) + [alpha])
            elif color_type == 4:
                out += bytes([e[0]] * 3 + [e[1]])
            else:
                out += bytes(e)
    return bytes(out)


def main():
    os.makedirs(OUT, exist_ok=True)
    combos = [(0, d) for d in (1, 2, 4, 8, 16)] + [(2, 8), (2, 16), (3, 1), (3, 2), (3, 4), (3, 8),
                                                     (4, 8), (4, 16), (6, 8), (6, 16)]
    try:
        from PIL import Image  # optional cross-check
    except ImportError:
        Image = None
    checked = 0
    for color_type, depth in combos:
        for interlace in (0, 1):
            name = f"type{color_type}-depth{depth}{'-adam7' if interlace else ''}"
            png, rgba = case(color_type, depth, interlace)
            assert decode(png) == rgba, name
            if Image is not None and depth <= 8 and not (color_type == 0 and depth < 8):
                # Pillow keeps 8-bit and lower depths exact; its 16-bit modes truncate, and it matches a
                # grey tRNS key of depth < 8 against the unscaled sample, so those are not compared.
                import io
                assert Image.open(io.BytesIO(png)).convert("RGBA").tobytes() == rgba, name
                checked += 1
            with open(os.path.join(OUT, name + ".png"), "wb") as f:
                f.write(png)
            with open(os.path.join(OUT, name + ".rgba"), "wb") as f:
                f.write(rgba)
    print(f"wrote {2 * len(combos)} fixtures; Pillow agreed on {checked}" if Image else f"wrote {2 * len(combos)} fixtures")


if __name__ == "__main__":
    sys.exit(main())
