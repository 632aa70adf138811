#!/usr/bin/env bash
# Browser check of the HTML report: renders a small run's report.html in
# headless Chromium (Debian's `chromium` package) and fails on a page error,
# a network request, a chart without drawn data, or a blank screenshot.
# The run is the README's first run (quickstart at its defaults), so a
# screenshot kept as docs/report.png shows the numbers the README quotes.
# Usage: bash .ci/browser_check.sh [SCREENSHOT.png]
#        (developers: scripts/regenerate_docs.sh writes docs/report.png)
set -euo pipefail
cd "$(dirname "$0")/.."

CHROMIUM=${CHROMIUM:-chromium}
if ! command -v "$CHROMIUM" >/dev/null; then
    echo "browser check: $CHROMIUM not found; install it with: apt-get install -y chromium" >&2
    exit 1
fi
cargo build --release --quiet --bin resim
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
./target/release/resim run scenarios/quickstart.toml --out "$work/q" \
    --quiet --report >/dev/null
url="file://$work/q/report.html"
flags=(--headless --no-sandbox --disable-gpu --disable-background-networking
    --no-first-run --disable-component-update --disable-sync --hide-scrollbars
    --enable-logging=stderr --v=0)
timeout 120 "$CHROMIUM" "${flags[@]}" --user-data-dir="$work/profile1" \
    --dump-dom "$url" >"$work/dom.html" 2>"$work/dom.log"
shot=${1:-$work/report.png}
timeout 120 "$CHROMIUM" "${flags[@]}" --user-data-dir="$work/profile2" \
    --window-size=1100,1500 --screenshot="$shot" "$url" >/dev/null 2>"$work/shot.log"

python3 - "$work" "$shot" <<'PY'
import html.parser, pathlib, re, struct, sys, zlib

work, shot = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
fail = []

# 1. Page errors and network requests in Chromium's log.
for name in ("dom.log", "shot.log"):
    for line in (work / name).read_text(errors="replace").splitlines():
        if re.search(r"CONSOLE|Uncaught|net::ERR_|Failed to load resource", line):
            fail.append(f"{name}: {line.strip()}")

# 2. The DOM Chromium built: every inline SVG must hold drawn data.
class Dom(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.svgs, self.depth, self.title = [], 0, ""
        self.in_h1 = False
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "svg":
            self.depth += 1
            self.svgs.append({"marks": 0, "texts": 0})
        elif self.depth:
            data = a.get("points") or a.get("d") or ""
            if tag in ("polyline", "polygon", "path") and len(re.findall(r"-?\d+(?:\.\d+)?", data)) >= 4:
                self.svgs[-1]["marks"] += 1
            if tag == "circle" and float(a.get("r", "0")) > 0:
                self.svgs[-1]["marks"] += 1
            if tag == "text":
                self.svgs[-1]["texts"] += 1
        if tag == "h1":
            self.in_h1 = True
    def handle_endtag(self, tag):
        if tag == "svg":
            self.depth -= 1
        if tag == "h1":
            self.in_h1 = False
    def handle_data(self, data):
        if self.in_h1:
            self.title += data

dom = (work / "dom.html").read_text(errors="replace")
for m in re.finditer(r"""(?:src|href)\s*=\s*["']?(?:https?:|//)[^"' >]*""", dom):
    fail.append(f"report would fetch {m.group(0)}")
d = Dom()
d.feed(dom)
plots = sorted(p.name for p in (work / "q" / "plots").glob("*.svg"))
if "simulation report" not in d.title:
    fail.append(f"page title missing (h1: {d.title!r}); DOM is {len(dom)} bytes")
if len(d.svgs) != len(plots) or len(d.svgs) < 7:
    fail.append(f"{len(d.svgs)} charts in the DOM, {len(plots)} in plots/")
for i, s in enumerate(d.svgs):
    if s["marks"] < 2 or s["texts"] < 5:
        fail.append(f"chart {i + 1} is empty: {s}")

# 3. The screenshot is a PNG with something drawn on it.
png = shot.read_bytes()
if png[:8] != b"\x89PNG\r\n\x1a\n":
    fail.append("screenshot is not a PNG")
else:
    pos, idat = 8, b""
    while pos < len(png):
        n, kind = struct.unpack(">I4s", png[pos:pos + 8])
        if kind == b"IDAT":
            idat += png[pos + 8:pos + 8 + n]
        pos += 12 + n
    pixels = zlib.decompress(idat)
    if len(set(pixels)) < 16:
        fail.append("screenshot is blank")

if fail:
    print("browser check FAILED:", *fail, sep="\n  ")
    sys.exit(1)
print(f"browser check: report renders in Chromium with {len(d.svgs)} charts, no page errors")
PY
