/* Small string tests shared by the core. */
#ifndef JZ_TEXT_H
#define JZ_TEXT_H

#include <stdbool.h>

/* True when s is NULL, empty, or only spaces, tabs and newlines: a field
 * the user left empty. */
bool text_blank(const char *s);

#endif
