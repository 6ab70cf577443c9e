package pystruct

import "math"

// float16 is CPython's PyFloat_Pack2: IEEE 754 half precision, rounding half
// to even, with NaN packed as the quiet NaN of x's sign. ok is false when x
// is finite but too large (CPython's OverflowError).
func float16(x float64) (bits uint16, ok bool) {
	var sign uint16
	if math.Signbit(x) {
		sign = 1
	}
	var e int
	var mant uint16
	switch {
	case x == 0:
	case math.IsInf(x, 0):
		e = 0x1f
	case math.IsNaN(x):
		e, mant = 0x1f, 512
	default:
		var f float64
		f, e = math.Frexp(math.Abs(x))
		// Normalize f to [1.0, 2.0).
		f *= 2
		e--
		switch {
		case e >= 16:
			return 0, false
		case e < -25: // underflows to zero
			f, e = 0, 0
		case e < -14: // subnormal
			f, e = math.Ldexp(f, 14+e), 0
		default:
			e += 15
			f-- // the leading 1 is implicit
		}
		f *= 1024
		mant = uint16(f) // truncates; now round half to even
		if rest := f - float64(mant); rest > 0.5 || (rest == 0.5 && mant%2 == 1) {
			mant++
			if mant == 1024 { // the carry ran out of the fraction
				mant = 0
				e++
				if e == 31 {
					return 0, false
				}
			}
		}
	}
	return sign<<15 | uint16(e)<<10 | mant, true
}

// unfloat16 is CPython's PyFloat_Unpack2.
func unfloat16(h uint16) float64 {
	sign := h>>15 != 0
	e := int(h>>10) & 0x1f
	mant := float64(h & 0x3ff)
	var x float64
	switch {
	case e == 0x1f && mant == 0:
		x = math.Inf(1)
	case e == 0x1f:
		x = math.NaN()
	case e == 0:
		x = math.Ldexp(mant/1024, -14)
	default:
		x = math.Ldexp(1+mant/1024, e-15)
	}
	if sign {
		x = -x
	}
	return x
}
