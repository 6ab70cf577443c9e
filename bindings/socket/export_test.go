package socket

// PlatformText is platformText for the external tests.
var PlatformText = platformText
