#include "core/base/text.h"

#include <stddef.h>
#include <string.h>

bool text_blank(const char *s)
{
	if (s == NULL)
		return true;
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n')
			return false;
	return true;
}

size_t text_split_items(char *text, char *out[], size_t max)
{
	static const char *const seps[] = { "；", ";", "\n" };
	size_t n = 0;
	char *p = text;
	while (p != NULL && *p && n < max) {
		char *cut = NULL;
		size_t len = 0;
		for (size_t i = 0; i < sizeof seps / sizeof seps[0]; i++) {
			char *q = strstr(p, seps[i]);
			if (q != NULL && (cut == NULL || q < cut))
				cut = q, len = strlen(seps[i]);
		}
		if (cut != NULL)
			*cut = '\0';
		if (!text_blank(p))
			out[n++] = p;
		p = cut != NULL ? cut + len : NULL;
	}
	return n;
}
