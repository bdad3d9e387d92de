#include "core/domain/access.h"

#include <stdio.h>

struct act_def {
	const char *what;	/* Chinese, in refusals */
	unsigned roles;
};

/* A leader also holds ROLE_CLERK (role.c), so CLERK covers both. */
static const struct act_def acts[ACT_N] = {
	[ACT_HOUSEHOLD] = { "登记家庭和成员", ROLE_CLERK | ROLE_VILLAGE },
	[ACT_CASE_NEW] = { "登记救助申请", ROLE_CLERK | ROLE_VILLAGE | ROLE_AGENT },
	[ACT_CASE_PAPERS] = { "登记材料、授权书和入户调查", ROLE_CLERK },
	[ACT_ENTRUST] = { "登记和办理帮办代办委托", ROLE_CLERK | ROLE_VILLAGE | ROLE_AGENT },
	[ACT_AGENTS] = { "管理帮办代办员名单", ROLE_CLERK | ROLE_ADMIN },
	[ACT_STAFF] = { "管理工作人员和密码", ROLE_ADMIN },
	[ACT_EXPORT] = { "导出台账和报表", ROLE_CLERK | ROLE_SUPERVISOR },
	[ACT_ROLLS] = { "记录动态管理复核和资格认证", ROLE_CLERK },
	[ACT_REFERRAL] = { "登记求助和转办", ROLE_CLERK | ROLE_VILLAGE },
};

struct store_actor access_actor(unsigned roles, int64_t township_id, int64_t village_id)
{
	/* Supervisors read and export; they change nothing. */
	bool reader = roles == 0 || (roles & ~(unsigned)(ROLE_SUPERVISOR | ROLE_SUPPORT)) == 0;
	return (struct store_actor){ .roles = roles, .township_id = township_id,
				     .village_id = roles == 0 ? -1 : village_id,
				     .read_only = reader };
}

struct store_actor access_nobody(void)
{
	return access_actor(0, 0, -1);
}

struct store_actor access_whole_area(const struct store_actor *a)
{
	struct store_actor whole = *a;
	whole.township_id = 0;
	whole.village_id = a->village_id < 0 ? -1 : 0;
	return whole;
}

bool access_may(const struct store *s, enum act act)
{
	return (store_actor(s)->roles & acts[act].roles) != 0;
}

void access_area(const struct store *s, int64_t *township, int64_t *village)
{
	const struct store_actor *a = store_actor(s);
	*township = a->township_id;
	*village = a->village_id;
}

int access_area_check(struct store *s, int64_t village_id, const char *noun, struct err *e)
{
	const struct store_actor *a = store_actor(s);
	if (a->village_id < 0)
		return err_set(e, "当前用户（%s）没有任何角色，不能查看或办理%s", store_user(s), noun);
	if (village_id == 0 || (a->village_id == 0 && a->township_id == 0))
		return 0;
	if (a->village_id > 0 && a->village_id != village_id)
		return err_set(e, "该%s不属于您负责的村（社区），不能查看或办理", noun);
	int64_t township;
	if (a->township_id > 0 &&
	    (store_query_int(s, &township, e, "SELECT township_id FROM villages WHERE id = ?", "i",
			     village_id) != 0))
		return -1;
	if (a->township_id > 0 && township != a->township_id)
		return err_set(e, "该%s不属于您负责的乡镇（街道），不能查看或办理", noun);
	return 0;
}

int access_household(struct store *s, int64_t household_id, struct err *e)
{
	int64_t village;
	if (store_query_int(s, &village, e, "SELECT village_id FROM households WHERE id = ?", "i",
			    household_id) != 0)
		return -1;
	return access_area_check(s, village, "家庭", e);
}

/* An export reads the whole store through the reports' own queries, which
 * know no area: only an actor whose area is the whole store may export. */
static int covers_store(struct store *s, struct err *e)
{
	const struct store_actor *a = store_actor(s);
	int64_t others;
	if (a->village_id != 0)
		return err_set(e, "村（社区）工作人员不能导出全乡镇的台账和报表");
	if (a->township_id == 0)
		return 0;
	if (store_query_int(s, &others, e, "SELECT count(*) FROM townships WHERE id <> ?", "i",
			    a->township_id) != 0)
		return -1;
	return others == 0 ? 0 : err_set(e, "数据库中有其他乡镇的数据，只有县级人员可以导出");
}

int access_check(struct store *s, enum act act, int64_t village_id, struct err *e)
{
	if (!access_may(s, act))
		return err_set(e, "当前用户（%s）的角色不能%s", store_user(s), acts[act].what);
	if (act == ACT_EXPORT)
		return covers_store(s, e);
	return access_area_check(s, village_id, "记录", e);
}
