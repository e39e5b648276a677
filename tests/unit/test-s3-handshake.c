/*
 * Unit tests: the request/response handshake, toolstack and device model
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <string.h>

#include <glib.h>

#include "virtio-s3/s3-handshake.h"

static VS3Node node(const char *s)
{
    return (VS3Node){ s, s ? strlen(s) : 0 };
}

#define ABSENT ((VS3Node){ NULL, 0 })

static void test_ts_next_seq(void)
{
    uint32_t seq = 0;

    /* Nothing yet: start at 1. */
    g_assert_cmpint(vs3_ts_next_seq(ABSENT, ABSENT, &seq), ==, 0);
    g_assert_cmpuint(seq, ==, 1);
    /* Answered request: the next one. */
    g_assert_cmpint(vs3_ts_next_seq(node("7 s3resume"), node("7 ok"), &seq),
                    ==, 0);
    g_assert_cmpuint(seq, ==, 8);
    g_assert_cmpint(vs3_ts_next_seq(node("7 s3resume"),
                                    node("7 not-suspended"), &seq), ==, 0);
    g_assert_cmpuint(seq, ==, 8);
    /* Wraps past UINT32_MAX to 1, never 0. */
    g_assert_cmpint(vs3_ts_next_seq(node("4294967295 s3resume"),
                                    node("4294967295 ok"), &seq), ==, 0);
    g_assert_cmpuint(seq, ==, 1);
    /* A response left without request: continue after it. */
    g_assert_cmpint(vs3_ts_next_seq(ABSENT, node("41 ok"), &seq), ==, 0);
    g_assert_cmpuint(seq, ==, 42);
    /* A cancelled request is not in flight. */
    g_assert_cmpint(vs3_ts_next_seq(node("9 cancel"), node("8 ok"), &seq),
                    ==, 0);
    g_assert_cmpuint(seq, ==, 10);
    g_assert_cmpint(vs3_ts_next_seq(node("9 cancel"), ABSENT, &seq), ==, 0);
    g_assert_cmpuint(seq, ==, 10);
}

static void test_ts_next_seq_refuses(void)
{
    uint32_t seq = 99;

    /* In flight: unanswered, or answered for another seq. */
    g_assert_cmpint(vs3_ts_next_seq(node("7 s3resume"), ABSENT, &seq), ==,
                    -EBUSY);
    g_assert_cmpint(vs3_ts_next_seq(node("7 s3resume"), node("6 ok"), &seq),
                    ==, -EBUSY);
    /* A request of another revision is in flight just the same. */
    g_assert_cmpint(vs3_ts_next_seq(node("7 s4resume"), node("6 ok"), &seq),
                    ==, -EBUSY);
    /* Malformed nodes: refuse, do not guess. */
    g_assert_cmpint(vs3_ts_next_seq(node("7 s3resume\n"), node("7 ok"),
                                    &seq), ==, -EPROTO);
    g_assert_cmpint(vs3_ts_next_seq(node("7 s3resume"), node("7 OK"), &seq),
                    ==, -EPROTO);
    g_assert_cmpint(vs3_ts_next_seq(ABSENT, node("x"), &seq), ==, -EPROTO);
    g_assert_cmpint(vs3_ts_next_seq(node(""), ABSENT, &seq), ==, -EPROTO);
    g_assert_cmpuint(seq, ==, 99);
}

static void test_ts_on_response(void)
{
    static const struct {
        const char *value;
        VS3TsOutcome want;
    } cases[] = {
        { "5 ok", VS3_TS_OK },
        { "5 not-suspended", VS3_TS_NOT_SUSPENDED },
        { "5 busy", VS3_TS_BUSY },
        { "5 unsupported", VS3_TS_UNSUPPORTED },
        { "5 failed", VS3_TS_FAILED },
        { "4 ok", VS3_TS_WAIT },            /* stale */
        { "6 ok", VS3_TS_WAIT },            /* not ours either */
        { "5 ok ", VS3_TS_MALFORMED },
        { "5 done", VS3_TS_MALFORMED },
        { "05 ok", VS3_TS_MALFORMED },
        { "", VS3_TS_MALFORMED },
    };

    g_assert_cmpint(vs3_ts_on_response(5, ABSENT), ==, VS3_TS_WAIT);
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        VS3TsOutcome got = vs3_ts_on_response(5, node(cases[i].value));

        if (got != cases[i].want) {
            g_error("response \"%s\": got %d, want %d", cases[i].value, got,
                    cases[i].want);
        }
    }
}

