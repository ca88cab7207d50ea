#!/usr/bin/env python3
"""Cuts the app's wasm into the first load and chunks loaded on demand (Leptos `#[lazy]`).

Trunk builds the app (cargo with `-C link-args=--emit-relocs`, see .cargo/config.toml) and writes
`minsheng-<hash>.js` and `minsheng-<hash>_bg.wasm` into its staging directory. This step, run by
tools/post_build.py, redoes the last part the way `cargo leptos --split` does:

1. wasm-split-cli (crate wasm_split_cli_support) cuts the linked wasm at every `#[lazy]` function:
   the main module, a module per lazy view (split_*.wasm), modules shared by several (chunk_*.wasm) and
   the JavaScript that loads them (__wasm_split.js);
2. wasm-bindgen (`--keep-lld-exports`: the chunks link against the main module's functions) writes the
   main module's JavaScript and wasm over trunk's, under the same names;
3. wasm-opt -Oz shrinks every module;
4. each view's module and the shared modules it needs are written as one pack file
   (`pack_<view>-<hash>.bin`), and the loader is rewritten to fetch a view's pack in one request:
   wasm-split's own loader fetches every shared module on its own, and the timeline needs ~55 of them
   (over HTTP/1.1's six connections that took ~250 ms, longer than the rest of the start-up). A shared
   module is instantiated once, whichever pack brought it first. Packs and loader carry a content
   hash in their names, so a new build never meets an old pack in a cache.

Pack format (little endian): u32 n, then n × (u32 id, u32 length), then the n modules' bytes in that
order; the last one is the view's own module (id 0), the others are shared modules (id = the number
wasm-split gave them).

Usage: split_wasm.py STAGING_DIR RAW_WASM
"""
import hashlib
import os
import pathlib
import re
import struct
import subprocess
import sys
import tempfile

WASM_OPT_FEATURES = [
    "--enable-reference-types", "--enable-bulk-memory", "--enable-nontrapping-float-to-int",
    "--enable-sign-ext", "--enable-mutable-globals", "--enable-multivalue",
]


# MINSHENG_WASM_NAMES=1 keeps function names in every module (for profiling; bigger files).
if os.environ.get("MINSHENG_WASM_NAMES"):
    WASM_OPT_FEATURES = [*WASM_OPT_FEATURES, "-g"]


def run(*args):
    subprocess.run(args, check=True)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def main(staging: pathlib.Path, raw: pathlib.Path) -> None:
    js = [p for p in staging.glob("minsheng-*.js")]
    wasm = [p for p in staging.glob("minsheng-*_bg.wasm")]
    if len(js) != 1 or len(wasm) != 1:
        sys.exit(f"split_wasm: expected one minsheng-*.js and one minsheng-*_bg.wasm in {staging}")
    js, wasm = js[0], wasm[0]
    stem = js.name[: -len(".js")]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        split_dir = tmp / "split"
        run("wasm-split-cli", str(raw), str(split_dir), "--out-name", stem)
        bindgen_dir = tmp / "bindgen"
        run("wasm-bindgen", "--target", "web", "--keep-lld-exports", "--no-demangle",
            "--out-name", stem, "--out-dir", str(bindgen_dir), str(split_dir / f"{stem}.wasm"))
        run("wasm-opt", "-Oz", *WASM_OPT_FEATURES, str(bindgen_dir / f"{stem}_bg.wasm"), "-o", str(wasm))
        generated = (split_dir / "__wasm_split.js").read_text(encoding="utf-8")
        modules = {}
        for module in sorted(p for p in split_dir.glob("*.wasm") if p.name != f"{stem}.wasm"):
            out = tmp / module.name
            run("wasm-opt", "-Oz", *WASM_OPT_FEATURES, str(module), "-o", str(out))
            modules[module.name] = out.read_bytes()
        loader, packs = rewrite_loader(generated, modules)
        for name, data in packs.items():
            (staging / name).write_bytes(data)
        loader_name = f"wasm_split-{digest(loader.encode())}.js"
        (staging / loader_name).write_text(loader, encoding="utf-8")
        glue = (bindgen_dir / f"{stem}.js").read_text(encoding="utf-8")
        # Only the JavaScript import is renamed: the wasm's own import keeps the module name it was
        # linked with ("./__wasm_split.js"), the key of the glue's import object.
        statement = re.compile(r'(import \* as \w+ from )"\./__wasm_split\.js"')
        if not statement.search(glue):
            sys.exit("split_wasm: the main module does not import the chunk loader (no lazy view?)")
        js.write_text(statement.sub(lambda m: f'{m.group(1)}"./{loader_name}"', glue), encoding="utf-8")
    print(f"split_wasm: main {wasm.stat().st_size} bytes, {len(packs)} views loaded on demand, "
          f"{sum(len(d) for d in packs.values())} bytes of packs")


# The parts of wasm-split-cli's (0.2.4) loader this step reads; anything else fails the build loudly.
SHARED_IMPORTS = re.compile(r"let sharedImports = undefined;\nfunction getSharedImports\(\) \{.*?\n\}\n", re.S)
WRAP_ASYNC = re.compile(r"function wrapAsyncCb\(callee\) \{.*?\n\}\n", re.S)
SHARED_MODULE = re.compile(
    r'const __chunk_(\d+) = makeLoad\(\(\) => \{\n    const src = fetch\(new URL\("\./(chunk_\d+\.wasm)", import\.meta\.url\)\);'
    r'\n    src\.catch\(\(\) => \{\}\);\n    return async \(imports\) => \(WebAssembly\.instantiateStreaming\(src, imports\)\);\n\}\n, \[(.*?)\]\);')
