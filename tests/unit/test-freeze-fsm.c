/*
 * Unit tests: the freeze state machine of one virtio device
 *
 * Every event in every reachable state, against a table written from the
 * normative statements of docs/misc/virtio-freeze-mode.md, plus the driver
 * sequences that real guests produce.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>

#include "virtio-s3/freeze-fsm.h"

#define UNF VS3_FREEZE_MODE_UNFREEZE
#define S3 VS3_FREEZE_MODE_FREEZE_S3

/* The reachable states: (offered, negotiated, mode). */
enum { NOT_OFFERED, IDLE, NEGOTIATED, FROZEN, FROZEN_RESET, NSTATES };

static const VS3Freeze states[NSTATES] = {
    [NOT_OFFERED] = { .mode = UNF, .offered = false, .negotiated = false },
    [IDLE] = { .mode = UNF, .offered = true, .negotiated = false },
    [NEGOTIATED] = { .mode = UNF, .offered = true, .negotiated = true },
    [FROZEN] = { .mode = S3, .offered = true, .negotiated = true },
    [FROZEN_RESET] = { .mode = S3, .offered = true, .negotiated = false },
};

static const char *const state_names[NSTATES] = {
    "not-offered", "idle", "negotiated", "frozen", "frozen-reset",
};

/* Event classes of the table; DRIVER_WRITE is split by the value written. */
enum {
    WRITE_UNFREEZE, WRITE_FREEZE_S3, WRITE_RESERVED,
    FEATURES_OK_WITH, FEATURES_OK_WITHOUT, FEATURES_OK_BAD_ARG,
    DRIVER_RESET, WAKEUP_RESET, COLD_RESET, NCLASSES
};

typedef struct Expect {
    VS3Verdict verdict;
    VS3StateAction action;
    int next;               /* index into states[] */
} Expect;

#define OK(a, n)   { VS3_ACCEPTED, VS3_STATE_##a, n }
#define NO(v, n)   { VS3_REJECT_##v, VS3_STATE_UNTOUCHED, n }

