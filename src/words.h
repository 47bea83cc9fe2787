/* words: words that display text keeps whole on a line where ICU's
 * dictionary would split them (stage: layout). */
#ifndef SALTPRINT_WORDS_H
#define SALTPRINT_WORDS_H

#include <stddef.h>

struct word_list {
	const char *const *w; /* sorted by strcmp, each at least two characters */
	size_t n;
};

/* saltprint's list: Simplified Chinese news vocabulary (签约, 脱贫, 招商引资,
 * 志愿者, 一对一…) that ICU's dictionary splits. */
extern const struct word_list words_zh_news;

/* Appends to ranges (n used, max in all) the byte ranges [start, end) of the
 * words of any of the lists in utf8, the longest at each position, without
 * overlaps, from the start. Returns the new count. */
size_t words_find(const struct word_list *const *lists, size_t n_lists, const char *utf8,
		  size_t ranges[][2], size_t n, size_t max);

#endif
