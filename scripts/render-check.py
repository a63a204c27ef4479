#!/usr/bin/env python3
"""Render check of the workbooks Candor writes, in LibreOffice.

Starts the packaged jar with the demo profile in a fresh folder, submits the example campaigns
(as the demo agencies), waives one finding and ends another waiver, downloads every evaluation's
report, the portfolio workbook and the campaign template, converts each to PDF with LibreOffice
(headless) and checks what was printed:

  - every page carries the footer the reports set (sheet name, "Page n of m"), so each page is
    known by its sheet, and each sheet is printed one page across;
  - the Summary sheet of each report prints on one page;
  - no text is clipped: every word of every cell of a sheet is printed on that sheet's pages
    (counted: a word in three cells is printed at least three times); a row too short for its
    wrapped text, or a column too narrow for its text, loses words;
  - no cell shows "###" (a number or date wider than its column);
  - no two printed words overlap (their boxes, from pdftotext -bbox-layout).

It also renders the portfolio's Charts page to a PNG (--charts-png FILE).

Needs: a JDK, LibreOffice Calc (apt-get install -y libreoffice-calc-nogui), poppler-utils
(pdftotext, pdftoppm) and the Carlito font (fonts-crosextra-carlito: Calibri's metrics, which the
reports' column widths and row heights assume).

Usage: scripts/render-check.py [--jar target/candor.jar] [--out target/render-check]
                               [--port 18181] [--charts-png FILE]
Exit status 0 when every check passes, 1 when one fails, 2 when something needed is missing.
"""

import argparse
import base64
import collections
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
import zipfile

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"

# The demo profile's users; the example campaigns are submitted by these two agencies in turn.
AGENCIES = [("northwind", "northwind-demo", "Northwind Media"), ("lumen", "lumen-demo", "Lumen Collective")]
OFFICER = ("officer", "officer-demo")
MANAGER = ("manager", "manager-demo")

# Two words overlap when the middles of their boxes share more than this share of the smaller one.
OVERLAP_SHARE = 0.1


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--jar", default=os.path.join(HERE, "target", "candor.jar"))
    ap.add_argument("--out", default=os.path.join(HERE, "target", "render-check"))
    ap.add_argument("--port", type=int, default=18181)
    ap.add_argument("--charts-png", help="also write the portfolio's Charts page as a PNG here")
    ap.add_argument("--workbooks", nargs="*", help="check these .xlsx files instead of starting the service")
    args = ap.parse_args()

    for tool in ("soffice", "pdftotext", "pdftoppm", "java"):
        if shutil.which(tool) is None:
            print(f"render-check: {tool} not found (see the script's header for what to install)")
            return 2
    os.makedirs(args.out, exist_ok=True)
    if args.workbooks:
        workbooks = args.workbooks
    else:
        if not os.path.isfile(args.jar):
            print(f"render-check: no {args.jar}; build it with ./mvnw -q -DskipTests package")
            return 2
        workbooks = download_workbooks(args.jar, args.port, args.out)

    failures = []
    portfolio_pdf = None
    for book in workbooks:
        pdf = to_pdf(book, args.out)
        problems, pages = check(book, pdf)
        name = os.path.basename(book)
        per_sheet = collections.Counter(sheet for sheet, _ in pages)
        print(f"{name}: {len(pages)} page(s): "
              + ", ".join(f"{s} {n}" for s, n in per_sheet.items())
              + (" - OK" if not problems else f" - {len(problems)} problem(s)"))
        for p in problems:
            print(f"  {p}")
        failures += [f"{name}: {p}" for p in problems]
        if name.startswith("candor-portfolio"):
            portfolio_pdf = (pdf, pages)
    if args.charts_png and portfolio_pdf:
        pdf, pages = portfolio_pdf
        numbers = [i + 1 for i, (sheet, _) in enumerate(pages) if sheet == "Charts"]
        if not numbers:
            failures.append("portfolio: no Charts page to render")
        else:
            body = pages[numbers[0] - 1][1]
            render_page(pdf, numbers[0], args.charts_png, max(w[4] for w in body) + 24 if body else None)
            print(f"charts: page {numbers[0]} of {os.path.basename(pdf)} -> {args.charts_png}"
                  f" ({os.path.getsize(args.charts_png) // 1024} KB)")
    print(f"render-check: {len(workbooks)} workbook(s), "
          + ("all checks pass" if not failures else f"{len(failures)} problem(s)"))
    return 1 if failures else 0


# --- the service ----------------------------------------------------------------------------


def download_workbooks(jar, port, out):
    """Starts the jar with the demo profile, fills it with the examples, downloads the workbooks."""
    work = tempfile.mkdtemp(prefix="candor-render-")
    shutil.copytree(os.path.join(HERE, "rules"), os.path.join(work, "rules"))
    log = open(os.path.join(out, "service.log"), "w")
    service = subprocess.Popen(
        ["java", "-jar", os.path.abspath(jar), "--spring.profiles.active=demo", f"--server.port={port}"],
        cwd=work, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, service)
        return fill_and_download(base, out)
    finally:
        service.terminate()
        try:
            service.wait(30)
        except subprocess.TimeoutExpired:
            service.kill()
        log.close()
        shutil.rmtree(work, ignore_errors=True)