static VS3DmAction dm_request(VS3DmState *dm, const char *value,
                              VS3Response *rsp, bool *malformed)
{
    return vs3_dm_on_request(dm, node(value), rsp, malformed);
}

static void test_dm_resume_cycle(void)
{
    VS3DmState dm = { .sleep = VS3_SLEEP_RUNNING };
    VS3Response rsp = { 0 };
    bool bad;

    /* Running: refused at once. */
    g_assert_cmpint(dm_request(&dm, "1 s3resume", &rsp, &bad), ==,
                    VS3_DM_RESPOND);
    g_assert_cmpuint(rsp.seq, ==, 1);
    g_assert_cmpint(rsp.status, ==, VS3_STATUS_NOT_SUSPENDED);

    /* Suspended: wake, and answer only once the domain runs. */
    vs3_dm_on_suspend(&dm);
    g_assert_cmpint(dm.sleep, ==, VS3_SLEEP_SUSPENDED);
    g_assert_cmpint(dm_request(&dm, "2 s3resume", &rsp, &bad), ==,
                    VS3_DM_WAKE);
    g_assert_cmpint(dm.sleep, ==, VS3_SLEEP_RESUMING);
    /* The watch fires again for the same value: nothing more. */
    g_assert_cmpint(dm_request(&dm, "2 s3resume", &rsp, &bad), ==,
                    VS3_DM_IGNORE);

    g_assert_true(vs3_dm_on_wakeup(&dm, &rsp));
    g_assert_cmpuint(rsp.seq, ==, 2);
    g_assert_cmpint(rsp.status, ==, VS3_STATUS_OK);
    g_assert_cmpint(dm.sleep, ==, VS3_SLEEP_RUNNING);

    /* Another request while resuming: busy. */
    vs3_dm_on_suspend(&dm);
    g_assert_cmpint(dm_request(&dm, "3 s3resume", &rsp, &bad), ==,
                    VS3_DM_WAKE);
    g_assert_cmpint(dm_request(&dm, "3 cancel", &rsp, &bad), ==,
                    VS3_DM_IGNORE);
    g_assert_cmpint(dm_request(&dm, "4 s3resume", &rsp, &bad), ==,
                    VS3_DM_RESPOND);
    g_assert_cmpuint(rsp.seq, ==, 4);
    g_assert_cmpint(rsp.status, ==, VS3_STATUS_BUSY);
    g_assert_false(vs3_dm_on_wakeup(&dm, &rsp));

    /* A wakeup from elsewhere answers nothing. */
    vs3_dm_on_suspend(&dm);
    g_assert_false(vs3_dm_on_wakeup(&dm, &rsp));
    g_assert_cmpint(dm.sleep, ==, VS3_SLEEP_RUNNING);
}

/*
 * A resume that outlives the toolstack's timeout: request 5 is accepted,
 * the toolstack gives up and cancels it, the next xl trigger writes 6,
 * which is answered "busy" while 5 is still being carried out; then 5's
 * wakeup completes.  Its late "5 ok" must not overwrite "6 busy": with it,
 * request 6 would look in flight for ever and every later xl trigger would
 * say "already in progress".
 */
