/*
 * Unit tests: the xenstore protocol's paths, formatters and strict parsers
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <string.h>

#include <glib.h>

#include "virtio-s3/xs-proto.h"

/* A literal with its length, as xs_read() would hand it over. */
#define V(lit) (lit), (sizeof(lit) - 1)

/* Values no parser may accept, whatever the node. */
static const struct {
    const char *s;
    size_t len;
} garbage[] = {
    { V("") },
    { V(" ") },
    { V("\n") },
    { V("\0") },
    { V("-1") },
    { V("+1") },
    { V("0x1") },
    { V("1e3") },
    { V("\xff\xfe") },
    { V("running\0") },
    { V("1 s3resume\0") },
    { V("1 ok\0") },
};

static void test_paths(void)
{
    char buf[VS3_XS_PATH_MAX];
    VS3PciAddr a = { .segment = 0, .bus = 0, .slot = 4, .function = 0 };
    char leaf[64];

    g_assert_cmpint(vs3_xs_path(buf, sizeof(buf), 0, 7, NULL), >, 0);
    g_assert_cmpstr(buf, ==, "/local/domain/0/device-model/7/virtio-s3");
    g_assert_cmpint(vs3_xs_path(buf, sizeof(buf), 0, 7, "request"), ==,
                    (int)strlen("/local/domain/0/device-model/7/virtio-s3/"
                                "request"));
    g_assert_cmpstr(buf, ==, "/local/domain/0/device-model/7/virtio-s3/request");
    g_assert_cmpint(vs3_xs_path(buf, sizeof(buf), 3, 32751, VS3_XS_STATE), >,
                    0);
    g_assert_cmpstr(buf, ==,
                    "/local/domain/3/device-model/32751/virtio-s3/state");
    g_assert_cmpint(vs3_xs_dm_relpath(buf, sizeof(buf), 7, "response"), >, 0);
    g_assert_cmpstr(buf, ==, "device-model/7/virtio-s3/response");

    g_assert_cmpint(vs3_xs_device_leaf(leaf, sizeof(leaf), &a,
                                       VS3_XS_DEV_FREEZE_MODE), >, 0);
    g_assert_cmpstr(leaf, ==, "devices/0000-00-04-0/freeze-mode");
    g_assert_cmpint(vs3_xs_path(buf, sizeof(buf), 0, 1, leaf), >, 0);
    g_assert_cmpstr(buf, ==, "/local/domain/0/device-model/1/virtio-s3/"
                             "devices/0000-00-04-0/freeze-mode");
    g_assert_cmpint(vs3_xs_device_leaf(leaf, sizeof(leaf), &a, NULL), >, 0);
    g_assert_cmpstr(leaf, ==, "devices/0000-00-04-0");
}

static void test_paths_invalid(void)
{
    static const char *const bad_leaves[] = {
        "", "/", "/state", "state/", "a//b", "a:b", "a b", "a.b", "st\nate",
        "..", "a/../b",
    };
    VS3PciAddr bad_slot = { .slot = 32 };
    char buf[VS3_XS_PATH_MAX];
    size_t i;
    int n;

    /* Reserved domain ids (DOMID_FIRST_RESERVED and above). */
    g_assert_cmpint(vs3_xs_path(buf, sizeof(buf), 0, 0x7fef, NULL), >, 0);
    g_assert_cmpint(vs3_xs_path(buf, sizeof(buf), 0, 0x7ff0, NULL), ==,
                    -EINVAL);
    g_assert_cmpint(vs3_xs_path(buf, sizeof(buf), 0x7ff0, 1, NULL), ==,
                    -EINVAL);
    g_assert_cmpint(vs3_xs_path(buf, sizeof(buf), 0, 0xffff, NULL), ==,
                    -EINVAL);
    g_assert_cmpint(vs3_xs_dm_relpath(buf, sizeof(buf), 0x7ff2, NULL), ==,
                    -EINVAL);
    for (i = 0; i < G_N_ELEMENTS(bad_leaves); i++) {
        g_assert_cmpint(vs3_xs_path(buf, sizeof(buf), 0, 1, bad_leaves[i]), ==,
                        -EINVAL);
        g_assert_cmpint(vs3_xs_dm_relpath(buf, sizeof(buf), 1, bad_leaves[i]),
                        ==, -EINVAL);
    }
    g_assert_cmpint(vs3_xs_device_leaf(buf, sizeof(buf), &bad_slot, NULL), ==,
                    -EINVAL);

    /* Buffer exactly one byte short, then exactly big enough. */
    n = vs3_xs_path(buf, sizeof(buf), 0, 1, "state");
    g_assert_cmpint(vs3_xs_path(buf, (size_t)n, 0, 1, "state"), ==, -ENOSPC);
    g_assert_cmpstr(buf, ==, "");
    g_assert_cmpint(vs3_xs_path(buf, (size_t)n + 1, 0, 1, "state"), ==, n);
    g_assert_cmpint(vs3_xs_path(buf, 0, 0, 1, "state"), ==, -EINVAL);
    g_assert_cmpint(vs3_xs_path(NULL, 16, 0, 1, "state"), ==, -EINVAL);
}

