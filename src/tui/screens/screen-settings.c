/* 系统设置: what this program is running with. Settings themselves are
 * changed in tuiconfig.ini (documented line by line), not on screen, so
 * that one file says how every PC of the office is set up. */
#include <stdio.h>
#include <stdlib.h>

#include "tui/ui.h"
#include "tui/xalloc.h"

static const struct hint settings_hints[] = { { "Esc", "返回" }, { NULL, NULL } };

static void settings_draw(struct ui *ui, struct screen *sc)
{
	(void)sc;
	const struct config *cfg = &ui->s->cfg;
	const struct limits *l = &cfg->limits;
	struct err e;
	int version = 0, y = 2;
	char line[PATH_MAX + 128];
	store_version(ui->s->store, &version, &e);
	const char *rows[][2] = {
		{ "配置文件", cfg->path },
		{ "数据库", store_path(ui->s->store) },
		{ "模式", cfg->mode == STORE_LOCAL ? "local：本机或同一台服务器（WAL）"
						   : "shared：网络共享上的数据库（回滚日志）" },
		{ "表单目录", cfg->forms_dir },
		{ "报表目录", cfg->reports_dir },
		{ "县（区）", cfg->county },
		{ "乡镇（街道）", cfg->township },
		{ "举报电话", cfg->complaint_phone },
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++, y++) {
		ui_text_right(y, 0, 14, rows[i][0], A_BOLD);
		ui_text(y, 16, COLS - 16, rows[i][1], A_NORMAL, true);
	}
	snprintf(line, sizeof line, "%d（本程序 %d）", version, store_latest_version());
	ui_text_right(y, 0, 14, "结构版本", A_BOLD);
	ui_text(y++, 16, COLS - 16, line, A_NORMAL, true);
	snprintf(line, sizeof line, "受理 %d，启动调查 %d，办结 %d / 下放 %d / 特殊 %d，县级 %d 个工作日；"
		 "公示 %d 天", l->accept, l->investigate, l->total, l->total_delegated,
		 l->total_special, l->county, l->publicity_days);
	ui_text_right(y, 0, 14, "默认时限", A_BOLD);
	ui_text(y++, 16, COLS - 16, line, A_NORMAL, true);
	snprintf(line, sizeof line, "%d-%d 年", cfg->cal.first_year, cfg->cal.last_year);
	ui_text_right(y, 0, 14, "节假日安排", A_BOLD);
	ui_text(y++, 16, COLS - 16, line, calendar_covers(&cfg->cal, ui->today) ? A_NORMAL
		: ui_attr(ui, PAIR_ERROR), true);
	if (!calendar_covers(&cfg->cal, ui->today))
		ui_text(y++, 16, COLS - 16, "今年的节假日安排还没有写入配置文件，工作日只按周末计算！",
			ui_attr(ui, PAIR_ERROR), true);
	y++;
	ui_text(y++, 2, COLS - 4, "修改设置：编辑上面的配置文件（文件中每一行都有说明），保存后重新启动程序。",
		A_NORMAL, false);
	ui_text(y++, 2, COLS - 4, "检查数据库：在命令行运行 jiuzhu check；备份：sqlite3 数据库 \".backup 备份文件\"。",
		ui_attr(ui, PAIR_DIM), false);
}

static int settings_key(struct ui *ui, struct screen *sc, bool is_key, wint_t ch)
{
	(void)ui, (void)sc, (void)is_key, (void)ch;
	return KEY_IGNORED;
}

static void settings_destroy(struct screen *sc)
{
	free(sc);
}

struct screen *screen_settings_new(struct ui *ui)
{
	(void)ui;
	struct screen *sc = xcalloc(1, sizeof *sc);
	snprintf(sc->title, sizeof sc->title, "系统设置");
	sc->hints = settings_hints;
	sc->help = "显示程序正在使用的配置文件、数据库和主要设置。设置在 tuiconfig.ini 中修改。";
	sc->draw = settings_draw;
	sc->key = settings_key;
	sc->destroy = settings_destroy;
	return sc;
}
