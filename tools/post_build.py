#!/usr/bin/env python3
"""Trunk post-build hook: the wasm split for loading on demand, no inline script, and an
offline-capable service worker.

0. Splits the app's wasm at its `#[lazy]` views (tools/split_wasm.py).
1. Moves the module script trunk inlines into index.html into its own content-hashed file, so the
   Content-Security-Policy can forbid inline scripts (script-src 'self').
2. Writes sw.js from tools/sw.template.js with this build's files (to precache) and a version.
Runs on trunk's staging directory (TRUNK_STAGING_DIR) before it becomes dist/.
"""
import hashlib
import json
import os
import pathlib
import re
import subprocess
import sys

staging = pathlib.Path(os.environ.get("TRUNK_STAGING_DIR", sys.argv[1] if len(sys.argv) > 1 else "dist"))
root = pathlib.Path(__file__).resolve().parent.parent
index = staging / "index.html"

# 0. The app's wasm cut into the first load and chunks loaded on demand (tools/split_wasm.py).
profile = os.environ.get("TRUNK_PROFILE", "release")
raw = root / "target" / "wasm32-unknown-unknown" / profile / "minsheng.wasm"
subprocess.run([sys.executable, str(root / "tools" / "split_wasm.py"), str(staging), str(raw)], check=True)

# 0b. Other modules (the worker) are built with the same flags: the relocations `--emit-relocs` keeps
# for the split are dead weight there (more than half the file), so their custom sections go.
def leb(data: bytes, i: int) -> tuple[int, int]:
    value, shift = 0, 0
    while True:
        byte = data[i]
        i += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, i


def strip_relocations(path: pathlib.Path) -> None:
    data = path.read_bytes()
    out, i = bytearray(data[:8]), 8
    while i < len(data):
        start = i
        section_id = data[i]
        size, body = leb(data, i + 1)
        end = body + size
        if section_id == 0:
            name_len, name_at = leb(data, body)
            name = data[name_at : name_at + name_len].decode("utf-8", "replace")
            if name == "linking" or name.startswith("reloc."):
                i = end
                continue
        out += data[start:end]
        i = end
    path.write_bytes(bytes(out))


for module in staging.glob("*_bg.wasm"):
    strip_relocations(module)

html = index.read_text(encoding="utf-8")

# Trunk writes `<script type="module">` (or, with minification, `<script type=module>`).
pattern = re.compile(r'<script type=(?:"module"|module)(?: nonce=(?:"[^"]*"|[^ >]*))?>(.*?)</script>', re.S)
match = pattern.search(html)
if match:
    code = match.group(1).strip() + "\n"
    digest = hashlib.sha256(code.encode()).hexdigest()[:16]
    name = f"boot-{digest}.js"
    (staging / name).write_text(code, encoding="utf-8")
    html = html[: match.start()] + f'<script type="module" src="./{name}"></script>' + html[match.end():]
    index.write_text(html, encoding="utf-8")
if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html):
    sys.exit("post_build: an inline script is left in index.html")

assets = ["./", "./index.html"]
for path in sorted(staging.rglob("*")):
    if path.is_file() and path.name not in ("sw.js", ".trunk-lock") and path.name != "index.html":
        assets.append("./" + path.relative_to(staging).as_posix())
version = hashlib.sha256("".join(a + (hashlib.sha256((staging / a[2:]).read_bytes()).hexdigest() if a not in ("./",) else "") for a in assets).encode()).hexdigest()[:16]
template = (root / "tools" / "sw.template.js").read_text(encoding="utf-8")
sw = template.replace("'__VERSION__'", json.dumps(version)).replace("__ASSETS__", json.dumps(assets, ensure_ascii=False))
(staging / "sw.js").write_text(sw, encoding="utf-8")
print(f"post_build: {len(assets)} files precached, version {version}")
