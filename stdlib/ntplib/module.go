// Package ntplib is netlua's `ntplib` module. The ntplib package: a small SNTP client.
package ntplib

import "netlua/interp"

// Module is the ntplib module.
var Module = &interp.Module{
	Name: "ntplib",
	Doc:  "The ntplib package: a small SNTP client.",
}
