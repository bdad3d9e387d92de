/* Demonstration data. Everything is drawn from one small PRNG seeded by the
 * caller, so a seed always gives the same township. Dates are relative to
 * date_today() and follow the workflow and the office calendar, so alerts
 * and deadlines have realistic things to show. */
#include "core/tools/demo.h"
#include "core/store/search.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/domain/access.h"
#include "core/domain/case.h"
#include "core/domain/entrust.h"
#include "core/tools/demo-referral.h"
#include "core/domain/household.h"
#include "core/domain/office.h"
#include "core/domain/review.h"
#include "core/domain/roll.h"

/* ---- Pseudo-random numbers (splitmix64: small, fast, good enough) ---- */

struct rng {
	uint64_t s;
};

static uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->s += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* 0 … n-1 (n > 0). */
static int rng_below(struct rng *r, int n)
{
	return n <= 1 ? 0 : (int)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

/* lo … hi inclusive. */
static int rng_range(struct rng *r, int lo, int hi)
{
	return hi <= lo ? lo : lo + rng_below(r, hi - lo + 1);
}

static bool rng_pct(struct rng *r, int percent)
{
	return rng_below(r, 100) < percent;
}

/* ---- Name tables ---- */

/* About a hundred common surnames, the south-west's included; the ones
 * whose surname reading differs (单 Shàn, 曾 Zēng, 翟 Zhái) and a compound
 * one are there on purpose, for the pinyin search. Earlier = commoner. */
static const char *const surnames[] = {
	"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周",
	"徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗",
	"郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
	"彭", "曾", "肖", "田", "董", "袁", "潘", "蒋", "蔡", "余",
	"杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚",
	"卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金", "石",
	"廖", "贾", "夏", "韦", "付", "方", "白", "邹", "孟", "熊",
	"秦", "邱", "江", "尹", "薛", "段", "雷", "侯", "龙", "史",
	"陶", "黎", "贺", "顾", "毛", "郝", "龚", "邵", "万", "钱",
	"严", "覃", "向", "冉", "汤", "戴", "莫", "单", "翟", "欧阳",
};
#define N_SURNAMES (sizeof surnames / sizeof surnames[0])

static const char *const male_chars[] = {
	"伟", "强", "军", "勇", "杰", "涛", "明", "超", "刚", "平",
	"辉", "鹏", "华", "飞", "斌", "波", "宇", "浩", "凯", "健",
	"俊", "帆", "帅", "旭", "宁", "龙", "林", "洋", "磊", "峰",
	"建", "国", "文", "志", "成", "海", "东", "亮", "兵", "德",
	"福", "贵", "荣", "富", "祥", "才", "发", "金", "山", "春",
	"生", "友", "长", "永", "全", "光", "天", "忠", "义", "清",
	"云", "松", "柏", "江", "河", "家", "兴", "安", "泽", "睿",
	"博", "轩", "晨", "阳", "然", "子", "一", "嘉", "豪", "鑫",
	"航", "铭", "锐", "坤", "庆", "和", "树", "学", "仁", "卫",
	"元", "正", "顺", "权", "良", "森", "武", "万", "中", "昌",
};
#define N_MALE (sizeof male_chars / sizeof male_chars[0])

static const char *const female_chars[] = {
	"芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "燕", "玲",
	"琴", "兰", "英", "红", "梅", "秀", "珍", "莉", "萍", "婷",
	"雪", "琳", "慧", "欣", "颖", "倩", "洁", "佳", "怡", "悦",
	"月", "蓉", "菊", "凤", "玉", "美", "桂", "翠", "花", "莲",
	"彩", "淑", "素", "惠", "巧", "秋", "冬", "晴", "瑶", "涵",
	"萱", "雨", "思", "梦", "诗", "琪", "璐", "蕾", "薇", "露",
	"茜", "爱", "丹", "青", "荷", "晓", "小", "艺", "妍", "彤",
	"馨", "媛", "婉", "蕊", "珊", "娅", "楠", "岚", "芬", "香",
	"琼", "容", "群", "碧", "素", "凌", "可", "若", "依", "紫",
	"芝", "淑", "春", "华", "云", "清", "婕", "妮", "亚", "双",
};
#define N_FEMALE (sizeof female_chars / sizeof female_chars[0])

static const char *const streets[] = { "新街", "老街", "人民路", "滨河路", "兴业路", "育才路" };

/* Mobile prefixes of the three carriers. */
static const char *const mobile_prefixes[] = {
	"133", "135", "136", "137", "138", "139", "150", "151", "152", "157",
	"158", "159", "177", "180", "182", "183", "186", "187", "188", "189", "199",
};

/* Sichuan codes of the neighbouring counties: people of Chongqing born
 * before 1997 (when it became a municipality) often still carry them. */
static const char *const sichuan_codes[] = { "511721", "511724", "511725" };
#define N_REGIONS (1 + sizeof sichuan_codes / sizeof sichuan_codes[0])

/* ---- States: the workflows' own (case.h, entrust.h) ---- */

/* How often each state is drawn once every state has been shown (%). */
static const int ast_weight[CASE_N_STATES] = { 6, 5, 4, 6, 10, 6, 6, 3, 15, 6, 33 };

/* The first entrustments take every state in this order, open and closed
 * alternating so that the closed ones spread over the year. */
static const enum entrust_state est_forced[ENTRUST_N_STATES] = {
	ENTRUST_OUT_OF_SCOPE, ENTRUST_REGISTERED, ENTRUST_TERMINATED, ENTRUST_MISSING,
	ENTRUST_RATED, ENTRUST_HANDLING, ENTRUST_FILED, ENTRUST_FEEDBACK,
};

/* ---- The generator's state ---- */

struct dvillage {
	int64_t id;
	const char *name;
	int n_agents;
	int64_t agent_id[2];
	char agent_name[2][32];
};

struct member {
	char name[32];
	const char *relation;
	char sex;
	int age;
	struct idcard id;
	int64_t person_id;
};

struct dhousehold {
	int64_t id;
	size_t vi;
	char phone[16];
	int n;
	struct member m[6];
};

struct demo {
	struct store *s;
	bool filing;		/* the store records county filings (version 5 on) */
	bool rolls;		/* the store has the rolls (issue 11) */
	struct rng rr;		/* the rolls' own draws: the rest of the data stays
				 * what it was before them */
	bool prepay;		/* … and urgent payments made first (先行救助) */
	const struct config *cfg;
	const struct catalogue *cat;
	const struct validator *v;
	struct err *e;
	struct rng r;
	date_t today;

	struct dvillage *vil;
	size_t n_vil;
	int64_t township_id;

	int64_t clerk_id[2];
	char clerk_name[2][32];
	char leader_name[32];
	size_t n_categories_used;

	char county_code[7];
	date_t birth_base;	/* first birth date of the sequence table */
	int n_birth_days;
	uint16_t *seq;		/* next sequence per region, birth date, sex; owned */
	uint64_t *taken;	/* IDs already in the store (first 17 digits); owned */
	size_t taken_cap;

	const struct kind *dibao, *tekun, *linshi;
	const struct kind **helper_kinds;	/* owned array */
	size_t n_helper_kinds;

	date_t batch_base;	/* first day of the publicity-batch table */
	int batch_days;
	int64_t *batch;		/* [village][day] → publicity_batches id; owned */

	size_t n_apps;		/* applications written so far */
	size_t n_ent;		/* standalone entrustments written so far */
	size_t n_ent_target;
	bool ent_pending;
};

static date_t wd(const struct demo *d, date_t from, int n)
{
	/* Day 0 of a step must itself be a working day. */
	if (n == 0 && !calendar_is_workday(&d->cfg->cal, from))
		n = 1;
	return calendar_add_workdays(&d->cfg->cal, from, n);
}

static void pick_name(struct demo *d, const char *surname, char sex, char out[32])
{
	const char *const *chars = sex == 'M' ? male_chars : female_chars;
	size_t n = sex == 'M' ? N_MALE : N_FEMALE;
	const char *a = chars[rng_below(&d->r, (int)n)];
	if (rng_pct(&d->r, 30))
		snprintf(out, 32, "%s%s", surname, a);
	else
		snprintf(out, 32, "%s%s%s", surname, a, chars[rng_below(&d->r, (int)n)]);
}

static const char *pick_surname(struct demo *d)
{
	/* Skewed towards the head of the table, as real surnames are. */
	int a = rng_below(&d->r, (int)N_SURNAMES), b = rng_below(&d->r, (int)N_SURNAMES);
	return surnames[a < b ? a : b];
}

static void pick_mobile(struct demo *d, char out[16])
{
	snprintf(out, 16, "%s%08d", mobile_prefixes[rng_below(&d->r,
		 (int)(sizeof mobile_prefixes / sizeof mobile_prefixes[0]))],
		 rng_below(&d->r, 100000000));
}

static void date_text(date_t t, char out[11])
{
	if (t == DATE_NONE)
		out[0] = '\0';
	else
		date_format(t, out);
}

/* ---- Resident ID numbers, unique by construction ---- */

static char check_char(const char *d17)
{
	static const int w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	int sum = 0;
	for (int i = 0; i < 17; i++)
		sum += (d17[i] - '0') * w[i];
	return "10X98765432"[sum % 11];
}

static bool taken_has(const struct demo *d, uint64_t key)
{
	if (d->taken_cap == 0)
		return false;
	for (size_t i = key & (d->taken_cap - 1); d->taken[i] != 0; i = (i + 1) & (d->taken_cap - 1))
		if (d->taken[i] == key)
			return true;
	return false;
}

static uint64_t id_key(const char *number)
{
	uint64_t k = 0;
	for (int i = 0; i < 17; i++)
		k = k * 10 + (uint64_t)(number[i] - '0');
	return k;
}

/* The ID numbers already in the store, so new ones never collide. */
static int load_taken(struct demo *d)
{
	int64_t n;
	if (store_query_int(d->s, &n, d->e, "SELECT count(*) FROM persons", "") != 0)
		return -1;
	if (n == 0)
		return 0;
	d->taken_cap = 1024;
	while (d->taken_cap < (size_t)n * 2)
		d->taken_cap *= 2;
	d->taken = calloc(d->taken_cap, sizeof *d->taken);
	if (d->taken == NULL)
		return err_set(d->e, "内存不足");
	sqlite3_stmt *st;
	if (store_query(d->s, &st, d->e, "SELECT id_number FROM persons", "") != 0)
		return -1;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *num = (const char *)sqlite3_column_text(st, 0);
		if (num == NULL || strlen(num) != 18 || strspn(num, "0123456789") < 17)
			continue;
		uint64_t k = id_key(num);
		size_t i = k & (d->taken_cap - 1);
		while (d->taken[i] != 0 && d->taken[i] != k)
			i = (i + 1) & (d->taken_cap - 1);
		d->taken[i] = k;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_step_error(d->s, rc, d->e);
}

static const char *region_code(const struct demo *d, size_t region)
{
	return region == 0 ? d->county_code : sichuan_codes[region - 1];
}

/* A new ID number for someone of that region, birth date and sex. Each
 * (region, date, sex) has its own counter from a start derived from the
 * key, so numbers are unique without searching. */
static int make_id(struct demo *d, size_t region, date_t birth, char sex,
		   struct idcard *out)
{
	if (birth < d->birth_base)
		birth = d->birth_base;
	for (;;) {
		int day = birth - d->birth_base;
		if (day >= d->n_birth_days) {
			birth = d->birth_base + d->n_birth_days - 1;
			continue;
		}
		size_t key = region * (size_t)d->n_birth_days + (size_t)day;
		uint16_t *c = &d->seq[key * 2 + (sex == 'F')];
		int seq = (int)(key * 2654435761u % 150) * 2 + 2 * *c + (sex == 'M' ? 1 : 2);
		if (seq > 999) {
			birth = birth > d->birth_base ? birth - 1 : birth + 1;
			continue;
		}
		(*c)++;
		int y, m, dd;
		date_to_ymd(birth, &y, &m, &dd);
		char num[24];
		snprintf(num, sizeof num, "%s%04d%02d%02d%03d", region_code(d, region), y, m, dd, seq);
		if (taken_has(d, id_key(num)))
			continue;
		num[17] = check_char(num);
		num[18] = '\0';
		if (validate_id(d->v, num, d->today, out, d->e) != 0)
			return err_prefix(d->e, "内部错误：生成的身份证号码 %s 无效：", num);
		return 0;
	}
}

static date_t birth_for_age(struct demo *d, int age)
{
	int y, m, dd;
	date_to_ymd(d->today, &y, &m, &dd);
	date_t b = date_from_ymd(y - age - 1, m, 1) + rng_below(&d->r, 365) + 1;
	return b > d->today ? d->today : b;
}

static int id_for(struct demo *d, int age, char sex, struct idcard *out)
{
	date_t birth = birth_for_age(d, age);
	int y, m, dd;
	date_to_ymd(birth, &y, &m, &dd);
	size_t region = y < 1997 && rng_pct(&d->r, 25) ? 1 + (size_t)rng_below(&d->r, N_REGIONS - 1) : 0;
	return make_id(d, region, birth, sex, out);
}

/* The configured county's region code: looked up by name in the region
 * table (垫江县 → 500231), 500231 when the table does not know it. */
static void find_county_code(struct demo *d)
{
	snprintf(d->county_code, sizeof d->county_code, "500231");
	char code[7] = "";
	for (int c = 110000; c < 830000; c++) {
		for (int k = 5, x = c; k >= 0; k--, x /= 10)
			code[k] = (char)('0' + x % 10);
		const char *name = validator_region(d->v, code);
		if (c % 10000 == 0 && name == NULL) {
			c += 9999;	/* no such province */
			continue;
		}
		if (name != NULL && strcmp(name, d->cfg->county) == 0) {
			memcpy(d->county_code, code, 7);
			return;
		}
	}
}

/* ---- Setup: villages, kinds, tables ---- */

static int load_villages(struct demo *d)
{
	if (d->cfg->n_villages == 0)
		return err_set(d->e, "配置文件中没有村（社区），无法生成演示数据");
	if (office_township_id(d->s, d->cfg, &d->township_id, d->e) != 0)
		return -1;
	d->vil = calloc(d->cfg->n_villages, sizeof *d->vil);
	if (d->vil == NULL)
		return err_set(d->e, "内存不足");
	d->n_vil = d->cfg->n_villages;
	for (size_t i = 0; i < d->n_vil; i++) {
		d->vil[i].name = d->cfg->villages[i];
		if (office_village_id(d->s, d->cfg, d->cfg->villages[i], &d->vil[i].id, d->e) != 0)
			return err_prefix(d->e, "请先运行 jiuzhu init：");
	}
	return 0;
}

static int load_kinds(struct demo *d)
{
	if (d->cat->n_kinds == 0)
		return err_set(d->e, "事项目录中没有救助种类（kinds.ini），无法生成演示数据");
	d->dibao = catalogue_kind(d->cat, "dibao");
	d->tekun = catalogue_kind(d->cat, "tekun");
	d->linshi = catalogue_kind(d->cat, "linshi");
	d->helper_kinds = calloc(d->cat->n_kinds, sizeof *d->helper_kinds);
	if (d->helper_kinds == NULL)
		return err_set(d->e, "内存不足");
	for (size_t i = 0; i < d->cat->n_kinds; i++)
		if (d->cat->kinds[i].helper_service)
			d->helper_kinds[d->n_helper_kinds++] = &d->cat->kinds[i];
	if (d->n_helper_kinds == 0)
		d->helper_kinds[d->n_helper_kinds++] = &d->cat->kinds[0];
	return 0;
}

static int alloc_tables(struct demo *d)
{
	d->birth_base = date_from_ymd(1900, 1, 1);
	d->n_birth_days = d->today - d->birth_base + 1;
	if (d->n_birth_days < 1)
		return err_set(d->e, "今天的日期无效，无法生成演示数据");
	d->seq = calloc(N_REGIONS * (size_t)d->n_birth_days * 2, sizeof *d->seq);
	d->batch_days = 800;
	d->batch_base = d->today - d->batch_days + 30;
	d->batch = calloc(d->n_vil * (size_t)d->batch_days, sizeof *d->batch);
	if (d->seq == NULL || d->batch == NULL)
		return err_set(d->e, "内存不足");
	return 0;
}

static void demo_free(struct demo *d)
{
	free(d->vil);
	free(d->helper_kinds);
	free(d->seq);
	free(d->taken);
	free(d->batch);
}

/* ---- Staff ---- */

static int insert_staff(struct demo *d, const char *name, const char *login,
			const char *role, const char *category, int64_t village_id,
			const char *note, int64_t *id)
{
	struct idcard idc;
	char sex = rng_pct(&d->r, 50) ? 'M' : 'F';
	char phone[16];
	if (id_for(d, rng_range(&d->r, 26, 56), sex, &idc) != 0)
		return -1;
	pick_mobile(d, phone);
	struct field f[] = {
		F_TEXT("name", name), F_TEXT("login", login), F_TEXT("id_number", idc.number),
		F_TEXT("phone", phone), F_TEXT("role", role), F_TEXT("agent_category", category),
		F_INT("township_id", d->township_id),
		village_id ? F_INT("village_id", village_id) : F_NULL("village_id"),
		F_TEXT("note", note),
	};
	if (store_insert(d->s, "staff", f, (int)(sizeof f / sizeof f[0]), id, d->e) != 0)
		return err_prefix(d->e, "添加演示人员 %s：", name);
	return 0;
}

/* An office login: reuses the person already holding it (a second run). */
static int office_staff(struct demo *d, const char *login, const char *role,
			int64_t *id, char name[32])
{
	sqlite3_stmt *st;
	if (store_query(d->s, &st, d->e, "SELECT id, name FROM staff WHERE login = ?", "s", login) != 0)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		snprintf(name, 32, "%s", (const char *)sqlite3_column_text(st, 1));
		sqlite3_reset(st);
		return 0;
	}
	sqlite3_reset(st);
	pick_name(d, pick_surname(d), rng_pct(&d->r, 50) ? 'M' : 'F', name);
	return insert_staff(d, name, login, role, NULL, 0, NULL, id);
}

