/*
 * Unit tests: the ACPI S3 state machine of one domain
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>

#include "virtio-s3/sleep-fsm.h"

#define RUN VS3_SLEEP_RUNNING
#define SUS VS3_SLEEP_SUSPENDED
#define RES VS3_SLEEP_RESUMING

typedef struct Expect {
    VS3Verdict verdict;
    VS3SleepState next;
} Expect;

#define OK(n)     { VS3_ACCEPTED, n }
#define NO(v, n)  { VS3_REJECT_##v, n }

/* From docs/misc/virtio-freeze-mode.md, "Domain sleep states". */
static const Expect table[VS3_SLEEP__MAX][VS3_SEV__MAX] = {
    [RUN] = {
        [VS3_SEV_GUEST_SUSPEND] = OK(SUS),
        [VS3_SEV_RESUME_REQUEST] = NO(NOT_SUSPENDED, RUN),
        [VS3_SEV_WAKEUP] = NO(NOT_SUSPENDED, RUN),
        [VS3_SEV_WAKEUP_FAILED] = NO(NOT_SUSPENDED, RUN),
        [VS3_SEV_COLD_RESET] = OK(RUN),
    },
    [SUS] = {
        [VS3_SEV_GUEST_SUSPEND] = NO(SUSPENDED, SUS),
        [VS3_SEV_RESUME_REQUEST] = OK(RES),
        [VS3_SEV_WAKEUP] = OK(RUN),
        [VS3_SEV_WAKEUP_FAILED] = NO(NOT_SUSPENDED, SUS),
        [VS3_SEV_COLD_RESET] = OK(RUN),
    },
    [RES] = {
        [VS3_SEV_GUEST_SUSPEND] = NO(SUSPENDED, RES),
        [VS3_SEV_RESUME_REQUEST] = NO(BUSY, RES),
        [VS3_SEV_WAKEUP] = OK(RUN),
        [VS3_SEV_WAKEUP_FAILED] = OK(SUS),
        [VS3_SEV_COLD_RESET] = OK(RUN),
    },
};

static void test_every_event_in_every_state(void)
{
    int s, ev;

    for (s = 0; s < VS3_SLEEP__MAX; s++) {
        for (ev = 0; ev < VS3_SEV__MAX; ev++) {
            const Expect *e = &table[s][ev];
            VS3SleepState st = (VS3SleepState)s;
            VS3SleepOutcome o = vs3_sleep_step(&st, (VS3SleepEvent)ev);

            if (o.verdict != e->verdict || st != e->next) {
                g_error("%s + %s: got %s -> %s, want %s -> %s",
                        vs3_sleep_state_name((VS3SleepState)s),
                        vs3_sleep_event_name((VS3SleepEvent)ev),
                        vs3_verdict_name(o.verdict), vs3_sleep_state_name(st),
                        vs3_verdict_name(e->verdict),
                        vs3_sleep_state_name(e->next));
            }
            g_assert_cmpint(o.old_state, ==, s);
            g_assert_cmpint(o.new_state, ==, st);
            if (o.verdict != VS3_ACCEPTED) {
                g_assert_cmpint(st, ==, s);
            }
        }
    }
}

static void test_invalid_event_and_state(void)
{
    static const int bad[] = { VS3_SEV__MAX, 100, -1 };
    size_t i;
    int s;

    for (s = 0; s < VS3_SLEEP__MAX; s++) {
        for (i = 0; i < G_N_ELEMENTS(bad); i++) {
            VS3SleepState st = (VS3SleepState)s;
            VS3SleepOutcome o = vs3_sleep_step(&st, (VS3SleepEvent)bad[i]);

            g_assert_cmpint(o.verdict, ==, VS3_REJECT_BAD_EVENT);
            g_assert_cmpint(st, ==, s);
        }
    }
    for (i = 0; i < G_N_ELEMENTS(bad); i++) {
        VS3SleepState st = (VS3SleepState)bad[i];
        VS3SleepOutcome o = vs3_sleep_step(&st, VS3_SEV_COLD_RESET);

        g_assert_cmpint(o.verdict, ==, VS3_REJECT_BAD_EVENT);
        g_assert_cmpint((int)st, ==, bad[i]);
        g_assert_cmpstr(vs3_sleep_state_name(st), ==, "invalid-state");
    }
}

/* Three S3 cycles driven by the toolstack, and one by another wakeup. */
static void test_repeated_cycles(void)
{
    VS3SleepState s = RUN;
    int cycle;

    for (cycle = 0; cycle < 3; cycle++) {
        g_assert_cmpint(vs3_sleep_step(&s, VS3_SEV_GUEST_SUSPEND).verdict, ==,
                        VS3_ACCEPTED);
        g_assert_cmpint(vs3_sleep_step(&s, VS3_SEV_RESUME_REQUEST).verdict,
                        ==, VS3_ACCEPTED);
        /* A second request while the first is in flight is refused. */
        g_assert_cmpint(vs3_sleep_step(&s, VS3_SEV_RESUME_REQUEST).verdict,
                        ==, VS3_REJECT_BUSY);
        g_assert_cmpint(vs3_sleep_step(&s, VS3_SEV_WAKEUP).verdict, ==,
                        VS3_ACCEPTED);
        g_assert_cmpint(s, ==, RUN);
    }
    vs3_sleep_step(&s, VS3_SEV_GUEST_SUSPEND);
    g_assert_cmpint(vs3_sleep_step(&s, VS3_SEV_WAKEUP).new_state, ==, RUN);
    g_assert_cmpint(vs3_sleep_step(&s, VS3_SEV_RESUME_REQUEST).verdict, ==,
                    VS3_REJECT_NOT_SUSPENDED);
}

static void test_names(void)
{
    g_assert_cmpstr(vs3_sleep_state_name(RUN), ==, "running");
    g_assert_cmpstr(vs3_sleep_state_name(SUS), ==, "suspended");
    g_assert_cmpstr(vs3_sleep_state_name(RES), ==, "resuming");
    g_assert_cmpstr(vs3_sleep_event_name(VS3_SEV_RESUME_REQUEST), ==,
                    "resume-request");
    g_assert_cmpstr(vs3_sleep_event_name(VS3_SEV__MAX), ==, "invalid-event");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/sleep-fsm/table", test_every_event_in_every_state);
    g_test_add_func("/sleep-fsm/invalid", test_invalid_event_and_state);
    g_test_add_func("/sleep-fsm/repeated-cycles", test_repeated_cycles);
    g_test_add_func("/sleep-fsm/names", test_names);
    return g_test_run();
}