static const Expect table[NSTATES][NCLASSES] = {
    [NOT_OFFERED] = {
        [WRITE_UNFREEZE] = NO(NOT_NEGOTIATED, NOT_OFFERED),
        [WRITE_FREEZE_S3] = NO(NOT_NEGOTIATED, NOT_OFFERED),
        [WRITE_RESERVED] = NO(NOT_NEGOTIATED, NOT_OFFERED),
        [FEATURES_OK_WITH] = NO(NOT_OFFERED, NOT_OFFERED),
        [FEATURES_OK_WITHOUT] = OK(UNTOUCHED, NOT_OFFERED),
        [FEATURES_OK_BAD_ARG] = NO(BAD_EVENT, NOT_OFFERED),
        [DRIVER_RESET] = OK(DISCARD, NOT_OFFERED),
        [WAKEUP_RESET] = OK(DISCARD, NOT_OFFERED),
        [COLD_RESET] = OK(DISCARD, NOT_OFFERED),
    },
    [IDLE] = {
        [WRITE_UNFREEZE] = NO(NOT_NEGOTIATED, IDLE),
        [WRITE_FREEZE_S3] = NO(NOT_NEGOTIATED, IDLE),
        [WRITE_RESERVED] = NO(NOT_NEGOTIATED, IDLE),
        [FEATURES_OK_WITH] = OK(UNTOUCHED, NEGOTIATED),
        [FEATURES_OK_WITHOUT] = OK(UNTOUCHED, IDLE),
        [FEATURES_OK_BAD_ARG] = NO(BAD_EVENT, IDLE),
        [DRIVER_RESET] = OK(DISCARD, IDLE),
        [WAKEUP_RESET] = OK(DISCARD, IDLE),
        [COLD_RESET] = OK(DISCARD, IDLE),
    },
    [NEGOTIATED] = {
        [WRITE_UNFREEZE] = OK(UNTOUCHED, NEGOTIATED),
        [WRITE_FREEZE_S3] = OK(UNTOUCHED, FROZEN),
        [WRITE_RESERVED] = NO(RESERVED, NEGOTIATED),
        [FEATURES_OK_WITH] = OK(UNTOUCHED, NEGOTIATED),
        [FEATURES_OK_WITHOUT] = OK(UNTOUCHED, IDLE),
        [FEATURES_OK_BAD_ARG] = NO(BAD_EVENT, NEGOTIATED),
        [DRIVER_RESET] = OK(DISCARD, IDLE),
        [WAKEUP_RESET] = OK(DISCARD, IDLE),
        [COLD_RESET] = OK(DISCARD, IDLE),
    },
    [FROZEN] = {
        [WRITE_UNFREEZE] = OK(UNTOUCHED, NEGOTIATED),
        [WRITE_FREEZE_S3] = OK(UNTOUCHED, FROZEN),
        [WRITE_RESERVED] = NO(RESERVED, FROZEN),
        [FEATURES_OK_WITH] = OK(UNTOUCHED, FROZEN),
        [FEATURES_OK_WITHOUT] = OK(DISCARD, IDLE),
        [FEATURES_OK_BAD_ARG] = NO(BAD_EVENT, FROZEN),
        [DRIVER_RESET] = OK(KEEP, FROZEN_RESET),
        [WAKEUP_RESET] = OK(KEEP, FROZEN_RESET),
        [COLD_RESET] = OK(DISCARD, IDLE),
    },
    [FROZEN_RESET] = {
        [WRITE_UNFREEZE] = NO(NOT_NEGOTIATED, FROZEN_RESET),
        [WRITE_FREEZE_S3] = NO(NOT_NEGOTIATED, FROZEN_RESET),
        [WRITE_RESERVED] = NO(NOT_NEGOTIATED, FROZEN_RESET),
        [FEATURES_OK_WITH] = OK(UNTOUCHED, FROZEN),
        [FEATURES_OK_WITHOUT] = OK(DISCARD, IDLE),
        [FEATURES_OK_BAD_ARG] = NO(BAD_EVENT, FROZEN_RESET),
        [DRIVER_RESET] = OK(KEEP, FROZEN_RESET),
        [WAKEUP_RESET] = OK(KEEP, FROZEN_RESET),
        [COLD_RESET] = OK(DISCARD, IDLE),
    },
};

static void assert_state(const VS3Freeze *got, int want, const char *ctx)
{
    const VS3Freeze *w = &states[want];

    if (got->mode != w->mode || got->offered != w->offered ||
        got->negotiated != w->negotiated) {
        g_error("%s: got (offered %d, negotiated %d, mode %u), want %s",
                ctx, got->offered, got->negotiated, got->mode,
                state_names[want]);
    }
}

/* Apply one event to a copy of states[s] and compare with table[s][cls]. */
static void check(int s, int cls, VS3FreezeEvent ev, uint32_t arg)
{
    const Expect *e = &table[s][cls];
    VS3Freeze f = states[s];
    VS3FreezeOutcome o = vs3_freeze_step(&f, ev, arg);
    g_autofree char *ctx = g_strdup_printf("%s + %s(%u)", state_names[s],
                                           vs3_freeze_event_name(ev), arg);

    if (o.verdict != e->verdict || o.action != e->action) {
        g_error("%s: got %s/%s, want %s/%s", ctx, vs3_verdict_name(o.verdict),
                vs3_state_action_name(o.action), vs3_verdict_name(e->verdict),
                vs3_state_action_name(e->action));
    }
    assert_state(&f, e->next, ctx);
    g_assert_cmpuint(o.old_mode, ==, states[s].mode);
    g_assert_cmpuint(o.new_mode, ==, f.mode);
    g_assert_cmpuint(vs3_freeze_read(&f), ==, f.mode);
    /* A rejected event changes nothing, and resets nothing. */
    if (o.verdict != VS3_ACCEPTED) {
        g_assert_cmpmem(&f, sizeof(f), &states[s], sizeof(f));
        g_assert_cmpint(o.action, ==, VS3_STATE_UNTOUCHED);
    }
}