static int add_staff(struct demo *d)
{
	static const char *const clerk_logins[2] = { "clerk1", "clerk2" };
	for (int i = 0; i < 2; i++)
		if (office_staff(d, clerk_logins[i], "clerk", &d->clerk_id[i], d->clerk_name[i]) != 0)
			return -1;
	int64_t leader;
	if (office_staff(d, "leader", "leader", &leader, d->leader_name) != 0)
		return -1;

	/* One village without an agent, so the roster has a gap to flag. */
	size_t skip = d->n_vil >= 3 ? (size_t)rng_below(&d->r, (int)d->n_vil) : d->n_vil;
	for (size_t i = 0; i < d->n_vil; i++) {
		struct dvillage *v = &d->vil[i];
		if (i == skip)
			continue;
		v->n_agents = rng_range(&d->r, 1, 2);
		for (int k = 0; k < v->n_agents; k++) {
			const char *cat = NULL;
			if (d->cat->n_agent_categories > 0)
				cat = d->cat->agent_categories[d->n_categories_used++ %
							       d->cat->n_agent_categories];
			pick_name(d, pick_surname(d), rng_pct(&d->r, 50) ? 'M' : 'F', v->agent_name[k]);
			if (insert_staff(d, v->agent_name[k], NULL, "agent", cat, v->id, NULL,
					 &v->agent_id[k]) != 0)
				return -1;
		}
	}
	return 0;
}

