/* theme: the house style (stages: layout, draw). A theme file (data/themes/
 * NAME.yaml) sets colours, fonts per role, base sizes, spacing, typography
 * switches and a logo; theme_resolve() turns it into the px values for one
 * canvas width. Defaults come from ../shared/DESIGN.md. */
#ifndef SALTPRINT_THEME_H
#define SALTPRINT_THEME_H

#include <stdbool.h>
#include <stdint.h>

/* What a theme file says; every field has a default. */
struct theme_file {
	char name[64];
	uint32_t bg, ink, ink2, ink3, baseline, grid, track, context, primary, accent;
	uint32_t palette[6];
	bool serif_headline, serif_title; /* fonts per role: Song for headlines */
	char family_sans[128], family_serif[128]; /* "" = Noto CJK for the locale */
	/* Base sizes in px: charts at 1200 px wide, posters at 1080. */
	double title, subtitle, label, value, small, source, pad;
	double headline, dek, heading, body, poster_small, margin;
	bool autospace;     /* R8: 1/4 em between Han and Latin letters or digits */
	bool compress;      /* R6: adjacent full-width punctuation at half width */
	char words[2048];   /* words display text keeps whole, one a line (WORDS_MAX) */
	char logo_text[256];
	char logo_file[4096]; /* a PNG, resolved to a path */
	double logo_height;
	char sha256[65]; /* of the file's bytes as loaded; "" for the built-in theme */
};

/* The resolved theme for one canvas. */
struct theme {
	const struct theme_file *file;
	uint32_t bg, ink, ink2, ink3, baseline, grid, track, context, primary, accent;
	uint32_t palette[6];
	double scale; /* multiplier of the base sizes and spacing */
	double pad;
	double title_px, subtitle_px, label_px, value_px, small_px, source_px;
	double title_lh, subtitle_lh, label_lh;
	double gap_title_subtitle, gap_header_plot, gap_plot_footer;
	bool serif_title;
};

void theme_file_default(struct theme_file *tf);
/* A chart `width_px` wide: sizes follow the square root of width/1200,
 * within 0.6 and 1.3. */
void theme_resolve(struct theme *t, const struct theme_file *tf, double width_px);
/* A chart embedded in a poster: sizes times `scale`. */
void theme_resolve_scaled(struct theme *t, const struct theme_file *tf, double scale);
double theme_scale(double width_px);
void theme_default(struct theme *t, double width_px);

#endif
