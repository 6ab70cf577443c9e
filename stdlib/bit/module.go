// Package bit is netlua's `bit` module. Bit operations on 32-bit values: band, bor, bxor, bnot, lshift, rshift.
package bit

import "netlua/interp"

// Module is the bit module.
var Module = &interp.Module{
	Name: "bit",
	Doc:  "Bit operations on 32-bit values: band, bor, bxor, bnot, lshift, rshift.",
}
