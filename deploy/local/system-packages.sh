#!/usr/bin/env bash
# Debian packages the services and tests need beyond the servers: a CJK font for certificate
# PDFs (R-6.4.3) and xmllint to validate Digital Calibration Certificates against their XSD.
source "$(dirname "$0")/lib.sh"
need_pkg /usr/share/fonts/truetype/wqy/wqy-microhei.ttc fonts-wqy-microhei
need_pkg xmllint libxml2-utils
need_pkg pdftotext poppler-utils   # label and certificate PDF inspection in tests
need_pkg /usr/bin/chromium chromium   # the web console's end-to-end tests: headless Chromium driven by playwright-core
