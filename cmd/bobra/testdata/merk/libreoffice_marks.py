#!/usr/bin/python3
"""Open marked copies (`bobra valider --merk`) in LibreOffice Calc
(headless, through UNO) and print, as JSON, what a person would see in
each: the sheets in order, every cell comment with its cell and the
cell's background colour, and for the first sheet each row's cells and the
target of the link in column C, followed the way a click would (the sheet
and cell LibreOffice selects). Used by cmd/bobra/merk_test.go.

Usage: libreoffice_marks.py FILE.xlsx...
Needs LibreOffice and python3-uno (Debian: libreoffice-calc python3-uno).
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "../../../../data/testdata", "libreoffice"))
from uno_session import print_each, prop  # noqa: E402
import uno  # noqa: E402


def column_name(c):
    name = ""
    c += 1
    while c > 0:
        c, r = divmod(c - 1, 26)
        name = chr(65 + r) + name
    return name


def dump(desktop, path):
    doc = desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(path), "_blank", 0, (prop("Hidden", True),))
    if doc is None:
        raise SystemExit("LibreOffice could not open " + path)
    try:
        sheets = doc.getSheets()
        out = {"sheets": [], "comments": [], "links": []}
        for i in range(sheets.getCount()):
            sheet = sheets.getByIndex(i)
            out["sheets"].append(sheet.getName())
            annotations = sheet.getAnnotations()
            for k in range(annotations.getCount()):
                a = annotations.getByIndex(k)
                pos = a.getPosition()
                cell = sheet.getCellByPosition(pos.Column, pos.Row)
                out["comments"].append({
                    "sheet": sheet.getName(),
                    "cell": "%s%d" % (column_name(pos.Column), pos.Row + 1),
                    "text": a.getString(),
                    "colour": "%06X" % (cell.getPropertyValue("CellBackColor") & 0xFFFFFF),
                })
        first = sheets.getByIndex(0)
        controller = doc.getCurrentController()
        row = 1
        while first.getCellByPosition(0, row).getString() != "":
            cell = first.getCellByPosition(2, row)
            url = ""
            paragraphs = cell.getText().createEnumeration()
            while paragraphs.hasMoreElements():
                portions = paragraphs.nextElement().createEnumeration()
                while portions.hasMoreElements():
                    portion = portions.nextElement()
                    if portion.TextPortionType == "TextField":
                        url = portion.TextField.getPropertyValue("URL")
            link = {"row": row + 1, "text": cell.getString(), "url": url,
                    "message": first.getCellByPosition(4, row).getString()}
            if url.startswith("#"):
                # Follow it as a click does: go to the target, see where we are.
                # The target as in the file ('Kjøp'!B2), or in LibreOffice's
                # own syntax ('Kjøp'.B2), as its versions differ.
                sep = "!" if "!" in url else "."
                sheet_name, _, ref = url[1:].rpartition(sep)
                if sheet_name.startswith("'"):
                    sheet_name = sheet_name[1:-1].replace("''", "'")
                if sheets.hasByName(sheet_name):
                    target = sheets.getByName(sheet_name).getCellRangeByName(ref)
                    controller.select(target)
                    addr = controller.getSelection().getRangeAddress()
                    link["lands_on"] = "%s!%s%d" % (
                        controller.getActiveSheet().getName(),
                        column_name(addr.StartColumn), addr.StartRow + 1)
            out["links"].append(link)
            row += 1
        return out
    finally:
        doc.close(True)


def main():
    print_each("marks", sys.argv[1:], dump)


if __name__ == "__main__":
    main()
