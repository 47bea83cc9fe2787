/* numfmt: number formatting for labels and scales (stage: model/layout).
 * Values the author wrote are shown as written; these helpers format the
 * numbers saltprint computes (scale ends, scaled amounts). */
#ifndef SALTPRINT_NUMFMT_H
#define SALTPRINT_NUMFMT_H

#include <stddef.h>

#include "model.h"

/* The smallest of 1, 2, 2.5, 5 x 10^k that is >= x (1 for x <= 0). */
double numfmt_nice_ceil(double x);

/* Shortest plain decimal with at most `max_decimals` decimals, trailing zeros
 * dropped: 25 -> "25", 2.50 -> "2.5", 1e-7 -> "0". Never exponent form. */
void numfmt_plain(double v, int max_decimals, char *buf, size_t size);

/* Fixed decimals with a thousands separator (sep may be NULL): 14000 -> "14,000". */
void numfmt_grouped(double v, int decimals, const char *sep, char *buf, size_t size);

/* Scales a value given in `unit` (e.g. 元) to the locale's large units and
 * appends the unit: 15200000000 元 -> "152亿元" (zh), "152億元" (ja),
 * 14000 户 -> "1.4万户"; below 10 000 no scaling. At most 2 decimals. */
void numfmt_cjk_scaled(double v, const char *unit, enum locale_id loc, char *buf, size_t size);

/* Splits `total` whole units among n values in proportion, by the largest
 * remainder method: out[] adds up to exactly `total`, each within 1 of its
 * exact share; ties go to the earlier value. Values must be >= 0 with a
 * positive sum; otherwise out[] is all 0. */
void numfmt_largest_remainder(const double *values, size_t n, int total, int *out);

#endif