static void test_late_answer_does_not_wedge(void)
{
    VS3DmState dm = { .sleep = VS3_SLEEP_SUSPENDED };
    VS3Response rsp = { 0 }, written = { 0 };
    char request[VS3_XS_VALUE_MAX + 1], response[VS3_XS_VALUE_MAX + 1];
    uint32_t seq;
    bool bad;

    g_assert_cmpint(dm_request(&dm, "5 s3resume", &rsp, &bad), ==,
                    VS3_DM_WAKE);
    /* libxl's timeout: "5 cancel" in place of the request. */
    g_assert_cmpint(dm_request(&dm, "5 cancel", &rsp, &bad), ==,
                    VS3_DM_IGNORE);
    g_assert_cmpint(vs3_ts_next_seq(node("5 cancel"), ABSENT, &seq), ==, 0);
    g_assert_cmpuint(seq, ==, 6);
    g_assert_cmpint(dm_request(&dm, "6 s3resume", &rsp, &bad), ==,
                    VS3_DM_RESPOND);
    g_assert_cmpuint(rsp.seq, ==, 6);
    g_assert_cmpint(rsp.status, ==, VS3_STATUS_BUSY);
    written = rsp;

    /* Request 5's wakeup completes: nothing to write. */
    rsp = (VS3Response){ 0 };
    if (vs3_dm_on_wakeup(&dm, &rsp)) {
        written = rsp;
    }
    g_assert_cmpint(dm.sleep, ==, VS3_SLEEP_RUNNING);
    g_assert_cmpuint(written.seq, ==, 6);
    g_assert_cmpint(written.status, ==, VS3_STATUS_BUSY);

    /* The next xl trigger may write its request, and is answered. */
    g_assert_cmpint(vs3_xs_format_response(response, sizeof(response),
                                           &written), >, 0);
    g_assert_cmpint(vs3_ts_next_seq(node("6 s3resume"), node(response),
                                    &seq), ==, 0);
    g_assert_cmpuint(seq, ==, 7);
    vs3_dm_on_suspend(&dm);
    g_assert_cmpint(vs3_xs_format_request(request, sizeof(request),
                    &(VS3Request){ .seq = seq, .cmd = VS3_CMD_S3RESUME }),
                    >, 0);
    g_assert_cmpint(dm_request(&dm, request, &rsp, &bad), ==, VS3_DM_WAKE);
    g_assert_true(vs3_dm_on_wakeup(&dm, &rsp));
    g_assert_cmpuint(rsp.seq, ==, 7);
    g_assert_cmpint(rsp.status, ==, VS3_STATUS_OK);
}

/* A cancelled request whose wakeup completes may still be answered. */
static void test_cancelled_answer(void)
{
    VS3DmState dm = { .sleep = VS3_SLEEP_SUSPENDED };
    VS3Response rsp = { 0 };
    uint32_t seq;
    bool bad;

    g_assert_cmpint(dm_request(&dm, "8 s3resume", &rsp, &bad), ==,
                    VS3_DM_WAKE);
    g_assert_cmpint(dm_request(&dm, "8 cancel", &rsp, &bad), ==,
                    VS3_DM_IGNORE);
    g_assert_true(vs3_dm_on_wakeup(&dm, &rsp));
    g_assert_cmpuint(rsp.seq, ==, 8);
    g_assert_cmpint(vs3_ts_next_seq(node("8 cancel"), node("8 ok"), &seq),
                    ==, 0);
    g_assert_cmpuint(seq, ==, 9);
}

/* The wakeup could not be started: still in S3, answered "failed". */
static void test_dm_wakeup_failed(void)
{
    VS3DmState dm = { .sleep = VS3_SLEEP_SUSPENDED };
    VS3Response rsp = { 0 };
    bool bad;

    g_assert_cmpint(dm_request(&dm, "3 s3resume", &rsp, &bad), ==,
                    VS3_DM_WAKE);
    g_assert_true(vs3_dm_on_wakeup_failed(&dm, &rsp));
    g_assert_cmpuint(rsp.seq, ==, 3);
    g_assert_cmpint(rsp.status, ==, VS3_STATUS_FAILED);
    g_assert_cmpint(dm.sleep, ==, VS3_SLEEP_SUSPENDED);
    g_assert_cmpuint(dm.pending_seq, ==, 0);
    /* And a new request may try again. */
    g_assert_cmpint(dm_request(&dm, "4 s3resume", &rsp, &bad), ==,
                    VS3_DM_WAKE);
    /* Not resuming: nothing to fail, nothing changes. */
    dm = (VS3DmState){ .sleep = VS3_SLEEP_RUNNING };
    g_assert_false(vs3_dm_on_wakeup_failed(&dm, &rsp));
    g_assert_cmpint(dm.sleep, ==, VS3_SLEEP_RUNNING);
}

