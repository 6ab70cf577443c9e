// Package codecs is netlua's `codecs` module. Text encodings: string:encode(encoding) and string:decode(encoding), as Python's str.encode and bytes.decode.
package codecs

import "netlua/interp"

// Module is the codecs module.
var Module = &interp.Module{
	Name: "codecs",
	Doc:  "Text encodings: string:encode(encoding) and string:decode(encoding), as Python's str.encode and bytes.decode.",
}
