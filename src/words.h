/* words: words that display text keeps whole on a line where ICU's
 * dictionary would split them (stage: layout). */
#ifndef SALTPRINT_WORDS_H
#define SALTPRINT_WORDS_H

#include <stdbool.h>
#include <stddef.h>

struct word_list {
	const char *const *w; /* sorted by strcmp, each at least two characters */
	size_t n;
};

/* saltprint's list: Simplified Chinese news vocabulary (签约, 脱贫, 招商引资,
 * 志愿者, 一对一…) that ICU's dictionary splits. */
extern const struct word_list words_zh_news;

/* Words a theme or a spec lists: 2 to 16 characters each, with no space or
 * control character, WORDS_MAX bytes in all with a newline after each. */
#define WORDS_MAX 2047
bool words_ok(const char *w, size_t len);

/* A "words" list of a theme or a spec (n may be NULL: none) into out, one
 * word a line, at most sz - 1 bytes; each problem goes to err with the node
 * it is at ("a word must be 2 to 16 characters…"). Returns the problems. */
struct snode;
int words_from_list(const struct snode *n, char *out, size_t sz,
		    void (*err)(void *ctx, const struct snode *at, const char *msg), void *ctx);

/* Appends to ranges (n used, max in all) the byte ranges [start, end) of the
 * words of any of the lists in utf8, the longest at each position, without
 * overlaps, from the start. Returns the new count. */
size_t words_find(const struct word_list *const *lists, size_t n_lists, const char *utf8,
		  size_t ranges[][2], size_t n, size_t max);

#endif
