#!/usr/bin/env python3
"""Trunk post-build hook: the wasm split for loading on demand, no inline script, and an
offline-capable service worker.

0. Splits the app's wasm at its `#[lazy]` views (tools/split_wasm.py).
1. Moves the module script trunk inlines into index.html into its own content-hashed file (a classic
   script, run before the first layout: see 1b), so the
   Content-Security-Policy can forbid inline scripts (script-src 'self').
   It also starts fetching the published list's index and default plan (see PREFETCH).
2. Minifies the JavaScript wasm-bindgen and the split write (terser from npm: trunk minified only its
   own output) and joins the style sheets into one file, as the first load counts every byte.
3. Writes sw.js from tools/sw.template.js with this build's files (to precache) and a version.
Runs on trunk's staging directory (TRUNK_STAGING_DIR) before it becomes dist/.
"""
import base64
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
# The published index and default plan are fetched as the boot script starts, while the wasm module
# is still downloading and compiling; the app takes them (src/ui/fetch.rs, `take_prefetched`) or, if
# this failed, fetches them itself and reports what went wrong.
PREFETCH = (
    "window.__minshengData=(async()=>{const g=async u=>{const r=await fetch(u);if(!r.ok)throw r.status;return r.arrayBuffer()};"
    "const index=await g('data/index.json');const i=JSON.parse(new TextDecoder().decode(index));"
    "const e=i.plans.find(p=>p.id===i.default);const file=e.packed||e.file;return{index,file,plan:await g('data/'+file)}})();"
    "window.__minshengData.catch(()=>{});"
    # The first use of localStorage loads the whole storage area through a synchronous call (~4 ms);
    # done here, while the main thread waits for the wasm module, rather than in the app's first step.
    "setTimeout(()=>{try{localStorage.length}catch(e){}});"
)
# The views whose chunk has their name (`View::code`, src/domain/view_state.rs).
VIEW_CODES = {"timeline", "dashboard", "entry", "submissions", "changes", "matters", "notices", "review", "bulletin", "exchange", "sync", "import"}
# The pack of the view the address opens on (`?v=`), and the English words' (src/ui/lazy.rs `english`)
# when the page opens in English: asked for by the address (`?lang=en`) or remembered in this browser
# (the key `storage::store_lang` writes).
PACK_PREFETCH = (
    "{const q=new URLSearchParams(location.search);let l=q.get('lang');try{l=l||localStorage.getItem('minsheng/v1/lang')}catch(e){}"
    "window.__minshengPacks={};for(const f of [__PACKS__[q.get('v')],/^en/.test(l||'')&&__ENGLISH__]){if(!f)continue;"
    "const p=fetch(f).then(r=>{if(!r.ok)throw r.status;return r.arrayBuffer()})"
    ".then(b=>{const h=new DataView(b),n=h.getUint32(0,!0),m=[];let a=4+8*n;for(let i=0;i<n;i++){const l=h.getUint32(8+8*i,!0);"
    "m.push(WebAssembly.compile(new Uint8Array(b,a,l)).then(x=>[h.getUint32(4+8*i,!0),x]));a+=l}return Promise.all(m)});"
    "p.catch(()=>{});window.__minshengPacks[f]=p}}"
)
if match:
    code = match.group(1).strip()
    # The loader's static import would hold the whole script (and so the prefetch) until the app's
    # JavaScript and the chunk loader it imports are in: imported dynamically instead, the prefetch
    # starts as soon as this script is (the modulepreload link fetches the app's JavaScript meanwhile).
    static_import = re.compile(r'^import\s*init\s*,\s*\*\s*as\s+bindings\s+from\s*(["\'])([^"\']+)\1;?')
    if static_import.match(code):
        code = static_import.sub(lambda m: f'const bindings=await import("{m.group(2)}"),init=bindings.default;', code)
    else:
        print("post_build: the loader's import has another form; the prefetch starts after it", file=sys.stderr)
    # The chunk of the view the address opens on (`?v=timeline`) is fetched and compiled from the start
    # too: compiled in the background (WebAssembly.compile) while the app's own module loads, rather
    # than on the main thread once the app asks for it (~60 small modules for the timeline, 7–19 ms).
    # The chunk loader takes it (tools/split_wasm.py, `fromPack`) or, if this failed, loads it itself.
    packs = {m.group(1): m.group(0) for m in (re.fullmatch(r"pack_(\w+)-[0-9a-f]+\.bin", p.name) for p in staging.glob("pack_*.bin")) if m}
    # Named as the chunk loader names them ("./pack_….bin").
    views = json.dumps({v: f"./{f}" for v, f in sorted(packs.items()) if v in VIEW_CODES}, separators=(",", ":"))
    # A classic script (the loader's top-level awaits in an async function), run as soon as it arrives
    # (see 1b), so the body is not yet parsed: the app is mounted once it is.
    ready = "if(document.readyState==='loading')await new Promise(r=>addEventListener('DOMContentLoaded',r,{once:true}));"
    english = json.dumps(f"./{packs['english']}" if "english" in packs else None)
    code = "(async()=>{" + PREFETCH + PACK_PREFETCH.replace("__PACKS__", views).replace("__ENGLISH__", english) + code.replace(",init=bindings.default;", ",init=bindings.default;" + ready, 1) + "\n})();\n"
    if ready not in code:
        sys.exit("post_build: the loader's import has another form; the boot script cannot wait for the page")
    digest = hashlib.sha256(code.encode()).hexdigest()[:16]
    name = f"boot-{digest}.js"
    (staging / name).write_text(code, encoding="utf-8")
    html = html[: match.start()] + f'<script src="./{name}"></script>' + html[match.end():]
    index.write_text(html, encoding="utf-8")
