/*
 * freeze_mode: register ABI in the virtio-pci common configuration structure
 *
 * Shared by the device model (QEMU) and the toolstack (libxl).  Pure C: no
 * QEMU or Xen headers.  docs/misc/virtio-freeze-mode.md is the normative text.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef VIRTIO_S3_FREEZE_ABI_H
#define VIRTIO_S3_FREEZE_ABI_H

#include <stdbool.h>
#include <stdint.h>

/*
 * Offsets of the fields of struct virtio_pci_common_cfg (virtio 1.3,
 * 4.1.4.3).  freeze_mode goes after every field that virtio 1.3 defines, so
 * no existing offset moves (the v5 seed inserted it at 0x38 and moved
 * queue_notif_config_data and queue_reset, which broke existing drivers).
 */
#define VS3_CFG_DEVICE_FEATURE_SELECT    0x00 /* le32 */
#define VS3_CFG_DEVICE_FEATURE           0x04 /* le32, read-only */
#define VS3_CFG_DRIVER_FEATURE_SELECT    0x08 /* le32 */
#define VS3_CFG_DRIVER_FEATURE           0x0c /* le32 */
#define VS3_CFG_CONFIG_MSIX_VECTOR       0x10 /* le16 */
#define VS3_CFG_NUM_QUEUES               0x12 /* le16, read-only */
#define VS3_CFG_DEVICE_STATUS            0x14 /* u8 */
#define VS3_CFG_CONFIG_GENERATION        0x15 /* u8, read-only */
#define VS3_CFG_QUEUE_SELECT             0x16 /* le16 */
#define VS3_CFG_QUEUE_SIZE               0x18 /* le16 */
#define VS3_CFG_QUEUE_MSIX_VECTOR        0x1a /* le16 */
#define VS3_CFG_QUEUE_ENABLE             0x1c /* le16 */
#define VS3_CFG_QUEUE_NOTIFY_OFF         0x1e /* le16, read-only */
#define VS3_CFG_QUEUE_DESC               0x20 /* le64 */
#define VS3_CFG_QUEUE_DRIVER             0x28 /* le64 */
#define VS3_CFG_QUEUE_DEVICE             0x30 /* le64 */
#define VS3_CFG_QUEUE_NOTIF_CONFIG_DATA  0x38 /* le16, read-only */
#define VS3_CFG_QUEUE_RESET              0x3a /* le16 */
#define VS3_CFG_ADMIN_QUEUE_INDEX        0x3c /* le16, read-only */
#define VS3_CFG_ADMIN_QUEUE_NUM          0x3e /* le16, read-only */

/* The new field: le16, read-write, valid once VS3_F_FREEZE_MODE is negotiated. */
#define VS3_CFG_FREEZE_MODE              0x40
#define VS3_CFG_FREEZE_MODE_SIZE         2

/* Size of the common configuration structure including freeze_mode. */
#define VS3_CFG_COMMON_SIZE              0x42

/*
 * Transport feature bit that makes freeze_mode meaningful.
 *
 * virtio 1.3 reserves 24..41 for queue and negotiation mechanisms and 42..49
 * for future extensions.  Since then the TC gave 41 and 42 to the device
 * types (legacy virtio-net RSC bits that Windows drivers depend on) and 43 to
 * VIRTIO_F_SUSPEND, an open RFC asks for 44, and Linux patches claimed 42
 * twice.  Allocation proceeds upwards, so we take the other end of the
 * window that is still reserved (44..49): 49.  It lies in the second 32-bit
 * feature word, so legacy (0.9.5) drivers cannot see it; the property that
 * offers it stays experimental (x-freeze-mode) until the TC assigns a number.
 */
#define VS3_F_FREEZE_MODE                49

/* freeze_mode values.  Every value not listed here is reserved. */
enum vs3_freeze_mode {
    VS3_FREEZE_MODE_UNFREEZE  = 0,  /* normal operation */
    VS3_FREEZE_MODE_FREEZE_S3 = 3,  /* guest is entering ACPI S3 */
};

/* Reserved for ACPI S4 (hibernation): not accepted by this revision. */
#define VS3_FREEZE_MODE_RESERVED_S4      4

/* True for the values a driver may write and a device may report. */
static inline bool vs3_freeze_mode_valid(uint32_t value)
{
    return value == VS3_FREEZE_MODE_UNFREEZE ||
           value == VS3_FREEZE_MODE_FREEZE_S3;
}

/* Feature word (device_feature_select / driver_feature_select) and mask. */
#define VS3_F_FREEZE_MODE_WORD           (VS3_F_FREEZE_MODE / 32)
#define VS3_F_FREEZE_MODE_WORD_MASK      (UINT32_C(1) << (VS3_F_FREEZE_MODE % 32))
#define VS3_F_FREEZE_MODE_MASK           (UINT64_C(1) << VS3_F_FREEZE_MODE)

/* Short name of a mode for logs and trace events; "reserved" otherwise. */
const char *vs3_freeze_mode_name(uint32_t value);

#endif /* VIRTIO_S3_FREEZE_ABI_H */