static void test_seq(void)
{
    static const struct {
        const char *s;
        size_t len;
    } bad[] = {
        { V("0") }, { V("00") }, { V("01") }, { V("-0") }, { V(" 1") },
        { V("1 ") }, { V("1\n") }, { V("1\0") }, { V("4294967296") },
        { V("99999999999") }, { V("18446744073709551617") }, { V("1a") },
        { V("a1") }, { V("1.0") },
    };
    uint32_t seq = 0;
    size_t i;

    g_assert_cmpint(vs3_xs_parse_seq(V("1"), &seq), ==, 0);
    g_assert_cmpuint(seq, ==, 1);
    g_assert_cmpint(vs3_xs_parse_seq(V("4294967295"), &seq), ==, 0);
    g_assert_cmpuint(seq, ==, UINT32_MAX);
    g_assert_cmpint(vs3_xs_parse_seq(V("1000"), &seq), ==, 0);
    g_assert_cmpuint(seq, ==, 1000);

    for (i = 0; i < G_N_ELEMENTS(bad); i++) {
        seq = 42;
        g_assert_cmpint(vs3_xs_parse_seq(bad[i].s, bad[i].len, &seq), ==,
                        -EINVAL);
        g_assert_cmpuint(seq, ==, 42);
    }
    for (i = 0; i < G_N_ELEMENTS(garbage); i++) {
        g_assert_cmpint(vs3_xs_parse_seq(garbage[i].s, garbage[i].len, &seq),
                        ==, -EINVAL);
    }
    /* The length, not the NUL, bounds the value. */
    g_assert_cmpint(vs3_xs_parse_seq("12", 1, &seq), ==, 0);
    g_assert_cmpuint(seq, ==, 1);

    g_assert_cmpuint(vs3_xs_next_seq(1), ==, 2);
    g_assert_cmpuint(vs3_xs_next_seq(UINT32_MAX - 1), ==, UINT32_MAX);
    g_assert_cmpuint(vs3_xs_next_seq(UINT32_MAX), ==, 1);
    g_assert_cmpuint(vs3_xs_next_seq(0), ==, 1);
}

