/*
 * The xenstore protocol between the toolstack and the device model
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "virtio-s3/xs-proto.h"

static const char *const command_names[VS3_CMD__MAX] = {
    [VS3_CMD_S3RESUME] = "s3resume",
    [VS3_CMD_CANCEL] = "cancel",
};

static const char *const status_names[VS3_STATUS__MAX] = {
    [VS3_STATUS_OK] = "ok",
    [VS3_STATUS_NOT_SUSPENDED] = "not-suspended",
    [VS3_STATUS_BUSY] = "busy",
    [VS3_STATUS_UNSUPPORTED] = "unsupported",
    [VS3_STATUS_FAILED] = "failed",
};

static int format(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int format(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int n;

    if (!buf || size == 0) {
        return -EINVAL;
    }
    va_start(ap, fmt);
    n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    if (n < 0) {
        return -EINVAL;
    }
    if ((size_t)n >= size) {
        buf[0] = '\0';
        return -ENOSPC;
    }
    return n;
}

/* A value as xs_read() hands it over: bounded, and a C string of that length. */
static bool value_ok(const char *s, size_t len)
{
    return s && len > 0 && len <= VS3_XS_VALUE_MAX && !memchr(s, '\0', len);
}

/* Decimal without sign, spaces or leading zeros ("0" itself is allowed). */
static bool parse_u32(const char *s, size_t len, uint32_t *out)
{
    uint64_t v = 0;
    size_t i;

    if (len == 0 || len > 10 || (s[0] == '0' && len > 1)) {
        return false;
    }
    for (i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9') {
            return false;
        }
        v = v * 10 + (uint64_t)(s[i] - '0');
    }
    if (v > UINT32_MAX) {
        return false;
    }
    *out = (uint32_t)v;
    return true;
}

/* Index of the name in table that equals s[0..len), or -1. */
static int lookup(const char *const *table, int n, const char *s, size_t len)
{
    int i;

    for (i = 0; i < n; i++) {
        if (table[i] && strlen(table[i]) == len && !memcmp(table[i], s, len)) {
            return i;
        }
    }
    return -1;
}

/* "<seq> <word>": split at the single space; both halves non-empty. */
static bool split_seq_word(const char *s, size_t len, uint32_t *seq,
                           const char **word, size_t *word_len)
{
    const char *sp = memchr(s, ' ', len);

    if (!sp || sp == s || (size_t)(sp - s) + 1 >= len) {
        return false;
    }
    if (vs3_xs_parse_seq(s, (size_t)(sp - s), seq) < 0) {
        return false;
    }
    *word = sp + 1;
    *word_len = len - (size_t)(sp - s) - 1;
    return true;
}

/* [a-z][a-z0-9-]*: what a command name of any revision looks like. */
static bool is_word(const char *s, size_t len)
{
    size_t i;

    if (len == 0 || s[0] < 'a' || s[0] > 'z') {
        return false;
    }
    for (i = 1; i < len; i++) {
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
              s[i] == '-')) {
            return false;
        }
    }
    return true;
}

static bool domid_ok(unsigned domid)
{
    return domid < VS3_DOMID_FIRST_RESERVED;
}

