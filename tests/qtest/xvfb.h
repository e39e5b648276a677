/*
 * An X server of our own for tests that need a GL-capable display
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef VS3_XVFB_H
#define VS3_XVFB_H

#include <glib.h>

/*
 * Start Xvfb (with GLX; Mesa renders in software) on a free display and set
 * $DISPLAY for the processes we start.  Returns the server's pid.
 */
GPid xvfb_start(void);
void xvfb_stop(GPid pid);

#endif /* VS3_XVFB_H */
