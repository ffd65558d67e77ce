#!/usr/bin/env bash
# Set up swtoolkit on a fresh Debian/Ubuntu machine and build every report from the bundled data.
#   bash scripts/setup.sh            # system libraries + fonts (as root or with sudo), venv, package, reports
#   SWTOOLKIT_SKIP_BUILD=1 bash scripts/setup.sh   # set up only
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
      say "these Debian packages are missing and I am not root (and sudo needs a password):"
      say "    sudo apt-get update && sudo apt-get install -y $missing"
      say "run that, then run this script again."
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
say "installing swtoolkit and its dependencies into .venv"
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[test]"
rm -rf "${HOME:-/root}/.cache/matplotlib"   # fonts installed after matplotlib's first run are otherwise not seen
.venv/bin/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (swtoolkit)" >/dev/null
if [[ -z "${SWTOOLKIT_SKIP_BUILD:-}" ]]; then
  say "building every report from the bundled data (reports/index.html)"
  .venv/bin/swtoolkit build
fi
say "done. Reports: reports/index.html   Tests: .venv/bin/python -m pytest"
