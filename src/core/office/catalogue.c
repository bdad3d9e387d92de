/* The catalogues of the forms/catalogue/ .ini files: kinds of assistance, helper-agent
 * categories and referrable items. Each file is read with inifile.h (which
 * scans it line by line first), then every section and key checked. */
#include "core/office/catalogue.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/inifile.h"

static const struct ini_opts catalogue_ini = { .what = "" };

static bool in_list(char *const *v, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return true;
	return false;
}

static bool valid_code(const char *s)
{
	return *s != '\0' && s[strspn(s, "abcdefghijklmnopqrstuvwxyz_")] == '\0';
}

#define CODE_HINT "小写英文字母和下划线组成的代码，如 [dibao]"

static int cfile_open(struct ini *f, const char *dir, const char *name,
		      struct err *e)
{
	char path[4096];
	memset(f, 0, sizeof *f);
	if ((size_t)snprintf(path, sizeof path, "%s/catalogue/%s", dir, name)
	    >= sizeof path)
		return err_set(e, "目录名过长：%s", dir);
	return ini_open(f, path, &catalogue_ini, e);
}

static size_t n_sections(const struct ini *f)
{
	size_t pos = 0, n = 0;
	while (ini_next_section(f, &pos) != NULL)
		n++;
	return n;
}

/* item1, item2 …: the number, or 0 if key is not such a key. */
static unsigned long item_number(const char *key)
{
	if (strncmp(key, "item", 4) != 0 || key[4] < '1' || key[4] > '9' ||
	    strlen(key) > 8)
		return 0;
	for (const char *p = key + 5; *p; p++)
		if (*p < '0' || *p > '9')
			return 0;
	return strtoul(key + 4, NULL, 10);
}

static bool is_item(const char *key)
{
	return item_number(key) > 0;
}

/* The numbered items of a section, item1 … itemN without gaps (the keys
 * were checked against the rules already). */
static int get_items(const struct ini *f, const char *sec, char ***out,
		     size_t *n)
{
	size_t pos = 0, count = 0;
	const char *key;
	while ((key = ini_next_key(f, sec, &pos)) != NULL)
		count += is_item(key);
	if (count == 0)
		return ini_bad(f, sec, NULL, "没有任何项（应有 item1、item2 …）");
	for (size_t i = 1; i <= count; i++) {
		char k[32], *t;
		snprintf(k, sizeof k, "item%zu", i);
		if (ini_get(f, sec, k) == NULL)
			return ini_bad(f, sec, NULL, "编号应从 item1 连续到 item%zu，缺少 %s",
				       count, k);
		if (ini_dup(f, sec, k, &t) < 0)
			return -1;
		if (t == NULL)
			return ini_bad(f, sec, k, "的值为空");
		char **nv = realloc(*out, (*n + 1) * sizeof *nv);
		if (nv == NULL) {
			free(t);
			return err_set(f->e, "内存不足");
		}
		*out = nv;
		nv[(*n)++] = t;
		for (size_t j = 0; j + 1 < *n; j++)
			if (strcmp(nv[j], t) == 0)
				return ini_bad(f, sec, k, "的值 “%s” 与 item%zu 重复", t, j + 1);
	}
	return 0;
}

/* ---------- the three files ---------- */

/* A kind's code, name or short name that another kind already uses. */
static const struct kind *kind_clash(const struct catalogue *c, const char *s)
{
	for (size_t i = 0; i < c->n_kinds; i++) {
		const struct kind *k = &c->kinds[i];
		if (strcmp(k->code, s) == 0 || strcmp(k->name, s) == 0 ||
		    strcmp(k->short_name, s) == 0)
			return k;
	}
	return NULL;
}

static const char *const kind_keys[] = {
	"name", "short", "helper_service", "one_off", "amount", "materials", NULL
};
static const struct ini_rule kind_rules[] = {
	{ NULL, valid_code, kind_keys, NULL, NULL },
	{ NULL, NULL, NULL, NULL, NULL },
};
static const struct ini_rule category_rules[] = {
	{ "categories", NULL, NULL, is_item, "item1、item2 …" },
	{ NULL, NULL, NULL, NULL, NULL },
};
static const char *const department_keys[] = { "name", "reply_days", NULL };
static const struct ini_rule department_rules[] = {
	{ NULL, valid_code, department_keys, is_item, "name、reply_days、item1、item2 …" },
	{ NULL, NULL, NULL, NULL, NULL },
};

static int load_kind(const struct ini *f, const char *sec, struct kind *k,
		     const struct catalogue *c)
{
	const struct kind *other;
	bool helper, one_off;

	if (strlen(sec) >= sizeof k->code)
		return ini_bad(f, sec, NULL, "代码过长（最多 %zu 个字符）",
			       sizeof k->code - 1);
	snprintf(k->code, sizeof k->code, "%s", sec);
	if (ini_str(f, sec, "name", true, k->name, sizeof k->name) < 0 ||
	    ini_str(f, sec, "short", false, k->short_name, sizeof k->short_name) < 0 ||
	    ini_bool(f, sec, "helper_service", false, &helper) < 0 ||
	    ini_bool(f, sec, "one_off", false, &one_off) < 0 ||
	    ini_str(f, sec, "amount", false, k->amount, sizeof k->amount) < 0 ||
	    ini_list(f, sec, "materials", true, &k->materials, &k->n_materials) < 0)
		return -1;
	k->helper_service = helper;
	k->one_off = one_off;
	if (k->amount[0] == '\0')
		snprintf(k->amount, sizeof k->amount, "保障金额（元/月）");
	if (k->short_name[0] == '\0') {
		if (strlen(k->name) >= sizeof k->short_name)
			return ini_bad(f, sec, "name", "全称较长，请另设 short（简称，最多 %zu 字节）",
				       sizeof k->short_name - 1);
		memcpy(k->short_name, k->name, strlen(k->name) + 1);
	}
	if ((other = kind_clash(c, k->name)) != NULL ||
	    (other = kind_clash(c, k->short_name)) != NULL)
		return ini_bad(f, sec, NULL, "名称“%s”或简称“%s”与 [%s] 重复",
			       k->name, k->short_name, other->code);
	return 0;
}

