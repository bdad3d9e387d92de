#include "core/domain/role.h"

#include <stdio.h>
#include <string.h>

static const struct role_def roles[] = {
	{ "clerk", "经办人", ROLE_CLERK },
	{ "leader", "分管领导", ROLE_LEADER | ROLE_CLERK },
	{ "village", "村干部", ROLE_VILLAGE },
	{ "agent", "帮办代办员", ROLE_AGENT },
	{ "supervisor", "县民政局", ROLE_SUPERVISOR },
	{ "support", "技术支持", ROLE_SUPPORT },
	{ "admin", "系统管理员", ROLE_ADMIN },
};
#define N_ROLES (sizeof roles / sizeof roles[0])

static const struct role_def *role_by_span(const char *code, size_t len)
{
	for (size_t i = 0; code != NULL && i < N_ROLES; i++)
		if (strlen(roles[i].code) == len && strncmp(code, roles[i].code, len) == 0)
			return &roles[i];
	return NULL;
}

const struct role_def *role_by_code(const char *code)
{
	return code != NULL ? role_by_span(code, strlen(code)) : NULL;
}

/* A role is listed before any role that also acts as it (clerk before
 * leader), so the first holder of the bit is the role itself. */
const char *role_label(unsigned bits)
{
	if (bits == 0 || (bits & (bits - 1)) != 0)
		return NULL;
	for (size_t i = 0; i < N_ROLES; i++)
		if (roles[i].roles & bits)
			return roles[i].label;
	return NULL;
}

int role_parse(const char *codes, unsigned *bits, struct err *e)
{
	*bits = 0;
	if (codes == NULL || *codes == '\0')
		return err_set(e, "没有指定角色（可用：clerk 经办人、leader 分管领导、village 村干部、"
			       "agent 帮办代办员、supervisor 县民政局、support 技术支持、admin 系统管理员）");
	for (const char *p = codes; ; ) {
		size_t len = strcspn(p, ",");
		const struct role_def *r = role_by_span(p, len);
		if (r == NULL)
			return err_set(e, "未知的角色“%.*s”（可用：clerk、leader、village、agent、"
				       "supervisor、support、admin，多个用逗号分隔）", (int)len, p);
		*bits |= r->roles;
		if (p[len] == '\0')
			return 0;
		p += len + 1;
	}
}

void role_codes_label(const char *codes, char *out, size_t n)
{
	size_t used = 0;
	out[0] = '\0';
	for (const char *p = codes; p != NULL && *p; ) {
		size_t len = strcspn(p, ",");
		const struct role_def *r = role_by_span(p, len);
		if (r != NULL && used < n)
			used += (size_t)snprintf(out + used, n - used, "%s%s", used ? "/" : "", r->label);
		p += len + (p[len] == ',');
	}
	if (out[0] == '\0')
		snprintf(out, n, "无角色");
}

int role_codes_of_labels(const char *labels, char *out, size_t n, struct err *e)
{
	size_t used = 0;
	out[0] = '\0';
	for (const char *p = labels; p != NULL && *p; ) {
		size_t len = strcspn(p, "/");
		size_t i = 0;
		while (i < N_ROLES && !(strlen(roles[i].label) == len && strncmp(p, roles[i].label, len) == 0))
			i++;
		if (i == N_ROLES)
			return err_set(e, "未知的角色“%.*s”", (int)len, p);
		if (used < n)
			used += (size_t)snprintf(out + used, n - used, "%s%s", used ? "," : "", roles[i].code);
		p += len + (p[len] == '/');
	}
	return out[0] != '\0' ? 0 : err_set(e, "没有选择角色");
}

void role_codes_short(const char *codes, char *out, size_t n)
{
	/* The role that says most about the work, first. */
	static const char *const order[] = { "leader", "clerk", "supervisor", "village", "agent",
					     "admin", "support" };
	char padded[96];
	int found = 0;
	const char *first = NULL;
	snprintf(padded, sizeof padded, ",%s,", codes != NULL ? codes : "");
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
		char key[16];
		snprintf(key, sizeof key, ",%s,", order[i]);
		if (strstr(padded, key) != NULL && found++ == 0)
			first = role_by_code(order[i])->label;
	}
	snprintf(out, n, "%s%s", first != NULL ? first : "无角色", found > 1 ? "等" : "");
}
