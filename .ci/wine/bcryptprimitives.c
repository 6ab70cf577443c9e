/* Wine 8 has no bcryptprimitives.dll, and Go >= 1.24 calls its ProcessPrng
 * at start-up for random bytes. This stand-in answers from advapi32's
 * RtlGenRandom (exported as SystemFunction036), which Wine does have.
 * CI only: it is installed into the Wine prefix the Windows tests run in. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    while (len > 0) {
        ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!SystemFunction036(data, n))
            return FALSE;
        data += n;
        len -= n;
    }
    return TRUE;
}
