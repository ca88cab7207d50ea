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
4. every chunk and the loader get a content hash in their names, so a new build never meets an old
   chunk in a cache.

Usage: split_wasm.py STAGING_DIR RAW_WASM
"""
import hashlib
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

WASM_OPT_FEATURES = [
    "--enable-reference-types", "--enable-bulk-memory", "--enable-nontrapping-float-to-int",
    "--enable-sign-ext", "--enable-mutable-globals", "--enable-multivalue",
]


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
        loader = (split_dir / "__wasm_split.js").read_text(encoding="utf-8")
        chunks = sorted(p for p in split_dir.glob("*.wasm") if p.name != f"{stem}.wasm")
        for chunk in chunks:
            out = tmp / chunk.name
            run("wasm-opt", "-Oz", *WASM_OPT_FEATURES, str(chunk), "-o", str(out))
            data = out.read_bytes()
            hashed = f"{chunk.stem}-{digest(data)}.wasm"
            (staging / hashed).write_bytes(data)
            loader = loader.replace(f'"./{chunk.name}"', f'"./{hashed}"')
        loader_name = f"wasm_split-{digest(loader.encode())}.js"
        (staging / loader_name).write_text(loader, encoding="utf-8")
        glue = (bindgen_dir / f"{stem}.js").read_text(encoding="utf-8")
        # Only the JavaScript import is renamed: the wasm's own import keeps the module name it was
        # linked with ("./__wasm_split.js"), the key of the glue's import object.
        statement = re.compile(r'(import \* as \w+ from )"\./__wasm_split\.js"')
        if not statement.search(glue):
            sys.exit("split_wasm: the main module does not import the chunk loader (no lazy view?)")
        js.write_text(statement.sub(lambda m: f'{m.group(1)}"./{loader_name}"', glue), encoding="utf-8")
    print(f"split_wasm: main {wasm.stat().st_size} bytes, {len(chunks)} chunks loaded on demand")


if __name__ == "__main__":
    main(pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]))