/* ---- Households ---- */

static int pick_size(struct demo *d)
{
	/* 1–6 members, mean about 3.2. */
	static const int cum[6] = { 12, 34, 62, 82, 94, 100 };
	int x = rng_below(&d->r, 100);
	for (int i = 0; i < 6; i++)
		if (x < cum[i])
			return i + 1;
	return 6;
}

static void add_member(struct demo *d, struct dhousehold *h, const char *surname,
		       const char *relation, char sex, int age)
{
	struct member *m = &h->m[h->n++];
	m->relation = relation;
	m->sex = sex;
	m->age = age < 0 ? 0 : age;
	pick_name(d, surname, sex, m->name);
}

/* Who lives together: head, usually a spouse, then children, an old
 * parent of a younger head, or grandchildren of an older one. */
static void compose(struct demo *d, struct dhousehold *h)
{
	int size = pick_size(d);
	const char *sur = pick_surname(d);
	char hsex = rng_pct(&d->r, 75) ? 'M' : 'F';
	int hage = rng_range(&d->r, 22, 88);
	add_member(d, h, sur, "户主", hsex, hage);
	if (size >= 2 && rng_pct(&d->r, 85)) {
		int age = hage + rng_range(&d->r, -4, 4);
		add_member(d, h, pick_surname(d), "配偶", hsex == 'M' ? 'F' : 'M', age < 20 ? 20 : age);
	}
	int parents = 0;
	bool had_father = false;
	while (h->n < size) {
		int x = rng_below(&d->r, 100);
		if (hage >= 58 && x < 45) {
			bool boy = rng_pct(&d->r, 50);
			int age = hage - 44 - rng_below(&d->r, 17);
			add_member(d, h, sur, boy ? "孙子" : "孙女", boy ? 'M' : 'F', age);
		} else if (hage <= 50 && parents < 2 && x < 25) {
			bool father = parents == 0 ? rng_pct(&d->r, 50) : !had_father;
			had_father = had_father || father;
			int age = hage + rng_range(&d->r, 22, 34);
			if (father)
				add_member(d, h, sur, "父亲", 'M', age);
			else
				add_member(d, h, pick_surname(d), "母亲", 'F', age);
			parents++;
		} else {
			bool boy = rng_pct(&d->r, 50);
			int age = hage - rng_range(&d->r, 22, 38);
			if (age < 0)
				age = rng_below(&d->r, hage - 21);
			add_member(d, h, sur, boy ? "子" : "女", boy ? 'M' : 'F', age);
		}
	}
}

static void make_address(struct demo *d, const struct dvillage *v, char out[128])
{
	size_t n = strlen(v->name);
	if (n >= 6 && strcmp(v->name + n - 6, "社区") == 0)
		snprintf(out, 128, "%s%s%d号", v->name,
			 streets[rng_below(&d->r, (int)(sizeof streets / sizeof streets[0]))],
			 rng_range(&d->r, 1, 180));
	else
		snprintf(out, 128, "%s%d组%d号", v->name, rng_range(&d->r, 1, 9), rng_range(&d->r, 1, 99));
}

static const char *pick_class(struct demo *d)
{
	const struct config *c = d->cfg;
	if (c->n_reviews == 0 || rng_pct(&d->r, 75))
		return NULL;	/* the default, stable */
	return c->reviews[rng_below(&d->r, (int)c->n_reviews)].cls;
}

static int insert_household(struct demo *d, size_t vi, struct dhousehold *h)
{
	char address[128];
	memset(h, 0, sizeof *h);
	h->vi = vi;
	make_address(d, &d->vil[vi], address);
	if (rng_pct(&d->r, 92))
		pick_mobile(d, h->phone);
	compose(d, h);
	struct household_in hin = {
		.village_id = d->vil[vi].id,
		.address = address,
		.phone = h->phone[0] ? h->phone : NULL,
		.household_class = pick_class(d),
		.created_on = d->today - 160 - rng_below(&d->r, 1500),
	};
	if (household_insert(d->s, &hin, &h->id, d->e) != 0)
		return -1;
	for (int i = 0; i < h->n; i++) {
		struct member *m = &h->m[i];
		if (id_for(d, m->age, m->sex, &m->id) != 0)
			return -1;
		struct person_in pin = {
			.name = m->name,
			.id = &m->id,
			.relation = m->relation,
			.phone = i == 0 && h->phone[0] ? h->phone : NULL,
		};
		if (person_insert(d->s, h->id, &pin, &m->person_id, d->e) != 0)
			return -1;
	}
	return 0;
}

/* ---- Applications ---- */

enum gap {
	G_ACCEPT, G_SUPPLY, G_WITHDRAW, G_INV, G_VISIT, G_REVIEW, G_PUB, G_OBJ,
	G_REVISIT, G_REREVIEW, G_COUNTY, G_DECIDE, G_NOTIFY, G_ANNOUNCE, G_N
};

/* One application's path through the workflow and its dates. */
struct plan {
	enum case_state target;
	const struct kind *kind;
	const struct limits *lim;
	bool via_missing, include, delegated, objection;
	int gap[G_N];
	date_t rec, miss, miss_dl, wdr, acc, inv, visit, rev, pub1, obj, visit2, rev2,
	       pub_from, pub_to, cty, dec, ref_note, ann, last;
};

static bool reaches(const struct plan *p, enum case_state s)
{
	if (p->target == CASE_MISSING || p->target == CASE_WITHDRAWN || p->target == CASE_RECEIVED)
		return p->target == s || s == CASE_RECEIVED;
	if (s == CASE_MISSING || s == CASE_WITHDRAWN)
		return s == CASE_MISSING && p->via_missing;
	if (s == CASE_COUNTY)
		return !p->delegated && p->target >= CASE_COUNTY;
	if (s == CASE_APPROVED)
		return p->target == CASE_APPROVED || p->target == CASE_ANNOUNCED;
	if (s == CASE_REFUSED || s == CASE_ANNOUNCED)
		return p->target == s;
	return p->target >= s;
}

