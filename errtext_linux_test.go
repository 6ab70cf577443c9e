package main

// familyNotSupported is str() of the OSError socket.socket(999) raises, as
// CPython gives it here.
const familyNotSupported = "[Errno 97] Address family not supported by protocol"
