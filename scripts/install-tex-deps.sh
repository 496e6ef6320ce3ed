#!/usr/bin/env bash
# Install TeX Live (xelatex, latexmk), the CJK package xeCJK, the fonts of the docs' PDF
# recipe (FreeFont, Noto CJK) and pdftotext from Debian's packages, for the tests that
# compile PDFs (tests/test_pdf.py). Idempotent: does nothing when all are there.
set -euo pipefail
fonts="$(fc-list : family 2>/dev/null || true)"
if command -v xelatex >/dev/null 2>&1 && command -v latexmk >/dev/null 2>&1 \
    && command -v pdftotext >/dev/null 2>&1 && kpsewhich xeCJK.sty >/dev/null 2>&1 \
    && grep -q "Noto Serif CJK SC" <<<"$fonts" && grep -q "FreeSerif" <<<"$fonts"; then
    exit 0
fi
bash "$(dirname "$0")/apt-install.sh" \
    latexmk texlive-xetex texlive-latex-recommended texlive-latex-extra \
    texlive-fonts-recommended texlive-lang-chinese fonts-noto-cjk fonts-freefont-otf \
    poppler-utils
command -v xelatex && command -v latexmk && command -v pdftotext && kpsewhich xeCJK.sty
