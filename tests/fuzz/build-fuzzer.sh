#!/bin/sh
# Builds the libFuzzer target for the compliance scanner with clang, ASan
# and UBSan, without meson (so it also works while the rest of the tree is
# half-built). Usage:
#
#   tests/fuzz/build-fuzzer.sh [OUTDIR]          # default: build-fuzz
#   OUTDIR/fuzz-compliance -max_total_time=600 -max_len=4096 OUTDIR/corpus tests/fuzz/seeds
#
set -eu
src=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$src/build-fuzz}
mkdir -p "$out" "$out/corpus"
cat > "$out/config.h" <<'H'
#pragma once
#define PACKAGE_VERSION "fuzz"
#define GETTEXT_PACKAGE "rounds"
H
glib-compile-resources --sourcedir="$src/resources/compliance" --generate-source \
  --c-name rounds_compliance --target="$out/rounds-compliance-resources.c" \
  "$src/resources/compliance/rounds-compliance.gresource.xml"
clang -g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined \
  -fno-sanitize-recover=undefined \
  -I"$out" -I"$src/src/core/compliance" \
  $(pkg-config --cflags glib-2.0 gio-2.0 json-glib-1.0) \
  $(for f in rounds-compliance-profile rounds-compliance-rules rounds-compliance-tokenizer \
             rounds-detect-contacts rounds-detect-dates rounds-detect-identifiers \
             rounds-detect-names rounds-detect-risk rounds-finding rounds-scanner; do
      echo "$src/src/core/compliance/$f.c"; done) \
  "$out/rounds-compliance-resources.c" \
  "$src/tests/fuzz/fuzz-compliance.c" \
  $(pkg-config --libs glib-2.0 gio-2.0 json-glib-1.0) \
  -o "$out/fuzz-compliance"
echo "built $out/fuzz-compliance"