/* Every value a driver can write, in every state. */
static void test_driver_write_every_value(void)
{
    static const uint32_t beyond_le16[] = {
        0x10000, 0x10003, 0x30000, 0x7fffffff, UINT32_MAX,
    };
    int s;
    uint32_t v;
    size_t i;

    for (s = 0; s < NSTATES; s++) {
        for (v = 0; v <= UINT16_MAX; v++) {
            int cls = v == UNF ? WRITE_UNFREEZE : v == S3 ? WRITE_FREEZE_S3
                                                          : WRITE_RESERVED;
            check(s, cls, VS3_FEV_DRIVER_WRITE, v);
        }
        for (i = 0; i < G_N_ELEMENTS(beyond_le16); i++) {
            check(s, WRITE_RESERVED, VS3_FEV_DRIVER_WRITE, beyond_le16[i]);
        }
    }
}

static void test_features_ok(void)
{
    static const uint32_t bad_args[] = { 2, 3, 0x80000000u, UINT32_MAX };
    int s;
    size_t i;

    for (s = 0; s < NSTATES; s++) {
        check(s, FEATURES_OK_WITH, VS3_FEV_FEATURES_OK, 1);
        check(s, FEATURES_OK_WITHOUT, VS3_FEV_FEATURES_OK, 0);
        for (i = 0; i < G_N_ELEMENTS(bad_args); i++) {
            check(s, FEATURES_OK_BAD_ARG, VS3_FEV_FEATURES_OK, bad_args[i]);
        }
    }
}

/* Resets ignore their argument: try a few to be sure. */
static void test_resets(void)
{
    static const uint32_t args[] = { 0, 1, 3, UINT32_MAX };
    int s;
    size_t i;

    for (s = 0; s < NSTATES; s++) {
        for (i = 0; i < G_N_ELEMENTS(args); i++) {
            check(s, DRIVER_RESET, VS3_FEV_DRIVER_RESET, args[i]);
            check(s, WAKEUP_RESET, VS3_FEV_WAKEUP_RESET, args[i]);
            check(s, COLD_RESET, VS3_FEV_COLD_RESET, args[i]);
        }
    }
}

static void test_invalid_event(void)
{
    static const int bad[] = { VS3_FEV__MAX, VS3_FEV__MAX + 1, 255, -1 };
    int s;
    size_t i;

    for (s = 0; s < NSTATES; s++) {
        for (i = 0; i < G_N_ELEMENTS(bad); i++) {
            VS3Freeze f = states[s];
            VS3FreezeOutcome o = vs3_freeze_step(&f, (VS3FreezeEvent)bad[i],
                                                 S3);

            g_assert_cmpint(o.verdict, ==, VS3_REJECT_BAD_EVENT);
            g_assert_cmpint(o.action, ==, VS3_STATE_UNTOUCHED);
            g_assert_cmpmem(&f, sizeof(f), &states[s], sizeof(f));
            g_assert_cmpstr(vs3_freeze_event_name((VS3FreezeEvent)bad[i]),
                            ==, "invalid-event");
        }
    }
}

/* The table's states are exactly those reachable from cold reset. */
static void test_reachable_states(void)
{
    gboolean seen[NSTATES] = { FALSE };
    GQueue todo = G_QUEUE_INIT;
    VS3Freeze f;
    int s, cls, n = 0;

    vs3_freeze_init(&f, false);
    assert_state(&f, NOT_OFFERED, "init(false)");
    vs3_freeze_init(&f, true);
    assert_state(&f, IDLE, "init(true)");

    seen[NOT_OFFERED] = seen[IDLE] = TRUE;
    g_queue_push_tail(&todo, GINT_TO_POINTER(NOT_OFFERED));
    g_queue_push_tail(&todo, GINT_TO_POINTER(IDLE));
    while (!g_queue_is_empty(&todo)) {
        s = GPOINTER_TO_INT(g_queue_pop_head(&todo));
        n++;
        for (cls = 0; cls < NCLASSES; cls++) {
            int next = table[s][cls].next;

            if (!seen[next]) {
                seen[next] = TRUE;
                g_queue_push_tail(&todo, GINT_TO_POINTER(next));
            }
        }
    }
    g_assert_cmpint(n, ==, NSTATES);
}

