/*
 * ACPI S3 of a Xen HVM domain through xenstore, device model side
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_XEN_VIRTIO_S3_H
#define HW_XEN_VIRTIO_S3_H

/* Publish the protocol nodes of domid and start serving requests. */
void xen_virtio_s3_init(unsigned int domid);

#endif /* HW_XEN_VIRTIO_S3_H */
