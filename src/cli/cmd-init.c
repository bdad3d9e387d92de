#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/domain/roll.h"
#include "core/store/check.h"
#include "core/tools/demo.h"

/* init [--demo [--households N]]: creates or migrates the store, and
 * optionally fills an empty one with demonstration data. */
int cmd_init(struct cli *c, int argc, char **argv)
{
	bool demo = false;
	long households = 300;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--demo") == 0) {
			demo = true;
		} else if (strcmp(argv[i], "--households") == 0 && i + 1 < argc) {
			char *end;
			households = strtol(argv[++i], &end, 10);
			if (*argv[i] == '\0' || *end != '\0' || households < 1 || households > 10000000) {
				cli_error("init：--households 的值 “%s” 应为 1 到 10000000 之间的整数", argv[i]);
				return EXIT_USAGE;
			}
		} else {
			cli_error("init：无法识别的参数 %s。用法：jiuzhu init [--demo [--households N]]", argv[i]);
			return EXIT_USAGE;
		}
	}
	if (cli_open(c, SESSION_STORE_CREATE) != 0)
		return EXIT_FAIL;
	struct err e;
	int version;
	if (store_version(c->s.store, &version, &e) != 0) {
		cli_error("%s", e.msg);
		return EXIT_FAIL;
	}
	printf("数据库 %s 已就绪（结构版本 %d）。\n", store_path(c->s.store), version);
	int64_t enrolled = 0;
	if (roll_enrol_missing(c->s.store, &c->s.cfg, &c->s.cat, &enrolled, &e) != 0) {
		cli_error("%s", e.msg);
		return EXIT_FAIL;
	}
	if (enrolled > 0)
		printf("已把 %lld 件已公布的申请纳入在册。\n", (long long)enrolled);
	if (!demo)
		return EXIT_OK;

	int64_t existing;
	if (store_count_rows(c->s.store, "households", &existing, &e) != 0) {
		cli_error("%s", e.msg);
		return EXIT_FAIL;
	}
	if (existing > 0) {
		cli_error("init --demo：数据库 %s 中已有 %lld 户数据，演示数据只能生成到空数据库中",
			  store_path(c->s.store), (long long)existing);
		return EXIT_FAIL;
	}
	if (store_bulk(c->s.store, BULK_ALONE, &e) != 0 ||
	    demo_generate(c->s.store, &c->s.cfg, &c->s.cat, c->s.v, (size_t)households, 1, &e) != 0) {
		cli_error("%s", e.msg);
		store_bulk(c->s.store, BULK_OFF, &e);
		return EXIT_FAIL;
	}
	if (store_bulk(c->s.store, BULK_OFF, &e) != 0) {
		cli_error("%s", e.msg);
		return EXIT_FAIL;
	}
	printf("已生成 %ld 户演示数据。\n", households);
	return EXIT_OK;
}
