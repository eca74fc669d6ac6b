/*
 * Holds a file open without sharing it, as Excel can hold a workbook,
 * until its standard input closes: the Wine check reads a locked workbook
 * with bobra.exe while this runs.
 */
#include <windows.h>
#include <stdio.h>

int wmain(int argc, wchar_t **argv)
{
	if (argc != 2)
		return 2;
	HANDLE h = CreateFileW(argv[1], GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
	if (h == INVALID_HANDLE_VALUE) {
		fprintf(stderr, "lock: %lu\n", GetLastError());
		return 1;
	}
	printf("låst\n");
	fflush(stdout);
	while (getchar() != EOF)
		;
	CloseHandle(h);
	return 0;
}
