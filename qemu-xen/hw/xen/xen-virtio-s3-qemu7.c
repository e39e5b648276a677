/*
 * ACPI S3 of a Xen HVM domain: what the protocol needs, from QEMU 7.2
 *
 * QEMU 7.2 has no xenstore helpers of its own for this: a libxenstore
 * connection of ours, whose fd the main loop polls.  Its machine resets
 * carry no type; the wakeup handler says when it resets the devices
 * (patches/7.2/0001).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/main-loop.h"
#include "hw/xen/xen-virtio-s3-host.h"
#include "sysemu/reset.h"
#include "sysemu/runstate.h"

struct XenVirtioS3Xs {
    struct xs_handle *xsh;
    XenVirtioS3WatchFn *fn;
    void *opaque;
};

XenVirtioS3Xs *xen_virtio_s3_xs_open(void)
{
    struct xs_handle *xsh = xs_open(0);
    XenVirtioS3Xs *xs;

    if (!xsh) {
        return NULL;
    }
    xs = g_new0(XenVirtioS3Xs, 1);
    xs->xsh = xsh;
    return xs;
}

void xen_virtio_s3_xs_close(XenVirtioS3Xs *xs)
{
    if (xs->fn) {
        qemu_set_fd_handler(xs_fileno(xs->xsh), NULL, NULL, NULL);
    }
    xs_close(xs->xsh);
    g_free(xs);
}

xs_transaction_t xen_virtio_s3_xs_transaction_start(XenVirtioS3Xs *xs)
{
    return xs_transaction_start(xs->xsh);
}

bool xen_virtio_s3_xs_transaction_end(XenVirtioS3Xs *xs, xs_transaction_t t,
                                      bool abort)
{
    return xs_transaction_end(xs->xsh, t, abort);
}

bool xen_virtio_s3_xs_exists(XenVirtioS3Xs *xs, xs_transaction_t t,
                             const char *path)
{
    unsigned int n;
    char **entries = xs_directory(xs->xsh, t, path, &n);

    free(entries);
    return entries != NULL;
}

char *xen_virtio_s3_xs_read(XenVirtioS3Xs *xs, xs_transaction_t t,
                            const char *path, unsigned int *len)
{
    return xs_read(xs->xsh, t, path, len);
}

bool xen_virtio_s3_xs_write(XenVirtioS3Xs *xs, xs_transaction_t t,
                            const char *path, const char *value)
{
    return xs_write(xs->xsh, t, path, value, strlen(value));
}

bool xen_virtio_s3_xs_rm(XenVirtioS3Xs *xs, xs_transaction_t t,
                         const char *path)
{
    return xs_rm(xs->xsh, t, path);
}

bool xen_virtio_s3_xs_mkdir_private(XenVirtioS3Xs *xs, const char *path,
                                    unsigned int owner)
{
    struct xs_permissions perms = { .id = owner, .perms = XS_PERM_NONE };

    return xs_mkdir(xs->xsh, XBT_NULL, path) &&
           xs_set_permissions(xs->xsh, XBT_NULL, path, &perms, 1);
}

/*
 * The connection has the one watch: every event is its, and one call
 * after reading them all is enough (the node's value is what counts).
 */
static void watch_readable(void *opaque)
{
    XenVirtioS3Xs *xs = opaque;
    char **event;

    while ((event = xs_check_watch(xs->xsh))) {
        free(event);
    }
    xs->fn(xs->opaque);
}

bool xen_virtio_s3_xs_watch(XenVirtioS3Xs *xs, const char *path,
                            XenVirtioS3WatchFn *fn, void *opaque)
{
    assert(!xs->fn);
    if (!xs_watch(xs->xsh, path, "virtio-s3")) {
        return false;
    }
    xs->fn = fn;
    xs->opaque = opaque;
    qemu_set_fd_handler(xs_fileno(xs->xsh), watch_readable, NULL, xs);
    return true;
}

typedef struct XenVirtioS3Reset {
    XenVirtioS3ResetFn *fn;
    void *opaque;
} XenVirtioS3Reset;

static void machine_reset(void *opaque)
{
    XenVirtioS3Reset *r = opaque;

    r->fn(r->opaque, qemu_wakeup_reset_in_progress());
}

void xen_virtio_s3_register_reset(XenVirtioS3ResetFn *fn, void *opaque)
{
    XenVirtioS3Reset *r = g_new(XenVirtioS3Reset, 1);

    r->fn = fn;
    r->opaque = opaque;
    qemu_register_reset(machine_reset, r);
}
