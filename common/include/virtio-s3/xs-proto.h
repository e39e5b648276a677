/*
 * The xenstore protocol between the toolstack and the device model
 *
 * All nodes live under the device-model node of the domain:
 *
 *   /local/domain/<dm-domid>/device-model/<domid>/virtio-s3/
 *       protocol                     DM:  "1" while the DM speaks it
 *       state                        DM:  running | suspended | resuming
 *       request                      TS:  "<seq> <command>"
 *       response                     DM:  "<seq> <status>"
 *       devices/<SSSS-BB-DD-F>/type        DM: virtio device name
 *       devices/<SSSS-BB-DD-F>/freeze-mode DM: "0" | "3"
 *
 * (DM: written by the device model; TS: written by the toolstack.)
 * docs/misc/xenstore-paths-virtio-s3.pandoc is the normative text.
 *
 * Every parser takes the value with its length as xs_read() returns it and
 * rejects anything that the matching formatter would not have produced:
 * no leading zeros, signs, spaces, trailing newlines or embedded NULs.
 * Functions return 0 (parsers) or the length written (formatters) on
 * success, -EINVAL for a malformed value or argument, -ENOSPC when the
 * buffer is too small.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef VIRTIO_S3_XS_PROTO_H
#define VIRTIO_S3_XS_PROTO_H

#include <stddef.h>
#include <stdint.h>

#include "virtio-s3/sleep-fsm.h"

#define VS3_XS_DIR              "virtio-s3"
#define VS3_XS_PROTOCOL         "protocol"
#define VS3_XS_STATE            "state"
#define VS3_XS_REQUEST          "request"
#define VS3_XS_RESPONSE         "response"
#define VS3_XS_DEVICES          "devices"
#define VS3_XS_DEV_TYPE         "type"
#define VS3_XS_DEV_FREEZE_MODE  "freeze-mode"

#define VS3_XS_PROTOCOL_VERSION 1

/*
 * How long the toolstack waits for the answer to a request before it
 * cancels it (libxl) and says so (xl).  A resume takes 1-5 s even nested
 * under TCG; the rest is room for load.
 */
#define VS3_RESUME_TIMEOUT_S    30

/* Longest value any node of the protocol holds, without the NUL. */
#define VS3_XS_VALUE_MAX        64
/* Longest path the path builders produce, with the NUL. */
#define VS3_XS_PATH_MAX         128

/* Domain ids at or above this are reserved (DOMID_FIRST_RESERVED). */
#define VS3_DOMID_FIRST_RESERVED 0x7ff0u

typedef enum VS3Command {
    VS3_CMD_S3RESUME,       /* wake the domain from S3, keeping frozen state */
    VS3_CMD_CANCEL,         /* the toolstack gave up waiting for this seq */
    VS3_CMD__MAX
} VS3Command;

typedef enum VS3Status {
    VS3_STATUS_OK,              /* done: the domain runs again */
    VS3_STATUS_NOT_SUSPENDED,   /* the domain was not in S3 */
    VS3_STATUS_BUSY,            /* another request is being carried out */
    VS3_STATUS_UNSUPPORTED,     /* command not known to this device model */
    VS3_STATUS_FAILED,          /* the device model could not carry it out */
    VS3_STATUS__MAX
} VS3Status;

typedef struct VS3Request {
    uint32_t seq;           /* 1 .. UINT32_MAX */
    VS3Command cmd;
} VS3Request;

typedef struct VS3Response {
    uint32_t seq;           /* the seq of the request answered */
    VS3Status status;
} VS3Response;

typedef struct VS3PciAddr {
    uint16_t segment;
    uint8_t bus;
    uint8_t slot;           /* 0 .. 31 */
    uint8_t function;       /* 0 .. 7 */
} VS3PciAddr;

/*
 * Absolute path of a node: /local/domain/<dm>/device-model/<domid>/virtio-s3
 * followed by "/<leaf>" when leaf is not NULL.  leaf may contain '/'.
 */
int vs3_xs_path(char *buf, size_t size, unsigned dm_domid, unsigned domid,
                const char *leaf);
/* The same path relative to the device model's own home directory. */
int vs3_xs_dm_relpath(char *buf, size_t size, unsigned domid,
                      const char *leaf);
/* Leaf of a device node, "devices/<addr>/<node>", for the two calls above. */
int vs3_xs_device_leaf(char *buf, size_t size, const VS3PciAddr *addr,
                       const char *node);

/* Sequence numbers: decimal, 1 .. UINT32_MAX; 0 is never valid. */
int vs3_xs_parse_seq(const char *s, size_t len, uint32_t *seq);
/* The seq after seq, wrapping from UINT32_MAX to 1. */
uint32_t vs3_xs_next_seq(uint32_t seq);

int vs3_xs_format_request(char *buf, size_t size, const VS3Request *req);
/*
 * A request whose command is a well-formed word ([a-z][a-z0-9-]*) that
 * this revision does not know returns -ENOTSUP with req->seq set, so that
 * it can be answered "unsupported"; anything else malformed is -EINVAL.
 */
int vs3_xs_parse_request(const char *s, size_t len, VS3Request *req);

int vs3_xs_format_response(char *buf, size_t size, const VS3Response *rsp);
int vs3_xs_parse_response(const char *s, size_t len, VS3Response *rsp);

int vs3_xs_format_state(char *buf, size_t size, VS3SleepState state);
int vs3_xs_parse_state(const char *s, size_t len, VS3SleepState *state);

/* Only valid modes (vs3_freeze_mode_valid) format or parse. */
int vs3_xs_format_freeze_mode(char *buf, size_t size, uint32_t mode);
int vs3_xs_parse_freeze_mode(const char *s, size_t len, uint16_t *mode);

/* "1": this revision of the protocol; other versions are rejected. */
int vs3_xs_format_protocol(char *buf, size_t size);
int vs3_xs_parse_protocol(const char *s, size_t len, unsigned *version);

/* "SSSS-BB-DD-F", lowercase hex (xenstore node names cannot hold ':'). */
int vs3_xs_format_pci_addr(char *buf, size_t size, const VS3PciAddr *addr);
int vs3_xs_parse_pci_addr(const char *s, size_t len, VS3PciAddr *addr);

const char *vs3_command_name(VS3Command cmd);
const char *vs3_status_name(VS3Status status);

#endif /* VIRTIO_S3_XS_PROTO_H */
