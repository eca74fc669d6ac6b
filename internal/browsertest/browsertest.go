// Package browsertest starts headless Chromium for the browser tests (the
// report opened from disk, and the local web page), with the flags CI uses and an empty profile that is
// removed only after Chromium has exited, and collects what a page must
// never do (console errors, requests elsewhere, dialogs).
//
// Only tests import it; it is a package of its own so that the test files
// of more than one package can share it.
package browsertest

import (
	"context"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// Path returns the Chromium binary named by BOBRA_BROWSER, or skips the
// test (`make test` sets it when Chromium is installed).
func Path(t *testing.T) string {
	t.Helper()
	path := os.Getenv("BOBRA_BROWSER")
	if path == "" {
		t.Skip("BOBRA_BROWSER er ikke satt: nettlesertesten hoppes over (make test kjører den når Chromium finnes)")
	}
	return path
}

// Start starts Chromium with an empty profile; everything is stopped and
// removed when the test ends.
func Start(t *testing.T, path string, timeout time.Duration) context.Context {
	t.Helper()
	// Not a t.TempDir: Chromium's helper processes can still write into
	// the profile after the main process has exited, and the testing
	// package's RemoveAll would then fail the test.
	profile, err := os.MkdirTemp("", "bobra-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 900),
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	ctx, cancelTimeout := context.WithTimeout(ctx, timeout)
	t.Cleanup(func() {
		// A graceful close lets Chromium stop its helper processes before
		// the allocator kills what is left and waits for it.
		_ = chromedp.Cancel(ctx)
		cancelTimeout()
		cancelCtx()
		cancelAlloc()
		removeProfile(t, profile)
	})
	return ctx
}

func removeProfile(t *testing.T, dir string) {
	t.Helper()
	var err error
	for range 100 {
		if err = os.RemoveAll(dir); err == nil {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Logf("Chromium-profilen %s ble ikke fjernet: %v", dir, err)
}

// Events collects console errors, exceptions, dialogs and every request
// that does not start with one of the allowed prefixes.
type Events struct {
	Allowed []string
	// Expected are pieces of browser log lines a test causes on purpose,
	// such as the line Chromium logs for a 422 answer.
	Expected []string

	mu       sync.Mutex
	errors   []string
	requests []string
	dialogs  []string
}

// Listen starts collecting on ctx's target.
func (e *Events) Listen(ctx context.Context) {
	chromedp.ListenTarget(ctx, func(ev any) {
		e.mu.Lock()
		defer e.mu.Unlock()
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.APITypeError || ev.Type == runtime.APITypeWarning {
				var parts []string
				for _, a := range ev.Args {
					parts = append(parts, string(a.Value)+a.Description)
				}
				e.errors = append(e.errors, "console."+string(ev.Type)+": "+strings.Join(parts, " "))
			}
		case *runtime.EventExceptionThrown:
			text := ev.ExceptionDetails.Text
			if ev.ExceptionDetails.Exception != nil {
				text += " " + ev.ExceptionDetails.Exception.Description
			}
			e.errors = append(e.errors, "exception: "+text)
		case *cdplog.EventEntryAdded:
			if ev.Entry.Level == cdplog.LevelError && !e.expected(ev.Entry.Text) {
				e.errors = append(e.errors, "log: "+ev.Entry.Text)
			}
		case *network.EventRequestWillBeSent:
			if !e.allowed(ev.Request.URL) {
				e.requests = append(e.requests, ev.Request.URL)
			}
		case *cdppage.EventJavascriptDialogOpening:
			e.dialogs = append(e.dialogs, ev.Message)
			go chromedp.Run(ctx, cdppage.HandleJavaScriptDialog(false))
		}
	})
}

func (e *Events) expected(text string) bool {
	for _, p := range e.Expected {
		if strings.Contains(text, p) {
			return true
		}
	}
	return false
}

func (e *Events) allowed(u string) bool {
	for _, p := range e.Allowed {
		if strings.HasPrefix(u, p) {
			return true
		}
	}
	return false
}

// Enable turns on the domains Listen needs.
func Enable() chromedp.Action {
	return chromedp.Tasks{network.Enable(), cdplog.Enable(), runtime.Enable(), cdppage.Enable()}
}

// Check fails the test for anything collected.
func (e *Events) Check(t *testing.T) {
	t.Helper()
	e.mu.Lock()
	defer e.mu.Unlock()
	if len(e.errors) > 0 {
		t.Errorf("feil i nettleserkonsollen:\n%s", strings.Join(e.errors, "\n"))
	}
	if len(e.requests) > 0 {
		t.Errorf("siden forsøkte nettverksforespørsler utenfor bobra: %v", e.requests)
	}
	if len(e.dialogs) > 0 {
		t.Errorf("siden åpnet dialoger: %v", e.dialogs)
	}
}
