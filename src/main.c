/* jiuzhu: argument parsing; hands off to the screens or to a command. */
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "tui/tui.h"

int main(int argc, char **argv)
{
	struct cli c = { 0 };
	int i = 1;

	setlocale(LC_ALL, "");
	for (; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			cli_usage(stdout);
			return EXIT_OK;
		} else if (strcmp(a, "-V") == 0 || strcmp(a, "--version") == 0) {
			printf("jiuzhu %s\n", JIUZHU_VERSION);
			return EXIT_OK;
		} else if ((strcmp(a, "-c") == 0 || strcmp(a, "--config") == 0) && i + 1 < argc) {
			c.config_path = argv[++i];
		} else if (strcmp(a, "--db") == 0 && i + 1 < argc) {
			c.db_path = argv[++i];
		} else if (strcmp(a, "--user") == 0 && i + 1 < argc) {
			c.login = argv[++i];
		} else if (strcmp(a, "--password-fd") == 0 && i + 1 < argc) {
			if ((c.password_fd = cli_fd_arg(argv[++i])) == 0) {
				cli_error("--password-fd 的值 “%s” 应为打开的文件描述符编号", argv[i]);
				return EXIT_USAGE;
			}
		} else {
			cli_error("未知或不完整的选项：%s（用 jiuzhu --help 查看用法）", a);
			return EXIT_USAGE;
		}
	}

	int rc;
	if (i == argc) {
		rc = tui_main(c.config_path, c.db_path);
	} else {
		const struct command *cmd = command_find(argv[i]);
		if (cmd == NULL) {
			cli_error("未知命令：%s（用 jiuzhu --help 查看命令列表）", argv[i]);
			return EXIT_USAGE;
		}
		rc = cmd->run(&c, argc - i, argv + i);
	}
	cli_close(&c);
	return rc;
}