/* A cold reset ends S3 whatever the state; a pending request fails. */
static void test_dm_cold_reset(void)
{
    VS3DmState dm = { .sleep = VS3_SLEEP_SUSPENDED };
    VS3Response rsp = { 0 };
    bool bad;

    g_assert_false(vs3_dm_on_cold_reset(&dm, &rsp));
    g_assert_cmpint(dm.sleep, ==, VS3_SLEEP_RUNNING);

    vs3_dm_on_suspend(&dm);
    g_assert_cmpint(dm_request(&dm, "2 s3resume", &rsp, &bad), ==,
                    VS3_DM_WAKE);
    g_assert_true(vs3_dm_on_cold_reset(&dm, &rsp));
    g_assert_cmpuint(rsp.seq, ==, 2);
    g_assert_cmpint(rsp.status, ==, VS3_STATUS_FAILED);
    g_assert_cmpint(dm.sleep, ==, VS3_SLEEP_RUNNING);
    /* The wakeup reset that follows answers nothing more. */
    g_assert_false(vs3_dm_on_wakeup(&dm, &rsp));
}

static void test_dm_ignores(void)
{
    VS3DmState dm = { .sleep = VS3_SLEEP_SUSPENDED };
    VS3Response rsp = { 0 };
    bool bad;

    g_assert_cmpint(vs3_dm_on_request(&dm, ABSENT, &rsp, &bad), ==,
                    VS3_DM_IGNORE);
    g_assert_false(bad);
    g_assert_cmpint(dm_request(&dm, "garbage", &rsp, &bad), ==,
                    VS3_DM_IGNORE);
    g_assert_true(bad);
    g_assert_cmpint(dm_request(&dm, "0 s3resume", &rsp, &bad), ==,
                    VS3_DM_IGNORE);
    g_assert_true(bad);
    g_assert_cmpint(dm_request(&dm, "4 cancel", &rsp, &bad), ==,
                    VS3_DM_IGNORE);
    g_assert_false(bad);
    /* None of them changed the state. */
    g_assert_cmpint(dm.sleep, ==, VS3_SLEEP_SUSPENDED);
    g_assert_cmpuint(dm.last_seq, ==, 0);
}

static void test_dm_unsupported(void)
{
    VS3DmState dm = { .sleep = VS3_SLEEP_SUSPENDED };
    VS3Response rsp = { 0 };
    bool bad;

    g_assert_cmpint(dm_request(&dm, "5 s4resume", &rsp, &bad), ==,
                    VS3_DM_RESPOND);
    g_assert_cmpuint(rsp.seq, ==, 5);
    g_assert_cmpint(rsp.status, ==, VS3_STATUS_UNSUPPORTED);
    g_assert_cmpint(dm.sleep, ==, VS3_SLEEP_SUSPENDED);
    g_assert_cmpint(dm_request(&dm, "5 s4resume", &rsp, &bad), ==,
                    VS3_DM_IGNORE);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/s3-handshake/ts/next-seq", test_ts_next_seq);
    g_test_add_func("/s3-handshake/ts/next-seq-refuses",
                    test_ts_next_seq_refuses);
    g_test_add_func("/s3-handshake/ts/on-response", test_ts_on_response);
    g_test_add_func("/s3-handshake/dm/resume-cycle", test_dm_resume_cycle);
    g_test_add_func("/s3-handshake/dm/late-answer-does-not-wedge",
                    test_late_answer_does_not_wedge);
    g_test_add_func("/s3-handshake/dm/cancelled-answer",
                    test_cancelled_answer);
    g_test_add_func("/s3-handshake/dm/wakeup-failed", test_dm_wakeup_failed);
    g_test_add_func("/s3-handshake/dm/cold-reset", test_dm_cold_reset);
    g_test_add_func("/s3-handshake/dm/ignores", test_dm_ignores);
    g_test_add_func("/s3-handshake/dm/unsupported", test_dm_unsupported);
    return g_test_run();
}
