/*
 * Fuzz the xenstore value parsers: no crash, no sanitizer report, and
 * strictness: a value that parses formats back to exactly the same bytes
 * (the parsers accept only what the formatters produce).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <assert.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "virtio-s3/xs-proto.h"

static void same(const char *buf, int n, const uint8_t *data, size_t size)
{
    assert(n >= 0);
    assert((size_t)n == size);
    assert(memcmp(buf, data, size) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    char buf[VS3_XS_PATH_MAX];
    VS3Request req;
    VS3Response rsp;
    VS3SleepState st;
    VS3PciAddr addr;
    uint16_t mode;
    uint32_t seq;
    unsigned version;
    char *leaf;

    if (vs3_xs_parse_seq(s, size, &seq) == 0) {
        assert(seq != 0);
        same(buf, snprintf(buf, sizeof(buf), "%u", seq), data, size);
    }
    switch (vs3_xs_parse_request(s, size, &req)) {
    case 0:
        same(buf, vs3_xs_format_request(buf, sizeof(buf), &req), data, size);
        break;
    case -ENOTSUP:
        assert(req.seq != 0);
        break;
    }
    if (vs3_xs_parse_response(s, size, &rsp) == 0) {
        same(buf, vs3_xs_format_response(buf, sizeof(buf), &rsp), data,
             size);
    }
    if (vs3_xs_parse_state(s, size, &st) == 0) {
        same(buf, vs3_xs_format_state(buf, sizeof(buf), st), data, size);
    }
    if (vs3_xs_parse_freeze_mode(s, size, &mode) == 0) {
        assert(vs3_freeze_mode_valid(mode));
        same(buf, vs3_xs_format_freeze_mode(buf, sizeof(buf), mode), data,
             size);
    }
    if (vs3_xs_parse_protocol(s, size, &version) == 0) {
        same(buf, vs3_xs_format_protocol(buf, sizeof(buf)), data, size);
    }
    if (vs3_xs_parse_pci_addr(s, size, &addr) == 0) {
        same(buf, vs3_xs_format_pci_addr(buf, sizeof(buf), &addr), data,
             size);
    }

    /* Path builders with the input as leaf: valid, or refused. */
    leaf = malloc(size + 1);
    memcpy(leaf, data, size);
    leaf[size] = '\0';
    if (vs3_xs_path(buf, sizeof(buf), 0, 1, leaf) >= 0) {
        assert(strlen(buf) < sizeof(buf));
        assert(!strstr(leaf, "//") && leaf[0] != '/');
    }
    free(leaf);
    return 0;
}