/* Works out every date from the receipt date r and the drawn gaps. */
static void simulate(const struct demo *d, struct plan *p, date_t r)
{
	const int *g = p->gap;
	p->rec = p->last = r;
	p->miss = p->miss_dl = p->wdr = p->acc = p->inv = p->visit = p->rev = DATE_NONE;
	p->pub1 = p->obj = p->visit2 = p->rev2 = DATE_NONE;
	p->pub_from = p->pub_to = p->cty = p->dec = p->ref_note = p->ann = DATE_NONE;
	if (p->target == CASE_RECEIVED)
		return;
	if (p->target == CASE_MISSING || p->via_missing) {
		p->miss = p->last = wd(d, r, g[G_ACCEPT]);
		p->miss_dl = wd(d, p->miss, p->lim->missing_materials);
		if (p->target == CASE_MISSING)
			return;
		if (p->target == CASE_WITHDRAWN) {
			p->wdr = p->last = wd(d, p->miss_dl, 1);
			return;
		}
		p->acc = wd(d, p->miss, g[G_SUPPLY]);
	} else if (p->target == CASE_WITHDRAWN) {
		p->wdr = p->last = wd(d, r, g[G_WITHDRAW]);
		return;
	} else {
		p->acc = wd(d, r, g[G_ACCEPT]);
	}
	p->last = p->acc;
	if (p->target == CASE_ACCEPTED)
		return;
	p->inv = wd(d, p->acc, g[G_INV]);
	p->visit = p->last = wd(d, p->inv, g[G_VISIT]);
	if (p->target == CASE_INVESTIGATING)
		return;
	p->rev = p->last = wd(d, p->visit, g[G_REVIEW]);
	if (p->target == CASE_REVIEWED)
		return;
	p->pub_from = p->pub1 = p->last = wd(d, p->rev, g[G_PUB]);
	if (p->objection) {
		/* An objection sends the case back to investigation, a new
		 * opinion and a second publicity. */
		p->obj = p->pub1 + g[G_OBJ];
		p->visit2 = wd(d, p->obj, g[G_REVISIT]);
		p->rev2 = wd(d, p->visit2, g[G_REREVIEW]);
		p->pub_from = p->last = wd(d, p->rev2, 1);
	}
	p->pub_to = config_publicity_end(d->cfg, p->pub_from, p->lim->publicity_days);
	if (p->target == CASE_PUBLICITY)
		return;
	date_t from = p->pub_to;
	if (!p->delegated) {
		p->cty = p->last = wd(d, p->pub_to, g[G_COUNTY]);
		if (p->target == CASE_COUNTY)
			return;
		from = p->cty;
	}
	p->dec = p->last = wd(d, from, g[G_DECIDE]);
	if (p->target == CASE_REFUSED) {
		p->ref_note = p->last = wd(d, p->dec, g[G_NOTIFY]);
	} else if (p->target == CASE_ANNOUNCED) {
		p->ann = p->last = wd(d, p->dec, g[G_ANNOUNCE]);
	}
}

static const struct kind *pick_kind(struct demo *d)
{
	int x = rng_below(&d->r, 100);
	const struct kind *k = x < 40 ? d->dibao : x < 60 ? d->tekun : x < 85 ? d->linshi : NULL;
	return k != NULL ? k : &d->cat->kinds[rng_below(&d->r, (int)d->cat->n_kinds)];
}

static enum case_state pick_state(struct demo *d)
{
	if (d->n_apps < CASE_N_STATES)
		return (enum case_state)d->n_apps;	/* every state at least once */
	int x = rng_below(&d->r, 100);
	for (int i = 0; i < CASE_N_STATES; i++) {
		if (x < ast_weight[i])
			return (enum case_state)i;
		x -= ast_weight[i];
	}
	return CASE_ANNOUNCED;
}

static void draw_plan(struct demo *d, struct plan *p)
{
	memset(p, 0, sizeof *p);
	p->target = pick_state(d);
	p->kind = pick_kind(d);
	p->lim = config_limits(d->cfg, p->kind->code);
	p->via_missing = rng_pct(&d->r, 20);
	p->include = p->target == CASE_APPROVED || p->target == CASE_ANNOUNCED ||
		     (p->target == CASE_REFUSED ? rng_pct(&d->r, 20) : rng_pct(&d->r, 85));
	p->delegated = p->target == CASE_COUNTY ? false : !rng_pct(&d->r, 12);
	p->objection = p->target >= CASE_PUBLICITY && p->target != CASE_WITHDRAWN && rng_pct(&d->r, 5);
	const struct limits *l = p->lim;
	int *g = p->gap;
	g[G_ACCEPT] = rng_range(&d->r, 0, l->accept);
	g[G_SUPPLY] = rng_range(&d->r, 1, l->missing_materials);
	g[G_WITHDRAW] = rng_range(&d->r, 1, 5);
	g[G_INV] = rng_range(&d->r, 0, l->investigate);
	g[G_VISIT] = rng_range(&d->r, 0, 3);
	g[G_REVIEW] = rng_range(&d->r, 1, 8);
	g[G_PUB] = rng_range(&d->r, 1, 3);
	g[G_OBJ] = rng_range(&d->r, 1, l->publicity_days > 2 ? l->publicity_days - 2 : 1);
	g[G_REVISIT] = rng_range(&d->r, 1, 3);
	g[G_REREVIEW] = rng_range(&d->r, 1, 3);
	g[G_COUNTY] = rng_range(&d->r, 1, 2);
	g[G_DECIDE] = p->delegated ? rng_range(&d->r, 1, 3) : rng_range(&d->r, 1, l->county);
	g[G_NOTIFY] = rng_range(&d->r, 0, l->refusal_notice);
	g[G_ANNOUNCE] = rng_range(&d->r, 1, 5);
}

/* Places the plan in time: open cases mostly touched in the last few days,
 * a third left lying (overdue, for the alerts); closed ones anywhere in the
 * last ~120 days. */
static void place_plan(struct demo *d, struct plan *p)
{
	simulate(d, p, d->today);
	int span = p->last - p->rec;
	bool open = p->target != CASE_WITHDRAWN && p->target != CASE_APPROVED &&
		    p->target != CASE_REFUSED && p->target != CASE_ANNOUNCED;
	int room = 120 - span > 0 ? 120 - span : 0;
	/* Half the announced cases are the standing caseload, enrolled up to
	 * two years back: their reviews and re-certifications fall due all
	 * year round, the coming month's too (the rolls' own generator
	 * decides, so the cases' stream stays as it was). */
	if (p->target == CASE_ANNOUNCED && rng_pct(&d->rr, 50))
		room = 730 - span;
	int lag;
	if (open)
		lag = rng_pct(&d->r, 65) ? rng_range(&d->r, 0, 3) : rng_range(&d->r, 8, 8 + room / 2);
	else
		lag = rng_range(&d->r, 0, room);
	date_t r = d->today - lag - span;
	for (int i = 0; i < 8; i++) {
		simulate(d, p, r);
		if (p->last <= d->today)
			return;
		r -= p->last - d->today;
	}
}

/* One case_events row, at a plausible office hour of its day. The new
 * state comes from the workflow's table: a plan that left the workflow
 * would fail here rather than write a timeline no clerk could make. */
static int insert_event(struct demo *d, int64_t app, date_t on, const char *who, bool delegated,
			const char *step, const char **cur, const char *note)
{
	char day[11], at[32];
	const struct transition *t = *cur == NULL ? NULL : case_transition(*cur, step, delegated);
	if (*cur != NULL && t == NULL)
		return err_set(d->e, "内部错误：演示数据的步骤 %s 不在办理流程中（%s）", step, *cur);
	date_format(on, day);
	snprintf(at, sizeof at, "%s %02d:%02d:%02d", day, rng_range(&d->r, 8, 17),
		 rng_below(&d->r, 60), rng_below(&d->r, 60));
	struct wf_event ev = { .id = app, .at = at, .who = who, .on = on, .step = step,
			       .from = *cur, .to = t != NULL ? t->to : case_workflow.states[CASE_RECEIVED].code,
			       .note = note };
	*cur = ev.to;
	return workflow_event(&case_workflow, d->s, &ev, d->e);
}

#define OBJECTION "群众反映该户家庭成员有稳定工资收入"
#define OBJECTOR "本村村民（实名反映）"

static const char *refusal_reason(const struct demo *d, const struct plan *p)
{
	return p->kind == d->tekun ? "不符合特困人员认定条件" : "家庭人均收入高于当地最低生活保障标准";
}