VIEW_MODULE = re.compile(
    r'export const (__wasm_split_load_\w+) = wrapAsyncCb\(makeLoad\(\(\) => \{\n    const src = fetch\(new URL\("\./(split_\w+\.wasm)", import\.meta\.url\)\);'
    r'\n    src\.catch\(\(\) => \{\}\);\n    return async \(imports\) => \(WebAssembly\.instantiateStreaming\(src, imports\)\);\n\}\n, \[(.*?)\]\)\);')

# Reads a view's pack: its shared modules instantiated once each (a failed one may be retried), then
# the view's own module. A view's load is kept once it succeeded, forgotten when it failed (a retry
# fetches again), as wasm-split's loader does.
PACK_LOADER = """
const sharedModules = new Map();
// A pack's modules are small: compiled (lazily: validation only) and instantiated at once, in the task
// that received the pack, rather than each waiting for a turn of the event loop (~50 of them for the
// timeline: ~15 ms later on a busy start). A browser that refuses synchronous compilation of a module
// this size (a RangeError) gets the asynchronous path.
function instantiateNow(bytes, imports) {
    try {
        const module = new WebAssembly.Module(bytes);
        return Promise.resolve({ module, instance: new WebAssembly.Instance(module, imports) });
    } catch (e) {
        return e instanceof RangeError ? WebAssembly.instantiate(bytes, imports) : Promise.reject(e);
    }
}
// A pack the boot script fetched and compiled early (tools/post_build.py, PACK_PREFETCH): its modules
// are only instantiated here, shared ones first as below; if that failed, the pack is fetched again.
async function fromEarly(file) {
    const early = globalThis.__minshengPacks && globalThis.__minshengPacks[file];
    if (early === undefined) return undefined;
    delete globalThis.__minshengPacks[file];
    let compiled;
    try { compiled = await early; } catch (e) { return undefined; }
    const instantiate = (module) => ({ module, instance: new WebAssembly.Instance(module, getSharedImports()) });
    let own;
    for (const [id, module] of compiled) {
        if (id === 0) { own = module; continue; }
        let shared = sharedModules.get(id);
        if (shared === undefined) {
            shared = Promise.resolve(instantiate(module));
            sharedModules.set(id, shared);
        }
        await shared;
    }
    return instantiate(own);
}
function fromPack(file) {
    let loading;
    const load = async () => {
        const early = await fromEarly(file);
        if (early !== undefined) return early;
        const response = await fetch(new URL(file, import.meta.url));
        if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
        const bytes = await response.arrayBuffer();
        const header = new DataView(bytes);
        const count = header.getUint32(0, true);
        let at = 4 + 8 * count;
        const needed = [];
        let own;
        for (let i = 0; i < count; i++) {
            const id = header.getUint32(4 + 8 * i, true);
            const module = new Uint8Array(bytes, at, header.getUint32(8 + 8 * i, true));
            at += module.length;
            if (id === 0) { own = module; continue; }
            let shared = sharedModules.get(id);
            if (shared === undefined) {
                shared = instantiateNow(module, getSharedImports());
                shared.catch(() => sharedModules.delete(id));
                sharedModules.set(id, shared);
            }
            needed.push(shared);
        }
        await Promise.all(needed);
        return instantiateNow(own, getSharedImports());
    };
    return () => {
        if (loading === undefined) {
            const attempt = load();
            attempt.catch(() => { if (loading === attempt) loading = undefined; });
            loading = attempt;
        }
        return loading;
    };
}
"""


def pack(pieces: list[tuple[int, bytes]]) -> bytes:
    header = struct.pack("<I", len(pieces)) + b"".join(struct.pack("<II", i, len(d)) for i, d in pieces)
    return header + b"".join(d for _, d in pieces)


def rewrite_loader(generated: str, modules: dict[str, bytes]) -> tuple[str, dict[str, bytes]]:
    """wasm-split's loader → one that fetches a pack per view; returns the loader and the packs by name."""
    shared_imports, wrap_async = SHARED_IMPORTS.search(generated), WRAP_ASYNC.search(generated)
    import_line = generated.split("\n", 1)[0]
    if not (shared_imports and wrap_async and import_line.startswith("import { initSync } from ")):
        sys.exit("split_wasm: wasm-split's loader has another form than 0.2.4's; tools/split_wasm.py needs updating")
    shared = {}
    for number, file, deps in SHARED_MODULE.findall(generated):
        if deps.strip():
            sys.exit(f"split_wasm: shared module {file} needs others ({deps}); packs assume none do")
        shared[f"__chunk_{number}"] = (int(number), file)
    views = VIEW_MODULE.findall(generated)
    exports = re.findall(r"^export const (\w+)", generated, re.M)
    if not views or len(views) != len(exports) or len(shared) != generated.count("makeLoad(() =>") - len(views):
        sys.exit("split_wasm: could not read every module of wasm-split's loader")
    packs, lines = {}, []
    for export, file, deps in views:
        pieces = [(shared[d.strip()][0], modules[shared[d.strip()][1]]) for d in deps.split(",") if d.strip()]
        data = pack(pieces + [(0, modules[file])])
        name = f"pack_{file[len('split_'):-len('.wasm')]}-{digest(data)}.bin"
        packs[name] = data
        lines.append(f'export const {export} = wrapAsyncCb(fromPack("./{name}"));')
    loader = "\n".join([import_line, "", shared_imports.group(0) + wrap_async.group(0) + PACK_LOADER, *lines, ""])
    return loader, packs


if __name__ == "__main__":
    main(pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]))
