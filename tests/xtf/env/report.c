/*
 * Test status and the main loop, as XTF reports them: the worst status
 * reported wins, and "Test result: <STATUS>" is the last line.  Then the
 * domain powers itself off (ACPI S5 on Xen's PM1a_CNT), as an XTF test
 * shuts its domain down.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <xtf.h>

enum status { NONE, SUCCESS, SKIP, ERROR, FAILURE };

static const char *const status_names[] = {
    [NONE] = "ERROR", [SUCCESS] = "SUCCESS", [SKIP] = "SKIP",
    [ERROR] = "ERROR", [FAILURE] = "FAILURE",
};

static enum status status = NONE;

static void report(enum status s, const char *tag, const char *fmt,
                   va_list args)
{
    if (s > status) {
        status = s;
    }
    if (fmt) {
        printk("%s: ", tag);
        vprintk(fmt, args);
        if (fmt[0] && fmt[strlen(fmt) - 1] != '\n') {
            printk("\n");
        }
    }
}

#define REPORTER(fn, s, tag)                            \
    void fn(const char *fmt, ...)                       \
    {                                                   \
        va_list args;                                   \
                                                        \
        va_start(args, fmt);                            \
        report(s, tag, fmt, args);                      \
        va_end(args);                                   \
    }

REPORTER(xtf_success, SUCCESS, "Success")
REPORTER(xtf_skip, SKIP, "Skip")
REPORTER(xtf_error, ERROR, "Error")
REPORTER(xtf_failure, FAILURE, "Failure")

void xtf_warning(const char *fmt, ...)
{
    va_list args;

    va_start(args, fmt);
    printk("Warning: ");
    vprintk(fmt, args);
    printk("\n");
    va_end(args);
}

bool xtf_status_is_success(void)
{
    return status <= SUCCESS;
}

/* Xen HVM guests: PIIX4 PM1a_CNT at 0xb004, S5 is sleep type 0. */
#define XEN_PM1A_CNT    0xb004
#define SLP_EN          (1 << 13)

/* The last line, then power off. */
void xtf_lite_exit(const char *result)
{
    printk("Test result: %s\n", result);
    outw(SLP_EN, XEN_PM1A_CNT);
    for (;;) {
        __asm__ volatile ("cli; hlt");
    }
}

void xtf_lite_main(void);
void xtf_lite_main(void)
{
    printk("--- Xen Test Framework (xtf-lite) ---\n");
    printk("Environment: HVM 32bit (No paging), booted from disk\n");
    printk("%s\n", test_title);
    test_main();
    if (status == NONE) {
        printk("Error: test_main() returned without reporting\n");
    }
    xtf_lite_exit(status_names[status]);
}
