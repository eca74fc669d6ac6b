//go:build !unix

package pipeline

func isNoSpace(err error) bool { return false }
