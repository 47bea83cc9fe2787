/* datefmt: ISO dates in, locale dates out through ICU's pattern generator
 * (stages: model, layout). Formatters are built once per locale and style. */
#include "datefmt.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unicode/udat.h>
#include <unicode/udatpg.h>
#include <unicode/ustring.h>

static bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int date_days_in_month(int year, int month)
{
	static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return month == 2 && leap(year) ? 29 : dm[month - 1];
}

bool date_parse(const char *s, struct date *out)
{
	int y = 0, m = 0, d = 0;
	char sep = 0;
	for (int i = 0; i < 4; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		y = y * 10 + (s[i] - '0');
	}
	sep = s[4];
	if (sep != '-' && sep != '/')
		return false;
	const char *p = s + 5;
	for (int k = 0; k < 2; k++) {
		int v = 0, digits = 0;
		while (*p >= '0' && *p <= '9' && digits < 2) {
			v = v * 10 + (*p - '0');
			p++, digits++;
		}
		if (!digits)
			return false;
		if (k == 0) {
			m = v;
			if (*p != sep)
				return false;
			p++;
		} else {
			d = v;
		}
	}
	if (*p || y < 1 || m < 1 || m > 12 || d < 1 || d > date_days_in_month(y, m))
		return false;
	out->year = y, out->month = m, out->day = d;
	return true;
}

/* Howard Hinnant's days-from-civil algorithm. */
int64_t date_days(struct date dt)
{
	int64_t y = dt.year - (dt.month <= 2);
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (dt.month + (dt.month > 2 ? -3 : 9)) + 2) / 5 + dt.day - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

struct date date_from_days(int64_t z)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	struct date d;
	d.day = (int)(doy - (153 * mp + 2) / 5 + 1);
	d.month = (int)(mp < 10 ? mp + 3 : mp - 9);
	d.year = (int)(yoe + era * 400 + (d.month <= 2));
	return d;
}

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static UDateFormat *formats[5][DATE_STYLES];

static UDateFormat *format_for(enum locale_id loc, enum date_style style)
{
	static const char *const icu_loc[] = {"zh_Hans", "zh_Hant", "ja", "ko", "en"};
	static const char *const skeletons[] = {"MMMd", "MMM", "y", "yMMM", "yMMMd"};
	if (formats[loc][style])
		return formats[loc][style];
	UErrorCode st = U_ZERO_ERROR;
	UDateTimePatternGenerator *g = udatpg_open(icu_loc[loc], &st);
	UChar skel[16], pat[64], tz[4];
	u_uastrcpy(skel, skeletons[style]);
	u_uastrcpy(tz, "UTC");
	int32_t n = udatpg_getBestPattern(g, skel, -1, pat, 64, &st);
	UDateFormat *f = NULL;
	if (U_SUCCESS(st))
		f = udat_open(UDAT_PATTERN, UDAT_PATTERN, icu_loc[loc], tz, -1, pat, n, &st);
	if (g)
		udatpg_close(g);
	if (U_FAILURE(st)) {
		if (f)
			udat_close(f);
		return NULL;
	}
	formats[loc][style] = f;
	return f;
}

void date_format(struct date d, enum date_style style, enum locale_id loc, char *buf, size_t size)
{
	pthread_mutex_lock(&lock);
	UDateFormat *f = format_for(loc, style);
	bool ok = false;
	if (f) {
		UErrorCode st = U_ZERO_ERROR;
		UChar out[64];
		udat_format(f, (UDate)date_days(d) * 86400000.0, out, 64, NULL, &st);
		if (U_SUCCESS(st)) {
			u_strToUTF8(buf, (int32_t)size, NULL, out, -1, &st);
			ok = U_SUCCESS(st);
		}
	}
	pthread_mutex_unlock(&lock);
	if (!ok) /* ICU without data: ISO is still unambiguous */
		snprintf(buf, size, "%04d-%02d-%02d", d.year, d.month, d.day);
}
