/* soak: renders specs round-robin in one process, N times in all, and
 * prints the resident memory every N/10 renders: it must stay flat.
 *   soak N SPEC... */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "job.h"
#include "util.h"

static long rss_kb(void)
{
	FILE *f = fopen("/proc/self/statm", "r");
	long pages = 0, res = 0;
	if (f) {
		if (fscanf(f, "%ld %ld", &pages, &res) != 2)
			res = 0;
		fclose(f);
	}
	return res * (sysconf(_SC_PAGESIZE) / 1024);
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: soak N SPEC...\n");
		return 2;
	}
	long n = atol(argv[1]);
	memory_setup();
	struct diag d;
	diag_init(&d, stderr);
	struct text_engine *te = text_engine_new("fonts", &d);
	if (!te)
		return 1;
	struct job_opts o;
	memset(&o, 0, sizeof o);
	o.formats = 1 | 2 | 4;
	o.fonts_dir = "fonts";
	o.share_dir = "data";
	/* PDFs in this process, as batch workers draw them; SOAK_PDF_IN_CHILD=1
	 * draws each in a forked child (cairo's per-PDF leak goes with it). */
	o.fork_pdf = getenv("SOAK_PDF_IN_CHILD") != NULL;
	render_opts_default(&o.ro);
	o.ro.lim.max_side_px = 32768;
	o.ro.lim.max_megapixels = 64;
	char dir[] = "/tmp/saltprint-soak-XXXXXX";
	if (!mkdtemp(dir))
		return 1;
	long first = 0, peak = 0;
	for (long i = 0; i < n; i++) {
		const char *spec = argv[2 + i % (argc - 2)];
		char stem[256];
		snprintf(stem, sizeof stem, "%s/s%ld", dir, i % (argc - 2));
		struct job_result r;
		job_run(te, spec, stem, &o, NULL, false, &d, &r);
		job_result_fini(&r);
		long rss = rss_kb();
		if (rss > peak)
			peak = rss;
		if (i == (argc - 2) * 2)
			first = rss; /* after every kind has been drawn twice */
		if ((i + 1) % (n / 10 > 0 ? n / 10 : 1) == 0) {
			/* Heap in use tells a leak (it grows) from fragmentation
			 * (resident grows, in use does not). */
			struct mallinfo2 mi = mallinfo2();
			printf("  %6ld renders: resident %6.1f MiB, heap in use %6.1f MiB\n", i + 1,
			       rss / 1024.0, (double)(mi.uordblks + mi.hblkhd) / (1024.0 * 1024.0));
		}
	}
	printf("  soak: %ld renders, resident %.1f MiB after the first round, peak %.1f MiB, "
	       "errors %d\n",
	       n, first / 1024.0, peak / 1024.0, diag_errors(&d));
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd) != 0)
		return 1;
	text_engine_free(te);
	return diag_errors(&d) ? 1 : 0;
}