static int load_kinds(const char *dir, struct catalogue *c, struct err *e)
{
	struct ini f;
	int rc = cfile_open(&f, dir, "kinds.ini", e);
	size_t n = rc == 0 ? n_sections(&f) : 0, pos = 0;

	if (rc == 0)
		rc = ini_check_names(&f, kind_rules, CODE_HINT);
	if (rc == 0 && n == 0)
		rc = ini_fail(&f, 0, "没有任何救助种类");
	else if (rc == 0 && (c->kinds = calloc(n, sizeof *c->kinds)) == NULL)
		rc = err_set(e, "内存不足");
	for (size_t i = 0; i < n && rc == 0; i++) {
		/* Counted before loading so that a failure frees the kind. */
		struct kind *k = &c->kinds[c->n_kinds];
		rc = load_kind(&f, ini_next_section(&f, &pos), k, c);
		c->n_kinds++;
	}
	ini_close(&f);
	return rc;
}

static int load_categories(const char *dir, struct catalogue *c, struct err *e)
{
	struct ini f;
	int rc = cfile_open(&f, dir, "helper-categories.ini", e);

	if (rc == 0)
		rc = ini_check_names(&f, category_rules, "只应有 [categories]");
	if (rc == 0 && n_sections(&f) == 0)
		rc = ini_fail(&f, 0, "缺少 [categories] 节");
	if (rc == 0)
		rc = get_items(&f, "categories", &c->agent_categories,
			       &c->n_agent_categories);
	ini_close(&f);
	return rc;
}

static int load_department(const struct ini *f, const char *sec,
			   struct department *d, const struct catalogue *c)
{
	if (ini_str(f, sec, "name", true, d->name, sizeof d->name) < 0 ||
	    ini_int(f, sec, "reply_days", false, 0, 1, 60, &d->reply_days) < 0 ||
	    get_items(f, sec, &d->items, &d->n_items) < 0)
		return -1;
	for (size_t i = 0; i < c->n_departments; i++)
		if (strcmp(c->departments[i].name, d->name) == 0)
			return ini_bad(f, sec, "name", "部门名称“%s”与前面的部门重复",
				       d->name);
	return 0;
}

static int load_departments(const char *dir, struct catalogue *c, struct err *e)
{
	struct ini f;
	int rc = cfile_open(&f, dir, "referral-items.ini", e);
	size_t n = rc == 0 ? n_sections(&f) : 0, pos = 0;

	if (rc == 0)
		rc = ini_check_names(&f, department_rules, CODE_HINT);
	if (rc == 0 && n == 0)
		rc = ini_fail(&f, 0, "没有任何部门");
	else if (rc == 0 &&
		 (c->departments = calloc(n, sizeof *c->departments)) == NULL)
		rc = err_set(e, "内存不足");
	for (size_t i = 0; i < n && rc == 0; i++) {
		struct department *d = &c->departments[c->n_departments];
		rc = load_department(&f, ini_next_section(&f, &pos), d, c);
		c->n_departments++;
		c->n_items += d->n_items;
	}
	ini_close(&f);
	return rc;
}

const struct department *catalogue_department(const struct catalogue *c, const char *name)
{
	for (size_t i = 0; name != NULL && i < c->n_departments; i++)
		if (strcmp(c->departments[i].name, name) == 0)
			return &c->departments[i];
	return NULL;
}

int catalogue_load(const char *dir, struct catalogue *c, struct err *e)
{
	memset(c, 0, sizeof *c);
	if (load_kinds(dir, c, e) < 0 || load_categories(dir, c, e) < 0 ||
	    load_departments(dir, c, e) < 0) {
		catalogue_free(c);
		return -1;
	}
	return 0;
}

void catalogue_free(struct catalogue *c)
{
	for (size_t i = 0; i < c->n_kinds; i++)
		ini_list_free(c->kinds[i].materials, c->kinds[i].n_materials);
	free(c->kinds);
	ini_list_free(c->agent_categories, c->n_agent_categories);
	for (size_t i = 0; i < c->n_departments; i++)
		ini_list_free(c->departments[i].items, c->departments[i].n_items);
	free(c->departments);
	memset(c, 0, sizeof *c);
}

const struct kind *catalogue_kind(const struct catalogue *c, const char *code)
{
	for (size_t i = 0; code != NULL && i < c->n_kinds; i++)
		if (strcmp(c->kinds[i].code, code) == 0)
			return &c->kinds[i];
	return NULL;
}

const char *catalogue_kind_short(const struct catalogue *c, const char *code)
{
	const struct kind *k = catalogue_kind(c, code);
	return k != NULL ? k->short_name : code;
}

const struct kind *catalogue_kind_by_name(const struct catalogue *c,
					  const char *name)
{
	return name != NULL ? kind_clash(c, name) : NULL;
}

bool catalogue_agent_category(const struct catalogue *c, const char *name)
{
	return name != NULL &&
	       in_list(c->agent_categories, c->n_agent_categories, name);
}
