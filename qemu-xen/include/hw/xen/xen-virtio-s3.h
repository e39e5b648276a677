/*
 * ACPI S3 of a Xen HVM domain, device model side
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_XEN_VIRTIO_S3_H
#define HW_XEN_VIRTIO_S3_H

/* Publish the protocol nodes of domid and start serving requests. */
void xen_virtio_s3_init(unsigned int domid);

/*
 * Put the PIIX4 PM I/O setup back after every S3 wakeup
 * (xen-virtio-s3-pm.c).  Called after xen_virtio_s3_init().
 */
void xen_virtio_s3_pm_init(void);

#endif /* HW_XEN_VIRTIO_S3_H */
