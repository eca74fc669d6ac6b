package main

import (
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"bobra/internal/browsertest"
	"bobra/internal/webapp"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestBrowserApp uses the page as a person would, in headless Chromium:
// choose a workbook with errors and see them as valider lists them
// (grouped, cause first), download the marked copies and find valider
// --merk's bytes in them, choose
// the sample's folder, see the check, pick a date, make the report
// with the keyboard, download the zip, and find in it the files `bobra
// rapport` writes. axe-core checks the page, also at 360 px, and the
// private folder is gone once "Avslutt" has stopped the server.
func TestBrowserApp(t *testing.T) {
	chromium := browsertest.Path(t)
	axe, err := os.ReadFile("../../reports/testdata/axe/axe.min.js")
	if err != nil {
		t.Fatalf("axe-core mangler (kjør make browser-deps): %v", err)
	}
	// The sample is chosen as a folder: the page sends its name, which the
	// reports record as the data source, as the command line does.
	dir := filepath.Join(t.TempDir(), "Barn bor bra 2024")
	if code := run([]string{"eksempel", "--ut", dir}, io.Discard, io.Discard); code != exitOK {
		t.Fatal("eksempel", code)
	}
	cli := t.TempDir()
	if code := run([]string{"rapport", "--data", dir, "--ut", cli, "--per", "2024-09-30"}, io.Discard, io.Discard); code != exitOK {
		t.Fatal("rapport", code)
	}

	temp := t.TempDir()
	opened := make(chan string, 1)
	saved := openBrowser
	openBrowser = func(u string) error { opened <- u; return nil }
	defer func() { openBrowser = saved }()
	done := make(chan int, 1)
	go func() {
		done <- serveApp(context.Background(), webapp.Options{TempDir: temp}, true, io.Discard, io.Discard)
	}()
	page := <-opened
	origin := page[:strings.Index(page, "/?")]

	ctx := browsertest.Start(t, chromium, 4*time.Minute)
	events := &browsertest.Events{
		Allowed: []string{origin + "/", "blob:" + origin + "/", "data:"},
		// "Lag rapport" on data with errors is answered 422, on purpose.
		Expected: []string{"the server responded with a status of 422"},
	}
	events.Listen(ctx)
	downloads := t.TempDir()
	var mu sync.Mutex
	finished := map[string]bool{}
	got := make(chan string, 4)
	chromedp.ListenTarget(ctx, func(ev any) {
		if ev, ok := ev.(*browser.EventDownloadProgress); ok && ev.State == browser.DownloadProgressStateCompleted {
			mu.Lock()
			if !finished[ev.GUID] {
				finished[ev.GUID] = true
				got <- ev.GUID
			}
			mu.Unlock()
		}
	})
	err = chromedp.Run(ctx,
		browsertest.Enable(),
		browser.SetDownloadBehavior(browser.SetDownloadBehaviorBehaviorAllowAndName).WithDownloadPath(downloads).WithEventsEnabled(true),
		chromedp.Navigate(page),
		chromedp.WaitVisible("#filer", chromedp.ByID),
	)
	if err != nil {
		t.Fatal(err)
	}

	t.Run("tastaturet når alle kontrollene i rekkefølge", func(t *testing.T) {
		// From the skip link, the first stop, through the whole page; a
		// control with parts (the date's day, month and year) counts once.
		if err := chromedp.Run(ctx, chromedp.Focus(".hopp", chromedp.ByQuery)); err != nil {
			t.Fatal(err)
		}
		var order []string
		for range 16 {
			var id string
			tctx, cancel := context.WithTimeout(ctx, 5*time.Second)
			err := chromedp.Run(tctx, chromedp.KeyEvent(kb.Tab), chromedp.Evaluate(`document.activeElement.id || document.activeElement.tagName`, &id))
			cancel()
			if err != nil {
				t.Fatalf("Tab nr. %d etter %v: %v", len(order)+1, order, err)
			}
			if len(order) == 0 || order[len(order)-1] != id {
				order = append(order, id)
			}
			if id == "eksempel" {
				break
			}
		}
		want := []string{"avslutt", "filer", "mappe", "per", "intern", "forrige", "lag", "mal", "eksempel"}
		if strings.Join(order, " ") != strings.Join(want, " ") {
			t.Errorf("Tab går gjennom %v, vil ha %v", order, want)
		}
	})

	t.Run("feilene vises som bobra valider skriver dem, og de merkede kopiene lastes ned", func(t *testing.T) {
		bad := t.TempDir()
		groupedBook(t, bad)
		want := validerErrors(t, bad)
		_, result := validerLines(t, bad)
		var errors int
		if _, err := fmt.Sscanf(result, "Resultat: %d feil", &errors); err != nil {
			t.Fatalf("bobra valider sluttet med %q", result)
		}
		marked := t.TempDir()
		if code := run([]string{"valider", "--data", bad, "--merk", marked}, io.Discard, io.Discard); code != exitData {
			t.Fatal("valider --merk", code)
		}
		var shown []string
		var heading, status, markStatus, afterFolder string
		var markHidden bool
		err := chromedp.Run(ctx,
			chromedp.Evaluate(`delete document.body.dataset.kontroll`, nil),
			chromedp.SetUploadFiles("#filer", []string{filepath.Join(bad, "data.xlsx")}, chromedp.ByID),
			chromedp.WaitVisible(`body[data-kontroll="ferdig"]`, chromedp.ByQuery),
			chromedp.Evaluate(`Array.from(document.querySelectorAll('#problemer h3.feil + ol li')).map(li => li.textContent)`, &shown),
			chromedp.Text("#problemer h3.feil", &heading, chromedp.ByQuery),
			chromedp.Evaluate(`document.getElementById('merking').hidden`, &markHidden),
			// The button comes next by keyboard, before the list.
			chromedp.Focus("#mappe", chromedp.ByID),
			chromedp.KeyEvent(kb.Tab),
			chromedp.Evaluate(`document.activeElement.id`, &afterFolder),
			chromedp.Click("#merk", chromedp.ByID),
			chromedp.WaitVisible(`body[data-merket="ferdig"]`, chromedp.ByQuery),
			chromedp.Text("#merk-status", &markStatus, chromedp.ByID),
		)
		if err != nil {
			t.Fatal(err)
		}
		if len(want) == 0 || strings.Join(shown, "\n") != strings.Join(want, "\n") {
			t.Errorf("siden viser feilene\n%s\nbobra valider skriver\n%s", strings.Join(shown, "\n"), strings.Join(want, "\n"))
		}
		if !strings.Contains(strings.Join(shown, "\n"), " celler, Del): ") {
			t.Error("siden samler ikke samme feil i flere celler på én linje")
		}
		if heading != fmt.Sprintf("Feil (%d)", errors) {
			t.Errorf("overskrift %q, bobra valider sier %q", heading, result)
		}
		if afterFolder != "merk" {
			t.Errorf("Tab etter mappevalget går til %q, vil ha knappen for merkede arbeidsbøker", afterFolder)
		}
		if markHidden || !strings.HasPrefix(markStatus, "Lastet ned merkede-arbeidsbøker.zip") {
			t.Errorf("knappen skjult: %v; status %q", markHidden, markStatus)
		}
		select {
		case guid := <-got:
			body, err := os.ReadFile(filepath.Join(downloads, guid))
			if err != nil {
				t.Fatal(err)
			}
			compareMarked(t, body, marked)
		case <-time.After(30 * time.Second):
			t.Fatal("de merkede kopiene ble ikke lastet ned")
		}
		err = chromedp.Run(ctx,
			chromedp.Click("#lag", chromedp.ByID),
			chromedp.Poll(`document.getElementById('rapport-status').textContent.startsWith('Dataene har')`, nil, chromedp.WithPollingTimeout(30*time.Second)),
			chromedp.Text("#rapport-status", &status, chromedp.ByID),
		)
		if err != nil {
			t.Fatal(err)
		}
		if want := fmt.Sprintf("Dataene har %d feil; ingen rapport er laget. Se listen i steg 1.", errors); status != want {
			t.Errorf("Lag rapport sier %q, vil ha %q", status, want)
		}
		if strings.Contains(strings.Join(shown, " "), "15038510190") {
			t.Error("siden viser et fødselsnummer")
		}
		browsertest.Axe(t, ctx, string(axe))
	})

	// DevTools cannot fake a dropped folder (a synthetic drop carries no
	// file-system entries), but dropped files take the same path as in a
	// real drag from Explorer: the page must check them as it checks the
	// files chosen with the button.
	t.Run("filer som slippes på feltet kontrolleres som de valgte", func(t *testing.T) {
		bad := t.TempDir()
		groupedBook(t, bad)
		want := validerErrors(t, bad)
		book, err := os.ReadFile(filepath.Join(bad, "data.xlsx"))
		if err != nil {
			t.Fatal(err)
		}
		var shown []string
		var overWhileDragging, overAfterDrop bool
		drop := fmt.Sprintf(`(() => {
			const bytes = Uint8Array.from(atob(%q), c => c.charCodeAt(0));
			const dt = new DataTransfer();
			dt.items.add(new File([bytes], 'data.xlsx'));
			const zone = document.getElementById('slipp');
			zone.dispatchEvent(new DragEvent('dragenter', {bubbles: true, cancelable: true, dataTransfer: dt}));
			const over = zone.classList.contains('over');
			zone.dispatchEvent(new DragEvent('drop', {bubbles: true, cancelable: true, dataTransfer: dt}));
			return over;
		})()`, base64.StdEncoding.EncodeToString(book))
		// A drop the page ignores would wait for the check for ever.
		tctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		err = chromedp.Run(tctx,
			chromedp.Evaluate(`delete document.body.dataset.kontroll`, nil),
			chromedp.Evaluate(drop, &overWhileDragging),
			chromedp.Evaluate(`document.getElementById('slipp').classList.contains('over')`, &overAfterDrop),
			chromedp.WaitVisible(`body[data-kontroll="ferdig"]`, chromedp.ByQuery),
			chromedp.Evaluate(`Array.from(document.querySelectorAll('#problemer h3.feil + ol li')).map(li => li.textContent)`, &shown),
		)
		if err != nil {
			t.Fatal(err)
		}
		if !overWhileDragging || overAfterDrop {
			t.Errorf("feltet er merket under draget: %v, etter slippet: %v; vil ha true, false", overWhileDragging, overAfterDrop)
		}
		if len(want) == 0 || strings.Join(shown, "\n") != strings.Join(want, "\n") {
			t.Errorf("siden viser feilene\n%s\nbobra valider skriver\n%s", strings.Join(shown, "\n"), strings.Join(want, "\n"))
		}
	})

	t.Run("en valgt mappe kontrolleres", func(t *testing.T) {
		var status, date string
		err := chromedp.Run(ctx,
			chromedp.Evaluate(`delete document.body.dataset.kontroll`, nil),
			chromedp.SetUploadFiles("#mappe", []string{dir}, chromedp.ByID),
			chromedp.WaitVisible(`body[data-kontroll="ferdig"]`, chromedp.ByQuery),
			chromedp.Text("#kontroll-status", &status, chromedp.ByID),
			chromedp.Value("#per", &date, chromedp.ByID),
		)
		if err != nil {
			t.Fatal(err)
		}
		if want := "Resultat: ingen feil eller advarsler. Dataene kan brukes."; status != want {
			t.Errorf("kontrollen sier %q, vil ha %q", status, want)
		}
		// The sample's Evalueringsdato is offered until one is chosen.
		if date != "2021-09-30" {
			t.Errorf("datofeltet har %q, vil ha Evalueringsdato fra Forutsetninger (2021-09-30)", date)
		}
	})

	var zipGUID string
	t.Run("rapporten lages med tastaturet og lastes ned", func(t *testing.T) {
		var status string
		err := chromedp.Run(ctx,
			chromedp.SetValue("#per", "2024-09-30", chromedp.ByID),
			chromedp.Focus("#lag", chromedp.ByID),
			chromedp.KeyEvent(kb.Enter),
			chromedp.WaitVisible(`body[data-rapport="ferdig"]`, chromedp.ByQuery),
			chromedp.Text("#rapport-status", &status, chromedp.ByID),
			chromedp.Click(`#nedlastinger li:first-child a`, chromedp.ByQuery),
		)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(status, "Rapporten er ferdig.") {
			t.Errorf("status %q", status)
		}
		select {
		case zipGUID = <-got:
		case <-time.After(30 * time.Second):
			t.Fatal("zip-filen ble ikke lastet ned")
		}
		body, err := os.ReadFile(filepath.Join(downloads, zipGUID))
		if err != nil {
			t.Fatal(err)
		}
		names := compareZip(t, body, cli, "bobra rapport", "manifest.json")
		if !slices.Contains(names, "resultater.json") || !slices.Contains(names, "rapport.html") {
			t.Errorf("zip-filen har bare %v", names)
		}
	})

	t.Run("rapporten vises i siden", func(t *testing.T) {
		var src string
		var links int
		err := chromedp.Run(ctx,
			chromedp.AttributeValue("#visning", "src", &src, nil, chromedp.ByID),
			chromedp.Evaluate(`document.querySelectorAll('#nedlastinger a[download]').length`, &links),
		)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(src, "blob:") {
			t.Errorf("rammen viser %q", src)
		}
		// The zip and each of the six files.
		if links != 7 {
			t.Errorf("%d nedlastingslenker, vil ha 7", links)
		}
		// The report's charts draw in its sandboxed frame: its own script
		// marks the page when every chart has been set up.
		if !frameMarked(ctx, t) {
			t.Error("diagrammene i rapporten i rammen ble ikke tegnet")
		}
	})

	for _, width := range []int64{1280, 360} {
		t.Run(fmt.Sprintf("axe-core finner ingen brudd på WCAG 2.1 A/AA ved %d px", width), func(t *testing.T) {
			var overflow bool
			var shot []byte
			err := chromedp.Run(ctx,
				emulation.SetDeviceMetricsOverride(width, 800, 1, width < 500),
				chromedp.Sleep(300*time.Millisecond),
				chromedp.Evaluate(`document.documentElement.scrollWidth > window.innerWidth + 1`, &overflow),
				chromedp.FullScreenshot(&shot, 100),
			)
			if err != nil {
				t.Fatal(err)
			}
			if overflow {
				t.Errorf("siden er bredere enn skjermen ved %d px", width)
			}
			if err := os.MkdirAll("../../ut", 0o755); err == nil {
				os.WriteFile(fmt.Sprintf("../../ut/app-%d.png", width), shot, 0o644)
			}
			browsertest.Axe(t, ctx, string(axe))
		})
	}

	t.Run("Avslutt stopper serveren og fjerner filene", func(t *testing.T) {
		var heading string
		err := chromedp.Run(ctx,
			emulation.ClearDeviceMetricsOverride(),
			chromedp.Click("#avslutt", chromedp.ByID),
			chromedp.WaitVisible(`body[data-avsluttet="ja"]`, chromedp.ByQuery),
			chromedp.Text("#innhold h2", &heading, chromedp.ByQuery),
		)
		if err != nil {
			t.Fatal(err)
		}
		if heading != "bobra er avsluttet" {
			t.Errorf("siden sier %q", heading)
		}
		select {
		case code := <-done:
			if code != exitOK {
				t.Errorf("kode %d", code)
			}
		case <-time.After(30 * time.Second):
			t.Fatal("serveren stoppet ikke")
		}
		if left, _ := os.ReadDir(temp); len(left) != 0 {
			t.Errorf("filer igjen i den midlertidige mappen: %v", left)
		}
	})
	events.Check(t)
}

// frameMarked reports whether the report in the page's frame has set up
// every chart (rapport.html's script counts them on its root element).
// The sandboxed frame runs in a process of its own, so it is reached as
// its own target, which Chromium may list a moment after the frame's src
// is set. Its context is not cancelled here: that would detach the frame
// from the page; the browser's end cleans it up.
func frameMarked(ctx context.Context, t *testing.T) bool {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	var fctx context.Context
	for fctx == nil {
		targets, err := chromedp.Targets(ctx)
		if err != nil {
			return false
		}
		for _, ti := range targets {
			if ti.Type == "iframe" && strings.HasPrefix(ti.URL, "blob:") {
				fctx, _ = chromedp.NewContext(ctx, chromedp.WithTargetID(ti.TargetID))
				break
			}
		}
		if fctx == nil {
			if time.Now().After(deadline) {
				return false
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	for time.Now().Before(deadline) {
		var ok bool
		err := chromedp.Run(fctx, chromedp.Evaluate(`document.documentElement.dataset.diagrammer > 0 && document.documentElement.dataset.diagrammer == document.querySelectorAll('.diagram').length`, &ok))
		if err == nil && ok {
			return true
		}
		time.Sleep(100 * time.Millisecond)
	}
	return false
}