/* The timeline: one case_events row per step the plan took. */
static int insert_events(struct demo *d, const struct plan *p, int64_t app, const char *clerk,
			 const char *items)
{
	const char *cur = NULL;
	const char *decider = p->delegated ? d->leader_name : "县民政局";
	bool dl = p->delegated;
	if (insert_event(d, app, p->rec, clerk, dl, "receive", &cur, NULL) != 0)
		return -1;
	if (p->miss != DATE_NONE &&
	    insert_event(d, app, p->miss, clerk, dl, "request_materials", &cur, items) != 0)
		return -1;
	if (p->wdr != DATE_NONE)
		return insert_event(d, app, p->wdr, clerk, dl, "withdraw", &cur,
				    p->miss != DATE_NONE ? "逾期未补齐材料，视为自动放弃" : "申请人主动撤回申请");
	struct { date_t on; const char *who, *step, *note; } steps[] = {
		{ p->acc, clerk, "accept", NULL },
		{ p->inv, clerk, "start_investigation", NULL },
		{ p->rev, clerk, "initial_review", p->include ? "拟纳入" : "拟不纳入" },
		{ p->pub1, clerk, "publicize", NULL },
		{ p->obj, clerk, "objection", "异议人 " OBJECTOR "：" OBJECTION },
		{ p->rev2, clerk, "initial_review", p->include ? "复查后拟纳入" : "复查后拟不纳入" },
		{ p->rev2 != DATE_NONE ? p->pub_from : DATE_NONE, clerk, "publicize", NULL },
		{ p->cty, clerk, "send_county", NULL },
		{ p->dec, decider, p->target == CASE_REFUSED ? "refuse" : "approve",
		  p->target == CASE_REFUSED ? refusal_reason(d, p) : NULL },
		{ p->ref_note, clerk, "notify_refusal", NULL },
		{ p->ann, clerk, "announce", NULL },
	};
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
		if (steps[i].on != DATE_NONE &&
		    insert_event(d, app, steps[i].on, steps[i].who, dl, steps[i].step, &cur,
				 steps[i].note) != 0)
			return -1;
	return 0;
}

static int64_t monthly_amount(struct demo *d, const struct plan *p, int members)
{
	const char *k = p->kind->code;
	if (strcmp(k, "dibao") == 0)
		return (int64_t)members * rng_range(&d->r, 300, 700) * 100;
	if (strcmp(k, "tekun") == 0)
		return rng_range(&d->r, 900, 1300) * 100;
	return rng_range(&d->r, 500, 5000) * 100;
}

/* One or two materials of the kind that are missing: as text joined with
 * "，" (an entrustment's note; the application's checklist is ticked by
 * it) and, when json is given, as the list an application keeps (a JSON
 * array made by SQLite). */
static int missing_items(struct demo *d, const struct kind *k, char out[512], char json[1024])
{
	const char *x = "户口簿复印件", *y = NULL;
	if (k->n_materials > 0) {
		size_t a = (size_t)rng_below(&d->r, (int)k->n_materials);
		size_t b = (size_t)rng_below(&d->r, (int)k->n_materials);
		x = k->materials[a];
		y = a != b ? k->materials[b] : NULL;
	}
	snprintf(out, 512, "%s%s%s", x, y ? "，" : "", y ? y : "");
	if (json == NULL)
		return 0;
	sqlite3_stmt *st;
	if (store_query(d->s, &st, d->e, "SELECT CASE WHEN ?2 IS NULL THEN json_array(?1) ELSE json_array(?1, ?2) END",
			"ss", x, y) != 0 ||
	    store_row(d->s, st, "%lld", 0, d->e) != 0)
		return -1;
	store_col_text(st, 0, json, 1024);
	sqlite3_reset(st);
	return 0;
}

static int insert_authorisations(struct demo *d, const struct plan *p,
				 const struct dhousehold *h, int64_t app)
{
	for (int i = 0; i < h->n; i++) {
		int y, m, dd;
		date_to_ymd(h->m[i].id.birth, &y, &m, &dd);
		if (date_from_ymd(y + 18, m, m == 2 && dd == 29 ? 28 : dd) > p->rec)
			continue;	/* not yet 18 when the application came */
		bool signed_ = p->acc != DATE_NONE || rng_pct(&d->r, 85);
		char on[11];
		date_text(p->rec - rng_below(&d->r, 3), on);
		struct field f[] = {
			F_INT("application_id", app), F_INT("person_id", h->m[i].person_id),
			F_INT("signed", signed_), signed_ ? F_TEXT("signed_on", on) : F_NULL("signed_on"),
			signed_ ? F_TEXT("method", rng_pct(&d->r, 70) ? "paper" : "electronic")
				: F_NULL("method"),
		};
		if (store_insert(d->s, "authorisations", f, 5, NULL, d->e) != 0)
			return -1;
	}
	return 0;
}

static int insert_investigation(struct demo *d, date_t visited, int64_t app)
{
	static const char *const findings[] = {
		"入户核实，家庭成员患病，无稳定收入",
		"入户核实，主要劳动力残疾，靠务农维持生活",
		"入户核实，家中老人无人赡养，收入低于标准",
		"入户核实，因病致贫，医疗支出大",
		"入户核实，收入来源为零星务工，情况属实",
		"入户核实，家庭有在外务工人员，收入较稳定",
	};
	char visitors[96], on[11];
	snprintf(visitors, sizeof visitors, "%s、%s", d->clerk_name[0], d->clerk_name[1]);
	date_format(visited, on);
	struct field f[] = {
		F_INT("application_id", app), F_TEXT("visited_on", on), F_TEXT("visitors", visitors),
		F_TEXT("findings", findings[rng_below(&d->r, (int)(sizeof findings / sizeof findings[0]))]),
		F_INT("monthly_income", rng_range(&d->r, 0, 2500) * 100),
		F_TEXT("assets", rng_pct(&d->r, 70) ? "自有砖混住房一处，无车辆" : "无房产，无车辆，存款少量"),
	};
	return store_insert(d->s, "investigations", f, 6, NULL, d->e);
}

/* The kind's checklist: all present once accepted; before that, the
 * items of the one-time notice (or, now and then, one) are still missing. */
static int insert_materials(struct demo *d, const struct plan *p, int64_t app, const char *items)
{
	const struct kind *k = p->kind;
	bool complete = p->acc != DATE_NONE;
	for (size_t i = 0; i < k->n_materials; i++) {
		bool present = complete || (items[0] ? strstr(items, k->materials[i]) == NULL
					    : !rng_pct(&d->r, 10));
		struct field f[] = {
			F_INT("application_id", app), F_TEXT("material", k->materials[i]),
			F_INT("present", present),
		};
		if (store_insert(d->s, "application_materials", f, 3, NULL, d->e) != 0)
			return -1;
	}
	return 0;
}

/* A delegated approval is filed with the county a few days after the
 * decision (no randomness drawn: the rest of the data stays as it was);
 * the last few days' are not filed yet. */
static date_t filed_on(const struct demo *d, const struct plan *p)
{
	if (!p->delegated || !reaches(p, CASE_APPROVED) || p->dec == DATE_NONE)
		return DATE_NONE;
	date_t f = p->dec + 3 + (date_t)((uint32_t)p->dec % 8);
	return f <= d->today ? f : DATE_NONE;
}

/* The next deadline, as case.c keeps it after every step. */
static date_t next_due(const struct demo *d, const struct plan *p, const char **what)
{
	struct case_dates cd = {
		.kind = p->kind->code, .state = case_workflow.states[p->target].code, .received_on = p->rec,
		.missing_deadline = p->miss_dl, .accepted_on = p->acc,
		.publicity_to = p->pub_to, .county_submitted_on = p->cty,
		.decided_on = p->dec, .refusal_notified_on = p->ref_note,
		.county_filed_on = filed_on(d, p),
		.delegated = p->delegated, .special_extension = p->objection,
	};
	return case_next_due(d->cfg, &cd, what);
}

/* The village's list posted that day: one batch per village and day. */
static int publicity_batch(struct demo *d, size_t vi, date_t on, int days, int64_t *id)
{
	int day = on - d->batch_base;
	int64_t *slot = day >= 0 && day < d->batch_days ? &d->batch[vi * (size_t)d->batch_days + (size_t)day] : NULL;
	if (slot != NULL && *slot != 0) {
		*id = *slot;
		return 0;
	}
	char from[11], to[11];
	date_format(on, from);
	date_format(config_publicity_end(d->cfg, on, days), to);
	struct field f[] = {
		F_INT("village_id", d->vil[vi].id), F_TEXT("posted_on", from),
		F_TEXT("ends_on", to), F_TEXT("posted_by", d->clerk_name[0]),
	};
	if (store_insert(d->s, "publicity_batches", f, 4, id, d->e) != 0)
		return -1;
	if (slot != NULL)
		*slot = *id;
	return 0;
}

