/* icons: person, household, money, building, document and star as paths in
 * a unit box (stage: draw). Holes use the even-odd rule. */
#include "icons.h"

#include <math.h>

/* The icon's path in the unit box (0,0)-(1,1). */
static void icon_path(cairo_t *cr, enum icon_kind k)
{
	switch (k) {
	case ICON_PERSON:
		cairo_new_sub_path(cr);
		cairo_arc(cr, 0.5, 0.19, 0.17, 0, 2 * M_PI);
		cairo_close_path(cr);
		/* Shoulders and body: a rounded top over a straight base. */
		cairo_new_sub_path(cr);
		cairo_move_to(cr, 0.16, 1.0);
		cairo_line_to(cr, 0.16, 0.62);
		cairo_curve_to(cr, 0.16, 0.46, 0.28, 0.41, 0.5, 0.41);
		cairo_curve_to(cr, 0.72, 0.41, 0.84, 0.46, 0.84, 0.62);
		cairo_line_to(cr, 0.84, 1.0);
		cairo_close_path(cr);
		break;
	case ICON_HOUSEHOLD:
		cairo_move_to(cr, 0.5, 0.04);
		cairo_line_to(cr, 0.98, 0.46);
		cairo_line_to(cr, 0.86, 0.46);
		cairo_line_to(cr, 0.86, 0.98);
		cairo_line_to(cr, 0.14, 0.98);
		cairo_line_to(cr, 0.14, 0.46);
		cairo_line_to(cr, 0.02, 0.46);
		cairo_close_path(cr);
		cairo_rectangle(cr, 0.41, 0.66, 0.18, 0.32); /* the door */
		break;
	case ICON_MONEY:
		cairo_new_sub_path(cr);
		cairo_arc(cr, 0.5, 0.5, 0.47, 0, 2 * M_PI);
		cairo_close_path(cr);
		/* A yen/yuan sign cut out of the coin. */
		cairo_move_to(cr, 0.29, 0.22);
		cairo_line_to(cr, 0.38, 0.22);
		cairo_line_to(cr, 0.5, 0.42);
		cairo_line_to(cr, 0.62, 0.22);
		cairo_line_to(cr, 0.71, 0.22);
		cairo_line_to(cr, 0.56, 0.47);
		cairo_line_to(cr, 0.68, 0.47);
		cairo_line_to(cr, 0.68, 0.54);
		cairo_line_to(cr, 0.545, 0.54);
		cairo_line_to(cr, 0.545, 0.6);
		cairo_line_to(cr, 0.68, 0.6);
		cairo_line_to(cr, 0.68, 0.67);
		cairo_line_to(cr, 0.545, 0.67);
		cairo_line_to(cr, 0.545, 0.8);
		cairo_line_to(cr, 0.455, 0.8);
		cairo_line_to(cr, 0.455, 0.67);
		cairo_line_to(cr, 0.32, 0.67);
		cairo_line_to(cr, 0.32, 0.6);
		cairo_line_to(cr, 0.455, 0.6);
		cairo_line_to(cr, 0.455, 0.54);
		cairo_line_to(cr, 0.32, 0.54);
		cairo_line_to(cr, 0.32, 0.47);
		cairo_line_to(cr, 0.44, 0.47);
		cairo_close_path(cr);
		break;
	case ICON_BUILDING:
		cairo_rectangle(cr, 0.18, 0.04, 0.64, 0.94);
		for (int r = 0; r < 4; r++)
			for (int c = 0; c < 2; c++)
				cairo_rectangle(cr, 0.3 + c * 0.24, 0.14 + r * 0.17, 0.16, 0.1);
		cairo_rectangle(cr, 0.42, 0.8, 0.16, 0.18);
		break;
	case ICON_DOCUMENT:
		cairo_move_to(cr, 0.16, 0.02);
		cairo_line_to(cr, 0.62, 0.02);
		cairo_line_to(cr, 0.84, 0.24);
		cairo_line_to(cr, 0.84, 0.98);
		cairo_line_to(cr, 0.16, 0.98);
		cairo_close_path(cr);
		for (int i = 0; i < 4; i++)
			cairo_rectangle(cr, 0.28, 0.36 + i * 0.14, 0.44, 0.06);
		break;
	case ICON_STAR:
		for (int i = 0; i < 10; i++) {
			double a = -M_PI / 2 + i * M_PI / 5;
			double r = i % 2 ? 0.2 : 0.48;
			if (i == 0)
				cairo_move_to(cr, 0.5 + r * cos(a), 0.53 + r * sin(a));
			else
				cairo_line_to(cr, 0.5 + r * cos(a), 0.53 + r * sin(a));
		}
		cairo_close_path(cr);
		break;
	case ICON_NONE:
	case ICON_KINDS:
		break;
	}
}

void icon_draw(cairo_t *cr, enum icon_kind k, double x, double y, double size, uint32_t rgb)
{
	if (k == ICON_NONE)
		return;
	cairo_save(cr);
	cairo_translate(cr, x, y);
	cairo_scale(cr, size, size);
	cairo_new_path(cr);
	icon_path(cr, k);
	cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
	cairo_set_source_rgb(cr, ((rgb >> 16) & 255) / 255.0, ((rgb >> 8) & 255) / 255.0,
			     (rgb & 255) / 255.0);
	cairo_fill(cr);
	cairo_restore(cr);
}