static void test_request(void)
{
    static const struct {
        const char *s;
        size_t len;
    } bad[] = {
        { V("1") }, { V("1 ") }, { V(" s3resume") }, { V("s3resume") },
        { V("1  s3resume") }, { V("1 s3resume ") }, { V("1 s3resume\n") },
        { V("1\ts3resume") }, { V("1 S3RESUME") }, { V("1 3resume") },
        { V("1 s3_resume") }, { V("0 s3resume") }, { V("01 s3resume") },
        { V("4294967296 s3resume") }, { V("-1 s3resume") },
        { V("1 s3res\0ume") }, { V("1 -resume") }, { V("0 suspend") },
        { V("1 s3resume 2") }, { V("1,s3resume") },
    };
    static const struct {
        const char *s;
        size_t len;
    } unknown[] = {
        { V("42 s3resum") }, { V("42 s3resumex") }, { V("42 ok") },
        { V("42 suspend") }, { V("42 s4resume") }, { V("42 a-b-0") },
    };
    char buf[VS3_XS_VALUE_MAX + 1];
    char longv[VS3_XS_VALUE_MAX + 2];
    VS3Request r = { .seq = 7, .cmd = VS3_CMD_S3RESUME };
    VS3Request got;
    size_t i;

    g_assert_cmpint(vs3_xs_format_request(buf, sizeof(buf), &r), ==, 10);
    g_assert_cmpstr(buf, ==, "7 s3resume");
    g_assert_cmpint(vs3_xs_parse_request(buf, strlen(buf), &got), ==, 0);
    g_assert_cmpuint(got.seq, ==, 7);
    g_assert_cmpint(got.cmd, ==, VS3_CMD_S3RESUME);

    r.seq = UINT32_MAX;
    g_assert_cmpint(vs3_xs_format_request(buf, sizeof(buf), &r), >, 0);
    g_assert_cmpstr(buf, ==, "4294967295 s3resume");
    g_assert_cmpint(vs3_xs_parse_request(buf, strlen(buf), &got), ==, 0);
    g_assert_cmpuint(got.seq, ==, UINT32_MAX);

    for (i = 0; i < G_N_ELEMENTS(bad); i++) {
        got.seq = 99;
        if (vs3_xs_parse_request(bad[i].s, bad[i].len, &got) != -EINVAL) {
            g_error("request \"%.*s\" accepted", (int)bad[i].len, bad[i].s);
        }
        g_assert_cmpuint(got.seq, ==, 99);
    }
    for (i = 0; i < G_N_ELEMENTS(garbage); i++) {
        g_assert_cmpint(vs3_xs_parse_request(garbage[i].s, garbage[i].len,
                                             &got), ==, -EINVAL);
    }
    /* Well-formed, but a command of another revision: answerable. */
    for (i = 0; i < G_N_ELEMENTS(unknown); i++) {
        got.seq = 0;
        g_assert_cmpint(vs3_xs_parse_request(unknown[i].s, unknown[i].len,
                                             &got), ==, -ENOTSUP);
        g_assert_cmpuint(got.seq, ==, 42);
    }
    g_assert_cmpint(vs3_xs_parse_request(V("9 cancel"), &got), ==, 0);
    g_assert_cmpint(got.cmd, ==, VS3_CMD_CANCEL);
    g_assert_cmpuint(got.seq, ==, 9);
    /* Longer than any value of the protocol: refused before parsing. */
    memset(longv, '1', sizeof(longv) - 1);
    longv[sizeof(longv) - 1] = '\0';
    memcpy(longv + sizeof(longv) - 10, " s3resume", 9);
    g_assert_cmpint(vs3_xs_parse_request(longv, strlen(longv), &got), ==,
                    -EINVAL);

    /* Formatter refuses what the parser would refuse. */
    r.seq = 0;
    g_assert_cmpint(vs3_xs_format_request(buf, sizeof(buf), &r), ==, -EINVAL);
    r.seq = 1;
    r.cmd = VS3_CMD__MAX;
    g_assert_cmpint(vs3_xs_format_request(buf, sizeof(buf), &r), ==, -EINVAL);
    r.cmd = VS3_CMD_S3RESUME;
    g_assert_cmpint(vs3_xs_format_request(buf, 10, &r), ==, -ENOSPC);
    g_assert_cmpint(vs3_xs_format_request(buf, 11, &r), ==, 10);
}