static VS3FreezeOutcome step(VS3Freeze *f, VS3FreezeEvent ev, uint32_t arg)
{
    return vs3_freeze_step(f, ev, arg);
}

/* Linux-style S3 with the feature: freeze, wakeup reset, restore, unfreeze. */
static void test_s3_cycle(void)
{
    VS3Freeze f;
    int cycle;

    vs3_freeze_init(&f, true);
    g_assert_cmpint(step(&f, VS3_FEV_FEATURES_OK, 1).verdict, ==,
                    VS3_ACCEPTED);
    for (cycle = 0; cycle < 3; cycle++) {
        g_assert_cmpint(step(&f, VS3_FEV_DRIVER_WRITE, S3).verdict, ==,
                        VS3_ACCEPTED);
        g_assert_cmpuint(vs3_freeze_read(&f), ==, S3);
        g_assert_cmpint(step(&f, VS3_FEV_WAKEUP_RESET, 0).action, ==,
                        VS3_STATE_KEEP);
        /* The restoring driver still reads FREEZE_S3 ... */
        g_assert_cmpuint(vs3_freeze_read(&f), ==, S3);
        /* ... resets the device, which keeps its state again ... */
        g_assert_cmpint(step(&f, VS3_FEV_DRIVER_RESET, 0).action, ==,
                        VS3_STATE_KEEP);
        /* ... cannot unfreeze before negotiating ... */
        g_assert_cmpint(step(&f, VS3_FEV_DRIVER_WRITE, UNF).verdict, ==,
                        VS3_REJECT_NOT_NEGOTIATED);
        g_assert_cmpint(step(&f, VS3_FEV_FEATURES_OK, 1).action, ==,
                        VS3_STATE_UNTOUCHED);
        /* ... and unfreezes once it has. */
        g_assert_cmpint(step(&f, VS3_FEV_DRIVER_WRITE, UNF).verdict, ==,
                        VS3_ACCEPTED);
        g_assert_cmpuint(vs3_freeze_read(&f), ==, UNF);
    }
}

/* Today's bug, kept for drivers that never negotiate: wakeup discards. */
static void test_s3_without_feature(void)
{
    VS3Freeze f;

    vs3_freeze_init(&f, true);
    g_assert_cmpint(step(&f, VS3_FEV_FEATURES_OK, 0).verdict, ==,
                    VS3_ACCEPTED);
    g_assert_cmpint(step(&f, VS3_FEV_DRIVER_WRITE, S3).verdict, ==,
                    VS3_REJECT_NOT_NEGOTIATED);
    g_assert_cmpint(step(&f, VS3_FEV_WAKEUP_RESET, 0).action, ==,
                    VS3_STATE_DISCARD);
}

/* Suspend aborted inside the guest: restore without any wakeup. */
static void test_aborted_suspend(void)
{
    VS3Freeze f;

    vs3_freeze_init(&f, true);
    step(&f, VS3_FEV_FEATURES_OK, 1);
    step(&f, VS3_FEV_DRIVER_WRITE, S3);
    g_assert_cmpint(step(&f, VS3_FEV_DRIVER_RESET, 0).action, ==,
                    VS3_STATE_KEEP);
    step(&f, VS3_FEV_FEATURES_OK, 1);
    g_assert_cmpint(step(&f, VS3_FEV_DRIVER_WRITE, UNF).verdict, ==,
                    VS3_ACCEPTED);
}

