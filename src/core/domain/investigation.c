#include "core/domain/investigation.h"
#include "core/domain/access.h"

#include <errno.h>
#include <nettle/sha2.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/text.h"
#include "core/domain/case.h"

int file_sha256(const char *path, char hex[65], struct err *e)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return err_set(e, "附件文件 %s 无法读取：%s", path, strerror(errno));
	struct sha256_ctx st;	/* the audit chain's SHA-256 (store/audit.c) */
	unsigned char buf[65536], out[SHA256_DIGEST_SIZE];
	size_t n;
	sha256_init(&st);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sha256_update(&st, n, buf);
	int bad = ferror(f);
	fclose(f);
	if (bad)
		return err_set(e, "读取附件文件 %s 时出错", path);
	sha256_digest(&st, sizeof out, out);
	sodium_bin2hex(hex, 65, out, sizeof out);
	return 0;
}

static int add_attachments(struct store *s, int64_t app_id, int64_t inv, const char *list,
			   const char *day, struct err *e)
{
	char *copy = strdup(list), *save = NULL;
	int rc = 0;
	for (char *p = strtok_r(copy, ",，", &save); p != NULL && rc == 0; p = strtok_r(NULL, ",，", &save)) {
		while (*p == ' ')
			p++;
		size_t len = strlen(p);
		while (len > 0 && p[len - 1] == ' ')
			p[--len] = '\0';
		if (len == 0)
			continue;
		char hex[65];
		if ((rc = file_sha256(p, hex, e)) != 0)
			break;
		struct field f[] = { F_INT("application_id", app_id), F_INT("investigation_id", inv),
				     F_TEXT("path", p), F_TEXT("sha256", hex), F_TEXT("added_on", day) };
		rc = store_insert(s, "attachments", f, 5, NULL, e);
	}
	free(copy);
	return rc;
}

int investigation_add(struct store *s, int64_t app_id, const struct investigation_in *in,
		      int64_t *id, struct err *e)
{
	char day[11];
	int64_t inv;
	int64_t village;
	if (store_query_int(s, &village, e, "SELECT h.village_id FROM applications a JOIN households h "
			    "ON h.id = a.household_id WHERE a.id = ?", "i", app_id) != 0 ||
	    access_check(s, ACT_CASE_PAPERS, village, e) != 0)
		return -1;
	if (in->visitors == NULL || *in->visitors == '\0')
		return err_set(e, "请填写调查人员");
	if (sodium_init() < 0)
		return err_set(e, "无法初始化 libsodium");
	date_format(in->visited_on, day);
	struct field f[] = { F_INT("application_id", app_id), F_TEXT("visited_on", day),
			     F_TEXT("visitors", in->visitors), F_TEXT("findings", in->findings),
			     F_INT("monthly_income", in->monthly_income), F_TEXT("assets", in->assets) };
	if (store_begin(s, e) != 0)
		return -1;
	if (store_insert(s, "investigations", f, 6, &inv, e) != 0 ||
	    (in->attachments != NULL && add_attachments(s, app_id, inv, in->attachments, day, e) != 0)) {
		store_rollback(s);
		return -1;
	}
	if (id != NULL)
		*id = inv;
	return store_commit(s, e);
}

/* The case's state (the timeline row neither moves it) and receipt day. */
static int case_now(struct store *s, int64_t app_id, char state[24], date_t *received,
		    struct err *e)
{
	sqlite3_stmt *st;
	if (store_query(s, &st, e, "SELECT state, received_on FROM applications WHERE id = ?", "i",
			app_id) != 0 ||
	    store_row(s, st, "申请（编号 %lld）不存在", app_id, e) != 0)
		return -1;
	store_col_text(st, 0, state, 24);
	*received = store_col_date(st, 1);
	sqlite3_reset(st);
	return 0;
}

static int deliberation_rows(struct store *s, int64_t app_id, const struct deliberation_in *in,
			     int64_t *id, struct err *e)
{
	char state[24], day[11];
	date_t received;
	if (case_now(s, app_id, state, &received, e) != 0)
		return -1;
	if (in->held_on < received)
		return err_set(e, "民主评议的日期不能早于申请的接收日期");
	date_format(in->held_on, day);
	struct field f[] = { F_INT("application_id", app_id), F_TEXT("held_on", day),
			     F_TEXT("participants", in->participants), F_TEXT("outcome", in->outcome) };
	if (store_insert(s, "deliberations", f, 4, id, e) != 0)
		return -1;
	struct wf_event ev = { .id = app_id, .on = in->held_on, .step = "deliberation",
			       .from = state, .to = state, .note = in->outcome };
	return workflow_event(&case_workflow, s, &ev, e);
}

int deliberation_add(struct store *s, int64_t app_id, const struct deliberation_in *in,
		     int64_t *id, struct err *e)
{
	int64_t made;
	if (text_blank(in->participants))
		return err_set(e, "请填写参加民主评议的人员");
	if (text_blank(in->outcome))
		return err_set(e, "请填写民主评议的结果");
	if (in->held_on == DATE_NONE || in->held_on > date_today())
		return err_set(e, "民主评议的日期不能晚于今天");
	if (store_begin(s, e) != 0)
		return -1;
	if (deliberation_rows(s, app_id, in, &made, e) != 0) {
		store_rollback(s);
		return -1;
	}
	if (id != NULL)
		*id = made;
	return store_commit(s, e);
}
