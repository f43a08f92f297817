/*
 * Runs a fuzz target over the files named on the command line, with any
 * compiler: the corpus replays in every test run, and a crash found by
 * libFuzzer replays anywhere.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
main(int argc, char **argv)
{
	FILE	*f;
	char	*buf;
	long	 len;
	int	 i;

	for (i = 1; i < argc; i++) {
		if ((f = fopen(argv[i], "rb")) == NULL) {
			perror(argv[i]);
			return (1);
		}
		fseek(f, 0, SEEK_END);
		len = ftell(f);
		rewind(f);
		buf = malloc(len > 0 ? (size_t)len : 1);
		if (buf == NULL ||
		    (len > 0 && fread(buf, 1, (size_t)len, f) != (size_t)len)) {
			perror(argv[i]);
			return (1);
		}
		fclose(f);
		LLVMFuzzerTestOneInput((const uint8_t *)buf, (size_t)len);
		free(buf);
	}
	printf("%d inputs replayed\n", argc - 1);
	return (0);
}
