/*
** autograd/mode.c — grad mode: whether ops record history. One flag per thread, as in PyTorch
** (torch.no_grad() in one thread does not affect another).
*/
#include "autograd/internal.h"

static _Thread_local bool grad_disabled;   /* zero-initialised: grad mode starts on */

bool ag_is_grad_enabled(void) { return !grad_disabled; }

void ag_set_grad_enabled(bool on) { grad_disabled = !on; }