static int publicity_entry(struct demo *d, const struct plan *p, size_t vi, date_t on,
			   int64_t app, int64_t amount, int64_t *batch)
{
	if (publicity_batch(d, vi, on, p->lim->publicity_days, batch) != 0)
		return -1;
	struct field f[] = {
		F_INT("batch_id", *batch), F_INT("application_id", app),
		F_TEXT("proposal", p->include ? "include" : "exclude"),
		p->include ? F_INT("amount", amount) : F_NULL("amount"),
	};
	return store_insert(d->s, "publicity_entries", f, 4, NULL, d->e);
}

/* The lists the case was on, and the objection that sent it back. */
static int insert_publicity(struct demo *d, const struct plan *p, const struct dhousehold *h,
			    int64_t app, int64_t amount)
{
	int64_t first, last;
	if (publicity_entry(d, p, h->vi, p->pub1, app, amount, &first) != 0)
		return -1;
	if (p->obj == DATE_NONE)
		return 0;
	if (publicity_entry(d, p, h->vi, p->pub_from, app, amount, &last) != 0)
		return -1;
	char on[11];
	date_format(p->obj, on);
	struct field o[] = {
		F_INT("application_id", app), F_INT("batch_id", first), F_TEXT("received_on", on),
		F_TEXT("content", OBJECTION), F_TEXT("outcome", "经复查，异议不成立，重新公示"),
	};
	/* Only columns of schema version 3, which test_states.c populates:
	 * the objector is named in the timeline's note. */
	return store_insert(d->s, "objections", o, 5, NULL, d->e);
}

static int insert_entrustment(struct demo *d, size_t vi, int agent, const struct dhousehold *h,
			      const struct kind *matter, enum entrust_state state, date_t received,
			      date_t replied, int64_t app);

/* The entrustment behind an application brought by a helper agent. */
static int linked_entrustment(struct demo *d, const struct plan *p, const struct dhousehold *h,
			      int agent, int64_t app)
{
	enum entrust_state st;
	date_t replied = p->last;
	if (p->target == CASE_RECEIVED || p->target == CASE_MISSING) {
		st = ENTRUST_HANDLING;
		replied = DATE_NONE;
	} else if (p->target == CASE_WITHDRAWN) {
		st = ENTRUST_TERMINATED;
	} else if (p->target == CASE_APPROVED || p->target == CASE_REFUSED || p->target == CASE_ANNOUNCED) {
		st = rng_pct(&d->r, 70) ? ENTRUST_FILED : ENTRUST_RATED;
	} else {
		st = ENTRUST_FEEDBACK;
	}
	const struct kind *matter = p->kind->helper_service ? p->kind : d->helper_kinds[0];
	return insert_entrustment(d, h->vi, agent, h, matter, st,
				  p->rec - rng_below(&d->r, 3), replied, app);
}

/* ---- The rolls (在册): reviews, re-certifications, changes ---- */

static int roll_event(struct demo *d, int64_t roll, date_t on, const char *step, const char *from,
		      const char *to, const char *note, int64_t amount)
{
	struct wf_event ev = { .id = roll, .on = on, .step = step, .from = from, .to = to,
			       .note = note, .who = d->clerk_name[0], .value = &amount };
	return workflow_event(&roll_workflow, d->s, &ev, d->e);
}

/* A review a year (or half a year) after enrolment, if that is past;
 * otherwise, now and then (and whenever something changed), one in between
 * when the household reported a change. */
static int demo_review(struct demo *d, int64_t roll, const struct dhousehold *h, date_t since,
		       const char *cls, const char *outcome, date_t *visited, date_t *next)
{
	const struct review_interval *iv = config_review(d->cfg, cls);
	int months = iv != NULL ? iv->months : 12;
	date_t visit = date_add_months(since, months) - rng_below(&d->rr, 20);
	char v[11], n[11];
	*next = date_add_months(since, months);
	*visited = DATE_NONE;
	if (visit >= d->today && d->today - since > 2 &&
	    (strcmp(outcome, "unchanged") != 0 || rng_pct(&d->rr, 40)))
		visit = since + rng_range(&d->rr, 1, (int)(d->today - since - 1));
	if (visit >= d->today || visit <= since)
		return 0;
	*visited = visit;
	*next = date_add_months(visit, months);
	if (roll == 0)		/* only deciding */
		return 0;
	date_format(visit, v);
	date_format(*next, n);
	struct field f[] = {
		F_INT("roll_id", roll), F_INT("household_id", h->id), F_TEXT("visited_on", v),
		F_TEXT("visitors", "李经办、村干部"),
		F_TEXT("findings", strcmp(outcome, "unchanged") == 0 ? "家庭收入和成员情况无明显变化"
								       : "家庭收入有变化"),
		F_TEXT("outcome", outcome), F_TEXT("household_class", cls), F_TEXT("next_review_on", n),
	};
	return store_insert(d->s, "reviews", f, (int)(sizeof f / sizeof f[0]), NULL, d->e);
}

/* A beneficiary's last re-certification, if any (on = DATE_NONE: none
 * yet), and when the next is due: [alerts] recert_months later. */
struct drecert {
	date_t on, due;
	const char *method;
};

static void demo_recert_plan(struct demo *d, date_t since, struct drecert *c)
{
	static const char *const methods[] = { "in_person", "video", "home", "village" };
	c->on = DATE_NONE;
	if (d->today - since >= 2 && !rng_pct(&d->rr, 30)) {
		c->on = since + rng_range(&d->rr, 1, (int)(d->today - since - 1));
		c->method = methods[rng_below(&d->rr, 4)];
	}
	c->due = date_add_months(c->on != DATE_NONE ? c->on : since, d->cfg->recert_months);
}

static int demo_recert(struct demo *d, int64_t app, const struct dhousehold *h,
		       const struct drecert *c)
{
	if (c->on == DATE_NONE)
		return 0;
	char on[11], due[11];
	date_format(c->on, on);
	date_format(c->due, due);
	struct field f[] = {
		F_INT("application_id", app), F_INT("person_id", h->m[0].person_id),
		F_TEXT("checked_on", on), F_TEXT("method", c->method), F_TEXT("next_due_on", due),
	};
	return store_insert(d->s, "recertifications", f, 5, NULL, d->e);
}

/* The amount a demo review proposes instead of `amount`. */
static int64_t proposed_amount(int64_t amount)
{
	return amount > 10000 ? amount - 10000 : amount + 5000;
}

/* The columns of a roll row whose review found `state` on day `on`. */
static int roll_state_fields(const struct config *cfg, const char *state, const char *on,
			     int64_t amount, struct field *f, char to[11], date_t on_day)
{
	int n = 0;
	if (strcmp(state, "suspended") == 0) {
		f[n++] = F_TEXT("suspended_on", on);
		f[n++] = F_TEXT("suspend_reason", "外出务工，暂时联系不上");
	} else if (strcmp(state, "change_pending") == 0) {
		f[n++] = F_INT("new_amount", proposed_amount(amount));
		f[n++] = F_TEXT("change_reason", "家庭收入有变化");
	} else if (strcmp(state, "ended") == 0) {
		f[n++] = F_TEXT("end_reason", "家庭收入超过保障标准");
		f[n++] = F_TEXT("ended_on", on);
	} else if (strcmp(state, "active") != 0) {
		/* 特困: publicised from the review's day, as roll.c counts it. */
		date_format(config_publicity_end(cfg, on_day, config_limits(cfg, "tekun")->publicity_days), to);
		f[n++] = F_TEXT("end_reason", "不再符合特困人员认定条件");
		f[n++] = F_TEXT("end_publicity_from", on);
		f[n++] = F_TEXT("end_publicity_to", to);
	}
	return n;
}

static const char *roll_state_step(const char *state)
{
	return strcmp(state, "suspended") == 0 ? "suspend"
	       : strcmp(state, "change_pending") == 0 ? "change" : "end";
}

/* An announced monthly case on the rolls: mostly in force, some changed,
 * suspended or ended by a review, with its re-certification; the
 * household's class and next review date. Each row is inserted as it
 * ends up (one audit row); only the household is updated. */
