#include "tui/widgets/agentpick.h"

#include <stdio.h>

#include "core/domain/agent.h"

int agent_pick_list(struct ui *ui, struct agent_pick *p, int64_t village_id, const char **out,
		    int max)
{
	struct err e;
	int n;
	if (max > AGENT_PICK_MAX)
		max = AGENT_PICK_MAX;
	if (agent_choices(ui->s->store, village_id, p->labels, max, &n, &e) != 0) {
		ui_flash(ui, true, "%s", e.msg);
		return 0;
	}
	for (int i = 0; i < n; i++)
		out[i] = p->labels[i];
	return n;
}

int agent_pick_resolve(struct ui *ui, int64_t village_id, const char *text, int64_t *agent_id,
		       struct err *e)
{
	char warn[512], q[640];
	if (agent_find(ui->s->store, village_id, text, agent_id, e) != 0 ||
	    agent_village_warning(ui->s->store, *agent_id, village_id, warn, sizeof warn, e) != 0)
		return -1;
	if (warn[0] == '\0')
		return 0;
	snprintf(q, sizeof q, "%s\n仍然选择这名帮办代办员吗？选「否」回到表单重新选择。", warn);
	if (ui_confirm(ui, q))
		return 0;
	return err_set(e, "%s请重新选择帮办代办员", warn);
}
