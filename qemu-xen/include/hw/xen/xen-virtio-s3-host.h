/*
 * ACPI S3 of a Xen HVM domain: what the protocol needs from QEMU
 *
 * xen-virtio-s3.c carries the protocol the same way on every QEMU this
 * project builds.  What it needs from the QEMU it is built into, a
 * xenstore connection with one watch and a handler for machine resets
 * that knows a wakeup from a cold reset, differs between versions and is
 * implemented once per version:
 *
 *   xen-virtio-s3-qemu7.c    QEMU 7.2: libxenstore on a connection of its
 *                            own, whose fd the main loop polls; a reset
 *                            handler that asks whether the machine wakes
 *                            up (patches/7.2/0001)
 *   xen-virtio-s3-qemu10.c   QEMU 10: QEMU's xenstore helpers
 *                            (qemu_xen_xs_*); a Resettable that is given
 *                            the reset type (RESET_TYPE_WAKEUP)
 *
 * The xenstore calls keep libxenstore's contract: paths relative to this
 * domain's home, failure as false, NULL or XBT_NULL with errno set, values
 * freed with g_free().
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_XEN_VIRTIO_S3_HOST_H
#define HW_XEN_VIRTIO_S3_HOST_H

/* xs_transaction_t and XBT_NULL */
#if QEMU_VERSION_MAJOR >= 10
#include "hw/xen/xen_backend_ops.h"
#else
#include "hw/xen/xen_common.h"
#endif

typedef struct XenVirtioS3Xs XenVirtioS3Xs;
typedef void XenVirtioS3WatchFn(void *opaque);
typedef void XenVirtioS3ResetFn(void *opaque, bool wakeup);

/* A connection of our own, NULL if xenstore cannot be reached. */
XenVirtioS3Xs *xen_virtio_s3_xs_open(void);
/* Ends the watch, if any, and the connection. */
void xen_virtio_s3_xs_close(XenVirtioS3Xs *xs);

xs_transaction_t xen_virtio_s3_xs_transaction_start(XenVirtioS3Xs *xs);
bool xen_virtio_s3_xs_transaction_end(XenVirtioS3Xs *xs, xs_transaction_t t,
                                      bool abort);
bool xen_virtio_s3_xs_exists(XenVirtioS3Xs *xs, xs_transaction_t t,
                             const char *path);
char *xen_virtio_s3_xs_read(XenVirtioS3Xs *xs, xs_transaction_t t,
                            const char *path, unsigned int *len);
bool xen_virtio_s3_xs_write(XenVirtioS3Xs *xs, xs_transaction_t t,
                            const char *path, const char *value);
bool xen_virtio_s3_xs_rm(XenVirtioS3Xs *xs, xs_transaction_t t,
                         const char *path);
/* Create path, owned by domain owner and nobody else's to read or write. */
bool xen_virtio_s3_xs_mkdir_private(XenVirtioS3Xs *xs, const char *path,
                                    unsigned int owner);
/*
 * Call fn from the main loop when path changes, and once soon after, as
 * xenstore does for every new watch.  One watch per connection.
 */
bool xen_virtio_s3_xs_watch(XenVirtioS3Xs *xs, const char *path,
                            XenVirtioS3WatchFn *fn, void *opaque);

/* Call fn on every machine reset; wakeup: the one that ends S3. */
void xen_virtio_s3_register_reset(XenVirtioS3ResetFn *fn, void *opaque);

#endif /* HW_XEN_VIRTIO_S3_HOST_H */
