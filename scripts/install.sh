#!/usr/bin/env bash
# Everything Folio needs on a fresh Debian machine: system packages first, then the Python package.
set -euo pipefail
cd "$(dirname "$0")/.."

# WeasyPrint lays out text with Pango; poppler-utils gives pdftoppm/pdffonts for looking at PDFs.
debs=(libpango-1.0-0 libpangoft2-1.0-0 poppler-utils)
missing=()
for d in "${debs[@]}"; do
  dpkg -s "$d" >/dev/null 2>&1 || missing+=("$d")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
fi

python3 -m pip install --quiet --disable-pip-version-check -e '.[test]'
