/*
 * freeze_mode is a virtio-pci feature, not a GPU one: a virtio-blk device
 * keeps the write-cache mode its driver chose across a frozen S3 cycle,
 * and loses it (back to the configured write-back) without the freeze.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include "qtest-vio.h"
#include "virtio/virtio-pci-modern.h"
#include "virtio-s3/freeze-abi.h"

#define VIRTIO_BLK_F_CONFIG_WCE     11
/* struct virtio_blk_config: writeback follows opt_io_size. */
#define VIRTIO_BLK_CFG_WRITEBACK    32

#define BLK_DEVICE "-blockdev driver=null-co,node-name=disk0,size=1048576" \
                   " -device virtio-blk-pci,drive=disk0,disable-legacy=on," \
                   "x-freeze-mode=on -trace virtio_freeze_*" \
                   " -trace virtio_blk_freeze_*"

typedef struct Blk {
    QVM *vm;
    Vio io;
    VirtioPci pci;
    Virtq vq;
} Blk;

static void blk_init(Blk *b, uint64_t features)
{
    g_assert_cmpint(vpci_negotiate(&b->pci, features), ==, 0);
    g_assert_cmpint(vpci_setup_queue(&b->pci, &b->vq, 0, 16), ==, 0);
    vpci_driver_ok(&b->pci);
}

static uint8_t blk_writeback(Blk *b)
{
    return vpci_config_read(&b->pci, VIRTIO_BLK_CFG_WRITEBACK, 1);
}

static void run_cycle(bool freeze)
{
    uint64_t features = (1ull << VIRTIO_F_VERSION_1) |
                        (1ull << VIRTIO_BLK_F_CONFIG_WCE) |
                        (freeze ? 1ull << VS3_F_FREEZE_MODE : 0);
    g_autofree char *log = NULL;
    Blk b;

    b.vm = qvm_start("-m 256 " BLK_DEVICE);
    qvio_init(&b.io, b.vm);
    g_assert_cmpint(vpci_find(&b.io, VIRTIO_PCI_DEVICE_ID(VIRTIO_ID_BLOCK),
                              0, &b.pci), ==, 0);
    g_assert_cmpint(vpci_map(&b.pci), ==, 0);
    blk_init(&b, features);

    /* Configured write-back; the guest switches to write-through. */
    g_assert_cmpuint(blk_writeback(&b), ==, 1);
    vpci_config_write(&b.pci, VIRTIO_BLK_CFG_WRITEBACK, 1, 0);
    g_assert_cmpuint(blk_writeback(&b), ==, 0);

    if (freeze) {
        vpci_common_write(&b.pci, VS3_CFG_FREEZE_MODE, 2,
                          VS3_FREEZE_MODE_FREEZE_S3);
        g_assert_cmpuint(vpci_common_read(&b.pci, VS3_CFG_FREEZE_MODE, 2), ==,
                         VS3_FREEZE_MODE_FREEZE_S3);
    }
    qs3_suspend(b.vm);
    qs3_wakeup(b.vm);
    vpci_restore_config(&b.pci);
    blk_init(&b, features);
    if (freeze) {
        vpci_common_write(&b.pci, VS3_CFG_FREEZE_MODE, 2,
                          VS3_FREEZE_MODE_UNFREEZE);
    }

    log = qvm_log(b.vm);
    if (freeze) {
        g_assert_cmpuint(blk_writeback(&b), ==, 0);
        g_assert_nonnull(strstr(log, "virtio-blk wakeup-reset: keep"));
        g_assert_nonnull(strstr(log, "kept write cache enabled 0"));
    } else {
        g_assert_cmpuint(blk_writeback(&b), ==, 1);
        g_assert_nonnull(strstr(log, "virtio-blk wakeup-reset: discard"));
    }
    qvm_quit(b.vm);
}

static void test_frozen_cycle_keeps_write_cache_mode(void)
{
    run_cycle(true);
}

static void test_stock_driver_loses_write_cache_mode(void)
{
    run_cycle(false);
}