static int demo_roll(struct demo *d, const struct plan *p, const struct dhousehold *h, int64_t app,
		     int64_t amount)
{
	int x = rng_below(&d->rr, 100);
	bool tekun = p->kind == d->tekun;
	const char *state = x < 80 ? "active" : x < 86 ? "suspended" : x < 90 ? "change_pending"
			  : x < 97 || !tekun ? "ended" : "end_pending";
	const char *cls = tekun ? "tekun" : rng_pct(&d->rr, 35) ? "irregular" : "stable";
	const char *outcome = strcmp(state, "active") == 0 ? "unchanged" : roll_state_step(state);
	date_t since = p->ann, next, visited = DATE_NONE;
	char sn[11], on[11] = "", nx[11], to[11], rd[11];
	int64_t roll, hv = 1;
	struct drecert rc;
	demo_recert_plan(d, since, &rc);
	/* The review first decides; its row is written once the roll's is. */
	struct rng keep = d->rr;
	if (demo_review(d, 0, h, since, cls, outcome, &visited, &next) != 0)
		return -1;
	d->rr = keep;
	if (visited == DATE_NONE)
		state = "active";
	date_format(since, sn);
	if (visited != DATE_NONE)
		date_format(visited, on);
	date_format(rc.due, rd);
	struct field f[14] = {
		F_INT("application_id", app), F_INT("household_id", h->id),
		F_INT("village_id", d->vil[h->vi].id), F_TEXT("kind", p->kind->code),
		F_INT("amount", amount), F_TEXT("since_on", sn), F_TEXT("state", state),
		F_TEXT("recert_due_on", rd), F_TEXT("name", h->m[0].name),
	};
	int n = 9 + roll_state_fields(d->cfg, state, on, amount, f + 9, to, visited);
	if (store_insert(d->s, "rolls", f, n, &roll, d->e) != 0 ||
	    roll_event(d, roll, since, "enrol", NULL, "active", "公布后纳入在册", amount) != 0 ||
	    demo_review(d, roll, h, since, cls, outcome, &visited, &next) != 0 ||
	    demo_recert(d, app, h, &rc) != 0)
		return -1;
	if (strcmp(state, "active") != 0 &&
	    roll_event(d, roll, visited, roll_state_step(state), "active", state, NULL,
		       strcmp(state, "change_pending") == 0 ? proposed_amount(amount) : amount) != 0)
		return -1;
	date_format(next, nx);
	struct field hf[] = { F_TEXT("household_class", cls), F_TEXT("next_review_on", nx) };
	if (store_query_int(d->s, &hv, d->e, "SELECT version FROM households WHERE id = ?", "i",
			    h->id) != 0)
		return -1;
	return store_update(d->s, "households", h->id, hv, hf, 2, d->e);
}

static int insert_application(struct demo *d, const struct dhousehold *h)
{
	struct plan p;
	draw_plan(d, &p);
	place_plan(d, &p);
	const struct dvillage *v = &d->vil[h->vi];
	const char *clerk = d->clerk_name[rng_below(&d->r, 2)];
	int x = rng_below(&d->r, 100), agent = -1;
	const char *channel = x < 65 ? "window" : x < 85 || v->n_agents == 0 ? "online" : "agent";
	if (strcmp(channel, "agent") == 0)
		agent = rng_below(&d->r, v->n_agents);
	int64_t proposed = p.include ? monthly_amount(d, &p, h->n) : 0;
	bool close_rel = rng_pct(&d->r, 3);
	bool urgent = strcmp(p.kind->code, "linshi") == 0 && rng_pct(&d->r, 25);
	/* Most urgent cases are paid first (先行救助) on the day of receipt;
	 * chosen without the random sequence, which the rest of the data
	 * (and the tests that know it) depends on. */
	bool prepaid = urgent && p.wdr == DATE_NONE && d->n_apps % 5 != 0;
	char paid_on[11] = "";
	if (prepaid)
		date_format(p.rec, paid_on);
	char items[512] = "", items_json[1024] = "[]";
	if (p.miss != DATE_NONE && missing_items(d, p.kind, items, items_json) != 0)
		return -1;

	const char *due_what = NULL;
	char t[16][11];
	date_t dates[16] = { p.rec, p.acc, p.miss, p.miss_dl, p.wdr, p.inv, p.rev,
			     p.pub_from, p.pub_to, p.cty, p.dec, p.ref_note, p.ann,
			     reaches(&p, CASE_APPROVED) ? p.dec + 365 : DATE_NONE,
			     next_due(d, &p, &due_what), filed_on(d, &p) };
	for (int i = 0; i < 16; i++)
		date_text(dates[i], t[i]);
#define D(col, i) (t[i][0] ? F_TEXT(col, t[i]) : F_NULL(col))
	bool decided = p.dec != DATE_NONE, approved = reaches(&p, CASE_APPROVED);
	struct field f[] = {
		F_INT("household_id", h->id), F_INT("applicant_id", h->m[0].person_id),
		F_TEXT("kind", p.kind->code), F_TEXT("channel", channel),
		agent >= 0 ? F_INT("agent_id", v->agent_id[agent]) : F_NULL("agent_id"),
		F_TEXT("state", case_workflow.states[p.target].code),
		D("received_on", 0), D("accepted_on", 1), D("missing_notice_on", 2),
		items[0] ? F_TEXT("missing_items", items_json) : F_NULL("missing_items"),
		D("missing_deadline", 3), D("withdrawn_on", 4), D("investigation_started_on", 5),
		D("initial_review_on", 6),
		p.rev != DATE_NONE ? F_TEXT("initial_opinion", p.include ? "include" : "exclude")
				   : F_NULL("initial_opinion"),
		p.rev != DATE_NONE && p.include ? F_INT("proposed_amount", proposed) : F_NULL("proposed_amount"),
		D("publicity_from", 7), D("publicity_to", 8), D("county_submitted_on", 9),
		D("decided_on", 10),
		decided ? F_TEXT("decision", approved ? "approved" : "refused") : F_NULL("decision"),
		approved ? F_INT("amount", proposed) : F_NULL("amount"),
		decided && !approved ? F_TEXT("refusal_reason", refusal_reason(d, &p))
				     : F_NULL("refusal_reason"),
		D("refusal_notified_on", 11), D("announced_on", 12),
		F_INT("delegated", p.delegated),
		F_INT("special_extension", p.objection),
		p.objection ? F_TEXT("special_reason", d->cfg->special_reasons[0]) : F_NULL("special_reason"),
		F_INT("close_relative", close_rel),
		close_rel ? F_TEXT("close_relative_note", "申请人之子系村民委员会委员，已备案")
			  : F_NULL("close_relative_note"),
		F_INT("urgent", urgent), D("next_recert_on", 13), F_TEXT("created_by", clerk),
		D("next_due_on", 14), F_TEXT("next_due_what", due_what), D("county_filed_on", 15),
		prepaid ? F_TEXT("prepaid_on", paid_on) : F_NULL("prepaid_on"),
		prepaid ? F_INT("prepaid_amount", 50000 + 10000 * (int64_t)(d->n_apps % 26))
			: F_NULL("prepaid_amount"),
	};
#undef D
	int64_t app;
	/* A store of an older version (the migration tests fill one) has no
	 * county_filed_on, or no prepaid columns: the last columns are left
	 * out there. */
	int n = (int)(sizeof f / sizeof f[0]) - (d->prepay ? 0 : 2) - !d->filing;
	if (store_insert(d->s, "applications", f, n, &app, d->e) != 0)
		return -1;
	d->n_apps++;
	if (insert_materials(d, &p, app, items) != 0 || insert_authorisations(d, &p, h, app) != 0 ||
	    insert_events(d, &p, app, clerk, items) != 0)
		return -1;
	if (p.visit != DATE_NONE && insert_investigation(d, p.visit, app) != 0)
		return -1;
	if (p.visit2 != DATE_NONE && insert_investigation(d, p.visit2, app) != 0)
		return -1;
	if (p.pub_from != DATE_NONE && insert_publicity(d, &p, h, app, proposed) != 0)
		return -1;
	if (d->rolls && p.target == CASE_ANNOUNCED && !p.kind->one_off &&
	    demo_roll(d, &p, h, app, proposed) != 0)
		return -1;
	return agent >= 0 ? linked_entrustment(d, &p, h, agent, app) : 0;
}

/* ---- Entrustments (帮办代办) ---- */

