/* Who may do what: the roles of DOMAIN.md as bits, and their codes (the
 * staff.role column) and Chinese labels, defined once. */
#ifndef JZ_ROLE_H
#define JZ_ROLE_H

#include <stddef.h>

#include "core/base/err.h"

enum role {
	ROLE_CLERK = 1,		/* 经办人 */
	ROLE_LEADER = 2,	/* 分管领导 */
	ROLE_SUPERVISOR = 4,	/* 县民政局 */
	ROLE_VILLAGE = 8,	/* 村干部 */
	ROLE_AGENT = 16,	/* 帮办代办员 */
	ROLE_SUPPORT = 32,	/* 技术支持 */
	ROLE_ADMIN = 64,	/* 系统管理员: staff and settings */
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

/* A staff.role value: one code or several joined by commas ("clerk,leader"
 * for a one-person office). Fills *bits with what they may do; -1 naming
 * the unknown code, or an empty list. */
int role_parse(const char *codes, unsigned *bits, struct err *e);
/* The codes of labels joined by "/" ("分管领导/系统管理员" →
 * "leader,admin"), as the staff form offers them; -1 naming an unknown
 * label. */
int role_codes_of_labels(const char *labels, char *out, size_t n, struct err *e);
/* The labels of a staff.role value joined by "/" ("经办人/分管领导"), for
 * the top line and lists; "无角色" when empty. */
void role_codes_label(const char *codes, char *out, size_t n);

/* The same, short enough for the top line: the role that says most about
 * the work, and "等" when there are more ("分管领导等"). */
void role_codes_short(const char *codes, char *out, size_t n);

#endif
