/*
 * An X server of our own for tests that need a GL-capable display
 *
 * Xvfb -displayfd picks a free display and tells us which: no fixed
 * display numbers, so parallel test runs do not collide.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "qtest-client.h"
#include "xvfb.h"

GPid xvfb_start(void)
{
    g_autoptr(GError) err = NULL;
    g_autofree char *fd_arg = NULL;
    struct pollfd p;
    char buf[32] = "";
    int fds[2];
    ssize_t n;
    GPid pid;

    g_assert_cmpint(pipe(fds), ==, 0);
    fd_arg = g_strdup_printf("%d", fds[1]);
    {
        const char *argv[] = {
            "Xvfb", "-displayfd", fd_arg, "-screen", "0", "1024x768x24",
            "+extension", "GLX", "-nolisten", "tcp", NULL,
        };

        /* Keep the pipe open in the child: it is how Xvfb answers. */
        g_spawn_async_with_fds(NULL, (char **)argv, NULL,
                               G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD |
                               G_SPAWN_LEAVE_DESCRIPTORS_OPEN,
                               qvm_child_setup, NULL, &pid, -1, -1, -1, &err);
    }
    close(fds[1]);
    if (err) {
        g_error("cannot start Xvfb (Debian package xvfb): %s", err->message);
    }
    p = (struct pollfd){ .fd = fds[0], .events = POLLIN };
    if (poll(&p, 1, 30000) != 1 || (n = read(fds[0], buf, sizeof(buf) - 1))
        <= 0) {
        g_error("Xvfb did not report its display in 30 s");
    }
    close(fds[0]);
    buf[n] = '\0';
    g_strstrip(buf);
    {
        g_autofree char *display = g_strdup_printf(":%s", buf);

        g_setenv("DISPLAY", display, TRUE);
        g_test_message("Xvfb pid %d on display %s", pid, display);
    }
    return pid;
}

void xvfb_stop(GPid pid)
{
    kill(pid, SIGTERM);
    waitpid(pid, NULL, 0);
    g_spawn_close_pid(pid);
}
