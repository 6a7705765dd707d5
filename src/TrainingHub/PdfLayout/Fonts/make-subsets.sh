#!/usr/bin/env bash
# Regenerates the *-Latin.ttf and *-Wide.ttf subsets from the full DejaVu files beside them (needs Debian's
# python3-fonttools). SkiaSharp's PDF backend embeds every face it uses whole, so each certificate text is set in the
# smallest of these that has all its characters: Latin, then Wide (adds Latin Extended, Greek, Cyrillic and
# Vietnamese), then the full face. docs/decisions/0004-certificates-skiasharp.md has the figures.
set -euo pipefail
cd "$(dirname "$0")"
punctuation="U+2010-2027,U+2030-203A,U+2044,U+20AC,U+2116,U+2122,U+FFFD"
latin="U+0020-007E,U+00A0-017F,U+0218-021B,U+02BC,U+02C6,U+02DA,U+02DC,$punctuation"
wide="U+0020-007E,U+00A0-024F,U+02B0-02FF,U+0370-03FF,U+0400-052F,U+1E00-1EFF,U+1F00-1FFF,U+2000-206F,U+20A0-20CF,U+2100-214F,U+FFFD"
subset() {
  /usr/bin/python3 -m fontTools.subset "$1.ttf" --unicodes="$2" --output-file="$1-$3.ttf" \
    --layout-features='' --no-hinting --notdef-outline --name-IDs='*' --name-languages='*' --drop-tables+=DSIG,FFTM
}
for face in DejaVuSans DejaVuSans-Bold DejaVuSerif-Bold; do
  subset "$face" "$latin" Latin
  subset "$face" "$wide" Wide
done
ls -l ./*-Latin.ttf ./*-Wide.ttf
