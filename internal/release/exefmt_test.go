package main

import (
	"bytes"
	"debug/elf"
	"debug/macho"
	"debug/pe"
)

// isExecutableFor reads bin's header: ELF for Linux and FreeBSD (with the
// FreeBSD ABI mark), Mach-O for macOS, PE for Windows, for t's architecture.
func isExecutableFor(bin []byte, t Target) bool {
	r := bytes.NewReader(bin)
	switch t.OS {
	case "linux", "freebsd":
		f, err := elf.NewFile(r)
		if err != nil {
			return false
		}
		want := map[string]elf.Machine{"amd64": elf.EM_X86_64, "arm64": elf.EM_AARCH64}[t.Arch]
		freebsd := f.OSABI == elf.ELFOSABI_FREEBSD
		return f.Machine == want && freebsd == (t.OS == "freebsd")
	case "darwin":
		f, err := macho.NewFile(r)
		if err != nil {
			return false
		}
		want := map[string]macho.Cpu{"amd64": macho.CpuAmd64, "arm64": macho.CpuArm64}[t.Arch]
		return f.Cpu == want
	case "windows":
		f, err := pe.NewFile(r)
		if err != nil {
			return false
		}
		want := map[string]uint16{"amd64": pe.IMAGE_FILE_MACHINE_AMD64, "arm64": pe.IMAGE_FILE_MACHINE_ARM64}[t.Arch]
		return f.Machine == want
	}
	return false
}