if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html):
    sys.exit("post_build: an inline script is left in index.html")

# The chunk loader is imported by the app's JavaScript, which is now imported dynamically: fetched
# from the start like it (modulepreload), not after it.
loaders = sorted(p.name for p in staging.glob("wasm_split-*.js"))
glue_preload = re.search(r'<link crossorigin href=\./minsheng-[^ >]+\.js rel=modulepreload>', html)
if loaders and glue_preload:
    html = html[: glue_preload.end()] + f'<link crossorigin href=./{loaders[0]} rel=modulepreload>' + html[glue_preload.end():]
    index.write_text(html, encoding="utf-8")

# 2. JavaScript minified; style sheets joined in their order (source files stay one per area).
terser = root / "node_modules" / ".bin" / "terser"
for script in [*staging.glob("minsheng-*.js"), *staging.glob("wasm_split-*.js")]:
    subprocess.run([str(terser), str(script), "--module", "--compress", "--mangle", "-o", str(script)], check=True)
css_link = re.compile(r'<link href=(?:"|)\./([\w.-]+\.css)(?:"|) integrity=(?:"[^"]*"|[^ >]*) rel=stylesheet>')
# Sheets of views in chunks of their own that nothing else uses stay out of the first load: the view
# links its sheet when it opens (src/ui/lazy.rs, `style_sheet`), found by a meta tag (the precache has it).
ON_DEMAND = {"present": "minsheng-style-present", "review": "minsheng-style-review"}
for name in css_link.findall(html):
    area = name.rsplit("-", 1)[0]
    if area in ON_DEMAND:
        html = re.sub(r'<link href=(?:"|)\./' + re.escape(name) + r'(?:"|) integrity=(?:"[^"]*"|[^ >]*) rel=stylesheet>',
                      f'<meta name={ON_DEMAND[area]} content=./{name}>', html)
sheets = css_link.findall(html)
if len(sheets) > 1:
    joined = "\n".join((staging / name).read_text(encoding="utf-8") for name in sheets)
    name = f"style-{hashlib.sha256(joined.encode()).hexdigest()[:16]}.css"
    (staging / name).write_text(joined, encoding="utf-8")
    integrity = "sha384-" + base64.b64encode(hashlib.sha384(joined.encode()).digest()).decode()
    first = True
    def one_link(m):
        global first
        if first:
            first = False
            return f'<link href=./{name} integrity={integrity} rel=stylesheet>'
        return ""
    html = css_link.sub(one_link, html)
    for old in sheets:
        (staging / old).unlink()
    index.write_text(html, encoding="utf-8")

# 1b. The boot script runs as soon as it arrives, before the page's first layout: a parser-blocking
# script after the preloads (so they are asked for first) and before the style sheet (which would hold
# it until loaded). Deferred, as a module script is, it ran after that layout (~20 ms: the system's CJK
# font is opened then), so the plan and the wasm were asked for later: navigation → first row painted
# at 1,000 projects 295 → 276 ms, at 48 281 → 265 ms (A/B, 12 loads each).
boot = re.search(r'<script src="\./boot-[0-9a-f]+\.js"></script>', html)
sheet = re.search(r'<link href=\./style-[0-9a-f]+\.css [^>]*rel=stylesheet>', html)
if boot and sheet:
    preloads = re.findall(r'<link crossorigin href=\./[\w.-]+\.js rel=modulepreload>|<link as=fetch crossorigin href=\./[\w.-]+\.wasm [^>]*>', html)
    html = html.replace(boot.group(0), "")
    for link in preloads:
        html = html.replace(link, "", 1)
    # The style sheet is asked for with the preloads too: behind a parser-blocking script the browser
    # asked for it only once the script had run (~40 ms later), and the page's first layout came later.
    href = re.search(r'href=(\./style-[0-9a-f]+\.css)', sheet.group(0)).group(1)
    integrity = re.search(r' integrity=[^ >]+', sheet.group(0))
    style_preload = f'<link as=style href={href}{integrity.group(0) if integrity else ""} rel=preload>'
    html = html.replace(sheet.group(0), style_preload + "".join(preloads) + boot.group(0) + sheet.group(0), 1)
    index.write_text(html, encoding="utf-8")
else:
    sys.exit("post_build: the boot script or the style sheet is not where expected in index.html")

assets = ["./", "./index.html"]
for path in sorted(staging.rglob("*")):
    if path.is_file() and path.name not in ("sw.js", ".trunk-lock") and path.name != "index.html":
        assets.append("./" + path.relative_to(staging).as_posix())
version = hashlib.sha256("".join(a + (hashlib.sha256((staging / a[2:]).read_bytes()).hexdigest() if a not in ("./",) else "") for a in assets).encode()).hexdigest()[:16]
template = (root / "tools" / "sw.template.js").read_text(encoding="utf-8")
sw = template.replace("'__VERSION__'", json.dumps(version)).replace("__ASSETS__", json.dumps(assets, ensure_ascii=False))
(staging / "sw.js").write_text(sw, encoding="utf-8")
print(f"post_build: {len(assets)} files precached, version {version}")
