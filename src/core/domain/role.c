#include "core/domain/role.h"

#include <string.h>

static const struct role_def roles[] = {
	{ "clerk", "经办人", ROLE_CLERK },
	{ "leader", "分管领导", ROLE_LEADER | ROLE_CLERK },
	{ "village", "村干部", ROLE_VILLAGE },
	{ "agent", "帮办代办员", ROLE_AGENT },
	{ "supervisor", "县民政局", ROLE_SUPERVISOR },
	{ "support", "技术支持", ROLE_SUPPORT },
};

const struct role_def *role_by_code(const char *code)
{
	for (size_t i = 0; code != NULL && i < sizeof roles / sizeof roles[0]; i++)
		if (strcmp(code, roles[i].code) == 0)
			return &roles[i];
	return NULL;
}

/* A role is listed before any role that also acts as it (clerk before
 * leader), so the first holder of the bit is the role itself. */
const char *role_label(unsigned bits)
{
	if (bits == 0 || (bits & (bits - 1)) != 0)
		return NULL;
	for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++)
		if (roles[i].roles & bits)
			return roles[i].label;
	return NULL;
}
