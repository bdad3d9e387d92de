/* The screens (ncursesw). */
#ifndef JZ_TUI_H
#define JZ_TUI_H

struct cli;

/* Opens the program's screens; returns the process exit code. */
int tui_main(struct cli *c);

#endif
