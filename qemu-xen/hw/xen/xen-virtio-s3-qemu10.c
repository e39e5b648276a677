/*
 * ACPI S3 of a Xen HVM domain: what the protocol needs, from QEMU 10
 *
 * xenstore through QEMU's own helpers (qemu_xen_xs_*, which also poll the
 * connection and dispatch watch events from the main loop), and machine
 * resets through a Resettable registered with the machine, which is told
 * each reset's type: pc_machine_wakeup() resets with RESET_TYPE_WAKEUP.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qom/object.h"
#include "hw/resettable.h"
#include "hw/xen/xen-virtio-s3-host.h"
#include "system/reset.h"

struct XenVirtioS3Xs {
    struct qemu_xs_handle *h;
    struct qemu_xs_watch *watch;
    XenVirtioS3WatchFn *fn;
    void *opaque;
};

XenVirtioS3Xs *xen_virtio_s3_xs_open(void)
{
    struct qemu_xs_handle *h = qemu_xen_xs_open();
    XenVirtioS3Xs *xs;

    if (!h) {
        return NULL;
    }
    xs = g_new0(XenVirtioS3Xs, 1);
    xs->h = h;
    return xs;
}

void xen_virtio_s3_xs_close(XenVirtioS3Xs *xs)
{
    /* QEMU's handle must have no watch left when it is closed. */
    if (xs->watch) {
        qemu_xen_xs_unwatch(xs->h, xs->watch);
    }
    qemu_xen_xs_close(xs->h);
    g_free(xs);
}

xs_transaction_t xen_virtio_s3_xs_transaction_start(XenVirtioS3Xs *xs)
{
    return qemu_xen_xs_transaction_start(xs->h);
}

bool xen_virtio_s3_xs_transaction_end(XenVirtioS3Xs *xs, xs_transaction_t t,
                                      bool abort)
{
    return qemu_xen_xs_transaction_end(xs->h, t, abort);
}

bool xen_virtio_s3_xs_exists(XenVirtioS3Xs *xs, xs_transaction_t t,
                             const char *path)
{
    unsigned int n;
    char **entries = qemu_xen_xs_directory(xs->h, t, path, &n);

    free(entries);
    return entries != NULL;
}

char *xen_virtio_s3_xs_read(XenVirtioS3Xs *xs, xs_transaction_t t,
                            const char *path, unsigned int *len)
{
    return qemu_xen_xs_read(xs->h, t, path, len);
}

bool xen_virtio_s3_xs_write(XenVirtioS3Xs *xs, xs_transaction_t t,
                            const char *path, const char *value)
{
    return qemu_xen_xs_write(xs->h, t, path, value, strlen(value));
}

bool xen_virtio_s3_xs_rm(XenVirtioS3Xs *xs, xs_transaction_t t,
                         const char *path)
{
    return qemu_xen_xs_destroy(xs->h, t, path);
}

/*
 * QEMU's helper writes the owner and one more domain with its rights: the
 * owner again, with none, adds nothing to what the owner has.
 */
bool xen_virtio_s3_xs_mkdir_private(XenVirtioS3Xs *xs, const char *path,
                                    unsigned int owner)
{
    return qemu_xen_xs_create(xs->h, XBT_NULL, owner, owner, XS_PERM_NONE,
                              path);
}

/*
 * Called once per watch event.  Unlike the QEMU 7.2 glue, a burst of
 * changes may call fn more than once; it reads the node each time, and
 * the protocol core acts on a request's seq once.
 */
static void watch_fired(void *opaque, const char *path)
{
    XenVirtioS3Xs *xs = opaque;

    xs->fn(xs->opaque);
}

bool xen_virtio_s3_xs_watch(XenVirtioS3Xs *xs, const char *path,
                            XenVirtioS3WatchFn *fn, void *opaque)
{
    assert(!xs->watch);
    xs->fn = fn;
    xs->opaque = opaque;
    xs->watch = qemu_xen_xs_watch(xs->h, path, watch_fired, xs);
    return xs->watch != NULL;
}

/*
 * A Resettable in the machine's reset container, as qemu_register_reset()
 * makes one, but whose hold phase is given the reset's type.  Registered
 * during machine init, before the system bus is, its hold phase runs
 * before the devices', as QEMU 7.2's reset handler runs before theirs.
 */
#define TYPE_XEN_VIRTIO_S3_RESET "xen-virtio-s3-reset"
OBJECT_DECLARE_SIMPLE_TYPE(XenVirtioS3Reset, XEN_VIRTIO_S3_RESET)

struct XenVirtioS3Reset {
    Object parent_obj;
    ResettableState reset_state;
    XenVirtioS3ResetFn *fn;
    void *opaque;
};

static ResettableState *xen_virtio_s3_reset_get_state(Object *obj)
{
    return &XEN_VIRTIO_S3_RESET(obj)->reset_state;
}

static void xen_virtio_s3_reset_hold(Object *obj, ResetType type)
{
    XenVirtioS3Reset *r = XEN_VIRTIO_S3_RESET(obj);

    r->fn(r->opaque, type == RESET_TYPE_WAKEUP);
}

static void xen_virtio_s3_reset_class_init(ObjectClass *klass, void *data)
{
    ResettableClass *rc = RESETTABLE_CLASS(klass);

    rc->get_state = xen_virtio_s3_reset_get_state;
    rc->phases.hold = xen_virtio_s3_reset_hold;
}

static const TypeInfo xen_virtio_s3_reset_info = {
    .name = TYPE_XEN_VIRTIO_S3_RESET,
    .parent = TYPE_OBJECT,
    .instance_size = sizeof(XenVirtioS3Reset),
    .class_init = xen_virtio_s3_reset_class_init,
    .interfaces = (InterfaceInfo[]) {
        { TYPE_RESETTABLE_INTERFACE },
        { }
    },
};

static void xen_virtio_s3_register_types(void)
{
    type_register_static(&xen_virtio_s3_reset_info);
}

type_init(xen_virtio_s3_register_types)

void xen_virtio_s3_register_reset(XenVirtioS3ResetFn *fn, void *opaque)
{
    XenVirtioS3Reset *r = XEN_VIRTIO_S3_RESET(
        object_new(TYPE_XEN_VIRTIO_S3_RESET));

    r->fn = fn;
    r->opaque = opaque;
    qemu_register_resettable(OBJECT(r));
}
