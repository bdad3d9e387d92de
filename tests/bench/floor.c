/* The floor for `jiuzhu export`: bare libxlsxwriter in constant_memory mode
 * writing the export's own cells, read from the TSV that xlsxcells.py made
 * of it (reading them is part of the run, as reading the store is part of
 * the export's). Bare: a date or money cell gets its number format, so it
 * is the same cell; no borders, fonts, row heights or merges, and so no
 * blank cells (a blank cell is only its border).
 * With "bordered" it writes every cell with a thin border, text wrapping
 * and its number format, blank cells included: the part of the export's
 * cost that is its formatting, not its reading of the store.
 * With FLOOR_LEVEL=N in the environment it deflates at zlib level N, as
 * the export does at tuiconfig.ini's [export] compression: it is built
 * with the program's own src/core/export/zip-level.c (and
 * -Wl,--export-dynamic-symbol=deflateInit2_); without, at libxlsxwriter's
 * own level (zlib's default, 6).
 * Usage: [FLOOR_LEVEL=N] floor FILE CELLS.tsv [bordered] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "core/export/xlsx.h"

/* Undoes xlsxcells.py's \\ \t \n, in place. */
static void unescape(char *s)
{
	char *o = s;
	for (; *s; s++) {
		if (*s == '\\' && s[1]) {
			s++;
			*o++ = *s == 't' ? '\t' : *s == 'n' ? '\n' : *s;
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
}

/* The formats by type letter: n m d s b (NULL: none). */
struct formats {
	lxw_format *n, *m, *d, *s;
};

static struct formats make_formats(lxw_workbook *wb, int bordered)
{
	struct formats f = { NULL, workbook_add_format(wb), workbook_add_format(wb), NULL };
	format_set_num_format(f.d, "yyyy-mm-dd");
	format_set_num_format(f.m, "0.00");
	if (bordered) {
		f.n = workbook_add_format(wb);
		format_set_num_format(f.n, "0");
		f.s = workbook_add_format(wb);
		format_set_text_wrap(f.s);
		lxw_format *all[] = { f.n, f.m, f.d, f.s };
		for (int i = 0; i < 4; i++)
			format_set_border(all[i], LXW_BORDER_THIN);
	}
	return f;
}

static void write_field(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, char *f,
			const struct formats *fm)
{
	switch (*f) {
	case 'n':
		worksheet_write_number(ws, r, c, strtod(f + 1, NULL), fm->n);
		break;
	case 'm':
		worksheet_write_number(ws, r, c, strtod(f + 1, NULL), fm->m);
		break;
	case 'd':
		worksheet_write_number(ws, r, c, strtod(f + 1, NULL), fm->d);
		break;
	case 's':
		unescape(f + 1);
		worksheet_write_string(ws, r, c, f + 1, fm->s);
		break;
	case 'b':	/* ignored without a format */
		worksheet_write_blank(ws, r, c, fm->s);
		break;
	}
}

int main(int argc, char **argv)
{
	if (argc < 3 || argc > 4) {
		fprintf(stderr, "usage: floor FILE CELLS.tsv [bordered]\n");
		return 2;
	}
	FILE *in = fopen(argv[2], "r");
	if (in == NULL) {
		perror(argv[2]);
		return 1;
	}
	const char *level = getenv("FLOOR_LEVEL");
	xlsx_set_compression(level != NULL ? atoi(level) : 0);
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE, .tmpdir = "." };
	lxw_workbook *wb = workbook_new_opt(argv[1], &opt);
	if (wb == NULL)
		return 1;
	lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
	struct formats fm = make_formats(wb, argc == 4 && strcmp(argv[3], "bordered") == 0);
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	for (lxw_row_t r = 0; (len = getline(&line, &cap, in)) > 0; r++) {
		if (line[len - 1] == '\n')
			line[len - 1] = '\0';
		char *f = line;
		for (lxw_col_t c = 0; f != NULL; c++) {
			char *tab = strchr(f, '\t');
			if (tab != NULL)
				*tab = '\0';
			write_field(ws, r, c, f, &fm);
			f = tab != NULL ? tab + 1 : NULL;
		}
	}
	free(line);
	fclose(in);
	lxw_error rc = workbook_close(wb);
	if (rc != LXW_NO_ERROR) {
		fprintf(stderr, "%s\n", lxw_strerror(rc));
		return 1;
	}
	return 0;
}
