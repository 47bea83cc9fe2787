/* numfmt: plain, grouped and CJK large-unit number formatting (model/layout). */
#include "numfmt.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

double numfmt_nice_ceil(double x)
{
	if (!(x > 0))
		return 1;
	double p = pow(10, floor(log10(x)));
	static const double steps[] = {1, 2, 2.5, 5, 10};
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
		if (steps[i] * p >= x * (1 - 1e-12))
			return steps[i] * p;
	return 10 * p;
}

void numfmt_plain(double v, int max_decimals, char *buf, size_t size)
{
	if (max_decimals < 0)
		max_decimals = 0;
	if (max_decimals > 9)
		max_decimals = 9;
	snprintf(buf, size, "%.*f", max_decimals, v);
	char *dot = strchr(buf, '.');
	if (dot) {
		char *end = buf + strlen(buf) - 1;
		while (end > dot && *end == '0')
			*end-- = '\0';
		if (end == dot)
			*end = '\0';
	}
	if (strcmp(buf, "-0") == 0)
		strcpy(buf, "0");
}

void numfmt_grouped(double v, int decimals, const char *sep, char *buf, size_t size)
{
	char raw[64];
	snprintf(raw, sizeof raw, "%.*f", decimals < 0 ? 0 : decimals, fabs(v));
	if (strspn(raw, "0.") == strlen(raw))
		v = 0; /* no "-0" */
	const char *dot = strchr(raw, '.');
	size_t int_len = dot ? (size_t)(dot - raw) : strlen(raw);
	char out[128];
	size_t o = 0;
	if (v < 0)
		out[o++] = '-';
	size_t seplen = sep ? strlen(sep) : 0;
	for (size_t i = 0; i < int_len && o + seplen + 2 < sizeof out; i++) {
		if (i > 0 && seplen && (int_len - i) % 3 == 0) {
			memcpy(out + o, sep, seplen);
			o += seplen;
		}
		out[o++] = raw[i];
	}
	if (dot) {
		size_t n = strlen(dot);
		if (o + n < sizeof out) {
			memcpy(out + o, dot, n);
			o += n;
		}
	}
	out[o] = '\0';
	snprintf(buf, size, "%s", out);
}

void numfmt_cjk_scaled(double v, const char *unit, enum locale_id loc, char *buf, size_t size)
{
	/* Large units per locale: 10^4, 10^8, 10^12. */
	static const char *const names[][3] = {
		[LOCALE_ZH_HANS] = {"万", "亿", "万亿"}, [LOCALE_ZH_HANT] = {"萬", "億", "兆"},
		[LOCALE_JA] = {"万", "億", "兆"},        [LOCALE_KO] = {"만", "억", "조"},
		[LOCALE_EN] = {"万", "亿", "万亿"},
	};
	const char *big = "";
	double a = fabs(v), scaled = v;
	if (a >= 1e12) {
		big = names[loc][2];
		scaled = v / 1e12;
	} else if (a >= 1e8) {
		big = names[loc][1];
		scaled = v / 1e8;
	} else if (a >= 1e4) {
		big = names[loc][0];
		scaled = v / 1e4;
	}
	char num[64];
	numfmt_plain(scaled, 2, num, sizeof num);
	/* Rounding can carry into the next unit: 9999.999万 -> 1亿. */
	if (*big && fabs(atof(num)) >= 1e4 && a < 1e12) {
		numfmt_cjk_scaled(v >= 0 ? (a < 1e8 ? 1e8 : 1e12) : -(a < 1e8 ? 1e8 : 1e12), unit,
				  loc, buf, size);
		return;
	}
	snprintf(buf, size, "%s%s%s", num, big, unit ? unit : "");
}

void numfmt_largest_remainder(const double *values, size_t n, int total, int *out)
{
	double sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += values[i] > 0 ? values[i] : 0;
	for (size_t i = 0; i < n; i++)
		out[i] = 0;
	if (!(sum > 0) || total <= 0)
		return;
	int given = 0;
	double *rem = malloc(n * sizeof *rem);
	if (!rem)
		return;
	for (size_t i = 0; i < n; i++) {
		double exact = (values[i] > 0 ? values[i] : 0) / sum * total;
		out[i] = (int)floor(exact);
		rem[i] = exact - out[i];
		given += out[i];
	}
	for (; given < total; given++) {
		size_t best = 0;
		for (size_t i = 1; i < n; i++)
			if (rem[i] > rem[best] + 1e-12)
				best = i;
		out[best]++;
		rem[best] = -1;
	}
	free(rem);
}