/* A relative xenstore path of our own making: [A-Za-z0-9_@-] parts and '/'. */
static bool leaf_ok(const char *leaf)
{
    size_t len = strlen(leaf);

    if (len == 0 || leaf[0] == '/' || leaf[len - 1] == '/' ||
        strstr(leaf, "//")) {
        return false;
    }
    return strspn(leaf, "abcdefghijklmnopqrstuvwxyz"
                        "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                        "0123456789-_@/") == len;
}

int vs3_xs_path(char *buf, size_t size, unsigned dm_domid, unsigned domid,
                const char *leaf)
{
    if (!domid_ok(dm_domid) || !domid_ok(domid) || (leaf && !leaf_ok(leaf))) {
        return -EINVAL;
    }
    return format(buf, size, "/local/domain/%u/device-model/%u/" VS3_XS_DIR
                  "%s%s", dm_domid, domid, leaf ? "/" : "", leaf ? leaf : "");
}

int vs3_xs_dm_relpath(char *buf, size_t size, unsigned domid, const char *leaf)
{
    if (!domid_ok(domid) || (leaf && !leaf_ok(leaf))) {
        return -EINVAL;
    }
    return format(buf, size, "device-model/%u/" VS3_XS_DIR "%s%s", domid,
                  leaf ? "/" : "", leaf ? leaf : "");
}

int vs3_xs_device_leaf(char *buf, size_t size, const VS3PciAddr *addr,
                       const char *node)
{
    char a[16];
    int n = vs3_xs_format_pci_addr(a, sizeof(a), addr);

    if (n < 0) {
        return n;
    }
    if (node && !leaf_ok(node)) {
        return -EINVAL;
    }
    return format(buf, size, VS3_XS_DEVICES "/%s%s%s", a, node ? "/" : "",
                  node ? node : "");
}

int vs3_xs_parse_seq(const char *s, size_t len, uint32_t *seq)
{
    uint32_t v;

    if (!value_ok(s, len) || !parse_u32(s, len, &v) || v == 0) {
        return -EINVAL;
    }
    *seq = v;
    return 0;
}

uint32_t vs3_xs_next_seq(uint32_t seq)
{
    return seq == UINT32_MAX ? 1 : seq + 1;
}

int vs3_xs_format_request(char *buf, size_t size, const VS3Request *req)
{
    if (req->seq == 0 || (unsigned)req->cmd >= VS3_CMD__MAX) {
        return -EINVAL;
    }
    return format(buf, size, "%" PRIu32 " %s", req->seq,
                  command_names[req->cmd]);
}

int vs3_xs_parse_request(const char *s, size_t len, VS3Request *req)
{
    const char *word;
    size_t word_len;
    uint32_t seq;
    int cmd;

    if (!value_ok(s, len) || !split_seq_word(s, len, &seq, &word, &word_len)) {
        return -EINVAL;
    }
    cmd = lookup(command_names, VS3_CMD__MAX, word, word_len);
    if (cmd < 0) {
        if (!is_word(word, word_len)) {
            return -EINVAL;
        }
        req->seq = seq;
        return -ENOTSUP;
    }
    req->seq = seq;
    req->cmd = (VS3Command)cmd;
    return 0;
}

int vs3_xs_format_response(char *buf, size_t size, const VS3Response *rsp)
{
    if (rsp->seq == 0 || (unsigned)rsp->status >= VS3_STATUS__MAX) {
        return -EINVAL;
    }
    return format(buf, size, "%" PRIu32 " %s", rsp->seq,
                  status_names[rsp->status]);
}

int vs3_xs_parse_response(const char *s, size_t len, VS3Response *rsp)
{
    const char *word;
    size_t word_len;
    uint32_t seq;
    int status;

    if (!value_ok(s, len) || !split_seq_word(s, len, &seq, &word, &word_len)) {
        return -EINVAL;
    }
    status = lookup(status_names, VS3_STATUS__MAX, word, word_len);
    if (status < 0) {
        return -EINVAL;
    }
    rsp->seq = seq;
    rsp->status = (VS3Status)status;
    return 0;
}

int vs3_xs_format_state(char *buf, size_t size, VS3SleepState state)
{
    if ((unsigned)state >= VS3_SLEEP__MAX) {
        return -EINVAL;
    }
    return format(buf, size, "%s", vs3_sleep_state_name(state));
}

int vs3_xs_parse_state(const char *s, size_t len, VS3SleepState *state)
{
    int i;

    if (!value_ok(s, len)) {
        return -EINVAL;
    }
    for (i = 0; i < VS3_SLEEP__MAX; i++) {
        const char *name = vs3_sleep_state_name((VS3SleepState)i);

        if (strlen(name) == len && !memcmp(name, s, len)) {
            *state = (VS3SleepState)i;
            return 0;
        }
    }
    return -EINVAL;
}

int vs3_xs_format_freeze_mode(char *buf, size_t size, uint32_t mode)
{
    if (!vs3_freeze_mode_valid(mode)) {
        return -EINVAL;
    }
    return format(buf, size, "%" PRIu32, mode);
}

int vs3_xs_parse_freeze_mode(const char *s, size_t len, uint16_t *mode)
{
    uint32_t v;

    if (!value_ok(s, len) || !parse_u32(s, len, &v) ||
        !vs3_freeze_mode_valid(v)) {
        return -EINVAL;
    }
    *mode = (uint16_t)v;
    return 0;
}

int vs3_xs_format_protocol(char *buf, size_t size)
{
    return format(buf, size, "%u", VS3_XS_PROTOCOL_VERSION);
}

int vs3_xs_parse_protocol(const char *s, size_t len, unsigned *version)
{
    uint32_t v;

    if (!value_ok(s, len) || !parse_u32(s, len, &v) ||
        v != VS3_XS_PROTOCOL_VERSION) {
        return -EINVAL;
    }
    *version = v;
    return 0;
}

int vs3_xs_format_pci_addr(char *buf, size_t size, const VS3PciAddr *addr)
{
    if (addr->slot > 31 || addr->function > 7) {
        return -EINVAL;
    }
    return format(buf, size, "%04x-%02x-%02x-%x", addr->segment, addr->bus,
                  addr->slot, addr->function);
}

/* Exactly n lowercase hex digits. */
static bool parse_hex(const char *s, size_t n, unsigned *out)
{
    unsigned v = 0;
    size_t i;

    for (i = 0; i < n; i++) {
        char c = s[i];

        if (c >= '0' && c <= '9') {
            v = v * 16 + (unsigned)(c - '0');
        } else if (c >= 'a' && c <= 'f') {
            v = v * 16 + (unsigned)(c - 'a' + 10);
        } else {
            return false;
        }
    }
    *out = v;
    return true;
}

int vs3_xs_parse_pci_addr(const char *s, size_t len, VS3PciAddr *addr)
{
    unsigned seg, bus, slot, fn;

    /* SSSS-BB-DD-F: 12 characters, dashes at 4, 7 and 10. */
    if (!value_ok(s, len) || len != 12 || s[4] != '-' || s[7] != '-' ||
        s[10] != '-' || !parse_hex(s, 4, &seg) || !parse_hex(s + 5, 2, &bus) ||
        !parse_hex(s + 8, 2, &slot) || !parse_hex(s + 11, 1, &fn) ||
        slot > 31 || fn > 7) {
        return -EINVAL;
    }
    addr->segment = (uint16_t)seg;
    addr->bus = (uint8_t)bus;
    addr->slot = (uint8_t)slot;
    addr->function = (uint8_t)fn;
    return 0;
}

const char *vs3_command_name(VS3Command cmd)
{
    return (unsigned)cmd < VS3_CMD__MAX ? command_names[cmd] : "invalid";
}

const char *vs3_status_name(VS3Status status)
{
    return (unsigned)status < VS3_STATUS__MAX ? status_names[status]
                                              : "invalid";
}
