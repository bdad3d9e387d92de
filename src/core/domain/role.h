/* Who may do what: the roles of DOMAIN.md as bits, and their codes (the
 * staff.role column) and Chinese labels, defined once. */
#ifndef JZ_ROLE_H
#define JZ_ROLE_H

enum role {
	ROLE_CLERK = 1,		/* 经办人 */
	ROLE_LEADER = 2,	/* 分管领导 */
	ROLE_SUPERVISOR = 4,	/* 县民政局 */
	ROLE_VILLAGE = 8,	/* 村干部 */
	ROLE_AGENT = 16,	/* 帮办代办员 */
	ROLE_SUPPORT = 32,	/* 技术支持 */
};

struct role_def {
	const char *code;	/* staff.role */
	const char *label;	/* Chinese */
	unsigned roles;		/* what the role may do: a leader also acts as clerk */
};

/* The role of a staff.role code; NULL when unknown. */
const struct role_def *role_by_code(const char *code);
/* The label of the one role in `bits` ("分管领导" for ROLE_LEADER); NULL
 * when bits name several roles or none. */
const char *role_label(unsigned bits);

#endif
