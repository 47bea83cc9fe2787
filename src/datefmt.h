/* datefmt: calendar dates: strict ISO parsing, day arithmetic and locale
 * formatting through ICU ("4月13日", "Apr 13") (stages: model, layout). */
#ifndef SALTPRINT_DATEFMT_H
#define SALTPRINT_DATEFMT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"

struct date {
	int year, month, day;
};

/* Parses YYYY-MM-DD (also YYYY/MM/DD), rejecting impossible days. */
bool date_parse(const char *s, struct date *out);
/* Days since 1970-01-01 (proleptic Gregorian). */
int64_t date_days(struct date d);
struct date date_from_days(int64_t days);
int date_days_in_month(int year, int month);

enum date_style {
	DATE_MONTH_DAY,  /* 4月13日, Apr 13 */
	DATE_MONTH,      /* 4月, Apr */
	DATE_YEAR,       /* 2017年, 2017 */
	DATE_YEAR_MONTH, /* 2017年4月, Apr 2017 */
	DATE_FULL,       /* 2017年4月13日, Apr 13, 2017 */
	DATE_STYLES
};
void date_format(struct date d, enum date_style style, enum locale_id loc, char *buf,
		 size_t size);

#endif