def wait_until_up(base, service, seconds=300):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if service.poll() is not None:
            raise SystemExit("render-check: the service stopped while starting (see service.log)")
        try:
            with urllib.request.urlopen(base + "/actuator/health", timeout=5) as r:
                if b'"UP"' in r.read():
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(1)
    raise SystemExit("render-check: the service did not start in time")


def call(base, user, method, path, body=None):
    req = urllib.request.Request(base + path, method=method)
    token = base64.b64encode(f"{user[0]}:{user[1]}".encode()).decode()
    req.add_header("Authorization", "Basic " + token)
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        req.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(req, data, timeout=120) as r:
        return r.read(), r.headers


def fill_and_download(base, out):
    evaluations = []
    examples = sorted(f for f in os.listdir(os.path.join(HERE, "examples")) if f.endswith(".json"))
    for i, name in enumerate(examples):
        user, password, agency = AGENCIES[i % len(AGENCIES)]
        with open(os.path.join(HERE, "examples", name), encoding="utf-8") as f:
            campaign = json.load(f)
        campaign["agency"] = agency
        body, _ = call(base, (user, password), "POST", "/api/v1/evaluations", campaign)
        evaluations.append(json.loads(body))
    failing = [e for e in evaluations if any(f["severity"] == "FAIL" for f in e["findings"])]
    # One waiver that stands and one ended early, so the Waived column and Waivers sheet show both.
    for e, end in zip(failing[:2], (False, True)):
        f = next(f for f in e["findings"] if f["severity"] == "FAIL")
        granted, _ = call(base, OFFICER, "POST", f"/api/v1/evaluations/{e['id']}/waivers", {
            "ruleId": f["ruleId"], "subject": f["subject"],
            "justification": "Disclosure confirmed on the brand's landing page; see ticket COMP-118",
            "approver": "Head of Compliance", "expiresOn": "2099-12-31"})
        if end:
            stored = json.loads(granted)
            waivers = stored.get("result", stored)["waivers"]
            waiver = next(w for w in waivers if w["ruleId"] == f["ruleId"])
            call(base, OFFICER, "POST", f"/api/v1/waivers/{waiver['id']}/expire")
    books = []
    for e in evaluations:
        content, _ = call(base, MANAGER, "GET", f"/api/v1/evaluations/{e['id']}/report.xlsx")
        books.append(save(out, f"report-{e['reference']}.xlsx", content))
    content, headers = call(base, MANAGER, "GET", "/api/v1/reports/portfolio.xlsx")
    name = re.search(r'filename="?([^";]+)', headers.get("Content-Disposition", "")).group(1)
    books.append(save(out, name, content))
    content, _ = call(base, MANAGER, "GET", "/api/v1/templates/campaign.xlsx")
    books.append(save(out, "campaign-template.xlsx", content))
    return books


def save(out, name, content):
    path = os.path.join(out, re.sub(r"[^A-Za-z0-9._-]", "_", name))
    with open(path, "wb") as f:
        f.write(content)
    return path


# --- LibreOffice and poppler ----------------------------------------------------------------


def to_pdf(book, out):
    profile = tempfile.mkdtemp(prefix="candor-lo-")
    try:
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
             "--outdir", out, book],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return os.path.join(out, os.path.splitext(os.path.basename(book))[0] + ".pdf")


def render_page(pdf, page, png, bottom=None, dpi=100):
    """One page as a PNG; down to {bottom} points from the top when given (the rest is empty)."""
    stem = png[:-4] if png.endswith(".png") else png
    crop = []
    if bottom is not None:
        width = pdf_words(pdf)[page - 1][0]
        crop = ["-x", "0", "-y", "0", "-W", str(int(width * dpi / 72)), "-H", str(int(bottom * dpi / 72))]
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), *crop, "-singlefile",
                    pdf, stem], check=True)


def pdf_words(pdf):
    """Per page: (width, height, [(text, xMin, yMin, xMax, yMax)])."""
    xhtml = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"], check=True, capture_output=True).stdout
    pages = []
    for page in re.finditer(rb'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', xhtml, re.S):
        words = []
        for w in re.finditer(
                rb'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>',
                page.group(3), re.S):
            text = html.unescape(w.group(5).decode("utf-8"))
            words.append((text, *(float(w.group(i)) for i in range(1, 5))))
        pages.append((float(page.group(1)), float(page.group(2)), words))
    return pages


# --- the workbook's own text ----------------------------------------------------------------


