/* pngcrop: writes the band [y, y+h) of a PNG to another PNG, to look at a
 * tall poster piece by piece: pngcrop IN.png OUT.png Y H */
#include <cairo.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	if (argc != 5) {
		fprintf(stderr, "usage: pngcrop IN.png OUT.png Y H\n");
		return 2;
	}
	cairo_surface_t *in = cairo_image_surface_create_from_png(argv[1]);
	if (cairo_surface_status(in)) {
		fprintf(stderr, "pngcrop: cannot read %s\n", argv[1]);
		return 1;
	}
	int w = cairo_image_surface_get_width(in);
	int y = atoi(argv[3]), h = atoi(argv[4]);
	cairo_surface_t *out = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	cairo_t *cr = cairo_create(out);
	cairo_set_source_surface(cr, in, 0, -y);
	cairo_paint(cr);
	cairo_destroy(cr);
	int rc = cairo_surface_write_to_png(out, argv[2]) == CAIRO_STATUS_SUCCESS ? 0 : 1;
	cairo_surface_destroy(out);
	cairo_surface_destroy(in);
	return rc;
}