static void test_response(void)
{
    static const char *const names[VS3_STATUS__MAX] = {
        "ok", "not-suspended", "busy", "unsupported", "failed",
    };
    static const struct {
        const char *s;
        size_t len;
    } bad[] = {
        { V("1") }, { V("ok") }, { V("1 OK") }, { V("1 ok ") },
        { V("1 ok\n") }, { V("0 ok") }, { V("01 ok") }, { V("1 okay") },
        { V("1 not_suspended") }, { V("1 s3resume") }, { V("1  ok") },
        { V(" 1 ok") }, { V("4294967296 ok") }, { V("1 o\0k") },
    };
    char buf[VS3_XS_VALUE_MAX + 1];
    VS3Response r, got;
    size_t i;
    int st;

    for (st = 0; st < VS3_STATUS__MAX; st++) {
        g_autofree char *want = g_strdup_printf("12345 %s", names[st]);

        r.seq = 12345;
        r.status = (VS3Status)st;
        g_assert_cmpstr(vs3_status_name(r.status), ==, names[st]);
        g_assert_cmpint(vs3_xs_format_response(buf, sizeof(buf), &r), ==,
                        (int)strlen(want));
        g_assert_cmpstr(buf, ==, want);
        g_assert_cmpint(vs3_xs_parse_response(buf, strlen(buf), &got), ==, 0);
        g_assert_cmpuint(got.seq, ==, 12345);
        g_assert_cmpint(got.status, ==, st);
    }
    for (i = 0; i < G_N_ELEMENTS(bad); i++) {
        if (vs3_xs_parse_response(bad[i].s, bad[i].len, &got) != -EINVAL) {
            g_error("response \"%.*s\" accepted", (int)bad[i].len, bad[i].s);
        }
    }
    for (i = 0; i < G_N_ELEMENTS(garbage); i++) {
        g_assert_cmpint(vs3_xs_parse_response(garbage[i].s, garbage[i].len,
                                              &got), ==, -EINVAL);
    }
    r.seq = 0;
    r.status = VS3_STATUS_OK;
    g_assert_cmpint(vs3_xs_format_response(buf, sizeof(buf), &r), ==, -EINVAL);
    r.seq = 1;
    r.status = VS3_STATUS__MAX;
    g_assert_cmpint(vs3_xs_format_response(buf, sizeof(buf), &r), ==, -EINVAL);
    g_assert_cmpstr(vs3_status_name(VS3_STATUS__MAX), ==, "invalid");
    g_assert_cmpstr(vs3_command_name(VS3_CMD__MAX), ==, "invalid");
}

static void test_state(void)
{
    static const struct {
        const char *s;
        size_t len;
    } bad[] = {
        { V("Running") }, { V("running\n") }, { V(" running") },
        { V("runnin") }, { V("runningg") }, { V("suspend") }, { V("0") },
        { V("paused") }, { V("invalid-state") },
    };
    char buf[VS3_XS_VALUE_MAX + 1];
    VS3SleepState st;
    size_t i;
    int s;

    for (s = 0; s < VS3_SLEEP__MAX; s++) {
        g_assert_cmpint(vs3_xs_format_state(buf, sizeof(buf),
                                            (VS3SleepState)s), >, 0);
        g_assert_cmpint(vs3_xs_parse_state(buf, strlen(buf), &st), ==, 0);
        g_assert_cmpint(st, ==, s);
    }
    g_assert_cmpint(vs3_xs_parse_state(V("suspended"), &st), ==, 0);
    g_assert_cmpint(st, ==, VS3_SLEEP_SUSPENDED);
    for (i = 0; i < G_N_ELEMENTS(bad); i++) {
        g_assert_cmpint(vs3_xs_parse_state(bad[i].s, bad[i].len, &st), ==,
                        -EINVAL);
    }
    for (i = 0; i < G_N_ELEMENTS(garbage); i++) {
        g_assert_cmpint(vs3_xs_parse_state(garbage[i].s, garbage[i].len, &st),
                        ==, -EINVAL);
    }
    g_assert_cmpint(vs3_xs_format_state(buf, sizeof(buf), VS3_SLEEP__MAX), ==,
                    -EINVAL);
}

/* Every le16 value: only the valid modes format and parse. */
static void test_freeze_mode_values(void)
{
    static const struct {
        const char *s;
        size_t len;
    } bad[] = {
        { V("00") }, { V("03") }, { V("3 ") }, { V(" 3") }, { V("3\n") },
        { V("-3") }, { V("65539") }, { V("4294967299") }, { V("freeze-s3") },
    };
    char buf[16];
    uint16_t mode;
    uint32_t v;
    size_t i;

    for (v = 0; v <= 0xffff; v++) {
        bool valid = v == 0 || v == 3;
        int n = vs3_xs_format_freeze_mode(buf, sizeof(buf), v);
        char text[16];

        g_assert_cmpint(n >= 0, ==, valid);
        g_snprintf(text, sizeof(text), "%u", v);
        mode = 0xbeef;
        g_assert_cmpint(vs3_xs_parse_freeze_mode(text, strlen(text), &mode) ==
                        0, ==, valid);
        g_assert_cmpuint(mode, ==, valid ? v : 0xbeef);
        if (valid) {
            g_assert_cmpstr(buf, ==, text);
        }
    }
    for (i = 0; i < G_N_ELEMENTS(bad); i++) {
        g_assert_cmpint(vs3_xs_parse_freeze_mode(bad[i].s, bad[i].len, &mode),
                        ==, -EINVAL);
    }
    for (i = 0; i < G_N_ELEMENTS(garbage); i++) {
        g_assert_cmpint(vs3_xs_parse_freeze_mode(garbage[i].s, garbage[i].len,
                                                 &mode), ==, -EINVAL);
    }
}

