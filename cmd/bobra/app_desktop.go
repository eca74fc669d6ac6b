package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
)

// openDefaultBrowser asks the desktop to open url in the person's default
// browser, and does not wait for it.
func openDefaultBrowser(url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "windows":
		// rundll32 opens the URL as Explorer would; "start" would need
		// cmd.exe and quoting of the & in a query.
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	case "darwin":
		cmd = exec.Command("open", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait()
	return nil
}

// holdWindow keeps the console window a double-click opened until the
// person has read why bobra stopped: Windows closes it the moment the
// program ends. Elsewhere (and in tests) it does nothing.
var holdWindow = func(stdout io.Writer) {
	if runtime.GOOS != "windows" {
		return
	}
	fmt.Fprintln(stdout, "Trykk Enter for å lukke vinduet.")
	bufio.NewReader(os.Stdin).ReadString('\n')
}
