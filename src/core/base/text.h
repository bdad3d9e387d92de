/* Small string tests shared by the core. */
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

#endif
