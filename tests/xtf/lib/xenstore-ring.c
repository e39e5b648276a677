/*
 * A xenstore client on the domain's own ring, for a test guest
 *
 * One request at a time, no transactions, no watches: the guest asks and
 * busy-waits for xenstored's answer (io/xs_wire.h has the ring and the
 * message header).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <xtf.h>

#include "guest.h"
#include "xen-guest.h"

#define HVM_PARAM_STORE_PFN     1
#define HVM_PARAM_STORE_EVTCHN  2
#define RING_SIZE               1024
#define RING_IDX(i)             ((i) & (RING_SIZE - 1))
/* Time stamp counter ticks to wait for an answer: seconds, nested. */
#define ANSWER_TICKS            30000000000ull

struct xs_ring {
    char req[RING_SIZE];
    char rsp[RING_SIZE];
    volatile uint32_t req_cons, req_prod;
    volatile uint32_t rsp_cons, rsp_prod;
};

struct xs_msg {
    uint32_t type;
    uint32_t req_id;
    uint32_t tx_id;
    uint32_t len;
};

static struct xs_ring *ring;
static uint32_t port;
static uint32_t next_id;

int xs_init(void)
{
    uint64_t pfn, evtchn;

    if (xen_hvm_get_param(HVM_PARAM_STORE_PFN, &pfn) ||
        xen_hvm_get_param(HVM_PARAM_STORE_EVTCHN, &evtchn) ||
        pfn == 0 || pfn >= (1ull << 20)) {
        return -1;
    }
    ring = (struct xs_ring *)(uintptr_t)(pfn << 12);
    port = evtchn;
    return 0;
}

static void ring_put(const void *data, uint32_t len)
{
    const char *p = data;

    for (uint32_t i = 0; i < len; i++) {
        ring->req[RING_IDX(ring->req_prod + i)] = p[i];
    }
    /* The bytes before the index that publishes them (x86: in order). */
    __asm__ volatile ("" ::: "memory");
    ring->req_prod += len;
}

static void ring_get(void *data, uint32_t len)
{
    char *p = data;

    for (uint32_t i = 0; i < len; i++) {
        p[i] = ring->rsp[RING_IDX(ring->rsp_cons + i)];
    }
    __asm__ volatile ("" ::: "memory");
    ring->rsp_cons += len;
}

/* Wait until the answer ring holds LEN bytes. */
static bool ring_wait(uint32_t len)
{
    uint64_t start = rdtsc();

    while (ring->rsp_prod - ring->rsp_cons < len) {
        if (rdtsc() - start > ANSWER_TICKS) {
            return false;
        }
        spin_batch();
    }
    __asm__ volatile ("" ::: "memory");
    return true;
}

/* A request of type TYPE whose payload is PARTS (N of them, with their
 * lengths), and its answer. */
static int xs_request(uint32_t type, const char *const parts[],
                      const uint32_t lens[], unsigned n,
                      char *buf, size_t size)
{
    struct xs_msg msg = { .type = type, .req_id = ++next_id };
    unsigned i;

    if (!ring) {
        return -1;
    }
    for (i = 0; i < n; i++) {
        msg.len += lens[i];
    }
    if (sizeof(msg) + msg.len > RING_SIZE ||
        ring->req_prod - ring->req_cons > RING_SIZE - sizeof(msg) - msg.len) {
        return -1;
    }
    ring_put(&msg, sizeof(msg));
    for (i = 0; i < n; i++) {
        ring_put(parts[i], lens[i]);
    }
    xen_evtchn_send(port);

    /*
     * Any trouble leaves the rings out of step with our requests: no
     * further request then (ring = NULL), never an answer taken for
     * another's.
     */
    if (!ring_wait(sizeof(msg))) {
        ring = NULL;
        return -1;
    }
    ring_get(&msg, sizeof(msg));
    if (msg.req_id != next_id || msg.len >= size || !ring_wait(msg.len)) {
        ring = NULL;
        return -1;
    }
    ring_get(buf, msg.len);
    buf[msg.len] = '\0';
    /* Room on the answer ring again: xenstored may be waiting for it. */
    xen_evtchn_send(port);
    return msg.type;
}

int xs_read(const char *path, char *buf, size_t size)
{
    const char *parts[] = { path };
    const uint32_t lens[] = { strlen(path) + 1 };

    return xs_request(XS_READ, parts, lens, 1, buf, size);
}

int xs_write(const char *path, const char *value, char *buf, size_t size)
{
    const char *parts[] = { path, value };
    const uint32_t lens[] = { strlen(path) + 1, strlen(value) };

    return xs_request(XS_WRITE, parts, lens, 2, buf, size);
}
