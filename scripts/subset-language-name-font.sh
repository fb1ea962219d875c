#!/usr/bin/env bash
# Remakes app/styles/noto-sans-bengali-language-name.woff2: the glyphs of "বাংলা"
# (the language switcher's only Bengali word) cut from @fontsource/noto-sans-bengali
# (SIL Open Font Licence), with its shaping rules. Needs fontTools with brotli
# (Debian: apt-get install python3-fonttools python3-brotli). Not run by the build:
# the 1 KB result is committed.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m fontTools.subset \
  node_modules/@fontsource/noto-sans-bengali/files/noto-sans-bengali-bengali-400-normal.woff2 \
  --text="বাংলা" --layout-features='*' --flavor=woff2 \
  --output-file=app/styles/noto-sans-bengali-language-name.woff2
ls -l app/styles/noto-sans-bengali-language-name.woff2
