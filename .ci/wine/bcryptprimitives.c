/*
 * Go 1.24+ Windows programs take their random numbers from ProcessPrng in
 * bcryptprimitives.dll, which Debian's Wine 8.0 lacks. This stand-in
 * forwards to advapi32's SystemFunction036 (RtlGenRandom), which Wine has.
 * Only the Wine check in CI uses it; it never ships.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
	while (length > 0) {
		ULONG n = length > 0x7fffffff ? 0x7fffffff : (ULONG)length;
		if (!SystemFunction036(data, n))
			return FALSE;
		data += n;
		length -= n;
	}
	return TRUE;
}
