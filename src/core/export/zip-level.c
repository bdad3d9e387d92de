/* How hard every part of an .xlsx is compressed.
 *
 * libxlsxwriter 1.1.4 (Debian 12) zips each part at zlib's default level
 * (6) and has no option for it; that deflate was 40% of an export's time
 * (perf of `export cases`, 100,000 rows). Level 1 takes about a third of
 * the time for a file about a third bigger, which every spreadsheet reads
 * the same. So zlib's deflateInit2_ is wrapped here: the program exports
 * this definition (the Makefile's --export-dynamic-symbol), the dynamic
 * linker binds minizip's call to it, and it hands the call on to zlib with
 * the level of tuiconfig.ini's [export] compression in place of the
 * default. A caller that names its own level keeps it. Nothing else in
 * the program deflates. */
#include "core/export/xlsx.h"

#include <dlfcn.h>

#include <zlib.h>

typedef int (*deflate_init2_fn)(z_streamp, int, int, int, int, int, const char *, int);

static int zip_level = Z_DEFAULT_COMPRESSION;

void xlsx_set_compression(int level)
{
	zip_level = level >= 1 && level <= 9 ? level : Z_DEFAULT_COMPRESSION;
}

int deflateInit2_(z_streamp strm, int level, int method, int window_bits, int mem_level,
		  int strategy, const char *version, int stream_size)
{
	static deflate_init2_fn zlib_init;
	if (zlib_init == NULL) {
		/* POSIX: a function pointer converts from dlsym's void *. */
		*(void **)&zlib_init = dlsym(RTLD_NEXT, "deflateInit2_");
		if (zlib_init == NULL)
			return Z_VERSION_ERROR;
	}
	if (level == Z_DEFAULT_COMPRESSION)
		level = zip_level;
	return zlib_init(strm, level, method, window_bits, mem_level, strategy, version,
			 stream_size);
}
