"""Print the web pages of ``../shared/devset2`` to PDF, as a user's browser would.

Issue 16, "a PDF equals its page": a PDF printed from a notice must give the same
record as the notice. For each ``e2_*.html`` of ``../shared/devset2`` this writes

- ``corpus/devset2/printed/<stem>.pdf``: the page printed by headless Chromium
  (A4 default, no header/footer line, images off, no network: the page is read from
  disk and nothing it links to is fetched);
- ``corpus/devset2/printed/gold/<stem>.json``: the page's gold record, unchanged but
  for ``source.path``, which names the printout; so ``policyparse eval
  corpus/devset2/printed`` scores the printouts against the pages' gold.

Chromium embeds the CJK fonts as many small Type 3 fonts (13 MB for the 33 printouts);
the committed PDFs keep the text layer exactly as Chromium wrote it (characters, positions,
sizes, fonts' metrics and Unicode maps: all a reader sees) but not the glyph outlines, so
they draw blank in a viewer (``--keep-outlines`` keeps them); see :func:`compact`. A page whose body its remote scripts would reveal (``<body style="visibility:
hidden">``) is printed with the body shown, as a user's browser shows it.

The originals stay in ``../shared``; only these printouts and the script are committed.
To regenerate (Debian: ``apt-get install chromium fonts-noto-cjk``)::

    python scripts/print_devset2.py [--chromium PATH] [STEM ...]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT.parent / "shared" / "devset2"
GOLD = ROOT / "corpus" / "devset2" / "gold"
OUT = ROOT / "corpus" / "devset2" / "printed"

OFFLINE_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-pdf-header-footer",
    "--blink-settings=imagesEnabled=false",
    "--disable-extensions",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-default-apps",
    # every host resolves nowhere: the page prints from disk alone
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--proxy-server=127.0.0.1:9",
    "--virtual-time-budget=5000",
    "--run-all-compositor-stages-before-draw",
]


# Some portals keep <body style="visibility: hidden"> until their (remote) scripts have run;
# in a user's browser those scripts run, offline they cannot: show the body as they would.
SHOW_BODY = "<style>html, body { visibility: visible !important; }</style>"


def print_pdf(chromium: str, html: Path, out: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / html.name
        source = html.read_bytes()
        at = re.search(rb"</head\s*>", source, re.I)
        cut = at.start() if at else 0
        page.write_bytes(source[:cut] + SHOW_BODY.encode() + source[cut:])
        profile = Path(tmp) / "profile"
        cmd = [chromium, *OFFLINE_FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={out}", page.as_uri()]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180)
    if not out.exists() or out.stat().st_size == 0:
        raise RuntimeError(f"chromium wrote no PDF for {html.name}")


_DECIMAL = re.compile(rb"-?\d*\.\d+")


def compact(path: Path, outlines: bool = False) -> None:
    """Make the printout small enough to commit; its text layer stays as Chromium wrote it.

    Chromium draws the CJK text with many small Type 3 fonts, one glyph procedure per
    character per font: about 1 KB a glyph, 250-800 KB a page printout. Without
    ``outlines`` each procedure keeps only its metrics (``d1``: advance and box), so the
    characters, their positions, sizes and Unicode mapping are unchanged but the page
    draws blank (about 100 KB a printout). With ``outlines`` the outlines are rounded to
    whole units of the 1000-unit em and identical glyph streams are shared. Either way
    the objects are packed into object streams.
    """
    import pikepdf

    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        seen: dict[str, pikepdf.Object] = {}
        done: set[tuple[int, int]] = set()

        def shrink(procs: pikepdf.Dictionary) -> None:
            for key in list(procs.keys()):
                obj = procs[key]
                if not isinstance(obj, pikepdf.Stream):
                    continue
                if obj.objgen not in done:
                    done.add(obj.objgen)
                    data = obj.read_bytes()
                    if outlines:
                        obj.write(_DECIMAL.sub(lambda m: b"%d" % round(float(m.group())), data))
                    else:
                        obj.write(data.split(b"\n", 1)[0] + b"\n")  # "wx wy llx lly urx ury d1"
                digest = hashlib.sha256(obj.read_raw_bytes()).hexdigest()
                if digest in seen:
                    procs[key] = seen[digest]
                else:
                    seen[digest] = obj

        for page in pdf.pages:
            fonts = page.obj.get("/Resources", {}).get("/Font", {})
            for _, font in fonts.items():
                procs = font.get("/CharProcs")
                if procs is not None:
                    shrink(procs)
        pdf.remove_unreferenced_resources()
        pdf.save(path, compress_streams=True, recompress_flate=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.generate)


def copy_gold(stem: str) -> None:
    gold = json.loads((GOLD / f"{stem}.json").read_text(encoding="utf-8"))
    gold["source"] = {"path": f"{stem}.pdf"}
    (OUT / "gold").mkdir(parents=True, exist_ok=True)
    (OUT / "gold" / f"{stem}.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--chromium", default=shutil.which("chromium") or shutil.which("chromium-browser") or "chromium")
    ap.add_argument("--no-compact", action="store_true", help="keep Chromium's PDF as written")
    ap.add_argument("--keep-outlines", action="store_true", help="keep the glyph outlines (a viewable page; ~4x the size)")
    ap.add_argument("stems", nargs="*", help="only these pages (file stems)")
    args = ap.parse_args(argv)
    if not SRC.is_dir():
        print(f"{SRC} is missing", file=sys.stderr)
        return 1
    pages = sorted(SRC.glob("e2_*.html"))
    if args.stems:
        pages = [p for p in pages if p.stem in args.stems]
    OUT.mkdir(parents=True, exist_ok=True)
    for html in pages:
        out = OUT / f"{html.stem}.pdf"
        print_pdf(args.chromium, html, out)
        if not args.no_compact:
            compact(out, outlines=args.keep_outlines)
        copy_gold(html.stem)
        print(f"{out.relative_to(ROOT)}  {out.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
