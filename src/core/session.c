#include "core/session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/domain/agent.h"
#include "core/domain/office.h"
#include "core/domain/staff.h"

static bool is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static bool is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The given path wins, then $JIUZHU_CONFIG, then the usual places. */
static void find_config(const char *given, char *out)
{
	const char *env = getenv("JIUZHU_CONFIG");
	const char *home = getenv("HOME");
	if (given != NULL)
		snprintf(out, PATH_MAX, "%s", given);
	else if (env != NULL && *env)
		snprintf(out, PATH_MAX, "%s", env);
	else if (is_file("tuiconfig.ini"))
		snprintf(out, PATH_MAX, "tuiconfig.ini");
	else if (home != NULL && (snprintf(out, PATH_MAX, "%s/.config/jiuzhu/tuiconfig.ini", home),
				  is_file(out)))
		;
	else if (is_file("/etc/jiuzhu/tuiconfig.ini"))	/* the .deb's conffile */
		snprintf(out, PATH_MAX, "/etc/jiuzhu/tuiconfig.ini");
	else
		snprintf(out, PATH_MAX, "%s/tuiconfig.ini", JIUZHU_DATADIR);
}

/* A config copied away from the installed forms/ still finds them. */
static void fall_back_to_datadir(char *dir, const char *name)
{
	if (!is_dir(dir))
		snprintf(dir, PATH_MAX, "%s/%s", JIUZHU_DATADIR, name);
}

static int open_config(struct session *s, const char *given, struct err *e)
{
	find_config(given, s->config_path);
	if (config_load(s->config_path, &s->cfg, e) != 0)
		return -1;
	s->have_cfg = true;
	fall_back_to_datadir(s->cfg.forms_dir, "forms");
	fall_back_to_datadir(s->cfg.reports_dir, "reports");
	if (catalogue_load(s->cfg.forms_dir, &s->cat, e) != 0)
		return -1;
	s->have_cat = true;
	char regions[PATH_MAX + 32];
	snprintf(regions, sizeof regions, "%s/catalogue/regions.txt", s->cfg.forms_dir);
	s->v = validator_new(regions, e);
	return s->v == NULL ? -1 : 0;
}

/* Who is at the keyboard: a staff row whose login or name is $JIUZHU_USER
 * (else $USER) gives the role; anybody else works as clerk and leader. */
static int identify_user(struct session *s, struct err *e)
{
	const char *who = getenv("JIUZHU_USER");
	char name[64], code[16];
	bool found;
	if (who == NULL)
		who = getenv("USER");
	store_set_user(s->store, who);
	snprintf(s->user, sizeof s->user, "%s", store_user(s->store));
	s->roles = ROLE_CLERK | ROLE_LEADER;
	snprintf(s->role_label, sizeof s->role_label, "经办人/分管领导");
	if (staff_lookup(s->store, s->user, name, code, &found, e) != 0)
		return -1;
	if (!found)
		return 0;
	snprintf(s->user, sizeof s->user, "%s", name);
	const struct role_def *r = role_by_code(code);
	if (r != NULL) {
		s->roles = r->roles;
		snprintf(s->role_label, sizeof s->role_label, "%s", r->label);
	}
	return 0;
}

static int open_store(struct session *s, const char *db_path, bool create, struct err *e)
{
	const char *path = db_path != NULL ? db_path : s->cfg.store_path;
	int version;
	if (!create && !is_file(path))
		return err_set(e, "数据库 %s 不存在。请先运行：jiuzhu init（或 jiuzhu init --demo 生成演示数据）", path);
	if (store_open(path, s->cfg.mode, s->cfg.busy_timeout_ms, &s->store, e) != 0 ||
	    store_version(s->store, &version, e) != 0)
		return -1;
	if (version > store_latest_version())
		return err_set(e, "数据库 %s 的结构版本 %d 比本程序新（%d），请升级 jiuzhu", path,
			       version, store_latest_version());
	/* Older files are brought up to date on open, each step its own
	 * transaction; an up-to-date file only gets back an index a cut-short
	 * bulk load may have dropped. */
	if (store_migrate(s->store, e) != 0)
		return -1;
	if ((create || version < store_latest_version()) && office_sync(s->store, &s->cfg, e) != 0)
		return -1;
	return identify_user(s, e);
}

int session_open(struct session *s, const char *config_path, const char *db_path,
		 enum session_need need, struct err *e)
{
	if (!s->have_cfg && open_config(s, config_path, e) != 0)
		return -1;
	if (need != SESSION_CONFIG && s->store == NULL)
		return open_store(s, db_path, need == SESSION_STORE_CREATE, e);
	return 0;
}

void session_close(struct session *s)
{
	store_close(s->store);
	s->store = NULL;
	validator_free(s->v);
	s->v = NULL;
	if (s->have_cat)
		catalogue_free(&s->cat);
	if (s->have_cfg)
		config_free(&s->cfg);
	s->have_cat = s->have_cfg = false;
}

/* 256 agents: a county's villages each with one or two. */
#define SESSION_MAX_AGENTS 256

int session_agent_choices(struct session *s, struct form_set *forms, struct err *e)
{
	static char labels[SESSION_MAX_AGENTS][128];
	const char *list[SESSION_MAX_AGENTS];
	int n = 0;
	if (agent_choices(s->store, 0, labels, SESSION_MAX_AGENTS, &n, e) != 0)
		return -1;
	for (int i = 0; i < n; i++)
		list[i] = labels[i];
	if (n == 0)
		list[n++] = "（尚无帮办代办员）";
	return forms_set_choices(forms, "agents", list, (size_t)n, e);
}

int session_load_forms(struct session *s, struct form_set *forms, struct err *e)
{
	const char *kinds[64], *helper_kinds[64];
	size_t n_kinds = 0, n_helper = 0;
	if (forms_load_dir(s->cfg.forms_dir, forms, e) != 0)
		return -1;
	for (size_t i = 0; i < s->cat.n_kinds && n_kinds < 64; i++) {
		kinds[n_kinds++] = s->cat.kinds[i].name;
		if (s->cat.kinds[i].helper_service)
			helper_kinds[n_helper++] = s->cat.kinds[i].name;
	}
	if (forms_set_choices(forms, "villages", (const char *const *)s->cfg.villages,
			      s->cfg.n_villages, e) != 0 ||
	    forms_set_choices(forms, "kinds", kinds, n_kinds, e) != 0 ||
	    session_agent_choices(s, forms, e) != 0 ||
	    forms_set_choices(forms, "helper_kinds", helper_kinds, n_helper, e) != 0 ||
	    forms_set_choices(forms, "agent_categories",
			      (const char *const *)s->cat.agent_categories,
			      s->cat.n_agent_categories, e) != 0 ||
	    forms_set_choices(forms, "special_reasons",
			      (const char *const *)s->cfg.special_reasons,
			      s->cfg.n_special_reasons, e) != 0)
		return -1;
	return 0;
}
