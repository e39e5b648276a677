/*
 * virtio-s3: where the QEMU versions this project builds differ
 *
 * Our files serve QEMU 7.2 (Debian 12) and QEMU 10.0 (Debian 13).  Where
 * the QEMU API they use changed in between, the difference is named here
 * once, keyed on QEMU_VERSION_MAJOR, so that the files themselves read the
 * same on both.  The Xen glue differs more (xenstore connection, machine
 * reset handler): it has one small file per version behind
 * hw/xen/xen-virtio-s3-host.h.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_VIRTIO_S3_COMPAT_H
#define HW_VIRTIO_S3_COMPAT_H

#if QEMU_VERSION_MAJOR >= 10

/* QEMU 9.x renamed include/sysemu to include/system. */
#include "system/runstate.h"
#include "system/system.h"

/*
 * Whether the machine reset under way wakes the machine from S3, for code
 * that is not given the reset's type.  QEMU 10 passes RESET_TYPE_WAKEUP
 * down the Resettable phases instead, and the hooks that receive it hand
 * it on (virtio_freeze_note_wakeup_reset(), virtio_pci_pm_reset_keeps()):
 * nothing is in progress that they did not say.
 */
#define vs3_wakeup_reset_in_progress() false

#else /* QEMU 7.2 */

#include "sysemu/runstate.h"
#include "sysemu/sysemu.h"

/* No reset types: the machine's wakeup handler says so (patches/7.2/0001). */
#define vs3_wakeup_reset_in_progress() qemu_wakeup_reset_in_progress()

#endif

#endif /* HW_VIRTIO_S3_COMPAT_H */
