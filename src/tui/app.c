#include <stdio.h>

#include "cli/cli.h"
#include "tui.h"

/* The screens are the next piece of work (issue 3). Until then say so
 * plainly and point at the commands that do work. */
int tui_main(struct cli *c)
{
	if (cli_open(c, NEED_STORE_CREATE) != 0)
		return EXIT_FAIL;
	printf("jiuzhu %s：操作界面尚未完成。现在可用的命令见 jiuzhu --help。\n", JIUZHU_VERSION);
	return EXIT_OK;
}
