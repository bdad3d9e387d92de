/* The floor for `jiuzhu export`: bare libxlsxwriter in constant_memory mode
 * writing ROWS rows of the given column types (n number, s string, d date,
 * m money), with formats created once. Usage: floor FILE ROWS TYPES */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: floor FILE ROWS TYPES\n");
		return 2;
	}
	long rows = atol(argv[2]);
	const char *types = argv[3];
	size_t ncol = strlen(types);
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE, .tmpdir = "." };
	lxw_workbook *wb = workbook_new_opt(argv[1], &opt);
	if (wb == NULL)
		return 1;
	lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
	lxw_format *text = workbook_add_format(wb), *date = workbook_add_format(wb),
		   *num = workbook_add_format(wb), *money = workbook_add_format(wb);
	format_set_border(text, LXW_BORDER_THIN);
	format_set_text_wrap(text);
	format_set_border(date, LXW_BORDER_THIN);
	format_set_num_format(date, "yyyy-mm-dd");
	format_set_border(num, LXW_BORDER_THIN);
	format_set_border(money, LXW_BORDER_THIN);
	format_set_num_format(money, "0.00");
	static const char *const words[] = { "澄溪镇", "太平村", "张三丰", "李秀英", "医疗救助",
					     "已送乡镇窗口办理", "5002**********1234" };
	for (long r = 0; r < rows; r++) {
		for (size_t c = 0; c < ncol; c++) {
			lxw_datetime dt = { 2026, 7, 1 + (int)(r % 28), 0, 0, 0 };
			switch (types[c]) {
			case 'n':
				worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)c, (double)r, num);
				break;
			case 'd':
				worksheet_write_datetime(ws, (lxw_row_t)r, (lxw_col_t)c, &dt, date);
				break;
			case 'm':
				worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)c, 650.5, money);
				break;
			default:
				worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c,
						       words[(r + c) % 7], text);
			}
		}
	}
	lxw_error rc = workbook_close(wb);
	if (rc != LXW_NO_ERROR) {
		fprintf(stderr, "%s\n", lxw_strerror(rc));
		return 1;
	}
	return 0;
}
