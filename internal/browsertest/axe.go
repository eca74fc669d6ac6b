package browsertest

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// Axe runs axe-core (axeJS, the text of axe.min.js) on the page in ctx and
// fails the test for every WCAG 2.1 A or AA violation it finds, naming the
// first three elements of each. Frames are left out: a page that shows a
// report in a frame checks the report on its own.
func Axe(t *testing.T, ctx context.Context, axeJS string) {
	t.Helper()
	var violations []struct {
		ID    string `json:"id"`
		Help  string `json:"help"`
		Nodes []struct {
			Target []any  `json:"target"`
			HTML   string `json:"html"`
		} `json:"nodes"`
	}
	err := chromedp.Run(ctx,
		chromedp.Evaluate(axeJS, nil),
		chromedp.Evaluate(`axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}, resultTypes: ['violations'], iframes: false}).then(r => r.violations)`,
			&violations, func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }),
	)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range violations {
		var where []string
		for i, n := range v.Nodes {
			if i == 3 {
				where = append(where, fmt.Sprintf("… og %d til", len(v.Nodes)-3))
				break
			}
			html := n.HTML
			if r := []rune(html); len(r) > 160 {
				html = string(r[:160]) + "…"
			}
			where = append(where, fmt.Sprint(n.Target)+" "+html)
		}
		t.Errorf("axe: %s: %s\n  %s", v.ID, v.Help, strings.Join(where, "\n  "))
	}
}
