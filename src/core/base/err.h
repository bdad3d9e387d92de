/* Errors as values: a function that can fail returns -1 and fills the
 * caller's struct err with a message in Chinese for the user. */
#ifndef JZ_ERR_H
#define JZ_ERR_H

struct err {
	char msg[1024];
};

/* Formats a message into e (if e is not NULL), control characters shown
 * escaped (text_safe). Always returns -1 so a caller can write
 * `return err_set(e, "...")`. */
int err_set(struct err *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Puts a prefix such as "第 3 行：" in front of the message already in e. */
int err_prefix(struct err *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
