/* The screens (ncursesw). */
#ifndef JZ_TUI_H
#define JZ_TUI_H

/* Opens the program's screens on the configuration and store given (NULL:
 * the usual ones); returns the process exit code. */
int tui_main(const char *config_path, const char *db_path);

#endif
