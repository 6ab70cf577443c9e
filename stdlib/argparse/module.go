// Package argparse is netlua's `argparse` module. Python's argparse: command-line parsing with Python's help and error output.
package argparse

import "netlua/interp"

// Module is the argparse module.
var Module = &interp.Module{
	Name: "argparse",
	Doc:  "Python's argparse: command-line parsing with Python's help and error output.",
}