def sheet_texts(book):
    """Sheet name -> the text of each of its text cells, in the order of the workbook."""
    with zipfile.ZipFile(book) as z:
        shared = []
        if "xl/sharedStrings.xml" in z.namelist():
            root = ET.fromstring(z.read("xl/sharedStrings.xml"))
            shared = ["".join(t.text or "" for t in si.iter(f"{{{NS['m']}}}t")) for si in root.findall("m:si", NS)]
        wb = ET.fromstring(z.read("xl/workbook.xml"))
        rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
        targets = {r.get("Id"): r.get("Target") for r in rels}
        texts = {}
        for s in wb.find("m:sheets", NS):
            target = targets[s.get(REL)].lstrip("/")
            path = target if target.startswith("xl/") else "xl/" + target
            root = ET.fromstring(z.read(path))
            cells = []
            for c in root.iter(f"{{{NS['m']}}}c"):
                kind = c.get("t")
                if kind == "s":
                    cells.append(shared[int(c.find("m:v", NS).text)])
                elif kind == "inlineStr":
                    cells.append("".join(t.text or "" for t in c.iter(f"{{{NS['m']}}}t")))
            texts[s.get("name")] = cells
        return texts


def words_of(text):
    """The words of a text; emoji and signs (⏎, 🎒) part words and are not words: fonts draw them,
    or not, each in its own way."""
    plain = "".join(" " if unicodedata.category(ch) in ("So", "Sk", "Cf") else ch
                    for ch in unicodedata.normalize("NFKC", text))
    return plain.split()


# --- the checks -----------------------------------------------------------------------------


FOOTER = re.compile(r"^(?P<sheet>.*?)\s*Page (?P<n>\d+) of (?P<m>\d+)$")


def check(book, pdf):
    problems = []
    pages = []
    for number, (width, height, words) in enumerate(pdf_words(pdf), start=1):
        footer = footer_of(words, height)
        m = FOOTER.match(" ".join(w[0] for w in footer))
        sheet = m.group("sheet").strip() if m else None
        if sheet is None:
            problems.append(f"page {number}: no footer naming its sheet")
        on_page = [w for w in words if w not in footer]
        body = [(part, *w[1:]) for w in on_page for part in words_of(w[0])]
        pages.append((sheet, body))
        problems += overlaps(number, [w for w in on_page if words_of(w[0])])
        problems += [f"page {number}: '{w[0]}' is a value too wide for its column" for w in body if "###" in w[0]]
    texts = sheet_texts(book)
    for sheet, cells in texts.items():
        sequence = [w[0] for s, body in pages if s == sheet for w in body]
        printed = collections.Counter(sequence)
        if not any(s == sheet for s, _ in pages):
            if cells:
                problems.append(f"{sheet}: no page printed")
            continue
        wanted = collections.Counter(w for c in cells for w in words_of(c))
        glued = "".join(sequence)  # a word too long for its column's width is printed in pieces
        missing = [w for w, n in wanted.items() if printed[w] < n and w not in glued]
        if missing:
            problems.append(f"{sheet}: {len(missing)} word(s) of its cells not printed (clipped?): "
                            + ", ".join(repr(w) for w in missing[:8]))
    summary = sum(1 for s, _ in pages if s == "Summary")
    if "Summary" in texts and summary != 1:
        problems.append(f"Summary: printed on {summary} pages, not one")
    return problems, pages


def footer_of(words, height):
    """The words of the page's footer: the line, in the bottom margin, that ends "Page n of m"."""
    for i in range(len(words) - 3):
        page, n, of, m = words[i:i + 4]
        if (page[0] == "Page" and n[0].isdigit() and of[0] == "of" and m[0].isdigit()
                and page[2] > height * 0.85 and abs(page[2] - m[2]) < 1):
            line = [w for w in words if abs(w[2] - page[2]) < 1 and w[1] <= m[1]]
            return sorted(line, key=lambda w: w[1])
    return []


def core(word):
    """The middle of a word's box: a box spans the font's whole ascent and descent, so the boxes of
    neighbouring lines touch; the letters of two words printed over each other share their middles."""
    text, x0, y0, x1, y1 = word
    dx, dy = (x1 - x0) * 0.1, (y1 - y0) * 0.25
    return (text, x0 + dx, y0 + dy, x1 - dx, y1 - dy)


def overlaps(number, words):
    found = []
    ordered = sorted((core(w) for w in words), key=lambda w: w[2])
    for i, a in enumerate(ordered):
        for b in ordered[i + 1:]:
            if b[2] >= a[4]:
                break
            dx = min(a[3], b[3]) - max(a[1], b[1])
            dy = min(a[4], b[4]) - max(a[2], b[2])
            if dx <= 0 or dy <= 0:
                continue
            smaller = min((a[3] - a[1]) * (a[4] - a[2]), (b[3] - b[1]) * (b[4] - b[2]))
            if smaller > 0 and dx * dy > OVERLAP_SHARE * smaller:
                found.append(f"page {number}: '{a[0]}' and '{b[0]}' overlap")
    return found


if __name__ == "__main__":
    sys.exit(main())