/* Another kernel (kexec) that does not know the feature gets a clean device. */
static void test_foreign_driver_after_freeze(void)
{
    VS3Freeze f;
    VS3FreezeOutcome o;

    vs3_freeze_init(&f, true);
    step(&f, VS3_FEV_FEATURES_OK, 1);
    step(&f, VS3_FEV_DRIVER_WRITE, S3);
    step(&f, VS3_FEV_DRIVER_RESET, 0);
    o = step(&f, VS3_FEV_FEATURES_OK, 0);
    g_assert_cmpint(o.action, ==, VS3_STATE_DISCARD);
    g_assert_cmpuint(o.old_mode, ==, S3);
    g_assert_cmpuint(o.new_mode, ==, UNF);
    g_assert_cmpint(step(&f, VS3_FEV_DRIVER_RESET, 0).action, ==,
                    VS3_STATE_DISCARD);
}

/* system_reset while frozen frees everything and forgets the freeze. */
static void test_cold_reset_while_frozen(void)
{
    VS3Freeze f;
    VS3FreezeOutcome o;

    vs3_freeze_init(&f, true);
    step(&f, VS3_FEV_FEATURES_OK, 1);
    step(&f, VS3_FEV_DRIVER_WRITE, S3);
    o = step(&f, VS3_FEV_COLD_RESET, 0);
    g_assert_cmpint(o.action, ==, VS3_STATE_DISCARD);
    g_assert_cmpuint(vs3_freeze_read(&f), ==, UNF);
    g_assert_false(f.negotiated);
    g_assert_true(f.offered);
    g_assert_cmpint(step(&f, VS3_FEV_WAKEUP_RESET, 0).action, ==,
                    VS3_STATE_DISCARD);
}

static void test_names(void)
{
    g_assert_cmpstr(vs3_verdict_name(VS3_ACCEPTED), ==, "accepted");
    g_assert_cmpstr(vs3_verdict_name(VS3_REJECT_RESERVED), ==,
                    "reserved-value");
    g_assert_cmpstr(vs3_verdict_name(VS3_VERDICT__MAX), ==,
                    "invalid-verdict");
    g_assert_cmpstr(vs3_state_action_name(VS3_STATE_KEEP), ==, "keep");
    g_assert_cmpstr(vs3_state_action_name((VS3StateAction)7), ==,
                    "invalid-action");
    for (int v = 0; v < VS3_VERDICT__MAX; v++) {
        g_assert_nonnull(vs3_verdict_name((VS3Verdict)v));
        g_assert_cmpstr(vs3_verdict_name((VS3Verdict)v), !=,
                        "invalid-verdict");
    }
    for (int e = 0; e < VS3_FEV__MAX; e++) {
        g_assert_cmpstr(vs3_freeze_event_name((VS3FreezeEvent)e), !=,
                        "invalid-event");
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/freeze-fsm/table/driver-write-every-value",
                    test_driver_write_every_value);
    g_test_add_func("/freeze-fsm/table/features-ok", test_features_ok);
    g_test_add_func("/freeze-fsm/table/resets", test_resets);
    g_test_add_func("/freeze-fsm/table/invalid-event", test_invalid_event);
    g_test_add_func("/freeze-fsm/table/reachable-states",
                    test_reachable_states);
    g_test_add_func("/freeze-fsm/sequence/s3-cycle", test_s3_cycle);
    g_test_add_func("/freeze-fsm/sequence/s3-without-feature",
                    test_s3_without_feature);
    g_test_add_func("/freeze-fsm/sequence/aborted-suspend",
                    test_aborted_suspend);
    g_test_add_func("/freeze-fsm/sequence/foreign-driver-after-freeze",
                    test_foreign_driver_after_freeze);
    g_test_add_func("/freeze-fsm/sequence/cold-reset-while-frozen",
                    test_cold_reset_while_frozen);
    g_test_add_func("/freeze-fsm/names", test_names);
    return g_test_run();
}