static int insert_entrustment(struct demo *d, size_t vi, int agent, const struct dhousehold *h,
			      const struct kind *matter, enum entrust_state state, date_t received,
			      date_t replied, int64_t app)
{
	static const char *const channels[] = { "phone", "network", "paper" };
	static const char *const ratings[] = { "满意", "满意", "满意", "满意", "基本满意", "不满意" };
	const struct dvillage *v = &d->vil[vi];
	/* Usually the head; now and then the oldest member asks. */
	const struct member *client = &h->m[0];
	for (int i = 1; i < h->n; i++)
		if (h->m[i].age > client->age && h->m[i].age >= 60 && rng_pct(&d->r, 50))
			client = &h->m[i];
	bool done = state >= ENTRUST_FEEDBACK || state == ENTRUST_OUT_OF_SCOPE;
	if (done && replied == DATE_NONE)
		replied = wd(d, received, rng_range(&d->r, 1, 6));
	if (replied != DATE_NONE && replied > d->today)
		replied = d->today;
	if (!done)
		replied = DATE_NONE;
	date_t filed = state == ENTRUST_FILED ? replied + rng_range(&d->r, 1, 10) : DATE_NONE;
	if (filed != DATE_NONE && filed > d->today)
		filed = d->today;
	const char *result = NULL;
	switch (state) {
	case ENTRUST_OUT_OF_SCOPE: result = "不属于帮办代办服务范围，已告知委托人并引导至相关部门"; break;
	case ENTRUST_FEEDBACK: result = "材料已送乡镇窗口，正在审核，已告知委托人"; break;
	case ENTRUST_TERMINATED: result = "委托人终止委托，材料已退还"; break;
	case ENTRUST_RATED: case ENTRUST_FILED: result = app ? "已办结，审核结果已告知委托人" : "已办结"; break;
	default: break;
	}
	char rec[11], due[11], rep[11], fil[11], items[512] = "";
	date_format(received, rec);
	date_format(wd(d, received, config_limits(d->cfg, matter->code)->helper_handle), due);
	date_text(replied, rep);
	date_text(filed, fil);
	if (state == ENTRUST_MISSING)
		missing_items(d, matter, items, NULL);
	struct field f[] = {
		F_INT("village_id", v->id), F_INT("agent_id", v->agent_id[agent]),
		F_TEXT("client_name", client->name), F_INT("client_person_id", client->person_id),
		F_TEXT("client_phone", h->phone[0] ? h->phone : NULL),
		F_TEXT("matter", matter->code), F_TEXT("channel", channels[rng_below(&d->r, 3)]),
		F_TEXT("state", entrust_workflow.states[state].code), F_TEXT("received_on", rec), F_TEXT("due_on", due),
		items[0] ? F_TEXT("missing_items", items) : F_NULL("missing_items"),
		F_TEXT("result", result), rep[0] ? F_TEXT("replied_on", rep) : F_NULL("replied_on"),
		F_TEXT("terminated_reason", state == ENTRUST_TERMINATED ? "委托人主动终止" : NULL),
		F_INT("papers_returned", state == ENTRUST_TERMINATED),
		F_TEXT("rating", state == ENTRUST_RATED || state == ENTRUST_FILED
		       ? ratings[rng_below(&d->r, 6)] : NULL),
		fil[0] ? F_TEXT("filed_on", fil) : F_NULL("filed_on"),
		app ? F_INT("application_id", app) : F_NULL("application_id"),
	};
	return store_insert(d->s, "entrustments", f, (int)(sizeof f / sizeof f[0]), NULL, d->e);
}

/* A standalone entrustment: the k-th of n_ent_target is received about
 * k/n of a year ago, so every recent quarter has some; open ones are
 * recent whatever their place. */
static int standalone_entrustment(struct demo *d, const struct dhousehold *h)
{
	size_t k = d->n_ent, n = d->n_ent_target;
	int age = (int)(k * 365 / n) + rng_below(&d->r, (int)(365 / n) + 1);
	enum entrust_state st;
	if (k < ENTRUST_N_STATES)
		st = est_forced[k];
	else if (age <= 20)
		st = (enum entrust_state)rng_below(&d->r, ENTRUST_N_STATES);
	else
		st = rng_pct(&d->r, 75) ? ENTRUST_FILED : rng_pct(&d->r, 50) ? ENTRUST_RATED
		     : rng_pct(&d->r, 50) ? ENTRUST_TERMINATED : ENTRUST_OUT_OF_SCOPE;
	if (st == ENTRUST_REGISTERED || st == ENTRUST_MISSING || st == ENTRUST_HANDLING || st == ENTRUST_FEEDBACK)
		age = rng_range(&d->r, 0, 12);
	if (age > 364)
		age = 364;
	const struct dvillage *v = &d->vil[h->vi];
	const struct kind *matter = d->helper_kinds[rng_below(&d->r, (int)d->n_helper_kinds)];
	d->n_ent++;
	return insert_entrustment(d, h->vi, rng_below(&d->r, v->n_agents), h, matter, st,
				  d->today - age, DATE_NONE, 0);
}

/* ---- The whole run ---- */

static int generate(struct demo *d, size_t n_households)
{
	if (load_villages(d) != 0 || load_kinds(d) != 0 || alloc_tables(d) != 0 ||
	    load_taken(d) != 0)
		return -1;
	find_county_code(d);
	if (add_staff(d) != 0)
		return -1;
	d->n_ent_target = n_households / 100 > 12 ? n_households / 100 : 12;
	size_t every = n_households / d->n_ent_target;
	if (every == 0)
		every = 1;
	for (size_t i = 0; i < n_households; i++) {
		struct dhousehold h;
		if (insert_household(d, i % d->n_vil, &h) != 0)
			return err_prefix(d->e, "生成第 %zu 户：", i + 1);
		if (i % every == 0 && d->n_ent + (d->ent_pending ? 1 : 0) < d->n_ent_target)
			d->ent_pending = true;
		if (d->ent_pending && d->vil[h.vi].n_agents > 0) {
			d->ent_pending = false;
			if (standalone_entrustment(d, &h) != 0)
				return err_prefix(d->e, "生成帮办代办记录：");
		}
		/* About one in five; near the end, whatever every state still needs. */
		bool force = d->n_apps < CASE_N_STATES && n_households - i <= CASE_N_STATES - d->n_apps;
		if ((rng_pct(&d->r, 20) || force) &&
		    insert_application(d, &h) != 0)
			return err_prefix(d->e, "生成第 %zu 户的申请：", i + 1);
	}
	return 0;
}

int demo_generate(struct store *s, const struct config *cfg, const struct catalogue *cat,
		  const struct validator *v, size_t n_households, unsigned seed, struct err *e)
{
	struct demo d = {
		.s = s, .cfg = cfg, .cat = cat, .v = v, .e = e,
		.r = { .s = 0x6A69757A6875ULL ^ ((uint64_t)seed << 17) ^ seed },
		.rr = { .s = 0x726F6C6C73ULL ^ ((uint64_t)seed << 17) ^ seed },
		.today = date_today(),
	};
	int64_t filing;
	if (store_query_int(s, &filing, e, "SELECT count(*) FROM pragma_table_info('applications') "
			    "WHERE name = 'county_filed_on'", "") != 0)
		return err_prefix(e, "生成演示数据：");
	d.filing = filing > 0;
	int64_t rolls;
	if (store_query_int(s, &rolls, e, "SELECT count(*) FROM sqlite_master WHERE name = 'rolls'",
			    "") != 0)
		return err_prefix(e, "生成演示数据：");
	d.rolls = rolls > 0;
	if (store_query_int(s, &filing, e, "SELECT count(*) FROM pragma_table_info('applications') "
			    "WHERE name = 'prepaid_on'", "") != 0)
		return err_prefix(e, "生成演示数据：");
	d.prepay = filing > 0;
	if (store_begin(s, e) != 0)
		return err_prefix(e, "生成演示数据：");
	/* The data is the office's, in its own villages: the user's roles
	 * still decide what may be written, but the area is not looked up
	 * again for each of 400,000 rows (two queries a person). */
	struct store_actor saved = *store_actor(s), whole = access_whole_area(&saved);
	store_set_actor(s, &whole);
	int rc = generate(&d, n_households);
	if (rc == 0)
		rc = demo_referrals(s, cfg, cat, n_households, seed, e);
	store_set_actor(s, &saved);
	demo_free(&d);
	if (rc == 0 && store_bulk_active(s))
		rc = search_reindex(s, e);
	if (rc != 0) {
		store_rollback(s);
		return err_prefix(e, "生成演示数据失败，数据库未作改动：");
	}
	if (store_commit(s, e) != 0)
		return err_prefix(e, "生成演示数据：");
	return 0;
}