static void test_protocol(void)
{
    char buf[8];
    unsigned version = 0;

    g_assert_cmpint(vs3_xs_format_protocol(buf, sizeof(buf)), ==, 1);
    g_assert_cmpstr(buf, ==, "1");
    g_assert_cmpint(vs3_xs_parse_protocol(V("1"), &version), ==, 0);
    g_assert_cmpuint(version, ==, VS3_XS_PROTOCOL_VERSION);
    g_assert_cmpint(vs3_xs_parse_protocol(V("0"), &version), ==, -EINVAL);
    g_assert_cmpint(vs3_xs_parse_protocol(V("2"), &version), ==, -EINVAL);
    g_assert_cmpint(vs3_xs_parse_protocol(V("01"), &version), ==, -EINVAL);
    g_assert_cmpint(vs3_xs_parse_protocol(V("1\n"), &version), ==, -EINVAL);
    g_assert_cmpint(vs3_xs_parse_protocol(V(""), &version), ==, -EINVAL);
    g_assert_cmpint(vs3_xs_format_protocol(buf, 1), ==, -ENOSPC);
}

static void test_pci_addr(void)
{
    static const struct {
        const char *s;
        size_t len;
    } bad[] = {
        { V("0000:00:04.0") }, { V("0000-00-04-8") }, { V("0000-00-20-0") },
        { V("0000-00-1F-0") }, { V("000-00-04-0") }, { V("00000-00-04-0") },
        { V("0000-0-04-0") }, { V("0000-00-4-0") }, { V("0000-00-04-00") },
        { V("0000-00-04") }, { V("0000_00_04_0") }, { V("0000-00-04-0\n") },
        { V("g000-00-04-0") }, { V("0000-00-04--") },
    };
    char buf[16];
    VS3PciAddr a, got;
    size_t i;
    unsigned slot, fn;

    for (slot = 0; slot < 32; slot++) {
        for (fn = 0; fn < 8; fn++) {
            a = (VS3PciAddr){ .segment = 0xabcd, .bus = 0xfe, .slot = slot,
                              .function = fn };
            g_assert_cmpint(vs3_xs_format_pci_addr(buf, sizeof(buf), &a), ==,
                            12);
            g_assert_cmpint(vs3_xs_parse_pci_addr(buf, strlen(buf), &got), ==,
                            0);
            g_assert_cmpuint(got.segment, ==, a.segment);
            g_assert_cmpuint(got.bus, ==, a.bus);
            g_assert_cmpuint(got.slot, ==, a.slot);
            g_assert_cmpuint(got.function, ==, a.function);
        }
    }
    a = (VS3PciAddr){ .segment = 0, .bus = 0, .slot = 0x1f, .function = 7 };
    vs3_xs_format_pci_addr(buf, sizeof(buf), &a);
    g_assert_cmpstr(buf, ==, "0000-00-1f-7");
    for (i = 0; i < G_N_ELEMENTS(bad); i++) {
        if (vs3_xs_parse_pci_addr(bad[i].s, bad[i].len, &got) != -EINVAL) {
            g_error("address \"%.*s\" accepted", (int)bad[i].len, bad[i].s);
        }
    }
    a.slot = 32;
    g_assert_cmpint(vs3_xs_format_pci_addr(buf, sizeof(buf), &a), ==, -EINVAL);
    a.slot = 0;
    a.function = 8;
    g_assert_cmpint(vs3_xs_format_pci_addr(buf, sizeof(buf), &a), ==, -EINVAL);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/xs-proto/paths", test_paths);
    g_test_add_func("/xs-proto/paths-invalid", test_paths_invalid);
    g_test_add_func("/xs-proto/seq", test_seq);
    g_test_add_func("/xs-proto/request", test_request);
    g_test_add_func("/xs-proto/response", test_response);
    g_test_add_func("/xs-proto/state", test_state);
    g_test_add_func("/xs-proto/freeze-mode-values", test_freeze_mode_values);
    g_test_add_func("/xs-proto/protocol", test_protocol);
    g_test_add_func("/xs-proto/pci-addr", test_pci_addr);
    return g_test_run();
}
