package main

// familyNotSupported is str() of the OSError socket.socket(999) raises, as
// CPython gives it on Windows (WSAEAFNOSUPPORT).
const familyNotSupported = "[WinError 10047] An address incompatible with the requested protocol was used"
