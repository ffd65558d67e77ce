#!/usr/bin/env bash
# Set up swtoolkit on a fresh Debian/Ubuntu machine and build every report from the bundled data.
#   bash scripts/setup.sh            # system libraries + fonts (as root or with sudo), venv, package, reports
#   SWTOOLKIT_SKIP_BUILD=1 bash scripts/setup.sh   # set up only
#   SWTOOLKIT_UNPINNED=1 bash scripts/setup.sh     # the version ranges of pyproject.toml instead of requirements.lock
# Python packages come from requirements.lock (exact versions with hashes, the ones the tests passed with).
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages the PDF path needs: a Chinese font (Noto CJK) and Pango for WeasyPrint;
# chromium for the test that loads the HTML report headless.
SYSTEM_PACKAGES=(fonts-noto-cjk fontconfig libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b python3-venv chromium)

say() { printf '\033[1m[swtoolkit]\033[0m %s\n' "$*"; }

find_python() {
  for candidate in "${PYTHON:-}" python3.11 python3.12 python3.13 python3; do
    [[ -n "$candidate" ]] || continue
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(0 if (3, 11) <= sys.version_info[:2] < (3, 14) else 1)' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  return 1
}

missing_packages() {
  local missing=()
  for pkg in "${SYSTEM_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  echo "${missing[@]:-}"
}

install_system_packages() {
  command -v dpkg-query >/dev/null 2>&1 || { say "not a Debian/Ubuntu system: install a CJK font (Noto Sans CJK SC) and Pango yourself"; return 0; }
  local missing; missing=$(missing_packages)
  [[ -z "$missing" ]] && { say "system packages present"; return 0; }
  local runner=()
  if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then runner=(sudo -n); else
      say "these Debian packages are missing, and I am neither root nor able to use sudo without a password:"
      say "as root: apt-get update && apt-get install -y --no-install-recommends $missing"
      say "(for example: su -c 'apt-get update && apt-get install -y --no-install-recommends $missing')"
      say "then run this script again."
      exit 1
    fi
  fi
  say "installing Debian packages: $missing"
  "${runner[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  # shellcheck disable=SC2086
  "${runner[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

PY=$(find_python) || { say "Python 3.11–3.13 is required (found: $(python3 --version 2>&1 || echo none))."; exit 1; }
install_system_packages
if [[ ! -x .venv/bin/python ]]; then
  say "creating .venv with $PY"
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
if [[ -z "${SWTOOLKIT_UNPINNED:-}" ]]; then
  say "installing the pinned dependencies (requirements.lock) and swtoolkit into .venv"
  .venv/bin/python -m pip install --quiet --require-hashes -r requirements.lock
  .venv/bin/python -m pip install --quiet --no-deps -e .
else
  say "installing swtoolkit and the newest dependencies its ranges allow into .venv"
  .venv/bin/python -m pip install --quiet -e ".[test]"
fi
rm -rf "${HOME:-/root}/.cache/matplotlib"   # fonts installed after matplotlib's first run are otherwise not seen
.venv/bin/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (swtoolkit)" >/dev/null
if [[ -z "${SWTOOLKIT_SKIP_BUILD:-}" ]]; then
  say "building every report from the bundled data (reports/index.html)"
  .venv/bin/swtoolkit build
fi
say "done. Reports: reports/index.html   Tests: .venv/bin/python -m pytest"
say "run commands as .venv/bin/swtoolkit …, or after: source .venv/bin/activate"
