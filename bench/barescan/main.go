// Command barescan is the baseline of the end-to-end benchmark: it reads
// every sheet of every .xlsx file in a folder with excelize's streaming
// Rows() and raw cell values, as the reader must, but does nothing with
// the cells. Files are scanned in parallel like the reader does, one per
// CPU. It prints the number of non-empty rows read.
//
// Usage: barescan MAPPE
package main

import (
	"bobra/bench/internal/scandir"

	"github.com/xuri/excelize/v2"
)

func main() { scandir.Main("barescan", scanFile) }

func scanFile(path string) (int, error) {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	n := 0
	for _, sheet := range f.GetSheetList() {
		rows, err := f.Rows(sheet)
		if err != nil {
			return 0, err
		}
		for rows.Next() {
			cells, err := rows.Columns(excelize.Options{RawCellValue: true})
			if err != nil {
				rows.Close()
				return 0, err
			}
			for _, c := range cells {
				if c != "" {
					n++
					break
				}
			}
		}
		if err := rows.Close(); err != nil {
			return 0, err
		}
	}
	return n, nil
}
