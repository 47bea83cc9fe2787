/* pngchunks: lists a PNG's chunks, one per line: the type, and for IHDR the
 * size and colour type, for tEXt/iTXt the keyword and text, for pHYs the
 * resolution. Used by the tests to check what our encoder writes. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: pngchunks FILE.png\n");
		return 2;
	}
	FILE *f = fopen(argv[1], "rb");
	if (!f) {
		perror(argv[1]);
		return 1;
	}
	unsigned char sig[8];
	if (fread(sig, 1, 8, f) != 8 || memcmp(sig, "\x89PNG\r\n\x1a\n", 8) != 0) {
		fprintf(stderr, "%s: not a PNG\n", argv[1]);
		return 1;
	}
	unsigned char hdr[8];
	while (fread(hdr, 1, 8, f) == 8) {
		uint32_t len = be32(hdr);
		char type[5];
		memcpy(type, hdr + 4, 4);
		type[4] = '\0';
		unsigned char *data = malloc(len + 1);
		if (!data || fread(data, 1, len, f) != len) {
			fprintf(stderr, "%s: truncated\n", argv[1]);
			return 1;
		}
		data[len] = '\0';
		unsigned char crc[4];
		if (fread(crc, 1, 4, f) != 4)
			return 1;
		if (strcmp(type, "IHDR") == 0) {
			printf("IHDR %ux%u depth %u colour %u\n", be32(data), be32(data + 4), data[8],
			       data[9]);
		} else if (strcmp(type, "tEXt") == 0) {
			printf("tEXt %s=%s\n", data, data + strlen((char *)data) + 1);
		} else if (strcmp(type, "iTXt") == 0) {
			/* keyword\0 flag method lang\0 langkey\0 text */
			const char *k = (const char *)data;
			const char *p = k + strlen(k) + 3;
			p += strlen(p) + 1;
			p += strlen(p) + 1;
			printf("iTXt %s=%.*s\n", k, (int)(len - (size_t)(p - k)), p);
		} else if (strcmp(type, "pHYs") == 0) {
			printf("pHYs %u %u %u\n", be32(data), be32(data + 4), data[8]);
		} else {
			printf("%s\n", type);
		}
		free(data);
		if (strcmp(type, "IEND") == 0)
			break;
	}
	fclose(f);
	return 0;
}
