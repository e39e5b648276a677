/*
 * What an HVM test guest needs of Xen itself: hypercalls, HVM parameters
 * and a xenstore client on the domain's own ring
 *
 * The ABI is Xen's public one (xen/include/public: hvm/hvm_op.h,
 * hvm/params.h, event_channel.h, io/xs_wire.h), restated here for a
 * 32-bit guest without paging.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef VS3_XEN_GUEST_H
#define VS3_XEN_GUEST_H

#include <stddef.h>
#include <stdint.h>

/* Find Xen's CPUID leaves and have Xen fill the hypercall page: 0, or
 * -1 when this is not a Xen HVM guest. */
int xen_hypercall_init(void);

/* HVMOP_get_param for this domain: 0, or Xen's negative errno. */
long xen_hvm_get_param(uint32_t index, uint64_t *value);

/* EVTCHNOP_send on one of this domain's ports: 0, or Xen's errno. */
long xen_evtchn_send(uint32_t port);

/* Connect to this domain's xenstore ring (HVM_PARAM_STORE_PFN and
 * _EVTCHN): 0, or a negative value. */
int xs_init(void);

/*
 * One request on the ring and its answer.  The answer's payload goes to
 * BUF (at most SIZE - 1 bytes, NUL-terminated); for an error answer
 * (XS_ERROR) it is xenstored's errno name, e.g. "EACCES".  Returns the
 * answer's type (XS_ERROR included), or -1 when xenstored did not answer
 * within 30e9 time stamp counter ticks (seconds) of busy-waiting, or the
 * answer was not this request's or did not fit; the client then stops.
 */
int xs_read(const char *path, char *buf, size_t size);
int xs_write(const char *path, const char *value, char *buf, size_t size);

/* Message types (io/xs_wire.h). */
#define XS_READ   2
#define XS_WRITE  11
#define XS_ERROR  16

#endif /* VS3_XEN_GUEST_H */
