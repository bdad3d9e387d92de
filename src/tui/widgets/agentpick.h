/* The helper-agent field of a form (@agents): the client's village's
 * agents offered first, and a warning the clerk accepts or goes back from
 * when an agent of another village is chosen. */
#ifndef JZ_AGENTPICK_H
#define JZ_AGENTPICK_H

#include <stdint.h>

#include "tui/ui.h"

#define AGENT_PICK_MAX 256

struct agent_pick {
	char labels[AGENT_PICK_MAX][128];
};

/* The active agents, village_id's first, into out (pointing into p) up to
 * max; returns the number (0 on failure: the form's own list is used). */
int agent_pick_list(struct ui *ui, struct agent_pick *p, int64_t village_id, const char **out,
		    int max);

/* The agent a field names, for a client of village_id. When the agent is
 * another village's, asks; -1 with a message in e when the clerk goes back
 * to choose again (or the agent is unknown). */
int agent_pick_resolve(struct ui *ui, int64_t village_id, const char *text, int64_t *agent_id,
		       struct err *e);

#endif
