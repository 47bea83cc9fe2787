/* pngpixel: prints the colour of the pixel at (x, y) of a PNG as #RRGGBB,
 * for tests that check a theme's colours. */
#include <cairo.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: pngpixel FILE.png X Y\n");
		return 2;
	}
	cairo_surface_t *s = cairo_image_surface_create_from_png(argv[1]);
	if (cairo_surface_status(s))
		return 1;
	int x = atoi(argv[2]), y = atoi(argv[3]);
	if (x < 0 || y < 0 || x >= cairo_image_surface_get_width(s) ||
	    y >= cairo_image_surface_get_height(s))
		return 1;
	const unsigned char *p = cairo_image_surface_get_data(s);
	uint32_t v = ((const uint32_t *)(p + (size_t)y * cairo_image_surface_get_stride(s)))[x];
	printf("#%06X\n", v & 0xFFFFFF);
	cairo_surface_destroy(s);
	return 0;
}
