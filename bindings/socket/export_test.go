package socket

// PlatformText is platformText for the external tests.
var PlatformText = platformText

// PairFamily is socketpair's default family.
const PairFamily = pairFamily
