/* imgdiff: compares two PNGs with a tolerance, for the reference-image tests.
 *   imgdiff A.png B.png [--diff OUT.png] [--tol T] [--max-fraction F] [--block N]
 * A pixel differs when any channel differs by more than T (default 24); the
 * images match when they have the same size and at most F (default 0.002) of
 * the pixels differ. Exit 0 on a match, 1 otherwise, 2 on a usage error. */
#include <cairo.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
	const char *a_path = NULL, *b_path = NULL, *diff_path = NULL;
	int tol = 24, block = 1;
	double max_fraction = 0.002;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--diff") == 0 && i + 1 < argc)
			diff_path = argv[++i];
		else if (strcmp(argv[i], "--tol") == 0 && i + 1 < argc)
			tol = atoi(argv[++i]);
		else if (strcmp(argv[i], "--block") == 0 && i + 1 < argc)
			block = atoi(argv[++i]);
		else if (strcmp(argv[i], "--max-fraction") == 0 && i + 1 < argc)
			max_fraction = atof(argv[++i]);
		else if (!a_path)
			a_path = argv[i];
		else if (!b_path)
			b_path = argv[i];
		else
			return 2;
	}
	if (!a_path || !b_path) {
		fprintf(stderr, "usage: imgdiff A.png B.png [--diff OUT.png] [--tol T] [--max-fraction F]\n");
		return 2;
	}
	cairo_surface_t *a = cairo_image_surface_create_from_png(a_path);
	cairo_surface_t *b = cairo_image_surface_create_from_png(b_path);
	if (cairo_surface_status(a) || cairo_surface_status(b)) {
		fprintf(stderr, "imgdiff: cannot read %s\n", cairo_surface_status(a) ? a_path : b_path);
		return 1;
	}
	int w = cairo_image_surface_get_width(a), h = cairo_image_surface_get_height(a);
	if (w != cairo_image_surface_get_width(b) || h != cairo_image_surface_get_height(b)) {
		printf("size differs: %dx%d vs %dx%d\n", w, h, cairo_image_surface_get_width(b),
		       cairo_image_surface_get_height(b));
		return 1;
	}
	cairo_surface_t *d = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	unsigned char *pa = cairo_image_surface_get_data(a), *pb = cairo_image_surface_get_data(b);
	unsigned char *pd = cairo_image_surface_get_data(d);
	int sa = cairo_image_surface_get_stride(a), sb = cairo_image_surface_get_stride(b);
	int sd = cairo_image_surface_get_stride(d);
	if (block < 1)
		block = 1;
	if (block > 1) {
		/* Replace each image by its block means, in place. */
		cairo_surface_t *imgs[2] = {a, b};
		for (int k = 0; k < 2; k++) {
			unsigned char *p = cairo_image_surface_get_data(imgs[k]);
			int st = cairo_image_surface_get_stride(imgs[k]);
			for (int by = 0; by < h; by += block) {
				for (int bx = 0; bx < w; bx += block) {
					unsigned sum[4] = {0, 0, 0, 0}, n = 0;
					for (int y = by; y < by + block && y < h; y++)
						for (int x = bx; x < bx + block && x < w; x++, n++)
							for (int c = 0; c < 4; c++)
								sum[c] += (((const uint32_t *)(p + (size_t)y * st))[x] >> (8 * c)) & 255;
					uint32_t mean = 0;
					for (int c = 0; c < 4; c++)
						mean |= (sum[c] / n) << (8 * c);
					for (int y = by; y < by + block && y < h; y++)
						for (int x = bx; x < bx + block && x < w; x++)
							((uint32_t *)(p + (size_t)y * st))[x] = mean;
				}
			}
		}
	}
	long changed = 0;
	int max_diff = 0;
	for (int y = 0; y < h; y++) {
		const uint32_t *ra = (const uint32_t *)(pa + (size_t)y * sa);
		const uint32_t *rb = (const uint32_t *)(pb + (size_t)y * sb);
		uint32_t *rd = (uint32_t *)(pd + (size_t)y * sd);
		for (int x = 0; x < w; x++) {
			int m = 0;
			for (int s = 0; s < 32; s += 8) {
				int da = abs((int)((ra[x] >> s) & 255) - (int)((rb[x] >> s) & 255));
				if (da > m)
					m = da;
			}
			if (m > max_diff)
				max_diff = m;
			if (m > tol) {
				changed++;
				rd[x] = 0xFF0000;
			} else {
				/* Faded original, so the differences stand out. */
				uint32_t g = ((ra[x] >> 8) & 255) / 4 + 191;
				rd[x] = g << 16 | g << 8 | g;
			}
		}
	}
	double frac = (double)changed / ((double)w * h);
	printf("%ld of %d pixels differ by more than %d (%.4f%%), max channel difference %d\n",
	       changed, w * h, tol, frac * 100, max_diff);
	cairo_surface_mark_dirty(d);
	if (diff_path && frac > max_fraction)
		cairo_surface_write_to_png(d, diff_path);
	cairo_surface_destroy(a);
	cairo_surface_destroy(b);
	cairo_surface_destroy(d);
	return frac > max_fraction ? 1 : 0;
}
