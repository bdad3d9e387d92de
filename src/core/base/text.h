/* Small string tests shared by the core, and the one way text from a file
 * or the store is made safe to show on a terminal. */
#ifndef JZ_TEXT_H
#define JZ_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* True when s is NULL, empty, or only spaces, tabs and newlines: a field
 * the user left empty. */
bool text_blank(const char *s);

/* Cuts a list typed on one line into its items, in place: at "；", ";"
 * and newlines only — never at 、 or ， (an item such as 「家庭收入证明（工资、
 * 经营、财产性收入等）」 stays whole). Fills up to max pointers into text;
 * returns how many. Used once, where a clerk types the list. */
size_t text_split_items(char *text, char *out[], size_t max);
/* Copies in to out (n bytes, NUL-terminated) with everything a terminal
 * would obey shown escaped instead: C0 and C1 control characters (ESC
 * becomes \x1b, a newline \n), DEL, the bidirectional overrides, and bytes
 * that are not UTF-8 (\xNN). Text that does not fit is cut at a character
 * and ends with "…". Every message that may hold a file's or the store's
 * text goes through here before it reaches a terminal. */
void text_safe(const char *in, char *out, size_t n);

/* True when s holds a control character (a newline too, unless
 * newline_ok) or a bidirectional override. */
bool text_has_controls(const char *s, bool newline_ok);

#endif
