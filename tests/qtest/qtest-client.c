/*
 * A small client of QEMU's qtest protocol and QMP
 *
 * QEMU connects to two Unix sockets that we listen on: one carries the
 * qtest protocol (one command per line, one "OK ..." line back), the other
 * QMP (one JSON object per line; events may come at any time).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "qtest-client.h"

/*
 * Generous: TCG-free qtest is fast, but CI machines are shared and slow,
 * and a QEMU under valgrind is some ten times slower still.
 */
#define QVM_TIMEOUT_MS          (60 * 1000)
#define QVM_WRAPPED_TIMEOUT_MS  (600 * 1000)

typedef struct LineConn {
    int fd;
    GString *buf;
} LineConn;

struct QVM {
    GPid pid;
    int timeout_ms;
    char *dir;
    LineConn qtest;
    LineConn qmp;
    GPtrArray *events;      /* QMP event lines received, not yet waited for */
    unsigned long commands; /* qtest commands sent */
};

void qvm_child_setup(gpointer unused)
{
    prctl(PR_SET_PDEATHSIG, SIGKILL);
}

static int listen_unix(const char *path)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

    g_assert_cmpint(fd, >=, 0);
    g_assert_cmpuint(strlen(path), <, sizeof(addr.sun_path));
    strcpy(addr.sun_path, path);
    g_assert_cmpint(bind(fd, (struct sockaddr *)&addr, sizeof(addr)), ==, 0);
    g_assert_cmpint(listen(fd, 1), ==, 0);
    return fd;
}

static int accept_timeout(QVM *vm, int lfd, const char *what)
{
    struct pollfd p = { .fd = lfd, .events = POLLIN };
    int fd;

    if (poll(&p, 1, vm->timeout_ms) != 1) {
        g_autofree char *log = qvm_log(vm);

        g_error("QEMU did not connect its %s socket; its log:\n%s", what, log);
    }
    fd = accept(lfd, NULL, NULL);
    g_assert_cmpint(fd, >=, 0);
    fcntl(fd, F_SETFD, FD_CLOEXEC);
    close(lfd);
    return fd;
}

/* Next line without its newline; aborts the test on timeout or EOF. */
static char *read_line(QVM *vm, LineConn *c)
{
    for (;;) {
        char *nl = memchr(c->buf->str, '\n', c->buf->len);
        struct pollfd p = { .fd = c->fd, .events = POLLIN };
        char chunk[65536];
        ssize_t n;

        if (nl) {
            char *line = g_strndup(c->buf->str, nl - c->buf->str);

            g_string_erase(c->buf, 0, nl - c->buf->str + 1);
            g_strchomp(line);
            return line;
        }
        if (poll(&p, 1, vm->timeout_ms) != 1) {
            g_autofree char *log = qvm_log(vm);

            g_error("no answer from QEMU in %d s; its log:\n%s",
                    vm->timeout_ms / 1000, log);
        }
        n = read(c->fd, chunk, sizeof(chunk));
        if (n <= 0) {
            g_autofree char *log = qvm_log(vm);

            g_error("QEMU closed its socket (exited?); its log:\n%s", log);
        }
        g_string_append_len(c->buf, chunk, n);
    }
}

static void write_all(LineConn *c, const char *s)
{
    size_t len = strlen(s);

    while (len) {
        ssize_t n = write(c->fd, s, len);

        if (n < 0 && errno == EINTR) {
            continue;
        }
        g_assert_cmpint(n, >, 0);
        s += n;
        len -= n;
    }
}

