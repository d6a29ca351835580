#!/usr/bin/env bash
# Optional: installs the IS-Net salient-object segmentation model (ONNX) that the engine uses for reference-image
# masks when a picture has no alpha channel and the user painted no mask.
#
# Source: the npm package @imgly/background-removal-data 1.4.5, which ships IS-Net split into chunks.
# Licences: the npm package is AGPL-3.0 (its LICENSE.md); its ThirdPartyLicenses.json lists the ISNET model itself
# (xuebinqin/DIS) as MIT. We only reassemble the model file; nothing of the package is committed to this repository.
#
# Usage: scripts/fetch-isnet.sh [MODELS_ROOT] [small|medium]    (default: ./models, small = 44 MB quantised)
set -euo pipefail
root="${1:-$(cd "$(dirname "$0")/.." && pwd)/models}"
variant="${2:-small}"
command -v npm >/dev/null || { echo "npm is needed (apt-get install npm)" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
( cd "$work" && npm pack --silent @imgly/background-removal-data@1.4.5 >/dev/null && tar xzf imgly-background-removal-data-1.4.5.tgz )
mkdir -p "$root/segmentation"
out="$root/segmentation/isnet-$variant.onnx"
node -e '
const fs = require("fs"), path = require("path");
const [dist, key, out] = process.argv.slice(1);
const res = JSON.parse(fs.readFileSync(path.join(dist, "resources.json"), "utf8"))[key];
if (!res) { console.error("no " + key + " in resources.json"); process.exit(1); }
const fd = fs.openSync(out + ".tmp", "w");
for (const c of res.chunks) {
  const bytes = fs.readFileSync(path.join(dist, c.hash));
  if (bytes.length !== c.offsets[1] - c.offsets[0]) { console.error("chunk " + c.hash + " has the wrong size"); process.exit(1); }
  fs.writeSync(fd, bytes);
}
fs.closeSync(fd);
if (fs.statSync(out + ".tmp").size !== res.size) { console.error("assembled size differs from resources.json"); process.exit(1); }
fs.renameSync(out + ".tmp", out);
' "$work/package/dist" "/models/$variant" "$out"
echo "$out"
