//go:build !windows

package interptest

// exeSuffix ends an executable's name: nothing outside Windows.
const exeSuffix = ""