/* One qtest command; returns the text after "OK" (may be empty). */
static char *qtest_cmd(QVM *vm, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
static char *qtest_cmd(QVM *vm, const char *fmt, ...)
{
    g_autofree char *cmd = NULL;
    va_list ap;

    va_start(ap, fmt);
    cmd = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    vm->commands++;
    write_all(&vm->qtest, cmd);
    for (;;) {
        g_autofree char *line = read_line(vm, &vm->qtest);

        if (g_str_has_prefix(line, "IRQ ")) {
            continue;           /* interrupts are not intercepted by us */
        }
        if (g_str_has_prefix(line, "OK")) {
            return g_strdup(g_strstrip(line + 2));
        }
        g_error("qtest command \"%s\" failed: %s", g_strchomp(cmd), line);
    }
}

static uint64_t parse_hex(const char *s)
{
    char *end;
    uint64_t v = g_ascii_strtoull(s, &end, 16);

    g_assert_true(end != s);
    return v;
}

static char *qmp_line(QVM *vm)
{
    for (;;) {
        char *line = read_line(vm, &vm->qmp);

        if (strstr(line, "\"event\"")) {
            g_ptr_array_add(vm->events, line);
            continue;
        }
        return line;
    }
}

QVM *qvm_start(const char *fmt, ...)
{
    g_autofree char *qemu = g_strdup(g_getenv("VS3_QEMU"));
    const char *fw = g_getenv("VS3_QEMU_FIRMWARE");
    g_autofree char *extra = NULL;
    g_autofree char *cmdline = NULL;
    g_autofree char *qtest_path = NULL, *qmp_path = NULL, *log = NULL;
    g_autoptr(GString) fwargs = g_string_new("");
    g_auto(GStrv) argv = NULL;
    g_autoptr(GError) err = NULL;
    QVM *vm = g_new0(QVM, 1);
    int qtest_l, qmp_l;
    va_list ap;

    if (!qemu) {
        g_error("VS3_QEMU is not set: run the tests through make check");
    }
    va_start(ap, fmt);
    extra = g_strdup_vprintf(fmt, ap);
    va_end(ap);

    vm->dir = g_dir_make_tmp("vs3-qtest-XXXXXX", &err);
    g_assert_no_error(err);
    vm->events = g_ptr_array_new_with_free_func(g_free);
    qtest_path = g_build_filename(vm->dir, "qtest.sock", NULL);
    qmp_path = g_build_filename(vm->dir, "qmp.sock", NULL);
    log = g_build_filename(vm->dir, "qemu.log", NULL);
    qtest_l = listen_unix(qtest_path);
    qmp_l = listen_unix(qmp_path);

    if (fw) {
        g_auto(GStrv) dirs = g_strsplit(fw, ":", -1);

        for (char **d = dirs; *d; d++) {
            if (**d) {
                g_string_append_printf(fwargs, " -L %s", *d);
            }
        }
    }
    vm->timeout_ms = QVM_TIMEOUT_MS;
    if (g_getenv("VS3_QEMU_WRAPPER")) {
        g_auto(GStrv) parts = g_strsplit(g_getenv("VS3_QEMU_WRAPPER"),
                                         "@DIR@", -1);
        g_autofree char *wrapper = g_strjoinv(vm->dir, parts);

        g_free(qemu);
        qemu = g_strdup_printf("%s %s", wrapper, g_getenv("VS3_QEMU"));
        vm->timeout_ms = QVM_WRAPPED_TIMEOUT_MS;
    }
    cmdline = g_strdup_printf("%s -M pc -accel qtest -nodefaults %s"
                              " -qtest unix:%s -qtest-log /dev/null"
                              " -chardev socket,path=%s,id=qmp0"
                              " -mon chardev=qmp0,mode=control"
                              " -D %s %s %s",
                              qemu, strstr(extra, "-display") ? "" :
                              "-display none", qtest_path, qmp_path, log,
                              fwargs->str, extra);
    g_test_message("starting %s", cmdline);
    g_shell_parse_argv(cmdline, NULL, &argv, &err);
    g_assert_no_error(err);
    {
        g_autofree char *errlog = g_build_filename(vm->dir, "stderr.log",
                                                   NULL);
        int efd = open(errlog, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

        g_assert_cmpint(efd, >=, 0);
        g_spawn_async_with_fds(NULL, argv, NULL,
                               G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_SEARCH_PATH,
                               qvm_child_setup, NULL, &vm->pid, -1, efd, efd,
                               &err);
        close(efd);
        g_assert_no_error(err);
    }

    vm->qtest.fd = accept_timeout(vm, qtest_l, "qtest");
    vm->qtest.buf = g_string_new("");
    vm->qmp.fd = accept_timeout(vm, qmp_l, "QMP");
    vm->qmp.buf = g_string_new("");
    g_free(qmp_line(vm));                   /* greeting */
    g_free(qvm_qmp(vm, NULL, "{\"execute\": \"qmp_capabilities\"}"));
    return vm;
}

static int wait_exit(QVM *vm, int timeout_ms)
{
    int status;

    for (int waited = 0; waited < timeout_ms; waited += 10) {
        pid_t r = waitpid(vm->pid, &status, WNOHANG);

        if (r == vm->pid) {
            return status;
        }
        g_usleep(10 * 1000);
    }
    kill(vm->pid, SIGKILL);
    waitpid(vm->pid, &status, 0);
    g_test_message("QEMU did not exit in %d ms: killed", timeout_ms);
    g_test_fail();
    return status;
}

static void qvm_free(QVM *vm)
{
    close(vm->qtest.fd);
    close(vm->qmp.fd);
    g_string_free(vm->qtest.buf, TRUE);
    g_string_free(vm->qmp.buf, TRUE);
    g_ptr_array_free(vm->events, TRUE);
    g_spawn_close_pid(vm->pid);
    /* Keep the directory of a failed test: its logs tell why. */
    if (!g_test_failed()) {
        g_autofree char *cmd = g_strdup_printf("rm -rf '%s'", vm->dir);

        if (system(cmd) != 0) {
            g_test_message("could not remove %s", vm->dir);
        }
    } else {
        g_test_message("logs kept in %s", vm->dir);
    }
    g_free(vm->dir);
    g_free(vm);
}

char *qvm_quit_reading(QVM *vm, const char *name)
{
    g_autofree char *path = NULL;
    char *contents = NULL;
    int status;

    write_all(&vm->qmp, "{\"execute\": \"quit\"}\n");
    status = wait_exit(vm, vm->timeout_ms);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        g_autofree char *log = qvm_log(vm);

        g_test_message("QEMU exit status 0x%x; its log:\n%s", status, log);
        g_test_fail();
    }
    if (name) {
        path = g_build_filename(vm->dir, name, NULL);
        if (!g_file_get_contents(path, &contents, NULL, NULL)) {
            g_test_message("QEMU left no %s", path);
            g_test_fail();
        }
    }
    qvm_free(vm);
    return contents;
}

void qvm_quit(QVM *vm)
{
    g_free(qvm_quit_reading(vm, NULL));
}

int qvm_wait_exit(QVM *vm, char **log)
{
    int status = wait_exit(vm, vm->timeout_ms);

    *log = qvm_log(vm);
    qvm_free(vm);
    return status;
}

void qvm_kill(QVM *vm)
{
    kill(vm->pid, SIGKILL);
    wait_exit(vm, vm->timeout_ms);
    qvm_free(vm);
}

GPid qvm_pid(QVM *vm)
{
    return vm->pid;
}

unsigned long qvm_qtest_commands(QVM *vm)
{
    return vm->commands;
}

long qvm_rss_kib(QVM *vm)
{
    g_autofree char *path = g_strdup_printf("/proc/%d/status", vm->pid);
    g_autofree char *status = NULL;
    const char *p;

    g_assert_true(g_file_get_contents(path, &status, NULL, NULL));
    p = strstr(status, "VmRSS:");
    g_assert_nonnull(p);
    return atol(p + 6);
}

void qvm_memset(QVM *vm, uint64_t addr, uint8_t c, size_t len)
{
    g_free(qtest_cmd(vm, "memset 0x%" PRIx64 " 0x%zx 0x%02x\n", addr, len,
                     c));
}

const char *qvm_dir(QVM *vm)
{
    return vm->dir;
}

char *qvm_log(QVM *vm)
{
    g_autofree char *log = g_build_filename(vm->dir, "qemu.log", NULL);
    g_autofree char *err = g_build_filename(vm->dir, "stderr.log", NULL);
    g_autofree char *a = NULL, *b = NULL;

    g_file_get_contents(log, &a, NULL, NULL);
    g_file_get_contents(err, &b, NULL, NULL);
    return g_strdup_printf("%s%s", a ? a : "", b ? b : "");
}

static const char *const size_suffix[] = {
    [1] = "b", [2] = "w", [4] = "l", [8] = "q",
};

void qvm_out(QVM *vm, uint16_t port, int size, uint32_t val)
{
    g_assert(size == 1 || size == 2 || size == 4);
    g_free(qtest_cmd(vm, "out%s 0x%x 0x%x\n", size_suffix[size], port, val));
}

uint32_t qvm_in(QVM *vm, uint16_t port, int size)
{
    g_autofree char *r = NULL;

    g_assert(size == 1 || size == 2 || size == 4);
    r = qtest_cmd(vm, "in%s 0x%x\n", size_suffix[size], port);
    return parse_hex(r);
}

void qvm_write(QVM *vm, uint64_t addr, int size, uint64_t val)
{
    g_assert(size == 1 || size == 2 || size == 4 || size == 8);
    g_free(qtest_cmd(vm, "write%s 0x%" PRIx64 " 0x%" PRIx64 "\n",
                     size_suffix[size], addr, val));
}

uint64_t qvm_read(QVM *vm, uint64_t addr, int size)
{
    g_autofree char *r = NULL;

    g_assert(size == 1 || size == 2 || size == 4 || size == 8);
    r = qtest_cmd(vm, "read%s 0x%" PRIx64 "\n", size_suffix[size], addr);
    return parse_hex(r);
}

void qvm_memwrite(QVM *vm, uint64_t addr, const void *buf, size_t len)
{
    g_autofree char *b64 = NULL;

    if (!len) {
        return;
    }
    b64 = g_base64_encode(buf, len);
    g_free(qtest_cmd(vm, "b64write 0x%" PRIx64 " 0x%zx %s\n", addr, len,
                     b64));
}

void qvm_memread(QVM *vm, uint64_t addr, void *buf, size_t len)
{
    g_autofree char *r = NULL;
    g_autofree guchar *data = NULL;
    gsize n;

    if (!len) {
        return;
    }
    r = qtest_cmd(vm, "b64read 0x%" PRIx64 " 0x%zx\n", addr, len);
    data = g_base64_decode(r, &n);
    g_assert_cmpuint(n, ==, len);
    memcpy(buf, data, len);
}

char *qvm_qmp(QVM *vm, char **error, const char *fmt, ...)
{
    g_autofree char *cmd = NULL;
    g_autofree char *line = NULL;
    const char *r;
    va_list ap;

    va_start(ap, fmt);
    cmd = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    write_all(&vm->qmp, cmd);
    write_all(&vm->qmp, "\n");
    line = qmp_line(vm);
    if ((r = strstr(line, "\"return\": "))) {
        char *ret = g_strdup(r + strlen("\"return\": "));

        /* Drop the closing brace of the response object. */
        g_strchomp(ret);
        if (g_str_has_suffix(ret, "}")) {
            ret[strlen(ret) - 1] = '\0';
        }
        return g_strchomp(ret);
    }
    if (error) {
        *error = g_strdup(line);
        return NULL;
    }
    g_test_message("QMP %s failed: %s", cmd, line);
    g_test_fail();
    return NULL;
}

char *qvm_wait_event_line(QVM *vm, const char *event)
{
    g_autofree char *needle = g_strdup_printf("\"event\": \"%s\"", event);

    for (;;) {
        for (guint i = 0; i < vm->events->len; i++) {
            if (strstr(g_ptr_array_index(vm->events, i), needle)) {
                return g_ptr_array_steal_index(vm->events, i);
            }
        }
        g_ptr_array_add(vm->events, read_line(vm, &vm->qmp));
    }
}

void qvm_wait_event(QVM *vm, const char *event)
{
    g_free(qvm_wait_event_line(vm, event));
}

char *qvm_status(QVM *vm)
{
    g_autofree char *r = qvm_qmp(vm, NULL,
                                 "{\"execute\": \"query-status\"}");
    const char *s = r ? strstr(r, "\"status\": \"") : NULL;

    g_assert_nonnull(s);
    s += strlen("\"status\": \"");
    return g_strndup(s, strcspn(s, "\""));
}

char *qvm_screendump(QVM *vm, const char *name)
{
    char *path = g_build_filename(vm->dir, name, NULL);

    g_free(qvm_qmp(vm, NULL, "{\"execute\": \"screendump\", \"arguments\":"
                   " {\"filename\": \"%s\"}}", path));
    return path;
}
