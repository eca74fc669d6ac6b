package pipeline

import (
	"context"

	"bobra/data"
)

// The reader's entry points; variables so the run can be tested with
// readers that fail in chosen ways.
var (
	readDir = func(ctx context.Context, dir string, today data.Date) (*data.Dataset, data.Problems, error) {
		return data.ReadDir(dir, data.ReadOptions{Today: today, Context: ctx})
	}
	validate = data.Validate
)
