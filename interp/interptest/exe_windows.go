package interptest

// exeSuffix ends an executable's name: Windows runs netlua.exe.
const exeSuffix = ".exe"
