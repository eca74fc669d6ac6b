"""What the LibreOffice checks of the tests share: start a headless
LibreOffice with a profile of its own, connect to it through UNO, hand each
workbook (as a copy, so LibreOffice's lock file never lands next to the
original) to a function that reads what a person would see, print the
results as JSON, and stop LibreOffice again whatever happens.

Used by data/testdata/template/libreoffice_dump.py and
cmd/bobra/testdata/merk/libreoffice_marks.py.
Needs LibreOffice and python3-uno (Debian: libreoffice-calc python3-uno).
"""
import json
import os
import shutil
import subprocess
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def _connect(pipe):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(120):
        try:
            return resolver.resolve(
                "uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
        except Exception:
            time.sleep(0.5)
    raise SystemExit("LibreOffice did not start")


def print_each(name, paths, read):
    """Print, as one JSON list, read(desktop, copy) for each workbook."""
    pipe = "bobra_%s_%d" % (name, os.getpid())
    profile = tempfile.mkdtemp(prefix="bobra-lo-")
    office = subprocess.Popen(
        ["soffice", "--headless", "--invisible", "--norestore", "--nologo",
         "-env:UserInstallation=file://" + profile,
         "--accept=pipe,name=%s;urp;" % pipe],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    desktop = None
    try:
        ctx = _connect(pipe)
        desktop = ctx.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.Desktop", ctx)
        workbooks = []
        for i, original in enumerate(paths):
            path = os.path.join(profile, "workbook%d.xlsx" % i)
            shutil.copyfile(original, path)
            workbooks.append(read(desktop, path))
        print(json.dumps(workbooks, ensure_ascii=False, indent=1))
    finally:
        try:
            if desktop is not None:
                desktop.terminate()
        except Exception:
            pass
        office.wait(timeout=60)
        shutil.rmtree(profile, ignore_errors=True)
