package reports

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"bobra/data"
	"bobra/internal/browsertest"
	"bobra/internal/norfmt"
	"bobra/pipeline/compute"
	"bobra/pipeline/results"

	"github.com/chromedp/cdproto/emulation"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/shopspring/decimal"
)

// The browser test opens rapport.html from disk in headless Chromium. It
// runs when BOBRA_BROWSER names the Chromium binary (`make test` sets it
// when /usr/bin/chromium exists) and needs axe-core from `make
// browser-deps`. Screenshots go to ut/ at the repository root.

const screenshotDir = "../ut"

// newPageEvents collects what a report opened from disk must never do:
// it may load only itself and data: URLs.
func newPageEvents() *browsertest.Events {
	return &browsertest.Events{Allowed: []string{"file://", "data:"}}
}

// writeReport renders res with the real ECharts into a temporary file.
func writeReport(t *testing.T, res *results.Results, name string) string {
	t.Helper()
	h := NewHTML(MustLoadEmbedded())
	if h.echartsErr != nil {
		t.Fatal(h.echartsErr)
	}
	path := filepath.Join(t.TempDir(), name)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := h.Render(f, res); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// openReport loads the page and waits until every chart is initialised.
func openReport(t *testing.T, ctx context.Context, path string) {
	t.Helper()
	err := chromedp.Run(ctx,
		browsertest.Enable(),
		chromedp.Navigate("file://"+path),
		chromedp.WaitReady("body"),
		chromedp.Poll(`document.documentElement.dataset.diagrammer == document.querySelectorAll('.diagram').length`, nil,
			chromedp.WithPollingTimeout(30*time.Second)),
	)
	if err != nil {
		t.Fatalf("åpner %s: %v", path, err)
	}
}

func TestBrowserReport(t *testing.T) {
	chromium := browsertest.Path(t)
	axe, err := os.ReadFile("testdata/axe/axe.min.js")
	if err != nil {
		t.Fatalf("axe-core mangler (kjør make browser-deps): %v", err)
	}
	res := compute.Compute(data.Sample(), data.SampleEvaluationDate)
	path := writeReport(t, res, "rapport.html")

	ctx := browsertest.Start(t, chromium, 3*time.Minute)
	events := newPageEvents()
	events.Listen(ctx)
	openReport(t, ctx, path)

	t.Run("diagrammene er tegnet", func(t *testing.T) {
		var drawn []struct {
			ID     string `json:"id"`
			Canvas bool   `json:"canvas"`
			Inked  int    `json:"inked"`
		}
		// A chart has drawn when its container holds a canvas with
		// non-white pixels in the plot area.
		err := chromedp.Run(ctx, chromedp.Evaluate(`Array.from(document.querySelectorAll('.diagram')).map(el => {
			const c = el.querySelector('canvas');
			if (!c || !c.width || !c.height) return {id: el.id, canvas: false, inked: 0};
			const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
			let inked = 0;
			for (let i = 0; i < d.length; i += 4 * 97) if (d[i+3] > 0 && (d[i] < 200 || d[i+1] < 200 || d[i+2] < 200)) inked++;
			return {id: el.id, canvas: true, inked: inked};
		})`, &drawn))
		if err != nil {
			t.Fatal(err)
		}
		charts := 0
		for _, sec := range mustDocument(t, res).Sections {
			for _, b := range sec.Blocks {
				if b.Chart != nil {
					charts++
				}
			}
		}
		if len(drawn) != charts || charts == 0 {
			t.Fatalf("fant %d diagrambeholdere, dokumentet har %d diagrammer", len(drawn), charts)
		}
		for _, d := range drawn {
			if !d.Canvas || d.Inked < 50 {
				t.Errorf("%s er ikke tegnet (canvas=%v, fargede punkter=%d)", d.ID, d.Canvas, d.Inked)
			}
		}
	})

	t.Run("norsk tallformat i diagrammene er likt Go", func(t *testing.T) {
		checkJSFormat(t, ctx)
	})

	t.Run("axe-core finner ingen brudd på WCAG 2.1 A/AA", func(t *testing.T) {
		browsertest.Axe(t, ctx, string(axe))
	})

	t.Run("skjermbilder og mobilbredde", func(t *testing.T) {
		if err := os.MkdirAll(screenshotDir, 0o755); err != nil {
			t.Fatal(err)
		}
		var desktop, phone []byte
		var overflow bool
		err := chromedp.Run(ctx,
			emulation.SetDeviceMetricsOverride(1280, 900, 1, false),
			chromedp.Sleep(300*time.Millisecond),
			chromedp.FullScreenshot(&desktop, 80),
			emulation.SetDeviceMetricsOverride(360, 740, 2, true),
			chromedp.Sleep(500*time.Millisecond),
			chromedp.Evaluate(`document.documentElement.scrollWidth > window.innerWidth + 1`, &overflow),
			chromedp.FullScreenshot(&phone, 80),
		)
		if err != nil {
			t.Fatal(err)
		}
		if overflow {
			t.Error("siden er bredere enn skjermen ved 360 px (vannrett rulling av hele siden)")
		}
		for name, b := range map[string][]byte{"rapport-skrivebord.jpg": desktop, "rapport-mobil.jpg": phone} {
			if err := os.WriteFile(filepath.Join(screenshotDir, name), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		var pdf []byte
		err = chromedp.Run(ctx,
			emulation.ClearDeviceMetricsOverride(),
			chromedp.ActionFunc(func(ctx context.Context) error {
				var err error
				pdf, _, err = cdppage.PrintToPDF().WithPaperWidth(8.27).WithPaperHeight(11.69).WithPreferCSSPageSize(true).Do(ctx)
				return err
			}))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(screenshotDir, "rapport-utskrift.pdf"), pdf, 0o644); err != nil {
			t.Fatal(err)
		}
	})

	events.Check(t)
}

// TestBrowserEscapesSpreadsheetText puts script into a FamilieID, a quote
// and an indicator name: the page must show it as text and run nothing.
func TestBrowserEscapesSpreadsheetText(t *testing.T) {
	chromium := browsertest.Path(t)
	res := compute.Compute(data.Sample(), data.SampleEvaluationDate)
	evil := `</script><script>alert(1)</script>`
	res.Homes[0].FamilyID = evil
	res.Quotes = append(res.Quotes, results.Quote{Theme: "verdi", Text: `<img src=x onerror=alert(2)>`, Who: evil})
	if len(res.Context) > 0 {
		res.Context[0].Indicator = `<b onmouseover=alert(3)>x</b>` + evil
	}
	path := writeReport(t, res, "rapport-xss.html")
	ctx := browsertest.Start(t, chromium, 3*time.Minute)
	events := newPageEvents()
	events.Listen(ctx)
	openReport(t, ctx, path)
	var text string
	var injected int
	err := chromedp.Run(ctx,
		chromedp.Evaluate(`document.body.innerText`, &text),
		chromedp.Evaluate(`document.querySelectorAll('img, b, script:not([src])').length`, &injected),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, evil) || !strings.Contains(text, `<img src=x onerror=alert(2)>`) {
		t.Error("teksten fra regnearket vises ikke som tekst")
	}
	// The page has exactly its own two inline scripts and no elements
	// made from data.
	if injected != 2 {
		t.Errorf("siden har %d img/b/script-elementer, vil ha 2 (bare sidens egne skript)", injected)
	}
	events.Check(t)
}

// checkJSFormat compares the page's formatters with the Go ones.
func checkJSFormat(t *testing.T, ctx context.Context) {
	values := []string{"0", "1", "-1", "0.5", "2.5", "-2.5", "999.995", "1000", "1685", "-19010", "3350000", "79540000",
		"79550000", "-1250000", "999999", "1000000", "1949999", "1234567890", "0.2152", "0.2155", "0.7692", "0.00005",
		"-0.1234", "1", "0.05", "0.125", "0.9999", "1.3908", "12.5"}
	type row struct{ Number2, Trim, Kroner, Short, Percent, Percent0 string }
	want := map[string]row{}
	for _, v := range values {
		d := decimal.RequireFromString(v)
		want[v] = row{norfmt.Number(d, 2), norfmt.NumberTrim(d, 2), norfmt.Kroner(d), norfmt.KronerShort(d), norfmt.Percent(d), norfmt.PercentPlaces(d, 0)}
	}
	var got map[string]row
	list, _ := json.Marshal(values)
	err := chromedp.Run(ctx, chromedp.Evaluate(`(() => { const f = window.bobraFormat, out = {};
		for (const s of `+string(list)+`) { const v = Number(s);
			out[s] = {Number2: f.number(v, 2), Trim: f.numberTrim(v, 2), Kroner: f.kroner(v), Short: f.kronerShort(v),
				Percent: f.percent(v), Percent0: f.percentPlaces(v, 0)}; }
		return out; })()`, &got))
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range values {
		if got[v] != want[v] {
			t.Errorf("%s: JavaScript gir %q, Go gir %q", v, got[v], want[v])
		}
	}
}

func mustDocument(t *testing.T, res *results.Results) *Document {
	t.Helper()
	doc, err := BuildDocument(res, MustLoadEmbedded())
	if err != nil {
		t.Fatal(err)
	}
	return doc
}