/* struct virtio_blk_outhdr and the request's status byte. */
#define VIRTIO_BLK_T_IN     0
#define VIRTIO_BLK_S_OK     0

/* Read sector 0 on the queue the driver set up: the status byte. */
static uint8_t blk_read_sector(Blk *b)
{
    uint64_t hdr = vio_alloc(&b->io, 16, 16);
    uint64_t data = vio_alloc(&b->io, 512, 16);
    uint64_t status = vio_alloc(&b->io, 1, 1);
    uint32_t out[4] = { VIRTIO_BLK_T_IN, 0, 0, 0 };
    uint8_t st = 0xff;
    VBuf bufs[] = {
        { .addr = hdr, .len = 16 },
        { .addr = data, .len = 512, .device_writes = true },
        { .addr = status, .len = 1, .device_writes = true },
    };

    b->io.ops->mem_write(b->io.opaque, hdr, out, sizeof(out));
    b->io.ops->mem_write(b->io.opaque, status, &st, 1);
    g_assert_cmpint(vq_run(&b->pci, &b->vq, bufs, 3), >=, 0);
    b->io.ops->mem_read(b->io.opaque, status, &st, 1);
    return st;
}

/*
 * PCI PM No_Soft_Reset: a function in D3hot comes out of S3 whole, and
 * its driver goes on with the queue and the write-cache mode it had,
 * without initialising anything again.  Left in D0, the same function is
 * reset, as today.
 */
static void nsr_cycle(bool d3hot)
{
    uint64_t features = (1ull << VIRTIO_F_VERSION_1) |
                        (1ull << VIRTIO_BLK_F_CONFIG_WCE);
    Blk b;

    b.vm = qvm_start("-m 256 -blockdev driver=null-co,node-name=disk0,"
                     "size=1048576,read-zeroes=on -device virtio-blk-pci,"
                     "drive=disk0,disable-legacy=on,x-pm-no-soft-reset=on"
                     " -trace virtio_pci_pm_*");
    qvio_init(&b.io, b.vm);
    g_assert_cmpint(vpci_find(&b.io, VIRTIO_PCI_DEVICE_ID(VIRTIO_ID_BLOCK),
                              0, &b.pci), ==, 0);
    g_assert_cmpint(vpci_map(&b.pci), ==, 0);
    blk_init(&b, features);
    vpci_config_write(&b.pci, VIRTIO_BLK_CFG_WRITEBACK, 1, 0);
    g_assert_cmpuint(blk_read_sector(&b), ==, VIRTIO_BLK_S_OK);

    if (d3hot) {
        qs3_cycle_in_d3hot(b.vm, &b.pci);
    } else {
        qs3_suspend(b.vm);
        qs3_wakeup(b.vm);
        vpci_restore_config(&b.pci);
    }

    if (d3hot) {
        g_assert_cmphex(vpci_get_status(&b.pci) & VIRTIO_STATUS_DRIVER_OK,
                        !=, 0);
        g_assert_cmpuint(blk_writeback(&b), ==, 0);
        g_assert_cmpuint(blk_read_sector(&b), ==, VIRTIO_BLK_S_OK);
    } else {
        g_assert_cmphex(vpci_get_status(&b.pci), ==, 0);
        g_assert_cmpuint(blk_writeback(&b), ==, 1);
    }
    qvm_quit(b.vm);
}

static void test_nsr_d3hot_keeps_queue(void)
{
    nsr_cycle(true);
}

static void test_nsr_d0_resets(void)
{
    nsr_cycle(false);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/virtio-blk-s3/frozen-cycle-keeps-write-cache-mode",
                    test_frozen_cycle_keeps_write_cache_mode);
    g_test_add_func("/virtio-blk-s3/stock-driver-loses-write-cache-mode",
                    test_stock_driver_loses_write_cache_mode);
    g_test_add_func("/virtio-blk-s3/pm-no-soft-reset/d3hot-keeps-queue",
                    test_nsr_d3hot_keeps_queue);
    g_test_add_func("/virtio-blk-s3/pm-no-soft-reset/d0-resets",
                    test_nsr_d0_resets);
    return g_test_run();
}
