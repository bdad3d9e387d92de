/* 公示公布: the lists a township posts in a village (DOMAIN.md steps 5 and
 * 7). The proposed include and not-include lists of the cases whose initial
 * review is done are posted for publicity_days calendar days, as one batch,
 * all-or-nothing; the approved cases are announced. What is printed is only
 * what 民发〔2021〕57号 Art. 24 allows: name, number of household members and
 * amount — no ID numbers, no addresses, no illness. */
#ifndef JZ_PUBLICITY_H
#define JZ_PUBLICITY_H

#include <stddef.h>
#include <stdint.h>

#include "core/office/catalogue.h"
#include "core/office/config.h"
#include "core/base/date.h"
#include "core/domain/office.h"
#include "core/store/store.h"

/* One case of a list. */
struct pub_row {
	int64_t app_id, version;
	char name[64];		/* the applicant */
	char kind[32];		/* catalogue code */
	int members;		/* household members */
	char opinion[16];	/* include / exclude ("" when announcing) */
	int64_t amount;		/* fen: proposed (publicity) or approved (announcement); 0 = none */
	char state[16];
	int round;		/* which publicity of the case this is (2: 第二次公示) */
};

/* A list of cases; rows owned, freed by pub_list_free. */
struct pub_list {
	struct pub_row *rows;
	size_t n;
};
void pub_list_free(struct pub_list *l);

/* The cases of a village ready to post: state 'reviewed', by kind and name. */
/* Every village in the store, by id, each with the number of its
 * applications reviewed and waiting for publicity. */
int publicity_villages(struct store *s, struct place *out, int max, int *n, struct err *e);
int publicity_ready(struct store *s, int64_t village_id, struct pub_list *out, struct err *e);
/* The cases of a village to announce: 'approved' and 'announced', by kind
 * and name. */
int publicity_approved(struct store *s, int64_t village_id, struct pub_list *out,
		       struct err *e);

/* Posts `list` (as publicity_ready gave it) in village `village_id` on day
 * `on`: one publicity_batches row (ends_on = on + publicity_days - 1, the
 * longest of the kinds in the list), one publicity_entries row per case,
 * and each case moved to 'publicity' by the case workflow's "publicize"
 * step. One transaction: a case changed meanwhile (its version), of another
 * village or no longer reviewed, and nothing is posted. */
int publicity_post(struct store *s, const struct config *cfg, int64_t village_id,
		   const struct pub_list *list, date_t on, unsigned roles,
		   int64_t *batch_id, struct err *e);

/* Takes the "announce" step on every 'approved' case of `list` on day `on`,
 * all-or-nothing, putting the monthly kinds of `cat` on the rolls; *n_out =
 * how many. */
int publicity_announce(struct store *s, const struct config *cfg, const struct catalogue *cat,
		       const struct pub_list *list,
		       date_t on, unsigned roles, size_t *n_out, struct err *e);

/* A posted list. */
struct pub_batch {
	int64_t id, village_id;
	char village[64];
	date_t posted_on, ends_on;
	char posted_by[64];
	int entries;
};

/* The batches still posted on `today` (ends_on >= today), every village,
 * latest first; at most max. */
int publicity_current(struct store *s, date_t today, struct pub_batch *out, size_t max,
		      size_t *n, struct err *e);
/* The latest batch of a village (*id = 0 when none). */
int publicity_latest(struct store *s, int64_t village_id, int64_t *id, struct err *e);
/* The village a batch was posted in; fails naming the batch when absent. */
int publicity_batch_village(struct store *s, int64_t batch_id, int64_t *village_id,
			    struct err *e);

/* Writes the list of batch `batch_id` as .xlsx: one sheet per kind, titled
 * 「XX镇<kind>审核确认公示」, columns 序号, 姓名, 家庭人口, 初审意见, 拟保障金额,
 * then the publicity period, the complaint telephone and the township. */
int publicity_write(struct store *s, const struct config *cfg, const struct catalogue *cat,
		    int64_t batch_id, const char *path, struct err *e);
/* Writes the announcement of village `village_id` (its approved and
 * announced cases) as .xlsx, dated `on`: one sheet per kind. */
int publicity_write_announcement(struct store *s, const struct config *cfg,
				 const struct catalogue *cat, int64_t village_id, date_t on,
				 const char *path, struct err *e);

#endif
