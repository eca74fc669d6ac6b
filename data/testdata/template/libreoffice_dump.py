#!/usr/bin/python3
"""Open workbooks in LibreOffice Calc (headless, through UNO) and print, as
JSON, what a person would see in each: per sheet the header row, the
comment on each header, the validation of the cell below each header (and
of the cell in PROBE_ROW), whether the first row is frozen, and the number
format and shown text of the first data cell of each column. Used by
data/template_test.go to check that `bobra mal` and `bobra eksempel`
output open cleanly in LibreOffice with working drop-downs.

Usage: libreoffice_dump.py PROBE_ROW FILE.xlsx...
Needs LibreOffice and python3-uno (Debian: libreoffice-calc python3-uno).
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "libreoffice"))
from uno_session import print_each, prop  # noqa: E402
import uno  # noqa: E402


def dump(desktop, path, probe_row):
    doc = desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(path), "_blank", 0,
        (prop("Hidden", True), prop("ReadOnly", True)))
    if doc is None:
        raise SystemExit("LibreOffice could not open " + path)
    try:
        controller = doc.getCurrentController()
        formats = doc.getNumberFormats()
        out = {"sheets": []}
        sheets = doc.getSheets()
        for i in range(sheets.getCount()):
            sheet = sheets.getByIndex(i)
            info = {"name": sheet.getName(), "columns": []}
            if controller is not None:
                controller.setActiveSheet(sheet)
                info["frozen"] = bool(controller.hasFrozenPanes())
            comments = {}
            annotations = sheet.getAnnotations()
            for k in range(annotations.getCount()):
                a = annotations.getByIndex(k)
                pos = a.getPosition()
                comments[(pos.Row, pos.Column)] = a.getString()
            col = 0
            while True:
                header = sheet.getCellByPosition(col, 0).getString()
                if header == "":
                    break
                column = {"header": header, "comment": comments.get((0, col), "")}
                for label, row in (("row2", 1), ("probe", probe_row - 1)):
                    v = sheet.getCellByPosition(col, row).getPropertyValue("Validation")
                    kind = str(v.getPropertyValue("Type").value).lower()
                    column["validation_" + label] = kind
                    if kind == "list":
                        column["list_" + label] = v.getFormula1()
                cell = sheet.getCellByPosition(col, 1)
                key = cell.getPropertyValue("NumberFormat")
                column["format"] = formats.getByKey(key).getPropertyValue("FormatString")
                column["value2"] = cell.getString()
                info["columns"].append(column)
                col += 1
            out["sheets"].append(info)
        return out
    finally:
        doc.close(True)


def main():
    probe_row = int(sys.argv[1])
    print_each("dump", sys.argv[2:], lambda desktop, path: dump(desktop, path, probe_row))


if __name__ == "__main__":
    main()
