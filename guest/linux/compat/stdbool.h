/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The kernel's bool, for the shared C99 headers (see stdint.h here). */
#ifndef VS3_COMPAT_STDBOOL_H
#define VS3_COMPAT_STDBOOL_H

#include <linux/types.h>

#endif
