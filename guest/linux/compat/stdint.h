/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The kernel has no C99 <stdint.h>.  The register ABI header shared with
 * the device model and the toolstack (virtio-s3/freeze-abi.h) is plain C99:
 * give it the kernel's fixed-width types.
 */
#ifndef VS3_COMPAT_STDINT_H
#define VS3_COMPAT_STDINT_H

#include <linux/types.h>

#define UINT32_C(c)	c##U
#define UINT64_C(c)	c##ULL

#endif
