/**
 * @file tests/xenstore-refused/main.c
 * @ref test-xenstore-refused
 *
 * @page test-xenstore-refused The guest cannot reach its device model's nodes
 *
 * The S3 protocol's nodes live under the device model's own directory in
 * xenstore (/local/domain/0/device-model/<domid>/virtio-s3), readable and
 * writable by domain 0 alone.  From the guest's own xenstore ring: its own
 * "domid" node reads (the ring works), and reading the protocol's state or
 * writing a wakeup request is refused with EACCES.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <xtf.h>

#include "xen-guest.h"

const char test_title[] = "The guest cannot read or write its device model's xenstore nodes";

static const char *answer(int type, const char *buf)
{
    if (type < 0) {
        return "no answer";
    }
    return type == XS_ERROR ? buf : "allowed";
}

void test_main(void)
{
    char domid[16], path[96], buf[64];
    int type;

    if (xen_hypercall_init() || xs_init()) {
        xtf_error("no hypercalls or no xenstore ring: not a Xen HVM guest?");
        return;
    }
    type = xs_read("domid", domid, sizeof(domid));
    if (type != XS_READ) {
        xtf_error("reading its own domid node: %s", answer(type, domid));
        return;
    }
    printk("xenstore: domid %s read from the guest's ring\n", domid);

    snprintf(path, sizeof(path),
             "/local/domain/0/device-model/%s/virtio-s3/state", domid);
    type = xs_read(path, buf, sizeof(buf));
    printk("xenstore: read %s: %s%s%s\n", path, answer(type, buf),
           type == XS_READ ? ": " : "", type == XS_READ ? buf : "");
    if (type != XS_ERROR || strcmp(buf, "EACCES")) {
        xtf_failure("read %s: %s, expected EACCES", path, answer(type, buf));
    }

    snprintf(path, sizeof(path),
             "/local/domain/0/device-model/%s/virtio-s3/request", domid);
    type = xs_write(path, "1 s3resume", buf, sizeof(buf));
    printk("xenstore: write %s: %s\n", path, answer(type, buf));
    if (type != XS_ERROR || strcmp(buf, "EACCES")) {
        xtf_failure("write %s: %s, expected EACCES", path, answer(type, buf));
    }

    if (xtf_status_is_success()) {
        xtf_success(NULL);
    }
}
